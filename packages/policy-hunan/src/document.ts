import type { Policy } from "@liushou/core"

/**
 * 湘民发〔2018〕30号: Hunan's implementation opinions on care services for rural left-behind
 * elders, issued by the Hunan Civil Affairs Department and nine other departments.
 *
 * @category models
 * @since 0.1.0
 */
export const DOCUMENT: Policy.PolicyDocument = {
  number: "湘民发〔2018〕30号",
  title: {
    zh: "关于进一步加强农村留守老年人关爱服务工作的实施意见",
    en: "Implementation opinions on further strengthening care services for rural left-behind elders"
  },
  issuer: {
    zh: "湖南省民政厅、公安厅、司法厅、财政厅、人力资源和社会保障厅、文化厅、卫生计生委、扶贫办、老龄办",
    en: "Hunan Civil Affairs Department and nine other provincial departments"
  }
}

/**
 * First day in force ("本意见自2018年8月3日起施行").
 *
 * @category models
 * @since 0.1.0
 */
export const EFFECTIVE_FROM = "2018-08-03"

/**
 * Last day in force: five years from 2018-08-03 ("有效期五年"), inclusive.
 *
 * @category models
 * @since 0.1.0
 */
export const EFFECTIVE_UNTIL = "2023-08-02"

/**
 * Where 湘民发〔2018〕30号 says what each topic means: topic → clause (一 … 十 as "1" … "10").
 * Inherited national rules cite these clauses through `CompileEnv.cite`; the Hunan rules cite
 * them too, so a county plugin can point a topic at its own detailed rules.
 *
 * @category models
 * @since 0.1.0
 */
export const CLAUSES = {
  identification: "1",
  priority: "1",
  "priority.key-targets": "10",
  "duties.contact": "2",
  "duties.report": "2",
  "duties.delegation": "2",
  "duties.carer-at-home": "2",
  "duties.financial": "2",
  followUp: "3",
  "followUp.township": "3",
  risk: "8",
  "risk.assessment": "8",
  visits: "1",
  "visits.modes": "3",
  "visits.extra": "3",
  "eligibility.scope": "5",
  "eligibility.temporary-assistance": "5",
  "eligibility.dibao": "5",
  "eligibility.elderly-service-subsidy": "5",
  "eligibility.medical-assistance": "5",
  "eligibility.rehab-aids": "5",
  "eligibility.disability-living-subsidy": "5",
  "eligibility.disability-care-subsidy": "5",
  "eligibility.poverty-registration": "7",
  "eligibility.nursing-home-low-fee-care": "7",
  "eligibility.health-management": "10",
  "eligibility.legal-aid": "10",
  referrals: "8",
  "referrals.public-security": "10",
  "referrals.justice": "10",
  "referrals.health": "10",
  "referrals.human-resources-social-security": "10",
  "referrals.poverty-alleviation": "10",
  "referrals.civil-affairs": "10",
  "referrals.elderly-care": "10",
  "referrals.disabled-persons-federation": "5",
  "referrals.township": "3",
  "referral-workflow": "8",
  responsibility: "3",
  "responsibility.pairing": "4",
  upkeep: "1",
  evaluation: "10",
  services: "10",
  "services.emergency-assistance": "4",
  "services.rehabilitation-care": "4"
} as const
