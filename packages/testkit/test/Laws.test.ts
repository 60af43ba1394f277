import { Loader } from "@liushou/core"
import { national } from "@liushou/policy-national"
import { Laws } from "@liushou/testkit"
import { describe, expect, it } from "vitest"
import { calendarDependent, parameterGap, riskDropsWithAge } from "./fixtures/plugins.js"

const byId = (results: ReadonlyArray<Laws.LawResult>) => new Map(results.map((r) => [r.law.id, r]))

describe("Laws", () => {
  it("the national baseline passes every law that applies to it", () => {
    const results = Laws.run([national], { numRuns: 200 })
    const failed = results.filter((r) => !r.ok)
    expect(failed.map((r) => r.message?.en)).toEqual([])
    expect(results.map((r) => r.law.id)).toEqual(
      expect.arrayContaining(["loads", "parameters.no-gaps-or-overlaps", "reasons.cited", "identification.monotone-age", "identification.monotone-absence", "dates.change-only-at-policy-dates", "deterministic"])
    )
    // national has no risk, visits or eligibility rules: those laws do not apply
    expect(results.some((r) => r.law.id.startsWith("risk."))).toBe(false)
    for (const r of results.filter((x) => x.law.id !== "loads" && x.law.id !== "parameters.no-gaps-or-overlaps")) expect(r.runs).toBe(200)
  })

  it("catches a risk level that drops when age rises, with a readable message and a seed to replay", () => {
    const results = byId(Laws.run([national, riskDropsWithAge], { numRuns: 300, seed: 1, laws: ["risk.monotone-age", "risk.monotone-income"] }))
    const age = results.get("risk.monotone-age")!
    expect(age.ok).toBe(false)
    expect(age.message!.en).toContain("Law broken: risk.monotone-age (policy broken-risk-age@1.0.0)")
    expect(age.message!.en).toContain("All else equal, the risk level never drops when the elder is older")
    expect(age.message!.en).toMatch(/the risk level dropped from high \(high\) to low \(low\) when the elder is \d+ days older/)
    expect(age.message!.zh).toContain("其他情况不变，年龄越大，风险等级不应降低")
    expect(age.message!.zh).toMatch(/风险等级由高（high）降为低（low）/)
    expect(age.message!.en).toMatch(/Replay: seed 1, path "[\d:]+"/)
    // personal data is masked in the printed case
    expect(age.message!.en).toMatch(/"name": ".\*+"/)
    // the income law holds for this plugin
    expect(results.get("risk.monotone-income")!.ok).toBe(true)
    // replaying with the printed seed and path finds the same counterexample
    const replay = Laws.runLaw([national, riskDropsWithAge], "risk.monotone-age", { seed: age.seed!, path: age.path!, numRuns: 300 })
    expect(replay.ok).toBe(false)
    expect(replay.counterexample).toEqual(age.counterexample)
  })

  it("catches a gap in a parameter's dates, even though the loader refuses the plugin", () => {
    const results = byId(Laws.run([national, parameterGap], { numRuns: 10 }))
    const gap = results.get("parameters.no-gaps-or-overlaps")!
    expect(gap.ok).toBe(false)
    expect(gap.message!.en).toContain("Every parameter has exactly one value on every day the policy is in force")
    expect(gap.message!.en).toContain("parameter county.visits.intervalDays has no value from 2021-01-01 to 2021-06-30")
    expect(gap.message!.zh).toContain("参数 county.visits.intervalDays 从 2021-01-01 到 2021-06-30 没有取值")
    const loads = results.get("loads")!
    expect(loads.ok).toBe(false)
    expect(loads.message!.en).toContain("did not load")
  })

  it("catches results that change on days that are not the policy's dates", () => {
    const r = Laws.runLaw([national, calendarDependent], "dates.change-only-at-policy-dates", { numRuns: 300, seed: 5 })
    expect(r.ok).toBe(false)
    expect(r.message!.en).toContain("(not a date of the policy), the results differ at priority.value: false → true")
  })

  it("accepts a registry and a policy id, and lists the laws that apply", () => {
    const registry = Loader.load([national, riskDropsWithAge])
    const laws = Laws.applicable({ registry, policy: "broken-risk-age" })
    expect(laws.map((l) => l.id)).toContain("risk.monotone-supporters-at-home")
    expect(Laws.policyName({ registry, policy: "broken-risk-age" })).toBe("broken-risk-age@1.0.0")
    expect(Laws.policyName(registry)).toBe("broken-risk-age@1.0.0")
  })
})
