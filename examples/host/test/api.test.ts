import { join } from "node:path"
import { CalendarDate, type CaseFile, Engine } from "@liushou/core"
import { syntheticPopulation } from "@liushou/testkit"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { type AccessLogEntry, makeApi } from "../src/api/Api.js"
import { ERROR_CODES } from "../src/api/Schemas.js"
import type { Config } from "../src/config/Config.js"
import { openLedger, type OpenedLedger } from "../src/db.js"
import { builtinRegistry } from "../src/policies.js"
import { referralWorkflow } from "@liushou/policy-hunan"
import { tempDir } from "./host-support.js"

const AS_OF = "2021-06-30"
const here = syntheticPopulation(240, { region: "430121", seed: 11, asOf: AS_OF, idPrefix: "C" })
const there = syntheticPopulation(120, { region: "430181", seed: 12, asOf: AS_OF, idPrefix: "L" })
const village = here[0]!.elder.regionCode
const township = village.slice(0, 9)
const inVillage = here.find((c) => c.elder.regionCode === village)!
const inTownshipOtherVillage = here.find((c) => c.elder.regionCode.startsWith(township) && c.elder.regionCode !== village)!
const otherTownship = here.find((c) => !c.elder.regionCode.startsWith(township))!
const elsewhere = there[0]!

const TOKENS = { province: "tok-province-officer-0001", county: "tok-county-officer-00001", viewer: "tok-county-viewer-000001", township: "tok-township-caseworker1", village: "tok-village-visitor-0001", otherCounty: "tok-liuyang-officer-00001" }
const config: Config = {
  users: [
    { name: "prov-1", role: "officer", region: "43", token: TOKENS.province },
    { name: "county-1", role: "officer", region: "430121", token: TOKENS.county },
    { name: "viewer-1", role: "viewer", region: "430121", token: TOKENS.viewer },
    { name: "town-1", role: "caseworker", region: township, token: TOKENS.township },
    { name: "village-1", role: "visitor", region: village, token: TOKENS.village },
    { name: "liuyang-1", role: "officer", region: "430181", token: TOKENS.otherCounty }
  ]
}

let opened: OpenedLedger
let app: ReturnType<typeof makeApi>
const log: Array<AccessLogEntry> = []

beforeAll(async () => {
  opened = await openLedger(`sqlite:${join(tempDir("liushou-api-"), "api.db")}`, "/")
  await opened.ledger.importCaseFiles([...here, ...there], { source: "test", actor: "test" })
  const registry = builtinRegistry()
  await opened.ledger.assess(Engine.make(registry), AS_OF, { actor: "test" })
  app = makeApi({ ledger: opened.ledger, registry, config, workflow: referralWorkflow as never, log: (e) => void log.push(e), today: () => AS_OF })
})
afterAll(async () => {
  await opened.close()
})

/** Every error answered in this file, checked at the end: kebab-case codes, both languages in their own field. */
const errorsSeen: Array<{ status: number; route: string; body: unknown }> = []
const req = async (token: string | undefined, method: string, path: string, body?: unknown) => {
  const r = await app.request(path, {
    method,
    headers: { ...(token === undefined ? {} : { authorization: `Bearer ${token}` }), ...(body === undefined ? {} : { "content-type": "application/json" }) },
    ...(body === undefined ? {} : { body: typeof body === "string" ? body : JSON.stringify(body) })
  })
  if (r.status >= 400) errorsSeen.push({ status: r.status, route: `${method} ${path}`, body: await r.clone().json() })
  return r
}
type ErrorJson = { error: { code: string; message: { zh: string; en: string }; issues?: Array<{ path: string; expected: { zh: string; en: string }; found: string }> } }

const visit = { date: "2021-06-20", mode: "home", by: "village-committee", concerns: [] }
const REGION_ATTACKS = ["430181", "43", "4301", "43%", "43*", "", "4301210", "430121%", "430121*", "43012_", "430121' OR '1'='1", "4301 21", "%", "*", "00", "430121101201/../"]

