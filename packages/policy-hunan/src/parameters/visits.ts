/**
 * Periodic visits (§1, §3): intervals and grace by risk level, the modes that count, extra and
 * urgent visits.
 *
 * @since 0.1.0
 */
import { Parameter } from "@liushou/core"
import { from, hn } from "./shared.js"

/**
 * Longest time between two visits, by risk level (定期探访). The text sets no number: weekly,
 * monthly and quarterly follow the three-tier practice reported by 北方新报 (2022-06-23) (high ≥1/week, key
 * ≥1/month, general ≥1/quarter).
 *
 * @category parameters
 * @since 0.1.0
 */
export const visitIntervalDays = Parameter.define<Readonly<Record<string, number>>>({
  id: "hunan.visits.intervalDays",
  description: { zh: "各风险等级的探访间隔（天）", en: "Visit interval by risk level (days)" },
  unit: "days",
  status: "local",
  reference: hn("1"),
  keyedBy: "riskLevels",
  values: [{ from, value: { low: 90, medium: 30, high: 7 }, reference: "three-tier practice (北方新报 2022-06-23): weekly / monthly / quarterly" }]
})

/**
 * Days after the due date during which a visit is `due` rather than `late`, by risk level.
 *
 * @category parameters
 * @since 0.1.0
 */
export const visitGraceDays = Parameter.define<Readonly<Record<string, number>>>({
  id: "hunan.visits.graceDays",
  description: { zh: "探访到期后的宽限期（天）", en: "Grace period after a visit falls due (days)" },
  unit: "days",
  status: "local",
  reference: hn("1"),
  keyedBy: "riskLevels",
  values: [{ from, value: { low: 14, medium: 7, high: 2 } }]
})

/**
 * Visit modes that count as a visit: "电话问候、上门访问" in the text; video calls counted as a
 * local extension.
 *
 * @category parameters
 * @since 0.1.0
 */
export const visitModes = Parameter.define<ReadonlyArray<string>>({
  id: "hunan.visits.countingModes",
  description: { zh: "计为探访的方式", en: "Visit modes that count" },
  status: "local",
  reference: hn("3"),
  values: [{ from, value: ["home", "phone", "video"], reference: "§3 names phone calls and home visits; video is a local extension" }]
})

/**
 * Concerns at the last visit that call for an extra visit, and within how many days.
 *
 * @category parameters
 * @since 0.1.0
 */
export const extraVisitConcerns = Parameter.define<ReadonlyArray<string>>({
  id: "hunan.visits.extraVisitConcerns",
  description: { zh: "需加访的探访关注事项", en: "Visit concerns that call for an extra visit" },
  status: "local",
  reference: hn("3"),
  valuesFrom: "concerns",
  values: [{ from, value: ["health", "safety", "housing", "income", "neglect", "abuse", "loneliness", "legal"] }]
})

/**
 * @category parameters
 * @since 0.1.0
 */
export const extraVisitDays = Parameter.define<number>({
  id: "hunan.visits.extraVisitDays",
  description: { zh: "关注事项后的加访期限（天）", en: "Days to an extra visit after a concern" },
  unit: "days",
  status: "local",
  reference: hn("3"),
  values: [{ from, value: 7 }]
})

/**
 * Concerns that call for an extra visit within `hunan.visits.urgentExtraVisitDays` (the
 * three-tier practice's "24 hours after a major event").
 *
 * @category parameters
 * @since 0.1.0
 */
export const urgentConcerns = Parameter.define<ReadonlyArray<string>>({
  id: "hunan.visits.urgentConcerns",
  description: { zh: "需紧急加访的关注事项", en: "Concerns that call for an urgent extra visit" },
  status: "local",
  reference: hn("3"),
  valuesFrom: "concerns",
  values: [{ from, value: ["abuse", "neglect", "safety"] }]
})

/**
 * @category parameters
 * @since 0.1.0
 */
export const urgentExtraVisitDays = Parameter.define<number>({
  id: "hunan.visits.urgentExtraVisitDays",
  description: { zh: "紧急加访期限（天）", en: "Days to an urgent extra visit" },
  unit: "days",
  status: "local",
  reference: hn("3"),
  values: [{ from, value: 1, reference: "three-tier practice: within 24 hours of a major event" }]
})
