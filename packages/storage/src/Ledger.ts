/**
 * The information ledger (信息台账) of left-behind elders on a real database: case files
 * imported losslessly with history, evaluations stored with their provenance and replayable,
 * visits, referral cases and an append-only audit log. Bring your own Kysely instance
 * (SQLite through better-sqlite3, PostgreSQL through pg); the library has no driver of its own.
 *
 * @since 0.1.0
 */
import type { CalendarDate, CaseFile, Decode, Engine, Evaluation, Indicator, Outcome as CoreOutcome, Workflow } from "@liushou/core"
import { type Kysely, sql } from "kysely"
import * as Flags from "./Flags.js"
import { assess, replay, replayOne } from "./internal/assess.js"
import { addAssignment, endAssignment, visitorWorklist } from "./internal/assignments.js"
import { ledgerEventsBetween, recordLedgerEvent } from "./internal/ledgerEvents.js"
import { recordService, serviceCounts, servicesList } from "./internal/services.js"
import { appendAudit, auditLog } from "./internal/audit.js"
import { exportCaseFiles, importCaseFiles } from "./internal/importer.js"
import { caseFilesAsOf, indicatorTrend, indicators } from "./internal/indicators.js"
import { assessmentsDue, currentElder, eldersByRegion, evaluationOf, history, referralsByState, runEvaluations, visitsDue } from "./internal/queries.js"
import { openReferral, referralCase, transitionReferral } from "./internal/referrals.js"
import { ImportLockLostError, ImportRunningError, type LockHolder } from "./internal/lock.js"
import { LedgerInputError } from "./internal/tx.js"
import { isUnreadableValue, UNREADABLE } from "./internal/unreadable.js"
import { verify } from "./internal/verify.js"
import { recordVisit } from "./internal/visits.js"
import * as Migrations from "./Migrations.js"
import type { Database } from "./Tables.js"

/**
 * Thrown for an argument the ledger cannot use (a malformed region prefix or date, an
 * assessment run id reused with another date or region); `message` is English, `zh` Chinese.
 *
 * @category errors
 * @since 0.1.0
 */
export { LedgerInputError }

/**
 * `importCaseFiles` refused to start: another import is running on this ledger (its lock is
 * held by a live process whose heartbeat is fresh). `holder` names it; `message` is English,
 * `zh` Chinese.
 *
 * @category errors
 * @since 0.2.0
 */
export { ImportRunningError }

/**
 * An import stopped because another import took its lock over as stale (its heartbeat was
 * older than `lockStaleAfterMs`); rerun it to resume.
 *
 * @category errors
 * @since 0.2.0
 */
export { ImportLockLostError }

/**
 * Who holds (or held) the import lock.
 *
 * @category models
 * @since 0.2.0
 */
export type { LockHolder }

/**
 * How to open a ledger.
 *
 * @category models
 * @since 0.1.0
 */
export interface Options {
  /** your Kysely instance (any table types; the ledger uses its own) */
  readonly db: Kysely<any>
  /** dialect flags; detected from the adapter when absent (SQLite, PostgreSQL) */
  readonly flags?: Flags.DialectFlags
  /** the clock used when a timestamp is not passed in: ISO-8601 text (default: system clock) */
  readonly clock?: () => string
}

/**
 * Counts reported while importing or assessing.
 *
 * @category models
 * @since 0.1.0
 */
export interface Progress {
  readonly read: number
  readonly stored: number
  readonly updated: number
  readonly unchanged: number
  readonly rejected: number
}

/**
 * What an import did.
 *
 * @category models
 * @since 0.1.0
 */
export interface ImportResult extends Progress {
  readonly importId: string
  /** the re-import policy applied */
  readonly reimport: ReimportPolicy
  /** visits recorded through `recordVisit` that the imported case files lacked and that were merged back (policy `merge`) */
  readonly merged: number
  /** visits recorded through `recordVisit` that the imported case files lacked and that were dropped (policy `file`) */
  readonly discarded: number
  /** per elder, those visits (at most 1000 elders) */
  readonly recordedVisits: ReadonlyArray<RecordedVisits>
  /** where the rejected records are kept, e.g. `rejected_records where import_id = '...'` */
  readonly rejectedTo: string
  /** the first rejected records' errors (personal values masked), at most 20 */
  readonly errors: ReadonlyArray<Decode.CaseFileError>
  /** the import lock this import took over from a crashed one (its process gone, or its heartbeat stale), else null */
  readonly recoveredLock: (LockHolder & { readonly reason: "process-gone" | "heartbeat-stale" }) | null
}

