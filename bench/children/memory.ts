/**
 * The memory profile of the chain's assessment (`bench/profile.ts --only=memory`): imports a JSON
 * Lines file into a fresh PostgreSQL ledger, then assesses every elder (one run, as `liushou
 * assess` and the end-to-end child do) with a full garbage collection forced every `step` elders,
 * recording the heap used before it (live objects and garbage not yet collected) and after it
 * (what the process holds), the heap reserved, memory outside the heap and RSS. After the last
 * batch (still inside the run) a heap snapshot names what is held: self size by constructor, and the largest holders (a closure's
 * variable or an object's property, with what only it reaches).
 *
 * Arguments: <jsonl file> <pg database> <expected cases> <step>
 * Prints one JSON line.
 */
import { readFileSync, rmSync } from "node:fs"
import * as os from "node:os"
import * as path from "node:path"
import * as v8 from "node:v8"
import * as vm from "node:vm"
import { Flags, Ledger } from "@liushou/storage"
import * as Drivers from "../lib/drivers.js"
import { engine } from "../lib/policies.js"
import { AS_OF, lines } from "../lib/population.js"
import { checkCounts } from "../lib/results.js"
import { now } from "../lib/stats.js"

const [file, target, expectedArg, stepArg] = process.argv.slice(2) as [string, string, string, string]
const expected = Number(expectedArg)
const step = Number(stepArg)
const AT = "2021-06-30T00:00:00.000Z"
v8.setFlagsFromString("--expose-gc")
const gc = vm.runInNewContext("gc") as () => void

const mib = (n: number) => Math.round((n / 1048576) * 10) / 10
const mem = () => {
  const m = process.memoryUsage()
  return { heapUsed: mib(m.heapUsed), heapTotal: mib(m.heapTotal), external: mib(m.external), arrayBuffers: mib(m.arrayBuffers), rss: mib(m.rss) }
}

/** the largest heap used and RSS seen between two readings (sampled twice a second) */
let peak = { heapUsed: 0, rss: 0 }
const sampler = setInterval(() => {
  const m = process.memoryUsage()
  peak = { heapUsed: Math.max(peak.heapUsed, m.heapUsed), rss: Math.max(peak.rss, m.rss) }
}, 500)
sampler.unref()

interface Snapshot {
  readonly snapshot: { readonly meta: { readonly node_fields: ReadonlyArray<string>; readonly node_types: ReadonlyArray<ReadonlyArray<string>>; readonly edge_fields: ReadonlyArray<string>; readonly edge_types: ReadonlyArray<ReadonlyArray<string>> } }
  readonly nodes: ReadonlyArray<number>
  readonly edges: ReadonlyArray<number>
  readonly strings: ReadonlyArray<string>
}

/**
 * What a heap snapshot holds: self size by constructor (strings, arrays and code by kind), and the
 * holders reaching the most: each object's first path from the roots (breadth first, weak edges
 * left out) makes a tree, and a closure variable or property counts what lies under it there.
 */
