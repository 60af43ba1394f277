/**
 * Synthetic populations: a seeded population API over the testkit's one case-file builder
 * (`internal/build.ts`, which {@link Arbitraries} builds with too). Deterministic arrays (or
 * streams) of realistic case files, the values drawn with a plain seeded generator instead of
 * fast-check, so they are fast enough for demos and benchmarks (100,000 cases in well under a
 * second or two) and shaped like the rural census rather than towards the thresholds. Every
 * case decodes with `Decode.caseFile`. For property tests (shrinking, pinned parts, boundary
 * values drawn on purpose) use {@link Arbitraries}; for a population of a given size and seed,
 * this module.
 *
 * @since 0.1.0
 */
import { CalendarDate, IdNumber } from "@liushou/core"
import type { CaseFile } from "@liushou/core"
import * as Build from "./internal/build.js"
import * as Prng from "./internal/prng.js"
import * as Regions from "./internal/regions.js"

/**
 * Options of a synthetic population.
 *
 * @category models
 * @since 0.1.0
 */
export interface PopulationOptions {
  /** region-code prefix the elders live in ("430121" a county, "43" Hunan); default "430121" */
  readonly region?: string | null
  /** seed; the same seed, size and options give the same population; default 1 */
  readonly seed?: number
  /** the date ages, absences and visits are relative to; default "2024-01-01" */
  readonly asOf?: CalendarDate.CalendarDate
  /** yuan per year the incomes cluster around (a local dibao line); default 5000 */
  readonly incomeAround?: number
  /** risk-level ids to draw recorded assessments from (lowest first); default none recorded */
  readonly riskLevels?: ReadonlyArray<string>
  /** prefix of elder ids; default "E" */
  readonly idPrefix?: string
}

const SURNAMES = ["王", "李", "张", "刘", "陈", "杨", "黄", "赵", "周", "吴", "徐", "孙", "胡", "朱", "高", "林", "何", "郭", "马", "罗", "谭", "彭", "曾", "邓"]
const GIVEN = ["秀英", "桂英", "玉兰", "凤英", "淑华", "建国", "德明", "国华", "志强", "春生", "冬梅", "海清", "福生", "爱华", "满秀", "大海"]
const INCOME_SOURCES = ["farming", "wages", "children", "pension", "assistance", "relatives", "other"] as const
const CONCERNS = ["health", "safety", "housing", "income", "neglect", "abuse", "loneliness", "legal", "other"] as const
const VISITORS = ["village-committee", "township", "neighbor", "volunteer", "social-worker", "elder-association"] as const

/**
 * Generates one realistic case file from a generator. Internal building block shared by
 * {@link syntheticPopulation} and {@link syntheticCases}.
 */
