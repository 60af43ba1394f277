/**
 * Assessment of a whole ledger in its own process: the ledger streams every elder from the
 * database, evaluates and stores the evaluations; the baseline reads the same case files
 * with the raw driver and evaluates them without storing. Then the visit-due and
 * assessment-due queries for one county, p50/p95. Prints one JSON line.
 *
 * Runs are interleaved (baseline, ledger, ledger, baseline, ...), each ledger run a new run id
 * over every elder; every run must account for the expected number of elders.
 *
 * Arguments: <sqlite|postgres> <sqlite file | pg database> <county code> <runs> <expected elders>
 */
import { Flags, Ledger } from "@liushou/storage"
import * as Drivers from "../lib/drivers.js"
import { engine, hunanPlan } from "../lib/policies.js"
import { AS_OF } from "../lib/population.js"
import { checkCounts } from "../lib/results.js"
import { now, percentile, spread } from "../lib/stats.js"

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
    db = new K.Kysely({ dialect: new K.SqliteDialect({ database: raw }) })
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
  let r = { evaluated: 0, failed: 0, skipped: 0 }
  let t = now()
  for (let i = 0; i < runs; i++) {
    for (const side of i % 2 === 0 ? ["baseline", "ledger"] : ["ledger", "baseline"]) {
      t = now()
      if (side === "baseline") {
        baselineCount = await readAll()
        baselineRuns.push(now() - t)
        checkCounts(`${dialect} assess baseline`, expected, { read: baselineCount, evaluated: baselineCount }, ["evaluated"])
      } else {
        r = await ledger.assess(engine(), AS_OF, { runId: `bench-${i}`, actor: "bench" })
        ledgerRuns.push(now() - t)
        checkCounts(`${dialect} assess run ${i}`, expected, { evaluated: r.evaluated, failed: r.failed, skipped: r.skipped }, ["evaluated", "failed", "skipped"])
      }
    }
  }
  const ms = spread(ledgerRuns)
  const baselineMs = spread(baselineRuns)
  const peakRssMiB = process.resourceUsage().maxRSS / 1024
  const visits: Array<number> = []
  const assessments: Array<number> = []
  let visitRows = 0
  let assessmentRows = 0
  for (let i = 0; i < 25; i++) {
    t = now()
    visitRows = (await ledger.visitsDue("2021-07-31", { region: county, limit: 1000 })).length
    visits.push(now() - t)
    t = now()
    assessmentRows = (await ledger.assessmentsDue("2021-07-31", { region: county, limit: 1000 })).length
    assessments.push(now() - t)
  }
  const countyElders = Number(((await db.selectFrom("elders").select((eb: any) => eb.fn.countAll().as("n")).where("region_code", ">=", county.padEnd(12, "0")).where("region_code", "<=", county.padEnd(12, "9")).executeTakeFirst()) as { n: number | string }).n)
  await db.destroy()
  process.stdout.write(
    JSON.stringify({
      ms,
      baselineMs,
      evaluated: r.evaluated,
      failed: r.failed,
      baselineCount,
      peakRssMiB,
      countyElders,
      visitRows,
      assessmentRows,
      visitsP50: percentile(visits.slice(2), 50),
      visitsP95: percentile(visits.slice(2), 95),
      assessmentsP50: percentile(assessments.slice(2), 50),
      assessmentsP95: percentile(assessments.slice(2), 95)
    }) + "\n"
  )
}

main().catch((e) => {
  console.error(e)
  process.exit(1)
})
