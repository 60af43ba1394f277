/**
 * The village committee's follow-up on family duties (§3): reminders, verification of concerns,
 * law enforcement, support disputes.
 *
 * @since 0.1.0
 */
import { Decision, type Parameter } from "@liushou/core"
import { hn, parameter } from "./shared.js"

/**
 * Days after a recorded reminder (督促, `followUps[]`) after which a duty still unmet means the
 * reminder was ignored: the ladder moves to criticism and education (批评教育). The text sets no
 * number.
 *
 * @category parameters
 * @since 0.3.0
 */
export const reminderResponseDays: Parameter.Parameter<number> = parameter("hunan.followUp.reminderResponseDays", "local", hn("3"), 30,
  { zh: "督促后仍未履行即视为置之不理的天数", en: "Days after a recorded reminder after which a duty still unmet means it was ignored" },
  { unit: "days", note: "local choice: one monthly visit cycle (the medium-risk visit interval) to respond" })

/**
 * Concerns that may make a case serious (情节严重): abuse and neglect. A report of one is
 * verified first (a home visit, reported to the township); once verified it is met with
 * criticism and education; handed over to law enforcement (提交执法部门) only when verified,
 * found serious and the grounds are on record.
 *
 * @category parameters
 * @since 0.1.0
 */
export const lawEnforcementConcerns: Parameter.Parameter<ReadonlyArray<string>> = parameter("hunan.followUp.lawEnforcementConcerns", "interpretation", hn("3"), ["abuse", "neglect"],
  { zh: "可能构成情节严重、须核实的关注事项（虐待、疏于照料）", en: "Concerns that may be serious and must be verified (abuse, neglect)" },
  { valuesFrom: "concerns", note: "§3 对不履行赡养、扶养义务或虐待老年人的…情节严重的，应提交执法部门; 老年人权益保障法 art. 76" })

/**
 * Days within which an unverified report of a concern in `hunan.followUp.lawEnforcementConcerns`
 * is verified by a home visit (and reported to the township). The text sets no number.
 *
 * @category parameters
 * @since 0.3.0
 */
export const verificationDays: Parameter.Parameter<number> = parameter("hunan.followUp.verificationDays", "local", hn("3"), 3,
  { zh: "未经核实的虐待、疏于照料反映须入户核实的天数", en: "Days within which an unverified report of abuse or neglect is checked by a home visit" },
  { unit: "days", note: "local choice: the township report deadline of hunan.referrals.deadlineDays" })

/**
 * Concerns that are support disputes (赡养纠纷): routed to mediation (人民调解, 老年人权益保障法
 * art. 75) and to legal aid for a support claim (法律援助法 art. 31; 法律援助条例 art. 10 before
 * 2022-01-01), not to the police.
 *
 * @category parameters
 * @since 0.3.0
 */
export const supportDisputeConcerns: Parameter.Parameter<ReadonlyArray<string>> = parameter("hunan.followUp.supportDisputeConcerns", "interpretation", Decision.cite("老年人权益保障法", "75"), ["support-dispute"],
  { zh: "视为赡养纠纷的关注事项（调解与法律援助）", en: "Concerns that are support disputes (mediation and legal aid)" },
  { valuesFrom: "concerns", note: "法律援助法 art. 31 (a support claim); 法律援助条例 art. 10 before 2022-01-01" })
