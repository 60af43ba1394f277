/**
 * @liushou/policy-hunan: the reference policy plugin, 湘民发〔2018〕30号, extending the national
 * baseline (@liushou/policy-national).
 *
 * @since 0.1.0
 */

export { CLAUSES, DOCUMENT, EFFECTIVE_FROM, EFFECTIVE_UNTIL } from "./document.js"
export { type MainFeatures, mainFeatures } from "./features.js"
export { hunan, RULES } from "./hunan.js"
export { INDICATORS } from "./indicators.js"
export * as HunanParameters from "./parameters/index.js"
export {
  makeReferralWorkflow,
  type ReferralAction,
  type ReferralDeadlines,
  type ReferralState,
  referralWorkflow
} from "./referralWorkflow.js"
export { SAMPLE_COUNTIES } from "./regional.js"
export { eligibility } from "./rules/eligibility.js"
export { followUp } from "./rules/followUp.js"
export { priority } from "./rules/priority.js"
export { PROGRAM_BODY, referrals } from "./rules/referrals.js"
export { responsibility } from "./rules/responsibility.js"
export { upkeep } from "./rules/upkeep.js"
export { services } from "./rules/services.js"
export { SERVICE_KINDS as HUNAN_SERVICE_KINDS } from "./vocabularies.js"
export { FACTOR, levelOf, RISK_LEVELS, risk } from "./rules/risk.js"
export { PROGRAM_NAMES } from "./rules/shared.js"
export { visits } from "./rules/visits.js"