const generate = (
  rng: Prng.Prng,
  index: number,
  region: string | null,
  counties: ReadonlyArray<string>,
  asOfDay: number,
  incomeAround: number,
  riskLevels: ReadonlyArray<string>,
  idPrefix: string
): CaseFile.CaseFile => {
  const county = counties.length === 1 ? counties[0]! : rng.pick(counties)
  const regionCode = Regions.village(region, county, rng.int(0, 11), rng.int(0, 24))
  // ages: the shape of China's rural population aged 60 and over (2020 census, rounded):
  // 60-69 about 55%, 70-79 about 30%, 80-89 about 13%, 90+ about 2%; a few just under 60
  // exercise the age line
  const band = rng.next()
  const age = rng.chance(0.05)
    ? rng.int(50, 59)
    : band < 0.55
      ? rng.int(60, 69)
      : band < 0.85
        ? rng.int(70, 79)
        : band < 0.98
          ? rng.int(80, 89)
          : 90 + Math.floor(12 * Math.pow(rng.next(), 2))
  const asOf = CalendarDate.fromDayNumber(asOfDay)
  const birthYearStart = CalendarDate.toDayNumber(CalendarDate.addYears(asOf, -(age + 1))) + 1
  const birthYearEnd = CalendarDate.toDayNumber(CalendarDate.addYears(asOf, -age))
  const birthDate = Build.birthDateFor(asOf, age, birthYearEnd - rng.int(birthYearStart, birthYearEnd))
  const sex = rng.chance(age >= 80 ? 0.6 : 0.52) ? "female" : "male"
  const frailty = (age - 60) / 40
  const ability = rng.weighted(
    ["intact", "mild", "moderate", "severe", "total"] as const,
    [60 - 35 * frailty, 20, 10 + 8 * frailty, 6 + 6 * frailty, 4 + 5 * frailty]
  )
  const livingArrangement = rng.weighted(
    ["alone", "with-spouse", "with-grandchildren", "with-relatives", "other"] as const,
    [30 + 10 * frailty, 40 - 15 * frailty, 15, 8, 7]
  )
  // incomes: one in ten in a band around the local line (to exercise the thresholds), the rest
  // log-normal with a median of 2.5 times the line (rural elder households earn well below the
  // rural average, and a minority fall under the dibao line)
  const income = rng.chance(0.1)
    ? incomeAround * (0.6 + 0.8 * rng.next())
    : incomeAround * 2.5 * Math.exp(0.9 * (rng.next() + rng.next() + rng.next() - 1.5))
  const annualIncome = Math.round(income / 10) * 10
  const sourceCount = rng.int(1, 3)
  const incomeSources: Array<(typeof INCOME_SOURCES)[number]> = []
  for (let i = 0; i < sourceCount; i++) {
    const s = rng.weighted(INCOME_SOURCES, [30, 10, 25, 20, 8, 4, 3])
    if (!incomeSources.includes(s)) incomeSources.push(s)
  }
  const receiving: Array<CaseFile.ProgramId> = []
  if (annualIncome < incomeAround && rng.chance(0.45)) receiving.push("dibao")
  if (age >= 80 && rng.chance(0.3)) receiving.push("elderly-service-subsidy")
  if (rng.chance(0.04)) receiving.push("poverty-registration")
  if (rng.chance(0.5)) receiving.push("health-management")
  const disabilityGrade = rng.chance(0.08) ? rng.int(1, 4) : null
  if (disabilityGrade !== null && rng.chance(0.3)) receiving.push("disability-living-subsidy")

  const elderId = `${idPrefix}${String(index + 1).padStart(7, "0")}`
  const name = rng.pick(SURNAMES) + rng.pick(GIVEN)
  const rural = rng.chance(0.97)
  const seriousIllness = rng.chance(0.08 + 0.1 * frailty)
  const id18 = rng.chance(0.85) ? { county, sequence: rng.int(0, 499) } : undefined
  const phone = rng.chance(0.6) ? Build.phoneNumber(rng.pick(["3", "5", "8"]), rng.int(0, 999999999)) : undefined
  const housingSafety = rng.chance(0.7) ? rng.weighted(["safe", "at-risk", "unsafe"] as const, [80, 15, 5]) : undefined
  const categories = rng.chance(0.1) ? [rng.weighted(["extreme-poverty", "family-planning-special", "dementia"] as const, [5, 3, 2])] : undefined
  const elder = Build.elder({
    id: elderId,
    name,
    sex,
    birthDate,
    regionCode,
    rural,
    livingArrangement,
    ability,
    seriousIllness,
    disabilityGrade,
    annualIncome,
    incomeSources,
    receiving,
    ...(id18 !== undefined ? { id18 } : {}),
    ...(phone !== undefined ? { phone } : {}),
    ...(housingSafety !== undefined ? { housingSafety } : {}),
    ...(categories !== undefined ? { categories } : {})
  })

  // supporters: 0-6 children and in-laws, mixed whereabouts; a spouse when living with one
  const supporters: Array<CaseFile.Supporter> = []
  const count = rng.weighted([0, 1, 2, 3, 4, 5, 6], [5, 15, 25, 25, 15, 10, 5])
  for (let i = 0; i < count; i++) {
    const whereabouts = rng.weighted(["with-elder", "in-county", "out-of-county"] as const, [18, 27, 55])
    const away = whereabouts !== "with-elder"
    const awaySince = away && rng.chance(0.9) ? CalendarDate.fromDayNumber(asOfDay - Math.floor(3650 * Math.pow(rng.next(), 1.5))) : null
    const lastContact = rng.chance(0.9) ? CalendarDate.fromDayNumber(asOfDay - Math.floor(400 * Math.pow(rng.next(), 2))) : null
    const id = `${elderId}-S${i + 1}`
    const relation = rng.weighted(["son", "daughter", "son-in-law", "daughter-in-law", "grandchild", "other"] as const, [40, 35, 6, 10, 7, 2])
    const reportedToVillage = rng.chance(0.6)
    const phone = rng.chance(0.5) ? Build.phoneNumber(rng.pick(["3", "5", "8"]), rng.int(0, 999999999)) : undefined
    supporters.push(Build.supporter({ id, relation, whereabouts, awaySince, reportedToVillage, lastContact, phone }))
  }
  if (livingArrangement === "with-spouse") supporters.push(Build.spouseAtHome(elderId, asOf))
  const delegatedCarer =
    supporters.some((s) => s.whereabouts !== "with-elder") && rng.chance(0.25)
      ? {
          name: rng.pick(SURNAMES) + rng.pick(GIVEN),
          relation: rng.pick(["nephew", "niece", "neighbor", "brother", "sister"]),
          since: CalendarDate.fromDayNumber(asOfDay - rng.int(0, 1500))
        }
      : null

  // visits: each elder has a rhythm (about weekly, monthly, quarterly, or neglected), and up to
  // eight visits going back from the as-of date at that rhythm with some jitter; a few never
  // visited. Oldest first.
  const gap = rng.weighted([10, 30, 90, 240], [15, 45, 30, 10])
  const visitCount = rng.chance(0.05) ? 0 : rng.int(1, 8)
  const visitDays: Array<number> = []
  let day = asOfDay - rng.int(0, Math.round(gap * 1.3))
  for (let i = 0; i < visitCount && day > asOfDay - 730; i++) {
    visitDays.push(day)
    day -= Math.max(1, Math.round(gap * (0.7 + 0.6 * rng.next())))
  }
  visitDays.sort((a, b) => a - b)
  const visits: Array<CaseFile.Visit> = visitDays.map((day) => ({
    date: CalendarDate.fromDayNumber(day),
    mode: rng.weighted(["home", "phone", "video"] as const, [70, 25, 5]),
    by: rng.weighted(VISITORS, [45, 10, 15, 15, 8, 7]),
    concerns: rng.chance(0.15) ? [rng.pick(CONCERNS)] : []
  }))
  const riskAssessments: Array<CaseFile.RiskAssessment> = []
  if (riskLevels.length > 0) {
    const n = rng.weighted([0, 1, 2], [40, 40, 20])
    const days: Array<number> = []
    for (let i = 0; i < n; i++) days.push(asOfDay - rng.int(0, 900))
    days.sort((a, b) => a - b)
    for (const day of days) riskAssessments.push({ date: CalendarDate.fromDayNumber(day), level: rng.pick(riskLevels) })
  }
  return Build.caseFile({ elder, supporters, delegatedCarer, visits, riskAssessments })
}

