import { Decode, Engine, Indicator, Loader } from "@liushou/core"
import { hunan, referralWorkflow } from "@liushou/policy-hunan"
import { national } from "@liushou/policy-national"
import { IndicatorScenarios } from "@liushou/testkit"
import { describe, expect, it } from "vitest"
import { Ledger } from "../src/index.js"
import { DIALECTS } from "@liushou/test-databases"
import { withLedger } from "./support/ledger.js"

// The population of Hunan's §10 indicator scenarios (counted by hand in that file), put in a ledger
// on 2019-04-05, with its referral cases, then changed later: the indicators read as of a date
// must be what the ledger held then, whatever was recorded after.
const registry = Loader.load([national, hunan])
const engine = Engine.make(registry)
const file = IndicatorScenarios.loadFile(new URL("../../policy-hunan/test/indicators/s10-evaluation.yaml", import.meta.url).pathname)
const caseFiles = file.inputs.map((x) => {
  const d = Decode.caseFile(x.caseFile)
  if (!d.ok) throw new Error("the scenario population decodes")
  return d.value
})
const Q1 = { region: "430121", from: "2019-01-01", to: "2019-03-31", workflows: [referralWorkflow] }
const counts = (r: Indicator.Report, region?: string) =>
  Object.fromEntries(Object.entries((region === undefined ? r.total : [...r.townships, ...r.villages].find((x) => x.region === region)!).values).map(([k, v]) => [k.replace("hunan.evaluation.", ""), `${v.numerator}/${v.denominator}`]))

