/**
 * Care services (关爱服务, 湘民发〔2018〕30号 §10 §4) through the host: `liushou service` and
 * `liushou services`, `POST /v1/elders/{id}/services` and `GET /v1/services`. The happy path, bad
 * input answered in Chinese and English naming the field, the user's region (403 out of scope, a
 * role without the permission), personal values never echoed, the audit entry without the note,
 * `--json` and `--lang en`; on every database.
 */
import { readFileSync, writeFileSync } from "node:fs"
import { join } from "node:path"
import { CalendarDate } from "@liushou/core"
import { DIALECTS } from "@liushou/test-databases"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { makeApi } from "../src/api/Api.js"
import { openLedger } from "../src/db.js"
import { builtinRegistry } from "../src/policies.js"
import { cli, tempDir } from "./host-support.js"

type Case = { elder: { id: string; name: string; regionCode: string } & Record<string, unknown> } & Record<string, unknown>
const all = JSON.parse(readFileSync(join(import.meta.dirname, "..", "..", "data", "hunan-villages.json"), "utf8")) as Array<Case>
const COUNTY = "430121"
const TOWNSHIP = "430121101"
const cases = all.filter((c) => c.elder.regionCode.startsWith(COUNTY))
const mine = cases.find((c) => c.elder.regionCode.startsWith(TOWNSHIP))!
const elsewhere = cases.find((c) => !c.elder.regionCode.startsWith(TOWNSHIP))!

const TOKENS = { county: "tok-county-officer-services1", town: "tok-town-visitor-services01", viewer: "tok-county-viewer-services1" }
const users = [
  { name: "li-officer", role: "officer", region: COUNTY, token: TOKENS.county },
  { name: "wang-visitor", role: "visitor", region: TOWNSHIP, token: TOKENS.town },
  { name: "zhao-viewer", role: "viewer", region: COUNTY, token: TOKENS.viewer }
]
// personal values typed into a note or a field: never in an answer, an error or the audit log
const ID_NUMBER = "43012119580709186X"
const PHONE = "13912345678"
const NOTE = `送米面油；家属电话 ${PHONE}，身份证 ${ID_NUMBER}`

