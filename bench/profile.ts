/**
 * Where the time goes: CPU profiles of the import and of the assessment (the end-to-end child,
 * `children/e2e.ts`, with the profiler on around each phase) at a size that runs in a few
 * minutes, summarised into bench/profile.json: per database and phase, the sampled time by
 * group (evaluation, input hashing and canonical JSON, decoding, SQL building, driver, JSON
 * parse and stringify, the ledger's own code, garbage collection, ...) and the functions with
 * the most self time. `pnpm bench:doc` renders it in docs/performance.md.
 *
 *   tsx --tsconfig bench/tsconfig.json --conditions=@liushou/source bench/profile.ts [--size=20000] [--no-postgres] [--no-sqlite]
 */
import { spawn } from "node:child_process"
import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs"
import * as os from "node:os"
import * as path from "node:path"
import { fileURLToPath } from "node:url"
import * as Drivers from "./lib/drivers.js"
import * as Pop from "./lib/population.js"

const here = path.dirname(fileURLToPath(import.meta.url))
const args = process.argv.slice(2)
const SIZE = Number(args.find((a) => a.startsWith("--size="))?.slice(7) ?? 20_000)
const OUT = path.join(here, "profile.json")
const COUNTY = "430121"

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

const summarise = (file: string, top: number) => {
  const p = JSON.parse(readFileSync(file, "utf8")) as Profile
  const byId = new Map(p.nodes.map((n) => [n.id, n]))
  const self = new Map<number, number>()
  for (let i = 0; i < p.samples.length; i++) self.set(p.samples[i]!, (self.get(p.samples[i]!) ?? 0) + (p.timeDeltas[i] ?? 0) / 1000)
  const total = [...self.values()].reduce((a, b) => a + b, 0)
  const groups = new Map<string, number>()
  const fns = new Map<string, { ms: number; group: string }>()
  for (const [id, ms] of self) {
    const { functionName, url, lineNumber, scriptId } = byId.get(id)!.callFrame
    const native = scriptId === "0"
    const group = groupOf(functionName, url, native)
    groups.set(group, (groups.get(group) ?? 0) + ms)
    // the benchmark's TypeScript runs through tsx, whose output loses most function names and lines: the file names the place
    const where = url === "" ? (native ? " (native)" : " (generated plan function)") : ` ${url.replace(/^file:\/\//, "").replace(/^.*?\/(packages|node_modules|bench|examples)\//, "$1/").replace(/^node_modules\/\.pnpm\/[^/]+\/node_modules\//, "")}${lineNumber > 0 ? `:${lineNumber + 1}` : ""}`
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

const child = (dialect: string, file: string, target: string, dir: string): Promise<any> =>
  new Promise((resolve, reject) => {
    const p = spawn(process.execPath, [...process.execArgv, "--max-old-space-size=8192", path.join(here, "children/e2e.ts"), dialect, file, target, String(SIZE), COUNTY], {
      stdio: ["ignore", "pipe", "inherit"],
      env: { ...process.env, LIUSHOU_BENCH_PROFILE_DIR: dir }
    })
    let out = ""
    p.stdout.on("data", (d: Buffer) => (out += d.toString()))
    p.on("exit", (code) => (code === 0 ? resolve(JSON.parse(out.trim().split("\n").pop()!)) : reject(new Error(`e2e.ts exited with ${code}`))))
  })

const main = async (): Promise<void> => {
  const file = await Pop.jsonl(SIZE, "province")
  const runs: Array<unknown> = []
  for (const dialect of ["postgres", "sqlite"] as const) {
    if (args.includes(`--no-${dialect}`)) continue
    const dir = path.join(Pop.dir(), `profile-${dialect}-${process.pid}`)
    mkdirSync(dir, { recursive: true })
    let target = "liushou_bench_profile"
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
    if (dialect === "postgres") await Drivers.preparePg(target)
    writeFileSync(OUT, JSON.stringify({ generatedAt: new Date().toISOString(), command: `bench/profile.ts ${args.join(" ")}`.trim(), loadAverage: os.loadavg().map((x) => Math.round(x * 100) / 100), sampling: "V8 CPU profiler, 1 ms interval, self time per function", runs }, null, 2) + "\n")
    console.log(`wrote ${path.relative(process.cwd(), OUT)}`)
  }
}

main().catch((e) => {
  console.error(e)
  process.exit(1)
})
