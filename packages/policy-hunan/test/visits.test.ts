import { test } from "@fast-check/vitest"
import { describe, expect, it } from "vitest"
import { caseFile } from "./arbitraries.js"
import { base, codes, evaluate } from "./helpers.js"
import type { Parameter } from "@liushou/core"
import { hunan } from "../src/index.js"

const v = (date: string, mode: "home" | "phone" | "video" = "home", concerns: Array<"health" | "abuse" | "loneliness"> = []) => ({ date, mode, by: "village-committee" as const, concerns })

describe("§1 §3 periodic visits", () => {
  it("§1 the interval follows the risk level: low 90, medium 30, high 7 days", () => {
    expect(evaluate(base()).visits!.intervalDays).toBe(90)
    expect(evaluate(base({ seriousIllness: true })).visits!.intervalDays).toBe(30)
    expect(evaluate(base({ ability: "total" })).visits!.intervalDays).toBe(7)
  })

  it("§1 next due = last visit + interval; the window moves not-due → due → late → overdue", () => {
    const cf = base({}, { visits: [v("2019-03-01")] })
    // low: 90 days, grace 14
    expect(evaluate(cf, "2019-05-29").visits).toMatchObject({ lastVisit: "2019-03-01", nextDue: "2019-05-30", window: "not-due", overdue: false })
    expect(evaluate(cf, "2019-05-30").visits).toMatchObject({ window: "due", overdue: false })
    expect(evaluate(cf, "2019-06-13").visits).toMatchObject({ window: "due", overdue: false })
    expect(evaluate(cf, "2019-06-14").visits).toMatchObject({ window: "late", overdue: true })
    expect(evaluate(cf, "2019-08-28").visits).toMatchObject({ window: "late" })
    expect(evaluate(cf, "2019-08-29").visits).toMatchObject({ window: "overdue", overdue: true })
  })

  it("§3 phone calls and home visits count (电话问候、上门访问); visits after the as-of date are ignored", () => {
    const cf = base({}, { visits: [v("2019-05-01", "phone"), v("2019-07-01", "home")] })
    expect(evaluate(cf).visits!.lastVisit).toBe("2019-05-01")
    expect(codes(evaluate(cf).visits!.reasons)).toContain("visits.counting-modes")
  })

  it("§1 an elder never visited is owed a visit now (overdue)", () => {
    const s = evaluate(base({}, { visits: [] })).visits!
    expect(s).toMatchObject({ lastVisit: null, nextDue: "2019-06-30", overdue: true, window: "overdue" })
  })

  it("§3 a concern at the last visit calls for an extra visit within 7 days; abuse within 1 day", () => {
    expect(evaluate(base({}, { visits: [v("2019-06-20", "home", ["loneliness"])] })).visits!.extraVisitDue).toBe("2019-06-27")
    expect(evaluate(base({}, { visits: [v("2019-06-20", "home", ["abuse"])] })).visits!.extraVisitDue).toBe("2019-06-21")
    expect(evaluate(base()).visits!.extraVisitDue).toBeNull()
  })

  it("§3 a new serious illness (no visit has recorded a health concern) calls for an extra visit now", () => {
    expect(evaluate(base({ seriousIllness: true })).visits!.extraVisitDue).toBe("2019-06-30")
    expect(evaluate(base({ seriousIllness: true }, { visits: [v("2019-05-01", "home", ["health"]), v("2019-06-10")] })).visits!.extraVisitDue).toBeNull()
  })

  it("§1 not left behind: not applicable", () => {
    expect(evaluate(base({ rural: false })).visits).toMatchObject({ intervalDays: null, window: "not-applicable", nextDue: null })
  })
})

describe("visit laws", () => {
  const RANK: Record<string, number> = { low: 0, medium: 1, high: 2 }
  test.prop([caseFile, caseFile], { numRuns: 500 })("a higher risk level never lengthens the visit interval", (a, b) => {
    const ea = evaluate(a)
    const eb = evaluate(b)
    if (ea.risk!.level === null || eb.risk!.level === null) return
    if (RANK[ea.risk!.level]! > RANK[eb.risk!.level]!) expect(ea.visits!.intervalDays!).toBeLessThanOrEqual(eb.visits!.intervalDays!)
  })

  it("the interval and grace parameters decrease with the level at every date", () => {
    const levels = hunan.riskLevels!.map((l) => l.id)
    for (const id of ["hunan.visits.intervalDays", "hunan.visits.graceDays"]) {
      const p = hunan.parameters.find((x) => x.id === id) as Parameter.Parameter<Record<string, number>>
      for (const val of p.values) for (let i = 1; i < levels.length; i++) expect(val.value[levels[i]!]!).toBeLessThanOrEqual(val.value[levels[i - 1]!]!)
    }
  })

  test.prop([caseFile], { numRuns: 500 })("the window agrees with the dates: due date = last visit + interval, never a visit after the as-of date", (cf) => {
    const s = evaluate(cf).visits!
    if (s.window === "not-applicable") return
    if (s.lastVisit !== null) expect(s.lastVisit <= "2019-06-30").toBe(true)
    expect(s.overdue).toBe(s.window === "late" || s.window === "overdue")
    if (s.window === "not-due") expect(s.nextDue! > "2019-06-30").toBe(true)
    else expect(s.nextDue! <= "2019-06-30").toBe(true)
  })
})
