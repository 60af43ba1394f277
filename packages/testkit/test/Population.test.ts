import { CalendarDate, Decode, IdNumber, RegionCode } from "@liushou/core"
import { Population, syntheticCases, syntheticPopulation } from "@liushou/testkit"
import { describe, expect, it } from "vitest"

describe("syntheticPopulation", () => {
  it("is deterministic by seed and differs between seeds", () => {
    const a = syntheticPopulation(500, { region: "430121", seed: 9, asOf: "2024-06-30" })
    const b = syntheticPopulation(500, { region: "430121", seed: 9, asOf: "2024-06-30" })
    const c = syntheticPopulation(500, { region: "430121", seed: 10, asOf: "2024-06-30" })
    expect(JSON.stringify(a)).toBe(JSON.stringify(b))
    expect(JSON.stringify(a)).not.toBe(JSON.stringify(c))
    expect([...syntheticCases(500, { region: "430121", seed: 9, asOf: "2024-06-30" })]).toEqual(a)
  })

  it("every case decodes, lives in the region and has a consistent ID number", () => {
    const asOf = "2024-06-30"
    const cases = syntheticPopulation(5000, { region: "43", seed: 3, asOf, riskLevels: ["low", "high"] })
    const ids = new Set<string>()
    for (const cf of cases) {
      const r = Decode.caseFile(cf)
      if (!r.ok) throw new Error(Decode.formatError(r.error, "en"))
      expect(RegionCode.contains("43", cf.elder.regionCode)).toBe(true)
      if (cf.elder.idNumber !== undefined) {
        expect(IdNumber.birthDate(cf.elder.idNumber)).toBe(cf.elder.birthDate)
        expect(IdNumber.sex(cf.elder.idNumber)).toBe(cf.elder.sex)
      }
      ids.add(cf.elder.id)
    }
    expect(ids.size).toBe(5000)
    const counties = new Set(cases.map((c) => c.elder.regionCode.slice(0, 6)))
    expect(counties.size).toBeGreaterThan(5)
    const ages = cases.map((c) => CalendarDate.ageAt(c.elder.birthDate, asOf))
    expect(ages.filter((a) => a >= 60 && a <= 100).length / ages.length).toBeGreaterThan(0.9)
    expect(cases.some((c) => c.riskAssessments.length > 0)).toBe(true)
  })

  it("keeps a county population in its county, with mixed whereabouts, incomes around and above the local line, and a census-shaped age pyramid", () => {
    const cases = syntheticPopulation(3000, { region: "430121", seed: 1, incomeAround: 6000 })
    expect(cases.every((c) => c.elder.regionCode.startsWith("430121"))).toBe(true)
    const whereabouts = new Set(cases.flatMap((c) => c.supporters.map((s) => s.whereabouts)))
    expect(whereabouts).toEqual(new Set(["with-elder", "in-county", "out-of-county"]))
    const share = (p: (c: (typeof cases)[number]) => boolean) => cases.filter(p).length / cases.length
    // some cases close to the line, to exercise thresholds
    expect(share((c) => c.elder.annualIncome >= 3600 && c.elder.annualIncome <= 8400)).toBeGreaterThan(0.1)
    // a minority below the line, and the median well above it
    const below = share((c) => c.elder.annualIncome < 6000)
    expect(below).toBeGreaterThan(0.05)
    expect(below).toBeLessThan(0.3)
    expect(share((c) => c.elder.annualIncome > 12000)).toBeGreaterThan(0.3)
    // ages: 60-69 the largest band, 90+ a few percent
    const age = (c: (typeof cases)[number]) => 2024 - +c.elder.birthDate.slice(0, 4)
    expect(share((c) => age(c) >= 60 && age(c) <= 70)).toBeGreaterThan(0.45)
    expect(share((c) => age(c) >= 91)).toBeLessThan(0.05)
    expect(new Set(cases.map((c) => c.elder.livingArrangement)).size).toBe(5)
  })

  it("spreads a population of any province over its real counties (GB/T 2260 list), and names them", () => {
    for (const province of ["52", "15", "3301"]) {
      const cases = syntheticPopulation(2000, { region: province, seed: 4, asOf: "2024-06-30" })
      const counties = new Set(cases.map((c) => c.elder.regionCode.slice(0, 6)))
      expect(counties.size).toBeGreaterThan(10)
      for (const c of counties) {
        expect(c.startsWith(province)).toBe(true)
        expect(Population.regionName(c)).toBeDefined()
      }
      for (const cf of cases) expect(Decode.caseFile(cf).ok).toBe(true)
    }
    expect(Population.regionName("520121")).toBe("开阳县")
    expect(Population.regionName("52")).toBe("贵州省")
    expect(Population.regionName("520121101201")).toBe("开阳县")
    expect(Population.regionName("990000")).toBeUndefined()
  })
})
