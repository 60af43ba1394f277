/**
 * `liushou serve --workers N`: N worker processes share one port, each with its own ledger
 * connection. Concurrent county reads and visit writes from many connections are all answered and
 * no write is lost; a worker killed while serving is replaced; Ctrl-C (SIGINT to the process group) stops every process after
 * the requests it took are answered.
 * On both databases, with the real CLI in a child process (a worker is the same program forked).
 */
import { type ChildProcess, execFileSync, spawn } from "node:child_process"
import { rmSync, writeFileSync } from "node:fs"
import { join } from "node:path"
import { syntheticPopulation } from "@liushou/testkit"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { defaultWorkers } from "../src/api/Workers.js"
import { openLedger } from "../src/db.js"
import { cli, tempDir } from "./host-support.js"
import { DIALECTS } from "@liushou/test-databases"

const ROOT = join(import.meta.dirname, "..", "..", "..")
const NODE_ARGS = ["--import", "tsx", "--conditions=@liushou/source", join(ROOT, "examples/host/src/bin.ts")]
const AS_OF = "2021-06-30"
const TOKEN = "tok-county-officer-workers-01"
const cases = syntheticPopulation(30, { region: "430121", seed: 41, asOf: AS_OF })

/** the worker processes of a primary (its node children) */
const workersOf = (pid: number): Array<number> => {
  try {
    return execFileSync("pgrep", ["-P", String(pid), "-f", "bin.ts serve"], { encoding: "utf8" }).split("\n").filter((s) => s !== "").map(Number)
  } catch {
    return []
  }
}

const alive = (pid: number): boolean => {
  try {
    process.kill(pid, 0)
    return true
  } catch {
    return false
  }
}

