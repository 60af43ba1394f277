/**
 * The report's figures are built from the rows one at a time (`ReportData.builder`), so that a
 * county of any size is read as a stream: on the same rows they equal the figures of the
 * former whole-array computation, whatever the population, region, date and exits.
 */
import { type CaseFile, CalendarDate, Engine, type Evaluation, Loader } from "@liushou/core"
import { hunan } from "@liushou/policy-hunan"
import { national } from "@liushou/policy-national"
import { syntheticPopulation } from "@liushou/testkit"
import fc from "fast-check"
import { describe, expect, it } from "vitest"
import * as Html from "../src/report/Html.js"
import * as ReportData from "../src/report/ReportData.js"
import { legacyBuild } from "./support/legacy-report.js"

const registry = Loader.load([national, hunan])
const engine = Engine.make(registry)
const EXITS = ["supporter-returned", "moved-away", "entered-institution", "died"] as const
const ENTRIES = ["identified", "supporter-left", "moved-in"] as const

/** a synthetic population evaluated at a date; every `exitEvery`-th elder left the ledger (or entered it) some days before */
const rowsOf = (n: number, seed: number, region: string, asOf: CalendarDate.CalendarDate, exitEvery: number) => {
  const out: Array<{ caseFile: CaseFile.CaseFile; evaluation: Evaluation.Evaluation }> = []
  syntheticPopulation(n, { region, seed, asOf }).forEach((c, i) => {
    const days = (i * 37) % 500
    const caseFile: CaseFile.CaseFile =
      exitEvery > 0 && i % exitEvery === 0
        ? { ...c, ledgerEvents: [{ date: CalendarDate.addDays(asOf, -days), event: i % (2 * exitEvery) === 0 ? "exited" : "entered", reason: i % (2 * exitEvery) === 0 ? EXITS[i % EXITS.length]! : ENTRIES[i % ENTRIES.length]! }] }
        : c
    const r = engine.evaluate(caseFile, asOf)
    if (r.ok) out.push({ caseFile, evaluation: r.value })
  })
  return out
}

const options = (region: string, asOf: CalendarDate.CalendarDate) => ({ region, asOf, registry, source: { zh: "测试", en: "test" }, referrals: [{ state: "open", name: { zh: "受理", en: "open" }, open: 3, overdue: 1 }], failed: 2 })

describe("the report's figures, streamed", () => {
  it("equal the whole-array figures on generated populations (regions, dates, exits, orders)", () => {
    let withExits = 0
    let withLeftBehind = 0
    let runs = 0
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 1200 }),
        fc.integer({ min: 1, max: 1_000_000 }),
        fc.constantFrom("430121", "43", "4301", "430121101"),
        fc.constantFrom("2019-03-31", "2021-06-30", "2023-12-31"),
        fc.constantFrom(0, 3, 11),
        fc.boolean(),
        (n, seed, region, asOf, exitEvery, reversed) => {
          const rows = rowsOf(n, seed, region, asOf, exitEvery)
          if (reversed) rows.reverse()
          const old = legacyBuild(rows, options(region, asOf))
          const b = ReportData.builder({ region, asOf, registry })
          for (const r of rows) b.add(r)
          const streamed = b.finish({ source: { zh: "测试", en: "test" }, referrals: options(region, asOf).referrals, failed: 2 })
          expect(streamed).toStrictEqual(old)
          expect(ReportData.build(rows, options(region, asOf))).toStrictEqual(old)
          expect(Html.render(streamed, "zh")).toBe(Html.render(old, "zh"))
          runs++
          if ((old.recheck?.exited ?? 0) > 0) withExits++
          if (old.summary.leftBehind > 0) withLeftBehind++
        }
      ),
      { numRuns: 40, seed: 20261203 }
    )
    // the generated runs exercised exits and left-behind elders, not only empty regions
    expect(runs).toBe(40)
    expect(withExits).toBeGreaterThan(5)
    expect(withLeftBehind).toBeGreaterThan(20)
  }, 120_000)

  it("rows outside the region count nowhere, as before", () => {
    const rows = [...rowsOf(200, 5, "430121", "2021-06-30", 7), ...rowsOf(200, 6, "430102", "2021-06-30", 7)]
    const data = ReportData.build(rows, options("430121", "2021-06-30"))
    expect(data).toStrictEqual(legacyBuild(rows, options("430121", "2021-06-30")))
    expect(data.summary.elders + (data.recheck?.exited ?? 0)).toBe(rows.filter((r) => r.caseFile.elder.regionCode.startsWith("430121")).length)
  })

  it("an empty region gives the same empty figures", () => {
    expect(ReportData.build([], options("430121", "2021-06-30"))).toStrictEqual(legacyBuild([], options("430121", "2021-06-30")))
  })

  it("adding region summaries is the summary of the rows together", () => {
    const rows = rowsOf(900, 9, "430121", "2021-06-30", 5)
    const summarize = (xs: typeof rows) => ReportData.build(xs, options("430121", "2021-06-30")).summary
    expect(ReportData.mergeSummary(summarize(rows.slice(0, 317)), summarize(rows.slice(317)))).toStrictEqual(summarize(rows))
  })
})
