import { Decision, type Evaluation, Policy } from "@liushou/core"
import { type BodyId, PROGRAM_IDS, type ProgramId } from "@liushou/policy-national"
import * as P from "../parameters/index.js"
import { hasConcern, lastCountingVisit, openConcerns, PROGRAM_NAMES } from "./shared.js"

/**
 * The body each program's application goes to (§10 department duties).
 *
 * @category models
 * @since 0.1.0
 */
export const PROGRAM_BODY: Readonly<Record<ProgramId, BodyId>> = {
  "temporary-assistance": "civil-affairs",
  dibao: "civil-affairs",
  "elderly-service-subsidy": "civil-affairs",
  "medical-assistance": "civil-affairs",
  "rehab-aids": "disabled-persons-federation",
  "disability-living-subsidy": "disabled-persons-federation",
  "disability-care-subsidy": "disabled-persons-federation",
  "poverty-registration": "poverty-alleviation",
  "nursing-home-low-fee-care": "elderly-care",
  "health-management": "health",
  "legal-aid": "justice"
}

/**
 * Referral suggestions (§8 发现、报告、转介、救助; §10 department duties), each with a deadline
 * from `hunan.referrals.deadlineDays`:
 * - `public-security`, for each open concern in `hunan.followUp.lawEnforcementConcerns` (abuse,
 *   neglect) that has been verified, found serious (情节严重) and has its grounds on record (§3,
 *   §10: 公安部门依法严厉打击侵害农村留守老年人合法权益的违法犯罪行为); an unverified report goes to
 *   the township for a verification home visit instead (`township`, trigger `verify:<concern>`);
 * - `justice`, for an open support dispute (`hunan.followUp.supportDisputeConcerns`): people's
 *   mediation (老年人权益保障法 art. 75) and legal aid for a support claim (法律援助法 art. 31);
 * - `township`, when the follow-up reports to the township, when the risk level is the highest,
 *   or when the housing is unsafe;
 * - the program's body (`PROGRAM_BODY`) for each program the elder is eligible for and does not
 *   receive;
 * - `human-resources-social-security`, for a left-behind elder with no pension among the
 *   income sources (§10: 城乡居民基本养老保险);
 * - `health`, for a seriously ill elder with a health concern at the last visit (§10 医养结合).
 *
 * Topics cited: `referrals` and `referrals.<body>`.
 *
 * @category rules
 * @since 0.1.0
 */
