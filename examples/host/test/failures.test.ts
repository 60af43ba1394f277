/**
 * Clean failures on the command line: a database that is unavailable or goes away (69), a full
 * disk (74), a busy database and another import running (75), each one line naming the cause
 * with the password masked, and a rerun of the same command resuming the work. Faults are real:
 * PostgreSQL backends terminated under a running import, a SQLite file on a full filesystem,
 * locks held by another connection, imports in separate processes, one killed with SIGKILL.
 */
import { spawn, spawnSync } from "node:child_process"
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { syntheticPopulation } from "@liushou/testkit"
import Database from "better-sqlite3"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { classify, EXIT } from "../src/failures.js"
import { cli, tempDir } from "./host-support.js"
import { DIALECTS, PG_URL, pg, type TestDialect } from "@liushou/test-databases"

const ROOT = join(import.meta.dirname, "..", "..", "..")
const N = 1500
const BATCH = 25
const AS_OF = "2021-06-30"
const dir = tempDir("liushou-failures-")
const INPUT = join(dir, "cases.jsonl")
writeFileSync(INPUT, syntheticPopulation(N, { region: "430121", seed: 31, asOf: AS_OF }).map((c) => JSON.stringify(c)).join("\n") + "\n")
const SMALL = join(dir, "small.jsonl")
writeFileSync(SMALL, syntheticPopulation(5, { region: "430181", seed: 32, asOf: AS_OF }).map((c) => JSON.stringify(c)).join("\n") + "\n")

const NODE_ARGS = ["--import", "tsx", "--conditions=@liushou/source", join(ROOT, "examples/host/src/bin.ts")]

/** Runs `liushou` in a child process; `onProgress` is called once, at the first progress line. */
const liushou = (args: ReadonlyArray<string>, onProgress?: (child: ReturnType<typeof spawn>) => void): Promise<{ code: number | null; signal: NodeJS.Signals | null; out: string; err: string }> =>
  new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [...NODE_ARGS, ...args], { cwd: ROOT, stdio: ["ignore", "pipe", "pipe"] })
    let out = ""
    let err = ""
    let called = false
    child.stdout!.on("data", (d: Buffer) => (out += d.toString()))
    child.stderr!.on("data", (d: Buffer) => {
      err += d.toString()
      if (!called && onProgress !== undefined && /^import: [\d,]+\/[\d,]+ \(\d+%\)/m.test(err)) {
        called = true
        onProgress(child)
      }
    })
    child.on("error", reject)
    child.on("close", (code, signal) => resolve({ code, signal, out, err }))
  })

/** The last line of stderr (progress lines come before it). */
const lastLine = (err: string): string => err.trimEnd().split("\n").at(-1) ?? ""

const admin = async <A>(url: string, f: (c: pg.Client) => Promise<A>): Promise<A> => {
  const c = new pg.Client({ connectionString: url })
  await c.connect()
  try {
    return await f(c)
  } finally {
    await c.end().catch(() => undefined)
  }
}

const importState = async (db: TestDialect["name"], url: string): Promise<{ elders: number; status: string }> => {
  if (db === "sqlite") {
    const s = new Database(url, { readonly: true })
    try {
      return { elders: (s.prepare("select count(*) as n from elders").get() as { n: number }).n, status: (s.prepare("select status from imports order by started_at desc limit 1").get() as { status: string }).status }
    } finally {
      s.close()
    }
  }
  return admin(url, async (c) => ({
    elders: Number((await c.query("select count(*) as n from elders")).rows[0].n),
    status: (await c.query("select status from imports order by started_at desc limit 1")).rows[0].status as string
  }))
}

