import { type CaseFile, Decision, Parameter } from "@liushou/core"
import { CIVIL_CODE, DOCUMENT, ELDERLY_RIGHTS_LAW, VISITS_GUIDANCE_2022 } from "./document.js"

/**
 * The national opinion's sections as cited by the rules (`CLAUSES` in national.ts): the
 * parameters cite the same section as the rule that reads them.
 */
const national = (clause: string) => Decision.cite(DOCUMENT.number, clause)
const IDENTIFICATION = "2"
const PRIORITY = "2"
const VISITS = "2"

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
  status: "law",
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
  status: "local",
  reference: national(IDENTIFICATION),
  values: [{ from: EFFECTIVE_FROM, value: 6, reference: "common local definition (半年以上), e.g. 湘民发〔2018〕30号 第一条; the national opinion as reported sets no number" }]
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
  status: "interpretation",
  reference: national(IDENTIFICATION),
  values: [
    {
      from: EFFECTIVE_FROM,
      value: ["in-county", "out-of-county"],
      reference: "民政部 press conference of 2018-02-24 (中国新闻网 via cqn.com.cn): children who have left the place of household registration (户籍地) for a long time"
    }
  ]
})

/**
 * Relations that owe support (赡养人): the elder's children and others with a legal duty of
 * support (老年人权益保障法 art. 14 para. 2; 民法典 art. 1067). A supporter's spouse only assists
 * (art. 14 para. 3: `assistingRelations`); grandchildren owe support only when the children have died
 * or cannot support (`substituteSupportRelations`); a spouse owes maintenance (扶养) instead.
 *
 * @category parameters
 * @since 0.1.0
 */
export const supportRelations = Parameter.define<ReadonlyArray<string>>({
  id: "national.leftBehind.supportRelations",
  description: { zh: "负有赡养义务的关系（子女及其他依法负有赡养义务的人）", en: "Relations that owe support (children and others with a legal duty)" },
  status: "interpretation",
  reference: Decision.cite(ELDERLY_RIGHTS_LAW, "14"),
  values: [
    {
      from: EFFECTIVE_FROM,
      value: ["son", "daughter", "other"],
      reference: "老年人权益保障法 art. 14: 赡养人是指老年人的子女以及其他依法负有赡养义务的人; 民法典 art. 1067 (成年子女的赡养义务)"
    }
  ]
})

/**
 * Relations that owe support only when no child is on record, read as the children having died or
 * being unable to support (民法典 art. 1074: 有负担能力的孙子女、外孙子女，对于子女已经死亡或者子女无力赡养的祖父母、外祖父母，有赡养的义务).
 *
 * @category parameters
 * @since 0.2.0
 */
export const substituteSupportRelations = Parameter.define<ReadonlyArray<string>>({
  id: "national.leftBehind.substituteSupportRelations",
  description: { zh: "子女已经死亡或者无力赡养时负有赡养义务的关系（孙子女、外孙子女）", en: "Relations that owe support when the children have died or cannot support (grandchildren)" },
  status: "interpretation",
  reference: Decision.cite(CIVIL_CODE, "1074"),
  values: [{ from: EFFECTIVE_FROM, value: ["grandchild"], reference: "no child among the supporters on record is read as the children having died or being unable to support" }]
})

/**
 * Relations that assist a supporter (赡养人的配偶应当协助赡养人履行赡养义务, 老年人权益保障法 art. 14
 * para. 3): a son- or daughter-in-law. Not an obligor: one living with the elder is care at home,
 * not a supporter at home, and does not stop the elder being left behind.
 *
 * @category parameters
 * @since 0.2.0
 */
