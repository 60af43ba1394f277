import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { Ledger } from "../src/index.js"
import { population } from "./support/arbitraries.js"
import { startWorker } from "./support/workers.js"
import { DIALECTS, type Opened } from "@liushou/test-databases"
import { engine } from "./support/policy.js"

/** Runs a worker, kills it with SIGKILL once it has reported `after` progress lines. */
const killMidway = async (args: ReadonlyArray<string>, after: number) => {
  const w = startWorker(args)
  await new Promise<void>((resolve, reject) => {
    const timer = setInterval(() => {
      if (w.lines().filter((l) => l.startsWith("progress")).length >= after) {
        clearInterval(timer)
        w.child.kill("SIGKILL")
        resolve()
      }
      if (w.child.exitCode !== null) {
        clearInterval(timer)
        reject(new Error(`worker exited before it could be killed: ${w.lines().join(" | ")} ${w.err()}`))
      }
    }, 5)
  })
  const { signal } = await w.exited
  expect(signal).toBe("SIGKILL")
  expect(w.lines()).not.toContain("done")
}

const count = async (ledger: Ledger.Ledger, table: string): Promise<number> =>
  Number((await ledger.db.selectFrom(table as never).select((eb) => eb.fn.countAll().as("n")).executeTakeFirstOrThrow() as { n: unknown }).n)

const N = 2500
const BATCH = 100

for (const dialect of DIALECTS) {
  describe(`crash safety and concurrency on ${dialect.name}`, () => {
    let opened: Opened
    let ledger: Ledger.Ledger
    beforeAll(async () => {
      opened = await dialect.create("crash")
      ledger = await Ledger.make({ db: opened.db })
      await ledger.migrateToLatest()
    })
    afterAll(async () => {
      await opened?.close()
    })

    it("an import killed with SIGKILL leaves whole elders only; rerunning completes it without duplicates", async () => {
      await killMidway(["import", opened.url, String(N), String(BATCH)], 3)
      const before = await count(ledger, "elders")
      expect(before).toBeGreaterThan(0)
      expect(before).toBeLessThan(N)
      expect(before % BATCH).toBe(0)
      // every stored elder is whole: its child rows agree with its case file
      const rows = await ledger.db.selectFrom("elders").select(["elder_id", "case_file"]).execute()
      const supporters = new Map<string, number>()
      for (const s of await ledger.db.selectFrom("supporters").select(["elder_id"]).execute()) supporters.set(s.elder_id, (supporters.get(s.elder_id) ?? 0) + 1)
      for (const r of rows) expect(supporters.get(r.elder_id) ?? 0).toBe(JSON.parse(r.case_file).supporters.length)
      expect(await count(ledger, "elder_history")).toBe(before)

      const result = await ledger.importCaseFiles(population(N), { importId: "crash", batchSize: BATCH })
      expect(result).toMatchObject({ stored: N - before, unchanged: before, updated: 0, rejected: 0 })
      expect(await count(ledger, "elders")).toBe(N)
      expect(await count(ledger, "elder_history")).toBe(N)
      const imports = await ledger.db.selectFrom("imports").selectAll().execute()
      expect(imports.map((i) => [i.import_id, i.status])).toEqual([["crash", "done"]])
    })

    it("an assessment killed with SIGKILL resumes: no elder evaluated twice, none missed", async () => {
      await killMidway(["assess", opened.url, "2019-06-30", "100"], 2)
      const before = await count(ledger, "evaluations")
      expect(before).toBeGreaterThan(0)
      expect(before).toBeLessThan(N)
      expect(before % 100).toBe(0)
      const result = await ledger.assess(engine(), "2019-06-30", { batchSize: 500 })
      expect(result).toMatchObject({ evaluated: N - before, skipped: before, failed: 0 })
      expect(await count(ledger, "evaluations")).toBe(N)
      expect(await count(ledger, "elder_status")).toBe(N)
    })

    it("four processes recording 10 visits each for the same village at once lose none", async () => {
      const village = (await ledger.eldersByRegion("430121101201", { limit: 5 })).map((e) => e.elderId)
      expect(village.length).toBe(5)
      const visitsBefore = await count(ledger, "visits")
      const auditBefore = await count(ledger, "audit_log")
      const workers = Array.from({ length: 4 }, (_, i) => startWorker(["visits", opened.url, village.join(","), "10", `w${i}`]))
      const exits = await Promise.all(workers.map((w) => w.exited))
      for (const [i, e] of exits.entries()) expect(e.code, workers[i]!.err()).toBe(0)
      expect(await count(ledger, "visits")).toBe(visitsBefore + 40)
      expect(await count(ledger, "audit_log")).toBe(auditBefore + 40)
      for (const id of village) {
        const h = await ledger.history(id)
        expect(h.map((r) => r.revision)).toEqual(h.map((_, i) => i + 1))
        const current = h.at(-1)!.caseFile
        const rows = await ledger.db.selectFrom("visits").select(["seq"]).where("elder_id", "=", id).orderBy("seq").execute()
        expect(rows.map((r) => r.seq)).toEqual(current.visits.map((_, i) => i))
        expect(h.filter((r) => r.change === "visit-recorded").length).toBe(8)
      }
    })
  })
}
