/**
 * fast-check arbitraries for case files and their parts, hand-shaped to be realistic (ages
 * mostly 60 to 100, plausible village codes, 0 to 6 supporters with mixed whereabouts, visit
 * histories, incomes around a local line, ID numbers with correct check characters that
 * agree with the birth date and sex) and tested against the core Schema: every generated
 * case decodes with `Decode.caseFile`. Any part can be pinned through the options.
 *
 * Dates near the boundaries that matter (six months away, a month since the last contact,
 * a birthday) are drawn more often than chance would, and shrinking stays on.
 *
 * The records are put together by the testkit's one case-file builder (`internal/build.ts`),
 * which {@link Population} uses too: use these arbitraries in property tests, and
 * `syntheticPopulation` when you need a fixed population of a given size and seed.
 *
 * @since 0.1.0
 */
import { CalendarDate, CaseFile, IdNumber } from "@liushou/core"
import fc from "fast-check"
import * as Build from "./internal/build.js"
import * as Regions from "./internal/regions.js"

/**
 * A number pinned exactly, or a range (both ends inclusive).
 *
 * @category models
 * @since 0.1.0
 */
export type NumberSpec = number | { readonly min: number; readonly max: number }

/**
 * What to pin in a generated case file; everything left out varies.
 *
 * @category models
 * @since 0.1.0
 */
export interface CaseOptions {
  /** the date the case is drawn relative to (ages, absences, visits); default "2024-01-01" */
  readonly asOf?: CalendarDate.CalendarDate
  /** region-code prefix of the village ("430121", "43", a 12-digit village); null or absent: Hunan and other provinces */
  readonly region?: string | null
  /** age in full years at `asOf`; default mostly 60-100 with a few 50-59 */
  readonly age?: NumberSpec
  readonly sex?: (typeof CaseFile.SEXES)[number]
  readonly rural?: boolean
  readonly livingArrangement?: (typeof CaseFile.LIVING_ARRANGEMENTS)[number]
  readonly ability?: CaseFile.Ability
  readonly seriousIllness?: boolean
  readonly disabilityGrade?: 1 | 2 | 3 | 4 | null
  /** yuan per year; default clustered around `incomeAround` */
  readonly annualIncome?: NumberSpec
  /** yuan per year the incomes cluster around (a local dibao line); default 5000 */
  readonly incomeAround?: number
  readonly receiving?: ReadonlyArray<CaseFile.ProgramId>
  /** program ids `receiving` is drawn from (the policy's declared programs); default {@link SAMPLE_PROGRAMS} */
  readonly programs?: ReadonlyArray<string>
  /** concern ids visits record (the policy's declared concerns); default {@link SAMPLE_CONCERNS} */
  readonly concerns?: ReadonlyArray<string>
  readonly categories?: ReadonlyArray<(typeof CaseFile.CATEGORIES)[number]>
  /** number of supporters (children, in-laws, grandchildren); default 0-6 */
  readonly supporters?: NumberSpec
  /** where every supporter is; default mixed */
  readonly whereabouts?: CaseFile.Whereabouts
  /** whether there is a delegated carer; default sometimes */
  readonly delegatedCarer?: boolean
  /** number of past visits; default 0-8 */
  readonly visits?: NumberSpec
  /** risk-level ids recorded assessments are drawn from; default none recorded */
  readonly riskLevels?: ReadonlyArray<string>
}

/**
 * The program ids drawn by default: the national baseline's (`@liushou/policy-national`
 * PROGRAM_IDS; a test keeps them the same). A plugin with programs of its own passes
 * `programs`.
 *
 * @category models
 * @since 0.2.0
 */
export const SAMPLE_PROGRAMS: ReadonlyArray<string> = [
  "temporary-assistance",
  "dibao",
  "elderly-service-subsidy",
  "medical-assistance",
  "rehab-aids",
  "disability-living-subsidy",
  "disability-care-subsidy",
  "poverty-registration",
  "nursing-home-low-fee-care",
  "health-management",
  "legal-aid"
]

/**
 * The concern ids drawn by default: the national baseline's (`CONCERN_IDS`).
 *
 * @category models
 * @since 0.2.0
 */
export const SAMPLE_CONCERNS: ReadonlyArray<string> = ["health", "safety", "housing", "income", "neglect", "abuse", "loneliness", "legal", "other"]

const range = (spec: NumberSpec | undefined, min: number, max: number): fc.Arbitrary<number> =>
  spec === undefined ? fc.integer({ min, max }) : typeof spec === "number" ? fc.constant(spec) : fc.integer({ min: spec.min, max: spec.max })

/**
 * A 12-digit village code inside a region prefix (real county codes, synthetic township and
 * village digits).
 *
 * **Example**
 * ```ts
 * import { Arbitraries } from "@liushou/testkit"
 * import fc from "fast-check"
 * fc.sample(Arbitraries.villageCode("430121"), 3) // ["430121101201", ...]
 * ```
 *
 * @category constructors
 * @since 0.1.0
 */
