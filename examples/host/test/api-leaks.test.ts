/**
 * The API's leak corpus: bad requests carrying personal values (ID numbers, phones, names) in
 * wrong types, under misspelled keys, in broken JSON, in paths and queries, with control
 * characters. No response (body or header) and no log line ever holds one of them unmasked, nor
 * a raw control character. On every database.
 */
import { join } from "node:path"
import { syntheticPopulation } from "@liushou/testkit"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { makeApi } from "../src/api/Api.js"
import type { Config } from "../src/config/Config.js"
import { openLedger, type OpenedLedger } from "../src/db.js"
import { builtinRegistry } from "../src/policies.js"
import { tempDir } from "./host-support.js"
import { DIALECTS } from "@liushou/test-databases"

const AS_OF = "2021-06-30"
const ID_NUMBER = "430121195003151237"
const PHONE = "13912345678"
const NAME = "欧阳秀英"
const SECRETS = [ID_NUMBER, PHONE, NAME, "430121195003151"]
const TOKEN = "tok-leak-corpus-officer-0001"
const config: Config = { users: [{ name: "officer-1", role: "officer", region: "4301", token: TOKEN }] }
const elders = syntheticPopulation(3, { region: "430121", seed: 41, asOf: AS_OF, idPrefix: "L" })
const good = elders[0]!
const withElder = (patch: Record<string, unknown>) => ({ ...good, elder: { ...good.elder, ...patch } })
const evaluate = (caseFiles: ReadonlyArray<unknown>) => JSON.stringify({ asOf: AS_OF, caseFiles })

/** Each case: a method, a path and a body (raw text) carrying personal values. */
const CORPUS: ReadonlyArray<{ readonly name: string; readonly method: string; readonly path: string; readonly body?: string }> = [
  { name: "ID number as a number", method: "POST", path: "/v1/evaluate", body: evaluate([withElder({ idNumber: Number(ID_NUMBER.slice(0, 15)) })]) },
  { name: "ID number with a bad check character", method: "POST", path: "/v1/evaluate", body: evaluate([withElder({ idNumber: ID_NUMBER.slice(0, 17) + "0" })]) },
  { name: "phone of the wrong type", method: "POST", path: "/v1/evaluate", body: evaluate([withElder({ phone: Number(PHONE) })]) },
  { name: "name as an array", method: "POST", path: "/v1/evaluate", body: evaluate([withElder({ name: [NAME] })]) },
  { name: "name as an object", method: "POST", path: "/v1/evaluate", body: evaluate([withElder({ name: { full: NAME } })]) },
  { name: "misspelled personal keys", method: "POST", path: "/v1/evaluate", body: evaluate([withElder({ idCard: ID_NUMBER, mobile: PHONE, fullName: NAME })]) },
  { name: "misspelled keys on a supporter", method: "POST", path: "/v1/evaluate", body: evaluate([{ ...good, supporters: [{ ...good.supporters[0], telephone: PHONE, sfz: ID_NUMBER }] }]) },
  { name: "the ledger id is an ID number", method: "POST", path: "/v1/evaluate", body: evaluate([withElder({ id: ID_NUMBER, birthDate: "1950-02-30" })]) },
  { name: "broken JSON around an ID number", method: "POST", path: "/v1/evaluate", body: `{"asOf":"${AS_OF}","caseFiles":[{"elder":{"idNumber":"${ID_NUMBER}", "name": "${NAME}"` },
  { name: "asOf is a phone", method: "POST", path: "/v1/evaluate", body: JSON.stringify({ asOf: PHONE, caseFiles: [] }) },
  { name: "unknown top-level key with a name", method: "POST", path: "/v1/evaluate", body: JSON.stringify({ asOf: AS_OF, caseFiles: [], contactName: NAME, contactPhone: PHONE }) },
  { name: "escape sequences in the ledger id", method: "POST", path: "/v1/evaluate", body: evaluate([withElder({ id: `\u001b[31m${PHONE}\n\u0007`, birthDate: "x" })]) },
  { name: "an ID number as the elder in the path", method: "GET", path: `/v1/elders/${ID_NUMBER}` },
  { name: "a phone as the elder of a visit", method: "POST", path: `/v1/elders/${PHONE}/visits`, body: JSON.stringify({ date: AS_OF, mode: "home", by: "volunteer", concerns: [] }) },
  { name: "a visit with personal values in wrong places", method: "POST", path: `/v1/elders/${good.elder.id}/visits`, body: JSON.stringify({ date: PHONE, mode: NAME, by: ID_NUMBER, concerns: [NAME], phone: PHONE }) },
  { name: "an assignment naming a person by ID number", method: "POST", path: `/v1/elders/${good.elder.id}/assignments`, body: JSON.stringify({ id: ID_NUMBER, role: "pairing", person: { id: PHONE, kind: NAME }, from: "x" }) },
  { name: "a referral for an ID number", method: "POST", path: "/v1/referrals", body: JSON.stringify({ caseId: PHONE, elderId: ID_NUMBER, on: AS_OF, to: NAME }) },
  { name: "a transition of a case named by a phone", method: "POST", path: `/v1/referrals/${PHONE}/transitions`, body: JSON.stringify({ action: NAME, on: PHONE }) },
  { name: "queries holding personal values", method: "GET", path: `/v1/elders?region=${ID_NUMBER}&limit=${PHONE}&after=${PHONE}/${encodeURIComponent(NAME)}` },
  { name: "a date query holding a phone", method: "GET", path: `/v1/visits/due?dueBy=${PHONE}` },
  { name: "a report for a region that is an ID number", method: "GET", path: `/v1/report?region=${ID_NUMBER}&asOf=${PHONE}` },
  { name: "a worklist for a person that is an ID number", method: "GET", path: `/v1/worklist?person=${ID_NUMBER}&asOf=${PHONE}` }
]