for (const dialect of DIALECTS) {
  describe(`care services in the host on ${dialect.name}`, () => {
    let fresh: { url: string; close: () => Promise<void> }
    let dir: string
    let config: string
    beforeAll(async () => {
      fresh = await dialect.fresh("services")
      dir = tempDir("liushou-services-")
      config = join(dir, "users.json")
      writeFileSync(config, JSON.stringify({ users }))
      writeFileSync(join(dir, "cases.json"), JSON.stringify(cases))
      const imported = await cli(dir, "import", ["--config", config, "--db", fresh.url, "--user", "li-officer", "--input", "cases.json"])
      expect(imported.code, imported.err).toBe(0)
    })
    afterAll(async () => {
      await fresh?.close()
    })
    const as = (user: string, args: ReadonlyArray<string>) => ["--config", config, "--db", fresh.url, "--user", user, ...args]
    const record = (user: string, elder: Case, extra: ReadonlyArray<string> = []) =>
      cli(dir, "service", as(user, ["--elder", elder.elder.id, "--kind", "emotional-comfort", "--date", "2021-03-01", "--person", "vol-01", "--person-kind", "volunteer", ...extra]))

    it("liushou service records a service (Chinese by default, English, JSON), audited without the note", async () => {
      const zh = await record("wang-visitor", mine, ["--note", NOTE])
      expect(zh.code, zh.err).toBe(0)
      expect(zh.out).toMatch(new RegExp(`^已记录老人 ${mine.elder.id} 于 2021-03-01 获得的精神慰藉服务（vol-01）：第 \\d+ 版$`))
      const en = await record("wang-visitor", mine, ["--kind", "daily-care", "--lang", "en"])
      expect(en.code, en.err).toBe(0)
      expect(en.out).toMatch(new RegExp(`^recorded daily care for elder ${mine.elder.id} on 2021-03-01 \\(vol-01\\): revision \\d+$`))
      const json = await record("li-officer", mine, ["--kind", "safety-monitoring", "--program", "dibao", "--organisation", "org-7", "--json"])
      expect(json.code, json.err).toBe(0)
      const body = JSON.parse(json.out) as { elderId: string; revision: number; index: number; service: Record<string, unknown> }
      expect(body).toMatchObject({ elderId: mine.elder.id, index: 2, service: { date: "2021-03-01", kind: "safety-monitoring", personKind: "volunteer", personId: "vol-01", program: "dibao", organisation: "org-7" } })
      const { ledger, close } = await openLedger(fresh.url, dir)
      try {
        const audit = (await ledger.auditLog()).filter((x) => x.action === "service.record")
        expect(audit.map((a) => [a.actor, (a.detail as { kind: string }).kind])).toEqual([
          ["wang-visitor", "emotional-comfort"],
          ["wang-visitor", "daily-care"],
          ["li-officer", "safety-monitoring"]
        ])
        expect(audit[0]!.detail).toEqual({ revision: expect.any(Number), index: 0, date: "2021-03-01", kind: "emotional-comfort", personKind: "volunteer", personId: "vol-01" })
        const text = JSON.stringify(await ledger.auditLog())
        for (const p of [NOTE, ID_NUMBER, PHONE, "送米面油"]) expect(text).not.toContain(p)
        // the note stays in the case file (its only home)
        const cf = (await ledger.elder(mine.elder.id, { region: mine.elder.regionCode }))?.caseFile
        expect(cf?.services?.[0]?.note).toBe(NOTE)
      } finally {
        await close()
      }
    })

    it("liushou service refuses bad input naming the option, in Chinese by default and in English, echoing nothing personal", async () => {
      const kind = await record("wang-visitor", mine, ["--kind", "flying"])
      expect(kind.code).toBe(2)
      expect(kind.err).toContain("--kind")
      expect(kind.err).toContain("关爱服务类别")
      const kindEn = await record("wang-visitor", mine, ["--kind", "flying", "--lang", "en"])
      expect(kindEn.err).toContain("--kind")
      expect(kindEn.err).toContain("care service kind")
      const badDate = await record("wang-visitor", mine, ["--date", "2021-02-30", "--note", NOTE])
      expect(badDate.code).toBe(2)
      expect(badDate.err).toContain("--date 应为日历日期 YYYY-MM-DD")
      const later = CalendarDate.addDays(new Date().toISOString().slice(0, 10), 30)
      const future = await record("wang-visitor", mine, ["--date", later, "--lang", "en"])
      expect(future.code).toBe(2)
      expect(future.err).toContain(`--date ${later} is after today`)
      const personKind = await record("wang-visitor", mine, ["--person-kind", "alien", "--lang", "en"])
      expect(personKind.code).toBe(2)
      expect(personKind.err).toContain("--person-kind")
      const program = await record("wang-visitor", mine, ["--program", "no-such-program"])
      expect(program.code).toBe(2)
      expect(program.err).toContain("--program")
      for (const r of [kind, kindEn, badDate, future, personKind, program]) {
        for (const p of [ID_NUMBER, PHONE]) expect(r.err + r.out).not.toContain(p)
      }
    })

    it("liushou service keeps to the user's region and role", async () => {
      const out = await record("wang-visitor", elsewhere, ["--lang", "en"])
      expect(out.code).toBe(2)
      expect(out.err).toContain(elsewhere.elder.id)
      expect(out.err).toMatch(/outside|scope/)
      const viewer = await record("zhao-viewer", mine, ["--lang", "en"])
      expect(viewer.code).toBe(2)
      expect(viewer.err).toMatch(/record-visit|permission|role/)
    })

    it("liushou services counts per kind by township (Chinese, English, JSON) and refuses a region outside the user's", async () => {
      const zh = await cli(dir, "services", as("li-officer", ["--region", COUNTY, "--from", "2021-01-01", "--to", "2021-12-31", "--by", "township"]))
      expect(zh.code, zh.err).toBe(0)
      expect(zh.out).toContain("服务类别")
      expect(zh.out).toContain("精神慰藉")
      expect(zh.out).toContain("2021-01-01 至 2021-12-31 共 3 次关爱服务")
      const en = await cli(dir, "services", as("li-officer", ["--region", COUNTY, "--from", "2021-01-01", "--to", "2021-12-31", "--lang", "en"]))
      expect(en.out).toContain("emotional comfort")
      expect(en.out).toContain("3 care services from 2021-01-01 to 2021-12-31")
      const json = JSON.parse((await cli(dir, "services", as("wang-visitor", ["--from", "2021-01-01", "--to", "2021-12-31", "--by", "elder", "--json"]))).out) as {
        region: string
        counts: Array<{ region: string; elderId: string | null; kind: string; services: number; elders: number }>
      }
      expect(json.region).toBe(TOWNSHIP)
      expect(json.counts.map((c) => [c.elderId, c.kind, c.services, c.elders]).sort()).toEqual([
        [mine.elder.id, "daily-care", 1, 1],
        [mine.elder.id, "emotional-comfort", 1, 1],
        [mine.elder.id, "safety-monitoring", 1, 1]
      ])
      // nothing in another period
      expect((await cli(dir, "services", as("li-officer", ["--region", COUNTY, "--from", "2020-01-01", "--to", "2020-12-31", "--lang", "en"]))).out).toContain("0 care services")
      const out = await cli(dir, "services", as("wang-visitor", ["--region", COUNTY, "--from", "2021-01-01", "--to", "2021-12-31"]))
      expect(out.code).toBe(2)
      const bad = await cli(dir, "services", as("li-officer", ["--region", COUNTY, "--from", "2021-12-31", "--to", "2021-01-01", "--lang", "en"]))
      expect(bad.code).toBe(2)
      expect(bad.err).toContain("--to must be on or after --from")
      const by = await cli(dir, "services", as("li-officer", ["--region", COUNTY, "--from", "2021-01-01", "--to", "2021-12-31", "--by", "street"]))
      expect(by.code).toBe(2)
      expect(by.err).toContain("--by")
    })

    describe("the API", () => {
      const TODAY = "2021-06-30"
      let app: ReturnType<typeof makeApi>
      let close: () => Promise<void>
      beforeAll(async () => {
        const opened = await openLedger(fresh.url, dir)
        close = opened.close
        app = makeApi({ ledger: opened.ledger, registry: builtinRegistry(), config: { users: users as never }, log: () => {}, today: () => TODAY })
      })
      afterAll(async () => {
        await close?.()
      })
      const post = (token: string, elderId: string, body: unknown) =>
        app.request(`/v1/elders/${encodeURIComponent(elderId)}/services`, { method: "POST", headers: { authorization: `Bearer ${token}`, "content-type": "application/json" }, body: JSON.stringify(body) })
      const get = (token: string, query: string) => app.request(`/v1/services?${query}`, { headers: { authorization: `Bearer ${token}` } })
      const service = { date: "2021-05-10", kind: "rights-protection", personKind: "social-worker", personId: "sw-02" }
      type ErrorBody = { error: { code: string; message: { zh: string; en: string }; issues?: Array<{ path: string; expected: { zh: string; en: string }; found: string }> } }

      it("POST /v1/elders/{id}/services records a service (201) and GET /v1/services counts it; the elder's file is answered masked", async () => {
        const r = await post(TOKENS.town, mine.elder.id, { ...service, note: NOTE })
        expect(r.status).toBe(201)
        const body = (await r.json()) as { elderId: string; revision: number; index: number; service: typeof service }
        expect(body).toMatchObject({ elderId: mine.elder.id, index: 3, service })
        const counts = (await (await get(TOKENS.county, `region=${COUNTY}&from=2021-05-01&to=2021-05-31&by=township`)).json()) as { by: string; counts: Array<{ region: string; kind: string; services: number; elders: number }> }
        expect(counts.by).toBe("township")
        expect(counts.counts).toEqual([{ region: TOWNSHIP, elderId: null, kind: "rights-protection", services: 1, elders: 1 }])
        const file = await (await app.request(`/v1/elders/${mine.elder.id}`, { headers: { authorization: `Bearer ${TOKENS.county}` } })).text()
        expect(file).toContain("rights-protection")
        expect(file).not.toContain(mine.elder.name)
        const { ledger, close: done } = await openLedger(fresh.url, dir)
        try {
          const last = (await ledger.auditLog()).filter((x) => x.action === "service.record").at(-1)!
          expect(last.actor).toBe("wang-visitor")
          expect(last.detail).toEqual({ revision: body.revision, index: 3, ...service })
        } finally {
          await done()
        }
      })

      it("answers bad bodies 400 in Chinese and English naming the field path, without echoing personal values", async () => {
        const check = async (b: unknown, code: string, path: string) => {
          const r = await post(TOKENS.town, mine.elder.id, b)
          expect(r.status, path).toBe(400)
          const text = await r.text()
          for (const p of [ID_NUMBER, PHONE]) expect(text, path).not.toContain(p)
          const e = JSON.parse(text) as ErrorBody
          expect(e.error.code, path).toBe(code)
          expect(e.error.issues?.map((i) => i.path), path).toContain(path)
          expect(e.error.message.zh.length, path).toBeGreaterThan(0)
          expect(e.error.message.en, path).not.toBe(e.error.message.zh)
          return e
        }
        const date = await check({ ...service, date: "2021-02-30", note: NOTE }, "invalid-body", "date")
        expect(date.error.message.zh).toContain("日历上存在的日期")
        expect(date.error.message.en).toContain("a calendar date YYYY-MM-DD")
        const kind = await check({ ...service, kind: "flying" }, "invalid-body", "kind")
        expect(kind.error.message.zh).toContain("关爱服务类别")
        expect(kind.error.message.en).toContain("care service kind")
        await check({ ...service, program: "no-such-program" }, "invalid-body", "program")
        await check({ ...service, personKind: "alien" }, "invalid-body", "personKind")
        await check({ ...service, personId: ID_NUMBER, extra: PHONE }, "invalid-body", "extra")
        const future = await check({ ...service, date: "2021-07-01" }, "invalid-service", "date")
        expect(future.error.message.zh).toContain("晚于今天（2021-06-30）")
        expect(future.error.message.en).toContain("after today (2021-06-30)")
        const query = await get(TOKENS.county, `region=${COUNTY}&from=2021-01-01&to=2021-12-31&by=street`)
        expect(query.status).toBe(400)
        expect(((await query.json()) as ErrorBody).error.issues?.[0]?.path).toBe("by")
        // an elder id shaped like an ID number is not echoed
        const missing = await post(TOKENS.county, ID_NUMBER, service)
        expect(missing.status).toBe(404)
        expect(await missing.text()).not.toContain(ID_NUMBER)
      })

      it("keeps to the user's region (403 out of scope; an elder outside it is not found) and role (403 forbidden)", async () => {
        const out = await app.request(`/v1/elders/${elsewhere.elder.id}/services?region=${COUNTY}`, { method: "POST", headers: { authorization: `Bearer ${TOKENS.town}`, "content-type": "application/json" }, body: JSON.stringify(service) })
        expect(out.status).toBe(403)
        expect(((await out.json()) as ErrorBody).error.code).toBe("out-of-scope")
        // looked up within the user's region only: an elder elsewhere is not found (nor said to exist)
        const hidden = await post(TOKENS.town, elsewhere.elder.id, service)
        expect(hidden.status).toBe(404)
        expect(((await hidden.json()) as ErrorBody).error.code).toBe("not-found")
        const viewer = await post(TOKENS.viewer, mine.elder.id, service)
        expect(viewer.status).toBe(403)
        expect(((await viewer.json()) as ErrorBody).error.code).toBe("forbidden")
        const counts = await get(TOKENS.town, `region=${COUNTY}&from=2021-01-01&to=2021-12-31`)
        expect(counts.status).toBe(403)
        // no region: the user's own
        const own = (await (await get(TOKENS.town, "from=2021-01-01&to=2021-12-31")).json()) as { region: string; counts: Array<{ services: number }> }
        expect(own.region).toBe(TOWNSHIP)
        expect(own.counts.reduce((n, c) => n + c.services, 0)).toBe(4)
      })
    })
  })
}
