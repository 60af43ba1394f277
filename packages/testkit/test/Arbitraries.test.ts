import { fc, test } from "@fast-check/vitest"
import { CalendarDate, CaseFile, Decode, IdNumber, RegionCode } from "@liushou/core"
import { Arbitraries, caseFileArb } from "@liushou/testkit"
import { describe, expect, it } from "vitest"

describe("Arbitraries", () => {
  test.prop([Arbitraries.caseAtDate("2018-08-03", "2030-12-31")], { numRuns: 3000 })("every generated case decodes with Decode.caseFile", ({ caseFile }) => {
    const r = Decode.caseFile(caseFile)
    if (!r.ok) throw new Error(Decode.formatError(r.error, "en"))
    expect(r.value).toEqual(caseFile)
  })

  test.prop([Arbitraries.caseFile({ asOf: "2024-06-30", riskLevels: ["low", "medium", "high"] })], { numRuns: 1000 })(
    "ID numbers agree with birth date and sex, ages are realistic, dates are not after the as-of date",
    (cf) => {
      const e = cf.elder
      if (e.idNumber !== undefined) {
        expect(IdNumber.validate(e.idNumber)).toBeUndefined()
        expect(IdNumber.birthDate(e.idNumber)).toBe(e.birthDate)
        expect(IdNumber.sex(e.idNumber)).toBe(e.sex)
      }
      const age = CalendarDate.ageAt(e.birthDate, "2024-06-30")
      expect(age).toBeGreaterThanOrEqual(50)
      expect(age).toBeLessThanOrEqual(100)
      expect(cf.supporters.filter((s) => s.relation !== "spouse").length).toBeLessThanOrEqual(6)
      for (const s of cf.supporters) {
        if (s.awaySince !== null) expect(s.awaySince <= "2024-06-30").toBe(true)
        if (s.lastContact !== null) expect(s.lastContact <= "2024-06-30").toBe(true)
      }
      const dates = cf.visits.map((v) => v.date)
      expect(dates).toEqual([...dates].sort())
      for (const r of cf.riskAssessments) expect(["low", "medium", "high"]).toContain(r.level)
    }
  )

  test.prop([caseFileArb({ asOf: "2024-06-30", age: 85, livingArrangement: "alone", region: "430121" })], { numRuns: 500 })(
    "pins any part: an elder of 85 living alone in county 430121",
    (cf) => {
      expect(CalendarDate.ageAt(cf.elder.birthDate, "2024-06-30")).toBe(85)
      expect(cf.elder.livingArrangement).toBe("alone")
      expect(RegionCode.at(cf.elder.regionCode, "county")).toBe("430121")
      expect(RegionCode.isVillage(cf.elder.regionCode)).toBe(true)
    }
  )

  test.prop([Arbitraries.caseFile({ asOf: "2024-06-30", supporters: 3, whereabouts: "out-of-county", annualIncome: { min: 3000, max: 4000 } })], { numRuns: 300 })(
    "pins supporters, their whereabouts and income ranges",
    (cf) => {
      const children = cf.supporters.filter((s) => s.relation !== "spouse")
      expect(children).toHaveLength(3)
      for (const s of children) expect(s.whereabouts).toBe("out-of-county")
      expect(cf.elder.annualIncome).toBeGreaterThanOrEqual(3000)
      expect(cf.elder.annualIncome).toBeLessThanOrEqual(4000)
    }
  )

  it("is reproducible by seed", () => {
    const a = fc.sample(Arbitraries.caseFile({ region: "43" }), { seed: 42, numRuns: 20 })
    const b = fc.sample(Arbitraries.caseFile({ region: "43" }), { seed: 42, numRuns: 20 })
    const c = fc.sample(Arbitraries.caseFile({ region: "43" }), { seed: 43, numRuns: 20 })
    expect(a).toEqual(b)
    expect(a).not.toEqual(c)
    for (const cf of a) expect(cf.elder.regionCode.startsWith("43")).toBe(true)
  })

  it("draws mostly elders of 60 to 100 and spreads ages, incomes and supporter counts", () => {
    const cases = fc.sample(Arbitraries.caseFile({ asOf: "2024-01-01" }), { seed: 7, numRuns: 2000 })
    const ages = cases.map((c) => CalendarDate.ageAt(c.elder.birthDate, "2024-01-01"))
    expect(ages.filter((a) => a >= 60).length / ages.length).toBeGreaterThan(0.85)
    expect(new Set(ages).size).toBeGreaterThan(30)
    expect(new Set(cases.map((c) => c.supporters.filter((s) => s.relation !== "spouse").length)).size).toBe(7)
    const near = cases.filter((c) => c.elder.annualIncome >= 3000 && c.elder.annualIncome <= 7000).length
    expect(near / cases.length).toBeGreaterThan(0.3)
    expect(new Set(cases.flatMap((c) => c.supporters.map((s) => s.whereabouts))).size).toBe(CaseFile.WHEREABOUTS.length)
  })

  test.prop([Arbitraries.asOfDate("2019-01-01", "2025-12-31")], { numRuns: 500 })("as-of dates stay in range with days 1-27", (d) => {
    expect(d >= "2019-01-01" && d <= "2025-12-31").toBe(true)
    expect(+d.slice(8, 10)).toBeLessThanOrEqual(27)
  })
})
