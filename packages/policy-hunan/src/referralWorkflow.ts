/**
 * The referral case workflow of §8 (发现、报告、转介、救助工作有效衔接): a case is discovered,
 * reported to the township, referred to the responsible body, assisted, then closed; the elder
 * may decline at any open step, and a case no longer needed may be withdrawn before assistance
 * starts. Each open state has a deadline (`hunan.referralWorkflow.deadlineDays`); an illegal
 * transition is an `IllegalTransition` error value (core's Workflow).
 *
 * @since 0.1.0
 */
import { Parameter, Workflow } from "@liushou/core"
import { CLAUSES, DOCUMENT, EFFECTIVE_FROM } from "./document.js"
import { referralStateDeadlineDays } from "./parameters/referrals.js"

/**
 * The states of a referral case.
 *
 * @category models
 * @since 0.1.0
 */
export type ReferralState = "discovered" | "reported" | "referred" | "assisting" | "closed" | "declined" | "withdrawn"

/**
 * The actions on a referral case.
 *
 * @category models
 * @since 0.1.0
 */
export type ReferralAction = "report" | "refer" | "return" | "assist" | "close" | "decline" | "withdraw"

/**
 * Deadlines of the open states, in days.
 *
 * @category models
 * @since 0.1.0
 */
export type ReferralDeadlines = Readonly<Record<"discovered" | "reported" | "referred" | "assisting", number>>

/**
 * Builds the referral workflow with the given deadlines (a county with other deadlines builds
 * its own from its parameter value).
 *
 * **Example**
 * ```ts
 * import { makeReferralWorkflow } from "@liushou/policy-hunan"
 * const w = makeReferralWorkflow({ discovered: 1, reported: 2, referred: 10, assisting: 30 })
 * ```
 *
 * @category constructors
 * @since 0.1.0
 */
export const makeReferralWorkflow = (deadlines: ReferralDeadlines): Workflow.Workflow<ReferralState, ReferralAction> =>
  Workflow.define<ReferralState, ReferralAction>({
    id: "hunan-2018-30.referral",
    initial: "discovered",
    citation: { document: DOCUMENT.number, clause: CLAUSES["referral-workflow"] },
    states: [
      { id: "discovered", name: { zh: "已发现", en: "discovered" }, final: false, deadlineDays: deadlines.discovered },
      { id: "reported", name: { zh: "已报告", en: "reported" }, final: false, deadlineDays: deadlines.reported },
      { id: "referred", name: { zh: "已转介", en: "referred" }, final: false, deadlineDays: deadlines.referred },
      { id: "assisting", name: { zh: "救助中", en: "assisting" }, final: false, deadlineDays: deadlines.assisting },
      { id: "closed", name: { zh: "已结案", en: "closed" }, final: true, deadlineDays: null },
      { id: "declined", name: { zh: "本人拒绝", en: "declined" }, final: true, deadlineDays: null },
      { id: "withdrawn", name: { zh: "已撤回", en: "withdrawn" }, final: true, deadlineDays: null }
    ],
    transitions: [
      { action: "report", from: ["discovered"], to: "reported", text: { zh: "报告乡镇人民政府", en: "report to the township" } },
      { action: "refer", from: ["reported"], to: "referred", text: { zh: "转介责任部门", en: "refer to the responsible body" } },
      { action: "return", from: ["referred"], to: "reported", text: { zh: "责任部门退回，重新转介", en: "returned by the body, to be referred again" } },
      { action: "assist", from: ["referred"], to: "assisting", text: { zh: "责任部门开始救助", en: "the body starts assistance" } },
      { action: "close", from: ["assisting"], to: "closed", text: { zh: "救助完成，结案", en: "assistance done: close" } },
      { action: "decline", from: ["discovered", "reported", "referred", "assisting"], to: "declined", text: { zh: "老年人本人拒绝", en: "the elder declines" } },
      { action: "withdraw", from: ["discovered", "reported", "referred"], to: "withdrawn", text: { zh: "情况消除或误报，撤回", en: "no longer needed or reported in error: withdraw" } }
    ]
  })

/**
 * The referral workflow with Hunan's deadlines as in force from 2018-08-03.
 *
 * **Example**
 * ```ts
 * import { Workflow } from "@liushou/core"
 * import { referralWorkflow } from "@liushou/policy-hunan"
 * const c = Workflow.open(referralWorkflow, "case-1", "2019-06-30", "village-committee")
 * const r = Workflow.apply(referralWorkflow, c, "report", "2019-07-01", "village-committee")
 * ```
 *
 * @category constructors
 * @since 0.1.0
 */
export const referralWorkflow: Workflow.Workflow<ReferralState, ReferralAction> = makeReferralWorkflow(
  Parameter.valueAt(referralStateDeadlineDays, EFFECTIVE_FROM)!.value
)
