import { fc, test } from "@fast-check/vitest"
import { Assignment, CalendarDate, CaseFile, Decode } from "@liushou/core"
import { describe, expect, it } from "vitest"
import { assignmentArb, caseFileArb, dateArb } from "./arbitraries.js"

const base = {
  elder: {
    id: "HN-0001",
    name: "张桂英",
    sex: "female",
    birthDate: "1940-01-01",
    regionCode: "430121101201",
    rural: true,
    livingArrangement: "alone",
    ability: "mild",
    seriousIllness: false,
    disabilityGrade: null,
    annualIncome: 4800,
    incomeSources: ["farming"],
    receiving: []
  },
  supporters: [],
  delegatedCarer: null,
  visits: [{ date: "2019-06-01", mode: "home", by: "village-committee", concerns: [] }],
  riskAssessments: []
}
const a = (id: string, role: CaseFile.Assignment["role"], personId: string, from: string, until: string | null): CaseFile.Assignment => ({
  id,
  role,
  personId,
  personKind: "village-cadre",
  from,
  until
})

describe("Assignment", () => {
  it("a v1 case file without assignments or visitor ids still decodes, and has nobody assigned", () => {
    const r = Decode.caseFile(base)
    expect(r.ok).toBe(true)
    if (!r.ok) return
    expect(r.value.assignments).toBeUndefined()
    expect(Assignment.responsibleVisitorAt(r.value, "2019-06-30")).toBeNull()
    expect(Assignment.activeAt(r.value, "pairing", "2019-06-30")).toEqual([])
  })

  it("refuses an assignment that ends before it starts, naming the field", () => {
    const r = Decode.caseFile({ ...base, assignments: [a("x", "pairing", "p1", "2019-06-01", "2019-05-31")] })
    expect(r.ok).toBe(false)
    if (r.ok) return
    expect(r.error.issues.map((i) => i.path)).toEqual(["assignments[0].until"])
  })

  it("refuses an unknown role and person kind", () => {
    const r = Decode.caseFile({ ...base, assignments: [{ ...a("x", "pairing", "p1", "2019-06-01", null), role: "boss", personKind: "mayor" }] })
    expect(r.ok).toBe(false)
  })

  it("the latest start is responsible; ended or future assignments are not", () => {
    const cf = { ...base, assignments: [a("1", "responsible-visitor", "v1", "2019-01-01", null), a("2", "responsible-visitor", "v2", "2019-03-01", "2019-04-30")] } as unknown as CaseFile.CaseFile
    expect(Assignment.responsibleVisitorAt(cf, "2018-12-31")).toBeNull()
    expect(Assignment.responsibleVisitorAt(cf, "2019-02-01")).toBe("v1")
    expect(Assignment.responsibleVisitorAt(cf, "2019-03-01")).toBe("v2")
    expect(Assignment.responsibleVisitorAt(cf, "2019-04-30")).toBe("v2")
    expect(Assignment.responsibleVisitorAt(cf, "2019-05-01")).toBe("v1")
  })

  it("attributes a new visit to the responsible visitor of its date, and keeps a named visitor", () => {
    const cf = { ...base, assignments: [a("1", "responsible-visitor", "v1", "2019-01-01", null)] } as unknown as CaseFile.CaseFile
    const visit: CaseFile.Visit = { date: "2019-06-10", mode: "home", by: "village-committee", concerns: [] }
    expect(Assignment.attributeVisit(cf, visit).visitorId).toBe("v1")
    expect(Assignment.attributeVisit(cf, { ...visit, date: "2018-06-10" }).visitorId).toBeUndefined()
    expect(Assignment.attributeVisit(cf, { ...visit, visitorId: "n9" }).visitorId).toBe("n9")
    expect(Assignment.isAttributed(cf, { ...visit, visitorId: "v1" })).toBe(true)
    expect(Assignment.isAttributed(cf, { ...visit, visitorId: "n9" })).toBe(false)
  })

  // The law of the ledger: who is responsible on a date depends only on the assignments whose
  // period contains the date (a naive model: filter, then the latest start, ties by id).
  let compared = 0
  let someone = 0
  test.prop([caseFileArb, dateArb("2014-06-01", "2026-06-01")], { numRuns: 400 })("responsibleVisitorAt agrees with a naive model of periods", (cf, date) => {
    const model = (cf.assignments ?? [])
      .filter((x) => x.role === "responsible-visitor" && x.from <= date && (x.until === null || x.until >= date))
      .sort((x, y) => (x.from === y.from ? x.id.localeCompare(y.id) : y.from.localeCompare(x.from)))[0]
    expect(Assignment.responsibleVisitorAt(cf, date)).toBe(model?.personId ?? null)
    compared++
    if (model !== undefined) someone++
  })
  it("the property compared cases with and without someone responsible", () => {
    expect(compared).toBe(400)
    expect(someone).toBeGreaterThan(20)
    expect(compared - someone).toBeGreaterThan(20)
  })
})

