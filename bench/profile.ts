/**
 * Where the time goes: CPU profiles summarised into bench/profile.json, which `pnpm bench:doc`
 * renders in docs/performance.md. Three sections, each written when it runs (the others are
 * kept from the file):
 *   e2e       the import and the assessment (the end-to-end child, `children/e2e.ts`, with the
 *             profiler on around each phase) at a size that runs in a few minutes: per database
 *             and phase, the sampled time by group (evaluation, input hashing and canonical JSON,
 *             decoding, SQL building, driver, JSON parse and stringify, the ledger's own code,
 *             garbage collection, ...) and the functions with the most self time
 *   http      the HTTP server under the load test (`lib/load.ts`: 50 connections, mixed county
 *             reads and visit writes) on a PostgreSQL ledger of that size: every worker process
 *             profiled after the warm-up, grouped as Hono and the API, the HTTP server, Schema
 *             decoding, Kysely, the pg driver, the ledger, JSON, socket writes, GC, idle
 *   evaluate  the public `Engine.evaluate` on 100,000 decoded case files and the hand-written
 *             Hunan function on the same cases, grouped by source file (the engine, its generated
 *             plan function, the plugins' rule files, CalendarDate, GC)
 *   memory    the assessment's memory in PostgreSQL at two sizes (the size and ten times it;
 *             `children/memory.ts`): the heap used before and after a forced full collection
 *             every tenth of the population, heap reserved, memory outside the heap and RSS, and
 *             what a heap snapshot at the end holds (by constructor, and the largest holders)
 *
 *   tsx --tsconfig bench/tsconfig.json --conditions=@liushou/source bench/profile.ts [--size=20000] [--only=e2e,http,evaluate,memory] [--no-postgres] [--no-sqlite]
 * Environment: LIUSHOU_BENCH_PG_DB (the PostgreSQL database is that name with _profile;
 * default liushou_bench), LIUSHOU_PG_URL, LIUSHOU_BENCH_DIR as for `pnpm bench`.
 */
import { spawn } from "node:child_process"
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs"
import * as os from "node:os"
import * as path from "node:path"
import { fileURLToPath } from "node:url"
import * as Drivers from "./lib/drivers.js"
import { load } from "./lib/load.js"
import * as Pop from "./lib/population.js"

const here = path.dirname(fileURLToPath(import.meta.url))
const args = process.argv.slice(2)
const SIZE = Number(args.find((a) => a.startsWith("--size="))?.slice(7) ?? 20_000)
const only = (args.find((a) => a.startsWith("--only="))?.slice(7) ?? "").split(",").filter((x) => x !== "")
const want = (section: "e2e" | "http" | "evaluate" | "memory") => only.length === 0 || only.includes(section)
const OUT = path.join(here, "profile.json")
const COUNTY = "430121"
/** the population of the evaluation profile */
const EVALUATE_N = 100_000
const PG_TARGET = `${process.env.LIUSHOU_BENCH_PG_DB ?? "liushou_bench"}_profile`

interface Node {
  readonly id: number
  readonly callFrame: { readonly functionName: string; readonly url: string; readonly lineNumber: number; readonly scriptId: string }
  readonly hitCount?: number
}
interface Profile {
  readonly nodes: ReadonlyArray<Node>
  readonly startTime: number
  readonly endTime: number
  readonly samples: ReadonlyArray<number>
  readonly timeDeltas: ReadonlyArray<number>
}

