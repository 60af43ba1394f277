/**
 * `pnpm bench`: liushou at province scale, every figure next to a baseline measured in the
 * same run. Writes bench/results.json (an array of {name, value, unit, baseline, ratio, ...})
 * and bench/machine.json, and prints a table.
 *
 * Flags:
 *   --quick          100,000-elder populations only (no 1M figures)
 *   --only=a,b       sections: evaluate, parallel, impact, jre, decode, import, assess, rss, http,
 *                    and with --pg-1m/--db-1m: e2e (1M end to end, and the raw import of the same
 *                    file), dues (the assessment's baseline and the due lists on the 1M ledger)
 *   --no-postgres    skip PostgreSQL even when a server answers
 *   --no-sqlite      skip SQLite in the import and assessment sections
 *   --pg-1m          the 1M-elder figures in PostgreSQL: import + assess + county report end to end
 *                    in one process (and the raw import of the same file), the assessment's
 *                    baseline and the county due lists on that ledger, the HTTP load on it, and
 *                    the peak RSS of the same chain at 1M vs 100k
 *   --db-1m          the same in SQLite (after PostgreSQL when both are given)
 *   --assess-workers=N  the PostgreSQL end-to-end chain assesses with `liushou assess --workers N`
 *                    (N processes share the run through the database, as a user runs it on N cores);
 *                    1 (the default) assesses in the chain's own process
 *   --out=FILE       where to write the results (default bench/results.json; every figure is
 *                    written as soon as it is measured, merged with the figures already there)
 *   --sources        run the in-memory figures (evaluate, parallel, impact, jre, decode) on the
 *                    packages' TypeScript sources through tsx instead of their builds (see below)
 *   --size=N         the database population (default 100,000; smaller for a trial run; with
 *                    --pg-1m/--db-1m, N×10 is the large population instead of 1M)
 * Environment: LIUSHOU_PG_URL (server; the bench creates and drops its own database
 * liushou_bench, or the name in LIUSHOU_BENCH_PG_DB, and that name with _raw, _rss and a size:
 * two runs at once on one server need two names), LIUSHOU_BENCH_DIR (where populations and SQLite
 * files go), LIUSHOU_BENCH_RUNS (timed runs per figure, default 5), LIUSHOU_BENCH_CLOCK=wall (default: CPU time).
 *
 * The in-memory figures run what users of the npm packages run: core, policy-national and
 * policy-hunan from their builds (dist/, made by `pnpm build` here when missing or older than a
 * source file), and the bench's own code with the baselines compiled the same way (esbuild,
 * target node20, into bench/out/). Through tsx, every function made at run time is wrapped in
 * esbuild's `__name` helper (keepNames), a cost the builds do not have; `--sources` measures
 * that way instead. The other figures run the sources through tsx.
 */
import { execFileSync, spawn } from "node:child_process"
import { existsSync, readdirSync, readFileSync, rmSync, statSync } from "node:fs"
import { createRequire } from "node:module"
import * as path from "node:path"
import { fileURLToPath } from "node:url"
import * as Drivers from "./lib/drivers.js"
import { load } from "./lib/load.js"
import * as Pop from "./lib/population.js"
import { adopt, idOf, machine, rateRange, readResults, record, table, write, writeTo, type Result } from "./lib/results.js"
import { clock, now, spread } from "./lib/stats.js"

