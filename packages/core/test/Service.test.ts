import { fc, test } from "@fast-check/vitest"
import { CalendarDate, CaseFile, Service } from "@liushou/core"
import { describe, expect } from "vitest"
import { caseFileArb, dateArb } from "./arbitraries.js"

const KINDS = ["daily-care", "emotional-comfort", "safety-monitoring"] as const

// a case file with service records and visits that record services (some twice)
const withServicesArb = fc
  .tuple(
    caseFileArb,
    fc.array(
      fc.record(
        {
          date: dateArb("2015-01-01", "2025-12-31"),
          kind: fc.constantFrom(...KINDS),
          personKind: fc.constantFrom(...CaseFile.PERSON_KINDS),
          personId: fc.constantFrom("v1", "v2", "S-9"),
          program: fc.constantFrom("p-one", "p-two"),
          organisation: fc.constantFrom("org-1", "org-2")
        },
        { requiredKeys: ["date", "kind", "personKind", "personId"] }
      ),
      { maxLength: 4 }
    ),
    fc.array(fc.array(fc.constantFrom(...KINDS), { maxLength: 4 }), { maxLength: 4 })
  )
  .map(([cf, services, perVisit]) => ({
    ...cf,
    ...(services.length > 0 ? { services } : {}),
    visits: cf.visits.map((v, i) => (perVisit[i] === undefined ? v : { ...v, services: perVisit[i] }))
  })) as fc.Arbitrary<CaseFile.CaseFile>

describe("Service", () => {
  test.prop([withServicesArb], { numRuns: 500 })(
    "received lists every service record, then each kind a visit records once, with the visitor's kind from the assignment in force that day",
    (cf) => {
      const got = Service.received(cf)
      const records = cf.services ?? []
      expect(got.slice(0, records.length)).toEqual(
        records.map((r, index) => ({ source: "record", index, date: r.date, kind: r.kind, personKind: r.personKind, personId: r.personId, program: r.program ?? null, organisation: r.organisation ?? null }))
      )
      const expected = cf.visits.flatMap((v, index) => {
        const personId = v.visitorId ?? null
        const a = personId === null ? undefined : (cf.assignments ?? []).find((a) => a.personId === personId && a.from <= v.date && (a.until === null || v.date <= a.until))
        return [...new Set(v.services ?? [])].map((kind) => ({ source: "visit", index, date: v.date, kind, personKind: a?.personKind ?? null, personId, program: null, organisation: null }))
      })
      expect(got.slice(records.length)).toEqual(expected)
    }
  )

  test.prop([withServicesArb, fc.constantFrom(...KINDS), dateArb("2015-01-01", "2025-12-31"), fc.integer({ min: 0, max: 2000 })], { numRuns: 500 })(
    "lastOf is the latest date of the kind in the window (ends included); countByKind counts each kind in it",
    (cf, kind, from, days) => {
      const to = CalendarDate.addDays(from, days)
      const got = Service.received(cf)
      const inWindow = got.filter((s) => s.date >= from && s.date <= to)
      const dates = inWindow.filter((s) => s.kind === kind).map((s) => s.date).sort()
      expect(Service.lastOf(got, kind, from, to)).toBe(dates.length === 0 ? null : dates[dates.length - 1])
      const counts = Service.countByKind(got, from, to)
      for (const k of KINDS) expect(counts[k] ?? 0).toBe(inWindow.filter((s) => s.kind === k).length)
      expect(Object.keys(counts).every((k) => (counts[k] ?? 0) > 0)).toBe(true)
      // a window of one day at a service's date finds it
      for (const s of got) expect(Service.lastOf(got, s.kind, s.date, s.date)).toBe(s.date)
    }
  )
})
