/**
 * Nothing rewritten unseen: the audit log refuses REPLACE (SQLite) and TRUNCATE (PostgreSQL)
 * besides UPDATE and DELETE, its entries form a hash chain, and `verify` reports each kind of
 * tampering: an edited or removed audit entry, an edited current case file, an edited status, a
 * deleted evaluation, a history rewritten together with its input version. On both dialects.
 */
import { hash64 } from "@liushou/core"
import { sql } from "kysely"
import { describe, expect, it } from "vitest"
import { Ledger } from "../src/index.js"
import { population } from "./support/arbitraries.js"
import { DIALECTS, type Opened } from "@liushou/test-databases"
import { withLedger } from "./support/ledger.js"
import { engine } from "./support/policy.js"

let tick = 0
const clock = () => `2019-07-01T08:00:${String(tick++ % 60).padStart(2, "0")}.000Z`

for (const dialect of DIALECTS) {
  describe(`Tamper evidence on ${dialect.name}`, () => {
    let opened: Opened
    let ledger: Ledger.Ledger
    withLedger(dialect, "tamper", { clock, each: true }, async (l, o) => {
      ledger = l
      opened = o
      await ledger.importCaseFiles([...population(24)], { importId: "i1", actor: "clerk" })
      const cases = [...population(24)]
      const r = await ledger.recordVisit({ elderId: cases[0]!.elder.id, visit: { date: "2019-06-20", mode: "home", by: "township", concerns: [] }, actor: "村委会" })
      expect(r.ok).toBe(true)
      await ledger.assess(engine(), "2019-06-30", { runId: "run1" })
    })
    /** runs raw SQL with the audit log's guards off, as the tables' owner could */
    const asOwner = async (statements: ReadonlyArray<string>) => {
      if (dialect.name === "sqlite") {
        await sql.raw("drop trigger if exists audit_log_no_update").execute(opened.db)
        await sql.raw("drop trigger if exists audit_log_no_delete").execute(opened.db)
        for (const s of statements) await sql.raw(s).execute(opened.db)
      } else {
        await sql.raw("alter table audit_log disable trigger user").execute(opened.db)
        for (const s of statements) await sql.raw(s).execute(opened.db)
        await sql.raw("alter table audit_log enable trigger user").execute(opened.db)
      }
    }
    const kinds = async () => (await ledger.verify()).problems.map((p) => p.kind)

    it("an untouched ledger verifies, and concurrent audit appends keep one chain", async () => {
      await Promise.all(Array.from({ length: 20 }, (_, i) => ledger.audit({ actor: `a${i}`, action: "test" })))
      const report = await ledger.verify()
      expect(report).toMatchObject({ ok: true, problems: [] })
      expect(report.audit).toBeGreaterThanOrEqual(23)
      expect(report.elders).toBe(24)
      expect(report.revisions).toBe(25)
      expect(report.statuses).toBe(24)
    })

    it("concurrent visits to a few elders, between other audit appends, keep one chain, each visit its own revision and history", async () => {
      const ids = [...population(24)].slice(0, 4).map((c) => c.elder.id)
      const visits = Array.from({ length: 24 }, (_, i) => ledger.recordVisit({ elderId: ids[i % ids.length]!, visit: { date: `2019-06-${String(1 + i).padStart(2, "0")}`, mode: "phone", by: "township", concerns: [] }, actor: `v${i}` }))
      const appends = Array.from({ length: 8 }, (_, i) => ledger.audit({ actor: `a${i}`, action: "test" }))
      const results = await Promise.all([...visits, ...appends])
      expect(results.slice(0, 24).every((r) => r !== undefined && r.ok)).toBe(true)
      const report = await ledger.verify()
      expect(report).toMatchObject({ ok: true, problems: [] })
      expect(report.revisions).toBe(25 + 24)
      for (const id of ids) {
        const history = await ledger.history(id)
        // revisions 1..n without a gap, the last one the current case file's
        expect(history.map((h) => h.revision)).toEqual(Array.from({ length: history.length }, (_, i) => i + 1))
        expect(history.at(-1)!.caseFile.visits.length).toBe((await ledger.elder(id))!.caseFile.visits.length)
      }
      const logged = await ledger.auditLog({ limit: 10_000 })
      expect(logged.filter((e) => e.action === "visit.record").length).toBe(25)
    })

    it("refuses UPDATE, DELETE, REPLACE and TRUNCATE of the audit log", async () => {
      await expect(sql.raw("update audit_log set actor = 'x'").execute(opened.db)).rejects.toThrow(/append-only/)
      await expect(sql.raw("delete from audit_log").execute(opened.db)).rejects.toThrow(/append-only/)
      if (dialect.name === "sqlite") {
        const [first] = (await sql.raw<{ id: number }>("select id from audit_log order by id limit 1").execute(opened.db)).rows
        await expect(
          sql.raw(`replace into audit_log (id, at, actor, action, region_code, subject, detail) values (${first!.id}, 'x', 'x', 'x', null, null, '{}')`).execute(opened.db)
        ).rejects.toThrow(/append-only/)
        await expect(sql.raw(`insert or replace into audit_log (id, at, actor, action, detail) values (${first!.id}, 'x', 'x', 'x', '{}')`).execute(opened.db)).rejects.toThrow(/append-only/)
      } else {
        await expect(sql.raw("truncate audit_log").execute(opened.db)).rejects.toThrow(/append-only/)
      }
      expect(await kinds()).toEqual([])
    })

    it("an audit entry edited or removed behind the guards breaks the chain", async () => {
      await asOwner(["update audit_log set actor = 'someone else' where id = (select min(id) from audit_log)"])
      expect(await kinds()).toEqual(["audit-hash"])
      await asOwner(["delete from audit_log where id = (select max(id) from audit_log where action = 'visit.record')"])
      expect(await kinds()).toEqual(expect.arrayContaining(["audit-hash", "audit-link"]))
    })

    it("reports an evaluation deleted from an older run that no status points to, and one added to a run", async () => {
      // a later run: every status now points to run2, none to run1
      await ledger.assess(engine(), "2019-12-31", { runId: "run2" })
      expect((await ledger.db.selectFrom("elder_status").select("run_id").distinct().execute()).map((r) => r.run_id)).toEqual(["run2"])
      expect(await kinds()).toEqual([])
      const [v] = await ledger.db.selectFrom("evaluations").selectAll().where("run_id", "=", "run1").orderBy("elder_id").offset(2).limit(1).execute()
      await ledger.db.deleteFrom("evaluations").where("run_id", "=", "run1").where("region_code", "=", v!.region_code).where("elder_id", "=", v!.elder_id).execute()
      const report = await ledger.verify()
      expect(report.problems).toEqual([{ kind: "evaluation-missing", subject: "run run1", detail: "1 of the 24 evaluations its audit entry recorded are not stored" }])
      // put back, and a copy of it smuggled into run2 under another elder's key
      await ledger.db.insertInto("evaluations").values(v!).execute()
      expect(await kinds()).toEqual([])
      const other = await ledger.db.selectFrom("evaluations").select(["region_code", "elder_id"]).where("run_id", "=", "run2").orderBy("elder_id").limit(1).executeTakeFirstOrThrow()
      await ledger.db.deleteFrom("evaluations").where("run_id", "=", "run2").where("region_code", "=", other.region_code).where("elder_id", "=", other.elder_id).execute()
      await ledger.db.insertInto("evaluations").values({ ...v!, run_id: "run2", region_code: other.region_code, elder_id: other.elder_id, input_version: "0000000000000000" }).execute()
      expect(await kinds()).toContain("evaluations-changed")
    })

    it("reports an edited current case file, an edited status and a deleted evaluation", async () => {
      const [e] = await ledger.db.selectFrom("elders").select(["region_code", "elder_id", "case_file"]).orderBy("elder_id").limit(1).execute()
      const edited = e!.case_file.replace(/"annualIncome":\d+/, '"annualIncome":1')
      await ledger.db.updateTable("elders").set({ case_file: edited, input_version: hash64(edited) }).where("region_code", "=", e!.region_code).where("elder_id", "=", e!.elder_id).execute()
      expect(await kinds()).toEqual(["case-file-edited"])
      const [s] = await ledger.db.selectFrom("elder_status").select(["region_code", "elder_id", "unmet_duties"]).orderBy("elder_id", "desc").limit(1).execute()
      await ledger.db.updateTable("elder_status").set({ unmet_duties: Number(s!.unmet_duties) + 1 }).where("region_code", "=", s!.region_code).where("elder_id", "=", s!.elder_id).execute()
      expect((await ledger.verify()).problems.map((p) => [p.kind, p.detail.includes("unmet_duties")])).toContainEqual(["status-edited", true])
      const [v] = await ledger.db.selectFrom("evaluations").select(["region_code", "elder_id"]).orderBy("elder_id").offset(3).limit(1).execute()
      await ledger.db.deleteFrom("evaluations").where("region_code", "=", v!.region_code).where("elder_id", "=", v!.elder_id).execute()
      expect(await kinds()).toEqual(expect.arrayContaining(["case-file-edited", "status-edited", "evaluation-missing"]))
    })

    it("reports a history rewritten together with its input version, and an edited revision", async () => {
      const [h] = await ledger.db.selectFrom("elder_history").select(["region_code", "elder_id", "revision", "case_file"]).where("change", "=", "created").orderBy("elder_id", "desc").limit(1).execute()
      const forged = h!.case_file.replace(/"annualIncome":\d+/, '"annualIncome":99999')
      const where = <Q extends { where: (...a: any[]) => Q }>(q: Q) => q.where("region_code", "=", h!.region_code).where("elder_id", "=", h!.elder_id)
      await where(ledger.db.updateTable("elder_history").set({ case_file: forged, input_version: hash64(forged) }) as never as any).where("revision", "=", h!.revision).execute()
      await where(ledger.db.updateTable("elders").set({ case_file: forged, input_version: hash64(forged) }) as never as any).execute()
      expect((await ledger.verify()).problems).toEqual([{ kind: "history-rewritten", subject: "import i1", detail: expect.any(String) }])
      await where(ledger.db.updateTable("elder_history").set({ case_file: forged.replace("99999", "5") }) as never as any).where("revision", "=", h!.revision).execute()
      expect(await kinds()).toEqual(expect.arrayContaining(["history-edited", "case-file-edited", "history-rewritten"]))
    })
  })
}
