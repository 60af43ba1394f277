/**
 * The county due lists come out of an index in due-date order (0012_county_due): the query plan
 * of a county's visits due and assessments due reads the county's index range instead of sorting
 * every due row of the county, and the lists hold the same elders in the same order as the lists
 * of the whole ledger restricted to the county. On both dialects.
 */
import { afterEach, beforeEach, describe, expect, it } from "vitest"
import { CompiledQuery, type KyselyPlugin, type RootOperationNode } from "kysely"
import { Ledger, Migrations } from "../src/index.js"
import { population } from "./support/arbitraries.js"
import { DIALECTS, type Opened } from "@liushou/test-databases"
import { engine } from "./support/policy.js"

const clock = () => "2019-07-01T08:00:00.000Z"

for (const dialect of DIALECTS) {
  describe(`County due lists by index on ${dialect.name}`, () => {
    let opened: Opened
    let ledger: Ledger.Ledger
    let captured: Array<RootOperationNode> = []
    const capture: KyselyPlugin = {
      transformQuery: (args) => {
        captured.push(args.node)
        return args.node
      },
      transformResult: async (args) => args.result
    }
    beforeEach(async () => {
      opened = await dialect.create("dueindex")
      ledger = await Ledger.make({ db: opened.db.withPlugin(capture), clock })
      await ledger.migrateToLatest()
      await ledger.importCaseFiles([...population(60)], { importId: "i1", actor: "clerk" })
      await ledger.assess(engine(), "2019-06-30", { runId: "r1" })
    })
    afterEach(async () => {
      await opened?.close()
    })

    /** the plan of the last query a call ran, as text (one line per step) */
    const planOf = async (call: () => Promise<unknown>): Promise<string> => {
      captured = []
      await call()
      const node = captured.at(-1)!
      const compiled = opened.db.getExecutor().compileQuery(node, { queryId: "plan" } as never)
      return opened.db.connection().execute(async (conn) => {
        if (dialect.name === "sqlite") {
          const r = await conn.executeQuery(CompiledQuery.raw(`explain query plan ${compiled.sql}`, [...compiled.parameters]))
          return (r.rows as Array<{ detail: string }>).map((x) => x.detail).join("\n")
        }
        // a 60-elder table is cheaper to sort than to read by index: forbid the sort to show the
        // index serves the order (the planner would otherwise choose either at this size)
        await conn.executeQuery(CompiledQuery.raw("set enable_sort = off"))
        try {
          const r = await conn.executeQuery(CompiledQuery.raw(`explain ${compiled.sql}`, [...compiled.parameters]))
          return (r.rows as Array<Record<string, string>>).map((x) => Object.values(x)[0]).join("\n")
        } finally {
          await conn.executeQuery(CompiledQuery.raw("reset enable_sort"))
        }
      })
    }

    it("a county's visits due and assessments due are read from the county due-date indexes, without a sort", async () => {
      const visits = await planOf(() => ledger.visitsDue("2019-12-31", { region: "430121", limit: 10 }))
      const assessments = await planOf(() => ledger.assessmentsDue("2019-12-31", { region: "430121", limit: 10 }))
      // SQLite names the index; PostgreSQL the partition's index made from it (<partition>_substr_<column>_..., cut at 63 characters)
      expect(visits).toMatch(/elder_status_county_visit_due|_substr_visit_due_/)
      expect(assessments).toMatch(/elder_status_county_assessment_due|_substr_assessment_next_due_/)
      for (const plan of [visits, assessments]) {
        expect(plan).not.toMatch(/TEMP B-TREE/i)
        expect(plan).not.toMatch(/^\s*(->\s*)?(Incremental )?Sort\b/m)
      }
    })

    it("the county lists are the whole ledger's lists restricted to the county, in the same order, for a county and a village", async () => {
      const all = await ledger.visitsDue("2019-12-31")
      const allAssessments = await ledger.assessmentsDue("2019-12-31")
      for (const region of ["430121", "430121101201"]) {
        const key = (r: { elderId: string }) => r.elderId
        const visits = await ledger.visitsDue("2019-12-31", { region })
        expect(visits.length).toBeGreaterThan(0)
        expect(visits.map(key)).toEqual(all.filter((r) => r.regionCode.startsWith(region)).map(key))
        expect((await ledger.visitsDue("2019-12-31", { region, limit: 3 })).map(key)).toEqual(visits.slice(0, 3).map(key))
        const assessments = await ledger.assessmentsDue("2019-12-31", { region })
        expect(assessments.map(key)).toEqual(allAssessments.filter((r) => r.regionCode.startsWith(region)).map(key))
      }
      // a prefecture is not a county: the range alone, as before
      expect((await ledger.visitsDue("2019-12-31", { region: "4301" })).map((r) => r.elderId)).toEqual(all.filter((r) => r.regionCode.startsWith("4301")).map((r) => r.elderId))
    })

    it("migrating below 0012 drops the indexes and the due lists stay the same", async () => {
      const before = await ledger.visitsDue("2019-12-31", { region: "430121" })
      const down = await (await Migrations.migrator(opened.db, ledger.flags)).migrateTo("0011_services")
      expect(down.error).toBeUndefined()
      expect(down.results?.map((r: { migrationName: string; direction: string }) => `${r.migrationName} ${r.direction}`)).toEqual(["0012_county_due Down"])
      expect((await ledger.visitsDue("2019-12-31", { region: "430121" })).map((r) => r.elderId)).toEqual(before.map((r) => r.elderId))
      expect(await ledger.migrateToLatest()).toEqual(["0012_county_due Up"])
    })
  })
}
