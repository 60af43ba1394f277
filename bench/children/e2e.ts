/**
 * The whole chain in one process, as an operator runs it on a province: import a JSON Lines
 * file into a fresh ledger, assess every elder (one run), then write the HTML report of one
 * county from the ledger (`liushou report`'s data and page). Prints one JSON line: the time of
 * each phase and of the whole, the process's peak RSS and the counts. The benchmark runs it at
 * 1M for the end-to-end figure and at N and N/10 for the memory ratio.
 *
 * Arguments: <sqlite|postgres> <jsonl file> <sqlite file | pg database> <expected cases> <county code> [assess workers]
 * With assess workers above 1 (PostgreSQL), the assessment is `liushou assess --workers N` run as
 * a user runs it (the CLI in a child process, its workers sharing the run); its counts are read
 * from the database, and the workers' peak RSS from the run's audit entry.
 * Environment: LIUSHOU_BENCH_PROFILE_DIR: write a CPU profile of the import and of the assessment
 * there (import.cpuprofile, assess.cpuprofile; `bench/profile.ts` summarises them).
 */
import { spawn } from "node:child_process"
import { writeFileSync } from "node:fs"
import { Session } from "node:inspector/promises"
import * as path from "node:path"
import { referralWorkflow } from "@liushou/policy-hunan"
import { Flags, Ledger, Sqlite } from "@liushou/storage"
import { builtinRegistry } from "../../examples/host/src/policies.js"
import { render } from "../../examples/host/src/report/Html.js"
import { reportData } from "../../examples/host/src/report/FromLedger.js"
import * as Drivers from "../lib/drivers.js"
import { engine } from "../lib/policies.js"
import { AS_OF, lines } from "../lib/population.js"
import { checkCounts } from "../lib/results.js"
import { now } from "../lib/stats.js"

const [dialect, file, target, expectedArg, county, workersArg] = process.argv.slice(2) as ["sqlite" | "postgres", string, string, string, string, string | undefined]
const expected = Number(expectedArg)
const WORKERS = Number(workersArg ?? 1)
const ROOT = path.join(import.meta.dirname, "..", "..")

/**
 * `liushou assess --workers N` on the ledger, as a user runs it (the CLI from the repository, in a
 * child process); resolves with its counts read from the database and the workers' peak RSS from
 * the run's audit entry.
 */
const assessInWorkers = async (db: Ledger.Ledger["db"], runId: string): Promise<{ evaluated: number; failed: number; skipped: number; workerPeakRssMiB: ReadonlyArray<number> }> => {
  const args = ["--import", "tsx", "--conditions=@liushou/source", path.join(ROOT, "examples/host/src/bin.ts"), "assess", "--as-of", AS_OF, "--db", Drivers.pgUrl(target), "--workers", String(WORKERS), "--run-id", runId, "--actor", "bench", "--lang", "en", "--progress-every", "3600"]
  // the built-in plugins (national and Hunan), as the other phases use: no configuration from the environment
  const { LIUSHOU_CONFIG: _config, ...withoutConfig } = process.env
  const code = await new Promise<number | null>((resolve, reject) => {
    const p = spawn(process.execPath, args, { cwd: ROOT, stdio: ["ignore", "ignore", "inherit"], env: withoutConfig })
    p.on("error", reject)
    p.on("exit", (c) => resolve(c))
  })
  if (code !== 0) throw new Error(`liushou assess --workers ${WORKERS} exited with ${code}`)
  const count = async (t: "evaluations" | "evaluation_failures"): Promise<number> =>
    Number((await db.selectFrom(t).select((eb) => eb.fn.countAll().as("n")).where("run_id", "=", runId).executeTakeFirstOrThrow()).n)
  const audit = await db.selectFrom("audit_log").select("detail").where("action", "=", "assess.workers").where("subject", "=", runId).orderBy("id", "desc").executeTakeFirstOrThrow()
  const detail = JSON.parse(audit.detail) as { byWorker: ReadonlyArray<{ peakRssMiB?: number }> }
  return { evaluated: await count("evaluations"), failed: await count("evaluation_failures"), skipped: 0, workerPeakRssMiB: detail.byWorker.map((w) => w.peakRssMiB ?? 0) }
}
const AT = "2021-06-30T00:00:00.000Z"
const PROFILE_DIR = process.env.LIUSHOU_BENCH_PROFILE_DIR