const waitFor = async (what: string, check: () => boolean, ms = 90_000): Promise<void> => {
  const until = Date.now() + ms
  while (!check()) {
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`)
    await new Promise((r) => setTimeout(r, 100))
  }
}

describe("serve --workers on the command line", () => {
  it("refuses a count that is not a whole number from 1 to 64, and workers over a database in memory", async () => {
    const dir = tempDir("liushou-workers-usage-")
    for (const bad of ["0", "abc", "1.5", "65"]) {
      const r = await cli(dir, "serve", ["--workers", bad, "--db", `sqlite:${join(dir, "x.db")}`, "--port", "0", "--lang", "en"])
      expect(r.code).toBe(2)
      expect(r.err).toContain("--workers must be a whole number from 1 to 64")
    }
    const memory = await cli(dir, "serve", ["--workers", "2", "--db", "sqlite::memory:", "--port", "0", "--lang", "en"])
    expect(memory.code).toBe(2)
    expect(memory.err).toContain("a database in memory belongs to one process")
  })

  it("defaults to one worker per core, at most 8", () => {
    expect(defaultWorkers()).toBeGreaterThanOrEqual(1)
    expect(defaultWorkers()).toBeLessThanOrEqual(8)
  })

  it("stops when no worker could start, but once serving, tries a replacement that cannot start (or dies soon after) again with back-off while the other serves", async () => {
    const dir = tempDir("liushou-workers-retry-")
    const refuse = join(dir, "refuse")
    const crash = join(dir, "crash")
    const script = join(ROOT, "examples/host/test/support/workers-retry.ts")
    const run = (): { child: ChildProcess; out: () => string; err: () => string; exited: Promise<number | null> } => {
      const child = spawn(process.execPath, ["--import", "tsx", "--conditions=@liushou/source", script], { cwd: ROOT, stdio: ["ignore", "pipe", "pipe"], env: { ...process.env, LIUSHOU_TEST_REFUSE: refuse, LIUSHOU_TEST_CRASH: crash } })
      let out = ""
      let err = ""
      child.stdout!.on("data", (d: Buffer) => (out += d.toString()))
      child.stderr!.on("data", (d: Buffer) => (err += d.toString()))
      return { child, out: () => out, err: () => err, exited: new Promise((resolve) => child.once("exit", (code) => resolve(code))) }
    }
    const serving = (pid: number): Array<number> => {
      try {
        return execFileSync("pgrep", ["-P", String(pid)], { encoding: "utf8" }).split("\n").filter((s) => s !== "").map(Number)
      } catch {
        return []
      }
    }
    // the service never came up: the primary stops and says why
    writeFileSync(refuse, "")
    const never = run()
    expect(await never.exited).not.toBe(0)
    expect(never.err()).toContain("before it listened")
    expect(never.out()).not.toContain("listening")
    rmSync(refuse)
    // serving: a killed worker's replacement is refused three times, then starts
    const up = run()
    try {
      await waitFor("the service to listen", () => /127\.0\.0\.1:(\d+)/.test(up.out()))
      const port = Number(/127\.0\.0\.1:(\d+)/.exec(up.out())![1])
      // both workers listening (a worker still starting when the refusals begin would be refused too)
      const listening = (): Array<number> => [...up.err().matchAll(/worker (\d+) listens/g)].map((m) => Number(m[1]))
      await waitFor("two workers listening", () => listening().length === 2)
      const [first, second] = listening()
      writeFileSync(refuse, "")
      process.kill(first!, "SIGKILL")
      await waitFor("three refused starts", () => (up.err().match(/before it listened; trying again in/g) ?? []).length >= 3)
      expect(up.err()).toContain("trying again in 1 s")
      expect(up.err()).toContain("trying again in 2 s")
      expect(up.child.exitCode).toBeNull()
      // the other worker serves all the while
      expect(await (await fetch(`http://127.0.0.1:${port}/`)).text()).toBe(String(second))
      rmSync(refuse)
      await waitFor("a replacement to serve", () => listening().length === 3 && serving(up.child.pid!).length === 2 && !serving(up.child.pid!).includes(first!))
      // replacements that die soon after they begin to serve are retried with back-off too
      const third = serving(up.child.pid!).find((pid) => pid !== second)!
      // once it has served for the stable period (3 s here), its death is replaced at once and the waits start over
      await new Promise((r) => setTimeout(r, 3500))
      writeFileSync(crash, "")
      process.kill(third, "SIGKILL")
      const soon = (): Array<string> => [...up.err().matchAll(/exited \(3\) soon after it began serving; trying again in (\d+) s/g)].map((m) => m[1]!)
      await waitFor("three replacements dying soon after they serve", () => soon().length >= 3)
      expect(up.err()).toContain(`worker ${third} exited (SIGKILL); started another`)
      expect(soon().slice(0, 3)).toEqual(["1", "2", "2"])
      expect(await (await fetch(`http://127.0.0.1:${port}/`)).text()).toBe(String(second))
      rmSync(crash)
      const before = listening().length
      await waitFor("a replacement that stays", () => listening().length > before && serving(up.child.pid!).length === 2)
      const fourth = listening().at(-1)!
      await new Promise((r) => setTimeout(r, 3500))
      process.kill(fourth, "SIGKILL")
      await waitFor("an immediate replacement", () => up.err().includes(`worker ${fourth} exited (SIGKILL); started another`))
      up.child.kill("SIGTERM")
      expect(await up.exited).toBe(0)
    } finally {
      if (up.child.exitCode === null) up.child.kill("SIGKILL")
    }
  }, 180_000)
})

