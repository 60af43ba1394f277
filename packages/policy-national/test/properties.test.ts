import { fc, test } from "@fast-check/vitest"
import { CalendarDate, type CaseFile, Engine, type Evaluation, Loader } from "@liushou/core"
import { national } from "@liushou/policy-national"
import { Arbitraries } from "@liushou/testkit"
import { describe, expect } from "vitest"

const engine = Engine.make(Loader.load([national]))
const RUNS = { numRuns: 1000 }
const AS_OF = "2021-06-30"
const rank = (v: boolean | null): number => (v === false ? 0 : v === null ? 1 : 2)
const run = (cf: CaseFile.CaseFile, asOf = AS_OF): Evaluation.Evaluation => {
  const r = engine.evaluate(cf, asOf)
  if (!r.ok) throw new Error("no policy in force")
  return r.value
}
const cases = Arbitraries.caseFile({ asOf: AS_OF, age: { min: 55, max: 100 } })

describe("national baseline: laws", () => {
  test.prop([cases, fc.integer({ min: 1, max: 30 })], RUNS)("an older elder (all else fixed) is never less left behind", (cf, years) => {
    const older = { ...cf, elder: { ...cf.elder, birthDate: CalendarDate.addYears(cf.elder.birthDate, -years) } }
    expect(rank(run(older).leftBehind.value)).toBeGreaterThanOrEqual(rank(run(cf).leftBehind.value))
  })

  test.prop([cases, fc.nat()], RUNS)("a supporter coming home never makes an elder more left behind", (cf, pick) => {
    fc.pre(cf.supporters.length > 0)
    const i = pick % cf.supporters.length
    const home = { ...cf, supporters: cf.supporters.map((s, j) => (j === i ? { ...s, whereabouts: "with-elder" as const, awaySince: null } : s)) }
    expect(rank(run(home).leftBehind.value)).toBeLessThanOrEqual(rank(run(cf).leftBehind.value))
  })

  test.prop([cases, fc.integer({ min: 1, max: 3650 })], RUNS)("a longer absence (an earlier departure) never makes an elder less left behind", (cf, days) => {
    const earlier = { ...cf, supporters: cf.supporters.map((s) => (s.awaySince === null ? s : { ...s, awaySince: CalendarDate.addDays(s.awaySince, -days) })) }
    expect(rank(run(earlier).leftBehind.value)).toBeGreaterThanOrEqual(rank(run(cf).leftBehind.value))
  })

  test.prop([cases, fc.integer({ min: 1, max: 30 })], RUNS)("priority is monotone in age", (cf, years) => {
    const older = { ...cf, elder: { ...cf.elder, birthDate: CalendarDate.addYears(cf.elder.birthDate, -years) } }
    const before = run(cf)
    const after = run(older)
    if (before.leftBehind.value === after.leftBehind.value) expect(rank(after.priority.value)).toBeGreaterThanOrEqual(rank(before.priority.value))
  })

  test.prop([cases], RUNS)("every reason cites a clause, in Chinese and English; every supporter away has a contact finding", (cf) => {
    const e = run(cf)
    const reasons = [...e.selection.reasons, ...e.leftBehind.reasons, ...e.priority.reasons, ...e.duties.flatMap((d) => d.reasons)]
    expect(e.leftBehind.reasons.length).toBeGreaterThan(0)
    expect(e.priority.reasons.length).toBeGreaterThan(0)
    for (const r of reasons) {
      expect(r.citation.document).not.toBe("")
      expect(r.citation.clause).not.toBe("")
      expect(r.text.zh).not.toBe("")
      expect(r.text.en).not.toBe("")
    }
    for (const s of cf.supporters) {
      if (s.whereabouts !== "with-elder") expect(e.duties.some((d) => d.duty === "regular-contact" && d.supporterId === s.id)).toBe(true)
    }
  })

  test.prop([cases], RUNS)("the value is null only when a needed fact is missing, and the reasons then name it", (cf) => {
    const e = run(cf)
    if (e.leftBehind.value === null) {
      expect(cf.supporters.some((s) => s.awaySince === null)).toBe(true)
      expect(e.leftBehind.reasons.some((r) => /supporters\[\d+\]\.awaySince/.test(r.text.en))).toBe(true)
    }
  })
})
