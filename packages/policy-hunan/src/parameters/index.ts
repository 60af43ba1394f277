/**
 * The parameters of 湘民发〔2018〕30号, each with its status: `law` only where the cited clause
 * itself sets the value; `interpretation` a reading of open text; `local` a choice this plugin
 * makes where the text names a duty but no number; `sample` a placeholder figure. All but `law`
 * may be overridden by a prefecture or county defining a parameter with the same id in its own
 * plugin (docs/clause-map.md, "Choices and their basis", lists them).
 *
 * One module per topic, beside the rules that read it (`rules/risk.ts` reads `parameters/risk.ts`);
 * `PARAMETERS` lists them in the order the plugin has always declared them, which the provenance
 * and snapshots follow.
 *
 * @since 0.1.0
 */
import { Parameter } from "@liushou/core"
import * as leftBehind from "./leftBehind.js"
import * as followUp from "./followUp.js"
import * as risk from "./risk.js"
import * as visits from "./visits.js"
import * as eligibility from "./eligibility.js"
import * as referrals from "./referrals.js"
import * as responsibility from "./responsibility.js"
import * as upkeep from "./upkeep.js"
import * as services from "./services.js"

export * from "./leftBehind.js"
export * from "./followUp.js"
export * from "./risk.js"
export * from "./visits.js"
export * from "./eligibility.js"
export * from "./referrals.js"
export * from "./responsibility.js"
export * from "./upkeep.js"
export * from "./services.js"

/**
 * Every Hunan parameter.
 *
 * @category parameters
 * @since 0.1.0
 */
export const PARAMETERS: ReadonlyArray<Parameter.Parameter> = [
  leftBehind.awayWhereabouts,
  leftBehind.minAbsenceMonths,
  followUp.reminderResponseDays,
  followUp.lawEnforcementConcerns,
  followUp.verificationDays,
  followUp.supportDisputeConcerns,
  risk.riskAdvancedAge,
  risk.riskDisabledFromAbility,
  risk.riskSevereFromAbility,
  eligibility.lowIncomeMultiplier,
  risk.riskNoContactDays,
  risk.riskHighFactorCount,
  risk.assessmentIntervalMonths,
  risk.riskTierLevels,
  visits.visitIntervalDays,
  visits.visitGraceDays,
  visits.visitModes,
  visits.extraVisitConcerns,
  visits.extraVisitDays,
  visits.urgentConcerns,
  visits.urgentExtraVisitDays,
  eligibility.dibaoStandard,
  eligibility.temporaryIncomeCap,
  eligibility.temporaryTriggers,
  eligibility.serviceSubsidyMinAge,
  eligibility.serviceSubsidyAbility,
  eligibility.medicalAssistancePrograms,
  eligibility.livingSubsidyPrograms,
  eligibility.careSubsidyMaxGrade,
  eligibility.careSubsidyCareAbility,
  eligibility.legalAidNoTestConcerns,
  eligibility.legalAidExemptPrograms,
  eligibility.legalAidEconomicStandard,
  eligibility.povertyLine,
  eligibility.povertyRegistrationOpen,
  eligibility.lowFeeCareAbility,
  eligibility.healthManagementMinAge,
  eligibility.legalNeedConcerns,
  referrals.referralDeadlineDays,
  referrals.referralStateDeadlineDays,
  responsibility.pairingRequiredFor,
  responsibility.visitorRequired,
  upkeep.factValidityDays,
  services.serviceNeededWhen,
  services.serviceRightsConcerns,
  services.serviceWindowDays
] as ReadonlyArray<Parameter.Parameter>
