/**
 * The information ledger (信息台账) of left-behind elders on a real database: case files
 * imported losslessly with history, evaluations stored with their provenance and replayable,
 * visits, referral cases and an append-only audit log. Bring your own Kysely instance
 * (SQLite through better-sqlite3, PostgreSQL through pg); the library has no driver of its own.
 *
 * @since 0.1.0
 */
import type { CalendarDate, CaseFile, Engine, Evaluation, Indicator, Workflow } from "@liushou/core"
import { type Kysely, sql } from "kysely"
import * as Flags from "./Flags.js"
import { assess, checkRun, replay, replayOne } from "./internal/assess.js"
import { addAssignment, endAssignment, visitorWorklist } from "./internal/assignments.js"
import { ledgerEventsBetween, recordLedgerEvent } from "./internal/ledgerEvents.js"
import { recordService, serviceCounts, servicesList } from "./internal/services.js"
import { appendAudit, auditLog } from "./internal/audit.js"
import { exportCaseFiles, importCaseFiles } from "./internal/importer.js"
import { caseFilesAsOf, indicatorTrend, indicators } from "./internal/indicators.js"
import { assessmentsDue, currentElder, eldersByRegion, evaluationOf, history, referralsByState, runEvaluations, visitsDue } from "./internal/queries.js"
import { openReferral, referralCase, transitionReferral } from "./internal/referrals.js"
import { ImportLockLostError, ImportRunningError } from "./internal/lock.js"
import { LedgerInputError } from "./internal/tx.js"
import { isUnreadableValue, UNREADABLE } from "./internal/unreadable.js"
import { verify } from "./internal/verify.js"
import { recordVisit } from "./internal/visits.js"
import * as Migrations from "./Migrations.js"
import type { LockHolder, Progress, ImportResult, ReimportPolicy, RecordedVisits, Unreadable, ImportOptions } from "./internal/types/import.js"
import type { AssessOptions, AssessProgress, AssessResult, EvaluationKey, StoredEvaluation, Difference, ReplayResult, ReplayReport } from "./internal/types/assessment.js"
import type { ElderSummary, ElderStatus, LedgerEventRow, StatusFilter, VisitDue, VisitorWorkItem, AssessmentDue, CurrentElder, Revision } from "./internal/types/casework.js"
import type { ReferralCase, OpenReferralInput, TransitionReferralInput } from "./internal/types/referrals.js"
import type { LedgerError, Outcome } from "./internal/types/outcome.js"
import type { AuditEntry, Tampering, VerifyReport } from "./internal/types/audit.js"
import type { IndicatorOptions } from "./internal/types/indicators.js"
import type { ServiceCount, ServiceCountLevel, ServiceRow } from "./internal/types/services.js"
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

/*
 * The types of the ledger's operations live by concern in internal modules (import, assessment,
 * casework, referrals, outcome, audit, indicators, services) and are re-exported here, so that `Ledger.ImportResult`
 * and the others keep their names while the internals never import this module.
 */
export type { LockHolder, Progress, ImportResult, ReimportPolicy, RecordedVisits, Unreadable, ImportOptions }
export type { AssessOptions, AssessProgress, AssessResult, EvaluationKey, StoredEvaluation, Difference, ReplayResult, ReplayReport }
export type { ElderSummary, ElderStatus, LedgerEventRow, StatusFilter, VisitDue, VisitorWorkItem, AssessmentDue, CurrentElder, Revision }
export type { ReferralCase, OpenReferralInput, TransitionReferralInput }
export type { LedgerError, Outcome }
export type { AuditEntry, Tampering, VerifyReport }
export type { IndicatorOptions }
export type { ServiceRow, ServiceCountLevel, ServiceCount }

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
  /**
   * refuses (`LedgerInputError`) an assessment run id that exists with another as-of date or
   * region, as `assess` does: what a host checks once before it starts workers of one run
   * @since 0.3.0
   */
  readonly checkRun: (runId: string, asOf: CalendarDate.CalendarDate, region?: string) => Promise<void>
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
    checkRun: (runId, asOf, region) => checkRun(ledger, runId, asOf, region),
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

