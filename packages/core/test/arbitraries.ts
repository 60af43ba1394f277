// A compact case-file generator for core's own tests (the full, realistic arbitraries live in
// @liushou/testkit, which depends on core).
import { fc } from "@fast-check/vitest"
import { CalendarDate, CaseFile, IdNumber } from "@liushou/core"
import { CONCERNS, PROGRAMS } from "./fixtures.js"

export const dateArb = (from = "1900-01-01", to = "2030-12-31") =>
  fc.integer({ min: CalendarDate.toDayNumber(from), max: CalendarDate.toDayNumber(to) }).map(CalendarDate.fromDayNumber)

const villageArb = fc
  .tuple(fc.constantFrom("430121", "430181", "431224", "150102", "610422"), fc.integer({ min: 100, max: 130 }), fc.integer({ min: 200, max: 230 }))
  .map(([c, t, v]) => `${c}${t}${v}`)

export const supporterArb = (i: number) =>
  fc.record({
    id: fc.constant(`S${i + 1}`),
    relation: fc.constantFrom(...CaseFile.RELATIONS),
    whereabouts: fc.constantFrom(...CaseFile.WHEREABOUTS),
    awaySince: fc.option(dateArb("2000-01-01", "2025-12-31"), { nil: null }),
    reportedToVillage: fc.boolean(),
    lastContact: fc.option(dateArb("2015-01-01", "2025-12-31"), { nil: null })
  })

/** an assignment (responsible visitor or pairing) with a valid period; ids are set by the caller */
export const assignmentArb = fc
  .record({
    role: fc.constantFrom(...CaseFile.ASSIGNMENT_ROLES),
    personId: fc.constantFrom("v1", "v2", "p1"),
    personKind: fc.constantFrom(...CaseFile.PERSON_KINDS),
    from: dateArb("2015-01-01", "2025-12-31"),
    days: fc.option(fc.integer({ min: 0, max: 2000 }), { nil: null })
  })
  .map(({ days, ...a }) => ({ id: "a", ...a, until: days === null ? null : CalendarDate.addDays(a.from, days) }))

export const caseFileArb: fc.Arbitrary<CaseFile.CaseFile> = fc
  .record({
    sex: fc.constantFrom(...CaseFile.SEXES),
    birthDate: dateArb("1915-01-01", "1970-12-31"),
    regionCode: villageArb,
    rural: fc.boolean(),
    livingArrangement: fc.constantFrom(...CaseFile.LIVING_ARRANGEMENTS),
    ability: fc.constantFrom(...CaseFile.ABILITY_LEVELS),
    seriousIllness: fc.boolean(),
    disabilityGrade: fc.constantFrom(null, 1, 2, 3, 4),
    annualIncome: fc.integer({ min: 0, max: 30000 }),
    incomeSources: fc.uniqueArray(fc.constantFrom(...CaseFile.INCOME_SOURCES), { maxLength: 3 }),
    receiving: fc.uniqueArray(fc.constantFrom(...PROGRAMS), { maxLength: 3 }),
    withId: fc.boolean(),
    seq: fc.integer({ min: 0, max: 499 }),
    nSupporters: fc.integer({ min: 0, max: 6 }),
    supporters: fc.array(fc.integer({ min: 0, max: 5 }), { maxLength: 0 }),
    carer: fc.option(fc.record({ name: fc.constant("李四"), relation: fc.constantFrom("niece", "brother"), since: dateArb("2010-01-01", "2025-12-31") }), { nil: null }),
    visits: fc.array(
      fc.record({
        date: dateArb("2015-01-01", "2025-12-31"),
        mode: fc.constantFrom(...CaseFile.VISIT_MODES),
        by: fc.constantFrom(...CaseFile.VISITORS),
        concerns: fc.uniqueArray(fc.constantFrom(...CONCERNS), { maxLength: 2 }),
        visitorId: fc.option(fc.constantFrom("v1", "v2", "p1"), { nil: undefined })
      }).map(({ visitorId, ...v }) => (visitorId === undefined ? v : { ...v, visitorId })),
      { maxLength: 4 }
    ),
    assignments: fc.option(fc.array(assignmentArb, { maxLength: 4 }), { nil: undefined }),
    riskAssessments: fc.array(fc.record({ date: dateArb("2015-01-01", "2025-12-31"), level: fc.constantFrom("low", "medium", "high") }), { maxLength: 3 })
  })
  .chain((r) => fc.tuple(fc.constant(r), fc.tuple(...Array.from({ length: r.nSupporters }, (_, i) => supporterArb(i)))))
  .map(([r, supporters], ) => {
    const seq = r.seq * 2 + (r.sex === "male" ? 1 : 0)
    return {
      elder: {
        id: `T-${r.regionCode}-${seq}`,
        name: "测试老人",
        ...(r.withId ? { idNumber: IdNumber.make(r.regionCode.slice(0, 6), r.birthDate, seq % 1000) } : {}),
        sex: r.sex,
        birthDate: r.birthDate,
        regionCode: r.regionCode,
        rural: r.rural,
        livingArrangement: r.livingArrangement,
        ability: r.ability,
        seriousIllness: r.seriousIllness,
        disabilityGrade: r.disabilityGrade,
        annualIncome: r.annualIncome,
        incomeSources: r.incomeSources,
        receiving: r.receiving
      },
      supporters,
      delegatedCarer: r.carer,
      visits: r.visits,
      riskAssessments: r.riskAssessments,
      ...(r.assignments === undefined ? {} : { assignments: r.assignments.map((a, i) => ({ ...a, id: `a${i}` })) })
    } as CaseFile.CaseFile
  })
