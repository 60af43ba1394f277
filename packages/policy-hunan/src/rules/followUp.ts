import { CalendarDate, type Evaluation, Policy } from "@liushou/core"
import { DUTIES, NationalParameters } from "@liushou/policy-national"
import * as P from "../parameters/index.js"
import { lastFollowUp, openConcerns } from "./shared.js"

/**
 * The village committee's follow-up on family duties (§3), a ladder that advances on the
 * recorded history (`followUps[]`, `concerns[]`), never by construction:
 * - `reminder`: a duty is unmet (every duty alike: contact, report, entrusting care, a supporter
 *   at home for an elder who needs one, financial support), or a support dispute is open: the
 *   committee presses the family (督促);
 * - `criticism-education` (批评教育和道德谴责): a reminder on record was ignored (a duty is still
 *   unmet `hunan.followUp.reminderResponseDays` after it), or criticism is on record and a duty
 *   is still unmet, or abuse or neglect (`hunan.followUp.lawEnforcementConcerns`) has been
 *   verified;
 * - `law-enforcement` (情节严重的，应提交执法部门): only a verified concern found serious with
 *   its grounds on record.
 *
 * An open report of abuse or neglect that nobody has verified (a neighbour's call) asks for a
 * verification home visit within `hunan.followUp.verificationDays` and a report to the
 * township; it does not move the ladder. A concern stays open until resolved: a later visit
 * that records nothing does not close it. Support disputes (`hunan.followUp.supportDisputeConcerns`)
 * go to mediation and legal aid (referrals).
 *
 * Key cases are reported to the township (重点对象要及时报告乡镇人民政府): every case from
 * criticism and education up, reminders for priority elders, and unverified reports. Not left
 * behind: `none`. Topics cited: `followUp`, `followUp.township`.
 *
 * @category rules
 * @since 0.1.0
 */