/**
 * A lazy stream of `n` synthetic case files (for populations too large to hold, e.g. a
 * million). Same cases, in the same order, as {@link syntheticPopulation} with the same
 * arguments.
 *
 * **Example**
 * ```ts
 * import { syntheticCases } from "@liushou/testkit"
 * for (const caseFile of syntheticCases(1_000_000, { region: "43", seed: 7 })) {
 *   // evaluate, count, ...
 * }
 * ```
 *
 * @category constructors
 * @since 0.1.0
 */
export function* syntheticCases(n: number, options: PopulationOptions = {}): Generator<CaseFile.CaseFile, void, undefined> {
  const region = options.region === undefined ? "430121" : options.region
  const rng = Prng.make(options.seed ?? 1)
  const asOfDay = CalendarDate.toDayNumber(options.asOf ?? "2024-01-01")
  const counties = Regions.countiesIn(region)
  const incomeAround = options.incomeAround ?? 5000
  const riskLevels = options.riskLevels ?? []
  const idPrefix = options.idPrefix ?? "E"
  for (let i = 0; i < n; i++) yield generate(rng, i, region, counties, asOfDay, incomeAround, riskLevels, idPrefix)
}

/**
 * A deterministic array of `n` realistic synthetic case files: ages shaped like the rural census, village
 * codes inside `region`, 0 to 6 supporters with mixed whereabouts, visit histories, incomes
 * around a local line, ID numbers with correct check characters agreeing with birth date
 * and sex. The same `n` and options give the same array on every machine.
 *
 * **Example**
 * ```ts
 * import { syntheticPopulation } from "@liushou/testkit"
 * const elders = syntheticPopulation(20_000, { region: "430121", seed: 42, asOf: "2024-06-30" })
 * ```
 *
 * @category constructors
 * @since 0.1.0
 */
export const syntheticPopulation = (n: number, options: PopulationOptions = {}): Array<CaseFile.CaseFile> => {
  const out: Array<CaseFile.CaseFile> = new Array(n)
  let i = 0
  for (const c of syntheticCases(n, options)) out[i++] = c
  return out
}

/**
 * The name of a province, prefecture or county code (a longer code is named by its county), from
 * the GB/T 2260 division list populations are spread over; `undefined` for a code not in it.
 *
 * @category getters
 * @since 0.2.0
 */
export const regionName = (code: string): string | undefined => Regions.nameOf(code)
