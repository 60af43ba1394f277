/**
 * Long work on the command line: `import` and `assess` report progress with counts and rate
 * (plain lines when stderr is not a terminal), stop cleanly after the current batch on Ctrl-C
 * (exit 130, whole elders only), and a rerun finishes the work without duplicates. `assess`,
 * `visits` and `replay` take their plugins and database from `--config`.
 */
import { spawn } from "node:child_process"
import { writeFileSync } from "node:fs"
import { join } from "node:path"
import { syntheticPopulation } from "@liushou/testkit"
import Database from "better-sqlite3"
import { beforeAll, describe, expect, it } from "vitest"
import { cli, tempDir } from "./host-support.js"

const ROOT = join(import.meta.dirname, "..", "..", "..")
const N = 3000
const BATCH = 50
const AS_OF = "2021-06-30"
const ELDER_TABLES = ["elders", "supporters", "delegated_carers", "visits", "risk_assessments", "elder_history"] as const

/**
 * Runs `liushou` in a child process and sends SIGINT once the first progress line appears.
 * Node loads tsx itself (`--import tsx`): the `tsx` launcher relays signals to a second process
 * and kills it when it does not answer within 30 ms, which a busy first batch can miss.
 */
const interrupted = (args: ReadonlyArray<string>): Promise<{ code: number | null; signal: NodeJS.Signals | null; out: string; err: string; sentAfter: string }> =>
  new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["--import", "tsx", "--conditions=@liushou/source", "examples/host/src/bin.ts", ...args, "--lang", "en"], { cwd: ROOT, stdio: ["ignore", "pipe", "pipe"] })
    let out = ""
    let err = ""
    let sentAfter = ""
    child.stdout.on("data", (d: Buffer) => (out += d.toString()))
    child.stderr.on("data", (d: Buffer) => {
      err += d.toString()
      if (sentAfter === "" && /^(import|assess): [\d,]+\/[\d,]+ \(\d+%\)/m.test(err)) {
        sentAfter = err
        child.kill("SIGINT")
      }
    })
    child.on("error", reject)
    child.on("close", (code, signal) => resolve({ code, signal, out, err, sentAfter }))
  })

/** Rows per table, in `db`; with `ref`, the rows of `ref` belonging to the elders stored in `db`. */
const tableCounts = (db: string, ref?: string): Record<string, number> => {
  const sqlite = new Database(db, { readonly: ref === undefined })
  try {
    if (ref !== undefined) sqlite.prepare("attach database ? as ref").run(ref)
    const out: Record<string, number> = {}
    for (const t of ELDER_TABLES) {
      const sql = ref === undefined ? `select count(*) as n from ${t}` : `select count(*) as n from ref.${t} where elder_id in (select elder_id from main.elders)`
      out[t] = (sqlite.prepare(sql).get() as { n: number }).n
    }
    return out
  } finally {
    sqlite.close()
  }
}

const scalar = (db: string, sql: string): number => {
  const sqlite = new Database(db, { readonly: true })
  try {
    return (sqlite.prepare(sql).get() as { n: number }).n
  } finally {
    sqlite.close()
  }
}

const PROGRESS_LINE = /^import: ([\d,]+)\/3,000 \(\d+%\), [\d,]+\/s, stored ([\d,]+), updated 0, unchanged ([\d,]+), rejected 0(, done)?$/

