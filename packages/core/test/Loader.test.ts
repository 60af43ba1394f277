import { CalendarDate, Loader, Policy } from "@liushou/core"
import { describe, expect, it } from "vitest"
import { base, child } from "./fixtures.js"

const refused = (plugins: ReadonlyArray<unknown>) => Loader.load(plugins).errors.map((e) => [e.plugin, e.check])

describe("Loader checks, in order", () => {
  it("loads a baseline and its child", () => {
    const r = Loader.load([child, base])
    expect(r.errors).toEqual([])
    expect(r.policies.map((p) => p.key)).toEqual(["test-base@1.0.0", "test-province@1.0.0"])
    expect(r.policies[1]!.chain.map(Policy.key)).toEqual(["test-base@1.0.0", "test-province@1.0.0"])
  })

  it("1. refuses bad metadata, naming the field", () => {
    const e = Loader.load([{ ...base, version: "one" }, { ...base, id: "x", effectiveFrom: "2018-02-30" }, 42]).errors
    expect(e.map((x) => [x.plugin, x.check])).toEqual([
      ["test-base@one", "metadata"],
      ["x@1.0.0", "metadata"],
      ["#2", "metadata"]
    ])
    expect(e[0]!.found).toContain("version")
    expect(e[1]!.found).toContain("effectiveFrom")
    expect(e[0]!.message.zh).toContain("元数据")
  })

  it("2. refuses a plugin needing another core version", () => {
    const e = Loader.load([{ ...base, core: "^9.0.0" }]).errors[0]!
    expect([e.check, e.expected, e.found]).toEqual(["core-version", "@liushou/core ^9.0.0", "@liushou/core 0.1.0"])
  })

  it("3. refuses a duplicate id and version", () => {
    expect(refused([base, base])).toEqual([["test-base@1.0.0", "duplicate"]])
  })

  it("4. refuses a plugin whose parent is missing, and the children of refused plugins", () => {
    expect(refused([child])).toEqual([["test-province@1.0.0", "missing-parent"]])
    expect(refused([{ ...base, core: "^9.0.0" }, child])).toEqual([
      ["test-base@1.0.0", "core-version"],
      ["test-province@1.0.0", "missing-parent"]
    ])
    expect(refused([base, { ...child, extends: { id: "test-base", version: "^2.0.0" } }])).toEqual([["test-province@1.0.0", "missing-parent"]])
  })

  it("5. refuses overlapping validity for the same region", () => {
    const e = Loader.load([base, child, { ...child, id: "test-province-other", effectiveFrom: "2023-01-01", effectiveUntil: null }]).errors
    expect(e.map((x) => [x.plugin, x.check])).toEqual([["test-province-other@1.0.0", "overlapping-validity"]])
    expect(e[0]!.found).toContain("test-province@1.0.0")
    // back to back is fine
    expect(refused([base, child, { ...child, id: "test-province-next", effectiveFrom: CalendarDate.addDays("2023-08-02", 1), effectiveUntil: null }])).toEqual([])
  })

  it("6. refuses overrides the parent lacks, and replacing a parent rule without declaring it", () => {
    expect(refused([base, { ...child, overrides: ["risk"] }])).toEqual([["test-province@1.0.0", "overrides"]])
    expect(refused([base, { ...child, rules: { leftBehind: base.rules.leftBehind } }])).toEqual([["test-province@1.0.0", "overrides"]])
    expect(refused([base, { ...child, rules: { leftBehind: base.rules.leftBehind }, overrides: ["leftBehind"] }])).toEqual([])
  })

  it("7. refuses unknown parameters, parameter gaps and overlaps, and risk rules without levels", () => {
    const bad = { ...base, rules: { ...base.rules, duties: Policy.rule("duties", { parameters: ["nope"], compile: () => () => [] }) } }
    const e = Loader.load([bad]).errors[0]!
    expect([e.check, e.expected]).toEqual(["parameters", 'parameter nope (read by rule "duties") defined in the chain'])
    const gap = { ...base, parameters: [{ ...base.parameters[0]!, values: [{ from: "2018-01-01", until: "2018-12-31", value: 1 }, { from: "2019-02-01", value: 2 }] }] }
    const g = Loader.load([gap]).errors[0]!
    expect(g.check).toBe("parameters")
    expect(g.found).toBe("parameter test.minAge has no value from 2019-01-01 to 2019-01-31")
    const risky = { ...base, rules: { ...base.rules, risk: Policy.rule("risk", { parameters: [], compile: () => () => ({ level: null, reasons: [], whyNot: [], lastAssessed: null, nextAssessmentDue: null, assessmentOverdue: false }) }) } }
    expect(Loader.load([risky]).errors.map((x) => x.expected)).toEqual(["riskLevels for a plugin with a risk rule"])
  })
})

describe("Loader.select", () => {
  const registry = Loader.load([base, child])
  it("chooses the most specific plugin in force and says why", () => {
    const s = Loader.select(registry, "430121101201", "2019-06-30")
    expect(s.policy?.key).toBe("test-province@1.0.0")
    expect(s.decision.reasons.map((r) => r.code)).toEqual(["selection.most-specific"])
  })
  it("falls back to the parent outside the child's validity, and says so", () => {
    const s = Loader.select(registry, "430121101201", "2023-08-03")
    expect(s.policy?.key).toBe("test-base@1.0.0")
    expect(s.decision.reasons.map((r) => r.code)).toEqual(["selection.most-specific", "selection.fallback-out-of-validity"])
    expect(s.decision.reasons[1]!.text.en).toContain("not in force on 2023-08-03")
  })
  it("uses the baseline for other provinces, and nothing before any policy", () => {
    expect(Loader.select(registry, "150102101201", "2019-06-30").policy?.key).toBe("test-base@1.0.0")
    expect(Loader.select(registry, "430121101201", "2017-12-31").policy).toBeUndefined()
  })
  it("chooses the highest version of the same plugin", () => {
    const r = Loader.load([base, child, { ...child, version: "1.1.0" }])
    expect(r.errors).toEqual([])
    expect(Loader.select(r, "430121101201", "2019-06-30").policy?.key).toBe("test-province@1.1.0")
    expect(Loader.find(r, "test-province", "~1.0.0")?.key).toBe("test-province@1.0.0")
  })
})