describe("API: documents and authentication", () => {
  it("serves an OpenAPI 3.1 document generated from the Schemas", async () => {
    const r = await req(undefined, "GET", "/openapi.json")
    expect(r.status).toBe(200)
    const doc = (await r.json()) as { openapi: string; paths: Record<string, unknown>; components: { schemas: Record<string, { properties?: Record<string, unknown> }> } }
    expect(doc.openapi).toBe("3.1.0")
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(["/v1/evaluate", "/v1/elders", "/v1/elders/{elderId}", "/v1/elders/{elderId}/visits", "/v1/elders/{elderId}/assignments", "/v1/elders/{elderId}/assignments/{assignmentId}/end", "/v1/worklist", "/v1/recheck", "/v1/elders/{elderId}/ledger-events", "/v1/ledger-events", "/v1/visits-due", "/v1/assessments-due", "/v1/referrals", "/v1/referrals/{caseId}/transitions", "/v1/report"]))
    expect(Object.keys(doc.components.schemas.CaseFile!.properties!)).toEqual(expect.arrayContaining(["elder", "supporters", "visits"]))
    expect(JSON.stringify(doc)).not.toContain("#/$defs/")
  })
  it("refuses requests without a known token", async () => {
    expect((await req(undefined, "GET", "/v1/elders")).status).toBe(401)
    expect((await req("not-a-token-at-all-000", "GET", "/v1/elders")).status).toBe(401)
    const me = await req(TOKENS.village, "GET", "/v1/me")
    expect(await me.json()).toEqual({ name: "village-1", role: "visitor", region: village })
  })
})

describe("API: reads stay inside the region scope", () => {
  it("lists only the elders of the scope, with names masked", async () => {
    const county = (await (await req(TOKENS.county, "GET", "/v1/elders?limit=5000")).json()) as { items: Array<{ regionCode: string; name: string }> }
    expect(county.items).toHaveLength(here.length)
    expect(county.items.every((e) => e.regionCode.startsWith("430121"))).toBe(true)
    expect(county.items.some((e) => here.some((c) => c.elder.name === e.name))).toBe(false)
    const v = (await (await req(TOKENS.village, "GET", "/v1/elders")).json()) as { items: Array<{ regionCode: string }> }
    expect(v.items.length).toBe(here.filter((c) => c.elder.regionCode === village).length)
    expect(v.items.every((e) => e.regionCode === village)).toBe(true)
    const prov = (await (await req(TOKENS.province, "GET", "/v1/elders?limit=5000")).json()) as { items: unknown[] }
    expect(prov.items).toHaveLength(here.length + there.length)
  })

  for (const route of ["/v1/elders", "/v1/visits-due", "/v1/assessments-due", "/v1/referrals?state=discovered&", "/v1/report"]) {
    it(`refuses other and wildcard-like regions on ${route.split("?")[0]}`, async () => {
      const sep = route.includes("?") ? "" : "?"
      for (const region of REGION_ATTACKS) {
        const r = await req(TOKENS.county, "GET", `${route}${sep}region=${encodeURIComponent(region)}`)
        expect([400, 403], `${route} region=${JSON.stringify(region)} gave ${r.status}`).toContain(r.status)
      }
      // a village worker cannot widen to their township or step to a neighbour
      for (const region of [township, inTownshipOtherVillage.elder.regionCode]) {
        const r = await req(TOKENS.village, "GET", `${route}${sep}region=${region}`)
        expect([403]).toContain(r.status)
      }
    })
  }

  it("answers the queries inside the scope", async () => {
    const due = (await (await req(TOKENS.county, "GET", `/v1/visits-due?dueBy=${CalendarDate.addDays(AS_OF, 90)}`)).json()) as { items: Array<{ regionCode: string; status: string }> }
    expect(due.items.length).toBeGreaterThan(0)
    expect(due.items.every((x) => x.regionCode.startsWith("430121"))).toBe(true)
    const town = (await (await req(TOKENS.township, "GET", `/v1/visits-due?dueBy=${CalendarDate.addDays(AS_OF, 90)}`)).json()) as { items: Array<{ regionCode: string }> }
    expect(town.items.every((x) => x.regionCode.startsWith(township))).toBe(true)
    expect(town.items.length).toBe(due.items.filter((x) => x.regionCode.startsWith(township)).length)
    const a = (await (await req(TOKENS.county, "GET", `/v1/assessments-due?dueBy=${CalendarDate.addDays(AS_OF, 365)}&region=${township}`)).json()) as { items: Array<{ regionCode: string }> }
    expect(a.items.every((x) => x.regionCode.startsWith(township))).toBe(true)
    expect((await req(TOKENS.county, "GET", "/v1/visits-due?dueBy=2021-02-30")).status).toBe(400)
    expect((await req(TOKENS.county, "GET", "/v1/elders?limit=0")).status).toBe(400)
  })

  it("refuses elders of other regions by id, and masks personal data of those in scope", async () => {
    for (const [token, cf] of [[TOKENS.county, elsewhere], [TOKENS.village, inTownshipOtherVillage], [TOKENS.township, otherTownship], [TOKENS.otherCounty, inVillage]] as const) {
      const r = await req(token, "GET", `/v1/elders/${encodeURIComponent(cf.elder.id)}`)
      expect(r.status).toBe(404)
    }
    expect((await req(TOKENS.county, "GET", "/v1/elders/NO-SUCH-ID")).status).toBe(404)
    const r = await req(TOKENS.village, "GET", `/v1/elders/${inVillage.elder.id}`)
    expect(r.status).toBe(200)
    const cf = (await r.json()) as CaseFile.CaseFile
    expect(cf.elder.name).not.toBe(inVillage.elder.name)
    if (inVillage.elder.idNumber !== undefined) expect(cf.elder.idNumber).toContain("*")
  })

  it("serves the report only to roles that may, for regions in scope", async () => {
    const r = await req(TOKENS.county, "GET", `/v1/report?region=${township}&asOf=${AS_OF}&lang=en`)
    expect(r.status).toBe(200)
    expect(r.headers.get("content-type")).toContain("text/html")
    expect(await r.text()).toContain("Left-behind elders")
    expect((await req(TOKENS.viewer, "GET", "/v1/report?region=430121")).status).toBe(403)
  })
})