/** the group a function's self time counts in, from its source file and name (`native`: no script, a built-in or a driver's C++ binding) */
export const groupOf = (fn: string, url: string, native: boolean): string => {
  if (fn === "(garbage collector)") return "garbage collection"
  if (fn === "(idle)" || fn === "(program)") return "idle, waiting for the database"
  if (native && (fn === "parse" || fn === "stringify")) return "JSON parse and stringify"
  if (native && ["run", "all", "get", "iterate", "exec", "prepare", "step"].includes(fn)) return "database driver"
  if (native) return "Node and V8 built-ins (strings, buffers, I/O)"
  // the engine's generated straight-line plan function (Engine.ts, new Function) has a script but no file
  if (/node_modules\/.*\/(pg|pg-protocol|pg-pool|pg-types|better-sqlite3|postgres-array|pgpass)\//.test(url)) return "database driver"
  if (/node_modules\/.*\/kysely\//.test(url) || /storage\/src\/internal\/rows\.ts/.test(url)) return "SQL building (Kysely, bulk rows)"
  if (/core\/src\/(CaseFile|internal\/hash)\.ts/.test(url)) return "input hashing and canonical JSON"
  if (/core\/src\/(Decode|internal\/validator)\.ts/.test(url) || /node_modules\/.*\/effect\//.test(url)) return "decoding (validator, Effect Schema)"
  if (/(core|policy-[a-z]+)\/src\//.test(url) || (url === "" && fn !== "" && !fn.startsWith("("))) return "evaluation (engine, rules, dates)"
  if (/storage\/src\//.test(url)) return "ledger code (storage)"
  if (url.startsWith("node:") || url === "") return "Node internals (streams, buffers, timers)"
  return "other"
}

/** the place of a source file in the repository or a package (`packages/core/src/Engine.ts`, `hono/dist/...`) */
const placeOf = (url: string): string =>
  url
    .replace(/^file:\/\//, "")
    .replace(/^.*?\/(packages|node_modules|bench|examples)\//, "$1/")
    .replace(/^node_modules\/\.pnpm\/[^/]+\/node_modules\//, "")

/** the HTTP server's groups: where a worker's time goes while it answers the load test */
export const httpGroupOf = (fn: string, url: string, native: boolean): string => {
  if (fn === "(garbage collector)") return "garbage collection"
  if (fn === "(idle)" || fn === "(program)") return "idle (waiting for the database, the clients or a core)"
  if (native && /^(writev|writeBuffer|writeUtf8String|writeLatin1String|writeAsciiString)$/.test(fn)) return "socket writes (writev and write system calls)"
  if (native && (fn === "parse" || fn === "stringify")) return "JSON parse and stringify"
  if (native) return "Node and V8 built-ins (strings, buffers, I/O)"
  if (/node_modules\/.*\/(pg|pg-protocol|pg-pool|pg-types|postgres-array|pgpass|pg-connection-string)\//.test(url)) return "pg driver"
  if (/node_modules\/.*\/kysely\//.test(url)) return "SQL building (Kysely)"
  if (/node_modules\/.*\/@hono\/node-server\//.test(url) || /^node:_?http/.test(url)) return "HTTP server (@hono/node-server, node:http)"
  if (/node_modules\/.*\/hono\//.test(url) || /examples\/host\/src\//.test(url) || /bench\/children\/serve\.ts/.test(url)) return "Hono and the API (routes, access checks, masking)"
  if (/node_modules\/.*\/effect\//.test(url) || /core\/src\/(Decode|internal\/validator)\.ts/.test(url)) return "Schema decode and encode (Effect Schema, Decode)"
  if (/storage\/src\//.test(url)) return "ledger code (storage)"
  if (/(core|policy-[a-z]+)\/src\//.test(url)) return "core (case files, dates, masking)"
  if (url.startsWith("node:") || url === "") return "Node internals (streams, net, timers, undici)"
  return "other"
}

/** the evaluation's groups: the source file a function lives in */
export const fileGroupOf = (fn: string, url: string, native: boolean): string => {
  if (fn === "(garbage collector)") return "garbage collection"
  if (fn === "(idle)" || fn === "(program)") return "idle, (program)"
  if (native) return "V8 built-ins (native)"
  // the engine's generated straight-line plan function (Engine.ts, new Function) has a script but no file
  if (url === "") return "generated plan function (Engine's runner)"
  const place = placeOf(url)
  if (/bench\/baseline\/hunan-handwritten\.ts/.test(place)) return "hand-written function (bench/baseline/hunan-handwritten.ts)"
  if (/bench\/children\/evaluate-profile\.ts/.test(place)) return "the timed loop, with what V8 inlined into it (bench/children/evaluate-profile.ts)"
  if (place.startsWith("node:")) return "Node internals"
  return place.replace(/^packages\//, "")
}

const summarise = (files: string | ReadonlyArray<string>, top: number, grouping: (fn: string, url: string, native: boolean) => string = groupOf, omitProfiler = false) => {
  const self = new Map<string, { ms: number; functionName: string; url: string; lineNumber: number; native: boolean }>()
  for (const file of typeof files === "string" ? [files] : files) {
    const p = JSON.parse(readFileSync(file, "utf8")) as Profile
    const byId = new Map(p.nodes.map((n) => [n.id, n]))
    for (let i = 0; i < p.samples.length; i++) {
      const { functionName, url, lineNumber, scriptId } = byId.get(p.samples[i]!)!.callFrame
      // the inspector's own calls: starting the profiler walks the heap to name the compiled code
      // already there (seconds on a large heap), which is the profiler's time, not the work's
      if (omitProfiler && scriptId === "0" && functionName === "dispatch") continue
      const key = `${functionName}|${url}|${lineNumber}|${scriptId === "0"}`
      const s = self.get(key) ?? { ms: 0, functionName, url, lineNumber, native: scriptId === "0" }
      s.ms += (p.timeDeltas[i] ?? 0) / 1000
      self.set(key, s)
    }
  }
  const total = [...self.values()].reduce((a, b) => a + b.ms, 0)
  const groups = new Map<string, number>()
  const fns = new Map<string, { ms: number; group: string }>()
  for (const { ms, functionName, url, lineNumber, native } of self.values()) {
    const group = grouping(functionName, url, native)
    groups.set(group, (groups.get(group) ?? 0) + ms)
    // the benchmark's TypeScript runs through tsx, whose output loses most function names and lines: the file names the place
    const where = url === "" ? (native ? " (native)" : " (generated plan function)") : ` ${placeOf(url)}${lineNumber > 0 ? `:${lineNumber + 1}` : ""}`
    const key = `${functionName || "(anonymous)"}${where}`
    const f = fns.get(key) ?? { ms: 0, group }
    fns.set(key, { ms: f.ms + ms, group })
  }
  const pct = (ms: number) => Math.round((ms / total) * 1000) / 10
  return {
    sampledMs: Math.round(total),
    groups: [...groups].sort((a, b) => b[1] - a[1]).map(([group, ms]) => ({ group, ms: Math.round(ms), percent: pct(ms) })),
    top: [...fns].sort((a, b) => b[1].ms - a[1].ms).slice(0, top).map(([fn, f]) => ({ function: fn, group: f.group, ms: Math.round(f.ms), percent: pct(f.ms) }))
  }
}

const child = (dialect: string, file: string, target: string, dir: string | undefined): Promise<any> =>
  new Promise((resolve, reject) => {
    const p = spawn(process.execPath, [...process.execArgv, "--max-old-space-size=8192", path.join(here, "children/e2e.ts"), dialect, file, target, String(SIZE), COUNTY], {
      stdio: ["ignore", "pipe", "inherit"],
      env: { ...process.env, ...(dir === undefined ? {} : { LIUSHOU_BENCH_PROFILE_DIR: dir }) }
    })
    let out = ""
    p.stdout.on("data", (d: Buffer) => (out += d.toString()))
    p.on("exit", (code) => (code === 0 ? resolve(JSON.parse(out.trim().split("\n").pop()!)) : reject(new Error(`e2e.ts exited with ${code}`))))
  })

const evaluateChild = (dir: string): Promise<{ n: number; evaluateMs: ReadonlyArray<number>; handMs: ReadonlyArray<number> }> =>
  new Promise((resolve, reject) => {
    const p = spawn(process.execPath, [...process.execArgv, "--max-old-space-size=8192", path.join(here, "children/evaluate-profile.ts"), dir, String(EVALUATE_N)], { stdio: ["ignore", "pipe", "inherit"] })
    let out = ""
    p.stdout.on("data", (d: Buffer) => (out += d.toString()))
    p.on("exit", (code) => (code === 0 ? resolve(JSON.parse(out.trim().split("\n").pop()!)) : reject(new Error(`evaluate-profile.ts exited with ${code}`))))
  })

/** the memory child on one population (a fresh PostgreSQL ledger) */
const memoryChild = (file: string, target: string, n: number): Promise<any> =>
  new Promise((resolve, reject) => {
    // the heap limit the end-to-end child runs with (`pnpm bench`), so the collector behaves as there
    const p = spawn(process.execPath, [...process.execArgv, "--max-old-space-size=8192", path.join(here, "children/memory.ts"), file, target, String(n), String(Math.max(1, Math.round(n / 10)))], { stdio: ["ignore", "pipe", "inherit"] })
    let out = ""
    p.stdout.on("data", (d: Buffer) => (out += d.toString()))
    p.on("exit", (code) => (code === 0 ? resolve(JSON.parse(out.trim().split("\n").pop()!)) : reject(new Error(`memory.ts exited with ${code}`))))
  })

const stamp = () => ({ generatedAt: new Date().toISOString(), command: `bench/profile.ts ${args.join(" ")}`.trim(), loadAverage: os.loadavg().map((x) => Math.round(x * 100) / 100) })

/** writes profile.json: the sections measured now over those of the file (a section not run is kept) */
const save = (sections: Record<string, unknown>): void => {
  const before = existsSync(OUT) ? (JSON.parse(readFileSync(OUT, "utf8")) as Record<string, unknown>) : {}
  writeFileSync(OUT, JSON.stringify({ ...before, ...sections }, null, 2) + "\n")
  console.log(`wrote ${path.relative(process.cwd(), OUT)}`)
}

/** the HTTP server under the load test on the PostgreSQL ledger `target`, every worker profiled after the warm-up */
const httpProfile = async (target: string): Promise<Record<string, unknown>> => {
  const dir = path.join(Pop.dir(), `profile-http-${process.pid}`)
  mkdirSync(dir, { recursive: true })
  console.log(`profiling the HTTP server under load on a ${SIZE}-elder PostgreSQL ledger`)
  const warmupSeconds = 3
  const r = await load("postgres", target, COUNTY, { connections: 50, seconds: 20, warmupSeconds, env: { LIUSHOU_BENCH_PROFILE_DIR: dir, LIUSHOU_BENCH_PROFILE_AFTER_MS: String(warmupSeconds * 1000) } })
  const files = readdirSync(dir).filter((f) => f.startsWith("serve-") && f.endsWith(".cpuprofile")).map((f) => path.join(dir, f))
  if (files.length === 0) throw new Error("the serve workers wrote no profile")
  const summary = summarise(files, 15, httpGroupOf, true)
  rmSync(dir, { recursive: true, force: true })
  return {
    ...stamp(),
    sampling: "V8 CPU profiler, 1 ms interval, self time per function, summed over the worker processes (the profiler's own start and stop left out)",
    dialect: "postgres",
    population: SIZE,
    workers: r.workers,
    profiledFiles: files.length,
    load: { connections: r.connections, seconds: r.seconds, requests: r.requests, perSecond: Math.round(r.perSecond), p50: r.p50, p99: r.p99, errors: r.errors, timeouts: r.timeouts, non2xx: r.non2xx },
    wallMs: r.seconds * 1000 * files.length,
    ...summary
  }
}

const main = async (): Promise<void> => {
  const file = want("e2e") || want("http") ? await Pop.jsonl(SIZE, "province") : ""
  const runs: Array<unknown> = []
  let http: Record<string, unknown> | undefined
  if (want("e2e")) {
    for (const dialect of ["postgres", "sqlite"] as const) {
      if (args.includes(`--no-${dialect}`)) continue
      const dir = path.join(Pop.dir(), `profile-${dialect}-${process.pid}`)
      mkdirSync(dir, { recursive: true })
      let target = PG_TARGET
      if (dialect === "sqlite") target = path.join(dir, "ledger.db")
      else if (!(await Drivers.preparePg(target))) continue
      console.log(`profiling import and assessment of ${SIZE} elders in ${dialect}`)
      const r = await child(dialect, file, target, dir)
      runs.push({
        dialect,
        population: SIZE,
        phases: {
          import: { wallMs: Math.round(r.importMs), ...summarise(path.join(dir, "import.cpuprofile"), 12) },
          assess: { wallMs: Math.round(r.assessMs), ...summarise(path.join(dir, "assess.cpuprofile"), 12) }
        }
      })
      rmSync(dir, { recursive: true, force: true })
      // the assessed ledger serves the HTTP profile
      if (dialect === "postgres" && want("http")) http = await httpProfile(target)
      if (dialect === "postgres") await Drivers.preparePg(target)
      save({ ...stamp(), sampling: "V8 CPU profiler, 1 ms interval, self time per function", runs, ...(http === undefined ? {} : { http }) })
    }
  }
  if (want("http") && http === undefined && !args.includes("--no-postgres") && (await Drivers.preparePg(PG_TARGET))) {
    console.log(`building a ${SIZE}-elder PostgreSQL ledger for the HTTP profile (import and assessment, not profiled)`)
    await child("postgres", file, PG_TARGET, undefined)
    http = await httpProfile(PG_TARGET)
    await Drivers.preparePg(PG_TARGET)
    save({ http })
  }
  if (want("memory") && !args.includes("--no-postgres")) {
    const runs: Array<unknown> = []
    for (const n of [SIZE, SIZE * 10]) {
      const target = `${PG_TARGET}_memory`
      if (!(await Drivers.preparePg(target))) break
      console.log(`memory of the assessment of ${n} elders in PostgreSQL (a collection forced every ${Math.round(n / 10)})`)
      runs.push(await memoryChild(await Pop.jsonl(n, "province"), target, n))
      await Drivers.preparePg(target)
    }
    if (runs.length > 0) save({ memory: { ...stamp(), dialect: "postgres", heapLimit: "--max-old-space-size=8192 (as the end-to-end child)", runs } })
  }
  if (want("evaluate")) {
    const dir = path.join(Pop.dir(), `profile-evaluate-${process.pid}`)
    mkdirSync(dir, { recursive: true })
    console.log(`profiling Engine.evaluate and the hand-written function on ${EVALUATE_N} decoded case files`)
    const r = await evaluateChild(dir)
    const rounds = (prefix: string) => readdirSync(dir).filter((f) => f.startsWith(`${prefix}-`) && f.endsWith(".cpuprofile")).map((f) => path.join(dir, f))
    const middle = (xs: ReadonlyArray<number>) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!
    const ratios = r.evaluateMs.map((ms, i) => ms / r.handMs[i]!)
    const evaluate = {
      ...stamp(),
      sampling: `V8 CPU profiler, 1 ms interval, self time per function, ${r.evaluateMs.length} profiled rounds of each, interleaved, after an unprofiled one, summed (the profiler's own start, which walks the heap, left out)`,
      population: r.n,
      rounds: r.evaluateMs.length,
      ratio: Math.round(middle(ratios) * 100) / 100,
      ratios: ratios.map((x) => Math.round(x * 100) / 100),
      public: { cpuMs: Math.round(middle(r.evaluateMs)), ...summarise(rounds("evaluate"), 12, fileGroupOf, true) },
      hand: { cpuMs: Math.round(middle(r.handMs)), ...summarise(rounds("hand"), 8, fileGroupOf, true) }
    }
    rmSync(dir, { recursive: true, force: true })
    save({ evaluate })
  }
}

main().catch((e) => {
  console.error(e)
  process.exit(1)
})
