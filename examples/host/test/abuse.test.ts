/**
 * Abuse of the API and the CLI: bodies too large or not JSON, an elder id used by two counties,
 * weak tokens from the environment, an unmasked export without the user's credential, control
 * characters and personal data in what is printed.
 */
import { writeFileSync } from "node:fs"
import { join } from "node:path"
import type { CaseFile } from "@liushou/core"
import { syntheticPopulation } from "@liushou/testkit"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import * as Access from "../src/access.js"
import { makeApi } from "../src/api/Api.js"
import type { Config } from "../src/config/Config.js"
import { openLedger, type OpenedLedger } from "../src/db.js"
import { builtinRegistry } from "../src/policies.js"
import { cli, tempDir } from "./host-support.js"

const AS_OF = "2021-06-30"
// two counties numbering their elders the same way
const changsha = syntheticPopulation(20, { region: "430121", seed: 21, asOf: AS_OF, idPrefix: "P" })
const liuyang = syntheticPopulation(20, { region: "430181", seed: 22, asOf: AS_OF, idPrefix: "P" })

const TOKENS = { prefecture: "tok-prefecture-officer-001", county: "tok-liuyang-officer-000001" }
const config: Config = {
  users: [
    { name: "pref-1", role: "officer", region: "4301", token: TOKENS.prefecture },
    { name: "liuyang-1", role: "officer", region: "430181", token: TOKENS.county }
  ]
}

let dir: string
let opened: OpenedLedger
let app: ReturnType<typeof makeApi>

beforeAll(async () => {
  dir = tempDir("liushou-abuse-")
  opened = await openLedger(`sqlite:${join(dir, "ledger.db")}`, "/")
  expect(changsha[0]!.elder.id).toBe(liuyang[0]!.elder.id)
  await opened.ledger.importCaseFiles([...changsha, ...liuyang], { actor: "test" })
  app = makeApi({ ledger: opened.ledger, registry: builtinRegistry(), config, today: () => AS_OF, log: () => undefined, maxBodyBytes: 64 * 1024 })
})
afterAll(async () => {
  await opened.close()
})

const req = (token: string, method: string, path: string, body?: string, type = "application/json") =>
  app.request(path, { method, headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { "content-type": type }) }, ...(body === undefined ? {} : { body }) })

describe("API limits", () => {
  it("answers 413 to a body over the limit and 415 to a body that is not JSON", async () => {
    const big = JSON.stringify({ asOf: AS_OF, caseFiles: Array.from({ length: 200 }, () => changsha[0]) })
    expect(big.length).toBeGreaterThan(64 * 1024)
    const r = await req(TOKENS.prefecture, "POST", "/v1/evaluate", big)
    expect(r.status).toBe(413)
    expect(((await r.json()) as { error: { code: string } }).error.code).toBe("body-too-large")
    const small = JSON.stringify({ asOf: AS_OF, caseFiles: [changsha[0]] })
    expect((await req(TOKENS.prefecture, "POST", "/v1/evaluate", small)).status).toBe(200)
    expect((await req(TOKENS.prefecture, "POST", "/v1/evaluate", small, "text/plain")).status).toBe(415)
    expect((await req(TOKENS.prefecture, "POST", "/v1/evaluate", small, "application/x-www-form-urlencoded")).status).toBe(415)
  })

  it("an elder id used by two counties: ambiguous without a region, the right elder with one, never the other county's", async () => {
    const id = changsha[0]!.elder.id
    const ambiguous = await req(TOKENS.prefecture, "GET", `/v1/elders/${id}`)
    expect(ambiguous.status).toBe(409)
    expect(((await ambiguous.json()) as { error: { code: string } }).error.code).toBe("ambiguous-elder")
    const one = await req(TOKENS.prefecture, "GET", `/v1/elders/${id}?region=430181`)
    expect(one.status).toBe(200)
    expect(((await one.json()) as CaseFile.CaseFile).elder.regionCode).toBe(liuyang[0]!.elder.regionCode)
    // the county officer sees only their own elder under that id
    const own = await req(TOKENS.county, "GET", `/v1/elders/${id}`)
    expect(((await own.json()) as CaseFile.CaseFile).elder.regionCode.startsWith("430181")).toBe(true)
    const visit = JSON.stringify({ date: "2021-06-20", mode: "home", by: "village-committee", concerns: [] })
    expect((await req(TOKENS.county, "POST", `/v1/elders/${id}/visits`, visit)).status).toBe(201)
    expect((await opened.ledger.elder(id, { region: "430121" }))!.caseFile).toEqual(changsha[0])
    expect((await opened.ledger.elder(id, { region: "430181" }))!.caseFile.visits).toHaveLength(liuyang[0]!.visits.length + 1)
  })
})

