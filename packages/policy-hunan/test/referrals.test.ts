import { Evaluation } from "@liushou/core"
import { test } from "@fast-check/vitest"
import { describe, expect, it } from "vitest"
import { caseFile } from "./arbitraries.js"
import { base, evaluate } from "./helpers.js"

const triggers = (e: Evaluation.Evaluation) => e.referrals!.map((r) => `${r.to}/${r.trigger}/${r.deadlineDays}`)

describe("§8 §10 discover, report, refer, assist", () => {
  it("§10 abuse or neglect recorded at the last visit is referred to public security within 1 day", () => {
    const e = evaluate(base({}, { visits: [{ date: "2019-06-10", mode: "home", by: "village-committee", concerns: ["abuse", "neglect"] }] }))
    expect(triggers(e)).toEqual(expect.arrayContaining(["public-security/concern:abuse/1", "public-security/concern:neglect/1", "township/follow-up/3", "justice/eligible:legal-aid/7"]))
    expect(e.referrals!.find((r) => r.to === "public-security")!.reasons[0]!.citation).toEqual({ document: "湘民发〔2018〕30号", clause: "10" })
  })

  it("§8 a high-risk elder is reported to the township", () => {
    expect(triggers(evaluate(base({ ability: "total" })))).toContain("township/risk:high/3")
  })

  it("§10 each program the elder is eligible for but does not receive goes to its body", () => {
    const e = evaluate(base({ annualIncome: 3000, disabilityGrade: 1 }))
    const t = triggers(e)
    expect(t).toContain("civil-affairs/eligible:dibao/15")
    expect(t).toContain("poverty-alleviation/eligible:poverty-registration/30")
    expect(t).toContain("disabled-persons-federation/eligible:disability-care-subsidy/30")
    expect(t).toContain("health/eligible:health-management/15")
  })

  it("§10 a left-behind elder without a pension is referred to human resources and social security", () => {
    expect(triggers(evaluate(base({ incomeSources: ["farming"] })))).toContain("human-resources-social-security/no-pension/30")
    expect(triggers(evaluate(base()))).not.toContain("human-resources-social-security/no-pension/30")
  })

  it("§8 unsafe housing is reported to the township", () => {
    expect(triggers(evaluate(base({ housingSafety: "unsafe" })))).toContain("township/housing:unsafe/3")
  })

  test.prop([caseFile], { numRuns: 500 })("every referral goes to a known body, with a positive deadline, and an eligibility referral matches an eligible program", (cf) => {
    const e = evaluate(cf)
    for (const r of e.referrals!) {
      expect(Evaluation.BODIES).toContain(r.to)
      expect(r.deadlineDays).toBeGreaterThan(0)
      if (r.trigger.startsWith("eligible:")) {
        const p = r.trigger.slice("eligible:".length)
        expect(e.eligibility!.find((d) => d.program === p)!.status).toBe("eligible")
      }
    }
    for (const d of e.eligibility!) if (d.status === "eligible") expect(e.referrals!.some((r) => r.trigger === `eligible:${d.program}`)).toBe(true)
  })
})

describe("referral deadlines", () => {
  it("public security is the fastest referral", () => {
    const e = evaluate(base({ ability: "total", annualIncome: 100 }, { visits: [{ date: "2019-06-10", mode: "home", by: "village-committee", concerns: ["abuse"] }] }))
    const min = Math.min(...e.referrals!.map((r) => r.deadlineDays))
    expect(e.referrals!.filter((r) => r.deadlineDays === min).every((r) => r.to === "public-security")).toBe(true)
  })
})
