import { test } from "@fast-check/vitest"
import { describe, expect, it } from "vitest"
import { caseFile } from "./arbitraries.js"
import { evaluate } from "./helpers.js"
import type { Parameter } from "@liushou/core"
import { hunan } from "../src/index.js"

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
