/**
 * Hunan's reference evaluation method (考评办法). §10 asks prefectures and counties to set
 * "农村留守老年人关爱服务工作考评办法" and to supervise how the opinions are carried out; the text
 * names no indicator. This set is a local choice (status `local`): each indicator measures one
 * duty the text does name (periodic visits §1, annual risk assessment §8, discover-report-refer
 * with deadlines §8, the dynamic ledger §1, pairing of key targets §4 and §10), counted by core's
 * `Indicator` measures. A prefecture or county that writes its own method declares its own
 * `indicators` in its plugin (they replace these).
 *
 * @since 0.3.0
 */
import type { Indicator } from "@liushou/core"
import { DOCUMENT } from "./document.js"


type Text = Indicator.Indicator["title"]

/** How every reading ends: the text names no indicator. */
const METHOD = "local indicator of the 考评办法 §10 asks counties to set"

/** Who is counted by the visit indicators. */
const WITH_INTERVAL: Text = { zh: "期内在册且有探访周期的留守老年人数", en: "elders in the active ledger during the period who have a visit interval" }

/** Who is counted by the ledger indicators. */
const IN_LEDGER_AT_END: Text = { zh: "期末在册的老年人数", en: "elders in the active ledger at the period's end" }

/**
 * One indicator of the method: counted per quarter, higher is better and by risk level unless
 * `options` says otherwise; status `local`, cited to §10, its reading ending with `METHOD`.
 */
const local = (
  id: string,
  measure: Indicator.Measure,
  title: Text,
  numerator: Text,
  denominator: Text,
  reading: string,
  options: { readonly period?: Indicator.PeriodLength; readonly better?: "lower"; readonly byRiskLevel?: false } = {}
): Indicator.Indicator => ({
  // a plain object (no core value imported): the evaluate-only browser bundle stays within its budget
  id,
  title,
  measure,
  numerator,
  denominator,
  period: options.period ?? "quarter",
  better: options.better ?? "higher",
  ...(options.byRiskLevel === false ? {} : { byRiskLevel: true }),
  topic: "evaluation",
  unit: "share",
  status: "local",
  reference: { document: DOCUMENT.number, clause: "10" },
  note: `${reading}; ${METHOD}`
})

/**
 * The indicators of Hunan's reference evaluation method, in the order the county report shows
 * them.
 *
 * @category indicators
 * @since 0.3.0
 */
export const INDICATORS: ReadonlyArray<Indicator.Indicator> = [
  local(
    "hunan.evaluation.visit-coverage",
    "visits.any",
    { zh: "探访覆盖率", en: "Visit coverage" },
    { zh: "期内至少探访一次的老年人数", en: "elders visited at least once in the period" },
    WITH_INTERVAL,
    "§1 定期探访制度"
  ),
  local(
    "hunan.evaluation.visit-timeliness",
    "visits.within-interval",
    { zh: "按时探访率", en: "Visit timeliness" },
    { zh: "期内每次间隔都不超过其探访周期的老年人数", en: "elders never left longer than their visit interval without a visit in the period" },
    WITH_INTERVAL,
    "§1 定期探访制度, intervals by risk level (hunan.visits.intervalDays)"
  ),
  local(
    "hunan.evaluation.assessment-coverage",
    "assessment.current",
    { zh: "年度风险评估覆盖率", en: "Annual assessment coverage" },
    { zh: "期末风险评估在有效期内（未逾期）的留守老年人数", en: "left-behind elders whose risk assessment is on record and not overdue at the period's end" },
    { zh: "期内在册的留守老年人数", en: "left-behind elders in the active ledger during the period" },
    "§8 每年至少组织开展1次 (hunan.risk.assessmentIntervalMonths)",
    { period: "year" }
  ),
  local(
    "hunan.evaluation.referral-timeliness",
    "referrals.within-deadline",
    { zh: "转介按时办结率", en: "Referral timeliness" },
    { zh: "期内办结且每一环节都未超时限的转介个案数", en: "referral cases ended in the period with every step within its deadline" },
    { zh: "期内办结的转介个案数，加上期末仍未办结且已超时限的个案数", en: "referral cases ended in the period, plus cases still open past a deadline at its end" },
    "§8 发现、报告、转介、救助工作有效衔接, deadlines hunan.referralWorkflow.deadlineDays",
    { byRiskLevel: false }
  ),
  local(
    "hunan.evaluation.ledger-completeness",
    "facts.known",
    { zh: "台账完整率", en: "Ledger completeness" },
    {
      zh: "期末各类信息（去向、收入、健康、住房）都核实过的在册老年人数",
      en: "elders in the active ledger at the period's end with every group of facts (whereabouts, income, health, housing) verified at least once"
    },
    IN_LEDGER_AT_END,
    "§1 准确掌握…信息台账"
  ),
  local(
    "hunan.evaluation.ledger-staleness",
    "facts.stale",
    { zh: "台账过期率", en: "Ledger staleness" },
    { zh: "期末有一类信息核实已过期的在册老年人数", en: "elders in the active ledger at the period's end with a group of facts whose verification has expired" },
    IN_LEDGER_AT_END,
    "§1 动态管理、定期排查、及时更新 (validity hunan.upkeep.validityDays)",
    { better: "lower" }
  ),
  local(
    "hunan.evaluation.pairing-coverage",
    "pairing.priority",
    { zh: "重点对象结对帮扶率", en: "Pairing coverage of priority elders" },
    { zh: "期末已结对帮扶的重点对象人数", en: "priority elders paired (结对帮扶) at the period's end" },
    {
      zh: "期末在册的重点对象（经济困难家庭的高龄、失能留守老年人）人数",
      en: "priority elders (economically difficult, of advanced age or disabled) in the active ledger at the period's end"
    },
    "§4 结对帮扶 and §10 以经济困难家庭的高龄、失能留守老年人为重点对象"
  ),
  local(
    "hunan.evaluation.services-per-need",
    "services.per-need",
    { zh: "关爱服务按需送达率", en: "Care services delivered per need" },
    {
      zh: "期内至少获得一次该类服务的（老年人，所需服务类别）对数",
      en: "(elder, needed kind of care service) pairs with at least one service of that kind delivered in the period"
    },
    {
      zh: "期末在册留守老年人按关爱服务规则确定需要的（老年人，服务类别）对数",
      en: "(elder, kind) pairs that the services rule marks needed at the period's end, for left-behind elders in the active ledger at its end"
    },
    "§10 增强生活照料、精神慰藉、安全监护、权益维护等基本服务 and §4 专业服务; needs by hunan.services.neededWhen and hunan.services.rightsConcerns at the period's end, delivery within the period (not the hunan.services.windowDays window)"
  )
]
