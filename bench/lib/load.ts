/**
 * The HTTP load test: autocannon (from npm) against the host's API in a child process
 * (`children/serve.ts`, worker processes as `liushou serve --workers N`), 50 connections, a mix of county reads and visit writes chosen at
 * random per request: 40 % visits due, 20 % assessments due (county, 100 rows), 20 % one
 * elder's case file, 20 % a visit recorded for a random elder of the county (201 expected).
 */
import { spawn } from "node:child_process"
import { createRequire } from "node:module"
import * as path from "node:path"
import { fileURLToPath } from "node:url"
import { DUE_LIST_LIMIT } from "./stats.js"

const here = path.dirname(fileURLToPath(import.meta.url))
const require = createRequire(import.meta.url)

export interface LoadResult {
  readonly requests: number
  readonly perSecond: number
  readonly p50: number
  readonly p90: number
  readonly p99: number
  readonly max: number
  readonly errors: number
  readonly timeouts: number
  readonly non2xx: number
  readonly writes: number
  readonly reads: number
  readonly seconds: number
  readonly connections: number
  /** the server's worker processes */
  readonly workers: number
}

const TOKEN = "bench-county-officer-token-0001"
const MODES = ["home", "phone"] as const

/** serves the ledger in a child process and loads it; resolves with the load figures */
export const load = async (
  dialect: "sqlite" | "postgres",
  target: string,
  county: string,
  options: { connections: number; seconds: number; warmupSeconds: number; readonly env?: Readonly<Record<string, string>> }
): Promise<LoadResult> => {
  const autocannon = require("autocannon")
  const child = spawn(process.execPath, [...process.execArgv, path.join(here, "../children/serve.ts"), dialect, target, county, TOKEN], { stdio: ["ignore", "pipe", "inherit"], env: { ...process.env, ...options.env } })
  const ready = await new Promise<{ port: number; ids: Array<string>; workers: number }>((resolve, reject) => {
    let out = ""
    child.stdout.on("data", (d: Buffer) => {
      out += d.toString()
      const nl = out.indexOf("\n")
      if (nl >= 0) resolve(JSON.parse(out.slice(0, nl)))
    })
    child.on("exit", (code) => reject(new Error(`serve exited with ${code}`)))
  })
  const { port, ids, workers } = ready
  let writes = 0
  let reads = 0
  const pick = <T>(xs: ReadonlyArray<T>): T => xs[Math.floor(Math.random() * xs.length)]!
  // a new headers object for every request: autocannon adds Content-Length to the object it is
  // given, so a shared one made every read after a write announce a body it never sent (the
  // server waited for it and the connection stalled)
  const writeHeaders = () => ({ authorization: `Bearer ${TOKEN}`, "content-type": "application/json" })
  const readHeaders = () => ({ authorization: `Bearer ${TOKEN}` })
  const request = (count: boolean) => (req: Record<string, unknown>) => {
    const x = Math.random()
    if (x < 0.2) {
      if (count) writes++
      const day = String(1 + Math.floor(Math.random() * 30)).padStart(2, "0")
      return { ...req, method: "POST", path: `/v1/elders/${pick(ids)}/visits`, headers: writeHeaders(), body: JSON.stringify({ date: `2021-07-${day}`, mode: pick(MODES), by: "township", concerns: [] }) }
    }
    if (count) reads++
    const path = x < 0.6 ? `/v1/visits-due?region=${county}&dueBy=2021-07-31&limit=${DUE_LIST_LIMIT}` : x < 0.8 ? `/v1/assessments-due?region=${county}&dueBy=2021-07-31&limit=${DUE_LIST_LIMIT}` : `/v1/elders/${pick(ids)}`
    return { ...req, method: "GET", path, headers: readHeaders(), body: undefined }
  }
  const run = (seconds: number, count: boolean): Promise<any> =>
    new Promise((resolve, reject) =>
      autocannon({ url: `http://127.0.0.1:${port}`, connections: options.connections, duration: seconds, timeout: 10, requests: [{ setupRequest: request(count) }] }, (err: unknown, res: unknown) => (err ? reject(err) : resolve(res)))
    )
  try {
    if (options.warmupSeconds > 0) await run(options.warmupSeconds, false)
    const r = await run(options.seconds, true)
    return {
      requests: r.requests.total,
      perSecond: r.requests.average,
      p50: r.latency.p50,
      p90: r.latency.p90,
      p99: r.latency.p99,
      max: r.latency.max,
      errors: r.errors,
      timeouts: r.timeouts,
      non2xx: r.non2xx,
      writes,
      reads,
      seconds: options.seconds,
      connections: options.connections,
      workers
    }
  } finally {
    // the server stops its workers and closes their connections before it exits
    const exited = child.exitCode !== null ? Promise.resolve() : new Promise<void>((r) => child.once("exit", () => r()))
    child.kill("SIGTERM")
    await Promise.race([exited, new Promise((r) => setTimeout(r, 15_000))])
  }
}
