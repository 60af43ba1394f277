import { BODY_IDS } from "@liushou/policy-national"
import { Evaluation } from "@liushou/core"
import { test } from "@fast-check/vitest"
import { describe, expect } from "vitest"
import { caseFile } from "./arbitraries.js"
import { evaluate } from "./helpers.js"

describe("§8 §10 referral laws (named referral cases: test/scenarios/s8-s10-referrals.yaml)", () => {
  test.prop([caseFile], { numRuns: 500 })("every referral goes to a known body, with a positive deadline, and an eligibility referral matches an eligible program", (cf) => {
    const e = evaluate(cf)
    for (const r of e.referrals!) {
      expect(BODY_IDS).toContain(r.to)
      expect(r.deadlineDays).toBeGreaterThan(0)
      if (r.trigger.startsWith("eligible:")) {
        const p = r.trigger.slice("eligible:".length)
        expect(e.eligibility!.find((d) => d.program === p)!.status).toBe("eligible")
      }
    }
    for (const d of e.eligibility!) if (d.status === "eligible") expect(e.referrals!.some((r) => r.trigger === `eligible:${d.program}`)).toBe(true)
  })
})
