import { CaseFile, Decode, Mask, Workflow } from "@liushou/core"
import { fc, test } from "@fast-check/vitest"
import { sql } from "kysely"
import { describe, expect, it } from "vitest"
import { referralWorkflow as hunanReferral } from "@liushou/policy-hunan"
import { CalendarDate } from "@liushou/core"
import { Ledger, Migrations } from "../src/index.js"
import { badLine, caseFile, population, VILLAGES } from "./support/arbitraries.js"
import { DIALECTS, type Opened } from "@liushou/test-databases"
import { withLedger } from "./support/ledger.js"
import { engine } from "./support/policy.js"

const clock = () => "2019-07-01T08:00:00.000Z"

const referral = Workflow.define({
  id: "test-referral",
  initial: "reported",
  states: [
    { id: "reported", name: { zh: "已报告", en: "reported" }, final: false, deadlineDays: 3 },
    { id: "referred", name: { zh: "已转介", en: "referred" }, final: false, deadlineDays: 10 },
    { id: "closed", name: { zh: "已结案", en: "closed" }, final: true, deadlineDays: null }
  ],
  transitions: [
    { action: "refer", from: ["reported"], to: "referred", text: { zh: "转介", en: "refer" } },
    { action: "close", from: ["reported", "referred"], to: "closed", text: { zh: "结案", en: "close" } }
  ],
  citation: { document: "测试县发〔2019〕1号", clause: "5" }
})

const CHILD_TABLES = ["services", "assignments", "ledger_events", "supporters", "delegated_carers", "visits", "risk_assessments", "elder_history", "elder_status", "evaluations", "evaluation_failures", "rejected_records", "imports", "elders", "referral_transitions", "referral_cases"]

const collect = async <A>(it: AsyncIterable<A>): Promise<Array<A>> => {
  const out: Array<A> = []
  for await (const a of it) out.push(a)
  return out
}

