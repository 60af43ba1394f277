/**
 * The partitioned schema (migration 0006_partitions): on PostgreSQL the tables that grow with
 * the elders are partitioned by region code, one partition per province and a default one;
 * rows land in their province's partition, the identity stays unique per county, and the
 * migration goes down and up again with every row kept. On SQLite the migration changes
 * nothing, and the same checks of rows and identity hold.
 */
import type { CaseFile } from "@liushou/core"
import { sql } from "kysely"
import { describe, expect, it } from "vitest"
import { Ledger, Migrations } from "../src/index.js"
import { population } from "./support/arbitraries.js"
import { DIALECTS, type Opened } from "@liushou/test-databases"
import { withLedger } from "./support/ledger.js"
import { engine } from "./support/policy.js"

const clock = () => "2019-07-01T08:00:00.000Z"

/** `n` case files of one village, ids numbered from `offset` */
const village = (code: string, n: number, offset: number): Array<CaseFile.CaseFile> =>
  [...population(n, 11 + offset)].map((c, i) => ({ ...c, elder: { ...c.elder, id: `V${String(offset + i).padStart(6, "0")}`, regionCode: code } }))

const HUNAN = "430121101201"

class Rollback extends Error {}
const BEIJING = "110105001001"

/** row counts of every table 0006_partitions partitions (0009_ledger_events and 0011_services partition the tables they create, gone below them) */
const counts = async (db: Opened["db"]): Promise<Record<string, number>> => {
  const out: Record<string, number> = {}
  for (const t of Migrations.PARTITIONED_TABLES.filter((x) => x !== "ledger_events" && x !== "services")) {
    const r = await db.selectFrom(t).select((eb) => eb.fn.countAll().as("n")).executeTakeFirstOrThrow()
    out[t] = Number((r as { n: number | string }).n)
  }
  return out
}