export const villageCode = (region: string | null = null): fc.Arbitrary<string> => {
  if (region !== null && region.length === 12) return fc.constant(region)
  const counties = Regions.countiesIn(region)
  return fc
    .tuple(fc.constantFrom(...counties), fc.integer({ min: 0, max: 11 }), fc.integer({ min: 0, max: 24 }))
    .map(([county, t, v]) => Regions.village(region, county, t, v))
}

/**
 * A date `days` before `asOf`, with `days` in [min, max] (0 = `asOf` itself).
 *
 * @category constructors
 * @since 0.1.0
 */
export const dateBefore = (asOf: CalendarDate.CalendarDate, min: number, max: number): fc.Arbitrary<CalendarDate.CalendarDate> => {
  const day = CalendarDate.toDayNumber(asOf)
  return fc.integer({ min, max }).map((n) => CalendarDate.fromDayNumber(day - n))
}

/**
 * A birth date for an age at `asOf` (any day of that year of life; birthdays on and around
 * `asOf` drawn more often).
 *
 * @category constructors
 * @since 0.1.0
 */
export const birthDate = (asOf: CalendarDate.CalendarDate, age: NumberSpec = { min: 60, max: 100 }): fc.Arbitrary<CalendarDate.CalendarDate> =>
  fc
    .tuple(
      range(age, 60, 100),
      fc.oneof({ arbitrary: fc.integer({ min: 0, max: 364 }), weight: 4 }, { arbitrary: fc.integer({ min: 0, max: 2 }), weight: 1 })
    )
    .map(([a, before]) => Build.birthDateFor(asOf, a, before))

const ageArb = (spec: NumberSpec | undefined): fc.Arbitrary<number> =>
  spec !== undefined
    ? range(spec, 60, 100)
    : fc.oneof(
        { arbitrary: fc.integer({ min: 60, max: 100 }).map((n) => 60 + Math.floor(((n - 60) * (n - 60)) / 40)), weight: 6 },
        { arbitrary: fc.integer({ min: 60, max: 100 }), weight: 3 },
        { arbitrary: fc.integer({ min: 50, max: 59 }), weight: 1 }
      )

const incomeArb = (spec: NumberSpec | undefined, around: number): fc.Arbitrary<number> =>
  spec !== undefined
    ? range(spec, 0, 40000)
    : fc.oneof(
        { arbitrary: fc.integer({ min: Math.floor(around * 0.06), max: Math.ceil(around * 0.14) }).map((n) => n * 10), weight: 3 },
        { arbitrary: fc.integer({ min: Math.floor(around) - 20, max: Math.ceil(around) + 20 }), weight: 1 },
        { arbitrary: fc.integer({ min: 0, max: 4000 }).map((n) => n * 10), weight: 2 }
      )

const phoneArb = fc.tuple(fc.constantFrom("3", "5", "8"), fc.integer({ min: 0, max: 999_999_999 })).map(([p, n]) => Build.phoneNumber(p, n))

const NAMES = ["王秀英", "李桂英", "张玉兰", "刘建国", "陈德明", "杨国华", "黄春生", "赵冬梅", "周福生", "谭满秀", "彭大海", "曾爱华"]

/**
 * A supporter (child, in-law, grandchild) of an elder, relative to `asOf`. Absences near six
 * months and last contacts near a month are drawn often.
 *
 * @category constructors
 * @since 0.1.0
 */
export const supporter = (
  asOf: CalendarDate.CalendarDate,
  id: string,
  options: { readonly whereabouts?: CaseFile.Whereabouts } = {}
): fc.Arbitrary<CaseFile.Supporter> =>
  fc
    .record({
      // children most often, as in the ledgers; in-laws and grandchildren, who owe support only in
      // some cases (老年人权益保障法 art. 14, 民法典 art. 1074), less often
      relation: fc.oneof(
        { arbitrary: fc.constant("son" as const), weight: 4 },
        { arbitrary: fc.constant("daughter" as const), weight: 3 },
        { arbitrary: fc.constantFrom("son-in-law" as const, "daughter-in-law" as const, "grandchild" as const, "other" as const), weight: 3 }
      ) as fc.Arbitrary<CaseFile.Relation>,
      whereabouts: options.whereabouts !== undefined ? fc.constant(options.whereabouts) : fc.constantFrom(...CaseFile.WHEREABOUTS),
      awayDays: fc.option(
        fc.oneof({ arbitrary: fc.integer({ min: 0, max: 3650 }), weight: 3 }, { arbitrary: fc.integer({ min: 175, max: 190 }), weight: 1 }),
        { freq: 10 }
      ),
      reportedToVillage: fc.boolean(),
      contactDays: fc.option(
        fc.oneof({ arbitrary: fc.integer({ min: 0, max: 400 }), weight: 3 }, { arbitrary: fc.integer({ min: 25, max: 35 }), weight: 1 }),
        { freq: 10 }
      ),
      phone: fc.option(phoneArb, { nil: undefined })
    })
    .map((r) => {
      const day = CalendarDate.toDayNumber(asOf)
      return Build.supporter({
        id,
        relation: r.relation,
        whereabouts: r.whereabouts,
        awaySince: r.whereabouts === "with-elder" || r.awayDays === null ? null : CalendarDate.fromDayNumber(day - r.awayDays),
        reportedToVillage: r.reportedToVillage,
        lastContact: r.contactDays === null ? null : CalendarDate.fromDayNumber(day - r.contactDays),
        phone: r.phone
      })
    })

