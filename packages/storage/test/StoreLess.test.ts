/**
 * Store less: an evaluation with the same plan, input version and date-independent part as the
 * elder's last stored one is stored as a reference to the row that holds that part, with only its
 * own dates. Replay reproduces every stored decision, a changed case file or plan is written in
 * full, and verify still finds a missing or changed evaluation. On both dialects.
 */
import { describe, expect, it } from "vitest"
import { sql } from "kysely"
import { Ledger } from "../src/index.js"
import { population } from "./support/arbitraries.js"
import { DIALECTS } from "@liushou/test-databases"
import { withLedger } from "./support/ledger.js"
import { engine } from "./support/policy.js"

let tick = 0
const clock = () => `2019-07-01T08:00:${String(tick++ % 60).padStart(2, "0")}.000Z`

for (const dialect of DIALECTS) {
  describe(`Store less on ${dialect.name}`, () => {
    let ledger: Ledger.Ledger
    withLedger(dialect, "storeless", { clock, each: true }, async (l) => {
      ledger = l
      await ledger.importCaseFiles([...population(24)], { importId: "i1", actor: "clerk" })
    })
    const rows = (runId: string) =>
      ledger.db.selectFrom("evaluations").select(["region_code", "elder_id", "evaluation", "base_run", "body_hash", "dated"]).where("run_id", "=", runId).orderBy("region_code").orderBy("elder_id").execute()
    const kinds = async () => (await ledger.verify()).problems.map((p) => p.kind)

    it("a later run over an unchanged ledger references the first run's rows, and replay reproduces every decision", async () => {
      const first = await ledger.assess(engine(), "2019-06-30", { runId: "run1" })
      expect(first).toMatchObject({ evaluated: 24, referenced: 0 })
      const second = await ledger.assess(engine(), "2019-07-07", { runId: "run2" })
      const third = await ledger.assess(engine(), "2019-07-14", { runId: "run3" })
      const run2 = await rows("run2")
      const run3 = await rows("run3")
      const refs2 = run2.filter((r) => r.base_run !== null)
      // most evaluations differ only in their dates a week apart; those that do not are written
      expect(second.referenced).toBe(refs2.length)
      expect(second.referenced).toBeGreaterThanOrEqual(12)
      for (const r of refs2) {
        expect(r.base_run).toBe("run1")
        expect(r.evaluation).toBe("")
        expect(JSON.parse(r.dated!)).toMatchObject({ asOf: "2019-07-07" })
      }
      for (const r of run2.filter((x) => x.base_run === null)) expect(r.evaluation.length).toBeGreaterThan(100)
      // a reference names the row that holds the body, never another reference
      const bodies = new Set([...(await rows("run1")).map((r) => `run1|${r.elder_id}`), ...run2.filter((r) => r.base_run === null).map((r) => `run2|${r.elder_id}`)])
      for (const r of run3.filter((x) => x.base_run !== null)) expect(bodies.has(`${r.base_run}|${r.elder_id}`)).toBe(true)
      expect(third.referenced).toBeGreaterThanOrEqual(second.referenced)
      // every stored decision, referenced or not, is reproduced exactly
      const report = await ledger.replayAll(engine())
      expect(report).toMatchObject({ checked: 72, same: 72, differ: [] })
      const one = refs2[0]!
      const stored = await ledger.evaluation({ regionCode: one.region_code, elderId: one.elder_id, runId: "run2" })
      const current = await ledger.db.selectFrom("elders").select("case_file").where("region_code", "=", one.region_code).where("elder_id", "=", one.elder_id).executeTakeFirstOrThrow()
      const fresh = engine().evaluate(JSON.parse(current.case_file), "2019-07-07")
      expect(fresh.ok).toBe(true)
      if (fresh.ok) {
        const { selection: _a, ...a } = stored!.evaluation
        const { selection: _b, ...b } = fresh.value
        expect(JSON.parse(JSON.stringify(a))).toEqual(JSON.parse(JSON.stringify(b)))
      }
      expect(await kinds()).toEqual([])
    })

    it("a changed case file or a changed plan is written in full", async () => {
      await ledger.assess(engine(), "2019-06-30", { runId: "run1" })
      const before = await rows("run1")
      const changed = before[3]!
      const visit = await ledger.recordVisit({ elderId: changed.elder_id, region: changed.region_code, visit: { date: "2019-07-02", mode: "home", by: "township", concerns: [] }, actor: "村委会" })
      expect(visit.ok).toBe(true)
      const second = await ledger.assess(engine(), "2019-06-30", { runId: "run2" })
      const run2 = await rows("run2")
      // the same date: everything else is referenced
      expect(second.referenced).toBe(23)
      const row = run2.find((r) => r.elder_id === changed.elder_id && r.region_code === changed.region_code)!
      expect(row.base_run).toBeNull()
      expect(row.evaluation.length).toBeGreaterThan(100)
      // another parameter value under the same policy id and version: a different plan for the
      // county's elders (those outside it keep the national plan and are referenced)
      const third = await ledger.assess(engine(45), "2019-06-30", { runId: "run3" })
      const plans = await ledger.db.selectFrom("evaluations").select(["elder_id", "region_code", "policy_id", "base_run"]).where("run_id", "=", "run3").execute()
      const county = plans.filter((r) => r.policy_id === "test-county")
      expect(county.length).toBeGreaterThanOrEqual(12)
      expect(county.every((r) => r.base_run === null)).toBe(true)
      expect(third).toMatchObject({ evaluated: 24, referenced: 24 - county.length })
      const report = await ledger.replayAll(engine(), { runId: "run2" })
      expect(report).toMatchObject({ checked: 24, same: 24 })
      expect((await ledger.replayAll(engine(45), { runId: "run3" })).same).toBe(24)
      expect(await kinds()).toEqual([])
    })

    it("a resumed older run that rewrites a referenced row gives the referencing rows their own copy", async () => {
      await ledger.assess(engine(), "2019-06-30", { runId: "run1" })
      await ledger.assess(engine(), "2019-06-30", { runId: "run2" })
      const run2 = await rows("run2")
      const target = run2[5]!
      expect(target.base_run).toBe("run1")
      // the elder's case file changes, then run1 is run again: its row for the elder is replaced
      const visit = await ledger.recordVisit({ elderId: target.elder_id, region: target.region_code, visit: { date: "2019-06-25", mode: "home", by: "township", concerns: [] }, actor: "村委会" })
      expect(visit.ok).toBe(true)
      await ledger.assess(engine(), "2019-06-30", { runId: "run1" })
      const after = (await rows("run2")).find((r) => r.elder_id === target.elder_id && r.region_code === target.region_code)!
      expect(after.base_run).toBeNull()
      expect(after.evaluation.length).toBeGreaterThan(100)
      expect(after.body_hash).toBe(target.body_hash)
      const report = await ledger.replayAll(engine())
      expect(report.differ).toEqual([])
      expect(await kinds()).toEqual([])
    })

    it("verify still finds a deleted referenced row, a deleted reference and changed dates", async () => {
      await ledger.assess(engine(), "2019-06-30", { runId: "run1" })
      await ledger.assess(engine(), "2019-07-07", { runId: "run2" })
      const refs = (await rows("run2")).filter((r) => r.base_run !== null)
      const [a, b] = refs
      // the row a reference names, deleted: its run's digest and the status that reads it
      await ledger.db.deleteFrom("evaluations").where("run_id", "=", "run1").where("region_code", "=", a!.region_code).where("elder_id", "=", a!.elder_id).execute()
      expect(await kinds()).toEqual(["evaluation-missing", "evaluation-missing"])
      const replayed = await ledger.replay(engine(), { regionCode: a!.region_code, elderId: a!.elder_id, runId: "run2" })
      expect(replayed?.same).toBe(false)
      expect(await ledger.evaluation({ regionCode: a!.region_code, elderId: a!.elder_id, runId: "run2" })).toBeUndefined()
      // a reference deleted
      await ledger.db.deleteFrom("evaluations").where("run_id", "=", "run2").where("region_code", "=", b!.region_code).where("elder_id", "=", b!.elder_id).execute()
      const report = await ledger.verify()
      expect(report.problems).toContainEqual({ kind: "evaluation-missing", subject: "run run2", detail: `1 of the 24 evaluations its audit entry recorded are not stored` })
      // a reference's dates changed: the status no longer matches and the run's digest differs
      const c = refs[2]!
      const dated = JSON.parse(c.dated!) as Record<string, unknown>
      await sql`update evaluations set dated = ${JSON.stringify({ ...dated, asOf: "2019-07-08", "provenance.asOf": "2019-07-08", extra: 1 })} where run_id = 'run2' and region_code = ${c.region_code} and elder_id = ${c.elder_id}`.execute(ledger.db)
      const kinds2 = await kinds()
      expect(kinds2).toContain("status-edited")
      const replay2 = await ledger.replay(engine(), { regionCode: c.region_code, elderId: c.elder_id, runId: "run2" })
      expect(replay2?.same).toBe(false)
    })
  })
}
