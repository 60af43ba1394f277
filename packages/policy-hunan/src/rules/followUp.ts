import { CalendarDate, Decision, Evaluation, Policy } from "@liushou/core"
import { DUTIES, hasDirectObligor, isObligor, NationalParameters, type Obligors } from "@liushou/policy-national"
import * as P from "../parameters.js"
import { hasConcern, lastCountingVisit } from "./shared.js"

/**
 * The village committee's follow-up on family duties (§3), an escalation ladder:
 * - `reminder`: a duty is unmet, so the committee presses the supporters (督促);
 * - `criticism-education`: the household leaves the elder without care (no delegated carer
 *   and no one, not even a spouse, at home; or no supporter at home for an elder who needs one), or a
 *   supporter has not visited or called for more than `hunan.followUp.criticismAfterDays`
 *   (批评教育和道德谴责);
 * - `law-enforcement`: a serious case (情节严重), a concern in
 *   `hunan.followUp.lawEnforcementConcerns` (abuse, neglect) recorded at the last visit (提交执法部门).
 *
 * Key cases are reported to the township (重点对象要及时报告乡镇人民政府): every case from
 * criticism and education up, and reminders for priority elders. Not left behind: `none`.
 * Topics cited: `followUp`, `followUp.township`.
 *
 * @category rules
 * @since 0.1.0
 */
export const followUp = Policy.rule("followUp", {
  parameters: [
    P.criticismAfterDays.id,
    P.lawEnforcementConcerns.id,
    P.visitModes.id,
    NationalParameters.supportRelations.id,
    NationalParameters.substituteSupportRelations.id,
    NationalParameters.assistingRelations.id
  ],
  topics: ["followUp", "followUp.township"],
  uses: { followUpSteps: ["none", "reminder", "criticism-education", "law-enforcement"] },
  compile: (env) => {
    const days = env.param<number>(P.criticismAfterDays.id)
    const lawConcerns = new Set(env.param<ReadonlyArray<string>>(P.lawEnforcementConcerns.id))
    const modes = new Set(env.param<ReadonlyArray<string>>(P.visitModes.id))
    const obligors: Obligors = {
      direct: new Set(env.param<ReadonlyArray<string>>(NationalParameters.supportRelations.id)),
      substitute: new Set(env.param<ReadonlyArray<string>>(NationalParameters.substituteSupportRelations.id)),
      assisting: new Set(env.param<ReadonlyArray<string>>(NationalParameters.assistingRelations.id))
    }
    const cutoff = CalendarDate.addDays(env.asOf, -days)
    const c = env.cite("followUp")
    const t = env.cite("followUp.township")
    const reason = env.reason
    const R = {
      notLeftBehind: reason("follow-up.not-left-behind", c, "不属于留守老年人，无需村（居）委会跟进", "not left behind: no village-committee follow-up"),
      allMet: reason("follow-up.duties-met", c, "未发现未履行的赡养义务", "no unmet family duty found", { params: [NationalParameters.supportRelations.id] }),
      reminder: reason("follow-up.reminder", c, "有赡养义务未履行：村（居）委会督促子女和其他家庭成员履行赡养义务", "a family duty is unmet: the village committee presses the children and other family members to fulfil it", { params: [NationalParameters.supportRelations.id] }),
      household: reason("follow-up.household-duty-unmet", c, "老年人无人照料（未委托他人照顾或无人在家照料）：给予批评教育", "the elder is left without care (no one entrusted, or no one at home for an elder who needs it): criticism and education"),
      noContact: reason("follow-up.no-contact", c, `有赡养人超过${days}天未看望或问候：给予批评教育和道德谴责`, `a supporter has not visited or called for more than ${days} days: criticism and education`, { params: [P.criticismAfterDays.id] }),
      law: reason("follow-up.law-enforcement", c, "最近一次探访发现虐待或疏于照料等严重情形：提交执法部门依法处理", "abuse or neglect was recorded at the last visit, a serious case: handed over to law enforcement", { params: [P.lawEnforcementConcerns.id, P.visitModes.id] }),
      township: reason("follow-up.report-to-township", t, "重点对象，及时报告乡镇人民政府", "a key case: reported to the township government promptly")
    }
    // bits: 1 any unmet, 2 household unmet, 4 no contact, 8 law concern, 16 priority
    const cache: Array<Evaluation.FollowUp | undefined> = new Array(32)
    const build = (m: number): Evaluation.FollowUp => {
      const step = m & 8 ? "law-enforcement" : m & 6 ? "criticism-education" : m & 1 ? "reminder" : "none"
      const report = step === "law-enforcement" || step === "criticism-education" || (step === "reminder" && (m & 16) !== 0)
      const reasons = [
        ...(m & 1 ? [R.reminder] : []),
        ...(m & 2 ? [R.household] : []),
        ...(m & 4 ? [R.noContact] : []),
        ...(m & 8 ? [R.law] : []),
        ...(step === "none" ? [R.allMet] : []),
        ...(report ? [R.township] : [])
      ]
      return { step, reportToTownship: report, reasons }
    }
    const none: Evaluation.FollowUp = { step: "none", reportToTownship: false, reasons: [R.notLeftBehind] }
    return (cf, _ctx, prior) => {
      if (prior.leftBehind!.value === false) return none
      let m = 0
      let someoneHome = false
      for (const s of cf.supporters) if (s.whereabouts === "with-elder") someoneHome = true
      for (const d of prior.duties!) {
        if (d.status !== "unmet") continue
        m |= 1
        if (d.duty === DUTIES.carerAtHome || (d.duty === DUTIES.delegatedCarer && !someoneHome)) m |= 2
      }
      const direct = hasDirectObligor(obligors, cf.supporters)
      for (const s of cf.supporters) {
        if (isObligor(obligors, s, direct) && s.whereabouts !== "with-elder" && s.lastContact !== null && s.lastContact <= env.asOf && s.lastContact < cutoff) {
          m |= 5
          break
        }
      }
      if (hasConcern(lastCountingVisit(cf.visits, env.asOf, modes), lawConcerns)) m |= 8
      if (prior.priority!.value === true) m |= 16
      return (cache[m] ??= build(m))
    }
  }
})
