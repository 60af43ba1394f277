import { CalendarDate, CaseFile, Engine, type Evaluation } from "@liushou/core"
import { fc, test } from "@fast-check/vitest"
import { describe, expect, it } from "vitest"
import { FACTOR, levelOf } from "../src/index.js"
import { leftBehindCase } from "./arbitraries.js"
import { evaluate, registry } from "./helpers.js"

const RANK: Record<string, number> = { low: 0, medium: 1, high: 2 }
// the level these rules compute (the county's recorded grade may govern instead: s8-county-grade-governs.yaml)
const level = (e: Evaluation.Evaluation) => e.risk!.suggested!.level

describe("§8 risk grading laws", () => {
  test.prop([fc.nat(1 << 14), fc.nat(13), fc.integer({ min: 1, max: 7 })], { numRuns: 2000 })("a factor added never lowers the level", (mask, bit, k) => {
    expect(levelOf(mask | (1 << bit), k)).toBeGreaterThanOrEqual(levelOf(mask, k))
  })

  const monotone = (name: string, worsen: (cf: CaseFile.CaseFile, n: number) => CaseFile.CaseFile) =>
    test.prop([leftBehindCase, fc.integer({ min: 1, max: 4000 })], { numRuns: 500 })(`a worse factor never lowers the risk level: ${name}`, (cf, n) => {
      const a = evaluate(cf)
      const b = evaluate(worsen(cf, n))
      if (level(a) === null || level(b) === null) return
      expect(RANK[level(b)!]).toBeGreaterThanOrEqual(RANK[level(a)!]!)
    })

  monotone("older", (cf, n) => ({ ...cf, elder: { ...cf.elder, birthDate: CalendarDate.addDays(cf.elder.birthDate, -n * 3) } }))
  monotone("lower income", (cf, n) => ({ ...cf, elder: { ...cf.elder, annualIncome: Math.max(0, cf.elder.annualIncome - n * 5) } }))
  monotone("worse ability", (cf, n) => {
    const i = Math.min(CaseFile.ABILITY_LEVELS.length - 1, CaseFile.ABILITY_LEVELS.indexOf(cf.elder.ability) + 1 + (n % 3))
    return { ...cf, elder: { ...cf.elder, ability: CaseFile.ABILITY_LEVELS[i]! } }
  })
  monotone("fewer supporters at home", (cf, n) => {
    const at = cf.supporters.findIndex((s) => s.whereabouts === "with-elder")
    const supporters =
      at < 0
        ? cf.supporters
        : n % 2 === 0
          ? cf.supporters.filter((_, i) => i !== at)
          : cf.supporters.map((s, i) => (i === at ? { ...s, whereabouts: "out-of-county" as const, awaySince: "2010-01-01" } : s))
    return { ...cf, supporters }
  })
  monotone("longer since last contact", (cf, n) => ({
    ...cf,
    supporters: cf.supporters.map((s) => (s.lastContact === null ? s : { ...s, lastContact: CalendarDate.addDays(s.lastContact, -n) }))
  }))

  test.prop([leftBehindCase], { numRuns: 500 })("every why-not of a risk level lowers it when applied (ability, housing, illness, living alone, carer, contact)", (cf) => {
    const r = evaluate(cf).risk!.suggested!
    if (r.level === null) return
    if (r.level === "low") expect(r.whyNot).toEqual([])
    for (const w of r.whyNot) {
      let changed: CaseFile.CaseFile = cf
      if (w.field === "elder.ability") changed = { ...cf, elder: { ...cf.elder, ability: w.to as CaseFile.Ability } }
      else if (w.field === "elder.housingSafety") changed = { ...cf, elder: { ...cf.elder, housingSafety: w.to as "safe" } }
      else if (w.field === "elder.seriousIllness") changed = { ...cf, elder: { ...cf.elder, seriousIllness: false } }
      else if (w.field === "elder.livingArrangement") changed = { ...cf, elder: { ...cf.elder, livingArrangement: "with-relatives" } }
      else if (w.field === "delegatedCarer.since") changed = { ...cf, delegatedCarer: { name: "受托人", relation: "niece", since: w.to as string } }
      else if (w.field === "supporters[].lastContact") changed = { ...cf, supporters: cf.supporters.map((s) => (s.whereabouts === "with-elder" ? s : { ...s, lastContact: w.to as string })) }
      else if (w.field === "elder.annualIncome") changed = { ...cf, elder: { ...cf.elder, annualIncome: w.to as number } }
      const after = evaluate(changed).risk!.suggested!
      if (after.level !== null) expect(RANK[after.level]).toBeLessThan(RANK[r.level]!)
    }
  })

  it("the factor bits are distinct", () => {
    const bits = Object.values(FACTOR)
    expect(new Set(bits).size).toBe(bits.length)
  })
})

describe("§8 a county's recorded grade, with reasons shared across elders by one plan", () => {
  // the plan keeps one table of a recorded grade's reasons for every elder (by grade date, grade
  // and computed level): an elder's risk decision must not depend on which elders went before it
  it("two elders with the same recorded grade get the decisions a fresh engine gives each", () => {
    let compared = 0
    let levelsDiffer = 0
    fc.assert(
      fc.property(leftBehindCase, leftBehindCase, fc.constantFrom("low", "medium", "high"), fc.constantFrom("2019-01-10", "2019-05-31"), (a0, b0, grade, date) => {
        const graded = (cf: CaseFile.CaseFile): CaseFile.CaseFile => ({ ...cf, riskAssessments: [{ date, level: grade }] })
        const a = graded(a0)
        const b = graded({ ...b0, elder: { ...b0.elder, id: `${b0.elder.id}-b` } })
        const shared = Engine.make(registry)
        const run = (e: Engine.Engine, cf: CaseFile.CaseFile) => {
          const r = e.evaluate(cf, "2019-06-30")
          if (!r.ok) throw new Error(r.error.reason.reasons.map((x) => x.text.en).join("; "))
          return r.value.risk
        }
        const [ra, rb] = [run(shared, a), run(shared, b)]
        expect(ra).toStrictEqual(run(Engine.make(registry), a))
        expect(rb).toStrictEqual(run(Engine.make(registry), b))
        compared++
        if (ra?.suggested?.level !== rb?.suggested?.level) levelsDiffer++
      }),
      { numRuns: 60, seed: 20261203 }
    )
    expect(compared).toBe(60)
    // elders whose computed levels differ under one recorded grade were compared, not only equal ones
    expect(levelsDiffer).toBeGreaterThan(5)
  })
})
