/**
 * What evaluating one case file under a policy produces: each part a decision with reasons,
 * plus the provenance that lets it be replayed years later with the same result.
 *
 * @since 0.1.0
 */
import type { CalendarDate } from "./CalendarDate.js"
import type { FactGroup, ProgramId } from "./CaseFile.js"
import type { Counterfactual, Decision, Reason } from "./Decision.js"
import type { Resolved } from "./Parameter.js"

/**
 * A duty-finding status.
 *
 * @category duties
 * @since 0.1.0
 */
export type DutyStatus = "met" | "unmet" | "unknown"

/**
 * A finding on one family duty, for one supporter (`supporterId`) or the household (`null`).
 *
 * @category duties
 * @since 0.1.0
 */
export interface DutyFinding {
  readonly duty: string
  readonly supporterId: string | null
  readonly status: DutyStatus
  readonly reasons: ReadonlyArray<Reason>
}

/**
 * The village committee's follow-up on unmet duties: a step of the chain's follow-up ladder
 * (`Policy.Vocabularies.followUpSteps`, lowest first; the first step means no follow-up).
 *
 * @category duties
 * @since 0.1.0
 */
export interface FollowUp {
  /** a step id of the governing chain's ladder */
  readonly step: string
  readonly reportToTownship: boolean
  readonly reasons: ReadonlyArray<Reason>
  /** the latest follow-up on record on or before the as-of date (`followUps[]`), or null @since 0.3.0 */
  readonly lastRecorded?: { readonly date: CalendarDate; readonly step: string } | null
  /** the concerns still open at the as-of date that the ladder acts on @since 0.3.0 */
  readonly openConcerns?: ReadonlyArray<OpenConcern>
  /** when an open concern is not verified: the date by which a verification home visit is due @since 0.3.0 */
  readonly verificationVisitDue?: CalendarDate | null
}

/**
 * A concern still open at the as-of date: first noted on `since` (at a visit or in
 * `concerns[]`), by whom, whether it has been verified, and whether it was found serious
 * (情节严重) with grounds on record.
 *
 * @category duties
 * @since 0.3.0
 */
export interface OpenConcern {
  readonly concern: string
  readonly since: CalendarDate
  readonly observedBy: string
  readonly verified: boolean
  readonly serious: boolean
  readonly groundsRecorded: boolean
}

/**
 * The risk grading of an elder.
 *
 * @category risk
 * @since 0.1.0
 */
export interface RiskDecision {
  /**
   * The governing level: one of the plugin's `riskLevels` ids, or `null` when the elder is not
   * graded. Where the plugin follows recorded assessments, the county's recorded grade while it
   * is valid, else the computed (`suggested`) level, marked `provisional`.
   */
  readonly level: string | null
  readonly reasons: ReadonlyArray<Reason>
  /** for a level above the lowest: the smallest changes of facts that would lower it */
  readonly whyNot: ReadonlyArray<Counterfactual>
  readonly lastAssessed: CalendarDate | null
  readonly nextAssessmentDue: CalendarDate | null
  readonly assessmentOverdue: boolean
  /** the level the plugin's rules compute, with its reasons (absent for plugins that compute none) */
  readonly suggested?: RiskSuggestion
  /** true when `level` is the computed one because no recorded assessment governs */
  readonly provisional?: boolean
}

/**
 * A computed risk level: what the rules suggest, beside the county's recorded grade.
 *
 * @category risk
 * @since 0.2.0
 */
export interface RiskSuggestion {
  readonly level: string | null
  readonly reasons: ReadonlyArray<Reason>
  readonly whyNot: ReadonlyArray<Counterfactual>
}

/**
 * Where a visit stands at the as-of date: `not-due` before the due date, `due` from the due
 * date through the grace period, `late` after it, `overdue` after a second interval.
 *
 * @category visits
 * @since 0.1.0
 */
export type VisitWindow = "not-applicable" | "not-due" | "due" | "late" | "overdue"

/**
 * The visit schedule of an elder.
 *
 * @category visits
 * @since 0.1.0
 */
export interface VisitSchedule {
  readonly intervalDays: number | null
  readonly lastVisit: CalendarDate | null
  readonly nextDue: CalendarDate | null
  readonly overdue: boolean
  readonly window: VisitWindow
  /** an extra visit owed because of an event (a concern at the last visit, a new illness) */
  readonly extraVisitDue: CalendarDate | null
  readonly reasons: ReadonlyArray<Reason>
}

