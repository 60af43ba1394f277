import { PROGRAM_IDS } from "@liushou/policy-national"
import { CaseFile } from "@liushou/core"
import { fc, test } from "@fast-check/vitest"
import { describe, expect } from "vitest"
import { caseFile, date } from "./arbitraries.js"
import { evaluate } from "./helpers.js"

describe("eligibility laws", () => {
  test.prop([caseFile, date("2018-08-03", "2023-08-02")], { numRuns: 1000 })(
    "every program appears exactly once, with one status; never both eligible and ineligible",
    (cf, asOf) => {
      const el = evaluate(cf, asOf).eligibility!
      expect(el.map((d) => d.program)).toEqual([...PROGRAM_IDS])
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
      const i = PROGRAM_IDS.indexOf(p)
      if (a[i]!.status === "eligible") expect(b[i]!.status).toBe("eligible")
    }
  })

  test.prop([caseFile], { numRuns: 500 })("an income why-not, applied, gives the result it names (eligible, or needs-information where a fact beyond income decides)", (cf) => {
    const el = evaluate(cf).eligibility!
    for (const d of el) {
      for (const w of d.whyNot) {
        if (w.field !== "elder.annualIncome") continue
        const to = w.operator === "<" ? (w.to as number) - 0.01 : (w.to as number)
        const after = evaluate({ ...cf, elder: { ...cf.elder, annualIncome: Math.max(0, to) } }).eligibility!.find((x) => x.program === d.program)!
        expect(after.status).toBe(w.result)
      }
    }
  })
})
