/**
 * `continuePastExpiry`: off by default, explicit (configuration or flag), a successor always wins
 * (core test), every reason marked, provenance records it and replay reproduces it, and every
 * assessment run and API evaluate request under it writes an audit entry, on both databases.
 */
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import type { Evaluation } from "@liushou/core"
import { DIALECTS } from "@liushou/test-databases"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { makeApi } from "../src/api/Api.js"
import { runCommand, type Io } from "../src/cli.js"
import { COMMANDS } from "../src/commands/index.js"
import type { Config } from "../src/config/Config.js"
import { openLedger } from "../src/db.js"
import { builtinRegistry } from "../src/policies.js"

const AS_OF = "2024-06-30"
const DECISION = "长县民发〔2023〕12号"

const run = async (cwd: string, name: string, args: ReadonlyArray<string>) => {
  const out: Array<string> = []
  const err: Array<string> = []
  const io: Io = { out: (t) => void out.push(t), err: (t) => void err.push(t), isTTY: false, cwd }
  const code = await runCommand(COMMANDS.find((c) => c.name === name)!, args.includes("--lang") ? args : [...args, "--lang", "en"], io)
  return { code, out: out.join("\n"), err: err.join("\n") }
}

/** every reason of an evaluation, wherever it is */
const reasonsOf = (e: unknown): Array<{ code: string; text: { zh: string; en: string }; continuedPastExpiry?: true }> => {
  const out: Array<{ code: string; text: { zh: string; en: string }; continuedPastExpiry?: true }> = []
  const walk = (v: unknown): void => {
    if (v === null || typeof v !== "object") return
    if (Array.isArray(v)) return v.forEach(walk)
    for (const [k, x] of Object.entries(v)) {
      if (k === "reasons" && Array.isArray(x)) out.push(...(x as typeof out))
      else walk(x)
    }
  }
  walk(e)
  return out
}

const cases = (JSON.parse(readFileSync(join(import.meta.dirname, "..", "..", "data", "hunan-villages.json"), "utf8")) as Array<{ elder: { regionCode: string } }>).slice(0, 12)

