/**
 * On a ledger the benchmark already filled and assessed (the 1M end-to-end ledger): the
 * assessment's baseline (reading every case file with the raw driver and evaluating it with the
 * compiled plan, storing nothing), then the visit-due and assessment-due lists of one county,
 * 25 queries each (the first 2 untimed). Migrates the ledger to the latest schema first (the
 * due lists' indexes). Prints one JSON line.
 *
 * Arguments: <sqlite|postgres> <sqlite file | pg database> <county code> <baseline runs (0: none)> <expected elders>
 */
import { Flags, Ledger } from "@liushou/storage"
import * as Drivers from "../lib/drivers.js"
import { hunanPlan } from "../lib/policies.js"
import { checkCounts } from "../lib/results.js"
import { now, spread, timeDueLists } from "../lib/stats.js"

const [dialect, target, county, runsArg, expectedArg] = process.argv.slice(2) as ["sqlite" | "postgres", string, string, string, string]
const runs = Number(runsArg ?? 1)
const expected = Number(expectedArg)

const main = async (): Promise<void> => {
  const K = await Drivers.kysely()
  const { plan, selection } = hunanPlan()
  let db: any
  let readAll: () => Promise<number>
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
    const pool = new (Drivers.pg().Pool)({ connectionString: Drivers.pgUrl(target), max: 2 })
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
  let t = now()
  await ledger.migrateToLatest()
  const migrateMs = now() - t
  const baseline: Array<number> = []
  for (let i = 0; i < runs; i++) {
    t = now()
    const n = await readAll()
    baseline.push(now() - t)
    checkCounts(`${dialect} assess baseline`, expected, { read: n, evaluated: n }, ["evaluated"])
  }
  const dues = await timeDueLists(ledger, county, "2021-07-31")
  const countyElders = Number(((await db.selectFrom("elders").select((eb: any) => eb.fn.countAll().as("n")).where("region_code", ">=", county.padEnd(12, "0")).where("region_code", "<=", county.padEnd(12, "9")).executeTakeFirst()) as { n: number | string }).n)
  await db.destroy()
  process.stdout.write(
    JSON.stringify({
      baselineMs: baseline.length === 0 ? null : spread(baseline),
      migrateMs,
      countyElders,
      ...dues
    }) + "\n"
  )
}

main().catch((e) => {
  console.error(e)
  process.exit(1)
})