describe("API: writes are checked and audited", () => {
  it("records a visit inside the scope, refuses it elsewhere, by role and with a bad body", async () => {
    expect((await req(TOKENS.village, "POST", `/v1/elders/${encodeURIComponent(inTownshipOtherVillage.elder.id)}/visits`, visit)).status).toBe(404)
    expect((await req(TOKENS.county, "POST", `/v1/elders/${encodeURIComponent(elsewhere.elder.id)}/visits`, visit)).status).toBe(404)
    expect((await req(TOKENS.viewer, "POST", `/v1/elders/${inVillage.elder.id}/visits`, visit)).status).toBe(403)
    const bad = await req(TOKENS.village, "POST", `/v1/elders/${inVillage.elder.id}/visits`, { ...visit, date: "2021-13-01", mode: "letter" })
    expect(bad.status).toBe(400)
    const body = (await bad.json()) as { error: { issues: Array<{ path: string }> } }
    expect(body.error.issues.map((i) => i.path).sort()).toEqual(["date", "mode"])
    expect((await req(TOKENS.village, "POST", `/v1/elders/${inVillage.elder.id}/visits`, "{not json")).status).toBe(400)
    const ok = await req(TOKENS.village, "POST", `/v1/elders/${inVillage.elder.id}/visits`, visit)
    expect(ok.status).toBe(201)
    const audit = await opened.ledger.auditLog({ subject: inVillage.elder.id })
    expect(audit.some((a) => a.action === "visit.record" && a.actor === "village-1")).toBe(true)
  })

  it("opens and moves referral cases only inside the scope", async () => {
    const caseId = `R-${inVillage.elder.id}`
    expect((await req(TOKENS.village, "POST", "/v1/referrals", { caseId, elderId: inVillage.elder.id, on: AS_OF })).status).toBe(403) // visitors cannot
    expect((await req(TOKENS.township, "POST", "/v1/referrals", { caseId: "R-x", elderId: elsewhere.elder.id, on: AS_OF })).status).toBe(404)
    const opened1 = await req(TOKENS.township, "POST", "/v1/referrals", { caseId, elderId: inVillage.elder.id, on: AS_OF, to: "civil-affairs" })
    expect(opened1.status).toBe(201)
    // the other county's officer cannot see, move or overwrite it
    expect((await req(TOKENS.otherCounty, "GET", `/v1/referrals/${caseId}`)).status).toBe(404)
    expect((await req(TOKENS.otherCounty, "POST", `/v1/referrals/${caseId}/transitions`, { action: "report", on: AS_OF })).status).toBe(404)
    expect((await req(TOKENS.otherCounty, "POST", "/v1/referrals", { caseId, elderId: elsewhere.elder.id, on: AS_OF })).status).toBe(404)
    const listed = (await (await req(TOKENS.otherCounty, "GET", "/v1/referrals?state=discovered")).json()) as { items: unknown[] }
    expect(listed.items).toEqual([])
    const illegal = await req(TOKENS.township, "POST", `/v1/referrals/${caseId}/transitions`, { action: "close", on: AS_OF })
    expect(illegal.status).toBe(409)
    const moved = await req(TOKENS.township, "POST", `/v1/referrals/${caseId}/transitions`, { action: "report", on: CalendarDate.addDays(AS_OF, 1) })
    expect(moved.status).toBe(200)
    expect(((await moved.json()) as { state: string }).state).toBe("reported")
    const audit = await opened.ledger.auditLog({ subject: caseId })
    expect(audit.map((a) => [a.action, a.actor])).toEqual(expect.arrayContaining([["referral.open", "town-1"], ["referral.transition", "town-1"]]))
  })

  it("evaluates posted case files only when all are in scope, reporting bad ones by path", async () => {
    const r = await req(TOKENS.county, "POST", "/v1/evaluate", { asOf: AS_OF, caseFiles: [here[1], here[2], { elder: { id: "x" } }] })
    expect(r.status).toBe(200)
    const body = (await r.json()) as { evaluations: unknown[]; errors: Array<{ position: number; issues: Array<{ path: string }> }> }
    expect(body.evaluations).toHaveLength(2)
    expect(body.errors[0]!.position).toBe(2)
    expect(body.errors[0]!.issues.some((i) => i.path.startsWith("caseFiles[2].elder."))).toBe(true)
    expect((await req(TOKENS.county, "POST", "/v1/evaluate", { asOf: AS_OF, caseFiles: [here[1], elsewhere] })).status).toBe(403)
    expect((await req(TOKENS.village, "POST", "/v1/evaluate", { asOf: AS_OF, caseFiles: [inVillage] })).status).toBe(403)
    const bad = await req(TOKENS.county, "POST", "/v1/evaluate", { asOf: "2021-06-31", caseFiles: [] })
    expect(((await bad.json()) as { error: { issues: Array<{ path: string }> } }).error.issues[0]!.path).toBe("asOf")
  })

  it("names a responsible visitor and a pairing, ends one, lists the worklist: by role, inside the scope, audited", async () => {
    const path = `/v1/elders/${encodeURIComponent(inVillage.elder.id)}/assignments`
    const a = { role: "responsible-visitor", personId: "v-li", personKind: "village-cadre", from: "2021-01-01" }
    expect((await req(TOKENS.village, "POST", path, a)).status).toBe(403) // visitors cannot assign
    expect((await req(TOKENS.county, "POST", `/v1/elders/${encodeURIComponent(elsewhere.elder.id)}/assignments`, a)).status).toBe(404)
    const bad = await req(TOKENS.township, "POST", path, { ...a, role: "boss", from: "2021-02-30" })
    expect(bad.status).toBe(400)
    expect(((await bad.json()) as { error: { issues: Array<{ path: string }> } }).error.issues.map((i) => i.path).sort()).toEqual(["from", "role"])
    const ok = await req(TOKENS.township, "POST", path, a)
    expect(ok.status).toBe(201)
    expect(await ok.json()).toMatchObject({ elderId: inVillage.elder.id, assignment: { id: "visitor-v-li-2021-01-01", personId: "v-li", until: null } })
    expect((await req(TOKENS.township, "POST", path, a)).status).toBe(409) // same id again
    const pair = await req(TOKENS.county, "POST", path, { id: "p1", role: "pairing", personId: "y-chen", personKind: "younger-elder", from: "2021-03-01" })
    expect(pair.status).toBe(201)
    const ended = await req(TOKENS.county, "POST", `${path}/p1/end`, { until: "2021-06-29" })
    expect(ended.status).toBe(200)
    expect(((await ended.json()) as { assignment: { until: string } }).assignment.until).toBe("2021-06-29")
    expect((await req(TOKENS.county, "POST", `${path}/p1/end`, { until: "2021-06-30" })).status).toBe(409)
    const audit = await opened.ledger.auditLog({ subject: inVillage.elder.id })
    expect(audit.filter((x) => x.action.startsWith("assignment.")).map((x) => [x.action, x.actor])).toEqual([
      ["assignment.add", "town-1"],
      ["assignment.add", "county-1"],
      ["assignment.end", "county-1"]
    ])
    const list = (await (await req(TOKENS.village, "GET", "/v1/worklist?person=v-li")).json()) as { asOf: string; items: Array<{ elderId: string; name: string; role: string }> }
    expect(list.asOf).toBe(AS_OF)
    expect(list.items.map((x) => [x.elderId, x.role])).toEqual([[inVillage.elder.id, "responsible-visitor"]])
    expect(list.items[0]!.name).not.toBe(inVillage.elder.name)
    expect(((await (await req(TOKENS.otherCounty, "GET", "/v1/worklist?person=v-li")).json()) as { items: unknown[] }).items).toEqual([])
    expect(((await (await req(TOKENS.county, "GET", "/v1/worklist?person=y-chen")).json()) as { items: unknown[] }).items).toEqual([])
    expect(((await (await req(TOKENS.county, "GET", "/v1/worklist?person=y-chen&asOf=2021-06-01")).json()) as { items: unknown[] }).items).toHaveLength(1)
    expect((await req(TOKENS.county, "GET", "/v1/worklist")).status).toBe(400)
  })

  it("records entries and exits by role, inside the scope, with a declared reason, audited; lists them by period; recheck leaves exited elders out", async () => {
    const elder = inTownshipOtherVillage.elder
    const path = `/v1/elders/${encodeURIComponent(elder.id)}/ledger-events`
    const exit = { date: "2021-06-01", event: "exited", reason: "entered-institution" }
    expect((await req(TOKENS.village, "POST", path, exit)).status).toBe(403) // visitors cannot change the ledger
    expect((await req(TOKENS.county, "POST", `/v1/elders/${encodeURIComponent(elsewhere.elder.id)}/ledger-events`, exit)).status).toBe(404)
    const bad = await req(TOKENS.township, "POST", path, { ...exit, event: "gone", date: "2021-02-30" })
    expect(bad.status).toBe(400)
    expect(((await bad.json()) as { error: { issues: Array<{ path: string }> } }).error.issues.map((i) => i.path).sort()).toEqual(["date", "event"])
    const wrong = await req(TOKENS.township, "POST", path, { ...exit, reason: "identified" })
    expect(wrong.status).toBe(400)
    const w = (await wrong.json()) as { error: { message: { zh: string; en: string }; issues: Array<{ path: string }> } }
    expect(w.error.issues[0]!.path).toBe("reason")
    expect(w.error.message.en).toContain("died")
    const recheckBefore = (await (await req(TOKENS.county, "GET", `/v1/recheck?region=${township}`)).json()) as { villages: Array<{ items: Array<{ elderId: string }> }> }
    const listed = (r: typeof recheckBefore) => r.villages.flatMap((v) => v.items.map((i) => i.elderId))
    expect(listed(recheckBefore)).toContain(elder.id)
    const ok = await req(TOKENS.township, "POST", path, exit)
    expect(ok.status).toBe(201)
    expect(await ok.json()).toMatchObject({ elderId: elder.id, seq: 0, status: "exited", event: exit })
    const twice = await req(TOKENS.township, "POST", path, { ...exit, reason: "died" })
    expect(twice.status).toBe(409)
    expect(((await twice.json()) as { error: { issues: Array<{ path: string }> } }).error.issues[0]!.path).toBe("ledgerEvents[1].event")
    const audit = await opened.ledger.auditLog({ subject: elder.id })
    expect(audit.filter((x) => x.action.startsWith("ledger.")).map((x) => [x.action, x.actor])).toEqual([["ledger.exit", "town-1"]])
    // the stored run predates the exit; the re-check list reads it until the next assessment, then the elder drops out
    await opened.ledger.assess(Engine.make(builtinRegistry()), AS_OF, { actor: "test", runId: "after-exit" })
    const recheckAfter = (await (await req(TOKENS.county, "GET", `/v1/recheck?region=${township}`)).json()) as typeof recheckBefore
    expect(listed(recheckAfter)).not.toContain(elder.id)
    expect((await req(TOKENS.county, "GET", "/v1/recheck?asOf=2021-02-30")).status).toBe(400)
    const events = (await (await req(TOKENS.county, "GET", "/v1/ledger-events?from=2021-01-01")).json()) as { to: string; items: Array<{ elderId: string; event: string; reason: string }> }
    expect(events.to).toBe(AS_OF)
    expect(events.items.map((e) => [e.elderId, e.event, e.reason])).toEqual([[elder.id, "exited", "entered-institution"]])
    expect(((await (await req(TOKENS.otherCounty, "GET", "/v1/ledger-events?from=2021-01-01")).json()) as { items: unknown[] }).items).toEqual([])
    expect((await req(TOKENS.county, "GET", "/v1/ledger-events")).status).toBe(400)
    const back = await req(TOKENS.county, "POST", path, { date: "2021-06-20", event: "entered", reason: "supporter-left" })
    expect(back.status).toBe(201)
    expect(((await back.json()) as { status: string }).status).toBe("active")
  })

  it("logs refusals without personal data", () => {
    expect(log.length).toBeGreaterThan(50)
    expect(log.every((e) => e.event === "refused" && [400, 401, 403, 404].includes(e.status))).toBe(true)
    const text = JSON.stringify(log)
    for (const cf of [...here, ...there]) {
      expect(text).not.toContain(cf.elder.name)
      if (cf.elder.idNumber !== undefined) expect(text).not.toContain(cf.elder.idNumber)
    }
    expect(log.some((e) => e.user === "county-1" && e.code === "out-of-scope")).toBe(true)
  })
})