for (const dialect of DIALECTS) {
  describe(`Evaluation indicators from the ledger on ${dialect.name}`, () => {
    let ledger: Ledger.Ledger
    let now = "2019-04-05T08:00:00.000Z"
    withLedger(dialect, "indicators", { clock: () => now }, async (l) => {
      ledger = l
      await ledger.importCaseFiles(caseFiles, { actor: "clerk" })
      const step = async (caseId: string, action: string, on: string) => {
        const r = await ledger.transitionReferral({ workflow: referralWorkflow, caseId, action, on, by: "township" })
        if (!r.ok) throw new Error(JSON.stringify(r.error))
      }
      await ledger.openReferral({ workflow: referralWorkflow, caseId: "r1", elderId: "e2", on: "2019-02-01", by: "village-committee" })
      await step("r1", "report", "2019-02-01")
      await step("r1", "refer", "2019-02-02")
      await step("r1", "assist", "2019-02-05")
      await step("r1", "close", "2019-02-20")
      await ledger.openReferral({ workflow: referralWorkflow, caseId: "r2", elderId: "e4", on: "2019-03-01", by: "village-committee" })
      await step("r2", "report", "2019-03-10")
      // recorded on 2019-04-20: a late-entered visit to e3 on 2019-03-25, and r2 closed; e6 enters the ledger
      now = "2019-04-20T09:30:00.000Z"
      const v = await ledger.recordVisit({ elderId: "e3", visit: { date: "2019-03-25", mode: "home", by: "village-committee", concerns: [] }, actor: "村委会" })
      if (!v.ok) throw new Error(JSON.stringify(v.error))
      // and a late-entered emotional-comfort service to e2 on 2019-03-30
      const s = await ledger.recordService({ elderId: "e2", service: { date: "2019-03-30", kind: "emotional-comfort", personKind: "volunteer", personId: "v1" }, actor: "村委会" })
      if (!s.ok) throw new Error(JSON.stringify(s.error))
      await step("r2", "refer", "2019-04-12")
      await step("r2", "assist", "2019-04-15")
      await step("r2", "close", "2019-04-18")
      await ledger.importCaseFiles([{ ...caseFiles[0]!, elder: { ...caseFiles[0]!.elder, id: "e6", regionCode: "430121103201" }, visits: [] }], { actor: "clerk" })
    })

    it("as of 2019-04-10 gives the hand-counted figures of the scenario file, the same as the pure computation", async () => {
      const r = await ledger.indicators(engine, { ...Q1, asOf: "2019-04-10" })
      expect(counts(r)).toEqual({
        "visit-coverage": "4/5",
        "visit-timeliness": "3/5",
        "assessment-coverage": "5/5",
        "referral-timeliness": "1/2",
        "ledger-completeness": "3/4",
        "ledger-staleness": "1/4",
        "pairing-coverage": "1/2",
        "services-per-need": "3/6"
      })
      expect(counts(r, "430121102")).toMatchObject({ "visit-timeliness": "2/3", "referral-timeliness": "0/1", "pairing-coverage": "1/2" })
      expect(r.total.values["hunan.evaluation.visit-timeliness"]!.byRiskLevel).toEqual({
        high: { numerator: 0, denominator: 1, value: 0 },
        low: { numerator: 0, denominator: 1, value: 0 },
        medium: { numerator: 3, denominator: 3, value: 1 }
      })
      const pure = IndicatorScenarios.report(file, { name: "q1", from: Q1.from, to: Q1.to, asOf: "2019-04-10", expect: {} }, registry, [referralWorkflow])
      expect(r.total).toEqual(pure.total)
      expect(r.townships).toEqual(pure.townships)
      expect(r.villages).toEqual(pure.villages)
      expect(r.asOf).toBe("2019-04-10")
    })

    it("reads the ledger as it stood: what was recorded later changes the figures as of a later date only", async () => {
      const before = await ledger.indicators(engine, { ...Q1, asOf: "2019-04-10" })
      const after = await ledger.indicators(engine, { ...Q1, asOf: "2019-04-30" })
      // e3's late-entered visit on 03-25 (114 days after 12-01): covered, still not on time; e6 (recorded
      // on 04-20, in the ledger since, never visited) counts below the line
      expect(counts(after)).toMatchObject({ "visit-coverage": "5/6", "visit-timeliness": "3/6" })
      // r2 closed on 04-18 after a late step: still not on time, and it ended after the quarter (open and overdue at 03-31)
      expect(counts(after)).toMatchObject({ "referral-timeliness": "1/2" })
      // e2's late-entered service on 03-30 is above the line as of 04-30 only; e6 needs emotional comfort, never served
      expect(counts(before)).toMatchObject({ "services-per-need": "3/6" })
      expect(counts(after)).toMatchObject({ "services-per-need": "4/7" })
      // e6, recorded on 04-20, is in the ledger as of 04-30 only
      expect(after.total.elders).toBe(6)
      expect(before.total.elders).toBe(5)
      // reproducible: the same question gives the same answer
      expect(await ledger.indicators(engine, { ...Q1, asOf: "2019-04-10" })).toEqual(before)
      const asOf = await ledger.caseFilesAsOf({ region: "430121102", asOf: "2019-04-10" })
      expect(asOf.map((e) => [e.elderId, e.revision, e.caseFile.visits.length])).toEqual([
        ["e3", 1, 1],
        ["e4", 1, 3],
        ["e5", 1, 2]
      ])
      expect((await ledger.caseFilesAsOf({ region: "430121102", asOf: "2019-04-30" })).find((e) => e.elderId === "e3")!.revision).toBe(2)
      expect(await ledger.caseFilesAsOf({ region: "430121", asOf: "2019-04-04" })).toEqual([])
    })

    it("gives a trend over quarters, each read as of the same date", async () => {
      const trend = await ledger.indicatorTrend(engine, { ...Q1, to: "2019-06-30", asOf: "2019-07-10", period: "quarter" })
      expect(trend.map((r) => [r.from, r.to])).toEqual([
        ["2019-01-01", "2019-03-31"],
        ["2019-04-01", "2019-06-30"]
      ])
      // second quarter: nobody visited; e3's assessment overdue; r2 ended in it after a late step
      expect(counts(trend[1]!)).toMatchObject({ "visit-coverage": "0/5", "assessment-coverage": "4/5", "referral-timeliness": "0/1" })
      // e6 (recorded on 04-20, never visited) is in the ledger read as of 07-10: township 103 last
      expect(Indicator.rank(trend[0]!, "hunan.evaluation.visit-timeliness").map((t) => [t.region, t.rank])).toEqual([
        ["430121102", 1],
        ["430121101", 2],
        ["430121103", 3]
      ])
    })

    it("refuses a malformed date, a period that ends before it starts, an as-of date before its end and a malformed region, in both languages", async () => {
      await expect(ledger.indicators(engine, { ...Q1, asOf: "2019-02-30" })).rejects.toThrow(/asOf must be a calendar date/)
      await expect(ledger.indicators(engine, { ...Q1, from: "2019-04-01", asOf: "2019-04-10" })).rejects.toThrow(/ends \(2019-03-31\) before it starts/)
      await expect(ledger.indicators(engine, { ...Q1, asOf: "2019-03-30" })).rejects.toThrow(/asOf \(2019-03-30\) must be on or after/)
      await expect(ledger.indicators(engine, { ...Q1, region: "4301x", asOf: "2019-04-10" })).rejects.toMatchObject({ zh: expect.stringContaining("区划") })
    })
  })
}