/** runs `fn` under the CPU profiler when a profile folder is given, writing `<name>.cpuprofile` */
const profiled = async <A>(name: string, fn: () => Promise<A>): Promise<A> => {
  if (PROFILE_DIR === undefined) return fn()
  const session = new Session()
  session.connect()
  await session.post("Profiler.enable")
  await session.post("Profiler.setSamplingInterval", { interval: 1000 })
  await session.post("Profiler.start")
  try {
    return await fn()
  } finally {
    const { profile } = await session.post("Profiler.stop")
    writeFileSync(path.join(PROFILE_DIR, `${name}.cpuprofile`), JSON.stringify(profile))
    session.disconnect()
  }
}

/**
 * The largest heap (used and total, MiB), memory outside the heap (external, with array buffers)
 * and RSS seen in each phase, sampled twice a second: whether a phase's peak is live objects,
 * heap the collector has not given back, or memory outside the heap (drivers, SQLite's cache).
 */
const phases: Record<string, { heapUsed: number; heapTotal: number; external: number; rss: number }> = {}
let phase = "import"
const sample = (): void => {
  const m = process.memoryUsage()
  const p = (phases[phase] ??= { heapUsed: 0, heapTotal: 0, external: 0, rss: 0 })
  const mib = (n: number) => Math.round((n / 1048576) * 10) / 10
  p.heapUsed = Math.max(p.heapUsed, mib(m.heapUsed))
  p.heapTotal = Math.max(p.heapTotal, mib(m.heapTotal))
  p.external = Math.max(p.external, mib(m.external))
  p.rss = Math.max(p.rss, mib(m.rss))
}
const sampler = setInterval(sample, 500)
sampler.unref()

const main = async (): Promise<void> => {
  const K = await Drivers.kysely()
  const db =
    dialect === "sqlite"
      ? new K.Kysely({ dialect: new K.SqliteDialect({ database: Sqlite.cachedStatements(new (Drivers.BetterSqlite3())(target)) }) })
      : new K.Kysely({ dialect: new K.PostgresDialect({ pool: new (Drivers.pg().Pool)({ connectionString: Drivers.pgUrl(target), max: 2 }) }) })
  const ledger = await Ledger.make({ db, flags: dialect === "sqlite" ? Flags.sqlite : Flags.postgres, clock: () => AT })
  await ledger.migrateToLatest()
  const t0 = now()
  const imported = await profiled("import", () => ledger.importCaseFiles(lines(file), { importId: "bench", source: file, actor: "bench", at: AT }))
  const t1 = now()
  const rssImport = process.resourceUsage().maxRSS / 1024
  sample()
  phase = "assess"
  checkCounts(`${dialect} import of ${file}`, expected, { read: imported.read, stored: imported.stored, updated: imported.updated, unchanged: imported.unchanged, rejected: imported.rejected }, ["stored", "updated", "unchanged", "rejected"])
  const assessed = WORKERS > 1 && dialect === "postgres" ? await assessInWorkers(ledger.db, "bench-e2e") : await profiled("assess", () => ledger.assess(engine(), AS_OF, { runId: "bench-e2e", actor: "bench" }))
  const t2 = now()
  const rssAssess = process.resourceUsage().maxRSS / 1024
  sample()
  phase = "report"
  checkCounts(`${dialect} assess`, expected, { evaluated: assessed.evaluated, failed: assessed.failed, skipped: assessed.skipped }, ["evaluated", "failed", "skipped"])
  const data = await reportData(ledger, builtinRegistry(), { region: county, asOf: AS_OF, workflow: referralWorkflow as never, indicatorsAsOf: AS_OF })
  const html = render(data, "zh")
  const t3 = now()
  sample()
  clearInterval(sampler)
  await db.destroy()
  process.stdout.write(
    JSON.stringify({
      ms: t3 - t0,
      importMs: t1 - t0,
      assessMs: t2 - t1,
      reportMs: t3 - t2,
      peakRssMiB: process.resourceUsage().maxRSS / 1024,
      // the peak after each phase: which phase holds memory that grows with the population
      peakRssAfterMiB: { import: rssImport, assess: rssAssess, report: process.resourceUsage().maxRSS / 1024 },
      // sampled every 0.5 s in each phase: the largest heap used / heap reserved / outside the heap / RSS
      memoryByPhaseMiB: phases,
      reportBytes: Buffer.byteLength(html),
      countyElders: data.summary.elders,
      // the assessment's worker processes (1: this process assessed) and their own peak RSS
      assessWorkers: WORKERS > 1 && dialect === "postgres" ? WORKERS : 1,
      ...("workerPeakRssMiB" in assessed ? { workerPeakRssMiB: assessed.workerPeakRssMiB } : {}),
      counts: { read: imported.read, imported: imported.stored, evaluated: assessed.evaluated, failed: assessed.failed, skipped: assessed.skipped }
    }) + "\n"
  )
}

main().catch((e) => {
  console.error(e)
  process.exit(1)
})
