import { Engine, Loader } from "@liushou/core"
import { hunan } from "@liushou/policy-hunan"
import { national } from "@liushou/policy-national"
import { describe, expect, it } from "vitest"
import { Ledger } from "../src/index.js"
import { population } from "./support/arbitraries.js"
import { DIALECTS } from "@liushou/test-databases"
import { withLedger } from "./support/ledger.js"

const clock = () => "2019-07-01T08:00:00.000Z"
const hunanEngine = Engine.make(Loader.load([national, hunan]))

for (const dialect of DIALECTS) {
  describe(`Entries and exits of the active ledger on ${dialect.name}`, () => {
    let ledger: Ledger.Ledger
    // everyone visited long ago, so that every elder in the ledger has a visit due
    const elders = [...population(6)].map((cf) => ({ ...cf, visits: [{ date: "2018-09-01", mode: "home" as const, by: "village-committee" as const, concerns: [] }] }))
    withLedger(dialect, "ledger_events", { clock }, async (l) => {
      ledger = l
      // the second comes in already exited (an import keeps the events and their rows)
      await ledger.importCaseFiles(
        elders.map((cf, i) => (i === 1 ? { ...cf, ledgerEvents: [{ date: "2019-03-01", event: "exited" as const, reason: "moved-away" }] } : cf)),
        { actor: "clerk" }
      )
    })

    it("records an exit: a new revision, its row, history and audit; nothing deleted", async () => {
      const id = elders[0]!.elder.id
      const r = await ledger.recordLedgerEvent({ elderId: id, event: { date: "2019-06-15", event: "exited", reason: "entered-institution", note: "入住乡镇敬老院" }, actor: "村委会-张" })
      expect(r).toMatchObject({ ok: true, value: { revision: 2, seq: 0, status: "exited", event: { reason: "entered-institution" } } })
      const rows = await ledger.db.selectFrom("ledger_events").selectAll().orderBy("elder_id").orderBy("seq").execute()
      expect(rows.map((x) => [x.elder_id, Number(x.seq), x.date, x.event, x.reason])).toEqual([
        [id, 0, "2019-06-15", "exited", "entered-institution"],
        [elders[1]!.elder.id, 0, "2019-03-01", "exited", "moved-away"]
      ])
      const history = await ledger.history(id)
      expect(history.map((h) => h.change)).toEqual(["created", "ledger-exited"])
      expect(history[1]!.changedPaths).toEqual(["ledgerEvents[0]"])
      expect(history[0]!.caseFile.ledgerEvents).toBeUndefined()
      const audit = await ledger.auditLog({ subject: id })
      expect(audit.map((a) => a.action)).toEqual(["ledger.exit"])
      // the free-text note may name people: it stays in the case file, not in the audit log
      expect(audit[0]!.detail).toEqual({ revision: 2, seq: 0, date: "2019-06-15", event: "exited", reason: "entered-institution" })
      expect((await ledger.elder(id))?.caseFile.ledgerEvents).toHaveLength(1)
    })

    it("refuses a second exit, an entry while in the ledger, an event out of date order and an unknown elder, naming the field path", async () => {
      const id = elders[0]!.elder.id
      const twice = await ledger.recordLedgerEvent({ elderId: id, event: { date: "2019-06-20", event: "exited", reason: "died" }, actor: "x" })
      expect(twice).toMatchObject({ ok: false, error: { _tag: "InvalidLedgerEvent" } })
      if (!twice.ok && twice.error._tag === "InvalidLedgerEvent") expect(twice.error.issues.map((i) => i.path)).toEqual(["ledgerEvents[1].event"])
      const early = await ledger.recordLedgerEvent({ elderId: id, event: { date: "2019-06-01", event: "entered", reason: "supporter-left" }, actor: "x" })
      if (!early.ok && early.error._tag === "InvalidLedgerEvent") expect(early.error.issues.map((i) => i.path)).toEqual(["ledgerEvents[1].date"])
      else expect.fail("expected InvalidLedgerEvent")
      const inLedger = await ledger.recordLedgerEvent({ elderId: elders[2]!.elder.id, event: { date: "2019-06-01", event: "entered", reason: "identified" }, actor: "x" })
      expect(inLedger.ok).toBe(false)
      if (!inLedger.ok) {
        expect(inLedger.error.message.en).toContain("already in the active ledger")
        expect(inLedger.error.message.zh).toContain("已在台账中")
      }
      const nobody = await ledger.recordLedgerEvent({ elderId: "nobody", event: { date: "2019-06-01", event: "exited", reason: "died" }, actor: "x" })
      expect(nobody).toMatchObject({ ok: false, error: { _tag: "ElderNotFound" } })
      expect((await ledger.history(id)).length).toBe(2)
    })

    it("an exited elder keeps a status with the exit and nothing due, and leaves the due lists; the others stay", async () => {
      await ledger.assess(hunanEngine, "2019-07-01")
      const due = await ledger.visitsDue("2019-07-01", {})
      const ids = due.map((d) => d.elderId)
      expect(ids).not.toContain(elders[0]!.elder.id)
      expect(ids).not.toContain(elders[1]!.elder.id)
      const all = await ledger.eldersByRegion("43", {})
      const byId = new Map(all.map((e) => [e.elderId, e]))
      expect(byId.get(elders[0]!.elder.id)?.status).toMatchObject({ exitedOn: "2019-06-15", visitNextDue: null, assessmentNextDue: null, assessmentOverdue: false })
      expect(byId.get(elders[1]!.elder.id)?.status?.exitedOn).toBe("2019-03-01")
      const inHunan = elders.filter((cf) => cf.elder.regionCode.startsWith("43")).length
      expect(all.length).toBe(inHunan)
      expect(all.filter((e) => e.status?.exitedOn === null).length).toBe(inHunan - 2)
      expect((await ledger.eldersByRegion("43", { status: { inLedger: false } })).map((e) => e.elderId).sort()).toEqual([elders[0]!.elder.id, elders[1]!.elder.id].sort())
      expect((await ledger.eldersByRegion("43", { status: { inLedger: true } })).length).toBe(inHunan - 2)
      // the ones still in the ledger and left behind are due (visited 2018-09-01), in Hunan and, under
      // the national baseline's periodic visits, in the other provinces of the population too
      const provinces = [...new Set(elders.map((cf) => cf.elder.regionCode.slice(0, 2)))]
      const everywhere = (await Promise.all(provinces.map((p) => ledger.eldersByRegion(p, {})))).flat()
      const active = everywhere.filter((e) => e.status?.exitedOn === null && e.status.visitNextDue !== null).map((e) => e.elderId)
      expect(ids.sort()).toEqual(active.sort())
      // a status written from an exited evaluation verifies
      const v = await ledger.verify()
      expect(v.problems).toEqual([])
    })

    it("an entry brings the elder back at the next assessment; the period query lists entries and exits by date", async () => {
      const id = elders[0]!.elder.id
      const r = await ledger.recordLedgerEvent({ elderId: id, event: { date: "2019-06-25", event: "entered", reason: "supporter-left" }, actor: "村委会-张" })
      expect(r).toMatchObject({ ok: true, value: { revision: 3, seq: 1, status: "active" } })
      await ledger.assess(hunanEngine, "2019-07-02")
      const row = (await ledger.eldersByRegion("43", {})).find((e) => e.elderId === id)!
      expect(row.status?.exitedOn).toBeNull()
      const events = await ledger.ledgerEvents({ region: "43", from: "2019-03-01", to: "2019-06-30" })
      expect(events.map((e) => [e.elderId, e.date, e.event, e.reason])).toEqual([
        [elders[1]!.elder.id, "2019-03-01", "exited", "moved-away"],
        [id, "2019-06-15", "exited", "entered-institution"],
        [id, "2019-06-25", "entered", "supporter-left"]
      ])
      expect(await ledger.ledgerEvents({ region: "43", from: "2019-03-02", to: "2019-06-14" })).toEqual([])
      await expect(ledger.ledgerEvents({ from: "2019-13-01", to: "2019-06-30" })).rejects.toThrow(/from must be a calendar date/)
    })
  })
}
