/**
 * Peak memory of the whole chain in one process: import a JSON Lines file into a fresh ledger,
 * then assess every elder (one run). Prints one JSON line: {ms, peakRssMiB, counts}. The
 * benchmark runs it at N and N/10 and reports the ratio of the peaks.
 *
 * Arguments: <sqlite|postgres> <jsonl file> <sqlite file | pg database> <expected cases>
 */
import { Flags, Ledger } from "@liushou/storage"
import * as Drivers from "../lib/drivers.js"
import { engine } from "../lib/policies.js"
import { AS_OF, lines } from "../lib/population.js"
import { checkCounts } from "../lib/results.js"
import { now } from "../lib/stats.js"

const [dialect, file, target, expectedArg] = process.argv.slice(2) as ["sqlite" | "postgres", string, string, string]
const expected = Number(expectedArg)
const AT = "2021-06-30T00:00:00.000Z"

const main = async (): Promise<void> => {
  const K = await Drivers.kysely()
  const db =
    dialect === "sqlite"
      ? new K.Kysely({ dialect: new K.SqliteDialect({ database: new (Drivers.BetterSqlite3())(target) }) })
      : new K.Kysely({ dialect: new K.PostgresDialect({ pool: new (Drivers.pg().Pool)({ connectionString: Drivers.pgUrl(target), max: 2 }) }) })
  const ledger = await Ledger.make({ db, flags: dialect === "sqlite" ? Flags.sqlite : Flags.postgres, clock: () => AT })
  await ledger.migrateToLatest()
  const t = now()
  const imported = await ledger.importCaseFiles(lines(file), { importId: "bench", source: file, actor: "bench", at: AT })
  checkCounts(`${dialect} import of ${file}`, expected, { read: imported.read, stored: imported.stored, updated: imported.updated, unchanged: imported.unchanged, rejected: imported.rejected }, ["stored", "updated", "unchanged", "rejected"])
  const assessed = await ledger.assess(engine(), AS_OF, { runId: "bench-rss", actor: "bench" })
  checkCounts(`${dialect} assess`, expected, { evaluated: assessed.evaluated, failed: assessed.failed, skipped: assessed.skipped }, ["evaluated", "failed", "skipped"])
  const ms = now() - t
  await db.destroy()
  process.stdout.write(JSON.stringify({ ms, peakRssMiB: process.resourceUsage().maxRSS / 1024, counts: { imported: imported.stored, evaluated: assessed.evaluated, failed: assessed.failed } }) + "\n")
}

main().catch((e) => {
  console.error(e)
  process.exit(1)
})
