/**
 * The host's HTTP API (`liushou serve`'s app) over a ledger the benchmark filled, in its own
 * process, for the load test: a county officer's token, `today` fixed inside the population's
 * dates. Prints one JSON line when it listens: {port, ids} (elder ids of the county, for the
 * requests), then serves until SIGTERM.
 *
 * Arguments: <sqlite|postgres> <sqlite file | pg database> <county code> <token>
 */
import { createRequire } from "node:module"
import * as path from "node:path"
import { fileURLToPath, pathToFileURL } from "node:url"
import { makeApi } from "../../examples/host/src/api/Api.js"
import { openLedger } from "../../examples/host/src/db.js"
import { builtinRegistry } from "../../examples/host/src/policies.js"
import * as Drivers from "../lib/drivers.js"

const [dialect, target, county, token] = process.argv.slice(2) as ["sqlite" | "postgres", string, string, string]
const here = path.dirname(fileURLToPath(import.meta.url))
const hostRequire = createRequire(path.resolve(here, "../../examples/host/package.json"))

const main = async (): Promise<void> => {
  const { serve } = (await import(pathToFileURL(hostRequire.resolve("@hono/node-server")).href)) as { serve: (o: unknown, cb: (info: { port: number }) => void) => { close: (cb: () => void) => void } }
  const opened = await openLedger(dialect === "sqlite" ? `sqlite:${target}` : Drivers.pgUrl(target), process.cwd())
  const ids = (
    await opened.ledger.db
      .selectFrom("elders")
      .select("elder_id")
      .where("region_code", ">=", county.padEnd(12, "0"))
      .where("region_code", "<=", county.padEnd(12, "9"))
      .orderBy("elder_id")
      .limit(5000)
      .execute()
  ).map((r: { elder_id: string }) => r.elder_id)
  const app = makeApi({
    ledger: opened.ledger,
    registry: builtinRegistry(),
    config: { users: [{ name: "bench-county", role: "officer", region: county, token }] },
    today: () => "2021-07-31",
    log: () => undefined
  })
  const server = serve({ fetch: app.fetch, port: 0, hostname: "127.0.0.1" }, (info) => process.stdout.write(JSON.stringify({ port: info.port, ids }) + "\n"))
  process.once("SIGTERM", () => server.close(() => void opened.close().then(() => process.exit(0))))
}

main().catch((e) => {
  console.error(e)
  process.exit(1)
})
