/**
 * A program serving with `serveInWorkers` whose workers fail to start while the file named by
 * LIUSHOU_TEST_REFUSE exists (as a database restarting would refuse them), and die 200 ms after
 * they listen when they started while the file named by LIUSHOU_TEST_CRASH existed (a fault that
 * ends every worker soon after it starts serving): the test of the primary's retries. Each worker
 * answers with its process id.
 */
import { existsSync } from "node:fs"
import { createServer } from "node:http"
import type { AddressInfo } from "node:net"
import { serveInWorkers } from "../../src/api/Workers.js"

const refuse = process.env.LIUSHOU_TEST_REFUSE!
const crash = process.env.LIUSHOU_TEST_CRASH ?? ""

await serveInWorkers({
  workers: 2,
  maxRetryMs: 2000,
  stableMs: 3000,
  start: async () => {
    if (existsSync(refuse)) throw new Error("the database refused the connection")
    const server = createServer((_, res) => res.end(String(process.pid)))
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve))
    console.error(`worker ${process.pid} listens`)
    if (crash !== "" && existsSync(crash)) setTimeout(() => process.exit(3), 200)
    return { port: (server.address() as AddressInfo).port, stop: () => new Promise<void>((resolve) => server.close(() => resolve())) }
  },
  listening: (port) => console.log(`listening on 127.0.0.1:${port}`),
  log: (line) => console.error(line.en)
})