describe("long work: progress, Ctrl-C and resume", () => {
  let dir = ""
  let input = ""
  let reference = ""

  beforeAll(async () => {
    dir = tempDir("liushou-long-")
    input = join(dir, "cases.jsonl")
    // JSON Lines with a blank line in the middle (blank lines are skipped, not counted)
    const lines = syntheticPopulation(N, { region: "430121", seed: 11, asOf: AS_OF }).map((c) => JSON.stringify(c))
    lines.splice(1234, 0, "")
    writeFileSync(input, lines.join("\n") + "\n")
    reference = join(dir, "reference.db")
  })

  it("a non-terminal import writes periodic progress lines with counts and rate on stderr, the summary on stdout", async () => {
    const r = await cli(dir, "import", ["--lang", "en", "--input", input, "--db", reference, "--batch", String(BATCH * 5), "--progress-every", "0"])
    expect(r.code).toBe(0)
    expect(r.out).toContain(`${N} stored, 0 updated, 0 unchanged, 0 rejected`)
    expect(r.out).not.toMatch(/\/s/)
    const lines = r.err.split("\n").filter((l) => l !== "")
    for (const l of lines) expect(l).toMatch(PROGRESS_LINE)
    // one line per batch of 250 (every interval of 0 s has passed), then the final one
    expect(lines.length).toBeGreaterThanOrEqual(N / (BATCH * 5))
    const done = lines.map((l) => Number(PROGRESS_LINE.exec(l)![1]!.replace(/,/g, "")))
    expect(done).toEqual([...done].sort((a, b) => a - b))
    expect(lines.at(-1)).toMatch(/^import: 3,000\/3,000 \(100%\), [\d,]+\/s, stored 3,000, .*, done$/)
    expect(tableCounts(reference).elders).toBe(N)
  })

  it("Ctrl-C stops an import after the current batch (exit 130, whole elders only); the rerun stores the rest and duplicates nothing", async () => {
    const db = join(dir, "interrupted.db")
    const args = ["import", "--input", input, "--db", db, "--batch", String(BATCH), "--progress-every", "0"]
    const first = await interrupted(args)
    expect(first.sentAfter).not.toBe("")
    expect(first.code, first.err).toBe(130)
    expect(first.out).toBe("")
    expect(first.err).toContain("stopping after the current batch")
    const m = /import interrupted: (\d+) of 3000 read \((\d+) stored, 0 updated, 0 unchanged, 0 rejected\); every finished batch is saved\. Run the same command again to resume/.exec(first.err)
    expect(m, first.err).not.toBeNull()
    const stored = Number(m![2])
    expect(stored).toBe(Number(m![1]))
    expect(stored % BATCH).toBe(0)
    expect(stored).toBeGreaterThan(0)
    expect(stored).toBeLessThan(N)
    // whole elders: exactly the stored elders, each with all its rows (compared with the uninterrupted import)
    const partial = tableCounts(db)
    expect(partial.elders).toBe(stored)
    expect(partial).toEqual(tableCounts(db, reference))

    const again = await cli(ROOT, "import", ["--lang", "en", ...args.slice(1)])
    expect(again.code).toBe(0)
    expect(again.out).toContain(`${N - stored} stored, 0 updated, ${stored} unchanged, 0 rejected`)
    expect(tableCounts(db)).toEqual(tableCounts(reference))
    expect(scalar(db, "select count(distinct elder_id) as n from elders")).toBe(N)
    expect(scalar(db, "select count(*) as n from elder_history where revision > 1")).toBe(0)
  })

  it("Ctrl-C stops an assessment after the current batch (exit 130); the rerun evaluates the rest once", async () => {
    const db = join(dir, "interrupted.db")
    const args = ["assess", "--as-of", AS_OF, "--db", db, "--batch", String(BATCH), "--progress-every", "0"]
    const first = await interrupted(args)
    expect(first.sentAfter).not.toBe("")
    expect(first.code, first.err).toBe(130)
    const m = /assessment interrupted: (\d+) of 3000 elders done \((\d+) evaluated, 0 already evaluated, (\d+) with no policy in force\); every finished batch is saved\. Run the same command again to resume/.exec(first.err)
    expect(m, first.err).not.toBeNull()
    const done = Number(m![1])
    expect(done % BATCH).toBe(0)
    expect(done).toBeGreaterThan(0)
    expect(done).toBeLessThan(N)
    const stored = (): number => scalar(db, "select (select count(*) from evaluations) + (select count(*) from evaluation_failures) as n")
    expect(stored()).toBe(done)

    const again = await cli(ROOT, "assess", ["--lang", "en", ...args.slice(1)])
    expect(again.out).toContain(`assessment run ${AS_OF}@all on ${db}`)
    const counts = /(\d+) evaluated, (\d+) already evaluated in this run, (\d+) with no policy in force/.exec(again.out)
    expect(counts, again.out).not.toBeNull()
    expect(Number(counts![1]) + Number(counts![3])).toBe(N - done)
    expect(Number(counts![2])).toBe(done)
    expect(again.code).toBe(Number(counts![3]) > 0 ? 1 : 0)
    expect(stored()).toBe(N)
    expect(scalar(db, "select count(*) as n from (select distinct run_id, elder_id from evaluations)")).toBe(scalar(db, "select count(*) as n from evaluations"))
    // a third run has nothing left to do
    const third = await cli(ROOT, "assess", ["--lang", "en", ...args.slice(1)])
    expect(third.out).toContain(`0 evaluated, ${N} already evaluated in this run`)
  })
})

