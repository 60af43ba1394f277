import { CalendarDate, CaseFile, type Evaluation } from "@liushou/core"
import { fc, test } from "@fast-check/vitest"
import { describe, expect, it } from "vitest"
import { FACTOR, levelOf } from "../src/index.js"
import { leftBehindCase } from "./arbitraries.js"
import { base, codes, evaluate } from "./helpers.js"

const RANK: Record<string, number> = { low: 0, medium: 1, high: 2 }
const level = (e: Evaluation.Evaluation) => e.risk!.level

describe("§8 annual risk grading", () => {
  it("§8 no risk factor: low, with no why-not", () => {
    const r = evaluate(base()).risk!
    expect(r.level).toBe("low")
    expect(r.whyNot).toEqual([])
    expect(r.reasons[0]!.citation).toEqual({ document: "湘民发〔2018〕30号", clause: "8" })
  })

  it("§8 one factor (health: a serious illness with a spouse at home): medium, lowered by recovery", () => {
    const r = evaluate(base({ seriousIllness: true })).risk!
    expect(r.level).toBe("medium")
    expect(r.whyNot.map((w) => w.field)).toEqual(["elder.seriousIllness"])
  })

  it("§8 income (经济收入): income below 1.5 × the county dibao standard is a factor; the why-not names the figure", () => {
    // 2019 sample standard for 430121 is 5,160, so the low-income line is 7,740
    const r = evaluate(base({ annualIncome: 7000 })).risk!
    expect(r.level).toBe("medium")
    expect(codes(r.reasons)).toContain("risk.factor.low-income")
    expect(r.whyNot).toEqual([expect.objectContaining({ field: "elder.annualIncome", operator: ">=", to: 7740 })])
    expect(evaluate(base({ annualIncome: 7740 })).risk!.level).toBe("low")
  })

  it("§8 the income factor is not assessed, and says so, when the county's dibao standard is missing", () => {
    const r = evaluate(base({ annualIncome: 100, regionCode: "430124101201" })).risk!
    expect(r.level).toBe("low")
    expect(codes(r.reasons)).toContain("risk.income-not-assessed")
  })

  it("§8 support (赡养): no contact from any supporter for more than 90 days is a factor", () => {
    const cf = base({}, { supporters: [{ id: "son", relation: "son", whereabouts: "out-of-county", awaySince: "2015-03-01", reportedToVillage: true, lastContact: "2019-03-01" }] })
    const r = evaluate({ ...cf, delegatedCarer: { name: "侄女", relation: "niece", since: "2016-01-01" } }).risk!
    expect(r.level).toBe("medium")
    expect(r.whyNot).toEqual([expect.objectContaining({ field: "supporters[].lastContact", to: "2019-04-01" })])
  })

  it("§8 severe disability alone is high; lowered if ability were moderate", () => {
    const r = evaluate(base({ ability: "severe" })).risk!
    expect(r.level).toBe("high")
    expect(r.whyNot.map((w) => [w.field, w.to])).toEqual([["elder.ability", "moderate"]])
  })

  it("§8 advanced age and living alone is high (three-tier practice)", () => {
    const r = evaluate(base({ birthDate: "1935-01-01", livingArrangement: "alone" })).risk!
    expect(r.level).toBe("high")
    expect(codes(r.reasons)).toContain("risk.high.old-and-alone")
  })

  it("§8 an economically difficult elder of advanced age is high (§1, §10 key targets)", () => {
    expect(codes(evaluate(base({ birthDate: "1935-01-01", receiving: ["dibao"] })).risk!.reasons)).toContain("risk.high.poor-and-frail")
  })

  it("§8 unsafe housing is high; at-risk housing is medium", () => {
    expect(evaluate(base({ housingSafety: "unsafe" })).risk!.level).toBe("high")
    expect(evaluate(base({ housingSafety: "at-risk" })).risk!.level).toBe("medium")
  })

  it("§8 the county grades every left-behind elder at least once a year", () => {
    const current = evaluate(base()).risk!
    expect(current).toMatchObject({ lastAssessed: "2019-01-10", nextAssessmentDue: "2020-01-10", assessmentOverdue: false })
    const old = evaluate(base({}, { riskAssessments: [{ date: "2018-06-29", level: "low" }] })).risk!
    expect(old).toMatchObject({ nextAssessmentDue: "2019-06-29", assessmentOverdue: true })
    const never = evaluate(base({}, { riskAssessments: [] })).risk!
    expect(never).toMatchObject({ lastAssessed: null, nextAssessmentDue: null, assessmentOverdue: true })
    expect(codes(never.reasons)).toContain("risk.assessment.never")
  })

  it("§8 an assessment dated after the as-of date is ignored", () => {
    const r = evaluate(base({}, { riskAssessments: [{ date: "2019-07-01", level: "low" }] })).risk!
    expect(r.lastAssessed).toBeNull()
  })

  it("§8 an elder who is not left behind is not graded: level null with a reason", () => {
    const r = evaluate(base({ rural: false })).risk!
    expect(r.level).toBeNull()
    expect(codes(r.reasons)).toEqual(["risk.not-left-behind"])
    expect(r.assessmentOverdue).toBe(false)
  })
})

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
    const r = evaluate(cf).risk!
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
      const after = evaluate(changed).risk!
      if (after.level !== null) expect(RANK[after.level]).toBeLessThan(RANK[r.level]!)
    }
  })

  it("the factor bits are distinct", () => {
    const bits = Object.values(FACTOR)
    expect(new Set(bits).size).toBe(bits.length)
  })
})
