import { mkdtempSync, readFileSync, writeFileSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { connect, DIALECTS } from "@liushou/test-databases"
import { runCommand, type Io } from "../src/cli.js"
import { COMMANDS } from "../src/commands/index.js"
import { parseDbUrl } from "../src/db.js"

const fakeIo = (cwd: string) => {
  const out: Array<string> = []
  const err: Array<string> = []
  const io: Io = { out: (t) => void out.push(t), err: (t) => void err.push(t), isTTY: false, cwd }
  return { io, out: () => out.join("\n"), err: () => err.join("\n") }
}

const run = async (cwd: string, name: string, args: ReadonlyArray<string>) => {
  const command = COMMANDS.find((c) => c.name === name)!
  const f = fakeIo(cwd)
  // the assertions read the English output (the Chinese default is tested in cli-defaults.test.ts)
  const code = await runCommand(command, args.includes("--lang") ? args : [...args, "--lang", "en"], f.io)
  return { code, out: f.out(), err: f.err() }
}

describe("--db", () => {
  it("names SQLite files, sqlite: URLs and postgres:// URLs", () => {
    expect(parseDbUrl(undefined, "/w")).toEqual({ kind: "sqlite", path: "/w/liushou.db" })
    expect(parseDbUrl("sqlite:data/l.db", "/w")).toEqual({ kind: "sqlite", path: "/w/data/l.db" })
    expect(parseDbUrl("sqlite:///tmp/l.db", "/w")).toEqual({ kind: "sqlite", path: "/tmp/l.db" })
    expect(parseDbUrl("postgres://u:p@h/db", "/w")).toEqual({ kind: "postgres", url: "postgres://u:p@h/db" })
    // a server on the same machine through its Unix socket: the host is the socket's folder
    expect(parseDbUrl("postgresql://u@/db?host=/var/run/postgresql", "/w")).toEqual({ kind: "postgres", url: "postgresql://u@/db?host=/var/run/postgresql" })
    expect(() => parseDbUrl("mysql://u:secret@h/db", "/w")).toThrow(/u:\*\*\*@h/)
  })
})

for (const dialect of DIALECTS) {
  describe(`ledger commands on ${dialect.name}`, () => {
    let opened: { url: string; close: () => Promise<void> }
    let dir: string
    beforeAll(async () => {
      opened = await dialect.fresh("host")
      dir = mkdtempSync(join(tmpdir(), "liushou-host-"))
      const cases = (JSON.parse(readFileSync(join(import.meta.dirname, "..", "..", "data", "hunan-villages.json"), "utf8")) as Array<{ elder: Record<string, unknown> }>).slice(0, 40)
      writeFileSync(join(dir, "cases.json"), JSON.stringify(cases.slice(0, 20), null, 2))
      const phone = "13912345678"
      const lines = [...cases.slice(10).map((c) => JSON.stringify(c)), "", JSON.stringify({ ...cases[0], elder: { ...cases[0]!.elder, phone, birthDate: "1950-02-30" } }), "not json"]
      writeFileSync(join(dir, "cases.jsonl"), lines.join("\n") + "\n")
    })
    afterAll(async () => {
      await opened?.close()
    })

    it("import prints counts and where the rejected records went; re-import changes nothing", async () => {
      const a = await run(dir, "import", ["--input", "cases.json", "--db", opened.url])
      expect(a.code).toBe(0)
      expect(a.out).toContain("20 stored, 0 updated, 0 unchanged, 0 rejected")
      const b = await run(dir, "import", ["--input", "cases.jsonl", "--db", opened.url])
      expect(b.code).toBe(1)
      expect(b.out).toContain("20 stored, 0 updated, 10 unchanged, 2 rejected")
      expect(b.out).toContain("rejected_records where import_id =")
      expect(b.err).toContain("elder.birthDate")
      expect(b.err).not.toContain("13912345678")
      const c = await run(dir, "import", ["--input", "cases.jsonl", "--db", opened.url])
      expect(c.out).toContain("0 stored, 0 updated, 30 unchanged, 2 rejected")
    })

    it("assess stores evaluations; visits lists what is due; replay finds no difference", async () => {
      const a = await run(dir, "assess", ["--as-of", "2019-06-30", "--db", opened.url])
      expect(a.code).toBe(0)
      expect(a.out).toContain("40 evaluated, 0 already evaluated in this run, 0 with no policy in force")
      const again = await run(dir, "assess", ["--as-of", "2019-06-30", "--db", opened.url])
      expect(again.out).toContain("0 evaluated, 40 already evaluated")
      const v = await run(dir, "visits", ["--due-by", "2020-06-30", "--db", opened.url, "--json"])
      expect(v.code).toBe(0)
      const due = JSON.parse(v.out) as Array<{ regionCode: string; due: string; name: string }>
      expect(due.every((d) => d.due <= "2020-06-30" && d.name.includes("*"))).toBe(true)
      const scoped = await run(dir, "visits", ["--due-by", "2020-06-30", "--db", opened.url, "--region", "4301"])
      expect(scoped.out).toMatch(/visits due by 2020-06-30/)
      const r = await run(dir, "replay", ["--db", opened.url])
      expect(r.code).toBe(0)
      expect(r.out).toContain("replayed 40 evaluations")
      expect(r.out).toContain("0 differ")
    })

    it("replay exits 1 and names the evaluation that differs", async () => {
      const db = connect(opened.url, 1)
      try {
        const row = await db.selectFrom("evaluations").select(["region_code", "elder_id", "evaluation"]).limit(1).executeTakeFirstOrThrow()
        const e = JSON.parse(row.evaluation as string)
        e.priority.value = e.priority.value === true ? false : true
        await db.updateTable("evaluations").set({ evaluation: JSON.stringify(e) }).where("region_code", "=", row.region_code).where("elder_id", "=", row.elder_id).execute()
        const r = await run(dir, "replay", ["--db", opened.url])
        expect(r.code).toBe(1)
        expect(r.out).toContain(`elder ${row.elder_id as string}`)
        expect(r.out).toContain("priority.value")
      } finally {
        await db.destroy()
      }
    })

    it("assign names a responsible visitor and a pairing; end-assignment ends one; worklist lists the elders assigned", async () => {
      const db = connect(opened.url, 1)
      let elderId: string
      try {
        elderId = ((await db.selectFrom("elders").select("elder_id").orderBy("elder_id").limit(1).executeTakeFirstOrThrow()) as { elder_id: string }).elder_id
      } finally {
        await db.destroy()
      }
      const a = await run(dir, "assign", ["--elder", elderId, "--role", "responsible-visitor", "--person", "v-li", "--kind", "village-cadre", "--from", "2019-01-01", "--db", opened.url])
      expect(a.code).toBe(0)
      expect(a.out).toContain("assignment visitor-v-li-2019-01-01")
      const p = await run(dir, "assign", ["--elder", elderId, "--role", "pairing", "--person", "y-chen", "--kind", "younger-elder", "--from", "2019-02-01", "--id", "p1", "--db", opened.url, "--json"])
      expect(JSON.parse(p.out)).toMatchObject({ elderId, assignment: { id: "p1", role: "pairing", until: null } })
      const again = await run(dir, "assign", ["--elder", elderId, "--role", "pairing", "--person", "y-chen", "--kind", "younger-elder", "--from", "2019-02-01", "--id", "p1", "--db", opened.url])
      expect(again.code).toBe(1)
      expect(again.err).toContain("already has an assignment p1")
      const e = await run(dir, "end-assignment", ["--elder", elderId, "--id", "p1", "--until", "2019-05-31", "--db", opened.url])
      expect(e.code).toBe(0)
      const w = await run(dir, "worklist", ["--person", "v-li", "--as-of", "2019-06-30", "--db", opened.url, "--json"])
      const list = JSON.parse(w.out) as { items: Array<{ elderId: string; role: string; name: string }> }
      expect(list.items.map((x) => [x.elderId, x.role])).toEqual([[elderId, "responsible-visitor"]])
      expect(list.items[0]!.name).toContain("*")
      expect(JSON.parse((await run(dir, "worklist", ["--person", "y-chen", "--as-of", "2019-06-30", "--db", opened.url, "--json"])).out).items).toEqual([])
      expect((await run(dir, "worklist", ["--person", "y-chen", "--as-of", "2019-05-31", "--db", opened.url])).out).toContain("1 elders assigned to y-chen")
      expect((await run(dir, "assign", ["--elder", elderId, "--role", "boss", "--person", "x", "--kind", "volunteer", "--from", "2019-01-01", "--db", opened.url])).code).toBe(2)
      expect((await run(dir, "end-assignment", ["--elder", elderId, "--id", "p1", "--until", "2019-02-30", "--db", opened.url])).code).toBe(2)
    })

    it("exit-ledger and enter-ledger record leaving and coming back with a declared reason; recheck lists what to check, without exited elders", async () => {
      const db = connect(opened.url)
      let elderId: string
      try {
        elderId = ((await db.selectFrom("elders").select("elder_id").orderBy("elder_id").offset(1).limit(1).executeTakeFirstOrThrow()) as { elder_id: string }).elder_id
      } finally {
        await db.destroy()
      }
      const before = JSON.parse((await run(dir, "recheck", ["--region", "43", "--as-of", "2019-06-30", "--db", opened.url, "--json"])).out) as { villages: Array<{ elders: number; items: Array<{ elderId: string; asks: Array<string> }> }> }
      const listed = (v: typeof before) => v.villages.flatMap((x) => x.items.map((i) => i.elderId))
      // the sample case files carry no verification dates: every group is unknown, so everyone is listed
      expect(listed(before)).toContain(elderId)
      expect(before.villages.flatMap((x) => x.items).every((i) => i.asks.includes("facts.supporters"))).toBe(true)
      const bad = await run(dir, "exit-ledger", ["--elder", elderId, "--date", "2019-06-01", "--reason", "identified", "--db", opened.url])
      expect(bad.code).toBe(2)
      expect(bad.err).toContain("supporter-returned")
      const x = await run(dir, "exit-ledger", ["--elder", elderId, "--date", "2019-06-01", "--reason", "supporter-returned", "--db", opened.url])
      expect(x.code).toBe(0)
      expect(x.out).toContain("left the active ledger on 2019-06-01")
      const twice = await run(dir, "exit-ledger", ["--elder", elderId, "--date", "2019-06-02", "--reason", "died", "--db", opened.url])
      expect(twice.code).toBe(1)
      expect(twice.err).toContain("ledgerEvents[1].event")
      // recheck without a run at this date evaluates the case files: the exited elder is not asked about
      const after = JSON.parse((await run(dir, "recheck", ["--region", "43", "--as-of", "2019-06-20", "--db", opened.url, "--json"])).out) as typeof before
      expect(listed(after)).not.toContain(elderId)
      expect(listed(after).length).toBe(listed(before).length - 1)
      const back = await run(dir, "enter-ledger", ["--elder", elderId, "--date", "2019-06-10", "--reason", "supporter-left", "--db", opened.url, "--json"])
      expect(JSON.parse(back.out)).toMatchObject({ elderId, seq: 1, status: "active", event: { event: "entered", reason: "supporter-left" } })
      expect(listed(JSON.parse((await run(dir, "recheck", ["--region", "43", "--as-of", "2019-06-20", "--db", opened.url, "--json"])).out) as typeof before)).toContain(elderId)
      const text = await run(dir, "recheck", ["--region", "43", "--as-of", "2019-06-20", "--db", opened.url])
      expect(text.out).toMatch(/elders in \d+ villages have facts to check/)
      expect((await run(dir, "exit-ledger", ["--elder", elderId, "--date", "2019-13-01", "--reason", "died", "--db", opened.url])).code).toBe(2)
      expect((await run(dir, "recheck", ["--region", "43", "--as-of", "2019-06-20", "--db", opened.url, "--lang", "zh"])).out).toMatch(/个村共 \d+ 位老人有待核实的信息/)
    })

    it("usage errors exit 2", async () => {
      expect((await run(dir, "visits", ["--due-by", "2019-02-30", "--db", opened.url])).code).toBe(2)
      expect((await run(dir, "assess", ["--as-of", "2019-06-30", "--region", "43x", "--db", opened.url])).code).toBe(2)
      expect((await run(dir, "import", ["--input", "missing.json", "--db", opened.url])).code).toBe(2)
    })
  })
}
