/**
 * The bulk inserts of imports and assessments (`DialectFlags.bulkInsert`): every form stores
 * every text exactly (quotes, backslashes, control characters, surrogate pairs, empty text,
 * nulls), keeps the rows' order of columns, and a failed batch stores nothing. Runs on SQLite
 * and PostgreSQL, with each form the dialect has.
 */
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
  })
}
