import { Loader } from "@liushou/core"
import { hunan } from "@liushou/policy-hunan"
import { national } from "@liushou/policy-national"
import { Laws } from "@liushou/testkit"
import { describe, expect, it } from "vitest"
import * as F from "./fixtures/plugins.js"

const byId = (results: ReadonlyArray<Laws.LawResult>) => new Map(results.map((r) => [r.law.id, r]))

/** For every law, a plugin that breaks exactly that law (and what its failure says). */
const BREAKS: ReadonlyArray<readonly [Laws.LawId, unknown, string]> = [
  ["loads", F.failsToLoad, "did not load"],
  ["parameters.no-gaps-or-overlaps", F.parameterGap, "parameter county.visits.intervalDays has no value from 2021-01-01 to 2021-06-30"],
  ["parameters.regional-inside-region", F.regionalOutside, "parameter county.assistance.line has a value from 2020-01-01 for region 440100, outside broken-regional@1.0.0's region 430121"],
  ["reasons.cited", F.uncitedReason, 'a reason of "priority" lacks a code, a cited document and clause'],
  ["vocabulary.declared", F.undeclaredLevel, 'risk.level is "extreme", not one of the declared [low, high]'],
  ["identification.monotone-age", F.leftBehindYoungOnly, "leftBehind was yes"],
  ["identification.monotone-absence", F.absenceForgotten, "leftBehind was yes"],
  ["risk.monotone-age", F.riskDropsWithAge, "the risk level dropped from high (high) to low (low) when the elder is"],
  ["risk.monotone-income", F.riskDropsWithIncome, "the risk level dropped from high (high) to low (low) when annual income fell"],
  ["risk.monotone-ability", F.riskDropsWithAbility, "the risk level dropped from high (high) to low (low) when ability worsened"],
  ["risk.monotone-supporters-at-home", F.riskDropsWhenHomeEmpties, "left home for out of the county"],
  ["risk.monotone-contact", F.riskDropsWithSilence, "was last in touch"],
  ["risk.monotone-living-alone", F.riskDropsWhenAlone, "the elder lives alone instead of"],
  ["visits.interval-by-level", F.visitsInverted, "at the higher level high (high) gets a visit every 60 days"],
  ["followUp.no-de-escalation", F.concernForgotten, "follow-up was law-enforcement"],
  ["eligibility.consistent", F.programTwice, "program dibao is decided twice"],
  ["referrals.declared-bodies", F.undeclaredBody, 'goes to "tax-bureau", not one of the declared bodies'],
  ["dates.change-only-at-policy-dates", F.evenMonths, "(not a date of the policy), the results differ at priority.value"],
  ["deterministic", F.mutatesInput, "evaluating the case changed the case file"]
]

