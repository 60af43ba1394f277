import { join } from "node:path"
import { syntheticPopulation } from "@liushou/testkit"
import { referralWorkflow } from "@liushou/policy-hunan"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { makeApi } from "../src/api/Api.js"
import type { Config } from "../src/config/Config.js"
import { openLedger, type OpenedLedger } from "../src/db.js"
import { builtinRegistry } from "../src/policies.js"
import { cli, tempDir } from "./host-support.js"

// The evaluation indicators (考评, 湘民发〔2018〕30号 §10) through the CLI and the API. The ledger is
// written now, so it is read as of today (the figures as of an earlier day are storage's tests).
const TODAY = new Date().toISOString().slice(0, 10)
const cases = syntheticPopulation(200, { region: "430121", seed: 7, asOf: "2021-06-30", idPrefix: "I" })
const township = cases[0]!.elder.regionCode.slice(0, 9)
const TOKENS = { county: "tok-county-officer-00001", village: "tok-village-visitor-0001" }
const config: Config = {
  users: [
    { name: "county-1", role: "officer", region: "430121", token: TOKENS.county },
    { name: "village-1", role: "visitor", region: cases[0]!.elder.regionCode, token: TOKENS.village }
  ]
}

let dir: string
let opened: OpenedLedger
let app: ReturnType<typeof makeApi>
beforeAll(async () => {
  dir = tempDir("liushou-indicators-")
  opened = await openLedger(`sqlite:${join(dir, "county.db")}`, "/")
  await opened.ledger.importCaseFiles(cases, { source: "test", actor: "test" })
  app = makeApi({ ledger: opened.ledger, registry: builtinRegistry(), config, workflow: referralWorkflow as never, log: () => {}, today: () => TODAY })
})
afterAll(async () => {
  await opened.close()
})

const get = (token: string, query: string) => app.request(`/v1/indicators?${query}`, { headers: { authorization: `Bearer ${token}` } })

type Body = {
  asOf: string
  indicators: Array<{ id: string; numerator: { zh: string }; denominator: { zh: string } }>
  total: { values: Record<string, { numerator: number; denominator: number; value: number | null }> }
  townships: Array<{ region: string; values: Record<string, { numerator: number; denominator: number }> }>
  trend: Array<{ from: string; to: string }>
  rankings: Record<string, Array<{ region: string; rank: number | null }>>
}

describe("GET /v1/indicators", () => {
  it("answers the county's indicators with numerators and denominators that add up over townships, the trend and the rankings", async () => {
    const r = await get(TOKENS.county, "region=430121&from=2021-01-01&to=2021-06-30")
    expect(r.status).toBe(200)
    const body = (await r.json()) as Body
    expect(body.asOf).toBe(TODAY)
    expect(body.indicators.map((i) => i.id)).toContain("hunan.evaluation.visit-timeliness")
    expect(body.indicators.every((i) => i.numerator.zh.length > 0 && i.denominator.zh.length > 0)).toBe(true)
    let counted = 0
    for (const i of body.indicators) {
      const t = body.total.values[i.id]!
      expect(body.townships.reduce((a, x) => a + x.values[i.id]!.numerator, 0)).toBe(t.numerator)
      expect(body.townships.reduce((a, x) => a + x.values[i.id]!.denominator, 0)).toBe(t.denominator)
      if (t.denominator > 0) counted++
    }
    expect(counted).toBeGreaterThanOrEqual(5)
    expect(body.trend.map((p) => [p.from, p.to])).toEqual([
      ["2021-01-01", "2021-03-31"],
      ["2021-04-01", "2021-06-30"]
    ])
    expect(body.rankings["hunan.evaluation.visit-coverage"]!.map((x) => x.region).sort()).toEqual(body.townships.map((x) => x.region).sort())
    // the same question as of the same day: the same answer
    expect(await (await get(TOKENS.county, `region=430121&from=2021-01-01&to=2021-06-30&asOf=${TODAY}`)).json()).toEqual(body)
  })

  it("refuses a missing or malformed date, a period that ends before it starts, an as-of date before its end, an unknown period, and a region outside the user's scope; no region is the user's own", async () => {
    const bad = async (token: string, query: string, status: number, path?: string) => {
      const r = await get(token, query)
      expect(r.status, query).toBe(status)
      const e = (await r.json()) as { error: { code: string; issues?: Array<{ path: string }> } }
      expect(e.error.code, query).toBe(status === 400 ? "invalid-query" : e.error.code)
      if (path !== undefined) expect(e.error.issues?.[0]?.path, query).toBe(path)
      return e
    }
    await bad(TOKENS.county, "region=430121&to=2021-06-30", 400, "from")
    await bad(TOKENS.county, "region=430121&from=2021-02-30&to=2021-06-30", 400, "from")
    await bad(TOKENS.county, "region=430121&from=2021-07-01&to=2021-06-30", 400, "to")
    await bad(TOKENS.county, "region=430121&from=2021-01-01&to=2021-06-30&asOf=2021-06-29", 400, "asOf")
    await bad(TOKENS.county, "region=430121&from=2021-01-01&to=2021-06-30&period=week", 400, "period")
    // no region: the user's own
    expect(((await (await get(TOKENS.county, "from=2021-01-01&to=2021-06-30")).json()) as { region: string }).region).toBe("430121")
    expect((await get(TOKENS.village, "region=430121&from=2021-01-01&to=2021-06-30")).status).toBe(403)
  })
})

describe("liushou indicators", () => {
  it("prints the indicators in Chinese by default with their definitions, trend and township ranking; English with --lang en; JSON with --json", async () => {
    const db = `sqlite:${join(dir, "county.db")}`
    const zh = await cli(dir, "indicators", ["--region", "430121", "--from", "2021-01-01", "--to", "2021-06-30", "--db", db])
    expect(zh.code).toBe(0)
    expect(zh.out).toContain("考评指标")
    expect(zh.out).toContain(`按 ${TODAY} 日终的台账记录计算`)
    expect(zh.out).toContain("按时探访率")
    expect(zh.out).toContain("口径（分子 / 分母）")
    expect(zh.out).toContain("2021Q1")
    expect(zh.out).toContain("乡镇排名")
    const en = await cli(dir, "indicators", ["--region", "430121", "--from", "2021-01-01", "--to", "2021-06-30", "--db", db, "--lang", "en", "--rank-by", "hunan.evaluation.ledger-staleness", "--period", "month"])
    expect(en.out).toContain("Evaluation indicators of 430121")
    expect(en.out).toContain("Township ranking (Ledger staleness)")
    expect(en.out).toContain("2021-06")
    const json = await cli(dir, "indicators", ["--region", township, "--from", "2021-01-01", "--to", "2021-06-30", "--db", db, "--json"])
    const body = JSON.parse(json.out) as Body
    expect(body.townships.map((t) => t.region)).toEqual([township])
    const badPeriod = await cli(dir, "indicators", ["--region", "430121", "--from", "2021-01-01", "--to", "2021-06-30", "--db", db, "--period", "week"])
    expect(badPeriod.code).toBe(2)
    expect(badPeriod.err).toContain("--period")
    const early = await cli(dir, "indicators", ["--region", "430121", "--from", "2021-01-01", "--to", "2021-06-30", "--as-of", "2021-06-01", "--db", db])
    expect(early.code).toBe(2)
    expect(early.err).toContain("--as-of")
  })
})