/**
 * What a re-import does with visits recorded through `recordVisit` that the imported case file
 * lacks: `merge` (the default; nothing is lost) appends them to the imported case file; `file`
 * makes the file authoritative and drops them from the current case file (the revisions that
 * had them stay in the history). Either way the result lists them per elder.
 *
 * @category models
 * @since 0.2.0
 */
export type ReimportPolicy = "merge" | "file"

/**
 * Visits recorded through `recordVisit` that an imported case file lacked.
 *
 * @category models
 * @since 0.2.0
 */
export interface RecordedVisits {
  readonly regionCode: string
  readonly elderId: string
  readonly visits: ReadonlyArray<CaseFile.Visit>
  /** `merge`: kept in the case file; `file`: dropped from it */
  readonly policy: ReimportPolicy
}


/**
 * A record the caller could not read into a case file (a spreadsheet row with a bad cell, a row
 * of a linked sheet naming no elder). Passed to `importCaseFiles` among the case files, it is
 * counted as read and rejected and kept in `rejected_records` like any other rejected record,
 * its error naming where it came from. Make one with `unreadable`.
 *
 * @category models
 * @since 0.2.0
 */
export interface Unreadable {
  readonly [UNREADABLE]: true
  /** the record as found (for a spreadsheet row, its cells by header as JSON) */
  readonly raw: string
  /** the elder's ledger id when the record gives one (masked before it is stored or echoed) */
  readonly elderId: string | null
  /** where the record came from */
  readonly source?: { readonly sheet: string; readonly row: number }
  /** each problem, with the field path (or the column), what was expected and what was found (masked) */
  readonly issues: ReadonlyArray<Decode.FieldIssue & { readonly sheet?: string; readonly row?: number; readonly column?: string | null }>
  /** the problems in words, naming sheet, row and column */
  readonly message: { readonly zh: string; readonly en: string }
}

/**
 * A record the caller could not read, for `importCaseFiles` (see `Unreadable`).
 *
 * **Example**
 * ```ts
 * import { Ledger } from "@liushou/storage"
 * const row = Ledger.unreadable({
 *   raw: JSON.stringify({ 编号: "A-7", 出生日期: "#N/A" }),
 *   elderId: "A-7",
 *   source: { sheet: "老年人", row: 7 },
 *   issues: [{ path: "elder.birthDate", column: "出生日期", expected: { en: "a value", zh: "一个值" }, found: "#N/A" }],
 *   message: { en: 'sheet "老年人" row 7 column "出生日期": expected a value, found #N/A', zh: "工作表“老年人”第7行“出生日期”列：应为一个值，实际为 #N/A" }
 * })
 * await ledger.importCaseFiles([row], { importId: "county-ledger" }) // 1 read, 1 rejected
 * ```
 *
 * @category constructors
 * @since 0.2.0
 */
export const unreadable = (input: Omit<Unreadable, typeof UNREADABLE>): Unreadable => ({ [UNREADABLE]: true, ...input })

/**
 * Whether a value is an `Unreadable` record.
 *
 * @category predicates
 * @since 0.2.0
 */
export const isUnreadable = (v: unknown): v is Unreadable => isUnreadableValue(v)

/**
 * Import options.
 *
 * @category models
 * @since 0.1.0
 */
export interface ImportOptions {
  /** the import's id; rerunning with the same id resumes it (default: derived from the clock) */
  readonly importId?: string
  /** a label for where the records came from (a file name) */
  readonly source?: string
  readonly actor?: string
  /** timestamp recorded for this import (default: the ledger's clock) */
  readonly at?: string
  /** case files per transaction (default 500) */
  readonly batchSize?: number
  /** visits recorded through `recordVisit` missing from an imported case file: `merge` (default) or `file` */
  readonly reimport?: ReimportPolicy
  /**
   * the import lock of another import whose heartbeat (renewed after every batch) is older than
   * this is taken over as stale (default 5 minutes); a lock held by a process of this host that
   * is gone is taken over at once
   */
  readonly lockStaleAfterMs?: number
  /**
   * the region the importing user may write (a region code of 2 to 12 digits), and who that
   * user is: a record of an elder outside it, or one that would move an elder stored outside
   * it, is rejected (field `elder.regionCode`, naming the user and the region) and kept in
   * `rejected_records`; the other records are stored as usual
   *
   * @since 0.3.0
   */
  readonly scope?: { readonly region: string; readonly user: string }
  readonly onProgress?: (progress: Progress) => void
}