describe("API: errors", () => {
  it("refuses ?unmasked=true from a role without the export permission (403), and audits the officer's unmasked read", async () => {
    for (const token of [TOKENS.village, TOKENS.viewer]) {
      const r = await req(token, "GET", `/v1/elders/${inVillage.elder.id}?unmasked=true`)
      expect(r.status).toBe(403)
      const e = (await r.json()) as ErrorJson
      expect(e.error.code).toBe("forbidden")
      expect(e.error.message.zh).toContain("unmasked=true")
    }
    expect((await req(TOKENS.village, "GET", `/v1/elders/${inVillage.elder.id}?unmasked=false`)).status).toBe(200)
    expect((await req(TOKENS.village, "GET", `/v1/elders/${inVillage.elder.id}?unmasked=yes`)).status).toBe(400)
    const r = await req(TOKENS.county, "GET", `/v1/elders/${inVillage.elder.id}?unmasked=true`)
    expect(r.status).toBe(200)
    expect(((await r.json()) as CaseFile.CaseFile).elder.name).toBe(inVillage.elder.name)
    const audit = await opened.ledger.auditLog({ subject: inVillage.elder.id })
    expect(audit.some((a) => a.action === "elder.read-unmasked" && a.actor === "county-1")).toBe(true)
  })

  it("refuses a visit dated after today (400 visit-in-future) and records one dated today", async () => {
    const future = await req(TOKENS.village, "POST", `/v1/elders/${inVillage.elder.id}/visits`, { ...visit, date: CalendarDate.addDays(AS_OF, 1) })
    expect(future.status).toBe(400)
    const e = (await future.json()) as ErrorJson
    expect(e.error.code).toBe("visit-in-future")
    expect(e.error.message.zh).toContain("晚于今天")
    expect(e.error.message.en).toContain("after today")
    expect(e.error.issues).toEqual([{ path: "date", expected: { zh: `不晚于今天（${AS_OF}）的日期`, en: `a date on or before today (${AS_OF})` }, found: JSON.stringify(CalendarDate.addDays(AS_OF, 1)) }])
    expect((await req(TOKENS.village, "POST", `/v1/elders/${inVillage.elder.id}/visits`, { ...visit, date: AS_OF })).status).toBe(201)
  })

  it("names the value found in a bad body, in Chinese and in English, with long digit runs masked", async () => {
    const id = "430121195203051234"
    const r = await req(TOKENS.township, "POST", `/v1/elders/${inVillage.elder.id}/assignments`, { role: "responsible-visitor", personId: ` ${id}`, personKind: "village-cadre", from: "2021-02-30", extra: 1 })
    expect(r.status).toBe(400)
    const e = (await r.json()) as ErrorJson
    expect(e.error.code).toBe("invalid-body")
    const byPath = Object.fromEntries(e.error.issues!.map((i) => [i.path, i]))
    expect(Object.keys(byPath).sort()).toEqual(["extra", "from", "personId"])
    expect(byPath["from"]).toEqual({ path: "from", expected: { zh: "日历上存在的日期（YYYY-MM-DD）", en: "a calendar date YYYY-MM-DD" }, found: '"2021-02-30"' })
    expect(byPath["extra"]!.expected).toEqual({ zh: "不存在该字段", en: "no such field" })
    expect(byPath["personId"]!.found).not.toContain(id)
    expect(byPath["personId"]!.found).toContain("*")
    expect(JSON.stringify(e)).not.toContain(id)
    expect(e.error.message.zh).toContain("from 应为日历上存在的日期")
    expect(e.error.message.en).toContain("from: expected a calendar date")
    const q = (await (await req(TOKENS.county, "GET", "/v1/visits-due?dueBy=2021-02-30")).json()) as ErrorJson
    expect(q.error.issues).toEqual([{ path: "dueBy", expected: { zh: "日历上存在的日期（YYYY-MM-DD）", en: "a calendar date YYYY-MM-DD" }, found: '"2021-02-30"' }])
    const region = (await (await req(TOKENS.county, "GET", `/v1/elders?region=${id}`)).json()) as ErrorJson
    expect(region.error.code).toBe("bad-region")
    expect(JSON.stringify(region)).not.toContain(id)
  })

  it("answers refusals of the ledger and the workflow with kebab-case codes, never an internal tag", async () => {
    const path = `/v1/elders/${encodeURIComponent(inVillage.elder.id)}/assignments`
    const dup = (await (await req(TOKENS.county, "POST", path, { id: "p1", role: "pairing", personId: "y-chen", personKind: "younger-elder", from: "2021-03-01" })).json()) as ErrorJson
    expect(dup.error.code).toBe("assignment-exists")
    const none = (await (await req(TOKENS.county, "POST", `${path}/no-such/end`, { until: "2021-06-30" })).json()) as ErrorJson
    expect(none.error.code).toBe("assignment-not-found")
    const ended = (await (await req(TOKENS.county, "POST", `${path}/p1/end`, { until: "2021-06-30" })).json()) as ErrorJson
    expect(ended.error.code).toBe("assignment-ended")
    const illegal = (await (await req(TOKENS.township, "POST", `/v1/referrals/R-${inVillage.elder.id}/transitions`, { action: "open", on: AS_OF })).json()) as ErrorJson
    expect(illegal.error.code).toBe("refused-by-workflow")
    const exists = (await (await req(TOKENS.township, "POST", "/v1/referrals", { caseId: `R-${inVillage.elder.id}`, elderId: inVillage.elder.id, on: AS_OF })).json()) as ErrorJson
    expect(exists.error.code).toBe("case-exists")
  })

  it("every error answered in this file has a documented kebab-case code and Chinese in zh, English in en", () => {
    expect(errorsSeen.length).toBeGreaterThan(60)
    const cjk = /[\u4e00-\u9fff]/
    const codes = new Set<string>()
    for (const seen of errorsSeen) {
      const e = (seen.body as ErrorJson).error
      codes.add(e.code)
      expect(ERROR_CODES as ReadonlyArray<string>, seen.route).toContain(e.code)
      expect(e.code, seen.route).toMatch(/^[a-z]+(-[a-z]+)*$/)
      expect(e.message.zh, seen.route).toMatch(cjk)
      expect(e.message.en, seen.route).not.toMatch(cjk)
      for (const i of e.issues ?? []) {
        expect(i.expected.zh, `${seen.route} ${i.path}`).toMatch(cjk)
        expect(i.expected.en, `${seen.route} ${i.path}`).not.toMatch(cjk)
        expect(i.found, `${seen.route} ${i.path}`).not.toBe("(see path)")
      }
    }
    expect(codes.size).toBeGreaterThanOrEqual(12)
  })
})
