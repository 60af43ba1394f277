/**
 * The re-check worklist read from the ledger (`recheckWorklist`: the rows as they come, keeping
 * only the evaluations with something to ask) equals the worklist of every row evaluated at
 * once, from a stored assessment run and from the case files evaluated at the date, with the
 * reader's scope applied. On both databases.
 */
import { Engine, Loader, Recheck, RegionCode } from "@liushou/core"
import { hunan } from "@liushou/policy-hunan"
import { national } from "@liushou/policy-national"
import { syntheticPopulation } from "@liushou/testkit"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { DIALECTS } from "@liushou/test-databases"
import { openLedger } from "../src/db.js"
import { recheckWorklist } from "../src/report/FromLedger.js"
import { tempDir } from "./host-support.js"

const registry = Loader.load([national, hunan])
const engine = Engine.make(registry)
const AS_OF = "2021-06-30"
const cases = [...syntheticPopulation(400, { region: "430121", seed: 7, asOf: AS_OF }), ...syntheticPopulation(150, { region: "430102", seed: 8, asOf: AS_OF })]

/** the worklist of every case file evaluated at once (the former whole-array reading) */
const expected = (region: string, asOf: string, inScope: (code: string) => boolean = () => true) =>
  Recheck.worklist(
    cases.flatMap((c) => {
      if (!RegionCode.contains(region, c.elder.regionCode) || !inScope(c.elder.regionCode)) return []
      const r = engine.evaluate(c, asOf)
      return r.ok ? [r.value] : []
    }),
    region
  )

for (const dialect of DIALECTS) {
  describe(`the re-check worklist on ${dialect.name}`, () => {
    let db: { url: string; close: () => Promise<void> }
    let opened: Awaited<ReturnType<typeof openLedger>>
    beforeAll(async () => {
      db = await dialect.fresh("recheck")
      opened = await openLedger(db.url, tempDir("liushou-recheck-"))
      await opened.ledger.importCaseFiles(cases, { actor: "test" })
    }, 120_000)
    afterAll(async () => {
      await opened?.close()
      await db?.close()
    })

    it("equals the whole-region worklist, evaluated at the date and from a stored run, with the reader's scope", async () => {
      const village = (await recheckWorklist(opened.ledger, registry, "430121", AS_OF)).villages[0]!.village
      const reads: Array<[string, ((code: string) => boolean) | undefined]> = [
        ["430121", undefined],
        ["43", undefined],
        ["430121", (code) => code === village]
      ]
      for (const [region, inScope] of reads) {
        const now = await recheckWorklist(opened.ledger, registry, region, AS_OF, inScope)
        expect(now.source.en).toContain("no stored assessment run")
        expect(now.villages).toStrictEqual(expected(region, AS_OF, inScope))
      }
      // the scope leaves out the other villages
      expect(expected("430121", AS_OF, (code) => code === village).map((v) => v.village)).toEqual([village])
      const want = expected("430121", AS_OF)
      expect(want.length).toBeGreaterThan(1)
      // the list is not empty: the comparison compared something
      expect(want.reduce((n, v) => n + v.elders, 0)).toBeGreaterThan(20)
      await opened.ledger.assess(engine, AS_OF, { runId: "recheck-run", actor: "test" })
      for (const [region, inScope] of reads) {
        const stored = await recheckWorklist(opened.ledger, registry, region, AS_OF, inScope)
        expect(stored.source.en).toContain("recheck-run")
        expect(stored.villages).toStrictEqual(expected(region, AS_OF, inScope))
      }
    }, 120_000)
  })
}
