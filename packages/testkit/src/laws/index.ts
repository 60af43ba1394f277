/**
 * Every law of the pack, in the order they run and are reported.
 */
import { datesOnlyAtPolicyDates } from "./dates.js"
import { deterministic } from "./deterministic.js"
import { eligibilityConsistent } from "./eligibility.js"
import { followUpNoDeEscalation } from "./followUp.js"
import { identificationAbsence, identificationAge } from "./identification.js"
import { loads } from "./loads.js"
import { parametersNoGaps } from "./parametersNoGaps.js"
import { parametersRegional } from "./parametersRegional.js"
import { reasonsCited } from "./reasonsCited.js"
import { referralsDeclared } from "./referrals.js"
import { riskLaws } from "./risk.js"
import { LAW_IDS, type Law } from "./types.js"
import { visitsByLevel } from "./visits.js"
import { vocabulary } from "./vocabulary.js"

const ALL: ReadonlyArray<Law> = [
  loads,
  parametersNoGaps,
  parametersRegional,
  reasonsCited,
  vocabulary,
  identificationAge,
  identificationAbsence,
  ...riskLaws,
  visitsByLevel,
  followUpNoDeEscalation,
  eligibilityConsistent,
  referralsDeclared,
  datesOnlyAtPolicyDates,
  deterministic
]

/** The laws in the order of `LAW_IDS`. */
export const LAWS: ReadonlyArray<Law> = LAW_IDS.map((id) => ALL.find((l) => l.id === id)!)

export * from "./types.js"
