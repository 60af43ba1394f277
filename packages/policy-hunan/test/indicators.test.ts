import { Indicator, Loader } from "@liushou/core"
import { describe, expect, it } from "vitest"
import { national } from "@liushou/policy-national"
import { runIndicatorScenarios } from "@liushou/testkit/vitest"
import { hunan, referralWorkflow } from "../src/index.js"

// The evaluation indicators (考评, §10) as data: named checks of numerators and denominators over a
// small population, each worked out by hand in the file's comments.
runIndicatorScenarios([new URL("./indicators/s10-evaluation.yaml", import.meta.url).pathname], Loader.load([national, hunan]), [referralWorkflow])

// After Hunan's validity ends the national baseline governs, and it declares no indicators; a
// county that keeps applying the expired plugin (continuePastExpiry) keeps its evaluation method,
// marked as continued past expiry, exactly as the evaluations are selected.
describe("indicators follow the plugin selection of evaluations", () => {
  const registry = Loader.load([national, hunan])
  it("in force: Hunan's set, not marked", () => {
    const g = Indicator.governing(registry, "430121", "2023-08-02")
    expect(g.policy).toMatch(/^hunan-2018-30@/)
    expect(g.continuedPastExpiry).toBeUndefined()
    expect(g.indicators.length).toBeGreaterThan(0)
  })
  it("past expiry without a continuation: the national baseline governs and declares none, and the selection says why", () => {
    const g = Indicator.governing(registry, "430121", "2024-03-31")
    expect(g.policy).toMatch(/^national/)
    expect(g.declaredBy).toBeNull()
    expect(g.indicators).toEqual([])
    expect(g.selection.reasons.map((r) => r.code)).toContain("selection.fallback-out-of-validity")
    expect(Indicator.forRegion(registry, "430121", "2024-03-31")).toEqual([])
  })
  it("past expiry with a continuation: Hunan's set, marked continued past expiry; a continuation that has ended no longer applies", () => {
    const g = Indicator.governing(registry, "430121", "2024-03-31", [{ policy: "hunan-2018-30", until: null, decision: "县民政局决定" }])
    expect(g.policy).toMatch(/^hunan-2018-30@/)
    expect(g.continuedPastExpiry).toBe(true)
    expect(g.indicators.map((i) => i.id)).toEqual(Indicator.ofChain(registry.policies.find((p) => p.plugin.id === "hunan-2018-30")!.chain).map((i) => i.id))
    expect(g.selection.reasons[0]!.code).toBe("selection.continued-past-expiry")
    expect(Indicator.governing(registry, "430121", "2024-03-31", [{ policy: "hunan-2018-30", until: "2023-12-31" }]).indicators).toEqual([])
  })
})