/**
 * A visit in the two years before `asOf`.
 *
 * @category constructors
 * @since 0.1.0
 */
export const visit = (asOf: CalendarDate.CalendarDate, concerns: ReadonlyArray<string> = SAMPLE_CONCERNS): fc.Arbitrary<CaseFile.Visit> =>
  fc.record({
    date: dateBefore(asOf, 0, 730),
    mode: fc.constantFrom(...CaseFile.VISIT_MODES),
    by: fc.constantFrom(...CaseFile.VISITORS),
    concerns: fc.oneof(
      { arbitrary: fc.constant([] as Array<CaseFile.Concern>), weight: 5 },
      { arbitrary: concerns.length === 0 ? fc.constant([] as Array<CaseFile.Concern>) : fc.uniqueArray(fc.constantFrom(...concerns), { minLength: 1, maxLength: 2 }), weight: 1 }
    )
  })

/**
 * The elder's own record, relative to `asOf`.
 *
 * @category constructors
 * @since 0.1.0
 */
export const elder = (options: CaseOptions & { readonly id?: string } = {}): fc.Arbitrary<CaseFile.Elder> => {
  const asOf = options.asOf ?? "2024-01-01"
  return fc
    .record({
      id: options.id !== undefined ? fc.constant(options.id) : fc.integer({ min: 1, max: 9_999_999 }).map((n) => `E${String(n).padStart(7, "0")}`),
      name: fc.constantFrom(...NAMES),
      sex: options.sex !== undefined ? fc.constant(options.sex) : fc.constantFrom(...CaseFile.SEXES),
      age: ageArb(options.age),
      birthBefore: fc.oneof({ arbitrary: fc.integer({ min: 0, max: 364 }), weight: 4 }, { arbitrary: fc.integer({ min: 0, max: 2 }), weight: 1 }),
      regionCode: villageCode(options.region ?? null),
      rural: options.rural !== undefined ? fc.constant(options.rural) : fc.oneof({ arbitrary: fc.constant(true), weight: 19 }, { arbitrary: fc.constant(false), weight: 1 }),
      livingArrangement: options.livingArrangement !== undefined ? fc.constant(options.livingArrangement) : fc.constantFrom(...CaseFile.LIVING_ARRANGEMENTS),
      ability: options.ability !== undefined ? fc.constant(options.ability) : fc.constantFrom(...CaseFile.ABILITY_LEVELS),
      seriousIllness: options.seriousIllness !== undefined ? fc.constant(options.seriousIllness) : fc.oneof({ arbitrary: fc.constant(false), weight: 5 }, { arbitrary: fc.constant(true), weight: 1 }),
      disabilityGrade:
        options.disabilityGrade !== undefined
          ? fc.constant(options.disabilityGrade)
          : fc.option(fc.constantFrom(1 as const, 2 as const, 3 as const, 4 as const), { freq: 6 }),
      annualIncome: incomeArb(options.annualIncome, options.incomeAround ?? 5000),
      incomeSources: fc.uniqueArray(fc.constantFrom(...CaseFile.INCOME_SOURCES), { maxLength: 3 }),
      receiving: options.receiving !== undefined ? fc.constant([...options.receiving]) : (options.programs ?? SAMPLE_PROGRAMS).length === 0
            ? fc.constant([] as Array<string>)
            : fc.uniqueArray(fc.constantFrom(...(options.programs ?? SAMPLE_PROGRAMS)), { maxLength: 3 }),
      idSequence: fc.option(fc.integer({ min: 0, max: 499 }), { freq: 6 }),
      phone: fc.option(phoneArb, { nil: undefined }),
      housingSafety: fc.option(fc.constantFrom(...CaseFile.HOUSING_SAFETY), { nil: undefined }),
      categories:
        options.categories !== undefined
          ? fc.constant([...options.categories])
          : fc.option(fc.uniqueArray(fc.constantFrom(...CaseFile.CATEGORIES), { maxLength: 2 }), { nil: undefined, freq: 4 })
    })
    .map((r) =>
      Build.elder({
        id: r.id,
        name: r.name,
        sex: r.sex,
        birthDate: Build.birthDateFor(asOf, r.age, r.birthBefore),
        regionCode: r.regionCode,
        rural: r.rural,
        livingArrangement: r.livingArrangement,
        ability: r.ability,
        seriousIllness: r.seriousIllness,
        disabilityGrade: r.disabilityGrade,
        annualIncome: r.annualIncome,
        incomeSources: r.incomeSources,
        receiving: r.receiving,
        ...(r.idSequence !== null ? { id18: { county: r.regionCode.slice(0, 6), sequence: r.idSequence } } : {}),
        ...(r.phone !== undefined ? { phone: r.phone } : {}),
        ...(r.housingSafety !== undefined ? { housingSafety: r.housingSafety } : {}),
        ...(r.categories !== undefined ? { categories: r.categories } : {})
      })
    )
}