for (const dialect of DIALECTS) {
  describe(`Ledger on ${dialect.name}`, () => {
    let opened: Opened
    let ledger: Ledger.Ledger
    withLedger(dialect, "ledger", { clock }, (l, o) => {
      ledger = l
      opened = o
    })
    const reset = async () => {
      for (const t of CHILD_TABLES) await ledger.db.deleteFrom(t as never).execute()
    }

    it("migrates up, down and up again; the result is checked", async () => {
      const fresh = await dialect.create("migrate")
      try {
        const m = await Ledger.make({ db: fresh.db })
        expect(await Migrations.migrateToLatest(fresh.db, m.flags)).toEqual(["0001_ledger Up", "0002_reasons Up", "0003_identity Up", "0004_tamper_evidence Up", "0005_assignments Up", "0006_partitions Up", "0007_import_lock Up", "0008_compression Up", "0009_ledger_events Up", "0010_evaluation_refs Up", "0011_services Up", "0012_county_due Up", "0013_due_list Up"])
        expect(await Migrations.migrateToLatest(fresh.db, m.flags)).toEqual([])
        await m.importCaseFiles([...population(3)])
        await m.audit({ actor: "a", action: "b" })
        expect(await Migrations.migrateDownAll(fresh.db, m.flags)).toEqual(["0013_due_list Down", "0012_county_due Down", "0011_services Down", "0010_evaluation_refs Down", "0009_ledger_events Down", "0008_compression Down", "0007_import_lock Down", "0006_partitions Down", "0005_assignments Down", "0004_tamper_evidence Down", "0003_identity Down", "0002_reasons Down", "0001_ledger Down"])
        const tables = (await fresh.db.introspection.getTables()).map((t) => t.name)
        expect(tables.filter((t) => !t.startsWith("liushou_migration"))).toEqual([])
        expect(await m.migrateToLatest()).toEqual(["0001_ledger Up", "0002_reasons Up", "0003_identity Up", "0004_tamper_evidence Up", "0005_assignments Up", "0006_partitions Up", "0007_import_lock Up", "0008_compression Up", "0009_ledger_events Up", "0010_evaluation_refs Up", "0011_services Up", "0012_county_due Up", "0013_due_list Up"])
        // PostgreSQL's region partitions (elders_p43, ...) are tables of their own: see Partitions.test.ts
        const all = (await fresh.db.introspection.getTables()).map((t) => t.name)
        const after = all.filter((t) => !/_p(\d\d|other)$/.test(t)).sort()
        expect(all.length - after.length).toBe(dialect.name === "postgres" ? Migrations.PARTITIONED_TABLES.length * (Migrations.PROVINCES.length + 1) : 0)
        expect(after).toEqual(
          ["assessment_runs", "assignments", "audit_log", "delegated_carers", "elder_history", "elder_status", "elders", "evaluation_failures", "evaluations", "import_lock", "imports", "ledger_events", "liushou_migration", "liushou_migration_lock", "parameter_sets", "reasons", "referral_cases", "referral_transitions", "rejected_records", "risk_assessments", "services", "supporters", "visits"]
        )
        expect(await m.eldersByRegion("11")).toEqual([])
        await expect(Migrations.migrateToLatest(fresh.db, { ...m.flags, serial: "nonsense" as never, triggers: m.flags.triggers === "sqlite" ? "plpgsql" : "sqlite" })).resolves.toEqual([])
      } finally {
        await fresh.close()
      }
    })

    it("a failing migration is reported with its name", async () => {
      const fresh = await dialect.create("migrate-fail")
      try {
        await fresh.db.schema.createTable("elders").addColumn("x", "text").execute()
        const flags = (await Ledger.make({ db: fresh.db })).flags
        const failure = await Migrations.migrateToLatest(fresh.db, flags).catch((e: unknown) => e)
        expect(failure).toBeInstanceOf(Migrations.MigrationError)
        expect((failure as Migrations.MigrationError).migration).toBe("0001_ledger")
      } finally {
        await fresh.close()
      }
    })

    it("keeps the audit log append-only", async () => {
      await ledger.audit({ actor: "clerk", action: "test", detail: { idNumber: "430121195901010020", phone: "13800001111", note: "x" } })
      const [entry] = await ledger.auditLog({ limit: 1 })
      expect(entry!.detail).toEqual({ idNumber: Mask.idNumber("430121195901010020"), phone: Mask.phone("13800001111"), note: "x" })
      await expect(ledger.db.updateTable("audit_log").set({ actor: "someone" }).execute()).rejects.toThrow(/append-only/)
      await expect(ledger.db.deleteFrom("audit_log").execute()).rejects.toThrow(/append-only/)
    })

    it("imports idempotently, keeps history of changes and keeps rejected records", async () => {
      await reset()
      const cases = [...population(30)]
      const lines = [...cases.map((c) => JSON.stringify(c)), "{oops", JSON.stringify({ ...cases[0], elder: { ...cases[0]!.elder, birthDate: "1950-02-30" } })]
      const first = await ledger.importCaseFiles(lines, { importId: "i1", source: "a.jsonl", actor: "clerk", batchSize: 7 })
      expect(first).toMatchObject({ read: 32, stored: 30, updated: 0, unchanged: 0, rejected: 2 })
      expect(first.rejectedTo).toContain("i1")
      const rejected = await ledger.db.selectFrom("rejected_records").selectAll().where("import_id", "=", "i1").orderBy("position").execute()
      expect(rejected.map((r) => r.position)).toEqual([30, 31])
      expect(rejected[1]!.raw).toBe(lines[31])
      expect(JSON.parse(rejected[1]!.error).issues[0].path).toBe("elder.birthDate")
      const second = await ledger.importCaseFiles(cases, { importId: "i2", batchSize: 11 })
      expect(second).toMatchObject({ stored: 0, updated: 0, unchanged: 30, rejected: 0 })
      expect(await collect(ledger.exportCaseFiles())).toHaveLength(30)
      // cases[0] lives in 430121101201: a move to another village of the same county is the same elder
      const changed = { ...cases[0]!, elder: { ...cases[0]!.elder, annualIncome: cases[0]!.elder.annualIncome + 1, regionCode: "430121101203" } }
      const third = await ledger.importCaseFiles([changed, cases[4]], { importId: "i3", at: "2019-08-01T00:00:00.000Z" })
      expect(third).toMatchObject({ stored: 0, updated: 1, unchanged: 1 })
      const h = await ledger.history(changed.elder.id)
      expect(h.map((r) => [r.revision, r.change, r.importId])).toEqual([
        [1, "created", "i1"],
        [2, "moved", "i3"]
      ])
      expect(h[1]!.changedPaths).toContain("elder.annualIncome")
      expect(h[1]!.at).toBe("2019-08-01T00:00:00.000Z")
      expect(h[0]!.caseFile).toEqual(cases[0])
      const rows = await ledger.db.selectFrom("elders").select(["region_code"]).where("elder_id", "=", changed.elder.id).execute()
      expect(rows).toEqual([{ region_code: "430121101203" }])
    })

    it("exports case files losslessly and masks ID numbers and phones on request", async () => {
      await reset()
      const cases = [...population(12)].map((c) => ({ ...c, elder: { ...c.elder, phone: "13912345678" } }))
      await ledger.importCaseFiles(cases)
      const plain = await collect(ledger.exportCaseFiles())
      const byId = (a: CaseFile.CaseFile, b: CaseFile.CaseFile) => (a.elder.id < b.elder.id ? -1 : 1)
      expect([...plain].sort(byId)).toEqual([...cases].sort(byId))
      const masked = await collect(ledger.exportCaseFiles({ mask: true, pageSize: 5 }))
      expect(masked).toHaveLength(12)
      for (const m of masked) {
        expect(m.elder.phone).toBe(Mask.phone("13912345678"))
        if (m.elder.idNumber !== undefined) expect(m.elder.idNumber).toMatch(/^\d{6}\*{8}[\dX]{4}$/)
      }
      const hunan = await collect(ledger.exportCaseFiles({ region: "43" }))
      expect(hunan.every((c) => c.elder.regionCode.startsWith("43"))).toBe(true)
      expect(hunan.length).toBe(cases.filter((c) => c.elder.regionCode.startsWith("43")).length)
    })

    test.prop(
      [
        fc.commands(
          [
            fc.record({ cases: fc.array(caseFile(), { minLength: 1, maxLength: 6 }), bad: fc.array(badLine, { maxLength: 2 }), batch: fc.integer({ min: 1, max: 4 }) }).map(
              (x) => new ImportCommand(x.cases, x.bad, x.batch)
            ),
            fc.constant(new ReimportCommand()),
            fc
              .record({ elder: fc.constantFrom("E1", "E2", "E3"), village: fc.constantFrom(...VILLAGES), day: fc.integer({ min: 1, max: 28 }) })
              .map((x) => new VisitCommand(x.elder, x.village.slice(0, 6), `2019-07-${String(x.day).padStart(2, "0")}`))
          ],
          { maxCommands: 8 }
        )
      ],
      { numRuns: dialect.name === "sqlite" ? 200 : 80 }
    )("import, update, visit and re-import sequences agree with an in-memory model", async (cmds) => {
      await reset()
      const model: Model = { cases: new Map(), last: [], revisions: new Map(), recorded: new Map() }
      await fc.asyncModelRun(() => ({ model, real: ledger }), cmds)
      // every elder's rows agree with its case file: nothing half-written
      const exported = await collect(ledger.exportCaseFiles())
      for (const cf of exported) {
        const visits = await ledger.db.selectFrom("visits").select((eb) => eb.fn.countAll().as("n")).where("elder_id", "=", cf.elder.id).where("region_code", "=", cf.elder.regionCode).executeTakeFirstOrThrow()
        expect(Number(visits.n)).toBe(cf.visits.length)
      }
    })

    it("assesses, stores provenance, answers the casework queries and replays without difference", async () => {
      await reset()
      const cases = [...population(60)]
      await ledger.importCaseFiles(cases, { batchSize: 25 })
      const progress: Array<number> = []
      const run = await ledger.assess(engine(), "2019-06-30", { batchSize: 16, onProgress: (p) => progress.push(p.evaluated + p.failed) })
      const hunan = cases.filter((c) => c.elder.regionCode.startsWith("43")).length
      expect(run).toMatchObject({ runId: "2019-06-30@all", evaluated: 60, skipped: 0, failed: 0 })
      expect(progress.at(-1)).toBe(60)
      const again = await ledger.assess(engine(), "2019-06-30")
      expect(again).toMatchObject({ evaluated: 0, skipped: 60 })
      const stored = await ledger.evaluation({ regionCode: cases[0]!.elder.regionCode, elderId: cases[0]!.elder.id, runId: run.runId })
      expect(stored!.evaluation.provenance.parameters.length).toBeGreaterThan(0)
      expect(stored!.evaluation.provenance.parameters.every((p) => typeof p.from === "string")).toBe(true)
      expect(stored!.evaluation).toEqual(engine().evaluate(cases[0]!, "2019-06-30").ok ? (engine().evaluate(cases[0]!, "2019-06-30") as { value: unknown }).value : null)
      // reasons are stored once in `reasons` and referred to by key from each evaluation
      const [raw] = await ledger.db.selectFrom("evaluations").select("evaluation").where("run_id", "=", run.runId).limit(1).execute()
      expect(JSON.parse(raw!.evaluation).leftBehind.reasons.every((r: unknown) => typeof r === "string")).toBe(true)
      const reasonCount = Number((await ledger.db.selectFrom("reasons").select((eb) => eb.fn.countAll().as("n")).executeTakeFirstOrThrow()).n)
      expect(reasonCount).toBeGreaterThan(0)
      expect(reasonCount).toBeLessThan(run.evaluated * 5)

      // visits due: every Hunan elder under the test plugin has a visit schedule, and so has every
      // elder elsewhere whom the national baseline keeps in its periodic visits (left behind, or
      // status unknown); the due list holds exactly the elders whose evaluation owes a visit by then
      const due = await ledger.visitsDue("2019-12-31")
      const owed = cases.filter((c) => {
        const r = engine().evaluate(c, "2019-06-30")
        if (!r.ok || r.value.visits == null) return false
        const dates = [r.value.visits.nextDue, r.value.visits.extraVisitDue].filter((d): d is string => d != null)
        return dates.some((d) => d <= "2019-12-31")
      })
      expect(owed.length).toBeGreaterThanOrEqual(hunan)
      expect(due.map((d) => `${d.regionCode}|${d.elderId}`).sort()).toEqual(owed.map((c) => `${c.elder.regionCode}|${c.elder.id}`).sort())
      expect(due.every((d) => d.due <= "2019-12-31")).toBe(true)
      expect([...due].map((d) => d.due)).toEqual([...due].map((d) => d.due).sort())
      const dueEarly = await ledger.visitsDue("2019-06-30", { region: "4301" })
      for (const d of dueEarly) {
        expect(d.regionCode.startsWith("4301")).toBe(true)
        expect(d.status).toBe(d.due < "2019-06-30" ? "overdue" : "due")
      }
      const expectedEarly = cases.filter((c) => {
        if (!c.elder.regionCode.startsWith("4301")) return false
        const r = engine().evaluate(c, "2019-06-30")
        if (!r.ok || r.value.visits === undefined) return false
        const v = r.value.visits
        const d = v.extraVisitDue !== null && (v.nextDue === null || v.extraVisitDue < v.nextDue) ? v.extraVisitDue : v.nextDue
        return d !== null && d <= "2019-06-30"
      })
      expect(dueEarly.map((d) => d.elderId).sort()).toEqual(expectedEarly.map((c) => c.elder.id).sort())
      const assessments = await ledger.assessmentsDue("2019-06-30")
      expect(assessments.every((a) => a.overdue || (a.due !== null && a.due <= "2019-06-30"))).toBe(true)
      expect(assessments.length).toBe(cases.filter((c) => c.elder.regionCode.startsWith("43") && (c.riskAssessments.length === 0 || c.riskAssessments.some(() => true))).filter((c) => {
        const r = engine().evaluate(c, "2019-06-30")
        return r.ok && r.value.risk !== undefined && (r.value.risk.assessmentOverdue || (r.value.risk.nextAssessmentDue !== null && r.value.risk.nextAssessmentDue <= "2019-06-30"))
      }).length)

      const high = await ledger.eldersByRegion("43", { status: { riskLevel: "high" } })
      expect(high.every((e) => e.status?.riskLevel === "high" && e.regionCode.startsWith("43"))).toBe(true)
      expect(high.length).toBe(cases.filter((c) => c.elder.regionCode.startsWith("43") && (c.elder.ability === "severe" || c.elder.ability === "total")).length)
      const all = await ledger.eldersByRegion("11")
      expect(all.every((e) => e.status !== null && e.status.riskLevel === null && !e.status.stale)).toBe(true)

      const report = await ledger.replayAll(engine())
      expect(report).toMatchObject({ checked: 60, same: 60, differ: [] })
    })

    it("replay reports a changed parameter value and a tampered evaluation", async () => {
      const run = "2019-06-30@all"
      const changed = await ledger.replayAll(engine(45), { region: "43" })
      expect(changed.differ.length).toBe(changed.checked)
      expect(changed.differ[0]!.differences.map((d) => d.path)).toContain("visits.intervalDays")
      const [row] = await ledger.db.selectFrom("evaluations").select(["region_code", "elder_id", "evaluation"]).where("run_id", "=", run).limit(1).execute()
      const e = JSON.parse(row!.evaluation)
      e.leftBehind.value = !e.leftBehind.value
      await ledger.db.updateTable("evaluations").set({ evaluation: JSON.stringify(e) }).where("region_code", "=", row!.region_code).where("elder_id", "=", row!.elder_id).where("run_id", "=", run).execute()
      const one = await ledger.replay(engine(), { regionCode: row!.region_code, elderId: row!.elder_id, runId: run })
      expect(one!.same).toBe(false)
      expect(one!.differences.map((d) => d.path)).toEqual(["leftBehind.value"])
    })

    it("a recorded visit makes a new revision, shows the status as stale, and replay still uses the evaluated input", async () => {
      const [elder] = await ledger.eldersByRegion("430121")
      const r = await ledger.recordVisit({ elderId: elder!.elderId, visit: { date: "2019-07-02", mode: "home", by: "village-committee", concerns: ["health"] }, actor: "村委会-张" })
      expect(r.ok).toBe(true)
      const [after] = await ledger.eldersByRegion(elder!.regionCode, { limit: 1 })
      expect(after!.revision).toBe(elder!.revision + 1)
      expect(after!.status!.stale).toBe(true)
      const replayed = await ledger.replay(engine(), { regionCode: elder!.regionCode, elderId: elder!.elderId, runId: "2019-06-30@all" })
      expect(replayed!.same).toBe(true)
      const bad = await ledger.recordVisit({ elderId: elder!.elderId, visit: { date: "2019-02-30", mode: "home", by: "township", concerns: [] }, actor: "x" })
      expect(bad.ok === false && bad.error._tag === "InvalidVisit" && bad.error.issues[0]!.path).toBe(`visits[${r.ok ? r.value.seq + 1 : 0}].date`)
      const missing = await ledger.recordVisit({ elderId: "nobody", visit: { date: "2019-07-02", mode: "home", by: "township", concerns: [] }, actor: "x" })
      expect(missing.ok === false && missing.error._tag).toBe("ElderNotFound")
      const log = await ledger.auditLog({ subject: elder!.elderId })
      expect(log.at(-1)).toMatchObject({ actor: "村委会-张", action: "visit.record", regionCode: elder!.regionCode })
    })

    it("pages through a run's case files and restored evaluations, equal to reading them one by one", async () => {
      const rows: Array<{ caseFile: { elder: { id: string; regionCode: string } }; evaluation: { elderId: string } }> = []
      for await (const row of ledger.runEvaluations({ runId: "2019-06-30@all", region: "43", pageSize: 7 })) rows.push(row)
      expect(rows.length).toBeGreaterThan(7)
      const keys = rows.map((r) => `${r.caseFile.elder.regionCode}|${r.caseFile.elder.id}`)
      expect(keys).toEqual([...keys].sort())
      expect(new Set(keys).size).toBe(keys.length)
      for (const r of rows.slice(0, 12)) {
        expect(r.evaluation.elderId).toBe(r.caseFile.elder.id)
        const one = await ledger.evaluation({ regionCode: r.caseFile.elder.regionCode, elderId: r.caseFile.elder.id, runId: "2019-06-30@all" })
        expect(r.evaluation).toEqual(one!.evaluation)
        expect(JSON.stringify(r.evaluation)).toContain('"citation"')
      }
      const elsewhere: Array<unknown> = []
      for await (const row of ledger.runEvaluations({ runId: "2019-06-30@all", region: "99" })) elsewhere.push(row)
      expect(elsewhere).toEqual([])
    })

    it("moves referral cases only through the workflow", async () => {
      const [elder] = await ledger.eldersByRegion("43", { limit: 1 })
      const opened = await ledger.openReferral({ workflow: referral, caseId: "R-1", elderId: elder!.elderId, on: "2019-07-01", by: "村委会", to: "township", trigger: "risk.high" })
      expect(opened.ok && opened.value.state).toBe("reported")
      const dup = await ledger.openReferral({ workflow: referral, caseId: "R-1", elderId: elder!.elderId, on: "2019-07-01", by: "村委会" })
      expect(dup.ok === false && dup.error._tag).toBe("CaseExists")
      const refer = await ledger.transitionReferral({ workflow: referral, caseId: "R-1", action: "refer", on: "2019-07-02", by: "乡镇" })
      expect(refer.ok && refer.value.state).toBe("referred")
      const illegal = await ledger.transitionReferral({ workflow: referral, caseId: "R-1", action: "refer", on: "2019-07-03", by: "乡镇" })
      expect(illegal.ok).toBe(false)
      if (!illegal.ok) {
        const expected = Workflow.apply(referral, { id: "R-1", state: "referred", since: "2019-07-02", history: [] }, "refer", "2019-07-03", "乡镇")
        expect(expected.ok === false && illegal.error).toEqual(expected.ok === false ? expected.error : null)
      }
      const backwards = await ledger.transitionReferral({ workflow: referral, caseId: "R-1", action: "close", on: "2019-07-01", by: "乡镇" })
      expect(backwards.ok === false && backwards.error._tag).toBe("IllegalTransition")
      expect((await ledger.referralsByState("referred")).map((c) => c.caseId)).toEqual(["R-1"])
      expect(await ledger.referralsByState("referred", { region: "11" })).toEqual([])
      const close = await ledger.transitionReferral({ workflow: referral, caseId: "R-1", action: "close", on: "2019-07-09", by: "民政" })
      expect(close.ok && close.value.history.map((h) => h.to)).toEqual(["reported", "referred", "closed"])
      const stored = await ledger.referral("R-1")
      expect(stored!.history.map((h) => [h.action, h.at, h.by])).toEqual([
        ["open", "2019-07-01", "村委会"],
        ["refer", "2019-07-02", "乡镇"],
        ["close", "2019-07-09", "民政"]
      ])
      expect((await ledger.referralsByState("closed")).length).toBe(1)
    })

    let caseNo = 0
    test.prop([fc.array(fc.record({ action: fc.constantFrom("report", "refer", "return", "assist", "close", "decline", "withdraw", "bogus"), days: fc.integer({ min: -2, max: 10 }) }), { maxLength: 8 })], {
      numRuns: dialect.name === "sqlite" ? 150 : 60
    })("Hunan's referral workflow: stored cases follow Workflow.apply step by step", async (steps) => {
      const [elder] = await ledger.eldersByRegion("43", { limit: 1 })
      const caseId = `H-${dialect.name}-${caseNo++}`
      const opened = await ledger.openReferral({ workflow: hunanReferral, caseId, elderId: elder!.elderId, on: "2019-07-01", by: "村委会" })
      expect(opened.ok).toBe(true)
      let model = Workflow.open(hunanReferral, caseId, "2019-07-01", "村委会")
      for (const step of steps) {
        const on = CalendarDate.addDays(model.since, step.days)
        const expected = Workflow.apply(hunanReferral, model, step.action, on, "乡镇")
        const actual = await ledger.transitionReferral({ workflow: hunanReferral, caseId, action: step.action, on, by: "乡镇" })
        if (expected.ok) {
          expect(actual.ok).toBe(true)
          model = expected.value
        } else {
          expect(actual.ok === false && actual.error).toEqual(expected.error)
        }
      }
      const stored = await ledger.referral(caseId)
      expect(stored!.state).toBe(model.state)
      expect(stored!.since).toBe(model.since)
      expect(stored!.history).toEqual(model.history)
      expect((await ledger.referralsByState(model.state, { workflowId: hunanReferral.id })).some((c) => c.caseId === caseId)).toBe(true)
    })
  })
}