const summarise = (s: Snapshot, top: number) => {
  const { node_fields: nf, node_types, edge_fields: ef, edge_types } = s.snapshot.meta
  const types = node_types[0]!
  const etypes = edge_types[0]!
  const N = nf.length
  const E = ef.length
  const [it, iname, isz, iec] = ["type", "name", "self_size", "edge_count"].map((f) => nf.indexOf(f)) as [number, number, number, number]
  const [et, en, eto] = ["type", "name_or_index", "to_node"].map((f) => ef.indexOf(f)) as [number, number, number]
  const { nodes, edges, strings } = s
  const n = nodes.length / N
  const byConstructor = new Map<string, { count: number; bytes: number }>()
  let total = 0
  for (let j = 0; j < n; j++) {
    const t = types[nodes[j * N + it]!]!
    const name = ["object", "closure", "native"].includes(t) ? `${strings[nodes[j * N + iname]!] || `(anonymous ${t})`}` : t === "code" || t === "hidden" ? `(${t})` : `(${t}s)`
    const c = byConstructor.get(name) ?? { count: 0, bytes: 0 }
    c.count++
    c.bytes += nodes[j * N + isz]!
    total += nodes[j * N + isz]!
    byConstructor.set(name, c)
  }
  const first = new Int32Array(n + 1)
  for (let j = 0, e = 0; j < n; j++) {
    first[j] = e
    e += nodes[j * N + iec]! * E
  }
  first[n] = edges.length
  const parent = new Int32Array(n).fill(-1)
  const via = new Int32Array(n).fill(-1)
  const order = new Int32Array(n)
  let head = 0
  let tail = 0
  order[tail++] = 0
  parent[0] = 0
  while (head < tail) {
    const j = order[head++]!
    for (let e = first[j]!; e < first[j + 1]!; e += E) {
      const kind = etypes[edges[e + et]!]
      if (kind === "weak" || kind === "shortcut") continue
      const to = edges[e + eto]! / N
      if (parent[to] !== -1) continue
      parent[to] = j
      via[to] = e
      order[tail++] = to
    }
  }
  const under = new Float64Array(n)
  for (let k = tail - 1; k > 0; k--) {
    const j = order[k]!
    under[j]! += nodes[j * N + isz]!
    under[parent[j]!]! += under[j]!
  }
  const holders = new Map<string, { count: number; bytes: number }>()
  for (let k = 1; k < tail; k++) {
    const j = order[k]!
    const e = via[j]!
    const kind = etypes[edges[e + et]!]
    if (kind !== "context" && kind !== "property") continue
    const owner = parent[j]!
    const ownerType = types[nodes[owner * N + it]!]
    // module-level and closure variables, and properties of plain objects (not of the module system)
    const of = ownerType === "hidden" || ownerType === "object" ? `${strings[nodes[owner * N + iname]!]}` : ownerType!
    const key = `${kind === "context" ? "variable" : "property"} ${strings[edges[e + en]!]} (of ${of === "system / Context" ? "a scope" : of})`
    const h = holders.get(key) ?? { count: 0, bytes: 0 }
    h.count++
    h.bytes += under[j]!
    holders.set(key, h)
  }
  const list = (m: Map<string, { count: number; bytes: number }>, skip: (k: string) => boolean = () => false) =>
    [...m]
      .filter(([k]) => !skip(k))
      .sort((a, b) => b[1].bytes - a[1].bytes)
      .slice(0, top)
      .map(([name, c]) => ({ name, count: c.count, mib: mib(c.bytes) }))
  return {
    totalMiB: mib(total),
    byConstructor: list(byConstructor),
    // the module loader's and the TypeScript loader's own holders (source maps, module records) say nothing about the run
    holders: list(holders, (k) => /(Module|SourceMap|sourceMap|source_map|mappings|lineLengths|loadCache|prototype|_TstNode|Agent)/.test(k))
  }
}

const main = async (): Promise<void> => {
  const K = await Drivers.kysely()
  const db = new K.Kysely({ dialect: new K.PostgresDialect({ pool: new (Drivers.pg().Pool)({ connectionString: Drivers.pgUrl(target), max: 2 }) }) })
  const ledger = await Ledger.make({ db, flags: Flags.postgres, clock: () => AT })
  await ledger.migrateToLatest()
  const t0 = now()
  const imported = await ledger.importCaseFiles(lines(file), { importId: "bench", source: file, actor: "bench", at: AT })
  const t1 = now()
  checkCounts(`postgres import of ${file}`, expected, { read: imported.read, stored: imported.stored, updated: imported.updated, unchanged: imported.unchanged, rejected: imported.rejected }, ["stored", "updated", "unchanged", "rejected"])
  const afterImport = { peakRss: mib(process.resourceUsage().maxRSS * 1024), ...mem() }
  gc()
  const start = mem()
  peak = { heapUsed: 0, rss: 0 }
  const steps: Array<unknown> = []
  // the peak RSS before the heap snapshot (writing one takes memory of its own)
  let peakRss = 0
  let held: ReturnType<typeof summarise> | undefined
  let next = step
  const assessed = await ledger.assess(engine(), AS_OF, {
    runId: "bench-memory",
    actor: "bench",
    onProgress: (c) => {
      const done = c.evaluated + c.failed + c.skipped
      if (done < next && done < expected) return
      next += step
      const before = mem()
      const sampled = { heapUsed: mib(peak.heapUsed), rss: mib(peak.rss) }
      gc()
      const after = mem()
      steps.push({ elders: done, ms: Math.round(now() - t1), before, after, sampledPeak: sampled })
      peak = { heapUsed: 0, rss: 0 }
      // the last batch is stored: what the run holds, with the engine, its plans and the ledger in use
      if (done >= expected && held === undefined) {
        peakRss = mib(process.resourceUsage().maxRSS * 1024)
        const snapFile = path.join(os.tmpdir(), `liushou-memory-${process.pid}.heapsnapshot`)
        v8.writeHeapSnapshot(snapFile)
        held = summarise(JSON.parse(readFileSync(snapFile, "utf8")) as Snapshot, 40)
        rmSync(snapFile, { force: true })
      }
    }
  })
  const t2 = now()
  checkCounts("postgres assess", expected, { evaluated: assessed.evaluated, failed: assessed.failed, skipped: assessed.skipped }, ["evaluated", "failed", "skipped"])
  clearInterval(sampler)
  await db.destroy()
  process.stdout.write(JSON.stringify({ population: expected, step, importMs: Math.round(t1 - t0), assessMs: Math.round(t2 - t1), afterImport, assessStart: start, steps, peakRssMiB: peakRss, held }) + "\n")
}

main().catch((e) => {
  console.error(e)
  process.exit(1)
})