/**
 * Assessment options.
 *
 * @category models
 * @since 0.1.0
 */
export interface AssessOptions {
  /** a region code prefix (2, 4, 6, 9 or 12 digits); all elders when absent */
  readonly region?: string
  /** the run's id (default `asOf` + `@` + region or `all`): rerunning a run id resumes it */
  readonly runId?: string
  readonly actor?: string
  readonly at?: string
  /** elders per transaction (default 500) */
  readonly batchSize?: number
  readonly onProgress?: (progress: AssessProgress) => void
  /**
   * Claim batches, so that several processes (on one machine or several) can run the same run
   * id at once: each batch of elders not yet done in the run is selected, evaluated and stored
   * in one write transaction, `for update skip locked` on PostgreSQL (SQLite has one writer:
   * its workers take turns). A worker that dies loses nothing: its batch rolls back and another
   * worker takes it. `skipped` stays 0 in this mode (done elders are not read again).
   */
  readonly claim?: boolean
}

/**
 * Counts of an assessment run.
 *
 * @category models
 * @since 0.1.0
 */
export interface AssessProgress {
  /** elders evaluated and stored by this call */
  readonly evaluated: number
  /** elders already evaluated in this run with the same input (a resumed run) */
  readonly skipped: number
  /** elders for which no policy is in force (stored in evaluation_failures) */
  readonly failed: number
  /**
   * of the evaluated, those stored as a reference to the elder's last stored evaluation (same
   * plan, input version and date-independent part; only the dates are written)
   */
  readonly referenced: number
}

/**
 * What an assessment run did.
 *
 * @category models
 * @since 0.1.0
 */
export interface AssessResult extends AssessProgress {
  readonly runId: string
  readonly asOf: CalendarDate.CalendarDate
}

/**
 * Names one stored evaluation.
 *
 * @category models
 * @since 0.1.0
 */
export interface EvaluationKey {
  readonly regionCode: string
  readonly elderId: string
  readonly runId: string
}

/**
 * A stored evaluation with its provenance restored.
 *
 * @category models
 * @since 0.1.0
 */
export interface StoredEvaluation {
  readonly key: EvaluationKey
  readonly inputRevision: number
  readonly evaluation: Evaluation.Evaluation
}

/**
 * One difference between a stored evaluation and its recomputation.
 *
 * @category models
 * @since 0.1.0
 */
export interface Difference {
  /** dotted path in the evaluation, e.g. `risk.level` */
  readonly path: string
  readonly stored: unknown
  readonly recomputed: unknown
}

/**
 * The replay of one evaluation.
 *
 * @category models
 * @since 0.1.0
 */
export interface ReplayResult {
  readonly key: EvaluationKey
  readonly same: boolean
  readonly differences: ReadonlyArray<Difference>
}

/**
 * The replay of many evaluations.
 *
 * @category models
 * @since 0.1.0
 */
export interface ReplayReport {
  readonly checked: number
  readonly same: number
  /** the evaluations that differ (all of them) */
  readonly differ: ReadonlyArray<ReplayResult>
}

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
 * A care service received, as stored: from a service record of the case file (`source:
 * "record"`, `services[sourceIndex]`) or from a visit (`source: "visit"`, `visits[sourceIndex]`).
 *
 * @category models
 * @since 0.3.0
 */
export interface ServiceRow {
  readonly regionCode: string
  readonly elderId: string
  readonly seq: number
  readonly source: "record" | "visit"
  readonly sourceIndex: number
  readonly date: CalendarDate.CalendarDate
  readonly kind: string
  readonly personKind: string | null
  readonly personId: string | null
  readonly program: string | null
  readonly organisation: string | null
}