for (const dialect of DIALECTS) {
  describe(`the API leak corpus on ${dialect.name}`, () => {
    let db: { url: string; close: () => Promise<void> }
    let opened: OpenedLedger
    const logged: Array<string> = []
    let app: ReturnType<typeof makeApi>
    beforeAll(async () => {
      db = await dialect.fresh("leaks")
      opened = await openLedger(dialect.name === "sqlite" ? `sqlite:${db.url}` : db.url, tempDir())
      await opened.ledger.importCaseFiles(elders, { actor: "test" })
      app = makeApi({ ledger: opened.ledger, registry: builtinRegistry(), config, today: () => AS_OF, log: (e) => void logged.push(JSON.stringify(e)) })
    })
    afterAll(async () => {
      await opened?.close()
      await db?.close()
    })

    it(`answers all ${CORPUS.length} bad requests with an error and never echoes a personal value or a control character`, async () => {
      let refused = 0
      for (const c of CORPUS) {
        const r = await app.request(c.path, { method: c.method, headers: { authorization: `Bearer ${TOKEN}`, ...(c.body === undefined ? {} : { "content-type": "application/json" }) }, ...(c.body === undefined ? {} : { body: c.body }) })
        const text = await r.text()
        const headers = JSON.stringify([...r.headers.entries()])
        // each case is refused, or (evaluate) answered with the case file among the errors
        const errored = r.status >= 400 || (JSON.parse(text) as { errors?: Array<unknown> }).errors?.length === 1
        expect(errored, `${c.name}: ${r.status} ${text.slice(0, 200)}`).toBe(true)
        refused++
        for (const secret of SECRETS) {
          expect(text, `${c.name}: the response holds ${secret}`).not.toContain(secret)
          expect(headers, c.name).not.toContain(secret)
        }
        expect(text, c.name).not.toMatch(/[\u0000-\u001f\u007f]/)
      }
      expect(refused).toBe(CORPUS.length)
      // the refusals logged (401/403/404, bad regions) name no personal value either
      expect(logged.length).toBeGreaterThan(0)
      for (const line of logged) for (const secret of SECRETS) expect(line).not.toContain(secret)
    })
  })
}
