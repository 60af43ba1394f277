import { Summary } from "@liushou/core"
import { fc, test } from "@fast-check/vitest"
import { describe, expect, it } from "vitest"
import { mainFeatures } from "../src/index.js"
import { caseFile } from "./arbitraries.js"
import { base, evaluate } from "./helpers.js"

const row = (cf: ReturnType<typeof base>) => ({ caseFile: cf, evaluation: evaluate(cf) })

describe("§1 summaries: number, distribution and main features (数量规模、基本分布、主要特征)", () => {
  it("§1 counts family structure, income sources, health and care for left-behind elders of a county", () => {
    const rows = [
      row(base()),
      row(base({ id: "e2", seriousIllness: true, disabilityGrade: 2, incomeSources: ["children"], housingSafety: "unsafe" }, { delegatedCarer: { name: "侄女", relation: "niece", since: "2016-01-01" }, riskAssessments: [] })),
      row(base({ id: "e3", rural: false })),
      row(base({ id: "e4", regionCode: "430626100201" }))
    ]
    const f = mainFeatures(rows, { region: "430121", asOf: "2019-06-30" })
    expect(f.elders).toBe(3)
    expect(f.leftBehind).toBe(2)
    expect(f.bySupporterCount).toEqual({ "1": 2 })
    expect(f.withSpouse).toBe(2)
    expect(f.byIncomeSource).toEqual({ farming: 1, pension: 1, children: 1 })
    expect(f.seriouslyIll).toBe(1)
    expect(f.byDisabilityGrade).toEqual({ none: 1, "2": 1 })
    expect(f.withDelegatedCarer).toBe(1)
    expect(f.withoutDelegatedCarer).toBe(1)
    expect(f.byHousingSafety).toEqual({ safe: 1, unsafe: 1 })
    expect(f.byRiskLevel).toEqual({ low: 1, high: 1 })
  })

  it("§1 counts supporters one by one up to three, then as four or more (the spouse apart)", () => {
    const son = (n: number) => ({ id: `son${n}`, relation: "son" as const, whereabouts: "out-of-county" as const, awaySince: "2015-03-01", reportedToVillage: true, lastContact: "2019-06-01" })
    const wife = { id: "wife", relation: "spouse" as const, whereabouts: "with-elder" as const, awaySince: null, reportedToVillage: true, lastContact: null }
    const rows = [3, 4, 5].map((n) => row(base({ id: `e${n}` }, { supporters: [...Array.from({ length: n }, (_, i) => son(i)), wife] })))
    const f = mainFeatures(rows, { region: "430121", asOf: "2019-06-30" })
    expect(f.leftBehind).toBe(3)
    expect(f.bySupporterCount).toEqual({ "3": 1, "4+": 2 })
  })

  test.prop([fc.array(caseFile, { maxLength: 30 })], { numRuns: 200 })("§1 the main features add up to the number of left-behind elders", (cfs) => {
    const rows = cfs.map((cf) => ({ caseFile: cf, evaluation: evaluate(cf) }))
    const f = mainFeatures(rows, { region: "43", asOf: "2019-06-30" })
    const s = Summary.summarize(rows, { region: "43", asOf: "2019-06-30" })
    const sum = (c: Summary.Counts) => Object.values(c).reduce((a, b) => a + b, 0)
    expect(f.leftBehind).toBe(s.leftBehind)
    expect(sum(f.bySupporterCount)).toBe(f.leftBehind)
    expect(sum(f.byDisabilityGrade)).toBe(f.leftBehind)
    expect(sum(f.byHousingSafety)).toBe(f.leftBehind)
    expect(sum(f.byRiskLevel)).toBe(f.leftBehind)
    expect(sum(f.byFollowUpStep)).toBe(f.leftBehind)
    expect(f.withDelegatedCarer + f.withoutDelegatedCarer).toBe(f.leftBehind)
  })
})