/** The model keys elders by county and id: the same id in two counties is two elders. */
interface Model {
  cases: Map<string, CaseFile.CaseFile>
  last: Array<CaseFile.CaseFile>
  revisions: Map<string, number>
  /** visits recorded through recordVisit, per elder: a re-import merges back those the file lacks */
  recorded: Map<string, Array<CaseFile.Visit>>
}

const keyOf = (cf: CaseFile.CaseFile) => `${cf.elder.regionCode.slice(0, 6)}|${cf.elder.id}`

const canonical = (cf: CaseFile.CaseFile) => JSON.stringify(Decode.caseFile(JSON.parse(JSON.stringify(cf))))

const check = async (m: Model, r: Ledger.Ledger) => {
  const exported = new Map<string, CaseFile.CaseFile>()
  for await (const cf of r.exportCaseFiles({ pageSize: 3 })) exported.set(keyOf(cf), cf)
  expect([...exported.keys()].sort()).toEqual([...m.cases.keys()].sort())
  for (const [key, cf] of m.cases) expect(exported.get(key)).toEqual(cf)
  for (const [key, rev] of m.revisions) {
    const [county, id] = key.split("|")
    expect((await r.history(id!, { region: county! })).length).toBe(rev)
  }
}

/** The case file a (re-)import leaves: the file's, plus the recorded visits it lacks (policy merge). */
const merged = (m: Model, cf: CaseFile.CaseFile): CaseFile.CaseFile => {
  const recorded = m.recorded.get(keyOf(cf)) ?? []
  if (!m.cases.has(keyOf(cf)) || recorded.length === 0) return cf
  const left = cf.visits.map((v) => JSON.stringify(v))
  const missing = recorded.filter((v) => {
    const i = left.indexOf(JSON.stringify(v))
    if (i < 0) return true
    left.splice(i, 1)
    return false
  })
  return missing.length === 0 ? cf : { ...cf, visits: [...cf.visits, ...missing] }
}