describe("Laws", () => {
  it("the national baseline passes every law that applies to it, each exercised in most runs", () => {
    const results = Laws.run([national], { numRuns: 200 })
    expect(results.filter((r) => !r.ok).map((r) => r.message?.en)).toEqual([])
    expect(results.map((r) => r.law.id)).toEqual(
      expect.arrayContaining(["loads", "parameters.no-gaps-or-overlaps", "reasons.cited", "identification.monotone-age", "identification.monotone-absence", "dates.change-only-at-policy-dates", "deterministic"])
    )
    // national has no risk, visits or eligibility rules: those laws do not apply
    expect(results.some((r) => r.law.id.startsWith("risk."))).toBe(false)
    for (const r of results.filter((x) => x.runs > 1)) {
      expect(r.runs).toBeGreaterThanOrEqual(200)
      expect(r.exercised).toBeGreaterThanOrEqual(r.floor)
      expect(r.floor).toBeGreaterThanOrEqual(100)
    }
  })

  it("Hunan's risk laws compare graded elders in most runs (left-behind elders by construction)", () => {
    const results = Laws.run([national, hunan], { numRuns: 200, laws: ["risk.monotone-age", "risk.monotone-income", "risk.monotone-contact", "visits.interval-by-level", "followUp.no-de-escalation"] })
    for (const r of results) {
      expect(r.ok, r.message?.en).toBe(true)
      expect(r.exercised, r.law.id).toBeGreaterThanOrEqual(150)
    }
  })

  it("every law has a plugin in this file that breaks it", () => {
    expect(new Set(BREAKS.map(([id]) => id))).toEqual(new Set(Laws.LAW_IDS))
  })

  for (const [id, plugin, says] of BREAKS) {
    it(`${id}: caught on a plugin that breaks exactly it`, () => {
      const results = byId(Laws.run([national, plugin], { numRuns: 100, sweepCases: 1 }))
      const r = results.get(id)!
      expect(r, `${id} ran`).toBeDefined()
      expect(r.ok).toBe(false)
      expect(r.message!.en).toContain(`Law broken: ${id}`)
      expect(r.message!.en).toContain(says)
      expect(r.message!.zh).toContain(`违反规律：${id}`)
      // the other laws hold (the loader refuses plugins whose parameters are broken: that is expected)
      const others = [...results.values()].filter((x) => !x.ok && x.law.id !== id && !(x.law.id === "loads" && id.startsWith("parameters.")))
      expect(others.map((x) => x.message!.en)).toEqual([])
    })
  }

  it("a risk level that drops with age fails with a readable message, masked data and a seed to replay", () => {
    const results = byId(Laws.run([national, F.riskDropsWithAge], { numRuns: 300, seed: 1, laws: ["risk.monotone-age", "risk.monotone-income"] }))
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
    const replay = Laws.runLaw([national, F.riskDropsWithAge], "risk.monotone-age", { seed: age.seed!, path: age.path!, numRuns: 300 })
    expect(replay.ok).toBe(false)
    expect(replay.counterexample).toEqual(age.counterexample)
  })

  it("a plugin that fails to load is one failure, with the loader's message", () => {
    const results = Laws.run([national, F.failsToLoad], { numRuns: 10 })
    const failed = results.filter((r) => !r.ok)
    expect(failed.map((r) => r.law.id)).toEqual(["loads"])
    expect(failed[0]!.message!.en).toContain("policy broken-core-version did not load")
    expect(failed[0]!.message!.en).toContain("plugin broken-core-version@1.0.0 refused (core-version: the plugin's core range accepts this core): expected @liushou/core ^99.0.0")
    // only the checks made on the raw plugins run besides
    expect(results.map((r) => r.law.id)).toEqual(["loads", "parameters.no-gaps-or-overlaps", "parameters.regional-inside-region"])
  })

  it("a gap in a parameter's dates is named, even though the loader refuses the plugin", () => {
    const results = byId(Laws.run([national, F.parameterGap], { numRuns: 10 }))
    const gap = results.get("parameters.no-gaps-or-overlaps")!
    expect(gap.message!.en).toContain("Every parameter has exactly one value on every day the policy is in force")
    expect(gap.message!.zh).toContain("参数 county.visits.intervalDays 从 2021-01-01 到 2021-06-30 没有取值")
    expect(results.get("loads")!.message!.en).toContain("did not load")
  })

  describe("the date law reads no calendar", () => {
    it("catches a rule keyed to even months in the sampled runs (month ends are drawn often)", () => {
      const r = Laws.runLaw([national, F.evenMonths], "dates.change-only-at-policy-dates", { numRuns: 100, sweepCases: 0 })
      expect(r.ok).toBe(false)
      expect(r.message!.en).toContain("the results differ at priority.value")
    })
    it("catches a rule keyed to the last day of the month in the sampled runs", () => {
      const r = Laws.runLaw([national, F.lastDayOfMonth], "dates.change-only-at-policy-dates", { numRuns: 100, sweepCases: 0 })
      expect(r.ok).toBe(false)
      expect(r.message!.en).toMatch(/evaluated at \d{4}-\d{2}-\d{2} and, with every date of the case one day later/)
    })
    it.each([
      ["services", F.serviceDates],
      ["followUps", F.followUpDates],
      ["concerns", F.concernResolvedDates],
      ["verified", F.verifiedDates],
      ["ledgerEvents", F.ledgerEventDates]
    ] as const)("catches a rule reading the calendar only through %s: the cases carry it and the shift moves its dates", (field, plugin) => {
      const r = Laws.runLaw([national, plugin], "dates.change-only-at-policy-dates", { numRuns: 100, sweepCases: 0 })
      expect(r.ok, field).toBe(false)
      expect(r.message!.en).toContain("the results differ at priority.value")
    })
    it("counts the exercised runs that carry each part of the casework, with floors", () => {
      const r = Laws.runLaw([national], "dates.change-only-at-policy-dates", { numRuns: 100, sweepCases: 0 })
      expect(r.ok).toBe(true)
      for (const f of ["verified", "ledgerEvents", "services", "assignments", "followUps", "concerns"]) expect(r.features?.[f], f).toBeGreaterThanOrEqual(10)
    })
    it("catches a hard-coded date by following a case through every day of the validity", () => {
      const r = Laws.runLaw([national, F.hardCodedDate], "dates.change-only-at-policy-dates", { numRuns: 100, sweepCases: 1 })
      expect(r.ok).toBe(false)
      expect(r.message!.en).toContain("following case 1 of 1 through every day of the validity: evaluated at 2022-07-12")
      expect(r.runs).toBeGreaterThan(100)
    })
  })

  it("fails a law whose comparison is rarely made, naming the precondition", () => {
    const r = Laws.runLaw([national, F.gradesNobody], "risk.monotone-age", { numRuns: 50 })
    expect(r.ok).toBe(false)
    expect(r.exercised).toBe(0)
    expect(r.floor).toBe(25)
    expect(r.message!.en).toContain("Too few runs exercised the law: 0 of 50 (the floor is 25). The precondition rarely met: the elder is graded (a risk level, not null) before and after the change")
    expect(r.message!.zh).toContain("检验次数不足")
  })

  it("LIUSHOU_LAW_RUNS raises the runs over an explicit numRuns, and never lowers them", () => {
    const before = process.env.LIUSHOU_LAW_RUNS
    try {
      process.env.LIUSHOU_LAW_RUNS = "450"
      expect(Laws.runsFor({ numRuns: 300 })).toBe(450)
      expect(Laws.runLaw([national], "deterministic", { numRuns: 100 }).runs).toBe(450)
      process.env.LIUSHOU_LAW_RUNS = "20"
      expect(Laws.runsFor({ numRuns: 300 })).toBe(300)
    } finally {
      if (before === undefined) delete process.env.LIUSHOU_LAW_RUNS
      else process.env.LIUSHOU_LAW_RUNS = before
    }
  })

  it("uses a fixed seed unless told otherwise, and LIUSHOU_LAW_SEED or the options change it", () => {
    const before = process.env.LIUSHOU_LAW_SEED
    try {
      delete process.env.LIUSHOU_LAW_SEED
      expect(Laws.seedFor()).toBe(Laws.DEFAULT_SEED)
      process.env.LIUSHOU_LAW_SEED = "77"
      expect(Laws.seedFor()).toBe(77)
      expect(Laws.seedFor({ seed: 5 })).toBe(5)
      expect(Laws.prepare([national]).seed).toBe(77)
    } finally {
      if (before === undefined) delete process.env.LIUSHOU_LAW_SEED
      else process.env.LIUSHOU_LAW_SEED = before
    }
  })

  it("accepts a registry and a policy id, and lists the laws that apply", () => {
    const registry = Loader.load([national, F.riskDropsWithAge])
    const laws = Laws.applicable({ registry, policy: "broken-risk-age" })
    expect(laws.map((l) => l.id)).toContain("risk.monotone-supporters-at-home")
    expect(Laws.policyName({ registry, policy: "broken-risk-age" })).toBe("broken-risk-age@1.0.0")
    expect(Laws.policyName(registry)).toBe("broken-risk-age@1.0.0")
  })
})
