/**
 * One import measurement in its own process (so its peak RSS is its own): the ledger's
 * import of a JSON Lines file, or the raw driver writing the same lines to one table (id,
 * region, JSON text) in 5,000-row transactions. Fails unless every line is accounted for
 * (read = stored + updated + unchanged + rejected = the expected count). Prints one JSON line:
 * {ms, cases, counts, peakRssMiB}.
 *
 * Arguments: <sqlite|postgres> <ledger|raw> <jsonl file> <sqlite file | pg database> <expected cases>
 */
import type { CaseFile } from "@liushou/core"
import { Flags, Ledger, Sqlite } from "@liushou/storage"
import * as Drivers from "../lib/drivers.js"
import { lines } from "../lib/population.js"
import { checkCounts } from "../lib/results.js"
import { now } from "../lib/stats.js"

const [dialect, mode, file, target, expectedArg] = process.argv.slice(2) as ["sqlite" | "postgres", "ledger" | "raw", string, string, string]
const expected = Number(expectedArg)
const AT = "2021-06-30T00:00:00.000Z"
/** the ledger's import batch (one write transaction each) */
const BATCH = Number(process.env.LIUSHOU_BENCH_IMPORT_BATCH ?? 5000)
const RAW_BATCH = 5000

const open = async () => {
  const K = await Drivers.kysely()
  if (dialect === "sqlite") {
    const Database = Drivers.BetterSqlite3()
    const raw = new Database(target)
    return { db: new K.Kysely({ dialect: new K.SqliteDialect({ database: Sqlite.cachedStatements(raw) }) }), flags: Flags.sqlite, raw }
  }
  const pg = Drivers.pg()
  const pool = new pg.Pool({ connectionString: Drivers.pgUrl(target), max: 2 })
  return { db: new K.Kysely({ dialect: new K.PostgresDialect({ pool }) }), flags: Flags.postgres, pool }
}

const main = async (): Promise<void> => {
  const { db, flags, raw, pool } = (await open()) as { db: any; flags: Flags.DialectFlags; raw?: any; pool?: any }
  const ledger = await Ledger.make({ db, flags, clock: () => AT })
  await ledger.migrateToLatest()
  let ms = 0
  let counts: Record<string, number>
  if (mode === "ledger") {
    const t = now()
    const r = await ledger.importCaseFiles(lines(file), { importId: "bench", source: file, actor: "bench", at: AT, batchSize: BATCH })
    ms = now() - t
    counts = { read: r.read, stored: r.stored, updated: r.updated, unchanged: r.unchanged, rejected: r.rejected }
  } else {
    // the raw driver writing one table (id, region, JSON text), 5,000-row transactions: reading
    // the file and parsing each line for its id and region is timed, as the ledger's is
    if (raw !== undefined) raw.exec("create table raw_cases (region_code text not null, elder_id text not null, case_file text not null, primary key (region_code, elder_id))")
    else await pool!.query("create table raw_cases (region_code text not null, elder_id text not null, case_file text not null, primary key (region_code, elder_id))")
    const insert = raw?.prepare("insert into raw_cases (region_code, elder_id, case_file) values (?, ?, ?)")
    const t = now()
    let read = 0
    let batch: Array<readonly [string, string, string]> = []
    const flush = async (): Promise<void> => {
      if (batch.length === 0) return
      const rows = batch
      batch = []
      if (raw !== undefined) {
        raw.transaction(() => {
          for (const r of rows) insert.run(r[0], r[1], r[2])
        }).immediate()
      } else {
        const client = await pool!.connect()
        try {
          await client.query("begin")
          const values: Array<string> = []
          const tuples: Array<string> = []
          for (const r of rows) {
            values.push(r[0], r[1], r[2])
            tuples.push(`($${values.length - 2}, $${values.length - 1}, $${values.length})`)
          }
          await client.query(`insert into raw_cases (region_code, elder_id, case_file) values ${tuples.join(", ")}`, values)
          await client.query("commit")
        } finally {
          client.release()
        }
      }
    }
    for await (const line of lines(file)) {
      if (line === "") continue
      const cf = JSON.parse(line) as CaseFile.CaseFile
      batch.push([cf.elder.regionCode, cf.elder.id, line])
      read++
      if (batch.length === RAW_BATCH) await flush()
    }
    await flush()
    ms = now() - t
    counts = { read, stored: read }
  }
  checkCounts(`${dialect} ${mode} import of ${file}`, expected, counts, ["stored", "updated", "unchanged", "rejected"])
  await db.destroy()
  const peakRssMiB = process.resourceUsage().maxRSS / 1024
  process.stdout.write(JSON.stringify({ ms, cases: counts.read, counts, peakRssMiB }) + "\n")
}

main().catch((e) => {
  console.error(e)
  process.exit(1)
})
