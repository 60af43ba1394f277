/**
 * Writes the API's OpenAPI document and real responses of every JSON operation (a synthetic
 * county in a temporary SQLite ledger) to a directory, for the OpenAPI check
 * (`test/openapi/run.sh`: Redocly lint, then an openapi-typescript client typechecked against
 * these responses). Usage: tsx --conditions=@liushou/source openapi-capture.ts OUT_DIR
 */
import { mkdtempSync, writeFileSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { Engine } from "@liushou/core"
import { referralWorkflow } from "@liushou/policy-hunan"
import { syntheticPopulation } from "@liushou/testkit"
import { makeApi } from "../src/api/Api.js"
import { openLedger } from "../src/db.js"
import { builtinRegistry } from "../src/policies.js"

const out = process.argv[2]
if (out === undefined) throw new Error("usage: openapi-capture.ts OUT_DIR")
const AS_OF = "2021-06-30"
const population = syntheticPopulation(200, { region: "430121", seed: 3, asOf: AS_OF, idPrefix: "C" })
const opened = await openLedger(`sqlite:${join(mkdtempSync(join(tmpdir(), "liushou-openapi-")), "api.db")}`, "/")
await opened.ledger.importCaseFiles(population, { source: "openapi-capture", actor: "openapi-capture" })
const registry = builtinRegistry()
await opened.ledger.assess(Engine.make(registry), AS_OF, { actor: "openapi-capture" })
const token = "openapi-capture-officer-token"
const viewerToken = "openapi-capture-viewer-token"
const app = makeApi({ ledger: opened.ledger, registry, config: { users: [{ name: "officer-1", role: "officer", region: "430121", token }, { name: "viewer-1", role: "viewer", region: "430121", token: viewerToken }] }, workflow: referralWorkflow as never, log: () => undefined, today: () => AS_OF })

const call = async (method: string, path: string, body?: unknown, as = token) => {
  const r = await app.request(path, { method, headers: { authorization: `Bearer ${as}`, ...(body === undefined ? {} : { "content-type": "application/json" }) }, ...(body === undefined ? {} : { body: JSON.stringify(body) }) })
  return { status: r.status, body: (await r.json()) as unknown }
}

const elder = population[0]!
const responses: Array<{ path: string; method: string; status: number; body: unknown }> = []
const record = async (template: string, method: string, path: string, body?: unknown, as = token) => {
  const r = await call(method, path, body, as)
  responses.push({ path: template, method: method.toLowerCase(), status: r.status, body: r.body })
  return r
}
await record("/v1/me", "GET", "/v1/me")
await record("/v1/elders", "GET", "/v1/elders?limit=20")
await record("/v1/elders/{elderId}", "GET", `/v1/elders/${elder.elder.id}`)
await record("/v1/elders/{elderId}/visits", "POST", `/v1/elders/${elder.elder.id}/visits`, { date: AS_OF, mode: "home", by: "village-committee", concerns: [] })
await record("/v1/elders/{elderId}/assignments", "POST", `/v1/elders/${elder.elder.id}/assignments`, { role: "responsible-visitor", personId: "v-1", personKind: "village-cadre", from: "2021-01-01" })
await record("/v1/elders/{elderId}/assignments", "POST", `/v1/elders/${elder.elder.id}/assignments`, { id: "p1", role: "pairing", personId: "y-1", personKind: "younger-elder", from: "2021-02-01" })
await record("/v1/elders/{elderId}/assignments/{assignmentId}/end", "POST", `/v1/elders/${elder.elder.id}/assignments/p1/end`, { until: "2021-06-29" })
await record("/v1/elders/{elderId}/assignments/{assignmentId}/end", "POST", `/v1/elders/${elder.elder.id}/assignments/p1/end`, { until: "2021-06-30" })
await record("/v1/worklist", "GET", "/v1/worklist?person=v-1")
await record("/v1/recheck", "GET", "/v1/recheck?region=430121&asOf=2021-06-30")
// the ledger was written today: read it as of today
await record("/v1/indicators", "GET", `/v1/indicators?region=430121&from=2021-01-01&to=2021-06-30&asOf=${new Date().toISOString().slice(0, 10)}`)
await record("/v1/indicators", "GET", "/v1/indicators?region=430121&from=2021-01-01&to=2021-06-30&period=week")
const leaving = population[2]!.elder.id
await record("/v1/elders/{elderId}/ledger-events", "POST", `/v1/elders/${leaving}/ledger-events`, { date: "2021-05-01", event: "exited", reason: "entered-institution", note: "乡镇敬老院" })
await record("/v1/elders/{elderId}/ledger-events", "POST", `/v1/elders/${leaving}/ledger-events`, { date: "2021-05-02", event: "exited", reason: "died" })
await record("/v1/elders/{elderId}/ledger-events", "POST", `/v1/elders/${leaving}/ledger-events`, { date: "2021-06-01", event: "entered", reason: "identified-x" })
await record("/v1/ledger-events", "GET", "/v1/ledger-events?from=2021-01-01&to=2021-06-30")
await record("/v1/elders/{elderId}/services", "POST", `/v1/elders/${leaving}/services`, { date: "2021-04-01", kind: "emotional-comfort", personKind: "volunteer", personId: "V-001", note: "陪老人聊天" })
await record("/v1/elders/{elderId}/services", "POST", `/v1/elders/${leaving}/services`, { date: "2021-04-01", kind: "haircut", personKind: "volunteer", personId: "V-001" })
await record("/v1/services", "GET", "/v1/services?from=2021-01-01&to=2021-06-30&by=township")
await record("/v1/visits-due", "GET", "/v1/visits-due?dueBy=2021-07-31&limit=20")
await record("/v1/assessments-due", "GET", "/v1/assessments-due?dueBy=2022-06-30&limit=20")
await record("/v1/referrals", "POST", "/v1/referrals", { caseId: "R-1", elderId: elder.elder.id, on: AS_OF })
await record("/v1/referrals/{caseId}/transitions", "POST", "/v1/referrals/R-1/transitions", { action: "report", on: AS_OF })
await record("/v1/referrals/{caseId}", "GET", "/v1/referrals/R-1")
await record("/v1/referrals", "GET", "/v1/referrals?state=reported")
await record("/v1/evaluate", "POST", "/v1/evaluate", { asOf: AS_OF, caseFiles: [population[1], { elder: {} }] })
await record("/v1/elders/{elderId}", "GET", "/v1/elders/NO-SUCH-ELDER")
await record("/v1/visits-due", "GET", "/v1/visits-due?dueBy=not-a-date")
await record("/v1/elders/{elderId}", "GET", `/v1/elders/${elder.elder.id}?unmasked=true`, undefined, viewerToken)
await record("/v1/elders/{elderId}/visits", "POST", `/v1/elders/${elder.elder.id}/visits`, { date: "2021-07-01", mode: "home", by: "village-committee", concerns: [] })
await record("/v1/elders/{elderId}/assignments", "POST", `/v1/elders/${elder.elder.id}/assignments`, { role: "boss", personId: "v-1", personKind: "village-cadre", from: "2021-02-30" })
await opened.close()

writeFileSync(join(out, "openapi.json"), JSON.stringify((await (await app.request("/openapi.json")).json()) as unknown, null, 2))
writeFileSync(join(out, "responses.json"), JSON.stringify(responses, null, 2))
console.log(`openapi-capture: ${responses.length} responses (${responses.map((r) => `${r.method.toUpperCase()} ${r.path} ${r.status}`).join(", ")})`)
