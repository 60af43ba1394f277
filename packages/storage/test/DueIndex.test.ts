/**
 * The county due lists come out of an index in due-date order (0012_county_due): the query plan
 * of a county's visits due and assessments due reads the county's index range instead of sorting
 * every due row of the county, and the lists hold the same elders in the same order as the lists
 * of the whole ledger restricted to the county. A status row carries what the lists show of its
 * elder (0013_due_list), kept in step with the elder by every write. On both dialects.
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

    it("a due list reads the status rows alone: no lookup of each elder", async () => {
      for (const plan of [
        await planOf(() => ledger.visitsDue("2019-12-31", { region: "430121", limit: 10 })),
        await planOf(() => ledger.visitsDue("2019-12-31", { limit: 10 })),
        await planOf(() => ledger.assessmentsDue("2019-12-31", { region: "430121", limit: 10 }))
      ]) {
        expect(plan).toMatch(/elder_status/)
        expect(plan).not.toMatch(/\belders\b|elders_/)
      }
    })

    /** every status row's copy of its elder against the elder (name, input version, revision) */
    const outOfStep = async (): Promise<Array<string>> => {
      const rows = await opened.db
        .selectFrom("elder_status as s")
        .innerJoin("elders as e", (j) => j.onRef("e.region_code", "=", "s.region_code").onRef("e.elder_id", "=", "s.elder_id"))
        .select(["s.elder_id", "s.elder_name", "s.elder_version", "s.elder_revision", "e.name", "e.input_version", "e.revision"])
        .execute()
      expect(rows.length).toBeGreaterThan(0)
      return rows.filter((r) => r.elder_name !== r.name || r.elder_version !== r.input_version || Number(r.elder_revision) !== Number(r.revision)).map((r) => r.elder_id)
    }

    it("the status rows follow their elders: a recorded visit shows the elder stale, a re-imported name shows, a new assessment is current again", async () => {
      expect(await outOfStep()).toEqual([])
      const [first] = await ledger.visitsDue("2019-12-31", { region: "430121", limit: 1 })
      expect(first!.stale).toBe(false)
      const visit = await ledger.recordVisit({ elderId: first!.elderId, region: first!.regionCode, visit: { date: "2019-07-02", mode: "home", by: "village-committee", concerns: [] }, actor: "clerk" })
      expect(visit.ok).toBe(true)
      expect(await outOfStep()).toEqual([])
      const list = await ledger.visitsDue("2019-12-31", { region: "430121" })
      const assessments = await ledger.assessmentsDue("2019-12-31", { region: "430121" })
      expect(list.filter((r) => r.stale).map((r) => r.elderId)).toEqual([first!.elderId])
      // a re-import renaming an elder
      const current = await ledger.elder(first!.elderId, { region: first!.regionCode })
      const renamed = { ...current!.caseFile, elder: { ...current!.caseFile.elder, name: "王改名" } }
      await ledger.importCaseFiles([renamed], { importId: "i2", actor: "clerk" })
      expect(await outOfStep()).toEqual([])
      expect((await ledger.visitsDue("2019-12-31", { region: "430121" })).find((r) => r.elderId === first!.elderId)!.name).toBe("王改名")
      const dueAssessment = assessments.find((r) => r.elderId === first!.elderId)
      if (dueAssessment !== undefined) expect((await ledger.assessmentsDue("2019-12-31", { region: "430121" })).find((r) => r.elderId === first!.elderId)!.name).toBe("王改名")
      // assessed again: current
      await ledger.assess(engine(), "2019-07-03", { runId: "r2" })
      expect(await outOfStep()).toEqual([])
      expect((await ledger.visitsDue("2019-12-31", { region: "430121" })).filter((r) => r.stale)).toEqual([])
    })

    it("an assessment that read an elder before a later change does not undo the change (the higher revision wins)", async () => {
      const [first] = await ledger.visitsDue("2019-12-31", { region: "430121", limit: 1 })
      // as if the elder changed after this assessment read it: the status row already holds a later revision
      await opened.db
        .updateTable("elder_status")
        .set({ elder_name: "后来", elder_version: "later", elder_revision: 99 })
        .where("region_code", "=", first!.regionCode)
        .where("elder_id", "=", first!.elderId)
        .execute()
      await ledger.assess(engine(), "2019-07-03", { runId: "r2" })
      const row = await opened.db.selectFrom("elder_status").select(["run_id", "elder_name", "elder_version", "elder_revision"]).where("region_code", "=", first!.regionCode).where("elder_id", "=", first!.elderId).executeTakeFirstOrThrow()
      expect({ ...row, elder_revision: Number(row.elder_revision) }).toEqual({ run_id: "r2", elder_name: "后来", elder_version: "later", elder_revision: 99 })
      expect(await outOfStep()).toEqual([first!.elderId])
    })

    /**
     * An assessment on its own connection that runs `change` once, right after it has read the
     * page holding `elderId` and before it writes that page: how many times it ran (1)
     */
    const assessAround = async (url: string, elderId: string, asOf: string, runId: string, change: () => Promise<void>): Promise<number> => {
      let calls = 0
      const between: KyselyPlugin = {
        transformQuery: (args) => args.node,
        transformResult: async (args) => {
          const rows = args.result.rows as Array<Record<string, unknown>>
          if (calls === 0 && rows.length > 0 && "previous" in rows[0]! && rows.some((r) => r.elder_id === elderId)) {
            calls++
            await change()
          }
          return args.result
        }
      }
      const assessing = dialect.connect(url)
      try {
        await (await Ledger.make({ db: assessing.withPlugin(between), clock })).assess(engine(), asOf, { runId })
      } finally {
        await assessing.destroy()
      }
      return calls
    }

    it("an elder assessed for the first time and changed between the assessment's read and its write shows stale, not the version the assessment read", async () => {
      const other = await dialect.create("duerace")
      try {
        const clerk = await Ledger.make({ db: other.db, clock })
        await clerk.migrateToLatest()
        await clerk.importCaseFiles([...population(20)], { importId: "i1", actor: "clerk" })
        const [target] = await other.db.selectFrom("elders").select(["region_code", "elder_id"]).orderBy("region_code").orderBy("elder_id").limit(1).execute()
        // the assessment runs on its own connection; right after it has read the elder's page,
        // the clerk records a visit to the first elder (a new revision and version)
        const changed = await assessAround(other.url, target!.elder_id, "2019-06-30", "r1", async () => {
          const visit = await clerk.recordVisit({ elderId: target!.elder_id, region: target!.region_code, visit: { date: "2019-07-02", mode: "home", by: "village-committee", concerns: [] }, actor: "clerk" })
          expect(visit.ok).toBe(true)
        })
        expect(changed).toBe(1)
        const [elder, status] = await Promise.all([
          other.db.selectFrom("elders").select(["name", "input_version", "revision"]).where("region_code", "=", target!.region_code).where("elder_id", "=", target!.elder_id).executeTakeFirstOrThrow(),
          other.db.selectFrom("elder_status").select(["input_version", "elder_name", "elder_version", "elder_revision"]).where("region_code", "=", target!.region_code).where("elder_id", "=", target!.elder_id).executeTakeFirstOrThrow()
        ])
        // the row shows the elder as it is now, and the stored decision as made from the older input
        expect({ name: status.elder_name, version: status.elder_version, revision: Number(status.elder_revision) }).toEqual({ name: elder.name, version: elder.input_version, revision: Number(elder.revision) })
        expect(status.input_version).not.toBe(elder.input_version)
        // `stale` of the due lists is that inequality (a visit list that holds the elder says so)
        for (const r of (await clerk.visitsDue("2099-12-31")).filter((r) => r.elderId === target!.elder_id)) expect(r.stale).toBe(true)
      } finally {
        await other.close()
      }
    })

    it("an elder moved to another village between an assessment's read and its write is listed once, under its new village, with no status row left under the old one", async () => {
      const other = await dialect.create("duemove")
      try {
        const clerk = await Ledger.make({ db: other.db, clock })
        await clerk.migrateToLatest()
        const cases = [...population(20)]
        await clerk.importCaseFiles(cases, { importId: "i1", actor: "clerk" })
        await clerk.assess(engine(), "2019-06-30", { runId: "r1" })
        const [target] = await other.db.selectFrom("elders").select(["region_code", "elder_id"]).where("region_code", "=", "430121101201").orderBy("elder_id").limit(1).execute()
        // a move inside the county keeps the elder (a move to another county is another county's elder)
        const village = "430121101203"
        // right after the second assessment has read the page that holds the elder, the elder moves
        const moved = await assessAround(other.url, target!.elder_id, "2019-07-03", "r2", async () => {
          const current = (await clerk.elder(target!.elder_id, { region: target!.region_code }))!.caseFile
          const r = await clerk.importCaseFiles([{ ...current, elder: { ...current.elder, regionCode: village } }], { importId: "i2", actor: "clerk" })
          expect(r.stored + r.updated).toBe(1)
        })
        expect(moved).toBe(1)
        const orphans = await other.db
          .selectFrom("elder_status as s")
          .select(["s.region_code", "s.elder_id"])
          .where((eb) => eb.not(eb.exists(eb.selectFrom("elders as e").select("e.elder_id").whereRef("e.region_code", "=", "s.region_code").whereRef("e.elder_id", "=", "s.elder_id"))))
          .execute()
        expect(orphans).toEqual([])
        for (const list of [await clerk.visitsDue("2099-12-31"), await clerk.assessmentsDue("2099-12-31")]) {
          const rows = list.filter((r) => r.elderId === target!.elder_id)
          expect(rows.length).toBeLessThanOrEqual(1)
          for (const r of rows) expect(r.regionCode).toBe(village)
        }
      } finally {
        await other.close()
      }
    })

    it("migrating below 0013 drops the copied columns and the trigger, below 0012 the indexes; up again fills them from the elders, with the same lists", async () => {
      const before = await ledger.visitsDue("2019-12-31", { region: "430121" })
      await ledger.recordVisit({ elderId: before[0]!.elderId, region: before[0]!.regionCode, visit: { date: "2019-07-02", mode: "home", by: "village-committee", concerns: [] }, actor: "clerk" })
      const stale = await ledger.visitsDue("2019-12-31", { region: "430121" })
      const m = await Migrations.migrator(opened.db, ledger.flags)
      const down = await m.migrateTo("0011_services")
      expect(down.error).toBeUndefined()
      expect(down.results?.map((r: { migrationName: string; direction: string }) => `${r.migrationName} ${r.direction}`)).toEqual(["0013_due_list Down", "0012_county_due Down"])
      const columns = Object.keys((await opened.db.selectFrom("elder_status").selectAll().executeTakeFirstOrThrow()) as object)
      expect(columns).not.toContain("elder_name")
      // an elder changed while the trigger is gone
      await ledger.db.updateTable("elders").set({ name: "迁移中" }).where("region_code", "=", before[1]!.regionCode).where("elder_id", "=", before[1]!.elderId).execute()
      expect(await ledger.migrateToLatest()).toEqual(["0012_county_due Up", "0013_due_list Up"])
      expect(await outOfStep()).toEqual([])
      const after = await ledger.visitsDue("2019-12-31", { region: "430121" })
      expect(after.map((r) => [r.elderId, r.stale])).toEqual(stale.map((r) => [r.elderId, r.stale]))
      expect(after.find((r) => r.elderId === before[1]!.elderId)!.name).toBe("迁移中")
    })
  })
}
