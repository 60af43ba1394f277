/**
 * Annual risk grading (§8): the factors, the thresholds and the level each tier gives.
 *
 * @since 0.1.0
 */
import type { Parameter } from "@liushou/core"
import { from, hn, parameter } from "./shared.js"

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
export const riskAdvancedAge: Parameter.Parameter<number> = parameter("hunan.risk.advancedAge", "local", hn("8"), 80,
  { zh: "风险评估中的高龄年龄线（周岁）", en: "Advanced age in risk grading (full years)" },
  { unit: "years", note: "老年人权益保障法 art. 33 uses 八十周岁以上 for the old-age allowance; the three-tier visit scheme reported by 北方新报 2022-06-23 uses 80+ for high risk" })

/**
 * Least severe ability level that counts as a health factor (失能) in risk grading.
 *
 * @category parameters
 * @since 0.1.0
 */
export const riskDisabledFromAbility: Parameter.Parameter<string> = parameter("hunan.risk.disabledFromAbility", "local", hn("8"), "moderate",
  { zh: "风险评估中视为失能的最轻能力等级", en: "Least severe ability level counted as disabled in risk grading" }, { note: "GB/T 42195-2022 能力中度受损" })

/**
 * Least severe ability level that alone makes an elder high risk.
 *
 * @category parameters
 * @since 0.1.0
 */
export const riskSevereFromAbility: Parameter.Parameter<string> = parameter("hunan.risk.severeFromAbility", "local", hn("8"), "severe",
  { zh: "单独即为高风险的最轻能力等级", en: "Least severe ability level that alone means high risk" }, { note: "GB/T 42195-2022 能力重度受损" })

/**
 * Days since the most recent known contact from any supporter after which the lack of
 * contact (精神慰藉) is a risk factor.
 *
 * @category parameters
 * @since 0.1.0
 */
export const riskNoContactDays: Parameter.Parameter<number> = parameter("hunan.risk.noContactDays", "local", hn("8"), 90,
  { zh: "赡养人均未联系超过该天数视为风险因素", en: "Days without contact from any supporter that count as a risk factor" }, { unit: "days" })

/**
 * How many risk factors together make an elder high risk.
 *
 * @category parameters
 * @since 0.1.0
 */
export const riskHighFactorCount: Parameter.Parameter<number> = parameter("hunan.risk.highFactorCount", "local", hn("8"), 3,
  { zh: "同时具备该数目风险因素即为高风险", en: "Number of risk factors that together mean high risk" })

/**
 * "每年至少组织开展1次风险等级评估": the longest time between two assessments, in months.
 *
 * @category parameters
 * @since 0.1.0
 */
export const assessmentIntervalMonths: Parameter.Parameter<number> = parameter("hunan.risk.assessmentIntervalMonths", "interpretation", hn("8"), 12,
  { zh: "风险等级评估最长间隔（月）", en: "Longest time between risk assessments (months)" },
  { unit: "months", note: "每年至少组织开展1次 read as at most 12 months between assessments; a calendar-year reading is also possible" })

/**
 * The risk level each tier of Hunan's grading gives: no risk factor, at least one factor, a
 * high-risk case. §8 names the factors (经济收入、赡养、健康), not the levels: a local choice. A
 * plugin extending Hunan with other levels sets this to its own level ids (the loader checks
 * they are levels of the chain).
 *
 * @category parameters
 * @since 0.2.0
 */
export const riskTierLevels: Parameter.Parameter<Readonly<Record<"none" | "some" | "high", string>>> = parameter("hunan.risk.tierLevels", "local", hn("8"), { none: "low", some: "medium", high: "high" },
  { zh: "各风险档次对应的风险等级（无风险因素 / 有风险因素 / 高风险情形）", en: "The risk level of each tier (no factor / some factor / a high-risk case)" },
  { valuesFrom: "riskLevels", note: "three-tier practice (北方新报 2022-06-23): general / key / high risk" })
