/**
 * The host's HTTP API (`liushou serve`'s app) over a ledger the benchmark filled, in its own
 * process, for the load test: a county officer's token, `today` fixed inside the population's
 * dates, served by worker processes as `liushou serve --workers N` does (N from
 * LIUSHOU_BENCH_SERVE_WORKERS, default one per core). Prints one JSON line when it listens:
 * {port, ids, workers} (elder ids of the county, for the requests), then serves until SIGTERM.
 *
 * Arguments: <sqlite|postgres> <sqlite file | pg database> <county code> <token>
 * Environment: LIUSHOU_BENCH_PROFILE_DIR: each worker profiles its CPU from
 * LIUSHOU_BENCH_PROFILE_AFTER_MS (default 0) after it listens until it stops, and writes
 * serve-<pid>.cpuprofile there (`bench/profile.ts` summarises them).
 */
import { writeFileSync } from "node:fs"
import { Session } from "node:inspector/promises"
import { createRequire } from "node:module"
import * as path from "node:path"
import { fileURLToPath, pathToFileURL } from "node:url"
import { makeApi } from "../../examples/host/src/api/Api.js"
import { counted, defaultWorkers, isServeWorker, serveInWorkers, stopServer } from "../../examples/host/src/api/Workers.js"
import { openLedger } from "../../examples/host/src/db.js"
import { builtinRegistry } from "../../examples/host/src/policies.js"
import * as Drivers from "../lib/drivers.js"

const [dialect, target, county, token] = process.argv.slice(2) as ["sqlite" | "postgres", string, string, string]
const here = path.dirname(fileURLToPath(import.meta.url))
const hostRequire = createRequire(path.resolve(here, "../../examples/host/package.json"))

const PROFILE_DIR = process.env.LIUSHOU_BENCH_PROFILE_DIR

/** the CPU profiler of this process, started after a delay; `stop` writes the profile (nothing when no folder is given) */
const profiler = (): { readonly stop: () => Promise<void> } => {
  if (PROFILE_DIR === undefined) return { stop: async () => undefined }
  const session = new Session()
  session.connect()
  const started = new Promise<void>((resolve) =>
    setTimeout(() => {
      void (async () => {
        await session.post("Profiler.enable")
        await session.post("Profiler.setSamplingInterval", { interval: 1000 })
        await session.post("Profiler.start")
        resolve()
      })()
    }, Number(process.env.LIUSHOU_BENCH_PROFILE_AFTER_MS ?? 0)).unref()
  )
  return {
    stop: async () => {
      await started
      const { profile } = await session.post("Profiler.stop")
      writeFileSync(path.join(PROFILE_DIR, `serve-${process.pid}.cpuprofile`), JSON.stringify(profile))
      session.disconnect()
    }
  }
}

const main = async (): Promise<void> => {
  const { serve } = (await import(pathToFileURL(hostRequire.resolve("@hono/node-server")).href)) as { serve: (o: unknown, cb: (info: { port: number }) => void) => { close: (cb: () => void) => void } }
  const url = dialect === "sqlite" ? `sqlite:${target}` : Drivers.pgUrl(target)
  const workers = Number(process.env.LIUSHOU_BENCH_SERVE_WORKERS ?? defaultWorkers())
  let ids: Array<string> = []
  if (!isServeWorker()) {
    // the primary: migrated once, and the county's ids for the requests
    const opened = await openLedger(url, process.cwd())
    ids = (
      await opened.ledger.db
        .selectFrom("elders")
        .select("elder_id")
        .where("region_code", ">=", county.padEnd(12, "0"))
        .where("region_code", "<=", county.padEnd(12, "9"))
        .orderBy("elder_id")
        .limit(5000)
        .execute()
    ).map((r: { elder_id: string }) => r.elder_id)
    await opened.close()
  }
  await serveInWorkers({
    workers,
    start: async () => {
      const opened = await openLedger(url, process.cwd())
      const app = makeApi({
        ledger: opened.ledger,
        registry: builtinRegistry(),
        config: { users: [{ name: "bench-county", role: "officer", region: county, token }] },
        today: () => "2021-07-31",
        log: () => undefined
      })
      const requests = counted(app.fetch)
      return new Promise((resolve) => {
        const server = serve({ fetch: requests.fetch, port: 0, hostname: "127.0.0.1" }, (info) => {
          const profile = profiler()
          resolve({
            port: info.port,
            stop: async () => {
              await profile.stop()
              await stopServer(server, requests, () => opened.close())
            }
          })
        })
      })
    },
    listening: (port) => process.stdout.write(JSON.stringify({ port, ids, workers }) + "\n"),
    log: (line) => process.stderr.write(`${line.en}\n`)
  })
  process.exit(0)
}

main().catch((e) => {
  console.error(e)
  process.exit(1)
})