/**
 * A realistic case file relative to `asOf`, with any part pinned.
 *
 * **Example**
 * ```ts
 * import { Arbitraries } from "@liushou/testkit"
 * import { fc, test } from "@fast-check/vitest"
 * // an elder of 85 living alone in Changsha County
 * const arb = Arbitraries.caseFile({ asOf: "2024-06-30", age: 85, livingArrangement: "alone", region: "430121" })
 * test.prop([arb])("...", (caseFile) => { ... })
 * ```
 *
 * @category constructors
 * @since 0.1.0
 */
export const caseFile = (options: CaseOptions = {}): fc.Arbitrary<CaseFile.CaseFile> => {
  const asOf = options.asOf ?? "2024-01-01"
  return elder(options).chain((e) =>
    fc
      .record({
        count: range(options.supporters, 0, 6),
        spouseAtHome: fc.boolean(),
        carer: options.delegatedCarer !== undefined ? fc.constant(options.delegatedCarer) : fc.oneof({ arbitrary: fc.constant(false), weight: 3 }, { arbitrary: fc.constant(true), weight: 1 }),
        carerSince: dateBefore(asOf, 0, 1500),
        carerName: fc.constantFrom(...NAMES),
        visitCount: range(options.visits, 0, 8),
        assessments: options.riskLevels !== undefined && options.riskLevels.length > 0 ? fc.array(fc.tuple(dateBefore(asOf, 0, 900), fc.constantFrom(...options.riskLevels)), { maxLength: 2 }) : fc.constant([] as Array<[string, string]>)
      })
      .chain((r) =>
        fc
          .tuple(
            fc.tuple(...Array.from({ length: r.count }, (_, i) => supporter(asOf, `${e.id}-S${i + 1}`, options.whereabouts !== undefined ? { whereabouts: options.whereabouts } : {}))),
            fc.array(visit(asOf, options.concerns), { minLength: r.visitCount, maxLength: r.visitCount })
          )
          .map(([supporters, visits]): CaseFile.CaseFile =>
            Build.caseFile({
              elder: e,
              supporters: e.livingArrangement === "with-spouse" && r.spouseAtHome ? [...supporters, Build.spouseAtHome(e.id, asOf)] : supporters,
              delegatedCarer: r.carer ? { name: r.carerName, relation: "relative", since: r.carerSince } : null,
              visits,
              riskAssessments: r.assessments.map(([date, level]) => ({ date, level }))
            })
          )
      )
  )
}

/**
 * A date in [from, until] (inclusive), with days of month 1-27 so that month arithmetic on
 * it and on the next day is a plain translation.
 *
 * @category constructors
 * @since 0.1.0
 */
export const asOfDate = (from: CalendarDate.CalendarDate, until: CalendarDate.CalendarDate): fc.Arbitrary<CalendarDate.CalendarDate> =>
  fc
    .integer({ min: CalendarDate.toDayNumber(from), max: CalendarDate.toDayNumber(until) })
    .map((n) => {
      const d = CalendarDate.fromDayNumber(n)
      if (+d.slice(8, 10) <= 27) return d
      const back = d.slice(0, 8) + "27"
      return back >= from ? back : CalendarDate.fromDayNumber(n)
    })

/**
 * An as-of date in [from, until] and a case file drawn relative to it.
 *
 * @category constructors
 * @since 0.1.0
 */
export const caseAtDate = (
  from: CalendarDate.CalendarDate,
  until: CalendarDate.CalendarDate,
  options: Omit<CaseOptions, "asOf"> = {}
): fc.Arbitrary<{ readonly asOf: CalendarDate.CalendarDate; readonly caseFile: CaseFile.CaseFile }> =>
  asOfDate(from, until).chain((asOf) => caseFile({ ...options, asOf }).map((cf) => ({ asOf, caseFile: cf })))