describe("exit codes", () => {
  it("are distinct for each cause, and none is 1 (rows rejected) or 70 (internal error)", () => {
    const codes = [EXIT.unavailable, EXIT.diskFull, EXIT.busy]
    expect(new Set(codes).size).toBe(3)
    for (const c of codes) expect([EXIT.ok, EXIT.rejected, EXIT.usage, EXIT.internal, EXIT.interrupted]).not.toContain(c)
  })

  it("name the cause from the driver's error code, also when a migration error wraps it; other errors are bugs (undefined)", () => {
    const wrapped = (cause: object) => Object.assign(new Error("ledger migration (none) failed"), { cause })
    expect(classify(Object.assign(new Error("could not extend file: No space left on device"), { code: "53100" }), "db")).toMatchObject({ code: 74, kind: "disk-full" })
    expect(classify(wrapped(Object.assign(new Error("database or disk is full"), { code: "SQLITE_FULL" })), "db")).toMatchObject({ code: 74 })
    expect(classify(Object.assign(new Error("write"), { code: "ENOSPC" }), undefined)).toMatchObject({ code: 74 })
    expect(classify(Object.assign(new Error("database is locked"), { code: "SQLITE_BUSY" }), "db")).toMatchObject({ code: 75, kind: "busy" })
    expect(classify(Object.assign(new Error("canceling statement due to lock timeout"), { code: "55P03" }), "db")).toMatchObject({ code: 75, kind: "busy" })
    expect(classify(Object.assign(new Error("terminating connection due to administrator command"), { code: "57P01" }), "db")).toMatchObject({ code: 69, kind: "unavailable" })
    expect(classify(wrapped(Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:1"), { code: "ECONNREFUSED" })), "db")).toMatchObject({ code: 69 })
    expect(classify(new Error("Connection terminated unexpectedly"), "db")).toMatchObject({ code: 69 })
    expect(classify(Object.assign(new Error("password authentication failed"), { code: "28P01" }), "db")).toBeUndefined()
    expect(classify(new TypeError("x is undefined"), "db")).toBeUndefined()
    // a URL in a driver's message keeps its password masked
    expect(classify(Object.assign(new Error("cannot reach postgres://app:hunter2secret@db.example/ledger"), { code: "ECONNRESET" }), "db")!.message.en).not.toContain("hunter2secret")
  })
})

describe("a database that is unavailable", () => {
  it("SQLite: a file that cannot be opened is exit 69, one line", async () => {
    const d = tempDir()
    mkdirSync(join(d, "ledger.db"))
    const r = await cli(d, "import", ["--lang", "en", "--input", SMALL, "--db", join(d, "ledger.db")])
    expect(r.code).toBe(69)
    expect(r.err.trim().split("\n")).toHaveLength(1)
    expect(r.err).toContain("unable to open database file")
  })

  it("PostgreSQL: a server that refuses the connection is exit 69, one line, the password masked", async () => {
    const r = await cli(tempDir(), "import", ["--lang", "en", "--input", SMALL, "--db", "postgres://postgres:hunter2secret@127.0.0.1:1/liushou"])
    expect(r.code).toBe(69)
    expect(r.err.trim().split("\n")).toHaveLength(1)
    expect(r.err).toContain("the database is unavailable or went away")
    expect(r.err).toContain("ECONNREFUSED")
    expect(r.err).not.toContain("hunter2secret")
    expect(r.err).toContain("postgres:***@127.0.0.1:1")
  })
})

for (const dialect of DIALECTS) {
  describe(`failures during an import on ${dialect.name}`, () => {
    let opened: { url: string; close: () => Promise<void> }
    beforeAll(async () => {
      opened = await dialect.fresh("fail")
      // the ledger exists (migrated) before the faults
      expect((await cli(dir, "import", ["--lang", "en", "--input", SMALL, "--db", opened.url, "--import-id", "setup"])).code).toBe(0)
    })
    afterAll(async () => {
      await opened?.close()
    })

    it("another import on the same ledger is refused (exit 75) while one runs in another process; after that one is killed with SIGKILL, the rerun takes its lock over and completes", async () => {
      let second: Awaited<ReturnType<typeof cli>> | undefined
      let secondDone!: Promise<void>
      const first = await liushou(["import", "--lang", "en", "--input", INPUT, "--db", opened.url, "--batch", String(BATCH), "--progress-every", "0"], (child) => {
        secondDone = (async () => {
          second = await cli(dir, "import", ["--lang", "en", "--input", SMALL, "--db", opened.url, "--import-id", "second"])
          child.kill("SIGKILL")
        })()
      })
      await secondDone
      expect(first.signal).toBe("SIGKILL")
      expect(second!.code).toBe(75)
      expect(second!.err.trim().split("\n")).toHaveLength(1)
      expect(second!.err).toMatch(/another import is running on this ledger: import "file:.*cases\.jsonl@\d+:\d+" \(process \d+ on /)
      expect(second!.err).toContain("另一个导入正在运行")
      const rerun = await cli(dir, "import", ["--lang", "en", "--input", INPUT, "--db", opened.url])
      expect(rerun.code, rerun.err).toBe(0)
      expect(rerun.err).toMatch(/took over a stale import lock: import "file:.*" \(process \d+ on .*, the process is gone\)/)
      expect(await importState(dialect.name, opened.url)).toEqual({ elders: N + 5, status: "done" })
    })

    it("a busy database (a lock held past the wait) is exit 75, one line; the rerun completes", async () => {
      const more = join(dir, `busy-${dialect.name}.jsonl`)
      writeFileSync(more, syntheticPopulation(40, { region: "430124", seed: 33, asOf: AS_OF }).map((c) => JSON.stringify(c)).join("\n") + "\n")
      let r: Awaited<ReturnType<typeof cli>>
      if (dialect.name === "sqlite") {
        const holder = new Database(opened.url)
        holder.exec("begin immediate")
        try {
          r = await cli(dir, "import", ["--lang", "en", "--input", more, "--db", `sqlite:${opened.url}?busy_timeout=50`])
        } finally {
          holder.exec("rollback")
          holder.close()
        }
      } else {
        const c = new pg.Client({ connectionString: opened.url })
        await c.connect()
        await c.query("begin")
        await c.query("lock table elders in access exclusive mode")
        try {
          const u = new URL(opened.url)
          u.searchParams.set("options", "-c lock_timeout=300")
          r = await cli(dir, "import", ["--lang", "en", "--input", more, "--db", u.toString()])
        } finally {
          await c.query("rollback")
          await c.end()
        }
      }
      expect(r.code, r.err).toBe(75)
      expect(lastLine(r.err)).toMatch(/^liushou import: the database is busy \(.*\): .*(database is locked|lock timeout)/)
      const rerun = await cli(dir, "import", ["--lang", "en", "--input", more, "--db", opened.url])
      expect(rerun.code, rerun.err).toBe(0)
      expect(rerun.out).toContain("40 stored")
    })

    if (dialect.name === "postgres") {
      it("PostgreSQL going away under a running import is exit 69, one line, the password masked; the rerun resumes it", async () => {
        const name = new URL(opened.url).pathname.slice(1)
        const input = join(dir, "gone.jsonl")
        writeFileSync(input, syntheticPopulation(N, { region: "430182", seed: 34, asOf: AS_OF }).map((c) => JSON.stringify(c)).join("\n") + "\n")
        const r = await liushou(["import", "--lang", "en", "--input", input, "--db", opened.url, "--batch", String(BATCH), "--progress-every", "0"], () => {
          void admin(PG_URL, (c) => c.query("select pg_terminate_backend(pid) from pg_stat_activity where datname = $1 and pid <> pg_backend_pid()", [name]))
        })
        expect(r.code, r.err).toBe(69)
        expect(lastLine(r.err)).toMatch(/^liushou import: the database is unavailable or went away \(PostgreSQL at postgres:\/\/postgres:\*\*\*@.*\): .*(terminat|[Cc]onnection)/)
        expect(r.err).not.toMatch(/postgres:postgres@/)
        expect(r.err).not.toContain("internal error")
        const rerun = await cli(dir, "import", ["--lang", "en", "--input", input, "--db", opened.url])
        expect(rerun.code, rerun.err).toBe(0)
        expect(rerun.out).toMatch(/\d+ stored, 0 updated, \d+ unchanged, 0 rejected/)
        const stored = await admin(opened.url, async (c) => Number((await c.query("select count(*) as n from elders where region_code like '430182%'")).rows[0].n))
        expect(stored).toBe(N)
      })
    }
  })
}

describe("a full disk", () => {
  // a filesystem of its own, in a private mount namespace (nothing outside the child sees it)
  it("SQLite on a full filesystem: the import ends with exit 74 and one line; after space is freed the rerun completes it", () => {
    const mount = mkdtempSync(join(tmpdir(), "liushou-full-"))
    const db = join(mount, "ledger.db")
    const node = [process.execPath, ...NODE_ARGS].map((a) => `'${a}'`).join(" ")
    const script = [
      `mount -t tmpfs -o size=1200k tmpfs '${mount}'`,
      `${node} import --lang en --input '${INPUT}' --db '${db}' --batch ${BATCH} --progress-every 0 2>'${mount}/err1'; echo "first=$?"`,
      `tail -n 1 '${mount}/err1'`,
      `mount -o remount,size=256m '${mount}'`,
      `${node} import --lang en --input '${INPUT}' --db '${db}' 2>&1 | tail -n 3; echo "second=$?"`,
      `${node} import --lang en --input '${INPUT}' --db '${db}' >/dev/null 2>&1; echo "third=$?"`
    ].join("\n")
    const r = spawnSync("unshare", ["-m", "sh", "-c", script], { cwd: ROOT, encoding: "utf8", timeout: 240_000 })
    expect(r.error, "unshare -m (a private mount namespace) needs root").toBeUndefined()
    expect(r.stderr).toBe("")
    expect(r.stdout).toContain("first=74")
    expect(r.stdout).toMatch(/liushou import: the disk is full \(SQLite file .*\): database or disk is full; free space and rerun the same command/)
    expect(r.stdout).toMatch(/\d+ stored, 0 updated, \d+ unchanged, 0 rejected/)
    expect(r.stdout).toContain("third=0")
  }, 300_000)
})