/**
 * Whether an elder has what the text asks for: `assigned` (or `paired`), `missing`,
 * `not-required`, or `needs-information` when the facts that decide the need are unknown.
 *
 * @category visits
 * @since 0.2.0
 */
export type AssignmentStatus = "assigned" | "missing" | "not-required" | "needs-information"

/**
 * The named responsibility for an elder at the as-of date: the responsible visitor for the
 * periodic visits and the pairings (结对帮扶) in force, with whether each is required.
 *
 * @category visits
 * @since 0.2.0
 */
export interface ResponsibilityDecision {
  /** the person responsible for the periodic visits at the as-of date, or null */
  readonly responsibleVisitor: string | null
  /** whether the policy requires a named responsible visitor for this elder */
  readonly visitorRequired: boolean
  readonly visitor: AssignmentStatus
  /** the persons paired with the elder at the as-of date */
  readonly pairedWith: ReadonlyArray<string>
  /** whether the policy requires a pairing for this elder; null when the facts that decide it are unknown */
  readonly pairingRequired: boolean | null
  readonly pairing: AssignmentStatus
  /** visits on or before the as-of date, and those made by the responsible visitor or a paired person at the time */
  readonly visitsAttributed: number
  readonly visitsTotal: number
  readonly reasons: ReadonlyArray<Reason>
}

/**
 * Where one group of facts stands at the as-of date: `current` while its verification is
 * valid, `stale` after, `unknown` when no verification on or before the as-of date is recorded.
 *
 * @category models
 * @since 0.2.0
 */
export interface FactCheck {
  readonly group: FactGroup
  readonly verified: CalendarDate | null
  /** last day the verification is valid; null when unknown */
  readonly validUntil: CalendarDate | null
  readonly status: "current" | "stale" | "unknown"
}

/**
 * Ledger upkeep (动态管理、定期排查、及时更新): whether the facts the decisions rest on are recent
 * enough, and when they must be checked again. `needs-information` when a group is stale or
 * unknown: a re-check is due now.
 *
 * @category models
 * @since 0.2.0
 */
export interface UpkeepDecision {
  /** `exited` when the elder is out of the active ledger at the as-of date: nothing is re-checked */
  readonly status: "current" | "needs-information" | "exited"
  readonly facts: ReadonlyArray<FactCheck>
  /** when the next re-check is due: the as-of date when something is stale or unknown, else the earliest expiry; null when exited */
  readonly recheckDue: CalendarDate | null
  /** the elder's standing in the ledger at the as-of date (entries and exits, 动态管理) @since 0.2.0 */
  readonly ledger: LedgerStanding
  readonly reasons: ReadonlyArray<Reason>
}

/**
 * Whether the elder is in the active ledger at the as-of date, and the last entry or exit that
 * says so (its date and reason id); `since` and `reason` are null when none is recorded.
 *
 * @category models
 * @since 0.2.0
 */
export interface LedgerStanding {
  readonly status: "active" | "exited"
  readonly since: CalendarDate | null
  readonly reason: string | null
}

/**
 * Whether the elder needs a kind of care service and received it within the window:
 * `received`, `missing` (needed, none within the window), `not-needed`, or `needs-information`
 * when the facts that decide the need are unknown.
 *
 * @category models
 * @since 0.3.0
 */
export type ServiceNeedStatus = "received" | "missing" | "not-needed" | "needs-information"

/**
 * One kind of care service (an id of the chain's `serviceKinds`): whether it is needed, and the
 * latest service of it within the window.
 *
 * @category models
 * @since 0.3.0
 */
export interface ServiceNeed {
  readonly kind: string
  /** null when the facts that decide the need are unknown */
  readonly needed: boolean | null
  readonly status: ServiceNeedStatus
  /** the latest service of the kind within the window (on or before the as-of date), or null */
  readonly lastReceived: CalendarDate | null
}

/**
 * Care services received against those needed (关爱服务, 湘民发〔2018〕30号 §10 §4): which kinds
 * the elder needs, and whether a service of each was received within the window ending on the
 * as-of date. `unmet` when a needed kind has none; `needs-information` when no needed kind is
 * missing but a need is undetermined; `not-applicable` when the elder is not left behind or is
 * out of the active ledger.
 *
 * @category models
 * @since 0.3.0
 */