const here = path.dirname(fileURLToPath(import.meta.url))
const args = process.argv.slice(2)
const quick = args.includes("--quick")
const only = (args.find((a) => a.startsWith("--only="))?.slice(7) ?? "").split(",").filter((s) => s !== "")
const want = (s: string) => only.length === 0 || only.includes(s)
const LARGE = quick ? 100_000 : 1_000_000
const SIZE = Number(args.find((a) => a.startsWith("--size="))?.slice(7) ?? 100_000)
/** the dialects of the large-population figures, PostgreSQL (the production database) first */
const BIG_DIALECTS = [...(args.includes("--pg-1m") ? (["postgres"] as const) : []), ...(args.includes("--db-1m") ? (["sqlite"] as const) : [])]
const BIG = SIZE * 10
/** the worker processes of the PostgreSQL end-to-end chain's assessment (`liushou assess --workers N`); SQLite assesses in one process */
const ASSESS_WORKERS = Number(args.find((a) => a.startsWith("--assess-workers="))?.slice(17) ?? 1)
if (!Number.isInteger(ASSESS_WORKERS) || ASSESS_WORKERS < 1) throw new Error(`--assess-workers must be a positive integer, got ${ASSESS_WORKERS}`)
const workersOf = (dialect: "sqlite" | "postgres"): number => (dialect === "postgres" ? ASSESS_WORKERS : 1)
/** how the chain assessed, for a figure's name and note */
const assessedBy = (dialect: "sqlite" | "postgres"): string =>
  workersOf(dialect) > 1 ? `assess with \`liushou assess --workers ${workersOf(dialect)}\` (${workersOf(dialect)} worker processes sharing the run; --assess-workers=1 for the single-process chain)` : "assess in the same process"
/** the largest peak of the chain's processes: its own, or an assessment worker's */
const chainPeak = (r: any): number => Math.max(r.peakRssMiB, ...(r.workerPeakRssMiB ?? []))
const workersRss = (r: any): string => (r.workerPeakRssMiB === undefined ? "" : `; the assessment workers' own peaks ${r.workerPeakRssMiB.map((m: number) => Math.round(m)).join(" / ")} MiB, the chain process's ${Math.round(r.peakRssMiB)} MiB`)
const OUT = args.find((a) => a.startsWith("--out="))?.slice(6) ?? path.join(here, "results.json")
/** the PostgreSQL databases this run creates and drops are named from this (LIUSHOU_BENCH_PG_DB; two runs at once need two names) */
const PG_DB = process.env.LIUSHOU_BENCH_PG_DB ?? "liushou_bench"
const COUNTY = "430121"
/** timed runs of each database figure (each import run is a child process into a fresh database) */
const DB_RUNS = Number(process.env.LIUSHOU_BENCH_DB_RUNS ?? process.env.LIUSHOU_BENCH_RUNS ?? 5)
const k = (n: number) => (n >= 1_000_000 ? `${n / 1_000_000}M` : `${n / 1000}k`)

/** where an end-to-end child's memory went, per phase: the peak RSS after each, and the largest heap used and RSS sampled in each */
const memoryNote = (r: any): string => {
  const a = r.peakRssAfterMiB
  const m = r.memoryByPhaseMiB
  const after = a === undefined ? "" : `; peak RSS after import / assess / report ${Math.round(a.import)} / ${Math.round(a.assess)} / ${Math.round(a.report)} MiB`
  const heap = m === undefined ? "" : `; heap used at most ${["import", "assess", "report"].map((p) => Math.round(m[p]?.heapUsed ?? 0)).join(" / ")} MiB (heap reserved ${["import", "assess", "report"].map((p) => Math.round(m[p]?.heapTotal ?? 0)).join(" / ")} MiB)`
  return after + heap
}

/** the packages the in-memory figures run from their builds */
const BUILT = ["core", "policy-national", "policy-hunan"] as const

/**
 * The compute child as users of the packages run them: builds the packages (`pnpm build` of
 * each, when its dist/index.js is missing or older than a file of its src/), then compiles
 * children/compute.ts and its worker with esbuild (target node20, as tsup builds the packages,
 * no keepNames) into bench/out/, the three packages left to their dist/index.js.
 */
