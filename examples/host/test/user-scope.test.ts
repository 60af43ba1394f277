/**
 * A user's region is a limit on everything the user does: an import by `--user` stores the
 * elders of the user's region and keeps the others as rejected records (naming the record, the
 * field `elder.regionCode` and the user's region, nothing personal), an assessment evaluates the
 * user's region only, and every other command and API route taking a user refuses a region or
 * an elder outside it. On every database.
 */
import { readFileSync, writeFileSync } from "node:fs"
import { join } from "node:path"
import { connect, DIALECTS } from "@liushou/test-databases"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { makeApi } from "../src/api/Api.js"
import { openLedger } from "../src/db.js"
import { builtinRegistry } from "../src/policies.js"
import { cli, tempDir } from "./host-support.js"

type Case = { elder: { id: string; name: string; idNumber?: string; phone?: string; regionCode: string } & Record<string, unknown> } & Record<string, unknown>
const cases = JSON.parse(readFileSync(join(import.meta.dirname, "..", "..", "data", "hunan-villages.json"), "utf8")) as Array<Case>
const COUNTY = "430121"
const TOWNSHIP = "430121101"
const inCounty = cases.filter((c) => c.elder.regionCode.startsWith(COUNTY))
const outside = cases.filter((c) => !c.elder.regionCode.startsWith(COUNTY))
const personal = cases.flatMap((c) => [c.elder.name, c.elder.idNumber, c.elder.phone]).filter((v): v is string => typeof v === "string" && v !== "")

const TOKEN = "tok-county-officer-scope-01"
const users = [
  { name: "li-officer", role: "officer", region: COUNTY, token: TOKEN },
  { name: "zhou-town", role: "officer", region: TOWNSHIP, token: "tok-township-officer-scope1" }
]

