import { CaseFile } from "@liushou/core"
import { fc, test } from "@fast-check/vitest"
import { describe, expect, it } from "vitest"
import { caseFile, date } from "./arbitraries.js"
import { base, evaluate, program } from "./helpers.js"

const at = (elder: Partial<CaseFile.Elder> = {}, rest: Partial<Omit<CaseFile.CaseFile, "elder">> = {}, asOf = "2019-06-30") => evaluate(base(elder, rest), asOf)

describe("§5 social assistance", () => {
  it("§5 dibao: income below the county's rural dibao standard (sample 2019 figure for 430121: 5,160)", () => {
    expect(program(at({ annualIncome: 5159 }), "dibao").status).toBe("eligible")
    const no = program(at({ annualIncome: 5160 }), "dibao")
    expect(no.status).toBe("ineligible")
    expect(no.whyNot).toEqual([{ field: "elder.annualIncome", operator: "<", to: 5160, result: "eligible", text: expect.objectContaining({ en: "eligible if annual income < 5,160 yuan" }) }])
  })

  it("§5 dibao: the standard in force at the as-of date is used and recorded in provenance", () => {
    expect(program(at({ annualIncome: 5500 }), "dibao").status).toBe("ineligible")
    const e = at({ annualIncome: 5500 }, {}, "2020-06-30")
    expect(program(e, "dibao").status).toBe("eligible")
    expect(e.provenance.parameters).toContainEqual(expect.objectContaining({ id: "hunan.assistance.dibaoStandard", value: 5760, region: "430121", from: "2020-01-01" }))
  })

  it("§5 dibao: a county without a figure gets needs-information naming the parameter, never a guess", () => {
    const d = program(at({ regionCode: "430124101201", annualIncome: 0 }), "dibao")
    expect(d).toMatchObject({ status: "needs-information", missing: ["hunan.assistance.dibaoStandard"] })
  })

  it("§5 an elder already receiving a program is `receiving`", () => {
    expect(program(at({ receiving: ["dibao"] }), "dibao").status).toBe("receiving")
  })

  it("§5 temporary assistance needs a sudden difficulty and income within the county's cap", () => {
    expect(program(at(), "temporary-assistance").status).toBe("ineligible")
    expect(program(at({ seriousIllness: true }), "temporary-assistance").status).toBe("eligible")
    const rich = program(at({ seriousIllness: true, annualIncome: 40000 }), "temporary-assistance")
    expect(rich.status).toBe("ineligible")
    expect(rich.whyNot[0]).toMatchObject({ field: "elder.annualIncome", operator: "<=", to: 33700 })
    expect(program(at({ seriousIllness: true, regionCode: "430124101201" }), "temporary-assistance")).toMatchObject({ status: "needs-information", missing: ["hunan.assistance.temporaryIncomeCap"] })
  })

  it("§5 elderly-service subsidy: economically difficult and of advanced age or disabled", () => {
    expect(program(at({ birthDate: "1935-01-01", receiving: ["dibao"] }), "elderly-service-subsidy").status).toBe("eligible")
    const young = program(at({ receiving: ["dibao"] }), "elderly-service-subsidy")
    expect(young.status).toBe("ineligible")
    expect(young.whyNot[0]).toMatchObject({ field: "elder.birthDate", operator: "<=", to: "1939-06-30" })
    const rich = program(at({ birthDate: "1935-01-01" }), "elderly-service-subsidy")
    expect(rich.whyNot[0]).toMatchObject({ field: "elder.annualIncome", operator: "<", to: 7740 })
  })

  it("§5 medical assistance: dibao recipients and extreme-poverty elders; seriously ill low-income elders", () => {
    expect(program(at({ receiving: ["dibao"] }), "medical-assistance").status).toBe("eligible")
    expect(program(at({ categories: ["extreme-poverty"] }), "medical-assistance").status).toBe("eligible")
    expect(program(at({ seriousIllness: true, annualIncome: 6000 }), "medical-assistance").status).toBe("eligible")
    expect(program(at({ seriousIllness: true }), "medical-assistance").status).toBe("ineligible")
    expect(program(at({ annualIncome: 5000 }), "medical-assistance").whyNot[0]).toMatchObject({ field: "elder.receiving", to: "dibao" })
  })

  it("§5 rehabilitation aids for disabled elders; the two disability subsidies", () => {
    expect(program(at({ disabilityGrade: 3 }), "rehab-aids").status).toBe("eligible")
    expect(program(at(), "rehab-aids").whyNot[0]).toMatchObject({ field: "elder.disabilityGrade", operator: "<=", to: 4 })
    expect(program(at({ disabilityGrade: 3, receiving: ["dibao"] }), "disability-living-subsidy").status).toBe("eligible")
    expect(program(at({ disabilityGrade: 3 }), "disability-living-subsidy").whyNot[0]).toMatchObject({ field: "elder.receiving", to: "dibao" })
    expect(program(at({ disabilityGrade: 2 }), "disability-care-subsidy").status).toBe("eligible")
    expect(program(at({ disabilityGrade: 3 }), "disability-care-subsidy").whyNot[0]).toMatchObject({ field: "elder.disabilityGrade", to: 2 })
  })
})

