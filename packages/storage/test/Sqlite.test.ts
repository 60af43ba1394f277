/**
 * `Sqlite.cachedStatements`: the statements better-sqlite3 prepared are handed out again by SQL
 * text, never one still iterating, at most `size` of them are kept, and a ledger opened on the
 * cached database imports and assesses as on the plain one.
 */
import Database from "better-sqlite3"
import { Kysely, SqliteDialect } from "kysely"
import { describe, expect, it } from "vitest"
import { Ledger, Sqlite } from "../src/index.js"
import { population } from "./support/arbitraries.js"
import { engine } from "./support/policy.js"

describe("Sqlite.cachedStatements", () => {
  it("prepares a text once, again only while the first is iterating, and keeps at most `size` statements", () => {
    const raw = new Database(":memory:")
    let prepared = 0
    const counting = new Proxy(raw, { get: (t, k) => (k === "prepare" ? (s: string) => (prepared++, t.prepare(s)) : Reflect.get(t, k, t)) })
    const db = Sqlite.cachedStatements(counting, 2)
    db.exec("create table t (a integer)")
    db.prepare("insert into t values (?)").run(1)
    db.prepare("insert into t values (?)").run(2)
    expect(prepared).toBe(1)
    const select = db.prepare("select a from t order by a")
    const it1 = select.iterate() as IterableIterator<{ a: number }>
    expect(it1.next().value).toEqual({ a: 1 })
    // the cached statement is busy: another one is prepared, and both read every row
    expect(db.prepare("select a from t order by a").all()).toEqual([{ a: 1 }, { a: 2 }])
    expect(prepared).toBe(3)
    expect(it1.next().value).toEqual({ a: 2 })
    it1.return?.()
    expect(db.prepare("select a from t order by a")).toBe(select)
    // a third text drops the least recently used (the insert)
    db.prepare("select count(*) from t").get()
    db.prepare("insert into t values (?)").run(3)
    expect(prepared).toBe(5)
    expect(db.open).toBe(true)
    db.close()
    expect(raw.open).toBe(false)
  })

  it("a ledger on the cached database imports and assesses as on the plain one", async () => {
    const results = []
    for (const wrap of [false, true]) {
      const raw = new Database(":memory:")
      const db = new Kysely<any>({ dialect: new SqliteDialect({ database: wrap ? Sqlite.cachedStatements(raw) : raw }) })
      const ledger = await Ledger.make({ db, clock: () => "2021-06-30T00:00:00.000Z" })
      await ledger.migrateToLatest()
      const cases = [...population(300, 11)]
      const imported = await ledger.importCaseFiles(cases, { importId: "i", batchSize: 100 })
      const assessed = await ledger.assess(engine(), "2021-06-30", { runId: "r", batchSize: 100 })
      const again = await ledger.assess(engine(), "2021-06-30", { runId: "r2", batchSize: 100 })
      const stored = await db.selectFrom("evaluations").select(["region_code", "elder_id", "run_id", "body_hash", "dated", "base_run"]).orderBy("region_code").orderBy("elder_id").orderBy("run_id").execute()
      const replayed = await ledger.replayAll(engine())
      results.push({ imported: { ...imported, importId: "" }, assessed, again, stored, replayed: { checked: replayed.checked, same: replayed.same } })
      await db.destroy()
    }
    expect(results[1]).toEqual(results[0])
    expect(results[0]!.replayed.same).toBe(results[0]!.replayed.checked)
  })
})
