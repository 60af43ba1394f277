/** An elder's current case file, history, status, due lists and worklists. Re-exported by `Ledger`. */
import type { CalendarDate, CaseFile, Evaluation } from "@liushou/core"

/**
 * An elder row with the status from the latest assessment.
 *
 * @category models
 * @since 0.1.0
 */
export interface ElderSummary {
  readonly regionCode: string
  readonly elderId: string
  /** personal data: for display to authorised users, never for logs */
  readonly name: string
  readonly revision: number
  readonly status: ElderStatus | null
}

/**
 * An elder's status from the latest stored evaluation.
 *
 * @category models
 * @since 0.1.0
 */
export interface ElderStatus {
  readonly runId: string
  readonly asOf: CalendarDate.CalendarDate
  readonly policyId: string
  readonly leftBehind: boolean | null
  readonly priority: boolean | null
  readonly unmetDuties: number
  readonly riskLevel: string | null
  readonly assessmentNextDue: CalendarDate.CalendarDate | null
  readonly assessmentOverdue: boolean
  readonly visitWindow: Evaluation.VisitWindow | null
  readonly visitNextDue: CalendarDate.CalendarDate | null
  readonly visitExtraDue: CalendarDate.CalendarDate | null
  /** the exit in force at `asOf`: the elder is out of the active ledger (nothing is due); null while in it @since 0.2.0 */
  readonly exitedOn: CalendarDate.CalendarDate | null
  /** the case file changed after this evaluation (a visit recorded, a re-import) */
  readonly stale: boolean
}

/**
 * An entry into or exit from the active ledger, as stored.
 *
 * @category models
 * @since 0.2.0
 */
export interface LedgerEventRow {
  readonly regionCode: string
  readonly elderId: string
  readonly seq: number
  readonly date: CalendarDate.CalendarDate
  readonly event: "entered" | "exited"
  readonly reason: string
}

/**
 * A status filter for `eldersByRegion`.
 *
 * @category models
 * @since 0.1.0
 */
export interface StatusFilter {
  readonly leftBehind?: boolean
  readonly priority?: boolean
  readonly riskLevel?: string
  readonly visitWindow?: Evaluation.VisitWindow
  readonly assessed?: boolean
  /** true: only elders in the active ledger at their status date; false: only those who have exited @since 0.2.0 */
  readonly inLedger?: boolean
}

/**
 * A visit due by a date.
 *
 * @category visits
 * @since 0.1.0
 */
export interface VisitDue {
  readonly regionCode: string
  readonly elderId: string
  readonly name: string
  /** the earlier of the regular and the extra visit */
  readonly due: CalendarDate.CalendarDate
  readonly nextDue: CalendarDate.CalendarDate | null
  readonly extraDue: CalendarDate.CalendarDate | null
  /** `overdue` when `due` is before the date asked about, else `due` */
  readonly status: "due" | "overdue"
  readonly daysOverdue: number
  readonly riskLevel: string | null
  readonly asOf: CalendarDate.CalendarDate
  readonly stale: boolean
}

/**
 * One elder on a person's worklist: assigned to the person (as responsible visitor or
 * pairing) on the date asked about, with the visit status from the latest stored assessment.
 *
 * @category visits
 * @since 0.2.0
 */
export interface VisitorWorkItem {
  readonly regionCode: string
  readonly elderId: string
  /** personal data: for display to authorised users, never for logs */
  readonly name: string
  readonly assignmentId: string
  readonly role: CaseFile.Assignment["role"]
  readonly since: CalendarDate.CalendarDate
  /** the earlier of the regular and the extra visit, from the latest assessment */
  readonly due: CalendarDate.CalendarDate | null
  /** `not-assessed`: no stored assessment yet; `not-applicable`: no visit schedule (not left behind) */
  readonly status: "overdue" | "due" | "not-due" | "not-assessed" | "not-applicable"
  readonly daysOverdue: number
  readonly riskLevel: string | null
  readonly priority: boolean | null
  readonly assessedAsOf: CalendarDate.CalendarDate | null
  /** the case file changed after the assessment */
  readonly stale: boolean
}

/**
 * A risk assessment due by a date.
 *
 * @category risk
 * @since 0.1.0
 */
export interface AssessmentDue {
  readonly regionCode: string
  readonly elderId: string
  readonly name: string
  readonly due: CalendarDate.CalendarDate | null
  readonly overdue: boolean
  readonly riskLevel: string | null
  readonly asOf: CalendarDate.CalendarDate
}

/**
 * The current case file of an elder.
 *
 * @category models
 * @since 0.2.0
 */
export interface CurrentElder {
  readonly regionCode: string
  readonly elderId: string
  readonly revision: number
  readonly caseFile: CaseFile.CaseFile
}

/**
 * A revision of an elder's case file.
 *
 * @category models
 * @since 0.1.0
 */
export interface Revision {
  readonly regionCode: string
  readonly revision: number
  readonly change: "created" | "updated" | "moved" | "visit-recorded" | "assignment-added" | "assignment-ended" | "ledger-entered" | "ledger-exited" | "service-recorded"
  readonly importId: string | null
  readonly actor: string
  readonly at: string
  readonly inputVersion: string
  readonly changedPaths: ReadonlyArray<string>
  readonly caseFile: CaseFile.CaseFile
}