const builtCompute = async (): Promise<string> => {
  const root = path.join(here, "..")
  const newest = (dir: string): number => Math.max(...readdirSync(dir, { recursive: true, withFileTypes: true }).filter((e) => e.isFile()).map((e) => statSync(path.join(e.parentPath, e.name)).mtimeMs))
  const dist = (p: string) => path.join(root, "packages", p, "dist", "index.js")
  const stale = BUILT.filter((p) => !existsSync(dist(p)) || statSync(dist(p)).mtimeMs < newest(path.join(root, "packages", p, "src")))
  if (stale.length > 0) {
    console.log(`building ${stale.join(", ")} (pnpm build)`)
    execFileSync("pnpm", ["-r", ...BUILT.flatMap((p) => ["--filter", `./packages/${p}`]), "run", "build"], { cwd: root, stdio: ["ignore", "ignore", "inherit"] })
  }
  // esbuild is a dependency of the browser bundle's measurement (policy-hunan's dev dependencies)
  const { build } = createRequire(path.join(root, "packages", "policy-hunan", "package.json"))("esbuild")
  const outdir = path.join(here, "out")
  await build({
    entryPoints: { compute: path.join(here, "children", "compute.ts"), worker: path.join(here, "children", "worker.ts") },
    outdir,
    outExtension: { ".js": ".mjs" },
    bundle: true,
    format: "esm",
    platform: "node",
    target: "node20",
    conditions: ["@liushou/source"],
    tsconfig: path.join(here, "tsconfig.json"),
    logLevel: "warning",
    // the CommonJS dependencies (json-rules-engine) require Node's modules
    banner: { js: 'import { createRequire as __createRequire } from "node:module"; const require = __createRequire(import.meta.url);' },
    plugins: [
      {
        name: "liushou-dist",
        setup: (b: any) => b.onResolve({ filter: /^@liushou\/(core|policy-national|policy-hunan)$/ }, (a: any) => ({ path: dist(a.path.slice(9)), external: true }))
      }
    ]
  })
  return path.join(outdir, "compute.mjs")
}

/** runs a child script with a large heap; resolves with its last stdout line, parsed (`built`: a compiled .mjs run by node alone) */
const child = (script: string, childArgs: ReadonlyArray<string>, env: Record<string, string> = {}, built?: string): Promise<any> =>
  new Promise((resolve, reject) => {
    const p = spawn(process.execPath, [...(built === undefined ? process.execArgv : []), "--max-old-space-size=8192", built ?? path.join(here, script), ...childArgs], {
      stdio: ["ignore", "pipe", "inherit"],
      env: { ...process.env, ...env }
    })
    let out = ""
    p.stdout.on("data", (d: Buffer) => {
      const s = d.toString()
      out += s
      if (script.includes("compute")) process.stdout.write(s)
    })
    p.on("error", reject)
    p.on("exit", (code) => {
      if (code !== 0) return reject(new Error(`${script} ${childArgs.join(" ")} exited with ${code}`))
      const last = out.trim().split("\n").pop() ?? "null"
      try {
        resolve(script.includes("compute") ? null : JSON.parse(last))
      } catch (e) {
        reject(e)
      }
    })
  })

