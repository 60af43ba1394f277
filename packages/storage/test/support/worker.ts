/**
 * A child process for the crash-safety and concurrency tests. Usage:
 *   worker.ts import URL N BATCH        imports population(N) in batches, one line per batch
 *   worker.ts assess URL AS_OF BATCH    assesses with the test engine, one line per batch
 *   worker.ts claim URL AS_OF BATCH AT  one of several workers of run "parallel" (claim mode),
 *                                       its rows stamped with AT; ends with "evaluated N"
 *   worker.ts visits URL IDS COUNT NAME records COUNT visits round-robin over IDS (comma-separated)
 *   worker.ts migrate URL               prints "ready", waits for a line on stdin, then migrates the ledger to the latest schema (prints what ran)
 * URL is a SQLite file path or a postgres:// URL.
 */
import { connect } from "@liushou/test-databases"
import { sql } from "kysely"
import { Ledger } from "../../src/index.js"
import { population } from "./arbitraries.js"
import { engine } from "./policy.js"

const [mode, url, a, b, c] = process.argv.slice(2)
const db = connect(url!, 1)
const ledger = await Ledger.make({ db })
// SQLite: a short busy timeout makes a waiting writer meet SQLITE_BUSY often, as it does under
// heavy load with the default timeout (LIUSHOU_WORKER_BUSY_MS, the parallel test sets it)
if (!url!.startsWith("postgres") && process.env.LIUSHOU_WORKER_BUSY_MS !== undefined) {
  await sql.raw(`pragma busy_timeout = ${Number(process.env.LIUSHOU_WORKER_BUSY_MS)}`).execute(db)
}
if (mode === "migrate") {
  // a barrier: the test starts every worker's migration at the same moment
  process.stdout.write("ready\n")
  await new Promise((resolve) => process.stdin.once("data", resolve))
  process.stdin.pause()
  process.stdout.write(`ran ${JSON.stringify(await ledger.migrateToLatest())}\n`)
} else if (mode === "import") {
  await ledger.importCaseFiles(population(Number(a)), {
    importId: "crash",
    batchSize: Number(b),
    onProgress: (p) => process.stdout.write(`progress ${p.read}\n`)
  })
} else if (mode === "assess") {
  await ledger.assess(engine(), a!, { batchSize: Number(b), onProgress: (p) => process.stdout.write(`progress ${p.evaluated}\n`) })
} else if (mode === "claim") {
  const r = await ledger.assess(engine(), a!, { runId: "parallel", claim: true, batchSize: Number(b), at: c!, onProgress: (p) => process.stdout.write(`progress ${p.evaluated}\n`) })
  process.stdout.write(`evaluated ${r.evaluated + r.failed}\n`)
} else if (mode === "visits") {
  const ids = a!.split(",")
  for (let i = 0; i < Number(b); i++) {
    const r = await ledger.recordVisit({
      elderId: ids[i % ids.length]!,
      visit: { date: "2019-07-01", mode: "home", by: "volunteer", concerns: [] },
      actor: `${c}-${i}`
    })
    if (!r.ok) throw new Error(r.error.message.en)
  }
}
process.stdout.write("done\n")
await db.destroy()
