import { Decision, type Evaluation, Policy } from "@liushou/core"
import { type BodyId, PROGRAM_IDS, type ProgramId } from "@liushou/policy-national"
import * as P from "../parameters.js"
import { hasConcern, lastCountingVisit, PROGRAM_NAMES } from "./shared.js"

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
 * - `public-security`, for each concern in `hunan.followUp.lawEnforcementConcerns` (abuse,
 *   neglect) at the last visit (§10: 公安部门依法严厉打击侵害农村留守老年人合法权益的违法犯罪行为);
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
  parameters: [P.referralDeadlineDays.id, P.lawEnforcementConcerns.id, P.visitModes.id],
  topics: ["referrals"],
  uses: { programs: PROGRAM_IDS, bodies: [...new Set<string>([...Object.values(PROGRAM_BODY), "public-security", "township", "human-resources-social-security", "health"])] },
  compile: (env) => {
    const days = env.param<Readonly<Record<Evaluation.Body, number>>>(P.referralDeadlineDays.id)
    const lawConcerns = env.param<ReadonlyArray<string>>(P.lawEnforcementConcerns.id)
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
    const police = lawConcerns.map(
      (k) => [k, make("public-security", `concern:${k}`, `探访发现${CONCERN_ZH[k] ?? k}，转介公安机关依法处理`, `${k} recorded at the last visit: referred to public security`)] as const
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
      if (last !== undefined && last.concerns.length > 0) {
        for (const [k, s] of police) if (last.concerns.includes(k)) out.push(s)
      }
      if (prior.followUp?.reportToTownship === true) out.push(S.followUp)
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
