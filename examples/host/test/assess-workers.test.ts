/**
 * `liushou assess --workers N`: N processes share one assessment run through the database. With
 * the real CLI in a child process: one of three workers killed with SIGKILL mid-run loses
 * nothing (its open batch goes to the others) and nothing is evaluated twice; Ctrl-C (SIGINT to
 * the process group) stops every worker after its batch and the same command resumes; the totals
 * are the run's, read from the database; the run's audit entry names the workers. SQLite, whose
 * single writer would make its workers take turns, refuses more than one.
 */
import { type ChildProcess, spawn } from "node:child_process"
import { join } from "node:path"
import { syntheticPopulation } from "@liushou/testkit"
import { DIALECTS } from "@liushou/test-databases"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { openLedger } from "../src/db.js"
import { cli, tempDir } from "./host-support.js"

const ROOT = join(import.meta.dirname, "..", "..", "..")
const NODE_ARGS = ["--import", "tsx", "--conditions=@liushou/source", join(ROOT, "examples/host/src/bin.ts")]
const AS_OF = "2021-06-30"
const N = 1500
const cases = syntheticPopulation(N, { region: "430121", seed: 43, asOf: AS_OF })

const waitFor = async (what: string, check: () => boolean | Promise<boolean>, ms = 120_000): Promise<void> => {
  const until = Date.now() + ms
  while (!(await check())) {
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`)
    await new Promise((r) => setTimeout(r, 50))
  }
}

/** the CLI in a child process of its own group (Ctrl-C reaches the group), its output collected */
const run = (args: ReadonlyArray<string>): { child: ChildProcess; out: () => string; err: () => string; exited: Promise<number | null> } => {
  const child = spawn(process.execPath, [...NODE_ARGS, ...args], { cwd: ROOT, stdio: ["ignore", "pipe", "pipe"], detached: true })
  let out = ""
  let err = ""
  child.stdout!.on("data", (d: Buffer) => (out += d.toString()))
  child.stderr!.on("data", (d: Buffer) => (err += d.toString()))
  return { child, out: () => out, err: () => err, exited: new Promise((resolve) => child.once("exit", (code) => resolve(code))) }
}

/** the worker pids the starting process named */
const started = (err: string): Array<number> => [...err.matchAll(/worker (\d+) started/g)].map((m) => Number(m[1]))

describe("assess --workers on the command line", () => {
  it("refuses a count that is not a whole number from 1 to 64, and workers over a database in memory", async () => {
    const dir = tempDir("liushou-assess-workers-usage-")
    for (const bad of ["0", "abc", "1.5", "65"]) {
      const r = await cli(dir, "assess", ["--as-of", AS_OF, "--workers", bad, "--db", `sqlite:${join(dir, "x.db")}`, "--lang", "en"])
      expect(r.code).toBe(2)
      expect(r.err).toContain("--workers must be a whole number from 1 to 64")
    }
    const zh = await cli(dir, "assess", ["--as-of", AS_OF, "--workers", "0", "--db", `sqlite:${join(dir, "x.db")}`])
    expect(zh.err).toContain("--workers 应为 1 到 64 的整数")
    const memory = await cli(dir, "assess", ["--as-of", AS_OF, "--workers", "1", "--db", "sqlite::memory:", "--lang", "en"])
    expect(memory.code).toBe(2)
    expect(memory.err).toContain("a database in memory belongs to one process")
  })

  it("says what --workers does in its help, in both languages", async () => {
    const dir = tempDir("liushou-assess-workers-help-")
    const en = await cli(dir, "assess", ["--help", "--lang", "en"])
    expect(en.out).toContain("[--workers N]")
    expect(en.out).toContain("same --run-id on other machines")
    const zh = await cli(dir, "assess", ["--help"])
    expect(zh.out).toContain("以相同 --run-id 运行同一命令即可加入")
  })
})

for (const dialect of DIALECTS) {
  describe(`assess --workers on ${dialect.name}`, () => {
    let db: { url: string; close: () => Promise<void> }
    const dir = tempDir("liushou-assess-workers-")
    const children: Array<ChildProcess> = []

    beforeAll(async () => {
      db = await dialect.fresh("assessworkers")
      const opened = await openLedger(db.url, dir)
      await opened.ledger.importCaseFiles(cases, { actor: "test" })
      await opened.close()
    }, 180_000)
    afterAll(async () => {
      for (const c of children) if (c.exitCode === null && c.signalCode === null) process.kill(-c.pid!, "SIGKILL")
      await db?.close()
    })

    /** the run's rows: every elder's count of evaluations and failures in the run */
    const rowsOf = async (runId: string): Promise<{ readonly rows: number; readonly elders: number; readonly twice: number }> => {
      const opened = await openLedger(db.url, dir)
      try {
        const k = opened.ledger.db
        const e = await k.selectFrom("evaluations").select(["region_code", "elder_id"]).where("run_id", "=", runId).execute()
        const f = await k.selectFrom("evaluation_failures").select(["region_code", "elder_id"]).where("run_id", "=", runId).execute()
        const seen = new Map<string, number>()
        for (const r of [...e, ...f]) seen.set(`${r.region_code}|${r.elder_id}`, (seen.get(`${r.region_code}|${r.elder_id}`) ?? 0) + 1)
        return { rows: e.length + f.length, elders: seen.size, twice: [...seen.values()].filter((n) => n > 1).length }
      } finally {
        await opened.close()
      }
    }

    const evaluatedSoFar = async (runId: string): Promise<number> => {
      const opened = await openLedger(db.url, dir)
      try {
        const r = await opened.ledger.db.selectFrom("evaluations").select((eb) => eb.fn.countAll().as("n")).where("run_id", "=", runId).executeTakeFirst()
        return Number(r?.n ?? 0)
      } finally {
        await opened.close()
      }
    }

    const auditOf = async (runId: string): Promise<ReadonlyArray<Record<string, any>>> => {
      const opened = await openLedger(db.url, dir)
      try {
        const rows = await opened.ledger.db.selectFrom("audit_log").select("detail").where("action", "=", "assess.workers").where("subject", "=", runId).orderBy("id").execute()
        return rows.map((r) => JSON.parse(r.detail))
      } finally {
        await opened.close()
      }
    }

    it("refuses a run id of another date or region before any worker starts, leaving the run as it was", async () => {
      const village = cases[0]!.elder.regionCode
      const first = await cli(dir, "assess", ["--as-of", AS_OF, "--region", village, "--run-id", "kept", "--db", db.url, "--lang", "en"])
      expect(first.code, first.err).toBe(0)
      const runRow = async () => {
        const opened = await openLedger(db.url, dir)
        try {
          return await opened.ledger.db.selectFrom("assessment_runs").select(["as_of", "region_scope", "status", "evaluated"]).where("run_id", "=", "kept").executeTakeFirstOrThrow()
        } finally {
          await opened.close()
        }
      }
      const before = await runRow()
      expect(before).toMatchObject({ as_of: AS_OF, region_scope: village, status: "done" })
      const attempts: Array<[ReadonlyArray<string>, string]> = [
        [["--as-of", "2022-06-30", "--region", village, "--workers", "1", "--lang", "en"], `assessment run kept exists with as-of ${AS_OF} and region ${village}`],
        [["--as-of", AS_OF, "--workers", "1", "--lang", "en"], `assessment run kept exists with as-of ${AS_OF} and region ${village}`],
        [["--as-of", "2022-06-30", "--region", village, "--workers", "1"], `评估批次 kept 已存在（评估日期 ${AS_OF}，区划 ${village}）`],
        // one process, without --workers: the same refusal, not an internal error
        [["--as-of", "2022-06-30", "--region", village, "--lang", "en"], `assessment run kept exists with as-of ${AS_OF} and region ${village}`]
      ]
      for (const [args, says] of attempts) {
        const r = await cli(dir, "assess", [...args, "--run-id", "kept", "--db", db.url])
        expect(r.code, r.err).toBe(2)
        expect(r.err).toContain(says)
        expect(r.err).not.toMatch(/internal error|started/)
      }
      expect(await runRow()).toEqual(before)
      expect(await auditOf("kept")).toEqual([])
    }, 240_000)

    if (dialect.name === "sqlite") {
      it("refuses more than one worker (its single writer), in both languages, and runs one", async () => {
        const en = await cli(dir, "assess", ["--as-of", AS_OF, "--workers", "2", "--db", db.url, "--lang", "en"])
        expect(en.code).toBe(2)
        expect(en.err).toContain("--workers above 1 needs PostgreSQL: SQLite has a single writer")
        const zh = await cli(dir, "assess", ["--as-of", AS_OF, "--workers", "2", "--db", db.url])
        expect(zh.err).toContain("--workers 大于 1 时需要 PostgreSQL")
        const one = run(["assess", "--as-of", AS_OF, "--workers", "1", "--db", db.url, "--run-id", "one", "--batch", "100", "--lang", "en"])
        children.push(one.child)
        expect(await one.exited, one.err()).toBe(0)
        expect(one.out()).toContain(`run totals (from the database): ${N} evaluated, 0 with no policy in force, of ${N} elders`)
        expect(await rowsOf("one")).toEqual({ rows: N, elders: N, twice: 0 })
        const audit = await auditOf("one")
        expect(audit).toHaveLength(1)
        expect(audit[0]).toMatchObject({ workers: 1, evaluated: N, remaining: 0, interrupted: false })
      }, 240_000)
      return
    }

    it("three workers, one killed with SIGKILL mid-run: every elder evaluated exactly once, the totals the run's", async () => {
      const a = run(["assess", "--as-of", AS_OF, "--workers", "3", "--db", db.url, "--run-id", "killed", "--batch", "25", "--lang", "en", "--progress-every", "0"])
      children.push(a.child)
      await waitFor("three workers", () => {
        if (a.child.exitCode !== null) throw new Error(`assess exited with ${a.child.exitCode}: ${a.err()}`)
        return started(a.err()).length === 3
      })
      // once batches are being committed, but well before the end
      await waitFor("the first batches", async () => (await evaluatedSoFar("killed")) >= 50, 120_000)
      const victim = started(a.err())[1]!
      process.kill(victim, "SIGKILL")
      expect(await a.exited, a.err()).toBe(0)
      expect(a.err()).toContain(`worker ${victim} ended (SIGKILL) before it finished`)
      expect(a.out()).toContain("3 workers")
      expect(a.out()).toContain(`run totals (from the database): ${N} evaluated, 0 with no policy in force, of ${N} elders`)
      // nothing lost, nothing twice (the key forbids two rows of one elder in a run: counted anyway)
      expect(await rowsOf("killed")).toEqual({ rows: N, elders: N, twice: 0 })
      const [audit] = await auditOf("killed")
      expect(audit).toMatchObject({ asOf: AS_OF, workers: 3, evaluated: N, failed: 0, elders: N, remaining: 0, interrupted: false })
      expect(audit!.byWorker).toHaveLength(3)
      expect(audit!.byWorker.filter((w: { ended: unknown }) => w.ended === "SIGKILL")).toHaveLength(1)
      // the survivors' own counts and the killed worker's committed batches make up the run
      const survivors = audit!.byWorker.filter((w: { ended: unknown }) => w.ended === "done")
      expect(survivors).toHaveLength(2)
      const bySurvivors = survivors.reduce((n: number, w: { evaluated: number }) => n + w.evaluated, 0)
      expect(bySurvivors).toBeGreaterThan(0)
      expect(bySurvivors).toBeLessThanOrEqual(N)
      // the run is finished: a report finds it
      const opened = await openLedger(db.url, dir)
      try {
        const runRow = await opened.ledger.db.selectFrom("assessment_runs").selectAll().where("run_id", "=", "killed").executeTakeFirstOrThrow()
        expect(runRow).toMatchObject({ status: "done", evaluated: N, failed: 0 })
      } finally {
        await opened.close()
      }
    }, 300_000)

    it("Ctrl-C stops every worker after its batch; the same command resumes and evaluates nothing twice", async () => {
      const args = ["assess", "--as-of", AS_OF, "--workers", "2", "--db", db.url, "--run-id", "stopped", "--batch", "25", "--lang", "en", "--progress-every", "0"]
      const a = run(args)
      children.push(a.child)
      await waitFor("two workers", () => started(a.err()).length === 2)
      await waitFor("the first batches", async () => (await evaluatedSoFar("stopped")) >= 50, 120_000)
      // Ctrl-C in a terminal: SIGINT to the whole process group
      process.kill(-a.child.pid!, "SIGINT")
      expect(await a.exited, a.err()).toBe(130)
      expect(a.err()).toMatch(/assessment interrupted: \d+ of 1500 elders done/)
      const part = await rowsOf("stopped")
      expect(part.twice).toBe(0)
      expect(part.rows).toBeLessThan(N)
      const [first] = await auditOf("stopped")
      expect(first).toMatchObject({ workers: 2, interrupted: true, evaluated: part.rows })
      expect(first!.byWorker.every((w: { ended: unknown }) => w.ended === "interrupted")).toBe(true)
      const b = run(args)
      children.push(b.child)
      expect(await b.exited, b.err()).toBe(0)
      expect(b.out()).toContain(`run totals (from the database): ${N} evaluated, 0 with no policy in force, of ${N} elders; ${N - part.rows} done since this command started (workers on other machines included), ${part.rows} done before`)
      expect(await rowsOf("stopped")).toEqual({ rows: N, elders: N, twice: 0 })
    }, 300_000)
  })
}