describe("streamed batches: POST /v1/evaluate with JSON Lines", () => {
  const ndjson = (token: string, path: string, body: string | ReadableStream<Uint8Array>, application = app) =>
    application.request(path, { method: "POST", headers: { authorization: `Bearer ${token}`, "content-type": "application/x-ndjson" }, body, duplex: "half" } as RequestInit)
  const parse = (text: string) => text.trimEnd().split("\n").map((l) => JSON.parse(l) as { position?: number; evaluation?: { elderId: string }; error?: { code?: string; message: { en: string } }; done?: boolean; evaluated?: number; rejected?: number })

  it("takes a batch far over the body limit, one result line per case file in order, bad lines reported by position, and a closing count", async () => {
    const lines = Array.from({ length: 300 }, (_, i) => JSON.stringify(changsha[i % changsha.length]))
    lines[7] = `{"elder":{"idNumber":"430121195003151237","name":"欧阳秀英"` // broken JSON around an ID number
    lines[8] = ""
    lines[9] = JSON.stringify(liuyang[0]) // the county officer's scope is 430181 only below
    const body = lines.join("\n") + "\n"
    expect(body.length).toBeGreaterThan(64 * 1024)
    // as one JSON body the same batch is refused
    expect((await req(TOKENS.prefecture, "POST", "/v1/evaluate", JSON.stringify({ asOf: AS_OF, caseFiles: Array.from({ length: 300 }, (_, i) => changsha[i % changsha.length]) }))).status).toBe(413)
    const r = await ndjson(TOKENS.prefecture, `/v1/evaluate?asOf=${AS_OF}`, body)
    expect(r.status).toBe(200)
    expect(r.headers.get("content-type")).toContain("application/x-ndjson")
    const text = await r.text()
    expect(text).not.toContain("430121195003151237")
    expect(text).not.toContain("欧阳秀英")
    const out = parse(text)
    const results = out.filter((o) => o.done !== true)
    // blank line 8 gives nothing; every other line one result, in order
    expect(results.map((o) => o.position)).toEqual(lines.map((l, i) => (l === "" ? -1 : i)).filter((i) => i >= 0))
    expect(results.find((o) => o.position === 7)!.error!.message.en).toContain("valid JSON")
    expect(out.at(-1)).toEqual({ done: true, evaluated: 298, rejected: 1 })
    // a county officer: the other county's case file is refused on its line, the rest evaluated
    const county = parse(await (await ndjson(TOKENS.county, `/v1/evaluate?asOf=${AS_OF}`, [JSON.stringify(liuyang[1]), JSON.stringify(changsha[1])].join("\n"))).text())
    expect(county.map((o) => o.error?.code ?? (o.evaluation !== undefined ? "evaluated" : "done"))).toEqual(["evaluated", "out-of-scope", "done"])
  })

  it("skips a line over the line limit without buffering it, and needs asOf in the query", async () => {
    const small = makeApi({ ledger: opened.ledger, registry: builtinRegistry(), config, today: () => AS_OF, log: () => undefined, maxLineBytes: 4096 })
    const huge = JSON.stringify({ ...changsha[0], padding: "x".repeat(100_000) })
    const out = parse(await (await ndjson(TOKENS.prefecture, `/v1/evaluate?asOf=${AS_OF}`, [JSON.stringify(changsha[0]), huge, JSON.stringify(changsha[1])].join("\n"), small)).text())
    expect(out.map((o) => o.error?.code ?? (o.done === true ? "done" : "evaluated"))).toEqual(["evaluated", "line-too-large", "evaluated", "done"])
    expect(out[1]!.error!.message.en).toContain("line 2 is longer than 4096 bytes")
    const missing = await ndjson(TOKENS.prefecture, "/v1/evaluate", JSON.stringify(changsha[0]))
    expect(missing.status).toBe(400)
    expect(((await missing.json()) as { error: { code: string } }).error.code).toBe("invalid-query")
  })

  it("streams: the first result is answered before the rest of the body is sent", async () => {
    let push!: ReadableStreamDefaultController<Uint8Array>
    const body = new ReadableStream<Uint8Array>({ start: (c) => void (push = c) })
    const encoder = new TextEncoder()
    push.enqueue(encoder.encode(JSON.stringify(changsha[0]) + "\n"))
    const r = await ndjson(TOKENS.prefecture, `/v1/evaluate?asOf=${AS_OF}`, body)
    const reader = r.body!.getReader()
    const first = new TextDecoder().decode((await reader.read()).value)
    // the request body is still open: only its first line was sent
    expect(JSON.parse(first)).toMatchObject({ position: 0, evaluation: { elderId: changsha[0]!.elder.id } })
    push.enqueue(encoder.encode(JSON.stringify(changsha[1]) + "\n"))
    push.close()
    let rest = ""
    for (let chunk = await reader.read(); chunk.done !== true; chunk = await reader.read()) rest += new TextDecoder().decode(chunk.value)
    expect(parse(rest).map((o) => o.position ?? "done")).toEqual([1, "done"])
  })
})

