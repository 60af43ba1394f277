import { type CaseFile, Decision, Parameter } from "@liushou/core"
import { DOCUMENT, ELDERLY_RIGHTS_LAW } from "./document.js"

const national = (clause: string) => Decision.cite(DOCUMENT.number, clause)

/**
 * The date the national baseline takes effect: the opinion was announced by the Ministry of
 * Civil Affairs on 2018-02-24 (its signing date is not confirmed in our sources).
 *
 * @category models
 * @since 0.1.0
 */
export const EFFECTIVE_FROM = "2018-02-24"

/**
 * Minimum age of a left-behind elder, in full years ("六十周岁以上", boundary included).
 *
 * @category parameters
 * @since 0.1.0
 */
export const minAge = Parameter.define<number>({
  id: "national.leftBehind.minAge",
  description: { zh: "留守老年人最低年龄（周岁，含本数）", en: "Minimum age of a left-behind elder (full years, inclusive)" },
  unit: "years",
  kind: "law",
  reference: Decision.cite(ELDERLY_RIGHTS_LAW, "2"),
  values: [{ from: EFFECTIVE_FROM, value: 60 }]
})

/**
 * Minimum time all supporters have been away ("半年以上": six months, inclusive).
 *
 * @category parameters
 * @since 0.1.0
 */
export const minAbsenceMonths = Parameter.define<number>({
  id: "national.leftBehind.minAbsenceMonths",
  description: { zh: "赡养人外出最短时长（月，含本数）", en: "Minimum time supporters have been away (months, inclusive)" },
  unit: "months",
  kind: "local",
  reference: national("1"),
  values: [{ from: EFFECTIVE_FROM, value: 6, reference: "common local definition (半年以上); the national text sets no number" }]
})

/**
 * Which whereabouts count as "away": the Ministry's wording is leaving the place of household
 * registration, so elsewhere in the county counts too. Hunan narrows this to out of the county.
 * A list in the coarse values covers the finer ones inside them (`awaySet`).
 *
 * @category parameters
 * @since 0.1.0
 */
export const awayWhereabouts = Parameter.define<ReadonlyArray<CaseFile.Whereabouts>>({
  id: "national.leftBehind.awayWhereabouts",
  description: { zh: "视为“外出”的去向", en: "Whereabouts that count as away" },
  kind: "local",
  reference: national("1"),
  values: [{ from: EFFECTIVE_FROM, value: ["in-county", "out-of-county"] }]
})

/**
 * Relations that carry a duty of support (赡养). A spouse owes maintenance (扶养) instead and
 * does not stop an elder from being left behind.
 *
 * @category parameters
 * @since 0.1.0
 */
export const supportRelations = Parameter.define<ReadonlyArray<string>>({
  id: "national.leftBehind.supportRelations",
  description: { zh: "负有赡养义务的关系", en: "Relations with a duty of support" },
  kind: "law",
  reference: Decision.cite(ELDERLY_RIGHTS_LAW, "14"),
  values: [{ from: EFFECTIVE_FROM, value: ["son", "daughter", "son-in-law", "daughter-in-law", "grandchild", "other"] }]
})

/**
 * Civil-affairs categories excluded from the left-behind definition (some places exclude
 * 特困/五保 elders, who are supported by the state). None nationally.
 *
 * @category parameters
 * @since 0.1.0
 */
export const excludedCategories = Parameter.define<ReadonlyArray<string>>({
  id: "national.leftBehind.excludedCategories",
  description: { zh: "不纳入留守老年人的类别", en: "Categories excluded from the left-behind definition" },
  kind: "local",
  reference: national("1"),
  values: [{ from: EFFECTIVE_FROM, value: [] }]
})

/**
 * Advanced age (高龄) for priority screening, in full years.
 *
 * @category parameters
 * @since 0.1.0
 */
export const advancedAge = Parameter.define<number>({
  id: "national.priority.advancedAge",
  description: { zh: "高龄年龄线（周岁，含本数）", en: "Advanced age (full years, inclusive)" },
  unit: "years",
  kind: "law",
  reference: Decision.cite(ELDERLY_RIGHTS_LAW, "33"),
  values: [{ from: EFFECTIVE_FROM, value: 80 }]
})

/**
 * The least severe ability level counted as disabled (失能) for priority screening.
 *
 * @category parameters
 * @since 0.1.0
 */
export const disabledFromAbility = Parameter.define<"mild" | "moderate" | "severe" | "total">({
  id: "national.priority.disabledFromAbility",
  description: { zh: "视为失能的最轻能力等级（GB/T 42195-2022）", en: "Least severe ability level counted as disabled (GB/T 42195-2022)" },
  kind: "local",
  reference: national("2"),
  values: [{ from: EFFECTIVE_FROM, value: "moderate" }]
})

/**
 * Programs whose receipt marks an elder's household as economically difficult (经济困难).
 *
 * @category parameters
 * @since 0.1.0
 */
export const economicDifficultyPrograms = Parameter.define<ReadonlyArray<string>>({
  id: "national.priority.economicDifficultyPrograms",
  description: { zh: "视为经济困难的已享受项目", en: "Programs received that mark economic difficulty" },
  kind: "local",
  reference: national("2"),
  valuesFrom: "programs",
  values: [{ from: EFFECTIVE_FROM, value: ["dibao", "poverty-registration", "temporary-assistance"] }]
})

/**
 * Longest time without a visit or call from a supporter before the duty to visit or greet
 * the elder "often" (经常看望或者问候) counts as unmet. The law sets no number: a local choice.
 *
 * @category parameters
 * @since 0.1.0
 */
export const maxDaysSinceContact = Parameter.define<number>({
  id: "national.duties.maxDaysSinceContact",
  description: { zh: "赡养人最长未看望或问候天数", en: "Longest time without a visit or call from a supporter (days)" },
  unit: "days",
  kind: "local",
  reference: Decision.cite(ELDERLY_RIGHTS_LAW, "18"),
  values: [{ from: EFFECTIVE_FROM, value: 30, reference: "local choice: the law says 'often' (经常) without a number" }]
})

/**
 * Ability levels at which an elder cannot care for themselves (丧失自理能力), so at least one
 * supporter must stay at home.
 *
 * @category parameters
 * @since 0.1.0
 */
export const noSelfCareAbility = Parameter.define<ReadonlyArray<string>>({
  id: "national.duties.noSelfCareAbility",
  description: { zh: "视为丧失自理能力的能力等级", en: "Ability levels counted as unable to care for oneself" },
  kind: "local",
  reference: Decision.cite(ELDERLY_RIGHTS_LAW, "15"),
  values: [{ from: EFFECTIVE_FROM, value: ["severe", "total"] }]
})

/**
 * Every national parameter.
 *
 * @category parameters
 * @since 0.1.0
 */
export const PARAMETERS: ReadonlyArray<Parameter.Parameter> = [
  minAge,
  minAbsenceMonths,
  awayWhereabouts,
  supportRelations,
  excludedCategories,
  advancedAge,
  disabledFromAbility,
  economicDifficultyPrograms,
  maxDaysSinceContact,
  noSelfCareAbility
] as ReadonlyArray<Parameter.Parameter>