for (const dialect of DIALECTS) {
  describe(`partitioned schema on ${dialect.name}`, () => {
    let opened: Opened
    let ledger: Ledger.Ledger
    withLedger(dialect, "partitions", { clock }, async (l, o) => {
      ledger = l
      opened = o
      const r = await ledger.importCaseFiles([...village(HUNAN, 30, 0), ...village(BEIJING, 10, 100)], { importId: "p" })
      expect(r).toMatchObject({ read: 40, stored: 40, rejected: 0 })
      const a = await ledger.assess(engine(), "2019-06-30", { runId: "r1" })
      expect(a.evaluated + a.failed).toBe(40)
    })

    if (dialect.name === "postgres") {
      it("partitions every large table by region code, one partition per province and a default one", async () => {
        const parted = await sql<{ name: string; strategy: string; key: string }>`
          select c.relname as name, p.partstrat as strategy, pg_get_partkeydef(c.oid) as key
          from pg_partitioned_table p join pg_class c on c.oid = p.partrelid order by c.relname`.execute(opened.db)
        expect(parted.rows.map((r) => r.name).sort()).toEqual([...Migrations.PARTITIONED_TABLES].sort())
        for (const r of parted.rows) expect(r.key).toBe("RANGE (region_code)")
        for (const t of Migrations.PARTITIONED_TABLES) {
          const parts = await sql<{ name: string; bound: string }>`
            select c.relname as name, pg_get_expr(c.relpartbound, c.oid) as bound
            from pg_inherits i join pg_class c on c.oid = i.inhrelid where i.inhparent = ${t}::regclass`.execute(opened.db)
          expect(parts.rows).toHaveLength(Migrations.PROVINCES.length + 1)
          expect(parts.rows.find((p) => p.name === `${t}_p43`)?.bound).toBe("FOR VALUES FROM ('43') TO ('44')")
          expect(parts.rows.find((p) => p.name === `${t}_pother`)?.bound).toBe("DEFAULT")
        }
      })

      it("stores each elder's rows in its province's partition", async () => {
        for (const t of ["elders", "visits", "assignments", "elder_history", "evaluations", "elder_status"] as const) {
          const r = await sql<{ part: string; n: string }>`select tableoid::regclass::text as part, count(*) as n from ${sql.table(t)} group by 1 order by 1`.execute(opened.db)
          const parts = Object.fromEntries(r.rows.map((x) => [x.part, Number(x.n)]))
          expect(Object.keys(parts).sort()).toEqual([`${t}_p11`, `${t}_p43`].filter((p) => parts[p] !== undefined))
          if (t === "elders" || t === "elder_status") expect(parts).toEqual({ [`${t}_p11`]: 10, [`${t}_p43`]: 30 })
        }
      })

      it("compresses the large JSON columns with LZ4 on every partition when the server has it", async () => {
        const lz4 = await sql<{ ok: boolean }>`select 'lz4' = any(enumvals) as ok from pg_settings where name = 'default_toast_compression'`.execute(opened.db)
        const expected = lz4.rows[0]?.ok === true ? "l" : ""
        for (const [table, column] of Migrations.COMPRESSED_COLUMNS) {
          const r = await sql<{ name: string; method: string }>`
            select c.relname as name, a.attcompression as method from pg_attribute a join pg_class c on c.oid = a.attrelid
            where a.attname = ${column} and (c.relname = ${table} or c.relname like ${`${table}\\_p%`})`.execute(opened.db)
          expect(r.rows).toHaveLength(Migrations.PROVINCES.length + 2)
          for (const x of r.rows) expect(x.method, x.name).toBe(expected)
        }
        // a stored evaluation is compressed with it (pg_column_compression: the method of the stored value)
        // a value large enough to be compressed (a real evaluation is about 4 kB; this suite's are smaller) is stored with it
        if (expected === "l") {
          await opened.db.transaction().execute(async (trx) => {
            await sql`update evaluations set evaluation = repeat(evaluation, 8) where region_code = ${HUNAN}`.execute(trx)
            const stored = await sql<{ method: string }>`select distinct pg_column_compression(evaluation) as method from evaluations where region_code = ${HUNAN}`.execute(trx)
            expect(stored.rows.map((r) => r.method)).toEqual(["lz4"])
            throw new Rollback()
          }).catch((e: unknown) => {
            if (!(e instanceof Rollback)) throw e
          })
        }
      })

      it("a county query reads one partition only", async () => {
        const plan = await sql<{ "QUERY PLAN": string }>`explain select * from elders where region_code >= '430121000000' and region_code <= '430121999999'`.execute(opened.db)
        const text = plan.rows.map((r) => r["QUERY PLAN"]).join("\n")
        expect(text).toContain("elders_p43")
        expect(text).not.toContain("elders_p11")
        expect(text).not.toContain("elders_pother")
      })
    }

    it("keeps an elder's identity unique within its county", async () => {
      const [one] = village(HUNAN, 1, 0)
      const row = await opened.db.selectFrom("elders").selectAll().where("elder_id", "=", one!.elder.id).executeTakeFirstOrThrow()
      // the same id in another village of the same county
      await expect(opened.db.insertInto("elders").values({ ...row, region_code: "430121101203" }).execute()).rejects.toThrow()
      // the same id in another county is another elder
      await opened.db.insertInto("elders").values({ ...row, region_code: "430181103204" }).execute()
      await opened.db.deleteFrom("elders").where("region_code", "=", "430181103204").execute()
    })

    it("migrates down to an unpartitioned schema and up again, keeping every row and the replay", async () => {
      const before = await counts(opened.db)
      expect(before.elders).toBe(40)
      const m = await Migrations.migrator(opened.db, ledger.flags)
      const down = await m.migrateTo("0005_assignments")
      expect(down.error).toBeUndefined()
      expect(down.results?.map((r: { migrationName: string; direction: string }) => `${r.migrationName} ${r.direction}`)).toEqual(["0013_due_list Down", "0012_county_due Down", "0011_services Down", "0010_evaluation_refs Down", "0009_ledger_events Down", "0008_compression Down", "0007_import_lock Down", "0006_partitions Down"])
      if (dialect.name === "postgres") {
        const parted = await sql<{ n: string }>`select count(*) as n from pg_partitioned_table`.execute(opened.db)
        expect(Number(parted.rows[0]!.n)).toBe(0)
      }
      expect(await counts(opened.db)).toEqual(before)
      // the identity index is back as one index
      const [one] = village(HUNAN, 1, 0)
      const row = await opened.db.selectFrom("elders").selectAll().where("elder_id", "=", one!.elder.id).executeTakeFirstOrThrow()
      await expect(opened.db.insertInto("elders").values({ ...row, region_code: "430121101203" }).execute()).rejects.toThrow()
      expect(await ledger.migrateToLatest()).toEqual(["0006_partitions Up", "0007_import_lock Up", "0008_compression Up", "0009_ledger_events Up", "0010_evaluation_refs Up", "0011_services Up", "0012_county_due Up", "0013_due_list Up"])
      expect(await counts(opened.db)).toEqual(before)
      const replay = await ledger.replayAll(engine(), { runId: "r1" })
      expect(replay.checked).toBe(before.evaluations)
      expect(replay.same).toBe(replay.checked)
    })
  })
}