describe("Assignment.inForce", () => {
  test.prop([assignmentArb, dateArb("2014-01-01", "2027-12-31")], { numRuns: 1000 })("an assignment is in force from its first day to its last, both included", (x, date) => {
    const inForce = Assignment.inForce(x, date)
    expect(inForce).toBe(CalendarDate.daysBetween(x.from, date) >= 0 && (x.until === null || CalendarDate.daysBetween(date, x.until) >= 0))
    expect(Assignment.inForce(x, x.from)).toBe(true)
    expect(Assignment.inForce(x, CalendarDate.addDays(x.from, -1))).toBe(false)
    if (x.until !== null) {
      expect(Assignment.inForce(x, x.until)).toBe(true)
      expect(Assignment.inForce(x, CalendarDate.addDays(x.until, 1))).toBe(false)
    }
  })
})

describe("Assignment.activeAt and Assignment.isAttributed", () => {
  // few start dates and ids, so that equal starts (ordered by id) are frequent
  const listArb = fc
    .array(
      fc.record({
        id: fc.constantFrom("a1", "a2", "b1", "c"),
        role: fc.constantFrom(...CaseFile.ASSIGNMENT_ROLES),
        personId: fc.constantFrom("v1", "v2", "p1"),
        personKind: fc.constantFrom(...CaseFile.PERSON_KINDS),
        from: fc.constantFrom("2018-01-01", "2018-06-30", "2019-01-01"),
        until: fc.constantFrom(null, "2018-12-31", "2019-06-30")
      }),
      { maxLength: 6 }
    )
    .map((xs) => xs.filter((a) => a.until === null || a.from <= a.until))
  const dates = fc.constantFrom("2017-12-31", "2018-01-01", "2018-07-01", "2018-12-31", "2019-01-01", "2019-07-01")

  test.prop([listArb, fc.constantFrom(...CaseFile.ASSIGNMENT_ROLES), dates], { numRuns: 500 })(
    "gives the assignments of the role in force, latest start first and equal starts by id",
    (assignments, role, date) => {
      const cf = { ...base, assignments } as unknown as CaseFile.CaseFile
      const got = Assignment.activeAt(cf, role, date)
      const expected = assignments.filter((a) => a.role === role && Assignment.inForce(a, date))
      const at = (x: unknown) => (assignments as ReadonlyArray<unknown>).indexOf(x)
      expect([...got].sort((x, y) => at(x) - at(y))).toEqual(expected)
      for (let i = 1; i < got.length; i++) {
        const [x, y] = [got[i - 1]!, got[i]!]
        expect(x.from > y.from || (x.from === y.from && x.id <= y.id), `${x.from} ${x.id} before ${y.from} ${y.id}`).toBe(true)
      }
      if (role === "responsible-visitor") expect(Assignment.responsibleVisitorAt(cf, date)).toBe(got[0]?.personId ?? null)
    }
  )

  test.prop([listArb, dates, fc.option(fc.constantFrom("v1", "v2", "p1", "x9"), { nil: undefined })], { numRuns: 500 })(
    "a visit is attributed when its visitor holds an assignment in force on its date, of either role",
    (assignments, date, visitorId) => {
      const visit = { date, mode: "home" as const, by: "village-committee" as const, concerns: [], ...(visitorId === undefined ? {} : { visitorId }) }
      const expected = visitorId !== undefined && assignments.some((a) => a.personId === visitorId && Assignment.inForce(a, date))
      expect(Assignment.isAttributed({ ...base, assignments } as unknown as CaseFile.CaseFile, visit)).toBe(expected)
      // a case file without assignments attributes nothing
      expect(Assignment.isAttributed(base as unknown as CaseFile.CaseFile, visit)).toBe(false)
    }
  )
})
