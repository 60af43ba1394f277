import { CONCERN_IDS, PROGRAM_IDS } from "@liushou/policy-national"
/**
 * A small case-file generator for the Hunan tests: every generated case decodes with
 * `Decode.caseFile`, and most are left behind under Hunan's definition at mid-2019.
 */
import { CalendarDate, CaseFile } from "@liushou/core"
import { fc } from "@fast-check/vitest"

export const VILLAGES = ["430121101201", "430626100201", "431123100201", "430124100201"] as const

export const date = (from: string, to: string): fc.Arbitrary<string> =>
  fc.integer({ min: CalendarDate.toDayNumber(from), max: CalendarDate.toDayNumber(to) }).map(CalendarDate.fromDayNumber)

const subset = <T>(xs: ReadonlyArray<T>, maxLength = xs.length): fc.Arbitrary<Array<T>> =>
  fc.uniqueArray(fc.constantFrom(...xs), { maxLength })

export const supporter = (i: number): fc.Arbitrary<CaseFile.Supporter> =>
  fc.record({
    id: fc.constant(`s${i}`),
    relation: fc.constantFrom(...CaseFile.RELATIONS),
    whereabouts: fc.oneof(
      { arbitrary: fc.constantFrom("out-of-county" as const, "out-of-province" as const), weight: 6 },
      { arbitrary: fc.constantFrom("with-elder" as const, "in-county" as const, "in-township" as const), weight: 1 }
    ),
    awaySince: fc.oneof({ arbitrary: date("2008-01-01", "2019-06-30"), weight: 9 }, { arbitrary: fc.constant(null), weight: 1 }),
    reportedToVillage: fc.boolean(),
    lastContact: fc.oneof({ arbitrary: date("2018-01-01", "2019-06-30"), weight: 4 }, { arbitrary: fc.constant(null), weight: 1 })
  })

export const visit: fc.Arbitrary<CaseFile.Visit> = fc.record({
  date: date("2018-06-01", "2019-09-30"),
  mode: fc.constantFrom(...CaseFile.VISIT_MODES),
  by: fc.constantFrom(...CaseFile.VISITORS),
  concerns: fc.oneof({ arbitrary: fc.constant([]), weight: 3 }, { arbitrary: subset(CONCERN_IDS, 2), weight: 1 })
})

export const caseFile: fc.Arbitrary<CaseFile.CaseFile> = fc
  .record({
    elder: fc.record(
      {
        id: fc.integer({ min: 1, max: 1_000_000 }).map((n) => `e${n}`),
        name: fc.constant("测试老人"),
        sex: fc.constantFrom(...CaseFile.SEXES),
        birthDate: date("1915-01-01", "1962-12-31"),
        regionCode: fc.constantFrom(...VILLAGES),
        rural: fc.oneof({ arbitrary: fc.constant(true), weight: 9 }, { arbitrary: fc.constant(false), weight: 1 }),
        livingArrangement: fc.constantFrom(...CaseFile.LIVING_ARRANGEMENTS),
        ability: fc.constantFrom(...CaseFile.ABILITY_LEVELS),
        seriousIllness: fc.boolean(),
        disabilityGrade: fc.oneof({ arbitrary: fc.constant(null), weight: 2 }, { arbitrary: fc.integer({ min: 1, max: 4 }), weight: 1 }),
        annualIncome: fc.integer({ min: 0, max: 40_000 }),
        incomeSources: subset(CaseFile.INCOME_SOURCES, 3),
        receiving: subset(PROGRAM_IDS, 3),
        housingSafety: fc.constantFrom(...CaseFile.HOUSING_SAFETY),
        categories: subset(CaseFile.CATEGORIES, 2)
      },
      { requiredKeys: ["id", "name", "sex", "birthDate", "regionCode", "rural", "livingArrangement", "ability", "seriousIllness", "disabilityGrade", "annualIncome", "incomeSources", "receiving"] }
    ),
    supporters: fc.integer({ min: 0, max: 4 }).chain((n) => fc.tuple(...Array.from({ length: n }, (_, i) => supporter(i)))),
    delegatedCarer: fc.option(fc.record({ name: fc.constant("受托亲属"), relation: fc.constant("niece"), since: date("2015-01-01", "2019-09-30") }), { nil: null }),
    visits: fc.array(visit, { maxLength: 5 }),
    riskAssessments: fc.array(fc.record({ date: date("2017-01-01", "2019-09-30"), level: fc.constantFrom("low", "medium", "high") }), { maxLength: 2 })
  })
  .map((cf) => cf as CaseFile.CaseFile)

/** A case left behind under Hunan's definition at 2019-06-30 (before other changes). */
export const leftBehindCase: fc.Arbitrary<CaseFile.CaseFile> = caseFile.map((cf) => ({
  ...cf,
  elder: { ...cf.elder, rural: true, birthDate: cf.elder.birthDate > "1959-06-30" ? "1959-06-30" : cf.elder.birthDate },
  supporters: [
    { id: "child", relation: "son", whereabouts: "out-of-county", awaySince: "2015-01-01", reportedToVillage: true, lastContact: "2019-03-01" },
    ...cf.supporters.map((s) =>
      s.relation === "spouse" ? s : { ...s, whereabouts: "out-of-county" as const, awaySince: s.awaySince === null || s.awaySince > "2018-12-30" ? "2018-12-30" : s.awaySince }
    )
  ]
}))