for (const dialect of DIALECTS) {
  describe(`a user's region limits every command on ${dialect.name}`, () => {
    let fresh: { url: string; close: () => Promise<void> }
    let dir: string
    let config: string
    beforeAll(async () => {
      fresh = await dialect.fresh("scope")
      dir = tempDir()
      config = join(dir, "users.json")
      writeFileSync(config, JSON.stringify({ users }))
      writeFileSync(join(dir, "cases.json"), JSON.stringify(cases))
    })
    afterAll(async () => {
      await fresh?.close()
    })
    const as = (user: string, args: ReadonlyArray<string>) => ["--config", config, "--db", fresh.url, "--user", user, ...args]

    it("import --user stores the elders of the user's region and rejects the others, naming record, field and region (zh and en, nothing personal)", async () => {
      expect(inCounty.length).toBeGreaterThan(0)
      expect(outside.length).toBeGreaterThan(0)
      const r = await cli(dir, "import", as("li-officer", ["--input", "cases.json"]))
      expect(r.code).toBe(1)
      expect(r.out).toContain(`新增 ${inCounty.length}，更新 0，未变 0，拒收 ${outside.length}`)
      expect(r.err).toContain(`elder.regionCode：应为用户 li-officer 辖区（${COUNTY}）内的区划代码，实际为 "${outside[0]!.elder.regionCode}"`)
      expect(r.err).toMatch(/案卷 #\d+（elder\.id=/)
      expect(r.err).toContain(`另有 ${outside.length - 20} 条拒收`)
      for (const p of personal) {
        expect(r.err).not.toContain(p)
        expect(r.out).not.toContain(p)
      }
      const db = connect(fresh.url, 1)
      try {
        const stored = await db.selectFrom("elders").select("region_code").execute()
        expect(stored.length).toBe(inCounty.length)
        expect(stored.every((e) => e.region_code.startsWith(COUNTY))).toBe(true)
        const rejected = await db.selectFrom("rejected_records").select(["position", "elder_id", "error"]).orderBy("position").execute()
        expect(rejected.length).toBe(outside.length)
        for (const row of rejected) {
          const error = JSON.parse(row.error) as { issues: Array<{ path: string; expected: { zh: string; en: string } }>; message: { zh: string; en: string } }
          expect(error.issues.map((i) => i.path)).toEqual(["elder.regionCode"])
          expect(error.message.en).toContain(`expected a region code inside the region of user li-officer (${COUNTY})`)
          expect(error.message.zh).toContain(`用户 li-officer 辖区（${COUNTY}）`)
          for (const p of personal) expect(row.error).not.toContain(p)
        }
      } finally {
        await db.destroy()
      }
      // the same rows in English
      const en = await cli(dir, "import", as("li-officer", ["--input", "cases.json", "--import-id", "again", "--lang", "en"]))
      expect(en.out).toContain(`0 stored, 0 updated, ${inCounty.length} unchanged, ${outside.length} rejected`)
      expect(en.err).toContain(`elder.regionCode: expected a region code inside the region of user li-officer (${COUNTY})`)
      expect(en.err).toContain(`… and ${outside.length - 20} more rejected`)
    })

    it("a county ledger file's rows outside the user's region are rejected rows named by sheet, row and column", async () => {
      await cli(dir, "template", ["--out", "template.csv"])
      const lines = readFileSync(join(dir, "template.csv"), "utf8").replace(/^\uFEFF/, "").trim().split(/\r?\n/)
      const header = lines[0]!.split(",")
      const example = lines[1]!.split(",")
      const row = (id: string, region: string) => header.map((h, i) => (h === "编号" ? id : h === "区划代码" ? region : h.startsWith("子女") && h.endsWith("编号") && (example[i] ?? "") !== "" ? `${id}-${h.slice(2, 3)}` : (example[i] ?? ""))).join(",")
      writeFileSync(join(dir, "台账.csv"), "\uFEFF" + [lines[0], lines[1], row("CSV-1", "430121101201"), row("CSV-2", "430181103204")].join("\n") + "\n")
      const r = await cli(dir, "import", as("li-officer", ["--input", "台账.csv"]))
      expect(r.code).toBe(1)
      expect(r.out).toContain("新增 1，更新 0，未变 0，拒收 1")
      expect(r.err).toContain(`第4行“区划代码”列：应为用户 li-officer 辖区（${COUNTY}）内的区划代码，实际为 "430181103204"`)
      const db = connect(fresh.url, 1)
      try {
        const rejected = await db.selectFrom("rejected_records").select(["elder_id", "error"]).where("elder_id", "=", "CSV-2").execute()
        expect(rejected.length).toBe(1)
        expect(JSON.parse(rejected[0]!.error).issues[0].path).toBe("elder.regionCode")
        expect((await db.selectFrom("elders").select("elder_id").where("elder_id", "in", ["CSV-1", "CSV-2"]).execute()).map((e) => e.elder_id)).toEqual(["CSV-1"])
      } finally {
        await db.destroy()
      }
    })

    it("a township user cannot move an elder stored in another township into the township", async () => {
      const other = inCounty.find((c) => !c.elder.regionCode.startsWith(TOWNSHIP))!
      const own = inCounty.find((c) => c.elder.regionCode.startsWith(TOWNSHIP))!
      const moved = { ...other, elder: { ...other.elder, regionCode: own.elder.regionCode } }
      writeFileSync(join(dir, "move.json"), JSON.stringify([moved, own]))
      const r = await cli(dir, "import", as("zhou-town", ["--input", "move.json", "--lang", "en"]))
      expect(r.code).toBe(1)
      expect(r.out).toContain("0 stored, 0 updated, 1 unchanged, 1 rejected")
      expect(r.err).toContain(`case #1 (elder.id=${other.elder.id}) elder.regionCode: expected an elder of the region of user zhou-town (${TOWNSHIP}); this elder is stored in ${other.elder.regionCode}, outside it, found "${other.elder.regionCode}"`)
      const db = connect(fresh.url, 1)
      try {
        const row = await db.selectFrom("elders").select("region_code").where("elder_id", "=", other.elder.id).execute()
        expect(row.map((x) => x.region_code)).toEqual([other.elder.regionCode])
      } finally {
        await db.destroy()
      }
    })

    it("assess --user evaluates the user's region only; a --region outside it is refused", async () => {
      // the other counties' elders, imported by a host without users, are in the ledger too
      const all = await cli(dir, "import", ["--db", fresh.url, "--input", "cases.json", "--import-id", "operator", "--lang", "en"])
      expect(all.out).toContain(`${outside.length} stored, 0 updated, ${inCounty.length} unchanged, 0 rejected`)
      const town = await cli(dir, "assess", as("zhou-town", ["--as-of", "2019-06-30", "--lang", "en"]))
      expect(town.code).toBe(0)
      // (with CSV-1 of the ledger file, in the township)
      expect(town.out).toContain(`${inCounty.filter((c) => c.elder.regionCode.startsWith(TOWNSHIP)).length + 1} evaluated`)
      const county = await cli(dir, "assess", as("li-officer", ["--as-of", "2019-06-30", "--lang", "en"]))
      expect(county.out).toContain(`${inCounty.length + 1} evaluated`)
      const beyond = await cli(dir, "assess", as("zhou-town", ["--as-of", "2019-06-30", "--region", COUNTY]))
      expect(beyond.code).toBe(2)
      expect(beyond.err).toContain("请求的区划不在您的权限范围内")
    })

    it("every other command refuses a region or an elder outside the user's region", async () => {
      const region = outside[0]!.elder.regionCode.slice(0, 6)
      const elder = outside[0]!.elder.id
      const refused = [
        ["visits", ["--region", region]],
        ["report", ["--region", region, "--out", "r.html"]],
        ["export", ["--region", region, "--out", "x.xlsx"]],
        ["recheck", ["--region", region, "--as-of", "2019-06-30"]],
        ["worklist", ["--person", "v-1", "--region", region]],
        ["assign", ["--elder", elder, "--role", "responsible-visitor", "--person", "v-1", "--kind", "village-cadre", "--from", "2019-01-01"]],
        ["end-assignment", ["--elder", elder, "--id", "x", "--until", "2019-06-30"]],
        ["exit-ledger", ["--elder", elder, "--date", "2019-06-30", "--reason", "moved-away"]],
        ["enter-ledger", ["--elder", elder, "--date", "2019-06-30", "--reason", "identified"]]
      ] as const
      for (const [command, args] of refused) {
        const r = await cli(dir, command, as("li-officer", args))
        expect(r.code, `${command}: ${r.err}`).toBe(2)
        expect(r.err, command).toMatch(/请求的区划不在您的权限范围内|在您的权限范围内找不到该老人/)
      }
      // inside the region the same commands work
      expect((await cli(dir, "visits", as("li-officer", ["--due-by", "2019-07-31"]))).code).toBe(0)
      expect((await cli(dir, "assign", as("li-officer", ["--elder", inCounty[0]!.elder.id, "--role", "responsible-visitor", "--person", "v-1", "--kind", "village-cadre", "--from", "2019-01-01"]))).code).toBe(0)
    })

    it("the API refuses the same outside the token's region", async () => {
      const opened = await openLedger(fresh.url, dir)
      try {
        const registry = builtinRegistry()
        const app = makeApi({ ledger: opened.ledger, registry, config: { users: users as never }, today: () => "2019-07-01" })
        const req = (method: string, path: string, body?: unknown) =>
          app.request(path, { method, headers: { authorization: `Bearer ${TOKEN}`, ...(body === undefined ? {} : { "content-type": "application/json" }) }, ...(body === undefined ? {} : { body: JSON.stringify(body) }) })
        const elder = outside[0]!.elder
        expect((await req("GET", `/v1/elders?region=${elder.regionCode.slice(0, 6)}`)).status).toBe(403)
        expect((await req("GET", `/v1/elders/${encodeURIComponent(elder.id)}`)).status).toBe(404)
        expect((await req("POST", `/v1/elders/${encodeURIComponent(elder.id)}/visits`, { date: "2019-06-20", mode: "home", by: "village-committee", concerns: [] })).status).toBe(404)
        expect((await req("POST", `/v1/elders/${encodeURIComponent(elder.id)}/ledger-events`, { date: "2019-06-20", event: "exited", reason: "moved-away" })).status).toBe(404)
        expect((await req("GET", `/v1/report?region=${elder.regionCode.slice(0, 6)}&asOf=2019-06-30`)).status).toBe(403)
        const evaluated = await req("POST", "/v1/evaluate", { asOf: "2019-06-30", caseFiles: [outside[0]] })
        expect(evaluated.status).toBe(403)
        const own = await req("GET", `/v1/elders/${encodeURIComponent(inCounty[0]!.elder.id)}`)
        expect(own.status).toBe(200)
      } finally {
        await opened.close()
      }
    })
  })
}
