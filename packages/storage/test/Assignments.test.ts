import type { CaseFile } from "@liushou/core"
import { describe, expect, it } from "vitest"
import { Ledger } from "../src/index.js"
import { population } from "./support/arbitraries.js"
import { DIALECTS } from "@liushou/test-databases"
import { withLedger } from "./support/ledger.js"
import { engine } from "./support/policy.js"

const clock = () => "2019-07-01T08:00:00.000Z"
const visitor = (id: string, personId: string, from: string): CaseFile.Assignment => ({ id, role: "responsible-visitor", personId, personKind: "village-cadre", from, until: null })
const pairing = (id: string, personId: string, from: string): CaseFile.Assignment => ({ id, role: "pairing", personId, personKind: "younger-elder", from, until: null })

for (const dialect of DIALECTS) {
  describe(`Assignments on ${dialect.name}`, () => {
    let ledger: Ledger.Ledger
    const elders = [...population(6)].map((cf) => ({ ...cf, visits: [] }))
    withLedger(dialect, "assignments", { clock }, async (l) => {
      ledger = l
      // the third comes in with an assignment already in its case file
      await ledger.importCaseFiles(elders.map((cf, i) => (i === 2 ? { ...cf, assignments: [visitor("a0", "v-li", "2019-01-01")] } : cf)), { actor: "clerk" })
    })

    it("adds a responsible visitor and a pairing: new revisions, rows, history and audit", async () => {
      const id = elders[0]!.elder.id
      const r1 = await ledger.addAssignment({ elderId: id, assignment: visitor("a1", "v-li", "2019-02-01"), actor: "村委会-张" })
      expect(r1).toMatchObject({ ok: true, value: { revision: 2, assignment: { id: "a1", personId: "v-li" } } })
      const r2 = await ledger.addAssignment({ elderId: id, assignment: pairing("p1", "y-chen", "2019-03-01"), actor: "村委会-张" })
      expect(r2).toMatchObject({ ok: true, value: { revision: 3 } })
      const rows = await ledger.db.selectFrom("assignments").selectAll().where("elder_id", "=", id).orderBy("assignment_id").execute()
      expect(rows.map((r) => [r.assignment_id, r.role, r.person_id, r.from_date, r.until_date])).toEqual([
        ["a1", "responsible-visitor", "v-li", "2019-02-01", null],
        ["p1", "pairing", "y-chen", "2019-03-01", null]
      ])
      const history = await ledger.history(id)
      expect(history.map((h) => h.change)).toEqual(["created", "assignment-added", "assignment-added"])
      expect(history[2]!.caseFile.assignments?.map((a) => a.id)).toEqual(["a1", "p1"])
      const audit = await ledger.auditLog({ subject: id })
      expect(audit.map((a) => a.action)).toEqual(["assignment.add", "assignment.add"])
      expect(audit[1]!.detail).toMatchObject({ assignmentId: "p1", role: "pairing", personId: "y-chen" })
    })

    it("refuses a duplicate id, an unknown elder, and a bad assignment with the field path", async () => {
      const id = elders[0]!.elder.id
      const dup = await ledger.addAssignment({ elderId: id, assignment: visitor("a1", "v-zhao", "2019-02-01"), actor: "x" })
      expect(dup).toMatchObject({ ok: false, error: { _tag: "AssignmentExists", assignmentId: "a1" } })
      const nobody = await ledger.addAssignment({ elderId: "nobody", assignment: visitor("a9", "v", "2019-02-01"), actor: "x" })
      expect(nobody).toMatchObject({ ok: false, error: { _tag: "ElderNotFound" } })
      const bad = await ledger.addAssignment({ elderId: id, assignment: { ...visitor("a9", "v", "2019-02-01"), until: "2019-01-01" }, actor: "x" })
      expect(bad.ok).toBe(false)
      if (!bad.ok && bad.error._tag === "InvalidAssignment") expect(bad.error.issues.map((i) => i.path)).toEqual(["assignments[2].until"])
      else expect.fail("expected InvalidAssignment")
      expect((await ledger.history(id)).length).toBe(3)
    })

    it("ends a pairing: kept with its last day, never removed; ending twice is refused", async () => {
      const id = elders[0]!.elder.id
      const r = await ledger.endAssignment({ elderId: id, assignmentId: "p1", until: "2019-06-30", actor: "村委会-张" })
      expect(r).toMatchObject({ ok: true, value: { revision: 4, assignment: { id: "p1", until: "2019-06-30" } } })
      const row = await ledger.db.selectFrom("assignments").selectAll().where("elder_id", "=", id).where("assignment_id", "=", "p1").executeTakeFirstOrThrow()
      expect(row.until_date).toBe("2019-06-30")
      expect(await ledger.endAssignment({ elderId: id, assignmentId: "p1", until: "2019-07-30", actor: "x" })).toMatchObject({ ok: false, error: { _tag: "AssignmentEnded" } })
      expect(await ledger.endAssignment({ elderId: id, assignmentId: "zz", until: "2019-07-30", actor: "x" })).toMatchObject({ ok: false, error: { _tag: "AssignmentNotFound" } })
      expect(await ledger.endAssignment({ elderId: id, assignmentId: "a1", until: "2019-01-01", actor: "x" })).toMatchObject({ ok: false, error: { _tag: "InvalidAssignment" } })
      const last = (await ledger.history(id)).at(-1)!
      expect(last.change).toBe("assignment-ended")
      expect(last.changedPaths).toEqual(["assignments[1].until"])
    })

    it("a visit recorded without a visitor is attributed to the responsible visitor of its date", async () => {
      const id = elders[0]!.elder.id
      const r = await ledger.recordVisit({ elderId: id, visit: { date: "2019-06-20", mode: "home", by: "village-committee", concerns: [] }, actor: "村委会-张" })
      expect(r.ok).toBe(true)
      const row = await ledger.db.selectFrom("visits").selectAll().where("elder_id", "=", id).executeTakeFirstOrThrow()
      expect(row.visitor_id).toBe("v-li")
      const early = await ledger.recordVisit({ elderId: id, visit: { date: "2019-01-10", mode: "phone", by: "neighbor", concerns: [] }, actor: "x" })
      expect(early.ok).toBe(true)
      const rows = await ledger.db.selectFrom("visits").select(["date", "visitor_id"]).where("elder_id", "=", id).orderBy("seq").execute()
      expect(rows).toEqual([
        { date: "2019-06-20", visitor_id: "v-li" },
        { date: "2019-01-10", visitor_id: null }
      ])
    })

    it("an imported assignment is stored; re-importing the same case file changes nothing", async () => {
      const id = elders[2]!.elder.id
      const rows = await ledger.db.selectFrom("assignments").select(["assignment_id", "person_id"]).where("elder_id", "=", id).execute()
      expect(rows).toEqual([{ assignment_id: "a0", person_id: "v-li" }])
      const again = await ledger.importCaseFiles([{ ...elders[2]!, assignments: [visitor("a0", "v-li", "2019-01-01")] }], { actor: "clerk" })
      expect(again.unchanged).toBe(1)
      expect((await ledger.db.selectFrom("assignments").select("assignment_id").where("elder_id", "=", id).execute()).length).toBe(1)
    })

    it("the worklist of a person: the elders assigned on the date, with visit status from the latest assessment, overdue first", async () => {
      await ledger.assess(engine(30), "2019-07-01")
      const list = await ledger.visitorWorklist("v-li", "2019-07-01")
      const byElder = new Map(list.map((w) => [w.elderId, w]))
      expect([...byElder.keys()].sort()).toEqual([elders[0]!.elder.id, elders[2]!.elder.id].sort())
      const status = await ledger.eldersByRegion("43")
      for (const w of list) {
        const s = status.find((x) => x.elderId === w.elderId)!.status
        if (s?.visitWindow === "not-applicable" || s === null) expect(["not-applicable", "not-assessed"]).toContain(w.status)
        else expect(w.due).not.toBeNull()
      }
      // before the assignments began, nobody is on the list; after the pairing ended, the volunteer has no one
      expect(await ledger.visitorWorklist("v-li", "2018-12-31")).toEqual([])
      expect((await ledger.visitorWorklist("y-chen", "2019-06-30")).length).toBe(1)
      expect(await ledger.visitorWorklist("y-chen", "2019-07-01")).toEqual([])
      const ranks = list.map((w) => ["overdue", "due", "not-due", "not-assessed", "not-applicable"].indexOf(w.status))
      expect([...ranks].sort((a, b) => a - b)).toEqual(ranks)
      await expect(ledger.visitorWorklist("v-li", "2019-02-30")).rejects.toThrow(/calendar date/)
    })
  })
}