describe("assess, visits and replay take plugins and the database from --config", () => {
  it("the configured override governs the stored evaluations; without it, the built-ins", async () => {
    const dir = tempDir("liushou-config-")
    writeFileSync(join(dir, "cases.json"), JSON.stringify(syntheticPopulation(40, { region: "430181", seed: 3, asOf: AS_OF })))
    writeFileSync(
      join(dir, "liuyang.json"),
      JSON.stringify({
        id: "liuyang-2021",
        version: "1.0.0",
        extends: { id: "hunan-2018-30", version: "^1.0.0" },
        region: "430181",
        document: { number: "浏民发〔2021〕3号", title: { zh: "浏阳市探访实施细则", en: "Liuyang visit rules" } },
        effectiveFrom: "2021-01-01",
        effectiveUntil: "2023-08-02",
        parameters: [{ id: "hunan.visits.intervalDays", clause: "4", values: [{ from: "2021-01-01", value: { low: 60, medium: 14, high: 3 } }] }]
      })
    )
    const config = join(dir, "county.config.json")
    writeFileSync(config, JSON.stringify({ overrides: ["./liuyang.json"], database: "./county.db" }))
    const db = join(dir, "county.db")
    expect((await cli(dir, "import", ["--lang", "en", "--input", "cases.json", "--config", config])).code).toBe(0)
    expect(tableCounts(db).elders).toBe(40)

    const a = await cli(dir, "assess", ["--lang", "en", "--as-of", AS_OF, "--config", config, "--run-id", "configured"])
    expect(a.err).not.toContain("refused")
    expect(a.out).toContain("40 evaluated")
    expect(scalar(db, "select count(*) as n from evaluations where run_id = 'configured' and policy_id = 'liuyang-2021'")).toBe(40)
    const b = await cli(dir, "assess", ["--lang", "en", "--as-of", AS_OF, "--db", db, "--run-id", "builtin"])
    expect(b.out).toContain("40 evaluated")
    expect(scalar(db, "select count(*) as n from evaluations where run_id = 'builtin' and policy_id = 'hunan-2018-30'")).toBe(40)

    // replay with the configured plugins reproduces the configured run; the built-ins do not
    const same = await cli(dir, "replay", ["--lang", "en", "--config", config, "--run-id", "configured"])
    expect(same.out).toContain("replayed 40 evaluations")
    expect(same.out).toContain("40 same, 0 differ")
    expect(same.code).toBe(0)
    const other = await cli(dir, "replay", ["--lang", "en", "--db", db, "--run-id", "configured"])
    expect(other.code).toBe(1)
    expect(other.out).toContain("0 same, 40 differ")

    // visits reads the database the configuration names
    const v = await cli(dir, "visits", ["--lang", "en", "--due-by", "2022-06-30", "--config", config, "--json"])
    expect(v.code).toBe(0)
    const due = JSON.parse(v.out) as Array<{ elderId: string }>
    expect(due.length).toBeGreaterThan(0)
    expect(due.length).toBeLessThanOrEqual(40)
  })
})
