/**
 * Assessment of a whole ledger in its own process: the ledger streams every elder from the
 * database, evaluates and stores the evaluations; the baseline reads the same case files
 * with the raw driver and evaluates them without storing. Then the visit-due and
 * assessment-due queries for one county, p50/p95. Prints one JSON line.
 *
 * Runs are interleaved (baseline, ledger, again; again, ledger, baseline; ...). A "ledger" run is
 * a new run id over every elder written in full: before it (untimed) every status is pointed
 * away from its evaluation, so that no evaluation finds a last one to reference. An "again" run
 * is a new run id at the same date over the unchanged ledger, right after: every evaluation is
 * referenced (store less), not rewritten. Every run must account for the expected number of
 * elders. Last, one run a week later (as-of + 7 days) counts how many it still references.
 *
 * Arguments: <sqlite|postgres> <sqlite file | pg database> <county code> <runs> <expected elders>
 */
import { Flags, Ledger, Sqlite } from "@liushou/storage"
import * as Drivers from "../lib/drivers.js"
import { engine, hunanPlan } from "../lib/policies.js"
import { AS_OF } from "../lib/population.js"
import { checkCounts } from "../lib/results.js"
import { now, spread, timeDueLists } from "../lib/stats.js"

const [dialect, target, county, runsArg, expectedArg] = process.argv.slice(2) as ["sqlite" | "postgres", string, string, string, string]
const runs = Math.max(1, Number(runsArg ?? 1))
const expected = Number(expectedArg)

const main = async (): Promise<void> => {
  const K = await Drivers.kysely()
  let db: any
  let readAll: () => Promise<number>
  const { plan, selection } = hunanPlan()
  if (dialect === "sqlite") {
    const raw = new (Drivers.BetterSqlite3())(target)
    db = new K.Kysely({ dialect: new K.SqliteDialect({ database: Sqlite.cachedStatements(raw) }) })
    readAll = async () => {
      let n = 0
      for (const row of raw.prepare("select case_file, input_version from elders").iterate() as Iterable<{ case_file: string; input_version: string }>) {
        plan.evaluate(JSON.parse(row.case_file), selection, row.input_version)
        n++
      }
      return n
    }
  } else {
    const pg = Drivers.pg()
    const pool = new pg.Pool({ connectionString: Drivers.pgUrl(target), max: 2 })
    db = new K.Kysely({ dialect: new K.PostgresDialect({ pool }) })
    readAll = async () => {
      let n = 0
      let after = ""
      for (;;) {
        const r = await pool.query("select elder_id, case_file, input_version from elders where elder_id > $1 order by elder_id limit 5000", [after])
        for (const row of r.rows as Array<{ elder_id: string; case_file: string; input_version: string }>) plan.evaluate(JSON.parse(row.case_file), selection, row.input_version)
        n += r.rows.length
        if (r.rows.length < 5000) return n
        after = r.rows[r.rows.length - 1]!.elder_id
      }
    }
  }
  const ledger = await Ledger.make({ db, flags: dialect === "sqlite" ? Flags.sqlite : Flags.postgres, clock: () => "2021-06-30T00:00:00.000Z" })
  // interleaved runs: baseline, ledger, ledger, baseline, ...; each ledger run is a new run id,
  // so it evaluates and stores every elder again
  const baselineRuns: Array<number> = []
  const ledgerRuns: Array<number> = []
  let baselineCount = 0
  const againRuns: Array<number> = []
  let r = { evaluated: 0, failed: 0, skipped: 0, referenced: 0 }
  let again = { evaluated: 0, failed: 0, skipped: 0, referenced: 0 }
  let t = now()
  for (let i = 0; i < runs; i++) {
    for (const side of i % 2 === 0 ? ["baseline", "ledger", "again"] : ["again", "ledger", "baseline"]) {
      if (side === "ledger") await db.updateTable("elder_status").set({ run_id: "-" }).execute()
      t = now()
      if (side === "baseline") {
        baselineCount = await readAll()
        baselineRuns.push(now() - t)
        checkCounts(`${dialect} assess baseline`, expected, { read: baselineCount, evaluated: baselineCount }, ["evaluated"])
      } else if (side === "ledger") {
        r = await ledger.assess(engine(), AS_OF, { runId: `bench-${i}`, actor: "bench" })
        ledgerRuns.push(now() - t)
        checkCounts(`${dialect} assess run ${i}`, expected, { evaluated: r.evaluated, failed: r.failed, skipped: r.skipped }, ["evaluated", "failed", "skipped"])
        if (r.referenced !== 0) throw new Error(`${dialect} assess run ${i}: ${r.referenced} evaluations referenced in a run meant to write every one`)
      } else {
        again = await ledger.assess(engine(), AS_OF, { runId: `bench-again-${i}`, actor: "bench" })
        againRuns.push(now() - t)
        checkCounts(`${dialect} assess again ${i}`, expected, { evaluated: again.evaluated, failed: again.failed, skipped: again.skipped }, ["evaluated", "failed", "skipped"])
      }
    }
  }

  const ms = spread(ledgerRuns)
  const baselineMs = spread(baselineRuns)
  const againMs = spread(againRuns)
  const peakRssMiB = process.resourceUsage().maxRSS / 1024
  const dues = await timeDueLists(ledger, county, "2021-07-31")
  // a week later (after the due-list timings, which read the statuses at the as-of date): the
  // dates move, most date-independent parts do not
  const weekLater = await ledger.assess(engine(), "2021-07-07", { runId: "bench-week-later", actor: "bench" })
  const countyElders = Number(((await db.selectFrom("elders").select((eb: any) => eb.fn.countAll().as("n")).where("region_code", ">=", county.padEnd(12, "0")).where("region_code", "<=", county.padEnd(12, "9")).executeTakeFirst()) as { n: number | string }).n)
  await db.destroy()
  process.stdout.write(
    JSON.stringify({
      ms,
      baselineMs,
      againMs,
      againReferenced: again.referenced,
      againEvaluated: again.evaluated,
      againFailed: again.failed,
      againSkipped: again.skipped,
      weekLaterReferenced: weekLater.referenced,
      weekLaterEvaluated: weekLater.evaluated,
      evaluated: r.evaluated,
      failed: r.failed,
      baselineCount,
      peakRssMiB,
      countyElders,
      ...dues
    }) + "\n"
  )
}

main().catch((e) => {
  console.error(e)
  process.exit(1)
})