/** Applies an import to the model: the first record of an elder counts, a later one is rejected. */
const applyImport = (m: Model, cases: ReadonlyArray<CaseFile.CaseFile>) => {
  let stored = 0
  let updated = 0
  let unchanged = 0
  const accepted: Array<CaseFile.CaseFile> = []
  const seen = new Set<string>()
  for (const given of cases) {
    const key = keyOf(given)
    if (seen.has(key)) continue
    seen.add(key)
    accepted.push(given)
    const cf = merged(m, given)
    const prev = m.cases.get(key)
    if (prev === undefined) stored++
    else if (canonical(prev) === canonical(cf)) unchanged++
    else updated++
    if (prev === undefined || canonical(prev) !== canonical(cf)) m.revisions.set(key, (m.revisions.get(key) ?? 0) + 1)
    m.cases.set(key, cf)
  }
  return { stored, updated, unchanged, duplicates: cases.length - accepted.length, accepted }
}

class ImportCommand implements fc.AsyncCommand<Model, Ledger.Ledger> {
  constructor(
    readonly cases: ReadonlyArray<CaseFile.CaseFile>,
    readonly bad: ReadonlyArray<string>,
    readonly batch: number
  ) {}
  check = () => true
  async run(m: Model, r: Ledger.Ledger) {
    const { stored, updated, unchanged, duplicates, accepted } = applyImport(m, this.cases)
    m.last = accepted
    const lines = [...this.cases.map((c) => JSON.stringify(c)), ...this.bad]
    const result = await r.importCaseFiles(lines, { batchSize: this.batch })
    expect(result).toMatchObject({ stored, updated, unchanged, rejected: this.bad.length + duplicates, discarded: 0 })
    await check(m, r)
  }
  toString = () => `import(${this.cases.map((c) => `${c.elder.regionCode}/${c.elder.id}`).join(",")} + ${this.bad.length} bad, batch ${this.batch})`
}

