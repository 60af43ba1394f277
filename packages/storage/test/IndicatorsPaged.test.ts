import { Engine, Indicator, Loader } from "@liushou/core"
import { hunan, referralWorkflow } from "@liushou/policy-hunan"
import { national } from "@liushou/policy-national"
import { syntheticPopulation } from "@liushou/testkit"
import { describe, expect, it } from "vitest"
import type { Ledger } from "../src/index.js"
import { DIALECTS } from "@liushou/test-databases"
import { withLedger } from "./support/ledger.js"

// The ledger reads a region's case files for the indicators in pages of 500 and counts every
// period in one read: on a county of several pages (and elders of another county the region
// leaves out), the figures are those of the pure computation over the same case files.
const registry = Loader.load([national, hunan])
const engine = Engine.make(registry)
const AS_OF = "2021-06-30"
const county = syntheticPopulation(1_234, { region: "430121", seed: 11, asOf: AS_OF })
const other = syntheticPopulation(150, { region: "430181", seed: 12, asOf: AS_OF })
const SPAN = { region: "430121", from: "2020-07-01", to: AS_OF, asOf: AS_OF, workflows: [referralWorkflow] }

const pure = (from: string, to: string): Indicator.Report => {
  const { indicators } = Indicator.governing(registry, "430121", to)
  const inputs = county.map((caseFile) => {
    const e = engine.evaluate(caseFile, to)
    return { caseFile, evaluation: e.ok ? e.value : null, referrals: [] }
  })
  return Indicator.compute(indicators, inputs, { from, to, asOf: AS_OF, workflows: [referralWorkflow] }, "430121")
}

for (const dialect of DIALECTS) {
  describe(`Indicators of a county of several pages on ${dialect.name}`, () => {
    let ledger: Ledger.Ledger
    withLedger(dialect, "indicators_paged", { clock: () => "2021-06-30T08:00:00.000Z" }, async (l) => {
      ledger = l
      const r = await ledger.importCaseFiles([...county, ...other], { actor: "clerk" })
      if (r.stored !== county.length + other.length) throw new Error(`imported ${r.stored}`)
    })

    it("the year's indicators and its quarterly trend equal the pure computation over the county's case files", async () => {
      const year = await ledger.indicators(engine, SPAN)
      const want = pure(SPAN.from, SPAN.to)
      expect(year.total.elders).toBe(county.length)
      expect(year.indicators.length).toBeGreaterThan(0)
      expect(year.total).toStrictEqual(want.total)
      expect(year.townships).toStrictEqual(want.townships)
      expect(year.villages).toStrictEqual(want.villages)
      const trend = await ledger.indicatorTrend(engine, { ...SPAN, period: "quarter" })
      expect(trend.map((t) => [t.from, t.to])).toEqual(Indicator.periods(SPAN.from, SPAN.to, "quarter").map((p) => [p.from, p.to]))
      for (const t of trend) {
        const w = pure(t.from, t.to)
        expect(t.total).toStrictEqual(w.total)
        expect(t.villages).toStrictEqual(w.villages)
      }
    }, 120_000)
  })
}