/**
 * What `serviceCounts` groups by besides the kind: the county (6 digits), township (9), village
 * (12) of the elder, or the elder.
 *
 * @category models
 * @since 0.3.0
 */
export type ServiceCountLevel = "county" | "township" | "village" | "elder"

/**
 * How many services of a kind were received within the period in an area (or by an elder), and
 * by how many distinct elders. `region` is the area's code (the prefix asked for when not
 * grouped, `""` for the whole ledger; the elder's village code with `by: "elder"`).
 *
 * @category models
 * @since 0.3.0
 */
export interface ServiceCount {
  readonly region: string
  /** with `by: "elder"`: the elder; else null */
  readonly elderId: string | null
  readonly kind: string
  readonly services: number
  readonly elders: number
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
 * A stored referral case.
 *
 * @category models
 * @since 0.1.0
 */
export interface ReferralCase {
  readonly regionCode: string
  readonly caseId: string
  readonly elderId: string
  readonly workflowId: string
  readonly state: string
  readonly since: CalendarDate.CalendarDate
  readonly to: string | null
  readonly trigger: string | null
  readonly history: Workflow.Case<string>["history"]
}

/**
 * Why a write was refused.
 *
 * @category errors
 * @since 0.1.0
 */
export type LedgerError =
  | { readonly _tag: "ElderNotFound"; readonly elderId: string; readonly message: { readonly zh: string; readonly en: string } }
  /** the id is used by elders of several counties (ledger ids are numbered by county): pass a region */
  | { readonly _tag: "AmbiguousElder"; readonly elderId: string; readonly counties: ReadonlyArray<string>; readonly message: { readonly zh: string; readonly en: string } }
  | { readonly _tag: "CaseNotFound"; readonly caseId: string; readonly message: { readonly zh: string; readonly en: string } }
  | { readonly _tag: "CaseExists"; readonly caseId: string; readonly message: { readonly zh: string; readonly en: string } }
  | { readonly _tag: "WorkflowMismatch"; readonly caseId: string; readonly message: { readonly zh: string; readonly en: string } }
  | { readonly _tag: "InvalidVisit"; readonly elderId: string; readonly issues: ReadonlyArray<Decode.FieldIssue>; readonly message: { readonly zh: string; readonly en: string } }
  | { readonly _tag: "InvalidAssignment"; readonly elderId: string; readonly issues: ReadonlyArray<Decode.FieldIssue>; readonly message: { readonly zh: string; readonly en: string } }
  | { readonly _tag: "AssignmentExists" | "AssignmentNotFound" | "AssignmentEnded"; readonly elderId: string; readonly assignmentId: string; readonly message: { readonly zh: string; readonly en: string } }
  /** an entry or exit that does not decode or does not follow the last one (field paths named) @since 0.2.0 */
  | { readonly _tag: "InvalidLedgerEvent"; readonly elderId: string; readonly issues: ReadonlyArray<Decode.FieldIssue>; readonly message: { readonly zh: string; readonly en: string } }
  /** a care service record that does not decode (field paths named; a note is never echoed) @since 0.3.0 */
  | { readonly _tag: "InvalidService"; readonly elderId: string; readonly issues: ReadonlyArray<Decode.FieldIssue>; readonly message: { readonly zh: string; readonly en: string } }
  | Workflow.IllegalTransition

/**
 * The result of a write that may be refused: core's `Outcome` with a `LedgerError`.
 *
 * @category models
 * @since 0.1.0
 */
export type Outcome<A> = CoreOutcome.Outcome<A, LedgerError>

/**
 * An entry of the audit log.
 *
 * @category models
 * @since 0.1.0
 */
export interface AuditEntry {
  readonly id: number
  readonly at: string
  readonly actor: string
  readonly action: string
  readonly regionCode: string | null
  readonly subject: string | null
  readonly detail: Record<string, unknown>
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

/**
 * One sign of tampering found by `verify`.
 *
 * - `audit-link`: an audit entry does not follow the one before it (an entry removed or inserted)
 * - `audit-hash`: an audit entry's content does not match its hash (an entry edited)
 * - `case-file-edited`: a current case file differs from its latest revision or its input version
 * - `history-edited`: a revision's case file does not match its input version
 * - `history-gap`: revisions of an elder are missing
 * - `history-rewritten`: revisions differ from what the (chained) audit log recorded when they
 *   were written, even with their input versions rewritten to match
 * - `evaluation-missing`: a status names an evaluation that is not stored (a deleted row), or an
 *   assessment run holds fewer evaluations than its audit entry recorded (also a run no status
 *   points to any more)
 * - `evaluations-changed`: an assessment run's evaluations differ from the digest its audit entry
 *   recorded (a row added, or replaced by another of the same count)
 * - `status-edited`: a status differs from the evaluation it was written from
 *
 * @category models
 * @since 0.2.0
 */
export interface Tampering {
  readonly kind: "audit-link" | "audit-hash" | "case-file-edited" | "history-edited" | "history-gap" | "history-rewritten" | "evaluation-missing" | "evaluations-changed" | "status-edited"
  /** what: `audit_log#12`, `430121101201/P0000001@3`, `import ID`, ... (no personal data) */
  readonly subject: string
  readonly detail: string
}

/**
 * What `verify` checked and found.
 *
 * @category models
 * @since 0.2.0
 */
export interface VerifyReport {
  readonly ok: boolean
  /** audit entries, elders, revisions and statuses checked */
  readonly audit: number
  readonly elders: number
  readonly revisions: number
  readonly statuses: number
  readonly problems: ReadonlyArray<Tampering>
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
 * What the evaluation indicators (考评) are computed for: a region, a period and the date the
 * ledger is read as of (on or after the period's end).
 *
 * @category models
 * @since 0.3.0
 */
export interface IndicatorOptions {
  /** a region-code prefix (2, 4, 6, 9 or 12 digits) */
  readonly region: string
  readonly from: CalendarDate.CalendarDate
  readonly to: CalendarDate.CalendarDate
  /** the ledger as it stood at the end of this day (UTC): revisions and referral steps recorded by then */
  readonly asOf: CalendarDate.CalendarDate
  /** the referral workflows, for their deadlines */
  readonly workflows: ReadonlyArray<Pick<Workflow.Workflow<string, string>, "id" | "states">>
  /** the indicators; default: those governing the region at the period's end (`Indicator.forRegion`) */
  readonly indicators?: ReadonlyArray<Indicator.Indicator>
}

/**
 * Opening a referral case in a workflow's initial state.
 *
 * @category models
 * @since 0.1.0
 */
export interface OpenReferralInput<S extends string, A extends string> {
  readonly workflow: Workflow.Workflow<S, A>
  readonly caseId: string
  readonly elderId: string
  /** a region prefix holding the elder: needed when the id is used in several counties */
  readonly region?: string
  readonly on: CalendarDate.CalendarDate
  readonly by: string
  readonly to?: string
  readonly trigger?: string
  readonly at?: string
}

/**
 * Applying an action to a referral case through its workflow.
 *
 * @category models
 * @since 0.1.0
 */
export interface TransitionReferralInput<S extends string, A extends string> {
  readonly workflow: Workflow.Workflow<S, A>
  readonly caseId: string
  readonly action: string
  readonly on: CalendarDate.CalendarDate
  readonly by: string
  readonly at?: string
}

/**
 * An opened ledger. Every method is one or more short transactions; none holds a
 * transaction open across batches.
 *
 * @category models
 * @since 0.1.0
 */
export interface Ledger {
  readonly db: Kysely<Database>
  readonly flags: Flags.DialectFlags
  readonly now: () => string
  /** runs the migrations to the latest (throws `Migrations.MigrationError` on failure) */
  readonly migrateToLatest: () => Promise<ReadonlyArray<string>>
  /**
   * Imports case files from raw lines (JSON text), parsed objects or `Unreadable` records: idempotent (the same
   * case file twice changes nothing), lossless (changes leave history; bad records are kept in
   * `rejected_records` with their errors), streaming with bounded memory, one transaction per batch.
   */
  readonly importCaseFiles: (source: AsyncIterable<unknown> | Iterable<unknown>, options?: ImportOptions) => Promise<ImportResult>
  /** evaluates the ledger (or a region) at a date and stores each evaluation with provenance; resumable per run id */
  readonly assess: (engine: Engine.Engine, asOf: CalendarDate.CalendarDate, options?: AssessOptions) => Promise<AssessResult>
  /** recomputes one stored evaluation with the engine from its provenance and reports differences */
  readonly replay: (engine: Engine.Engine, key: EvaluationKey) => Promise<ReplayResult | undefined>
  /**
   * checks the ledger for tampering: the audit log's hash chain, every elder's history and
   * current case file, and every status against its evaluation (`replayAll` recomputes the
   * evaluations themselves)
   */
  readonly verify: () => Promise<VerifyReport>
  /** replays every stored evaluation (of a run, of a region) */
  readonly replayAll: (engine: Engine.Engine, options?: { readonly runId?: string; readonly region?: string; readonly onProgress?: (checked: number) => void }) => Promise<ReplayReport>
  /** a stored evaluation, provenance restored */
  readonly evaluation: (key: EvaluationKey) => Promise<StoredEvaluation | undefined>
  /** every case file and restored evaluation of an assessment run inside a region, in pages, ordered by code and id */
  readonly runEvaluations: (options: {
    readonly runId: string
    readonly region?: string
    readonly pageSize?: number
  }) => AsyncIterable<{ readonly caseFile: CaseFile.CaseFile; readonly evaluation: Evaluation.Evaluation }>
  /** elders whose code starts with a region prefix, with their latest status, ordered by code and id */
  readonly eldersByRegion: (region: string, options?: { readonly status?: StatusFilter; readonly limit?: number; readonly after?: { readonly regionCode: string; readonly elderId: string } }) => Promise<ReadonlyArray<ElderSummary>>
  /** visits due or overdue by a date (from the latest stored evaluations), earliest first */
  readonly visitsDue: (dueBy: CalendarDate.CalendarDate, options?: { readonly region?: string; readonly limit?: number }) => Promise<ReadonlyArray<VisitDue>>
  /** elders whose (annual) risk assessment is due or overdue by a date */
  readonly assessmentsDue: (dueBy: CalendarDate.CalendarDate, options?: { readonly region?: string; readonly limit?: number }) => Promise<ReadonlyArray<AssessmentDue>>
  /** referral cases in a state */
  readonly referralsByState: (state: string, options?: { readonly region?: string; readonly workflowId?: string; readonly limit?: number }) => Promise<ReadonlyArray<ReferralCase>>
  /** appends a visit to an elder's case file (a new revision, audited); `region` picks the elder when its id is used in several counties */
  readonly recordVisit: (input: { readonly elderId: string; readonly region?: string; readonly visit: CaseFile.Visit; readonly actor: string; readonly at?: string }) => Promise<Outcome<{ readonly revision: number; readonly seq: number }>>
  /** adds a responsible visitor or a pairing to an elder's case file (a new revision, audited) */
  readonly addAssignment: (input: { readonly elderId: string; readonly region?: string; readonly assignment: CaseFile.Assignment; readonly actor: string; readonly at?: string }) => Promise<Outcome<{ readonly revision: number; readonly assignment: CaseFile.Assignment }>>
  /** ends an assignment on a date, its last day (a new revision, audited); nothing is removed */
  readonly endAssignment: (input: { readonly elderId: string; readonly region?: string; readonly assignmentId: string; readonly until: CalendarDate.CalendarDate; readonly actor: string; readonly at?: string }) => Promise<Outcome<{ readonly revision: number; readonly assignment: CaseFile.Assignment }>>
  /** the elders a person is assigned to on a date, with their visit status, most urgent first */
  readonly visitorWorklist: (personId: string, asOf: CalendarDate.CalendarDate, options?: { readonly region?: string; readonly limit?: number }) => Promise<ReadonlyArray<VisitorWorkItem>>
  /**
   * records an entry into or exit from the active ledger (a new revision, its row, history and
   * audit); an exited elder keeps the case file and history, and drops out of due lists from the
   * exit's date at the next assessment @since 0.2.0
   */
  readonly recordLedgerEvent: (input: { readonly elderId: string; readonly region?: string; readonly event: CaseFile.LedgerEvent; readonly actor: string; readonly at?: string }) => Promise<Outcome<{ readonly revision: number; readonly seq: number; readonly event: CaseFile.LedgerEvent; readonly status: "active" | "exited" }>>
  /** entries and exits dated within a period inside a region, by date @since 0.2.0 */
  readonly ledgerEvents: (options: { readonly region?: string; readonly from: CalendarDate.CalendarDate; readonly to: CalendarDate.CalendarDate }) => Promise<ReadonlyArray<LedgerEventRow>>
  /**
   * the case files of a region as the ledger held them at the end of a day (UTC): each elder's
   * latest revision recorded by then, ordered by code and id (held in memory: one county at a
   * time) @since 0.3.0
   */
  readonly caseFilesAsOf: (options: { readonly region?: string; readonly asOf: CalendarDate.CalendarDate }) => Promise<ReadonlyArray<CurrentElder>>
  /**
   * the evaluation indicators (考评) of a region for a period, per village, township and region,
   * from the ledger as it stood at the as-of date (revisions and referral steps recorded by
   * then), each elder evaluated at the period's last day; reproducible for any past period @since 0.3.0
   */
  readonly indicators: (engine: Engine.Engine, options: IndicatorOptions) => Promise<Indicator.Report>
  /** the indicators for each calendar period (month, quarter, half-year, year) of a span, all as of one date: a trend @since 0.3.0 */
  readonly indicatorTrend: (engine: Engine.Engine, options: IndicatorOptions & { readonly period: Indicator.PeriodLength }) => Promise<ReadonlyArray<Indicator.Report>>
  /**
   * records a care service delivered to an elder (a new revision with the record appended to
   * `services`, its row, history and audit; the note is kept in the case file, never in the
   * audit log) @since 0.3.0
   */
  readonly recordService: (input: { readonly elderId: string; readonly region?: string; readonly service: CaseFile.ServiceRecord; readonly actor: string; readonly at?: string }) => Promise<Outcome<{ readonly revision: number; readonly index: number; readonly service: CaseFile.ServiceRecord }>>
  /**
   * services received within a period (both ends inclusive) inside a region prefix, counted by
   * kind, and by county, township, village or elder with `by` (records and visits' services
   * alike) @since 0.3.0
   */
  readonly serviceCounts: (options: { readonly region?: string; readonly from: CalendarDate.CalendarDate; readonly to: CalendarDate.CalendarDate; readonly by?: ServiceCountLevel }) => Promise<ReadonlyArray<ServiceCount>>
  /** the services received inside a region (or by one elder), optionally within a period, by date (at most `limit`, default 1000) @since 0.3.0 */
  readonly services: (options?: { readonly region?: string; readonly elderId?: string; readonly from?: CalendarDate.CalendarDate; readonly to?: CalendarDate.CalendarDate; readonly limit?: number }) => Promise<ReadonlyArray<ServiceRow>>
  /** opens a referral case in the workflow's initial state */
  readonly openReferral: <S extends string, A extends string>(input: OpenReferralInput<S, A>) => Promise<Outcome<ReferralCase>>
  /** applies an action through the workflow (`Workflow.apply`); an illegal one is refused with its error */
  readonly transitionReferral: <S extends string, A extends string>(input: TransitionReferralInput<S, A>) => Promise<Outcome<ReferralCase>>
  /** one referral case with its history */
  readonly referral: (caseId: string) => Promise<ReferralCase | undefined>
  /** the stored case files (of a region), optionally with ID numbers and phones masked */
  readonly exportCaseFiles: (options?: { readonly region?: string; readonly mask?: boolean; readonly pageSize?: number }) => AsyncIterable<CaseFile.CaseFile>
  /**
   * an elder's current case file, or undefined; an elder is its county and its id, so when the
   * id is used in several counties pass a region inside one of them (else a `LedgerInputError`)
   */
  readonly elder: (elderId: string, options?: { readonly region?: string }) => Promise<CurrentElder | undefined>
  /**
   * an elder's revisions, oldest first, a page at a time with `afterRevision` and `limit`; an elder is its county and its id, so when the id is
   * used in several counties pass a region inside one of them (else a `LedgerInputError`)
   */
  readonly history: (elderId: string, options?: { readonly region?: string; readonly afterRevision?: number; readonly limit?: number }) => Promise<ReadonlyArray<Revision>>
  /** appends an entry to the audit log; `detail` must hold no ID numbers or phones */
  readonly audit: (entry: { readonly actor: string; readonly action: string; readonly regionCode?: string | null; readonly subject?: string | null; readonly detail?: Record<string, unknown>; readonly at?: string }) => Promise<void>
  /** reads the audit log, oldest first */
  readonly auditLog: (options?: { readonly region?: string; readonly subject?: string; readonly afterId?: number; readonly limit?: number }) => Promise<ReadonlyArray<AuditEntry>>
}

/**
 * Opens a ledger on your Kysely instance: applies the dialect's connection setup (SQLite: WAL
 * and busy timeout). Does not migrate: call `ledger.migrateToLatest()` (or
 * `Migrations.migrateToLatest`) once.
 *
 * **Example**
 * ```ts
 * import { Ledger } from "@liushou/storage"
 * import Database from "better-sqlite3"
 * import { Kysely, SqliteDialect } from "kysely"
 * const db = new Kysely<any>({ dialect: new SqliteDialect({ database: new Database("liushou.db") }) })
 * const ledger = await Ledger.make({ db })
 * await ledger.migrateToLatest()
 * const result = await ledger.importCaseFiles(caseFiles, { source: "cases.jsonl", actor: "county-clerk" })
 * ```
 *
 * @category constructors
 * @since 0.1.0
 */
export const make = async (options: Options): Promise<Ledger> => {
  const flags = options.flags ?? Flags.detect(options.db)
  if (flags === undefined) {
    throw new Error("@liushou/storage: unknown Kysely dialect; pass `flags` (Flags.sqlite or Flags.postgres, adapted)")
  }
  const db = options.db as Kysely<Database>
  for (const statement of flags.connectionSetup) await sql.raw(statement).execute(db)
  const now = options.clock ?? (() => new Date().toISOString())
  const ledger: Ledger = {
    db,
    flags,
    now,
    migrateToLatest: () => Migrations.migrateToLatest(db, flags),
    importCaseFiles: (source, o = {}) => importCaseFiles(ledger, source, o),
    assess: (engine, asOf, o = {}) => assess(ledger, engine, asOf, o),
    replay: (engine, key) => replayOne(ledger, engine, key),
    replayAll: (engine, o = {}) => replay(ledger, engine, o),
    verify: () => verify(ledger),
    evaluation: (key) => evaluationOf(ledger, key),
    runEvaluations: (o) => runEvaluations(ledger, o),
    eldersByRegion: (region, o = {}) => eldersByRegion(ledger, region, o),
    visitsDue: (dueBy, o = {}) => visitsDue(ledger, dueBy, o),
    assessmentsDue: (dueBy, o = {}) => assessmentsDue(ledger, dueBy, o),
    referralsByState: (state, o = {}) => referralsByState(ledger, state, o),
    recordVisit: (input) => recordVisit(ledger, input),
    addAssignment: (input) => addAssignment(ledger, input),
    endAssignment: (input) => endAssignment(ledger, input),
    visitorWorklist: (personId, asOf, o = {}) => visitorWorklist(ledger, personId, asOf, o),
    recordLedgerEvent: (input) => recordLedgerEvent(ledger, input),
    ledgerEvents: (o) => ledgerEventsBetween(ledger, o),
    caseFilesAsOf: (o) => caseFilesAsOf(ledger, o),
    indicators: (engine, o) => indicators(ledger, engine, o),
    indicatorTrend: (engine, o) => indicatorTrend(ledger, engine, o),
    recordService: (input) => recordService(ledger, input),
    serviceCounts: (o) => serviceCounts(ledger, o),
    services: (o = {}) => servicesList(ledger, o),
    openReferral: (input) => openReferral(ledger, input),
    transitionReferral: (input) => transitionReferral(ledger, input),
    referral: (caseId) => referralCase(ledger.db, caseId),
    exportCaseFiles: (o = {}) => exportCaseFiles(ledger, o),
    elder: (elderId, o = {}) => currentElder(ledger, elderId, o),
    history: (elderId, o = {}) => history(ledger, elderId, o),
    audit: (entry) => appendAudit(ledger.db, ledger, entry),
    auditLog: (o = {}) => auditLog(ledger, o)
  }
  return ledger
}

