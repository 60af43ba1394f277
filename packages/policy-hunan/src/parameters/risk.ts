/**
 * Annual risk grading (§8): the factors, the thresholds and the level each tier gives.
 *
 * @since 0.1.0
 */
import { Parameter } from "@liushou/core"
import { from, hn } from "./shared.js"

/**
 * Risk level ids of the Hunan plugin, lowest first.
 *
 * @category risk
 * @since 0.1.0
 */
export type Level = "low" | "medium" | "high"

/**
 * Advanced age for risk grading (高龄), in full years.
 *
 * @category parameters
 * @since 0.1.0
 */
export const riskAdvancedAge = Parameter.define<number>({
  id: "hunan.risk.advancedAge",
  description: { zh: "风险评估中的高龄年龄线（周岁）", en: "Advanced age in risk grading (full years)" },
  unit: "years",
  status: "local",
  reference: hn("8"),
  values: [{ from, value: 80, reference: "老年人权益保障法 art. 33 uses 八十周岁以上 for the old-age allowance; the three-tier visit scheme reported by 北方新报 2022-06-23 uses 80+ for high risk" }]
})

/**
 * Least severe ability level that counts as a health factor (失能) in risk grading.
 *
 * @category parameters
 * @since 0.1.0
 */
export const riskDisabledFromAbility = Parameter.define<string>({
  id: "hunan.risk.disabledFromAbility",
  description: { zh: "风险评估中视为失能的最轻能力等级", en: "Least severe ability level counted as disabled in risk grading" },
  status: "local",
  reference: hn("8"),
  values: [{ from, value: "moderate", reference: "GB/T 42195-2022 能力中度受损" }]
})

/**
 * Least severe ability level that alone makes an elder high risk.
 *
 * @category parameters
 * @since 0.1.0
 */
export const riskSevereFromAbility = Parameter.define<string>({
  id: "hunan.risk.severeFromAbility",
  description: { zh: "单独即为高风险的最轻能力等级", en: "Least severe ability level that alone means high risk" },
  status: "local",
  reference: hn("8"),
  values: [{ from, value: "severe", reference: "GB/T 42195-2022 能力重度受损" }]
})

/**
 * Days since the most recent known contact from any supporter after which the lack of
 * contact (精神慰藉) is a risk factor.
 *
 * @category parameters
 * @since 0.1.0
 */
export const riskNoContactDays = Parameter.define<number>({
  id: "hunan.risk.noContactDays",
  description: { zh: "赡养人均未联系超过该天数视为风险因素", en: "Days without contact from any supporter that count as a risk factor" },
  unit: "days",
  status: "local",
  reference: hn("8"),
  values: [{ from, value: 90 }]
})

/**
 * How many risk factors together make an elder high risk.
 *
 * @category parameters
 * @since 0.1.0
 */
export const riskHighFactorCount = Parameter.define<number>({
  id: "hunan.risk.highFactorCount",
  description: { zh: "同时具备该数目风险因素即为高风险", en: "Number of risk factors that together mean high risk" },
  status: "local",
  reference: hn("8"),
  values: [{ from, value: 3 }]
})

/**
 * "每年至少组织开展1次风险等级评估": the longest time between two assessments, in months.
 *
 * @category parameters
 * @since 0.1.0
 */
export const assessmentIntervalMonths = Parameter.define<number>({
  id: "hunan.risk.assessmentIntervalMonths",
  description: { zh: "风险等级评估最长间隔（月）", en: "Longest time between risk assessments (months)" },
  unit: "months",
  status: "interpretation",
  reference: hn("8"),
  values: [{ from, value: 12, reference: "每年至少组织开展1次 read as at most 12 months between assessments; a calendar-year reading is also possible" }]
})

/**
 * The risk level each tier of Hunan's grading gives: no risk factor, at least one factor, a
 * high-risk case. §8 names the factors (经济收入、赡养、健康), not the levels: a local choice. A
 * plugin extending Hunan with other levels sets this to its own level ids (the loader checks
 * they are levels of the chain).
 *
 * @category parameters
 * @since 0.2.0
 */
export const riskTierLevels = Parameter.define<Readonly<Record<"none" | "some" | "high", string>>>({
  id: "hunan.risk.tierLevels",
  description: { zh: "各风险档次对应的风险等级（无风险因素 / 有风险因素 / 高风险情形）", en: "The risk level of each tier (no factor / some factor / a high-risk case)" },
  status: "local",
  reference: hn("8"),
  valuesFrom: "riskLevels",
  values: [{ from, value: { none: "low", some: "medium", high: "high" }, reference: "three-tier practice (北方新报 2022-06-23): general / key / high risk" }]
})
