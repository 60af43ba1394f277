/**
 * Periodic visits (§1, §3): intervals and grace by risk level, the modes that count, extra and
 * urgent visits.
 *
 * @since 0.1.0
 */
import type { Parameter } from "@liushou/core"
import { hn, parameter } from "./shared.js"

/**
 * Longest time between two visits, by risk level (定期探访). The text sets no number: weekly,
 * monthly and quarterly follow the three-tier practice reported by 北方新报 (2022-06-23) (high ≥1/week, key
 * ≥1/month, general ≥1/quarter).
 *
 * @category parameters
 * @since 0.1.0
 */
export const visitIntervalDays: Parameter.Parameter<Readonly<Record<string, number>>> = parameter("hunan.visits.intervalDays", "local", hn("1"), { low: 90, medium: 30, high: 7 },
  { zh: "各风险等级的探访间隔（天）", en: "Visit interval by risk level (days)" },
  { unit: "days", keyedBy: "riskLevels", note: "three-tier practice (北方新报 2022-06-23): weekly / monthly / quarterly" })

/**
 * Days after the due date during which a visit is `due` rather than `late`, by risk level.
 *
 * @category parameters
 * @since 0.1.0
 */
export const visitGraceDays: Parameter.Parameter<Readonly<Record<string, number>>> = parameter("hunan.visits.graceDays", "local", hn("1"), { low: 14, medium: 7, high: 2 },
  { zh: "探访到期后的宽限期（天）", en: "Grace period after a visit falls due (days)" }, { unit: "days", keyedBy: "riskLevels" })

/**
 * Visit modes that count as a visit: "电话问候、上门访问" in the text; video calls counted as a
 * local extension.
 *
 * @category parameters
 * @since 0.1.0
 */
export const visitModes: Parameter.Parameter<ReadonlyArray<string>> = parameter("hunan.visits.countingModes", "local", hn("3"), ["home", "phone", "video"],
  { zh: "计为探访的方式", en: "Visit modes that count" }, { note: "§3 names phone calls and home visits; video is a local extension" })

/**
 * Concerns at the last visit that call for an extra visit, and within how many days.
 *
 * @category parameters
 * @since 0.1.0
 */
export const extraVisitConcerns: Parameter.Parameter<ReadonlyArray<string>> = parameter("hunan.visits.extraVisitConcerns", "local", hn("3"), ["health", "safety", "housing", "income", "neglect", "abuse", "loneliness", "legal"],
  { zh: "需加访的探访关注事项", en: "Visit concerns that call for an extra visit" }, { valuesFrom: "concerns" })

/**
 * @category parameters
 * @since 0.1.0
 */
export const extraVisitDays: Parameter.Parameter<number> = parameter("hunan.visits.extraVisitDays", "local", hn("3"), 7,
  { zh: "关注事项后的加访期限（天）", en: "Days to an extra visit after a concern" }, { unit: "days" })

/**
 * Concerns that call for an extra visit within `hunan.visits.urgentExtraVisitDays` (the
 * three-tier practice's "24 hours after a major event").
 *
 * @category parameters
 * @since 0.1.0
 */
export const urgentConcerns: Parameter.Parameter<ReadonlyArray<string>> = parameter("hunan.visits.urgentConcerns", "local", hn("3"), ["abuse", "neglect", "safety"],
  { zh: "需紧急加访的关注事项", en: "Concerns that call for an urgent extra visit" }, { valuesFrom: "concerns" })

/**
 * @category parameters
 * @since 0.1.0
 */
export const urgentExtraVisitDays: Parameter.Parameter<number> = parameter("hunan.visits.urgentExtraVisitDays", "local", hn("3"), 1,
  { zh: "紧急加访期限（天）", en: "Days to an urgent extra visit" }, { unit: "days", note: "three-tier practice: within 24 hours of a major event" })
