import { CalendarDate, Engine, Loader, type Parameter, Selection } from "@liushou/core"
import { national } from "@liushou/policy-national"
import { Impact, syntheticPopulation } from "@liushou/testkit"
import { describe, expect, it } from "vitest"
import { advancedAge75 } from "./fixtures/plugins.js"

const asOf = "2024-06-30"
const registry = Loader.load([national, advancedAge75])
const population = syntheticPopulation(4000, { region: "4301", seed: 11, asOf })

describe("Impact.diffPolicies", () => {
  it("counts exactly the elders whose priority changes when a county lowers advanced age to 75", () => {
    const engine = Engine.make(registry)
    const report = Impact.diffPolicies({ engine, policy: "national-2017-193" }, { engine, policy: "county-advanced-age-75" }, population, asOf)
    // recount by hand: left behind (same rule on both sides), aged 75-79, no other priority ground
    let expected = 0
    for (const cf of population) {
      const before = engine.evaluate(cf, asOf, { policy: "national-2017-193" })
      const after = engine.evaluate(cf, asOf, { policy: "county-advanced-age-75" })
      if (before.ok && after.ok && before.value.priority.value !== after.value.priority.value) expected++
    }
    expect(expected).toBeGreaterThan(0)
    expect(report.total).toBe(4000)
    expect(report.compared).toBe(4000)
    expect(report.changed).toBe(expected)
    expect(report.changes).toHaveLength(1)
    const change = report.changes[0]!
    expect([change.aspect, change.from, change.to, change.count]).toEqual(["priority", "no", "yes", expected])
    expect(Object.values(change.byRegion).reduce((a, b) => a + b, 0)).toBe(expected)
    for (const county of Object.keys(change.byRegion)) expect(county).toMatch(/^4301\d\d$/)
    expect(change.examples).toHaveLength(3)
    for (const ex of change.examples) {
      const cf = population.find((c) => c.elder.id === ex.elderId)!
      const age = CalendarDate.ageAt(cf.elder.birthDate, asOf)
      expect(age >= 75 && age < 80).toBe(true)
      expect(ex.before.reasons.map((r) => r.code)).toEqual(["priority.none"])
      expect(ex.after.reasons.map((r) => r.code)).toContain("priority.advanced-age")
    }
    expect(report.regions.reduce((a, r) => a + r.changed, 0)).toBe(expected)
    expect(report.before).toBe("national-2017-193")
  })

  it("compares loaded policies directly and reports no change for identical rules", () => {
    const nat = Selection.find(registry, "national-2017-193")!
    const report = Impact.diffPolicies(nat, nat, population.slice(0, 500), asOf)
    expect(report.changed).toBe(0)
    expect(report.changes).toEqual([])
    expect(report.before).toBe("national-2017-193@1.0.0")
    expect(Impact.formatText(report, "en")).toContain("No result changes.")
    expect(Impact.formatText(report, "zh")).toContain("没有任何结论变化。")
  })

  it("reports elders a side cannot evaluate instead of dropping them", () => {
    const engine = Engine.make(registry)
    const report = Impact.diffPolicies({ engine, policy: "national-2017-193" }, { engine, policy: "no-such-policy" }, population.slice(0, 5), asOf)
    expect(report.compared).toBe(0)
    expect(report.errors).toHaveLength(5)
    expect(report.errors[0]!.message.en).toContain("no loaded policy matches no-such-policy")
  })

  it("renders a self-contained bilingual HTML report", () => {
    const engine = Engine.make(registry)
    const report = Impact.diffPolicies({ engine, policy: "national-2017-193" }, { engine, policy: "county-advanced-age-75" }, population, asOf)
    const html = Impact.toHtml(report)
    expect(html.startsWith("<!doctype html>")).toBe(true)
    expect(html).toContain("<style>")
    expect(html).not.toMatch(/<link|<script|src=|https?:\/\//)
    expect(html).toContain("规则变更影响报告")
    expect(html).toContain("Rule-change impact report")
    expect(html).toContain("重点对象")
    expect(html).toContain(`>${report.changed}<`)
    const text = Impact.formatText(report, "zh")
    expect(text).toContain(`重点对象: 否 → 是  —  ${report.changed}`)
  })
})

describe("Impact.diffPolicies against a naive recount", () => {
  it("counts every aspect's changes exactly as comparing all decisions one by one does (Hunan vs a county override)", async () => {
    const { hunan } = await import("@liushou/policy-hunan")
    const { Policy } = await import("@liushou/core")
    const dibao = hunan.parameters.find((p) => p.id === "hunan.assistance.dibaoStandard")!
    const interval = hunan.parameters.find((p) => p.id === "hunan.visits.intervalDays")!
    const override = Policy.define({
      ...hunan,
      id: "county-override-test",
      region: "430121",
      effectiveFrom: "2019-01-01",
      extends: { id: "hunan-2018-30", version: "^1.0.0" },
      rules: {},
      overrides: [],
      // a child declares only its own vocabularies; the chain's extend down to it
      vocabularies: {},
      parameters: [
        { ...dibao, values: dibao.values.filter((v) => v.region === "430121").map((v) => ({ ...v, value: (v.value as number) + 900 })) },
        { ...interval, values: interval.values.map((v) => ({ ...v, value: { ...(v.value as Record<string, number>), low: 60 } })) }
      ] as ReadonlyArray<Parameter.Parameter>
    })
    const engine = Engine.make(Loader.load([national, hunan, override]))
    expect(engine.registry.errors).toEqual([])
    const at = "2021-06-30"
    const people = syntheticPopulation(3000, { region: "430121", seed: 5, asOf: at })
    const report = Impact.diffPolicies({ engine, policy: "hunan-2018-30" }, { engine, policy: "county-override-test" }, people, at)
    const naive = new Map<string, number>()
    const yn = (v: boolean | null) => (v === null ? "unknown" : v ? "yes" : "no")
    for (const cf of people) {
      const a = engine.evaluate(cf, at, { policy: "hunan-2018-30" })
      const b = engine.evaluate(cf, at, { policy: "county-override-test" })
      if (!a.ok || !b.ok) continue
      const pairs: Array<[string, string, string]> = [
        ["leftBehind", yn(a.value.leftBehind.value), yn(b.value.leftBehind.value)],
        ["priority", yn(a.value.priority.value), yn(b.value.priority.value)],
        ["risk", a.value.risk?.level ?? "not graded", b.value.risk?.level ?? "not graded"],
        ["visits", `${a.value.visits?.intervalDays ?? "none"}`, `${b.value.visits?.intervalDays ?? "none"}`],
        ...a.value.eligibility!.map((d, i) => [`eligibility:${d.program}`, d.status, b.value.eligibility![i]!.status] as [string, string, string])
      ]
      for (const [k, x, y] of pairs) if (x !== y) naive.set(`${k}|${x}|${y}`, (naive.get(`${k}|${x}|${y}`) ?? 0) + 1)
    }
    expect(naive.size).toBeGreaterThan(1)
    const got = new Map(report.changes.map((c) => [`${c.aspect === "eligibility" ? `eligibility:${c.program}` : c.aspect}|${c.from.replace(" days", "")}|${c.to.replace(" days", "")}`, c.count]))
    expect(got).toEqual(naive)
  })
})