export const followUp = Policy.rule("followUp", {
  parameters: [
    P.reminderResponseDays.id,
    P.lawEnforcementConcerns.id,
    P.verificationDays.id,
    P.supportDisputeConcerns.id,
    NationalParameters.supportRelations.id
  ],
  topics: ["followUp", "followUp.township"],
  uses: { followUpSteps: ["none", "reminder", "criticism-education", "law-enforcement"] },
  compile: (env) => {
    const responseDays = env.param<number>(P.reminderResponseDays.id)
    const lawConcerns = env.param<ReadonlyArray<string>>(P.lawEnforcementConcerns.id)
    const verifyDays = env.param<number>(P.verificationDays.id)
    const disputes = env.param<ReadonlyArray<string>>(P.supportDisputeConcerns.id)
    const lawSet = new Set(lawConcerns)
    const kinds = [...new Set([...lawConcerns, ...disputes])]
    const cutoff = CalendarDate.addDays(env.asOf, -responseDays)
    const c = env.cite("followUp")
    const t = env.cite("followUp.township")
    const reason = env.reason
    const SUPPORT = { params: [NationalParameters.supportRelations.id] }
    const R = {
      notLeftBehind: reason("follow-up.not-left-behind", c, "不属于留守老年人，无需村（居）委会跟进", "not left behind: no village-committee follow-up"),
      allMet: reason("follow-up.duties-met", c, "未发现未履行的赡养义务", "no unmet family duty found", SUPPORT),
      reminder: reason("follow-up.reminder", c, "有赡养义务未履行：村（居）委会督促子女和其他家庭成员履行赡养义务", "a family duty is unmet: the village committee presses the children and other family members to fulfil it", SUPPORT),
      household: reason(
        "follow-up.household-duty-unmet",
        c,
        "老年人照料未落实（未委托他人照顾，或须有赡养人在家照料而无）：督促家庭落实；督促后置之不理的，给予批评教育",
        "the elder's care is not arranged (no one entrusted, or no supporter at home for an elder who needs one): the family is pressed to arrange it; criticism and education only if that is ignored",
        SUPPORT
      ),
      ignored: reason(
        "follow-up.reminder-ignored",
        c,
        `督促已记录${responseDays}天以上，赡养义务仍未履行：给予批评教育和道德谴责`,
        `a reminder on record is more than ${responseDays} days old and a duty is still unmet: criticism and education`,
        { params: [P.reminderResponseDays.id, NationalParameters.supportRelations.id] }
      ),
      continues: reason("follow-up.criticism-continues", c, "已给予批评教育，赡养义务仍未履行：继续批评教育", "criticism and education is on record and a duty is still unmet: it continues", SUPPORT),
      unverified: reason(
        "follow-up.concern-unverified",
        t,
        `有未经核实的虐待或疏于照料反映：${verifyDays}天内入户核实，并报告乡镇人民政府（未经核实不提交执法部门）`,
        `an unverified report of abuse or neglect: a verification home visit within ${verifyDays} days and a report to the township (nothing goes to law enforcement unverified)`,
        { params: [P.lawEnforcementConcerns.id, P.verificationDays.id] }
      ),
      verified: reason(
        "follow-up.concern-verified",
        c,
        "虐待或疏于照料经核实：给予批评教育和道德谴责",
        "abuse or neglect has been verified: criticism and education",
        { params: [P.lawEnforcementConcerns.id] }
      ),
      noGrounds: reason(
        "follow-up.serious-without-grounds",
        c,
        "核实认定情节严重，但未记录依据（concerns[].grounds）：记录依据后方可提交执法部门",
        "verified as serious, but no grounds are recorded (concerns[].grounds): record them before handing over to law enforcement",
        { params: [P.lawEnforcementConcerns.id] }
      ),
      law: reason(
        "follow-up.law-enforcement",
        c,
        "虐待或疏于照料经核实，情节严重，依据已记录：提交执法部门依法追究",
        "abuse or neglect verified, found serious, grounds on record: handed over to law enforcement",
        { params: [P.lawEnforcementConcerns.id] }
      ),
      dispute: reason(
        "follow-up.support-dispute",
        c,
        "有赡养纠纷：督促履行赡养义务，引导调解，需要时申请法律援助",
        "a support dispute: the family is pressed to fulfil its duty, and the dispute goes to mediation and, where needed, legal aid",
        { params: [P.supportDisputeConcerns.id] }
      ),
      township: reason("follow-up.report-to-township", t, "重点对象，及时报告乡镇人民政府", "a key case: reported to the township government promptly")
    }
    // bits: 1 any unmet, 2 household care unmet, 4 reminder ignored, 8 criticism continues,
    // 16 unverified concern, 32 verified concern, 64 serious without grounds, 128 serious with
    // grounds, 256 support dispute, 512 priority
    const cache: Array<Pick<Evaluation.FollowUp, "step" | "reportToTownship" | "reasons">> = []
    const build = (m: number): Pick<Evaluation.FollowUp, "step" | "reportToTownship" | "reasons"> => {
      const step = m & 128 ? "law-enforcement" : m & (4 | 8 | 32 | 64) ? "criticism-education" : m & (1 | 256) ? "reminder" : "none"
      const report = step === "law-enforcement" || step === "criticism-education" || (step === "reminder" && (m & 512) !== 0) || (m & 16) !== 0
      const reasons = [
        ...(m & 1 ? [R.reminder] : []),
        ...(m & 2 ? [R.household] : []),
        ...(m & 4 ? [R.ignored] : []),
        ...(m & 8 ? [R.continues] : []),
        ...(m & 256 ? [R.dispute] : []),
        ...(m & 16 ? [R.unverified] : []),
        ...(m & 32 ? [R.verified] : []),
        ...(m & 64 ? [R.noGrounds] : []),
        ...(m & 128 ? [R.law] : []),
        ...(step === "none" && (m & 16) === 0 ? [R.allMet] : []),
        ...(report && (m & 16) === 0 ? [R.township] : [])
      ]
      return { step, reportToTownship: report, reasons }
    }
    const none: Evaluation.FollowUp = { step: "none", reportToTownship: false, reasons: [R.notLeftBehind], lastRecorded: null, openConcerns: [], verificationVisitDue: null }
    const plain = new Map<number, Evaluation.FollowUp>()
    const asOf = env.asOf
    return (cf, _ctx, prior) => {
      if (prior.leftBehind!.value === false) return none
      let m = 0
      for (const d of prior.duties!) {
        if (d.status !== "unmet") continue
        m |= 1
        if (d.duty === DUTIES.carerAtHome || d.duty === DUTIES.delegatedCarer) m |= 2
      }
      const last = lastFollowUp(cf, asOf)
      if (last !== undefined && (m & 1) !== 0) {
        if (last.step === "reminder" && last.date <= cutoff) m |= 4
        else if (last.step === "criticism-education" || last.step === "law-enforcement") m |= 8
      }
      const open = openConcerns(cf, asOf, kinds)
      let due: string | null = null
      for (const o of open) {
        if (!lawSet.has(o.concern)) {
          m |= 256
          continue
        }
        if (!o.verified) {
          m |= 16
          const d = CalendarDate.addDays(o.since, verifyDays)
          if (due === null || d < due) due = d
        } else if (o.serious && o.groundsRecorded) m |= 128
        else if (o.serious) m |= 64 | 32
        else m |= 32
      }
      if (prior.priority!.value === true) m |= 512
      const core = (cache[m] ??= build(m))
      if (last === undefined && open.length === 0) {
        let p = plain.get(m)
        if (p === undefined) {
          p = { ...core, lastRecorded: null, openConcerns: open, verificationVisitDue: null }
          plain.set(m, p)
        }
        return p
      }
      // field by field (as the spread of `core` wrote them): a spread here is a slow copy per elder
      return { step: core.step, reportToTownship: core.reportToTownship, reasons: core.reasons, lastRecorded: last === undefined ? null : { date: last.date, step: last.step }, openConcerns: open, verificationVisitDue: due }
    }
  }
})