for (const dialect of DIALECTS) {
  describe(`continuePastExpiry on ${dialect.name}`, () => {
    let db: { url: string; close: () => Promise<void> }
    let dir: string
    beforeAll(async () => {
      db = await dialect.fresh("continue")
      dir = mkdtempSync(join(tmpdir(), "liushou-continue-"))
      writeFileSync(join(dir, "cases.json"), JSON.stringify(cases))
      expect((await run(dir, "import", ["--input", "cases.json", "--db", db.url])).code).toBe(0)
    })
    afterAll(async () => {
      await db?.close()
    })

    it("is off by default: after 2023-08-02 the national baseline governs, nothing is audited as continued", async () => {
      const a = await run(dir, "assess", ["--as-of", AS_OF, "--db", db.url, "--run-id", "plain"])
      expect(a.code).toBe(0)
      const { ledger, close } = await openLedger(db.url, dir)
      try {
        const e = await ledger.evaluation({ regionCode: cases[0]!.elder.regionCode, elderId: (cases[0]!.elder as unknown as { id: string }).id, runId: "plain" })
        expect(e!.evaluation.policy.id).toBe("national-2017-193")
        expect(e!.evaluation.provenance.continuedPastExpiry).toBeUndefined()
        expect(e!.evaluation.visits?.intervalDays).toBe(30)
        expect((await ledger.auditLog()).some((x) => x.action.endsWith("continued-past-expiry"))).toBe(false)
      } finally {
        await close()
      }
    })

    it("assess --continue-past-expiry keeps Hunan, marks every reason, audits the run; replay reproduces it", async () => {
      const a = await run(dir, "assess", ["--as-of", AS_OF, "--db", db.url, "--run-id", "kept", "--continue-past-expiry", "hunan-2018-30", "--continue-decision", DECISION])
      expect(a.code).toBe(0)
      expect(a.err).toContain("continued past expiry")
      const { ledger, close } = await openLedger(db.url, dir)
      try {
        const e = await ledger.evaluation({ regionCode: cases[0]!.elder.regionCode, elderId: (cases[0]!.elder as unknown as { id: string }).id, runId: "kept" })
        expect(e!.evaluation.policy.id).toBe("hunan-2018-30")
        expect(e!.evaluation.provenance.continuedPastExpiry).toBe(true)
        const rs = reasonsOf(e!.evaluation)
        expect(rs.length).toBeGreaterThan(10)
        for (const r of rs) expect(r.continuedPastExpiry, r.code).toBe(true)
        for (const r of rs.filter((x) => !x.code.startsWith("selection."))) expect(r.text.zh.endsWith("（失效后继续适用）"), r.code).toBe(true)
        expect(e!.evaluation.selection.reasons[0]!.text.zh).toContain(DECISION)
        const audit = (await ledger.auditLog()).filter((x) => x.action === "assess.continued-past-expiry")
        expect(audit).toHaveLength(1)
        expect(audit[0]!.subject).toBe("kept")
        expect(audit[0]!.detail).toMatchObject({ asOf: AS_OF, evaluated: cases.length, continuePastExpiry: [{ plugin: "hunan-2018-30", until: null, decision: DECISION }] })
      } finally {
        await close()
      }
      const r = await run(dir, "replay", ["--db", db.url, "--run-id", "kept"])
      expect(r.out).toContain(`replayed ${cases.length} evaluations`)
      expect(r.out).toContain(`${cases.length} same, 0 differ`)
    })

    it("the API under the configuration's continuePastExpiry audits every evaluate request, JSON and streamed", async () => {
      const token = "tok-county-officer-continue-1"
      const config: Config = { users: [{ name: "county-1", role: "officer", region: "43", token }], continuePastExpiry: [{ plugin: "hunan-2018-30", decision: DECISION }] }
      const { ledger, close } = await openLedger(db.url, dir)
      try {
        const app = makeApi({ ledger, registry: builtinRegistry(), config, today: () => AS_OF })
        const before = (await ledger.auditLog()).filter((x) => x.action === "evaluate.continued-past-expiry").length
        const r = await app.request("/v1/evaluate", { method: "POST", headers: { authorization: `Bearer ${token}`, "content-type": "application/json" }, body: JSON.stringify({ asOf: AS_OF, caseFiles: cases.slice(0, 3) }) })
        expect(r.status).toBe(200)
        const body = (await r.json()) as { evaluations: Array<Evaluation.Evaluation> }
        expect(body.evaluations.map((e) => [e.policy.id, e.provenance.continuedPastExpiry])).toEqual(Array(3).fill(["hunan-2018-30", true]))
        // in force on 2023-08-02: no continuation, still audited as a request under the option
        const s = await app.request(`/v1/evaluate?asOf=2023-08-02`, { method: "POST", headers: { authorization: `Bearer ${token}`, "content-type": "application/x-ndjson" }, body: cases.slice(0, 2).map((c) => JSON.stringify(c)).join("\n") + "\n" })
        expect(s.status).toBe(200)
        await s.text()
        const audit = (await ledger.auditLog()).filter((x) => x.action === "evaluate.continued-past-expiry")
        expect(audit).toHaveLength(before + 2)
        expect(audit.at(-2)).toMatchObject({ actor: "county-1", regionCode: "43", detail: { asOf: AS_OF, evaluated: 3, continued: 3 } })
        expect(audit.at(-1)).toMatchObject({ actor: "county-1", detail: { asOf: "2023-08-02", evaluated: 2, continued: 0 } })
        // without the option: national baseline, no audit entry
        const plain = makeApi({ ledger, registry: builtinRegistry(), config: { users: config.users! }, today: () => AS_OF })
        const p = await plain.request("/v1/evaluate", { method: "POST", headers: { authorization: `Bearer ${token}`, "content-type": "application/json" }, body: JSON.stringify({ asOf: AS_OF, caseFiles: cases.slice(0, 1) }) })
        expect(((await p.json()) as { evaluations: Array<Evaluation.Evaluation> }).evaluations[0]!.policy.id).toBe("national-2017-193")
        expect((await ledger.auditLog()).filter((x) => x.action === "evaluate.continued-past-expiry")).toHaveLength(before + 2)
      } finally {
        await close()
      }
    })

    it("the evaluation indicators follow the same selection: none under the national baseline (said plainly), Hunan's marked when continued, in the CLI, the API and the report", async () => {
      const county = cases[0]!.elder.regionCode.slice(0, 6)
      const period = ["--region", county, "--from", "2024-01-01", "--to", "2024-06-30", "--db", db.url]
      const plain = await run(dir, "indicators", period)
      expect(plain.code).toBe(0)
      expect(plain.out).toContain("the policy governing at the period's end is 民发〔2017〕193号 (national-2017-193@")
      expect(plain.out).toContain("it declares no evaluation indicators")
      expect(plain.out).toContain("is not in force on 2024-06-30")
      expect(plain.out).not.toContain("Township ranking")
      const plainZh = await run(dir, "indicators", [...period, "--lang", "zh"])
      expect(plainZh.out).toContain("该政策未规定考评指标")
      const kept = await run(dir, "indicators", [...period, "--continue-past-expiry", "hunan-2018-30", "--continue-decision", DECISION])
      expect(kept.code).toBe(0)
      expect(kept.err).toContain("continued past expiry")
      expect(kept.out).toMatch(/Evaluation method: 湘民发〔2018〕30号 \(hunan-2018-30@[^)]+\) \(continued past expiry\)/)
      expect(kept.out).toContain(DECISION)
      expect(kept.out).toContain("Visit timeliness (continued past expiry)")
      const keptZh = await run(dir, "indicators", [...period, "--continue-past-expiry", "hunan-2018-30", "--lang", "zh"])
      expect(keptZh.out).toContain("按时探访率（失效后继续适用）")
      const json = JSON.parse((await run(dir, "indicators", [...period, "--json", "--continue-past-expiry", "hunan-2018-30"])).out) as { indicators: Array<{ id: string }>; governing: { policy: string; continuedPastExpiry?: true } }
      expect(json.governing.policy).toMatch(/^hunan-2018-30@/)
      expect(json.governing.continuedPastExpiry).toBe(true)
      expect(json.indicators.length).toBeGreaterThan(5)
      // within the validity nothing is marked
      const inForce = JSON.parse((await run(dir, "indicators", ["--region", county, "--from", "2023-01-01", "--to", "2023-06-30", "--db", db.url, "--json", "--continue-past-expiry", "hunan-2018-30"])).out) as typeof json
      expect(inForce.governing.continuedPastExpiry).toBeUndefined()
      expect(inForce.indicators.length).toBe(json.indicators.length)

      const token = "tok-county-officer-continue-2"
      const users = [{ name: "county-2", role: "officer" as const, region: "43", token }]
      const { ledger, close } = await openLedger(db.url, dir)
      try {
        const today = new Date().toISOString().slice(0, 10)
        const ask = (app: ReturnType<typeof makeApi>, path: string) => app.request(path, { headers: { authorization: `Bearer ${token}` } })
        const on = makeApi({ ledger, registry: builtinRegistry(), config: { users, continuePastExpiry: [{ plugin: "hunan-2018-30", decision: DECISION }] }, today: () => AS_OF })
        const off = makeApi({ ledger, registry: builtinRegistry(), config: { users }, today: () => AS_OF })
        const q = `/v1/indicators?region=${county}&from=2024-01-01&to=2024-06-30&asOf=${today}`
        const a = (await (await ask(on, q)).json()) as typeof json & { total: { values: Record<string, unknown> } }
        expect(a.governing.continuedPastExpiry).toBe(true)
        expect(Object.keys(a.total.values)).toEqual(a.indicators.map((i) => i.id))
        const b = (await (await ask(off, q)).json()) as typeof json
        expect(b.indicators).toEqual([])
        expect(b.governing.policy).toMatch(/^national-2017-193@/)
        expect(b.governing.continuedPastExpiry).toBeUndefined()
        const reportOn = await (await ask(on, `/v1/report?region=${county}&asOf=${AS_OF}&lang=en`)).text()
        expect(reportOn).toMatch(/Evaluation method: 湘民发〔2018〕30号 \(hunan-2018-30@[^)]+\) \(continued past expiry\)/)
        const reportOff = await (await ask(off, `/v1/report?region=${county}&asOf=${AS_OF}&lang=zh`)).text()
        expect(reportOff).toContain("该政策未规定考评指标，本节无指标")
      } finally {
        await close()
      }
    })
  })
}