export const assistingRelations = Parameter.define<ReadonlyArray<string>>({
  id: "national.leftBehind.assistingRelations",
  description: { zh: "协助赡养的关系（赡养人的配偶）", en: "Relations that assist a supporter (a supporter's spouse)" },
  status: "interpretation",
  reference: Decision.cite(ELDERLY_RIGHTS_LAW, "14"),
  values: [{ from: EFFECTIVE_FROM, value: ["son-in-law", "daughter-in-law"] }]
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
  status: "local",
  reference: national(IDENTIFICATION),
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
  status: "interpretation",
  reference: national(PRIORITY),
  values: [
    {
      from: EFFECTIVE_FROM,
      value: 80,
      reference: "老年人权益保障法 does not define 高龄; its art. 33 uses 八十周岁以上 for the old-age allowance, read here as the advanced-age line"
    }
  ]
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
  status: "local",
  reference: national(PRIORITY),
  values: [{ from: EFFECTIVE_FROM, value: "moderate", reference: "GB/T 42195-2022 能力中度受损 (中度失能) or worse" }]
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
  status: "local",
  reference: national(PRIORITY),
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
  status: "local",
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
  status: "interpretation",
  reference: Decision.cite(ELDERLY_RIGHTS_LAW, "15"),
  values: [{ from: EFFECTIVE_FROM, value: ["severe", "total"], reference: "生活不能自理 read as GB/T 42195-2022 能力重度受损 or 完全丧失" }]
})

/**
 * Income sources that show the obligors provide for the elder financially (经济上供养) when the
 * village committee has recorded no finding (`elder.facts.financial-support`).
 *
 * @category parameters
 * @since 0.3.0
 */
export const financialSupportSources = Parameter.define<ReadonlyArray<string>>({
  id: "national.duties.financialSupportSources",
  description: { zh: "可视为赡养人履行经济上供养义务的收入来源", en: "Income sources that show the obligors provide for the elder financially" },
  status: "interpretation",
  reference: Decision.cite(ELDERLY_RIGHTS_LAW, "14"),
  values: [{ from: EFFECTIVE_FROM, value: ["children"], reference: "经济上供养 read as the children being among the elder's income sources; a recorded finding takes precedence" }]
})

/**
 * Longest time between two visits under the national periodic-visit duty (定期探访制度, 民发〔2017〕193号):
 * the opinion says "定期" without a number, so 30 days is a local choice, in step with the 2022
 * guidance's goal of a monthly visit rate of 100% by the end of 2025 (民政部等10部门《关于开展特殊困难
 * 老年人探访关爱服务的指导意见》, October 2022) and Qinghai's "每月至少1次" (2022). A province's own
 * visit rule replaces this one while its document is in force.
 *
 * @category parameters
 * @since 0.4.0
 */
export const visitIntervalDays = Parameter.define<number>({
  id: "national.visits.intervalDays",
  description: { zh: "定期探访间隔（天）", en: "Longest time between two periodic visits (days)" },
  unit: "days",
  status: "local",
  reference: national(VISITS),
  values: [
    {
      from: EFFECTIVE_FROM,
      value: 30,
      reference: "local choice: the opinion says 定期 without a number; monthly, after the 2022 guidance's goal of a 100% monthly visit rate by the end of 2025 (民政部等10部门《关于开展特殊困难老年人探访关爱服务的指导意见》, October 2022) and 青海 (2022) 每月至少1次"
    }
  ]
})

/**
 * Visit modes that count as a periodic visit: at home, by phone or by video ("定期上门入户、电话视频等方式",
 * the 2022 guidance; "电话问候、上门访问" as the Ministry described the opinion's visit system).
 *
 * @category parameters
 * @since 0.4.0
 */
export const visitModes = Parameter.define<ReadonlyArray<string>>({
  id: "national.visits.countingModes",
  description: { zh: "计为探访的方式", en: "Visit modes that count" },
  status: "interpretation",
  reference: Decision.cite(VISITS_GUIDANCE_2022, "definition"),
  values: [{ from: EFFECTIVE_FROM, value: ["home", "phone", "video"], reference: "定期上门入户、电话视频等方式 (2022 guidance, as reported by 人民日报 2022-10-28); 电话问候、上门访问 (民政部 press conference of 2018-02-24)" }]
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
  substituteSupportRelations,
  assistingRelations,
  excludedCategories,
  advancedAge,
  disabledFromAbility,
  economicDifficultyPrograms,
  maxDaysSinceContact,
  noSelfCareAbility,
  financialSupportSources,
  visitIntervalDays,
  visitModes
] as ReadonlyArray<Parameter.Parameter>
