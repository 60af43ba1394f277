/**
 * The bulk inserts of imports and assessments (`DialectFlags.bulkInsert`): every form stores
 * every text exactly (quotes, backslashes, control characters, surrogate pairs, empty text,
 * nulls), keeps the rows' order of columns, and a failed batch stores nothing; on PostgreSQL a
 * text too long for a column with a length limit is refused, never cut short. Runs on SQLite
 * and PostgreSQL, with each form the dialect has.
 */
import { sql } from "kysely"
import { describe, expect, it } from "vitest"
import { DIALECTS } from "@liushou/test-databases"
import type { DialectFlags } from "../src/Flags.js"
import type { Ledger } from "../src/index.js"
import { bulkInsert, PgArray } from "../src/internal/rows.js"
import { writeTransaction } from "../src/internal/tx.js"
import { withLedger } from "./support/ledger.js"

const TEXTS = [
  "plain",
  "",
  '{"a":"b \\" c","d":[1,2]}',
  "back\\slash \\\\ two, a quote \" and a brace } { ,",
  "line\nfeed\ttab\rreturn",
  "\u0001\u001f control",
  "汉字 and 😀 (a surrogate pair)",
  "NULL",
  "  spaces  "
]

const rowsOf = (importId: string) =>
  TEXTS.map((raw, position) => ({ import_id: importId, position, elder_id: position % 3 === 0 ? null : `E${position}`, raw, error: JSON.stringify({ raw }), at: "2021-06-30T00:00:00.000Z" }))

describe("PgArray", () => {
  it("writes PostgreSQL array literals: JSON strings for plain text, escaped otherwise, NULL for null", () => {
    expect(new PgArray(["a", 'b"c', "d\\e", null, 3, undefined]).toPostgres()).toBe('{"a","b\\"c","d\\\\e",NULL,"3",NULL}')
    expect(new PgArray(["x\ny", "😀\""]).toPostgres()).toBe('{"x\ny","😀\\""}')
    expect(new PgArray([]).toPostgres()).toBe("{}")
  })
})

for (const dialect of DIALECTS) {
  describe(`bulk inserts on ${dialect.name}`, () => {
    let ledger: Ledger.Ledger
    withLedger(dialect, "bulk", {}, (l) => {
      ledger = l
    })
    const flags = (): DialectFlags => ledger.flags
    const modes = (): ReadonlyArray<NonNullable<DialectFlags["bulkInsert"]>> =>
      flags().name === "postgres" ? ["unnest", "parameters", "json_populate_recordset", "values"] : ["parameters", "json_each", "values"]

    it("stores every text exactly in every form", async () => {
      for (const mode of modes()) {
        const f = { ...flags(), bulkInsert: mode }
        await writeTransaction(ledger.db, f, (trx) => bulkInsert(trx, f, "rejected_records", rowsOf(mode), { columns: ["import_id", "position"] }))
        const back = await ledger.db.selectFrom("rejected_records").selectAll().where("import_id", "=", mode).orderBy("position").execute()
        expect(back.map((r) => ({ ...r, position: Number(r.position) }))).toEqual(rowsOf(mode))
      }
    })

    it("a batch that fails stores none of its rows", async () => {
      for (const mode of modes()) {
        const f = { ...flags(), bulkInsert: mode }
        const id = `fail-${mode}`
        const rows = rowsOf(id)
        // the same key twice without a conflict clause: the statement fails
        await expect(writeTransaction(ledger.db, f, (trx) => bulkInsert(trx, f, "rejected_records", [...rows, rows[0]!]))).rejects.toThrow()
        const back = await ledger.db.selectFrom("rejected_records").select("position").where("import_id", "=", id).execute()
        expect(back).toEqual([])
      }
    })

    // SQLite has no length limits
    it.runIf(dialect.name === "postgres")("refuses a text too long for a limited column in every form, and stores fitting ones exactly", async () => {
      await sql`create table if not exists bulk_limited (k integer primary key, code varchar(3), flag char(2))`.execute(ledger.db)
      let k = 0
      for (const mode of modes()) {
        const f = { ...flags(), bulkInsert: mode }
        const insert = (rows: ReadonlyArray<{ k: number; code: string; flag: string }>) =>
          writeTransaction(ledger.db, f, (trx) => bulkInsert(trx, f, "bulk_limited" as "rejected_records", rows as never))
        const fits = [{ k: ++k, code: "abc", flag: "xy" }, { k: ++k, code: "汉字", flag: "z" }]
        await insert(fits)
        await expect(insert([{ k: ++k, code: "abcd", flag: "xy" }])).rejects.toThrow(/too long/)
        await expect(insert([{ k: ++k, code: "abc", flag: "xyz" }])).rejects.toThrow(/too long/)
        const back = await sql<{ k: number; code: string; flag: string }>`select k, code, flag from bulk_limited where k = any(${fits.map((r) => r.k)}) order by k`.execute(ledger.db)
        // char(2) pads a shorter text with spaces, as any insert does
        expect(back.rows).toEqual(fits.map((r) => ({ ...r, flag: r.flag.padEnd(2) })))
      }
    })
  })
}