export const referrals = Policy.rule("referrals", {
  parameters: [P.referralDeadlineDays.id, P.lawEnforcementConcerns.id, P.supportDisputeConcerns.id, P.visitModes.id],
  topics: ["referrals"],
  uses: { programs: PROGRAM_IDS, bodies: [...new Set<string>([...Object.values(PROGRAM_BODY), "public-security", "township", "human-resources-social-security", "health"])] },
  compile: (env) => {
    const days = env.param<Readonly<Record<Evaluation.Body, number>>>(P.referralDeadlineDays.id)
    const lawConcerns = env.param<ReadonlyArray<string>>(P.lawEnforcementConcerns.id)
    const disputes = env.param<ReadonlyArray<string>>(P.supportDisputeConcerns.id)
    const kinds = [...new Set([...lawConcerns, ...disputes])]
    const modes = new Set(env.param<ReadonlyArray<string>>(P.visitModes.id))
    const topLevel = env.riskLevels[env.riskLevels.length - 1]?.id
    const cite = (to: Evaluation.Body) => {
      try {
        return env.cite(`referrals.${to}`)
      } catch {
        return env.cite("referrals")
      }
    }
    // every suggestion rests on the deadline the plugin set for its body (a local choice)
    const make = (to: Evaluation.Body, trigger: string, zh: string, en: string, params: ReadonlyArray<string> = []): Evaluation.ReferralSuggestion => ({
      to,
      trigger,
      deadlineDays: days[to]!, // the loader checks the table has every body of the chain
      reasons: [env.reason(`referrals.${to}.${trigger}`, cite(to), zh, en, { params: [P.referralDeadlineDays.id, ...params] })]
    })
    const CONCERN_ZH: Record<string, string> = { abuse: "虐待", neglect: "疏于照料", safety: "安全问题", legal: "法律事项" }
    const police = new Map(
      lawConcerns.map((k) => [
        k,
        make(
          "public-security",
          `concern:${k}`,
          `${CONCERN_ZH[k] ?? k}经核实，情节严重，依据已记录：转介公安机关依法处理`,
          `${k} verified and found serious, with its grounds on record: referred to public security`,
          [P.lawEnforcementConcerns.id]
        )
      ])
    )
    const verify = new Map(
      lawConcerns.map((k) => [
        k,
        make(
          "township",
          `verify:${k}`,
          `有未经核实的${CONCERN_ZH[k] ?? k}反映：村（居）委会入户核实，报告乡镇人民政府`,
          `an unverified report of ${k}: the village committee verifies it at a home visit and reports to the township`,
          [P.lawEnforcementConcerns.id]
        )
      ])
    )
    const mediation = make(
      "justice",
      "support-dispute",
      "赡养纠纷：引导人民调解（老年人权益保障法第七十五条），追索赡养费需要时申请法律援助（法律援助法第三十一条）",
      "a support dispute: to people's mediation (Elderly Rights Law art. 75), and legal aid for a support claim where needed (Legal Aid Law art. 31)",
      [P.supportDisputeConcerns.id]
    )
    const S = {
      followUp: make("township", "follow-up", "村（居）委会跟进的重点对象，报告乡镇人民政府", "a key case in the village committee's follow-up: reported to the township"),
      highRisk: make("township", "risk:high", "高风险留守老年人，报告乡镇人民政府并及时采取针对性措施", "a high-risk left-behind elder: reported to the township for targeted measures"),
      housing: make("township", "housing:unsafe", "住房不安全，报告乡镇人民政府排除隐患", "unsafe housing: reported to the township to remove the hazard"),
      pension: make(
        "human-resources-social-security",
        "no-pension",
        "收入来源中无养老金，转介人社部门办理城乡居民基本养老保险",
        "no pension among the income sources: referred to human resources and social security for basic pension insurance"
      ),
      illness: make("health", "concern:health", "患严重疾病且探访发现健康问题，转介卫生健康部门（医养结合）", "seriously ill with a health concern at the last visit: referred to health services (integrated medical and elderly care)")
    }
    const programs = Object.fromEntries(
      PROGRAM_IDS.map((p) => {
        const to = PROGRAM_BODY[p]
        const n = PROGRAM_NAMES[p]
        return [p, make(to, `eligible:${p}`, `符合${n.zh}条件但尚未享受，转介办理`, `eligible for ${n.en} but not receiving it: referred to apply`)]
      })
    ) as Record<ProgramId, Evaluation.ReferralSuggestion>
    const EMPTY: ReadonlyArray<Evaluation.ReferralSuggestion> = []
    return (cf, _ctx, prior) => {
      const out: Array<Evaluation.ReferralSuggestion> = []
      const last = lastCountingVisit(cf.visits, env.asOf, modes)
      const open = prior.followUp?.openConcerns ?? openConcerns(cf, env.asOf, kinds)
      let verifying = false
      for (const o of open) {
        const p = police.get(o.concern)
        if (p === undefined) {
          if (disputes.includes(o.concern) && !out.includes(mediation)) out.push(mediation)
        } else if (!o.verified) {
          out.push(verify.get(o.concern)!)
          verifying = true
        } else if (o.serious && o.groundsRecorded) out.push(p)
      }
      if (prior.followUp?.reportToTownship === true && !(verifying && prior.followUp.step === "none")) out.push(S.followUp)
      if (topLevel !== undefined && prior.risk?.level === topLevel) out.push(S.highRisk)
      const lb = prior.leftBehind!.value
      if (lb === true && cf.elder.housingSafety === "unsafe") out.push(S.housing)
      const el = prior.eligibility
      if (el !== undefined) {
        for (const d of el) {
          // a program a child plugin adds has no body here: the child's own referral rule refers it
          const s = d.status === "eligible" ? programs[d.program as ProgramId] : undefined
          if (s !== undefined) out.push(s)
        }
      }
      if (lb === true && !cf.elder.incomeSources.includes("pension")) out.push(S.pension)
      if (cf.elder.seriousIllness && hasConcern(last, HEALTH)) out.push(S.illness)
      return out.length === 0 ? EMPTY : out
    }
  }
})

const HEALTH: ReadonlySet<string> = new Set(["health"])