describe("credentials", () => {
  it("a token from the environment shorter than the minimum is never accepted, and serve refuses to start", async () => {
    const weak: Config = { users: [{ name: "w", role: "viewer", region: "430121", tokenEnv: "LIUSHOU_TEST_WEAK_TOKEN" }] }
    process.env.LIUSHOU_TEST_WEAK_TOKEN = "x"
    try {
      expect(Access.principalForToken(weak, "x")).toBeUndefined()
      expect(Access.weakTokenEnvs(weak)).toEqual(["w"])
      writeFileSync(join(dir, "weak.json"), JSON.stringify(weak))
      const r = await cli(dir, "serve", ["--config", join(dir, "weak.json"), "--db", `sqlite:${join(dir, "weak.db")}`, "--port", "0"])
      expect(r.code).toBe(2)
      expect(r.err).toContain("短于 16 个字符")
      process.env.LIUSHOU_TEST_WEAK_TOKEN = "a-long-enough-token-123"
      expect(Access.principalForToken(weak, "a-long-enough-token-123")).toMatchObject({ name: "w" })
    } finally {
      delete process.env.LIUSHOU_TEST_WEAK_TOKEN
    }
  })

  it("export --unmasked needs the user's own token, as the API does", async () => {
    writeFileSync(join(dir, "users.json"), JSON.stringify(config))
    const args = ["--config", join(dir, "users.json"), "--db", `sqlite:${join(dir, "ledger.db")}`, "--user", "liuyang-1", "--out", join(dir, "out.xlsx"), "--unmasked"]
    delete process.env.LIUSHOU_TOKEN
    const none = await cli(dir, "export", ["--lang", "en", ...args])
    expect(none.code).toBe(2)
    expect(none.err).toContain("LIUSHOU_TOKEN")
    try {
      process.env.LIUSHOU_TOKEN = TOKENS.prefecture
      expect((await cli(dir, "export", ["--lang", "en", ...args])).code).toBe(2)
      process.env.LIUSHOU_TOKEN = TOKENS.county
      const ok = await cli(dir, "export", ["--lang", "en", ...args])
      expect(ok.code).toBe(0)
      expect(ok.out).toContain("unmasked")
    } finally {
      delete process.env.LIUSHOU_TOKEN
    }
    // masked needs no token
    expect((await cli(dir, "export", ["--lang", "en", ...args.filter((a) => a !== "--unmasked")])).code).toBe(0)
  })
})

describe("what the CLI prints", () => {
  it("masks personal data and escapes control characters in every line of an import's output", async () => {
    const [base] = changsha
    const line = (f: (cf: any) => void) => {
      const cf = JSON.parse(JSON.stringify(base)) as any
      f(cf)
      return JSON.stringify(cf)
    }
    const secrets = ["430121195901010020", "13812345678", "王秀英"]
    const corpus = [
      line((cf) => (cf.elder.phone = 13812345678)),
      line((cf) => (cf.elder.idCard = "430121195901010020")),
      line((cf) => (cf.elder.mobile = "13812345678")),
      line((cf) => (cf.elder.fullName = "王秀英")),
      line((cf) => (cf.elder.id = "430121195901010020").toString() + (cf.elder.sex = "x")),
      line((cf) => (cf.elder.id = "E\u001b[2J\u001b]0;owned\u0007\nroot#")),
      '{"elder":{"name":"王秀英","idNumber":"430121195901010020" oops'
    ]
    const input = join(dir, "leaks.jsonl")
    writeFileSync(input, corpus.join("\n"))
    for (const lang of ["en", "zh"]) {
      const r = await cli(dir, "import", ["--input", input, "--db", `sqlite:${join(dir, "leaks.db")}`, "--lang", lang])
      expect(r.code).toBe(1)
      const printed = `${r.out}\n${r.err}`
      for (const secret of secrets) expect(printed).not.toContain(secret)
      expect(printed).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f]/)
      expect(printed).toContain("\\u001b")
    }
  })
})