describe("§7 resources", () => {
  it("§7 poverty registration: income below the poverty line while registration is open", () => {
    expect(program(at({ annualIncome: 3000 }), "poverty-registration").status).toBe("eligible")
    expect(program(at({ annualIncome: 3000 }, {}, "2021-06-30"), "poverty-registration").status).toBe("ineligible")
    expect(program(at({ annualIncome: 3000 }, {}, "2021-06-30"), "poverty-registration").reasons[0]!.code).toBe("eligibility.poverty-registration.closed")
  })

  it("§7 low-fee nursing-home care for economically difficult, partly or fully disabled left-behind elders", () => {
    expect(program(at({ ability: "mild", receiving: ["dibao"] }), "nursing-home-low-fee-care").status).toBe("eligible")
    expect(program(at({ receiving: ["dibao"] }), "nursing-home-low-fee-care").whyNot[0]).toMatchObject({ field: "elder.ability", to: "mild" })
    expect(program(at({ ability: "mild", regionCode: "430124101201" }), "nursing-home-low-fee-care")).toMatchObject({ status: "needs-information", missing: ["hunan.assistance.dibaoStandard"] })
  })
})

describe("§10 department services", () => {
  it("§10 health management for left-behind elders aged 65 and over", () => {
    expect(program(at(), "health-management").status).toBe("eligible")
    const young = program(at({ birthDate: "1956-01-01" }), "health-management")
    expect(young.status).toBe("ineligible")
    expect(young.whyNot[0]).toMatchObject({ field: "elder.birthDate", operator: "<=", to: "1954-06-30" })
    expect(program(at({ birthDate: "1940-01-01" }, { supporters: [{ id: "d", relation: "daughter", whereabouts: "in-county", awaySince: "2015-01-01", reportedToVillage: true, lastContact: "2019-06-01" }] }), "health-management").status).toBe("ineligible")
  })

  it("§10 legal aid for a legal need recorded at a visit", () => {
    expect(program(at({}, { visits: [{ date: "2019-06-10", mode: "home", by: "village-committee", concerns: ["legal"] }] }), "legal-aid").status).toBe("eligible")
    expect(program(at(), "legal-aid").status).toBe("ineligible")
  })

  it("§1 left-behind status unknown: programs for left-behind elders need the missing field", () => {
    const e = at({}, { supporters: [{ id: "son", relation: "son", whereabouts: "out-of-county", awaySince: null, reportedToVillage: true, lastContact: null }] })
    expect(program(e, "health-management")).toMatchObject({ status: "needs-information", missing: ["supporters[0].awaySince"] })
  })

  it("§1 outside the scope (urban): ineligible for everything", () => {
    expect(at({ rural: false }).eligibility!.every((d) => d.status === "ineligible")).toBe(true)
  })
})

describe("eligibility laws", () => {
  test.prop([caseFile, date("2018-08-03", "2023-08-02")], { numRuns: 1000 })(
    "every program appears exactly once, with one status; never both eligible and ineligible",
    (cf, asOf) => {
      const el = evaluate(cf, asOf).eligibility!
      expect(el.map((d) => d.program)).toEqual([...CaseFile.PROGRAM_IDS])
      for (const d of el) {
        expect(["eligible", "ineligible", "needs-information", "receiving"]).toContain(d.status)
        if (d.status === "needs-information") expect(d.missing.length).toBeGreaterThan(0)
        else expect(d.missing).toEqual([])
        if (d.status !== "ineligible") expect(d.whyNot).toEqual([])
        if (d.status === "receiving") expect(cf.elder.receiving).toContain(d.program)
      }
    }
  )

  test.prop([caseFile, fc.integer({ min: 1, max: 5000 })], { numRuns: 500 })("lower income never takes away eligibility for an income-tested program", (cf, n) => {
    const a = evaluate(cf).eligibility!
    const b = evaluate({ ...cf, elder: { ...cf.elder, annualIncome: Math.max(0, cf.elder.annualIncome - n) } }).eligibility!
    for (const p of ["dibao", "poverty-registration", "temporary-assistance", "elderly-service-subsidy", "medical-assistance", "nursing-home-low-fee-care"] as const) {
      const i = CaseFile.PROGRAM_IDS.indexOf(p)
      if (a[i]!.status === "eligible") expect(b[i]!.status).toBe("eligible")
    }
  })

  test.prop([caseFile], { numRuns: 500 })("an income why-not, applied, makes the elder eligible", (cf) => {
    const el = evaluate(cf).eligibility!
    for (const d of el) {
      for (const w of d.whyNot) {
        if (w.field !== "elder.annualIncome") continue
        const to = w.operator === "<" ? (w.to as number) - 0.01 : (w.to as number)
        const after = evaluate({ ...cf, elder: { ...cf.elder, annualIncome: Math.max(0, to) } }).eligibility!.find((x) => x.program === d.program)!
        expect(after.status).toBe("eligible")
      }
    }
  })
})