class ReimportCommand implements fc.AsyncCommand<Model, Ledger.Ledger> {
  check = (m: Readonly<Model>) => m.last.length > 0
  async run(m: Model, r: Ledger.Ledger) {
    // the last import again: nothing new, and the visits recorded since are kept (policy merge)
    const before = m.cases.size
    const { stored, updated, unchanged } = applyImport(m, m.last)
    const result = await r.importCaseFiles(m.last)
    expect(result).toMatchObject({ stored, updated, unchanged, rejected: 0, discarded: 0 })
    expect(stored).toBe(0)
    expect(before).toBe(m.cases.size)
    await check(m, r)
  }
  toString = () => "reimport"
}

class VisitCommand implements fc.AsyncCommand<Model, Ledger.Ledger> {
  constructor(
    readonly elder: string,
    readonly county: string,
    readonly date: string
  ) {}
  check = () => true
  async run(m: Model, r: Ledger.Ledger) {
    const key = `${this.county}|${this.elder}`
    const visit: CaseFile.Visit = { date: this.date, mode: "home", by: "volunteer", concerns: [] }
    const result = await r.recordVisit({ elderId: this.elder, region: this.county, visit, actor: "volunteer-1" })
    const prev = m.cases.get(key)
    if (prev === undefined) {
      expect(result.ok === false && result.error._tag).toBe("ElderNotFound")
      return
    }
    expect(result.ok).toBe(true)
    m.cases.set(key, { ...prev, visits: [...prev.visits, visit] })
    m.recorded.set(key, [...(m.recorded.get(key) ?? []), visit])
    m.revisions.set(key, (m.revisions.get(key) ?? 0) + 1)
    await check(m, r)
  }
  toString = () => `visit(${this.county}/${this.elder}, ${this.date})`
}
