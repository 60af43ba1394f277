/**
 * Measures the ledger on this machine: import of N generated case files (rows/s, peak RSS),
 * a re-import of the same files (all unchanged), an assessment run and the visits-due query.
 * Run: pnpm exec tsx --conditions=@liushou/source packages/storage/bench/ledger.ts [N] [sqlite|postgres]
 * PostgreSQL uses LIUSHOU_PG_URL's server with a fresh database `liushou_bench`.
 */
import Database from "better-sqlite3"
import { Kysely, PostgresDialect, SqliteDialect } from "kysely"
import { mkdtempSync, rmSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import pg from "pg"
import { Ledger } from "../src/index.js"
import { population } from "../test/support/arbitraries.js"
import { engine } from "../test/support/policy.js"

const N = Number(process.argv[2] ?? 100_000)
const which = process.argv[3] ?? "sqlite"
const PG_URL = process.env.LIUSHOU_PG_URL ?? "postgres://postgres:postgres@127.0.0.1:5432/liushou_test"

let peak = 0
const sample = () => void (peak = Math.max(peak, process.memoryUsage().rss))
/** the generated case files, sampling memory as they are consumed (the import never yields to timers) */
function* cases(n: number) {
  let i = 0
  for (const c of population(n)) {
    if (i++ % 1000 === 0) sample()
    yield c
  }
}

const open = async (): Promise<{ db: Kysely<any>; done: () => Promise<void> }> => {
  if (which === "postgres") {
    const admin = new pg.Client({ connectionString: PG_URL })
    await admin.connect()
    await admin.query("drop database if exists liushou_bench with (force)")
    await admin.query("create database liushou_bench")
    await admin.end()
    const u = new URL(PG_URL)
    u.pathname = "/liushou_bench"
    const db = new Kysely<any>({ dialect: new PostgresDialect({ pool: new pg.Pool({ connectionString: u.toString(), max: 2 }) }) })
    return { db, done: () => db.destroy() }
  }
  const dir = mkdtempSync(join(tmpdir(), "liushou-bench-"))
  const db = new Kysely<any>({ dialect: new SqliteDialect({ database: new Database(join(dir, "bench.db")) }) })
  return { db, done: async () => (await db.destroy(), rmSync(dir, { recursive: true, force: true })) }
}

const time = async <A>(label: string, rows: number, f: () => Promise<A>): Promise<A> => {
  const t0 = performance.now()
  const a = await f()
  const s = (performance.now() - t0) / 1000
  console.log(`${which}\t${label}\t${rows} rows\t${s.toFixed(1)} s\t${Math.round(rows / s)} rows/s\tpeak RSS ${Math.round(peak / 2 ** 20)} MiB`)
  return a
}

const { db, done } = await open()
const ledger = await Ledger.make({ db })
await ledger.migrateToLatest()
await time("import", N, () => ledger.importCaseFiles(cases(N), { batchSize: 1000 }))
await time("re-import (unchanged)", N, () => ledger.importCaseFiles(cases(N), { batchSize: 1000 }))
await time("assess", N, () => ledger.assess(engine(), "2019-06-30", { batchSize: 1000, onProgress: sample }))
await time("visitsDue(4301, all)", N, () => ledger.visitsDue("2019-12-31", { region: "4301" }))
const t0 = performance.now()
const due = await ledger.visitsDue("2019-06-30", { region: "430121101201", limit: 100 })
console.log(`${which}\tvisitsDue(village, limit 100)\t${due.length} rows\t${(performance.now() - t0).toFixed(1)} ms`)
await done()