const main = async (): Promise<void> => {
  const started = now()
  writeTo(OUT, { quick, clock })
  console.log(`liushou bench${quick ? " --quick" : ""}: ${JSON.stringify(machine())}, clock ${clock}`)

  if (["evaluate", "parallel", "impact", "jre", "decode"].some(want)) {
    const outFile = path.join(Pop.dir(), `compute-${process.pid}.json`)
    await Pop.jsonl(1, "province") // creates the folder
    const sources = args.includes("--sources")
    const built = sources ? undefined : await builtCompute()
    await child("children/compute.ts", [outFile, String(LARGE)], { LIUSHOU_BENCH_ONLY: only.join(","), LIUSHOU_BENCH_CODE: sources ? "sources" : "built" }, built)
    adopt(JSON.parse(readFileSync(outFile, "utf8")).results as Array<Result>)
    rmSync(outFile, { force: true })
  }

  const dbs: Array<{ dialect: "sqlite" | "postgres"; target: string; n: number }> = []
  let pgOk = false
  if (want("import") || want("assess") || (want("http") && BIG_DIALECTS.length === 0)) {
    pgOk = !args.includes("--no-postgres") && (await Drivers.preparePg(PG_DB))
    if (!pgOk && !args.includes("--no-postgres")) console.log("PostgreSQL: no server answers at LIUSHOU_PG_URL; skipped (bash packages/storage/scripts/start-postgres.sh starts one)")
    console.log("import (child process per run; peak RSS is the child's)")
    for (const n of [SIZE]) {
      const file = await Pop.jsonl(n, "province")
      for (const dialect of ["sqlite", "postgres"] as const) {
        if (dialect === "postgres" && (!pgOk || (n > 100_000 && !args.includes("--pg-1m")))) continue
        if (dialect === "sqlite" && args.includes("--no-sqlite")) continue
        const fresh = async (tag: string): Promise<string> => {
          if (dialect === "sqlite") {
            const f = path.join(Pop.dir(), `ledger-${tag}-${n}.db`)
            for (const s of ["", "-wal", "-shm"]) rmSync(f + s, { force: true })
            return f
          }
          const name = tag === "raw" ? `${PG_DB}_raw` : PG_DB
          await Drivers.preparePg(name)
          return name
        }
        // interleaved: raw, ledger, ledger, raw, ... each run into a fresh database; the last
        // ledger run's database stays for the assessment figures
        const rawMs: Array<number> = []
        const ledMs: Array<number> = []
        let peak = 0
        let rawPeak = 0
        let ledgerTarget = ""
        const order = Array.from({ length: DB_RUNS }, (_, i) => (i % 2 === 0 ? ["raw", "ledger"] : ["ledger", "raw"])).flat()
        if (order.at(-1) !== "ledger") order.push(...order.splice(order.lastIndexOf("ledger"), 1))
        for (const mode of order) {
          const target = await fresh(mode)
          const r = await child("children/import.ts", [dialect, mode, file, target, String(n)])
          if (mode === "raw") {
            rawMs.push(r.ms)
            rawPeak = Math.max(rawPeak, r.peakRssMiB)
            if (dialect === "sqlite") rmSync(target, { force: true })
          } else {
            ledMs.push(r.ms)
            peak = Math.max(peak, r.peakRssMiB)
            ledgerTarget = target
          }
        }
        const led = spread(ledMs)
        const raw = spread(rawMs)
        record({
          id: `import ${dialect}`,
          name: `import ${k(n)} case files into ${dialect === "sqlite" ? "SQLite" : "PostgreSQL"} (Ledger.importCaseFiles from JSON Lines)`,
          value: (n / led.median) * 1000,
          unit: "cases/s",
          baseline: (n / raw.median) * 1000,
          ratio: led.median / raw.median,
          ratioMeaning: `ledger time / raw ${dialect === "sqlite" ? "better-sqlite3" : "pg"} writing one table (id, region, JSON text) in 5,000-row transactions${dialect === "postgres" ? " (multi-row insert)" : ""}`,
          target: "ratio <= 3",
          met: led.median / raw.median <= 3,
          runs: led.runs,
          range: { value: rateRange(n, led), baseline: rateRange(n, raw) },
          clock: "wall",
          counts: { read: n, checked: led.runs + raw.runs },
          population: n,
          note: `every run read ${n} lines and accounted for each (read = stored + updated + unchanged + rejected); peak RSS ${Math.round(peak)} MiB (raw ${Math.round(rawPeak)} MiB); the ledger decodes, canonicalises and hashes every case and writes the elder, its supporters, carer, visits, assessments and a history revision (about 10 rows and 11 index entries per elder; raw: 1 row)`
        })
        dbs.push({ dialect, target: ledgerTarget, n })
      }
    }
  }

  if (want("assess")) {
    console.log("assessment from the database (child process)")
    const seen = new Set<string>()
    for (const db of [...dbs].sort((a, b) => b.n - a.n)) {
      if (seen.has(db.dialect)) continue
      seen.add(db.dialect)
      const r = await child("children/assess.ts", [db.dialect, db.target, COUNTY, String(DB_RUNS), String(db.n)])
      const name = db.dialect === "sqlite" ? "SQLite" : "PostgreSQL"
      record({
        id: `assess ${db.dialect}`,
        name: `assess a ${k(db.n)}-elder ledger in ${name} (stream, evaluate, store)`,
        value: (db.n / r.ms.median) * 1000,
        unit: "elders/s",
        baseline: (db.n / r.baselineMs.median) * 1000,
        ratio: r.ms.median / r.baselineMs.median,
        ratioMeaning: `ledger time / ${db.dialect === "sqlite" ? "better-sqlite3" : "pg"} reading and evaluating the same elders in one process without storing`,
        target: "ratio <= 3",
        met: r.ms.median / r.baselineMs.median <= 3,
        runs: r.ms.runs,
        range: { value: rateRange(db.n, r.ms), baseline: rateRange(db.n, r.baselineMs) },
        clock: "wall",
        counts: { evaluated: r.evaluated, failed: r.failed, skipped: r.skipped },
        population: db.n,
        note: `each run a new run id over all ${db.n} elders (evaluated + failed + skipped checked against the count), every evaluation written in full (before each run, untimed, every status is pointed away from its evaluation so that none is referenced); peak RSS ${Math.round(r.peakRssMiB)} MiB`
      })
      record({
        id: `assess again ${db.dialect}`,
        name: `assess again over the unchanged ${k(db.n)}-elder ledger in ${name} (store less: unchanged evaluations referenced, not rewritten)`,
        value: (db.n / r.againMs.median) * 1000,
        unit: "elders/s",
        baseline: (db.n / r.ms.median) * 1000,
        ratio: r.againMs.median / r.ms.median,
        ratioMeaning: "time of a second run (new run id, same as-of) over the unchanged ledger / time of a run writing every evaluation",
        runs: r.againMs.runs,
        range: { value: rateRange(db.n, r.againMs), baseline: rateRange(db.n, r.ms) },
        clock: "wall",
        counts: { evaluated: r.againEvaluated, referenced: r.againReferenced, failed: r.againFailed, skipped: r.againSkipped },
        population: db.n,
        note: `${r.againReferenced} of ${r.againEvaluated} evaluations stored as a reference (their dates only); one run a week later (as-of 2021-07-07) referenced ${r.weekLaterReferenced} of ${r.weekLaterEvaluated} and wrote the rest in full`
      })
      for (const [what, p50, p95, rows] of [
        ["visits due", r.visitsP50, r.visitsP95, r.visitRows],
        ["assessments due", r.assessmentsP50, r.assessmentsP95, r.assessmentRows]
      ] as const) {
        record({
          id: `${what} ${db.dialect}`,
          name: `${what} for county ${COUNTY} (${r.countyElders} of ${k(db.n)} elders) in ${name}, p95`,
          value: p95,
          unit: "ms",
          baseline: null,
          ratio: null,
          target: "p95 <= 20 ms",
          met: p95 <= 20,
          runs: r.timed,
          population: db.n,
          note: `p50 ${p50.toFixed(1)} ms over ${r.timed} queries after 2 warm-up; ${rows} rows (limit ${r.limit}: the page the HTTP load test asks of the API)`
        })
      }
    }
  }

  // the large population (1M): end to end, raw import, assessment baseline and due lists, HTTP, memory
  const big: Array<{ dialect: "sqlite" | "postgres"; target: string; n: number }> = []
  for (const dialect of BIG_DIALECTS) {
    if (dialect === "postgres" && !(pgOk || (pgOk = await Drivers.preparePg(PG_DB)))) {
      console.log("PostgreSQL: no server answers at LIUSHOU_PG_URL; the large PostgreSQL figures are skipped")
      continue
    }
    const name = dialect === "sqlite" ? "SQLite" : "PostgreSQL"
    const n = BIG
    const target = dialect === "sqlite" ? path.join(Pop.dir(), `ledger-${n}.db`) : `${PG_DB}_${k(n).toLowerCase()}`
    const file = await Pop.jsonl(n, "province")
    const previous = (id: string, population = n): Result | undefined => readResults(OUT).find((r) => idOf(r) === id && r.population === population)
    /** the memory ratio, once both peaks are in the results file (the two runs may be separate invocations) */
    const rssRatio = (): void => {
      const peak = previous(`end to end rss ${dialect} ${k(n)}`)?.value
      const small = previous(`end to end rss ${dialect} ${k(SIZE)}`, SIZE)
      if (peak === undefined || small === undefined) return
      record({
        id: `rss ${dialect} ${k(n)} vs ${k(SIZE)}`,
        name: `peak RSS of import + assess + county report, ${k(n)} vs ${k(SIZE)} elders (${name}, one child process each)`,
        value: peak,
        unit: "MiB",
        baseline: small.value,
        ratio: peak / small.value,
        ratioMeaning: `peak RSS at ${k(n)} / peak RSS at ${k(SIZE)}`,
        target: "ratio <= 1.2",
        met: peak / small.value <= 1.2,
        single: "one run at each size (a peak, not a time)",
        population: n,
        note: `the process's own peak (process.resourceUsage().maxRSS)${workersOf(dialect) > 1 ? `, the largest of the chain's process and its ${workersOf(dialect)} assessment workers` : ""}${dialect === "postgres" ? "; the server's memory is not in it" : "; SQLite's page cache is in it"}`
      })
    }
    if (want("e2e")) {
      console.log(`${k(n)} elders end to end in ${name} (one child process: import, ${assessedBy(dialect)}, county report)`)
      if (dialect === "sqlite") for (const s of ["", "-wal", "-shm"]) rmSync(target + s, { force: true })
      else await Drivers.preparePg(target)
      const r = await child("children/e2e.ts", [dialect, file, target, String(n), COUNTY, String(workersOf(dialect))])
      record({
        id: `end to end ${dialect} ${k(n)}`,
        name: `${k(n)} elders end to end in ${name}: import + assess + the HTML report of county ${COUNTY}, ${workersOf(dialect) > 1 ? `assessed by ${workersOf(dialect)} worker processes` : "one process"}`,
        value: r.ms / 1000,
        unit: "s",
        baseline: null,
        ratio: null,
        target: dialect === "postgres" ? "<= 300 s (5 minutes) on 2 cores" : "none (the issue's target is for PostgreSQL)",
        met: dialect === "postgres" ? r.ms <= 300_000 : null,
        single: "one run (a 1M import and assessment takes many minutes on this machine)",
        clock: "wall",
        counts: r.counts,
        parts: { import: r.importMs / 1000, assess: r.assessMs / 1000, report: r.reportMs / 1000 },
        population: n,
        note: `import ${(r.importMs / 1000).toFixed(0)} s (${Math.round((n / r.importMs) * 1000)} cases/s), ${assessedBy(dialect)}: ${(r.assessMs / 1000).toFixed(0)} s (${Math.round((n / r.assessMs) * 1000)} elders/s, every evaluation written: a new ledger), county report ${(r.reportMs / 1000).toFixed(1)} s (${r.countyElders} elders, ${Math.round(r.reportBytes / 1024)} KiB of HTML); peak RSS ${Math.round(chainPeak(r))} MiB${workersRss(r)}`
      })
      record({
        id: `end to end rss ${dialect} ${k(n)}`,
        name: `peak RSS of the ${k(n)}-elder end-to-end run in ${name}`,
        value: chainPeak(r),
        unit: "MiB",
        baseline: null,
        ratio: null,
        single: "one run (a peak, not a time)",
        population: n,
        note: `process.resourceUsage().maxRSS of the child that imported, assessed and reported${workersOf(dialect) > 1 ? ", or of an assessment worker when larger" : ""}${dialect === "postgres" ? "; the server's memory is not in it" : "; SQLite's page cache is in it"}${workersRss(r)}${memoryNote(r)}`
      })
      console.log(`raw import of the same ${k(n)} lines (${name})`)
      let rawTarget = `${PG_DB}_raw`
      if (dialect === "sqlite") rawTarget = path.join(Pop.dir(), `ledger-raw-${n}.db`)
      else await Drivers.preparePg(rawTarget)
      const raw = await child("children/import.ts", [dialect, "raw", file, rawTarget, String(n)])
      if (dialect === "sqlite") rmSync(rawTarget, { force: true })
      else await Drivers.preparePg(rawTarget)
      record({
        id: `import ${dialect} ${k(n)}`,
        name: `import ${k(n)} case files into ${name} (the end-to-end run's import)`,
        value: (n / r.importMs) * 1000,
        unit: "cases/s",
        baseline: (n / raw.ms) * 1000,
        ratio: r.importMs / raw.ms,
        ratioMeaning: `ledger time / raw ${dialect === "sqlite" ? "better-sqlite3" : "pg"} writing one table (id, region, JSON text) in 5,000-row transactions${dialect === "postgres" ? " (multi-row insert)" : ""}, run right after`,
        target: "ratio <= 3",
        met: r.importMs / raw.ms <= 3,
        single: "one run of each side (not interleaved: the ledger's import is the end-to-end run's)",
        clock: "wall",
        counts: { read: n },
        population: n
      })
    }
    if (want("dues")) {
      console.log(`assessment baseline and due lists on the ${k(n)}-elder ${name} ledger`)
      // LIUSHOU_BENCH_DUES_BASELINE=0 skips the assessment's baseline (a full read and evaluation of the ledger)
      const r = await child("children/dues.ts", [dialect, target, COUNTY, process.env.LIUSHOU_BENCH_DUES_BASELINE ?? "1", String(n)])
      const e2e = previous(`end to end ${dialect} ${k(n)}`)
      const assessS = e2e?.parts?.assess
      if (assessS !== undefined && r.baselineMs !== null) {
        record({
          id: `assess ${dialect} ${k(n)}`,
          name: `assess a ${k(n)}-elder ledger in ${name} (the end-to-end run's assessment)`,
          value: n / assessS,
          unit: "elders/s",
          baseline: (n / r.baselineMs.median) * 1000,
          ratio: (assessS * 1000) / r.baselineMs.median,
          ratioMeaning: `ledger time${workersOf(dialect) > 1 ? ` (${workersOf(dialect)} worker processes)` : ""} / ${dialect === "sqlite" ? "better-sqlite3" : "pg"} reading and evaluating the same elders in one process without storing, run after it on the same ledger`,
          target: "ratio <= 3",
          met: (assessS * 1000) / r.baselineMs.median <= 3,
          single: "one run of each side (the ledger's assessment is the end-to-end run's)",
          clock: "wall",
          population: n
        })
      }
      for (const [what, p50, p95, rows] of [
        ["visits due", r.visitsP50, r.visitsP95, r.visitRows],
        ["assessments due", r.assessmentsP50, r.assessmentsP95, r.assessmentRows]
      ] as const) {
        record({
          id: `${what} ${dialect} ${k(n)}`,
          name: `${what} for county ${COUNTY} (${r.countyElders} of ${k(n)} elders) in ${name}, p95`,
          value: p95,
          unit: "ms",
          baseline: null,
          ratio: null,
          target: "p95 <= 20 ms",
          met: p95 <= 20,
          runs: r.timed,
          clock: "wall",
          population: n,
          note: `p50 ${p50.toFixed(1)} ms over ${r.timed} queries after 2 warm-up; ${rows} rows (limit ${r.limit}: the page the HTTP load test asks of the API); the ledger migrated to the latest schema first (${(r.migrateMs / 1000).toFixed(1)} s)`
        })
      }
    }
    big.push({ dialect, target, n })
    if (want("rss")) {
      console.log(`the same chain at ${k(SIZE)} for the memory ratio (${name})`)
      const small = await Pop.jsonl(SIZE, "province")
      let t = `${PG_DB}_rss`
      if (dialect === "sqlite") {
        t = path.join(Pop.dir(), `ledger-rss-${SIZE}.db`)
        for (const s of ["", "-wal", "-shm"]) rmSync(t + s, { force: true })
      } else await Drivers.preparePg(t)
      const r = await child("children/e2e.ts", [dialect, small, t, String(SIZE), COUNTY, String(workersOf(dialect))])
      if (dialect === "sqlite") for (const s of ["", "-wal", "-shm"]) rmSync(t + s, { force: true })
      else await Drivers.preparePg(t)
      record({
        id: `end to end rss ${dialect} ${k(SIZE)}`,
        name: `peak RSS of the ${k(SIZE)}-elder end-to-end run in ${name}`,
        value: chainPeak(r),
        unit: "MiB",
        baseline: null,
        ratio: null,
        single: "one run (a peak, not a time)",
        clock: "wall",
        parts: { import: r.importMs / 1000, assess: r.assessMs / 1000, report: r.reportMs / 1000 },
        population: SIZE,
        note: `the baseline of the memory ratio; the run took ${(r.ms / 1000).toFixed(0)} s (${assessedBy(dialect)})${workersRss(r)}${memoryNote(r)}`
      })
    }
    rssRatio()
  }

  if (want("rss") && BIG_DIALECTS.length === 0) {
    console.log("peak RSS of import + assess + county report in one child process, at N and N/10")
    for (const dialect of ["sqlite", "postgres"] as const) {
      if (dialect === "postgres" && !pgOk) continue
      const peaks: Record<number, number> = {}
      for (const n of [SIZE, SIZE / 10]) {
        const file = await Pop.jsonl(n, "province")
        let target = `${PG_DB}_rss`
        if (dialect === "sqlite") {
          target = path.join(Pop.dir(), `ledger-rss-${n}.db`)
          for (const s of ["", "-wal", "-shm"]) rmSync(target + s, { force: true })
        } else await Drivers.preparePg(target)
        const r = await child("children/e2e.ts", [dialect, file, target, String(n), COUNTY])
        peaks[n] = r.peakRssMiB
        if (dialect === "sqlite") for (const s of ["", "-wal", "-shm"]) rmSync(target + s, { force: true })
      }
      record({
        id: `rss ${dialect}`,
        name: `peak RSS of import + assess + county report, ${k(SIZE)} vs ${k(SIZE / 10)} elders (${dialect === "sqlite" ? "SQLite" : "PostgreSQL"}, one child process each)`,
        value: peaks[SIZE]!,
        unit: "MiB",
        baseline: peaks[SIZE / 10]!,
        ratio: peaks[SIZE]! / peaks[SIZE / 10]!,
        ratioMeaning: `peak RSS at ${k(SIZE)} / peak RSS at ${k(SIZE / 10)}`,
        target: "ratio <= 1.2 at 1M vs 100k (not this size: not judged here)",
        met: null,
        single: "one run at each size (a peak, not a time)",
        population: SIZE,
        note: `the process's own peak (process.resourceUsage().maxRSS)${dialect === "postgres" ? "; the server's memory is not in it" : "; SQLite's page cache is in it"}`
      })
    }
  }

  if (want("http")) {
    console.log("HTTP load: autocannon, 50 connections, mixed county reads and visit writes")
    const seen = new Set<string>()
    for (const db of [...big, ...dbs].sort((a, b) => b.n - a.n)) {
      if (seen.has(db.dialect)) continue
      seen.add(db.dialect)
      const r = await load(db.dialect, db.target, COUNTY, { connections: 50, seconds: 20, warmupSeconds: 3 })
      const failures = r.errors + r.non2xx
      record({
        id: `http ${db.dialect}${big.includes(db) ? ` ${k(db.n)}` : ""}`,
        name: `HTTP API on a ${k(db.n)}-elder ${db.dialect === "sqlite" ? "SQLite" : "PostgreSQL"} ledger, 50 connections, mixed county reads and visit writes, p99`,
        value: r.p99,
        unit: "ms",
        baseline: null,
        ratio: null,
        target: "p99 <= 100 ms and 0 errors (the issue's size is 1M elders)",
        met: r.p99 <= 100 && failures === 0,
        single: `one ${r.seconds} s load after a 3 s warm-up (latencies of every request in it)`,
        clock: "wall",
        counts: { requests: r.requests, errors: r.errors, timeouts: r.timeouts, non2xx: r.non2xx },
        population: db.n,
        note: `autocannon ${r.connections} connections for ${r.seconds} s against \`liushou serve\`'s app in ${r.workers} worker process${r.workers === 1 ? "" : "es"} (\`--workers ${r.workers}\`, each with its own connection pool): p50 ${r.p50} ms, p90 ${r.p90} ms, p99 ${r.p99} ms, max ${r.max} ms, ${Math.round(r.perSecond)} requests/s, ${r.requests} requests completed (each chosen at random: 40 % visits due, 20 % assessments due, 20 % one case file, 20 % visit writes), ${r.errors} errors, ${r.timeouts} timeouts, ${r.non2xx} non-2xx answers`
      })
    }
  }

  console.log("\n" + table())
  const seconds = (now() - started) / 1000
  write(OUT, { quick, seconds: Math.round(seconds), clock, generatedAt: new Date().toISOString() })
  console.log(`\nwrote ${path.relative(process.cwd(), OUT)} in ${seconds.toFixed(0)} s; pnpm bench:doc writes docs/performance.md from it`)
  // the 100k ledgers go; the large ones stay for a later run of single sections (--only=dues,http)
  for (const db of dbs) if (db.dialect === "sqlite") for (const s of ["", "-wal", "-shm"]) rmSync(db.target + s, { force: true })
}

main().catch((e) => {
  console.error(e)
  process.exit(1)
})
