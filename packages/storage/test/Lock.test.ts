/**
 * One import at a time per ledger, a crashed import's lock taken over, and several processes
 * migrating a fresh database at once: on every dialect, with real processes where it matters.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { Ledger, Migrations } from "../src/index.js"
import { population } from "./support/arbitraries.js"
import { startWorker } from "./support/workers.js"
import { DIALECTS, type Opened } from "@liushou/test-databases"

/** A source that yields `first`, then waits until `open()` is called before yielding `rest`. */
const gated = (first: ReadonlyArray<unknown>, rest: ReadonlyArray<unknown>) => {
  let open!: () => void
  const gate = new Promise<void>((resolve) => (open = resolve))
  let reached!: () => void
  const waiting = new Promise<void>((resolve) => (reached = resolve))
  async function* source() {
    yield* first
    reached()
    await gate
    yield* rest
  }
  return { source: source(), open, waiting }
}

const lockRows = (ledger: Ledger.Ledger) => ledger.db.selectFrom("import_lock").selectAll().execute()

for (const dialect of DIALECTS) {
  describe(`the import lock on ${dialect.name}`, () => {
    let opened: Opened
    let ledger: Ledger.Ledger
    beforeAll(async () => {
      opened = await dialect.create("lock")
      ledger = await Ledger.make({ db: opened.db })
      await ledger.migrateToLatest()
    })
    afterAll(async () => {
      await opened?.close()
    })

    it("refuses a second import while one runs, before the second writes anything; the lock is released when the first ends", async () => {
      const cases = [...population(30)]
      const g = gated(cases.slice(0, 10), cases.slice(10))
      const first = ledger.importCaseFiles(g.source, { importId: "first", batchSize: 5 })
      await g.waiting
      const second = ledger.importCaseFiles(cases.slice(0, 3), { importId: "second" })
      const refused = await second.then(
        () => undefined,
        (e: unknown) => e
      )
      expect(refused).toBeInstanceOf(Ledger.ImportRunningError)
      expect((refused as Ledger.ImportRunningError).holder).toMatchObject({ importId: "first", pid: process.pid })
      expect((refused as Error).message).toContain("another import is running")
      expect((refused as Ledger.ImportRunningError).zh).toContain("另一个导入正在运行")
      expect(await ledger.db.selectFrom("imports").select("import_id").where("import_id", "=", "second").execute()).toEqual([])
      g.open()
      expect(await first).toMatchObject({ read: 30, stored: 30, recoveredLock: null })
      expect(await lockRows(ledger)).toEqual([])
      expect(await ledger.importCaseFiles(cases.slice(0, 3), { importId: "second" })).toMatchObject({ unchanged: 3 })
    })

    it("releases the lock when an import fails", async () => {
      async function* failing() {
        yield* [...population(3)]
        throw new Error("source went away")
      }
      await expect(ledger.importCaseFiles(failing(), { importId: "fails", batchSize: 2 })).rejects.toThrow("source went away")
      expect(await lockRows(ledger)).toEqual([])
    })

    it("takes over the lock of an import killed with SIGKILL (its process is gone) and audits it; the rerun completes the import", async () => {
      const w = startWorker(["import", opened.url, "600", "20"])
      await new Promise<void>((resolve, reject) => {
        const timer = setInterval(() => {
          if (w.out().includes("progress")) {
            clearInterval(timer)
            w.child.kill("SIGKILL")
            resolve()
          } else if (w.child.exitCode !== null) {
            clearInterval(timer)
            reject(new Error(`worker exited early: ${w.err()}`))
          }
        }, 5)
      })
      expect((await w.exited).signal).toBe("SIGKILL")
      const left = await lockRows(ledger)
      expect(left).toHaveLength(1)
      expect(Number(left[0]!.pid)).toBe(w.child.pid)
      const r = await ledger.importCaseFiles(population(600), { importId: "crash", batchSize: 100 })
      expect(r.recoveredLock).toMatchObject({ importId: "crash", pid: w.child.pid, reason: "process-gone" })
      expect(r.read).toBe(600)
      expect(r.stored + r.unchanged).toBe(600)
      expect(await lockRows(ledger)).toEqual([])
      const audit = await ledger.auditLog({ subject: "crash" })
      expect(audit.map((a) => a.action)).toContain("import-lock-recovered")
    })

    it("a lock of another host is refused while its heartbeat is fresh and taken over once it is stale", async () => {
      const row = { name: "import", holder: "h", import_id: "elsewhere", host: "other-host", pid: 1, acquired_at: "2026-01-01T00:00:00.000Z", heartbeat_ms: Date.now() }
      await ledger.db.insertInto("import_lock").values(row).execute()
      await expect(ledger.importCaseFiles([], { importId: "here" })).rejects.toThrow(/another import is running on this ledger: import "elsewhere" \(process 1 on other-host/)
      await ledger.db.updateTable("import_lock").set({ heartbeat_ms: Date.now() - 60_000 }).execute()
      await expect(ledger.importCaseFiles([], { importId: "here" })).rejects.toThrow(Ledger.ImportRunningError)
      const r = await ledger.importCaseFiles([], { importId: "here", lockStaleAfterMs: 30_000 })
      expect(r.recoveredLock).toMatchObject({ importId: "elsewhere", host: "other-host", reason: "heartbeat-stale" })
      expect(await lockRows(ledger)).toEqual([])
    })

    it("an import whose lock was taken over stops at its next batch, marked failed (rerunning resumes it)", async () => {
      const cases = [...population(20)]
      const g = gated(cases.slice(0, 5), cases.slice(5))
      const running = ledger.importCaseFiles(g.source, { importId: "overtaken", batchSize: 5 })
      await g.waiting
      await ledger.db.updateTable("import_lock").set({ holder: "someone-else" }).execute()
      g.open()
      await expect(running).rejects.toThrow(Ledger.ImportLockLostError)
      expect((await ledger.db.selectFrom("imports").select("status").where("import_id", "=", "overtaken").executeTakeFirstOrThrow()).status).toBe("failed")
      await ledger.db.deleteFrom("import_lock").execute()
      expect(await ledger.importCaseFiles(cases, { importId: "overtaken", batchSize: 5 })).toMatchObject({ read: 20 })
    })
  })

  describe(`migrating a fresh database from several processes at once on ${dialect.name}`, () => {
    let fresh: Opened
    beforeAll(async () => {
      fresh = await dialect.create("race")
    })
    afterAll(async () => {
      await fresh?.close()
    })

    it("four processes open and migrate it together: all succeed, each migration runs once", async () => {
      const workers = Array.from({ length: 4 }, () => startWorker(["migrate", fresh.url], { stdin: true }))
      // every process has opened the database; then all migrate at the same moment
      await new Promise<void>((resolve, reject) => {
        const timer = setInterval(() => {
          if (workers.every((w) => w.out().includes("ready"))) {
            clearInterval(timer)
            resolve()
          } else if (workers.some((w) => w.child.exitCode !== null)) {
            clearInterval(timer)
            reject(new Error(`a worker exited early: ${workers.map((w) => w.err()).join(" | ")}`))
          }
        }, 5)
      })
      for (const w of workers) w.write("go\n")
      const ends = await Promise.all(workers.map((w) => w.exited))
      for (const [i, e] of ends.entries()) expect(e.code, workers[i]!.err()).toBe(0)
      // exactly one process ran the migrations; the others found nothing left to do
      const names = Object.keys(Migrations.migrations((await Ledger.make({ db: fresh.db })).flags))
      const ran = workers.map((w) => JSON.parse(/^ran (.*)$/m.exec(w.out())![1]!) as Array<string>)
      expect(ran.filter((r) => r.length > 0)).toEqual([names.map((m) => `${m} Up`)])
      const rows = await fresh.db.selectFrom("liushou_migration").select("name").execute()
      expect(rows.map((r) => r.name).sort()).toEqual(names)
    })
  })
}
