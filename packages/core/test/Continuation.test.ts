import { fc } from "@fast-check/vitest"
import { Engine, Loader, Policy } from "@liushou/core"
import { describe, expect, it } from "vitest"
import { caseFileArb } from "./arbitraries.js"
import { base, child } from "./fixtures.js"

// Keeping an expired plugin in force (a host's explicit choice): only past its last day, only
// within the continuation, a successor in force always wins, every reason marked, provenance says so.
const sample = fc.sample(caseFileArb, { numRuns: 1, seed: 7 })[0]!
const cf = { ...sample, elder: { ...sample.elder, regionCode: "430121101201", birthDate: "1950-06-30", annualIncome: 4800 } }
const registry = Loader.load([base, child])
const keep = (until: string | null) => Engine.make(registry, { continuePastExpiry: [{ policy: "test-province", until, decision: "TEST-DECISION-1" }] })
const ok = <A>(r: { ok: true; value: A } | { ok: false }): A => {
  if (!r.ok) throw new Error("expected an evaluation")
  return r.value
}

describe("continuePastExpiry", () => {
  it("is off by default: after expiry the parent governs", () => {
    const e = ok(Engine.make(registry).evaluate(cf, "2024-06-30"))
    expect(e.policy.id).toBe("test-base")
    expect(e.provenance.continuedPastExpiry).toBeUndefined()
  })

  it("keeps the expired plugin, marks every reason in code and text, and records it in the provenance", () => {
    const e = ok(keep(null).evaluate(cf, "2024-06-30"))
    expect(e.policy.id).toBe("test-province")
    expect(e.provenance.continuedPastExpiry).toBe(true)
    expect(e.selection.reasons.map((r) => r.code)).toEqual(["selection.continued-past-expiry", "selection.continued-instead-of"])
    expect(e.selection.reasons[0]!.text.zh).toContain("TEST-DECISION-1")
    const rule = [...e.leftBehind.reasons, ...e.priority.reasons]
    expect(rule.length).toBeGreaterThan(0)
    for (const r of rule) {
      expect(r.continuedPastExpiry).toBe(true)
      expect(r.text.zh.endsWith("（失效后继续适用）")).toBe(true)
      expect(r.text.en.endsWith(" (continued past expiry)")).toBe(true)
    }
  })

  it("does nothing while the plugin is in force or before it takes effect", () => {
    expect(ok(keep(null).evaluate(cf, "2023-08-02")).provenance.continuedPastExpiry).toBeUndefined()
    expect(ok(keep(null).evaluate(cf, "2018-08-02")).policy.id).toBe("test-base")
  })

  it("ends on its until date (inclusive)", () => {
    expect(ok(keep("2024-06-30").evaluate(cf, "2024-06-30")).policy.id).toBe("test-province")
    expect(ok(keep("2024-06-30").evaluate(cf, "2024-07-01")).policy.id).toBe("test-base")
  })

  it("a successor in force always wins", () => {
    const successor = Policy.define({ ...child, id: "test-province-2024", effectiveFrom: "2024-01-01", effectiveUntil: null })
    const e = Engine.make(Loader.load([base, child, successor]), { continuePastExpiry: [{ policy: "test-province", until: null }] })
    expect(ok(e.evaluate(cf, "2023-12-31")).policy.id).toBe("test-province")
    const after = ok(e.evaluate(cf, "2024-01-01"))
    expect(after.policy.id).toBe("test-province-2024")
    expect(after.provenance.continuedPastExpiry).toBeUndefined()
  })

  it("a replay naming the policy reproduces a continued evaluation", () => {
    const first = ok(keep(null).evaluate(cf, "2024-06-30"))
    const again = ok(Engine.make(registry).evaluate(cf, "2024-06-30", { policy: "test-province@1.0.0", continuedPastExpiry: true }))
    const { selection: _a, ...a } = first
    const { selection: _b, ...b } = again
    expect(b).toEqual(a)
  })
})