describe("continuePastExpiry in liushou.config.json and on the command line", () => {
  const dir = mkdtempSync(join(tmpdir(), "liushou-continue-cfg-"))
  writeFileSync(join(dir, "cases.json"), JSON.stringify(cases.slice(0, 2)))

  it("evaluate follows the configuration, until its date (inclusive)", async () => {
    writeFileSync(join(dir, "liushou.config.json"), JSON.stringify({ continuePastExpiry: [{ plugin: "hunan-2018-30", until: "2024-06-30", decision: DECISION }] }))
    const on = await run(dir, "evaluate", ["--input", "cases.json", "--as-of", "2024-06-30", "--json"])
    expect((JSON.parse(on.out) as Array<Evaluation.Evaluation>).map((e) => e.policy.id)).toEqual(["hunan-2018-30", "hunan-2018-30"])
    const after = await run(dir, "evaluate", ["--input", "cases.json", "--as-of", "2024-07-01", "--json"])
    expect((JSON.parse(after.out) as Array<Evaluation.Evaluation>).map((e) => e.policy.id)).toEqual(["national-2017-193", "national-2017-193"])
  })

  it("the flag needs a plugin id and a calendar date", async () => {
    writeFileSync(join(dir, "liushou.config.json"), JSON.stringify({}))
    const bad = await run(dir, "evaluate", ["--input", "cases.json", "--as-of", "2024-06-30", "--continue-past-expiry", "hunan-2018-30:2024-02-30"])
    expect(bad.code).toBe(2)
    const ok = await run(dir, "evaluate", ["--input", "cases.json", "--as-of", "2024-06-30", "--json", "--continue-past-expiry", "hunan-2018-30"])
    expect((JSON.parse(ok.out) as Array<Evaluation.Evaluation>)[0]!.provenance.continuedPastExpiry).toBe(true)
  })
})
