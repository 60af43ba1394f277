/**
 * Parallel assessment: four worker processes share one run through the database (claim mode:
 * `for update skip locked` on PostgreSQL; SQLite's single writer makes them take turns), and
 * the first to commit a batch is killed with SIGKILL mid-run. Nothing is lost (every elder evaluated once in the run)
 * and nothing is done twice (each evaluation row carries its worker's stamp; the survivors'
 * rows are exactly what they report, the killed worker's are the rest).
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { Ledger } from "../src/index.js"
import { population } from "./support/arbitraries.js"
import { startWorker } from "./support/workers.js"
import { DIALECTS, type Opened } from "@liushou/test-databases"
import { engine } from "./support/policy.js"

const N = 3000
const BATCH = 50
const stamp = (i: number) => `2019-07-01T08:00:0${i}.000Z`

for (const dialect of DIALECTS) {
  describe(`parallel assessment on ${dialect.name}`, () => {
    let opened: Opened
    let ledger: Ledger.Ledger
    beforeAll(async () => {
      opened = await dialect.create("parallel")
      ledger = await Ledger.make({ db: opened.db, clock: () => "2019-07-01T08:00:00.000Z" })
      await ledger.migrateToLatest()
      const r = await ledger.importCaseFiles(population(N), { importId: "parallel", batchSize: 1000 })
      expect(r).toMatchObject({ read: N, stored: N, rejected: 0 })
    })
    afterAll(async () => {
      await opened?.close()
    })

    it("four workers, one killed mid-run: every elder evaluated exactly once, none lost", async () => {
      // SQLite hands its write lock to whoever asks at the right moment, not in turn: a worker
      // can wait through many of another's batches. A 20 ms busy timeout makes the workers meet
      // SQLITE_BUSY all the time (as a heavily loaded machine does with the default 10 s); they
      // must keep waiting while the others commit, not give up.
      const workers = Array.from({ length: 4 }, (_, i) => startWorker(["claim", opened.url, "2019-06-30", String(BATCH), stamp(i)], { env: { LIUSHOU_WORKER_BUSY_MS: "20" } }))
      // kill the first worker that has committed a batch (on SQLite the workers take turns,
      // so which one gets the write lock first depends on the machine)
      const k = await new Promise<number>((resolve, reject) => {
        const timer = setInterval(() => {
          const i = workers.findIndex((w) => w.lines().some((l) => l.startsWith("progress")))
          if (i >= 0) {
            clearInterval(timer)
            workers[i]!.child.kill("SIGKILL")
            resolve(i)
          } else if (workers.every((w) => w.child.exitCode !== null)) {
            clearInterval(timer)
            reject(new Error(`every worker ended before one could be killed: ${workers.map((w) => w.err()).join(" | ")}`))
          }
        }, 2)
      })
      const exits = await Promise.all(workers.map((w) => w.exited))
      const survivors = [0, 1, 2, 3].filter((i) => i !== k)
      for (const i of survivors) expect(exits[i]!.code, workers[i]!.err()).toBe(0)
      // what each survivor says it evaluated
      const reported = survivors.map((i) => Number(workers[i]!.lines().find((l) => l.startsWith("evaluated "))!.slice(10)))
      // the rows each worker stored, by its stamp
      const rows = await ledger.db.selectFrom("evaluations").select(["created_at"]).where("run_id", "=", "parallel").execute()
      const failures = await ledger.db.selectFrom("evaluation_failures").select(["created_at"]).where("run_id", "=", "parallel").execute()
      const by = new Map<string, number>()
      for (const r of [...rows, ...failures]) by.set(r.created_at, (by.get(r.created_at) ?? 0) + 1)
      // nothing lost: every elder has one evaluation (or failure) in the run; the key forbids two
      expect(rows.length + failures.length).toBe(N)
      // nothing done twice: each survivor stored exactly what it reports; the killed worker's
      // committed batches are the rest, at least the two it reported
      expect(survivors.map((i) => by.get(stamp(i)) ?? 0)).toEqual(reported)
      const killed = by.get(stamp(k)) ?? 0
      expect(killed).toBe(N - reported.reduce((a, b) => a + b, 0))
      // the killed worker was killed with one batch reported, or with a batch committed just after
      if (exits[k]!.signal === "SIGKILL") expect(killed).toBeGreaterThanOrEqual(BATCH)
      expect(reported.reduce((a, b) => a + b, 0)).toBeGreaterThan(0)
      // the statuses are complete and every stored decision replays exactly
      const status = await ledger.db.selectFrom("elder_status").select((eb) => eb.fn.countAll().as("n")).executeTakeFirstOrThrow()
      expect(Number((status as { n: unknown }).n)).toBe(rows.length)
      const replay = await ledger.replayAll(engine(), { runId: "parallel" })
      expect(replay.checked).toBe(rows.length)
      expect(replay.same).toBe(rows.length)
      // a further worker finds nothing left to do
      const again = await ledger.assess(engine(), "2019-06-30", { runId: "parallel", claim: true })
      expect(again).toMatchObject({ evaluated: 0, failed: 0 })
    })
  })
}
