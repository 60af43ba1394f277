import type { CaseFile } from "@liushou/core"
import { describe, expect, it } from "vitest"
import { Ledger } from "../src/index.js"
import { population } from "./support/arbitraries.js"
import { DIALECTS } from "@liushou/test-databases"
import { withLedger } from "./support/ledger.js"

const clock = () => "2019-07-01T08:00:00.000Z"

const service = (date: string, kind: string, extra: Partial<CaseFile.ServiceRecord> = {}): CaseFile.ServiceRecord => ({
  date,
  kind,
  personKind: "volunteer",
  personId: "V-001",
  ...extra
})

for (const dialect of DIALECTS) {
  describe(`Care services on ${dialect.name}`, () => {
    let ledger: Ledger.Ledger
    // two elders in one village of Changsha County, one in another township, one in another county
    const codes = ["430121101201", "430121101201", "430121102203", "430181103204"]
    const elders = [...population(4)].map((cf, i) => ({ ...cf, elder: { ...cf.elder, regionCode: codes[i]! } }))
    withLedger(dialect, "services", { clock }, async (l) => {
      ledger = l
      // the fourth comes in with a service on record and a visit that delivered one: an import keeps both rows
      await ledger.importCaseFiles(
        elders.map((cf, i) =>
          i === 3
            ? {
                ...cf,
                services: [service("2019-05-02", "daily-care", { personKind: "social-worker", personId: "S-9", organisation: "social-work-station-430181" })],
                visits: [...cf.visits, { date: "2019-05-20", mode: "home" as const, by: "village-committee" as const, concerns: [], services: ["emotional-comfort", "safety-monitoring"] }]
              }
            : cf
        ),
        { actor: "clerk" }
      )
    })

    it("imports the services of a case file, records and visits alike", async () => {
      const rows = await ledger.services({ elderId: elders[3]!.elder.id })
      expect(rows.map((r) => [r.source, r.date, r.kind, r.personKind, r.personId, r.organisation])).toEqual([
        ["record", "2019-05-02", "daily-care", "social-worker", "S-9", "social-work-station-430181"],
        ["visit", "2019-05-20", "emotional-comfort", null, null, null],
        ["visit", "2019-05-20", "safety-monitoring", null, null, null]
      ])
    })

    it("records a service: a new revision, its row, history and audit without the note", async () => {
      const id = elders[0]!.elder.id
      const r = await ledger.recordService({
        elderId: id,
        region: "430121101201",
        service: service("2019-06-10", "emotional-comfort", { program: "health-management", note: "陪老人聊天一小时" }),
        actor: "村委会-张"
      })
      expect(r).toMatchObject({ ok: true, value: { revision: 2, index: 0, service: { kind: "emotional-comfort", note: "陪老人聊天一小时" } } })
      const history = await ledger.history(id, { region: "430121101201" })
      expect(history.map((h) => h.change)).toEqual(["created", "service-recorded"])
      expect(history[1]!.changedPaths).toEqual(["services[0]"])
      const audit = await ledger.auditLog({ subject: id })
      expect(audit.map((a) => a.action)).toEqual(["service.record"])
      expect(audit[0]!.detail).toEqual({ revision: 2, index: 0, date: "2019-06-10", kind: "emotional-comfort", personKind: "volunteer", personId: "V-001", program: "health-management" })
      expect(JSON.stringify(audit)).not.toContain("陪老人")
      const rows = await ledger.services({ region: "430121101201", elderId: id })
      expect(rows.map((x) => [x.seq, x.source, x.sourceIndex, x.kind, x.program])).toEqual([[0, "record", 0, "emotional-comfort", "health-management"]])
    })

    it("a visit that records services creates service rows, after the records", async () => {
      const id = elders[0]!.elder.id
      const v = await ledger.recordVisit({
        elderId: id,
        region: "430121101201",
        visit: { date: "2019-06-20", mode: "home", by: "volunteer", concerns: [], visitorId: "V-001", services: ["safety-monitoring", "daily-care"] },
        actor: "x"
      })
      expect(v.ok).toBe(true)
      await ledger.recordService({ elderId: id, region: "430121101201", service: service("2019-06-25", "rights-protection"), actor: "x" })
      const rows = await ledger.services({ elderId: id, region: "430121101201" })
      expect(rows.map((x) => [x.date, x.source, x.kind]).sort()).toEqual(
        [
          ["2019-06-10", "record", "emotional-comfort"],
          ["2019-06-20", "visit", "daily-care"],
          ["2019-06-20", "visit", "safety-monitoring"],
          ["2019-06-25", "record", "rights-protection"]
        ].sort()
      )
      expect(new Set(rows.map((x) => x.seq)).size).toBe(4)
    })

    it("refuses a service that does not decode, naming the field path and never echoing the note", async () => {
      const id = elders[1]!.elder.id
      const bad = await ledger.recordService({
        elderId: id,
        region: "430121101201",
        service: { ...service("2019-02-30", "daily-care"), note: "\u0000私人备注 王某" } as CaseFile.ServiceRecord,
        actor: "x"
      })
      expect(bad).toMatchObject({ ok: false, error: { _tag: "InvalidService" } })
      if (!bad.ok && bad.error._tag === "InvalidService") {
        expect(bad.error.issues.map((i) => i.path).sort()).toEqual(["services[0].date", "services[0].note"])
        expect(JSON.stringify(bad.error)).not.toContain("私人备注")
        expect(bad.error.message.zh).toContain("关爱服务记录")
      }
      const nobody = await ledger.recordService({ elderId: "nobody", service: service("2019-06-01", "daily-care"), actor: "x" })
      expect(nobody).toMatchObject({ ok: false, error: { _tag: "ElderNotFound" } })
      expect((await ledger.history(id, { region: "430121101201" })).length).toBe(1)
    })

    it("counts services by kind inside a region prefix and a period, and by area or elder", async () => {
      const county = await ledger.serviceCounts({ region: "430121", from: "2019-01-01", to: "2019-06-30" })
      expect(county).toEqual([
        { region: "430121", elderId: null, kind: "daily-care", services: 1, elders: 1 },
        { region: "430121", elderId: null, kind: "emotional-comfort", services: 1, elders: 1 },
        { region: "430121", elderId: null, kind: "rights-protection", services: 1, elders: 1 },
        { region: "430121", elderId: null, kind: "safety-monitoring", services: 1, elders: 1 }
      ])
      const all = await ledger.serviceCounts({ from: "2019-01-01", to: "2019-06-30" })
      expect(all.find((c) => c.kind === "daily-care")).toEqual({ region: "", elderId: null, kind: "daily-care", services: 2, elders: 2 })
      const byCounty = await ledger.serviceCounts({ region: "43", from: "2019-01-01", to: "2019-06-30", by: "county" })
      expect(byCounty.filter((c) => c.kind === "daily-care").map((c) => [c.region, c.services])).toEqual([
        ["430121", 1],
        ["430181", 1]
      ])
      const byElder = await ledger.serviceCounts({ region: "430181", from: "2019-01-01", to: "2019-06-30", by: "elder" })
      expect(byElder.map((c) => [c.region, c.elderId, c.kind, c.services])).toEqual([
        ["430181103204", elders[3]!.elder.id, "daily-care", 1],
        ["430181103204", elders[3]!.elder.id, "emotional-comfort", 1],
        ["430181103204", elders[3]!.elder.id, "safety-monitoring", 1]
      ])
      // the period bounds are inclusive; the village level groups by the 12-digit code
      const june = await ledger.serviceCounts({ region: "430121", from: "2019-06-20", to: "2019-06-20", by: "village" })
      expect(june.map((c) => [c.region, c.kind, c.services])).toEqual([
        ["430121101201", "daily-care", 1],
        ["430121101201", "safety-monitoring", 1]
      ])
      expect(await ledger.serviceCounts({ region: "430121102", from: "2019-01-01", to: "2019-06-30" })).toEqual([])
    })

    it("rejects a malformed region, date or grouping with a bilingual input error", async () => {
      await expect(ledger.serviceCounts({ region: "4301x", from: "2019-01-01", to: "2019-06-30" })).rejects.toThrow(/region/)
      await expect(ledger.serviceCounts({ from: "2019-13-01", to: "2019-06-30" })).rejects.toThrow(/from/)
      await expect(ledger.serviceCounts({ from: "2019-01-01", to: "2019-06-30", by: "province" as never })).rejects.toThrow(/by must be/)
    })

    it("a re-import of the same case files keeps the service rows as they are", async () => {
      const before = await ledger.services({})
      const current = await ledger.exportCaseFiles({})
      const files: Array<CaseFile.CaseFile> = []
      for await (const cf of current) files.push(cf)
      await ledger.importCaseFiles(files, { actor: "clerk" })
      expect(await ledger.services({})).toEqual(before)
    })
  })
}