for (const dialect of DIALECTS) {
  describe(`serve --workers 2 on ${dialect.name}`, () => {
    let db: { url: string; close: () => Promise<void> }
    let child: ChildProcess
    let port = 0
    let out = ""
    let err = ""
    let exited: Promise<number | null>
    const dir = tempDir("liushou-workers-")

    beforeAll(async () => {
      db = await dialect.fresh("workers")
      const opened = await openLedger(db.url, dir)
      await opened.ledger.importCaseFiles(cases, { actor: "test" })
      await opened.close()
      writeFileSync(join(dir, "config.json"), JSON.stringify({ users: [{ name: "county-1", role: "officer", region: "430121", token: TOKEN }] }))
      child = spawn(process.execPath, [...NODE_ARGS, "serve", "--workers", "2", "--port", "0", "--db", db.url, "--config", join(dir, "config.json"), "--lang", "en"], { cwd: ROOT, stdio: ["ignore", "pipe", "pipe"], detached: true })
      exited = new Promise((resolve) => child.once("exit", (code) => resolve(code)))
      child.stdout!.on("data", (d: Buffer) => (out += d.toString()))
      child.stderr!.on("data", (d: Buffer) => (err += d.toString()))
      await waitFor("the API to listen", () => {
        if (child.exitCode !== null) throw new Error(`serve exited with ${child.exitCode}: ${err}`)
        return /127\.0\.0\.1:(\d+)/.test(out)
      })
      port = Number(/127\.0\.0\.1:(\d+)/.exec(out)![1])
    }, 180_000)
    afterAll(async () => {
      if (child !== undefined && child.exitCode === null) {
        for (const w of workersOf(child.pid!)) process.kill(w, "SIGKILL")
        child.kill("SIGKILL")
      }
      await db?.close()
    })

    const call = (method: string, path: string, body?: unknown) =>
      fetch(`http://127.0.0.1:${port}${path}`, {
        method,
        headers: { authorization: `Bearer ${TOKEN}`, ...(body === undefined ? {} : { "content-type": "application/json" }) },
        ...(body === undefined ? {} : { body: JSON.stringify(body) })
      })

    it("says how many workers serve, and two processes serve one port", async () => {
      expect(out).toContain("2 worker processes")
      await waitFor("two workers", () => workersOf(child.pid!).length === 2)
      expect((await call("GET", "/v1/visits-due?region=430121&dueBy=2021-07-31&limit=100")).status).toBe(200)
    })

    it("answers concurrent county reads and visit writes from 40 connections, losing no visit", async () => {
      const ids = cases.slice(0, 10).map((c) => c.elder.id)
      const requests = Array.from({ length: 80 }, (_, i) =>
        i % 2 === 0
          ? call("POST", `/v1/elders/${ids[i % ids.length]}/visits`, { date: `2021-07-${String(1 + (i % 28)).padStart(2, "0")}`, mode: "phone", by: "township", concerns: [] })
          : call("GET", i % 4 === 1 ? "/v1/visits-due?region=430121&dueBy=2021-07-31&limit=100" : "/v1/assessments-due?region=430121&dueBy=2021-07-31&limit=100")
      )
      const answers = await Promise.all(requests)
      expect(answers.map((r) => r.status).sort()).toEqual([...Array(40).fill(200), ...Array(40).fill(201)])
      const opened = await openLedger(db.url, dir)
      try {
        let visits = 0
        for (const id of ids) visits += (await opened.ledger.elder(id, { region: "430121" }))!.caseFile.visits.length
        const before = cases.slice(0, 10).reduce((n, c) => n + c.visits.length, 0)
        expect(visits - before).toBe(40)
      } finally {
        await opened.close()
      }
    })

    it("replaces a worker killed while serving, and Ctrl-C (SIGINT to the whole process group) stops every process after its requests", async () => {
      // both workers serving (one still starting has taken no request and is not replaced but retried)
      const serving = (): Array<number> => [...err.matchAll(/worker (\d+) serving/g)].map((m) => Number(m[1]))
      await waitFor("both workers serving", () => workersOf(child.pid!).length === 2 && workersOf(child.pid!).every((w) => serving().includes(w)))
      const [first, second] = workersOf(child.pid!)
      process.kill(first!, "SIGKILL")
      await waitFor("a replacement worker", () => {
        const now = workersOf(child.pid!)
        // replaced at once, or after 1 s when it had served for less than 10 s (as if it had failed to start)
        return now.length === 2 && !now.includes(first!) && (err.includes(`worker ${first} exited (SIGKILL); started another`) || err.includes(`worker ${first} exited (SIGKILL) soon after it began serving; trying again in 1 s`))
      })
      expect((await call("GET", "/v1/visits-due?region=430121&dueBy=2021-07-31&limit=100")).status).toBe(200)
      const workers = workersOf(child.pid!)
      expect(workers).toContain(second)
      // stopped while answering: every request it took is answered (none from a closed ledger)
      const ids = cases.slice(10, 20).map((c) => c.elder.id)
      const inFlight = Array.from({ length: 20 }, (_, i) =>
        i % 2 === 0 ? call("POST", `/v1/elders/${ids[i % ids.length]}/visits`, { date: "2021-07-10", mode: "home", by: "township", concerns: [] }) : call("GET", "/v1/visits-due?region=430121&dueBy=2021-07-31&limit=100")
      )
      await new Promise((r) => setTimeout(r, 20))
      // as a terminal's Ctrl-C does: the primary and every worker get SIGINT, then each worker the
      // primary's SIGTERM, which must not cut it off while it finishes its requests
      process.kill(-child.pid!, "SIGINT")
      const settled = await Promise.allSettled(inFlight)
      const answered = settled.flatMap((r) => (r.status === "fulfilled" ? [r.value.status] : []))
      expect(answered.filter((status) => status >= 500)).toEqual([])
      expect(await exited).toBe(0)
      expect(err).not.toContain("internal error")
      await waitFor("the workers to exit", () => workers.every((w) => !alive(w)), 30_000)
    })
  })
}
