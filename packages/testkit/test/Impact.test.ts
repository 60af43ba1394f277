import { CalendarDate, Engine, Loader } from "@liushou/core"
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
    const nat = Loader.find(registry, "national-2017-193")!
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