export interface ServicesDecision {
  readonly status: "met" | "unmet" | "needs-information" | "not-applicable"
  /** the first day of the window (the window ends on the as-of date) */
  readonly windowFrom: CalendarDate
  /** every kind the chain declares, in its order */
  readonly needs: ReadonlyArray<ServiceNeed>
  readonly reasons: ReadonlyArray<Reason>
}

/**
 * Eligibility status for a program.
 *
 * @category eligibility
 * @since 0.1.0
 */
export type EligibilityStatus = "eligible" | "ineligible" | "needs-information" | "receiving"

/**
 * Eligibility for one program.
 *
 * @category eligibility
 * @since 0.1.0
 */
export interface EligibilityDecision {
  readonly program: ProgramId
  readonly status: EligibilityStatus
  readonly reasons: ReadonlyArray<Reason>
  /** with needs-information: the case-file fields or parameter ids that are missing */
  readonly missing: ReadonlyArray<string>
  /** with ineligible: the smallest change of facts that would make the elder eligible */
  readonly whyNot: ReadonlyArray<Counterfactual>
}

/**
 * A body a case may be referred to: an id of the governing chain's `bodies` vocabulary.
 *
 * @category models
 * @since 0.1.0
 */
export type Body = string

/**
 * A referral the evaluation recommends opening (discover → report → refer → assist).
 *
 * @category models
 * @since 0.1.0
 */
export interface ReferralSuggestion {
  readonly to: Body
  readonly trigger: string
  readonly deadlineDays: number
  readonly reasons: ReadonlyArray<Reason>
}

/**
 * A policy as named in results.
 *
 * @category models
 * @since 0.1.0
 */
export interface PolicyRef {
  readonly id: string
  readonly version: string
  readonly document: string
}

/**
 * Everything needed to replay a decision: the policy, the hash of its parameters, every
 * parameter value its rules read with the date it took effect, the as-of date, and the
 * version (hash) of the input.
 *
 * @category models
 * @since 0.1.0
 */
export interface Provenance {
  readonly policy: PolicyRef
  /** the plugins from the national baseline to the selected one, as `id@version` */
  readonly chain: ReadonlyArray<string>
  readonly parametersHash: string
  readonly parameters: ReadonlyArray<Resolved>
  readonly asOf: CalendarDate
  readonly inputVersion: string
  readonly coreVersion: string
  /**
   * Present when the policy was applied after its last day in force by the host's explicit
   * choice (`Engine.EngineOptions.continuePastExpiry`): every reason is marked, and a replay
   * applies it the same way. @since 0.4.0
   */
  readonly continuedPastExpiry?: true
}

/**
 * The outputs rules produce, by rule name.
 *
 * @category models
 * @since 0.1.0
 */
export interface RuleOutputs {
  readonly leftBehind: Decision<boolean | null>
  readonly priority: Decision<boolean | null>
  readonly duties: ReadonlyArray<DutyFinding>
  readonly followUp: FollowUp
  readonly risk: RiskDecision
  readonly visits: VisitSchedule
  readonly eligibility: ReadonlyArray<EligibilityDecision>
  readonly referrals: ReadonlyArray<ReferralSuggestion>
  readonly responsibility: ResponsibilityDecision
  readonly upkeep: UpkeepDecision
  /** @since 0.3.0 */
  readonly services: ServicesDecision
}

/**
 * A rule's name.
 *
 * @category models
 * @since 0.1.0
 */
export type RuleName = keyof RuleOutputs

/**
 * The order rules run in; each rule sees the outputs of the rules before it.
 *
 * @category models
 * @since 0.1.0
 */
export const RULE_ORDER: ReadonlyArray<RuleName> = [
  "leftBehind",
  "priority",
  "duties",
  "followUp",
  "risk",
  "visits",
  "eligibility",
  "referrals",
  "responsibility",
  "upkeep",
  "services"
]

/**
 * The evaluation of one case file. `leftBehind`, `priority` and `duties` are always there;
 * the other parts are there when the policy has the rule.
 *
 * @category models
 * @since 0.1.0
 */
export interface Evaluation extends Partial<RuleOutputs> {
  readonly elderId: string
  readonly regionCode: string
  readonly asOf: CalendarDate
  readonly policy: PolicyRef
  /** why this policy was selected (or that the caller chose it) */
  readonly selection: Decision<string>
  readonly leftBehind: Decision<boolean | null>
  readonly priority: Decision<boolean | null>
  readonly duties: ReadonlyArray<DutyFinding>
  readonly provenance: Provenance
}
