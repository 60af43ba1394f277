/**
 * The ledger's tables as Kysely types. Every table that holds an elder's data has the
 * elder's 12-digit village code (`region_code`) first in its primary key, so that a province
 * can partition by county (range of codes) or shard on it (see docs/storage.md). Dates are
 * `YYYY-MM-DD` text, timestamps ISO-8601 text, booleans 0/1 integers and JSON is text, so
 * that both dialects store and return the same values.
 *
 * @since 0.1.0
 */
import type { Generated } from "kysely"

/** @category models @since 0.1.0 */
export interface EldersTable {
  region_code: string
  elder_id: string
  name: string
  id_number: string | null
  phone: string | null
  sex: string
  birth_date: string
  /** the whole case file as canonical JSON: the ledger's source of truth for this elder */
  case_file: string
  /** `Engine.inputVersion` of `case_file` */
  input_version: string
  revision: number
  import_id: string | null
  updated_at: string
}

/** @category models @since 0.1.0 */
export interface SupportersTable {
  region_code: string
  elder_id: string
  position: number
  supporter_id: string
  relation: string
  whereabouts: string
  away_since: string | null
  reported_to_village: number
  last_contact: string | null
  name: string | null
  phone: string | null
}

/** @category models @since 0.1.0 */
export interface DelegatedCarersTable {
  region_code: string
  elder_id: string
  name: string
  relation: string
  since: string
  phone: string | null
}

/** @category models @since 0.1.0 */
export interface VisitsTable {
  region_code: string
  elder_id: string
  seq: number
  date: string
  mode: string
  visitor: string
  concerns: string
  /** the person who made the visit (`visitorId`), for attribution; null when not named */
  visitor_id: string | null
  /** who recorded it through `recordVisit`; null when it came in with an imported case file */
  recorded_by: string | null
  recorded_at: string | null
}

/** @category models @since 0.1.0 */
export interface RiskAssessmentsTable {
  region_code: string
  elder_id: string
  seq: number
  date: string
  level: string
}

/**
 * The responsible visitor and pairings of each elder (the case file's `assignments`), one row
 * each, kept in step with the case file; an ended assignment keeps its row with `until_date`.
 *
 * @category models
 * @since 0.2.0
 */
export interface AssignmentsTable {
  region_code: string
  elder_id: string
  assignment_id: string
  role: string
  person_id: string
  person_kind: string
  from_date: string
  until_date: string | null
}

/**
 * Entries into and exits from the active ledger (the case file's `ledgerEvents`), one row
 * each, kept in step with the case file; nothing is deleted when an elder exits.
 *
 * @category models
 * @since 0.2.0
 */
export interface LedgerEventsTable {
  region_code: string
  elder_id: string
  seq: number
  date: string
  event: "entered" | "exited"
  reason: string
}

/**
 * A care service an elder received (`Service.received` of the case file): `source` is
 * `record` (`services[source_index]`) or `visit` (`visits[source_index].services`).
 *
 * @category models
 * @since 0.3.0
 */
export interface ServicesTable {
  region_code: string
  elder_id: string
  seq: number
  source: "record" | "visit"
  source_index: number
  date: string
  kind: string
  person_kind: string | null
  person_id: string | null
  program: string | null
  organisation: string | null
}

/** @category models @since 0.1.0 */
export interface ElderHistoryTable {
  region_code: string
  elder_id: string
  revision: number
  change: "created" | "updated" | "moved" | "visit-recorded" | "assignment-added" | "assignment-ended" | "ledger-entered" | "ledger-exited" | "service-recorded"
  import_id: string | null
  actor: string
  at: string
  input_version: string
  /** JSON array of the field paths that changed from the previous revision */
  changed_paths: string
  /** the case file at this revision (canonical JSON) */
  case_file: string
}

/** @category models @since 0.1.0 */
export interface ImportsTable {
  import_id: string
  source: string
  actor: string
  started_at: string
  finished_at: string | null
  status: "running" | "done" | "failed"
  /** the digest of the history rows this import wrote (`Chain.setDigest`), kept with each batch */
  history_digest?: string | null
  stored: number
  updated: number
  unchanged: number
  rejected: number
}

/** @category models @since 0.1.0 */
export interface RejectedRecordsTable {
  import_id: string
  position: number
  elder_id: string | null
  /** the record as given (may hold personal data: the table is access-controlled, not a log) */
  raw: string
  /** JSON of the decoding error (personal values masked) */
  error: string
  at: string
}

/** @category models @since 0.1.0 */
export interface AssessmentRunsTable {
  run_id: string
  as_of: string
  region_scope: string
  actor: string
  started_at: string
  finished_at: string | null
  status: "running" | "done"
  evaluated: number
  skipped: number
  failed: number
}

/** @category models @since 0.1.0 */
export interface ParameterSetsTable {
  set_hash: string
  parameters: string
}

/** @category models @since 0.1.0 */
export interface ReasonsTable {
  /** `hash64` of the reason's canonical JSON */
  reason_hash: string
  /** the reason (code, citation, text) as JSON */
  reason: string
}

/** @category models @since 0.1.0 */
export interface EvaluationsTable {
  region_code: string
  elder_id: string
  run_id: string
  as_of: string
  policy_id: string
  policy_version: string
  chain: string
  parameters_hash: string
  /** key of the parameter values used (`parameter_sets`), each with its effective date */
  parameter_set: string
  input_version: string
  input_revision: number
  core_version: string
  /**
   * the evaluation as JSON, with `provenance.parameters` moved to `parameter_sets` and each
   * reason of a `reasons` list replaced by its key in `reasons`
   */
  evaluation: string
  /**
   * the date-dependent fields (as-of dates, selection, next and overdue dates) by path, as JSON;
   * null in rows stored before `0010_evaluation_refs` (their `evaluation` holds everything)
   */
  dated: string | null
  /**
   * the run whose row of this elder holds the date-independent part of this evaluation, when it
   * is not this row (then `evaluation` is empty): an evaluation unchanged since the elder's last
   * one but for its dates is referenced, not written again
   */
  base_run: string | null
  /** the hash of the plan, the input version and the date-independent part (null before 0010) */
  body_hash: string | null
  created_at: string
}

/** @category models @since 0.1.0 */
export interface EvaluationFailuresTable {
  region_code: string
  elder_id: string
  run_id: string
  input_version: string
  reason: string
  created_at: string
}

/** @category models @since 0.1.0 */
export interface ElderStatusTable {
  region_code: string
  elder_id: string
  run_id: string
  as_of: string
  input_version: string
  policy_id: string
  left_behind: number | null
  priority: number | null
  unmet_duties: number
  risk_level: string | null
  assessment_next_due: string | null
  assessment_overdue: number
  visit_window: string | null
  visit_next_due: string | null
  visit_extra_due: string | null
  /** the earlier of the next regular visit and an extra visit owed */
  visit_due: string | null
  /** the date of the exit in force at `as_of` (the elder is out of the active ledger: nothing is due); null while in it @since 0.2.0 */
  exited_on: string | null
  /** the elder's name, input version and revision (kept in step with `elders`: the due lists need no lookup per row); null only in rows written before 0013 by an older version @since 0.2.0 */
  elder_name: string | null
  elder_version: string | null
  elder_revision: number | null
}

/** @category models @since 0.1.0 */
export interface ReferralCasesTable {
  region_code: string
  case_id: string
  elder_id: string
  workflow_id: string
  state: string
  since: string
  to_body: string | null
  trigger: string | null
  opened_by: string
  opened_at: string
}

/** @category models @since 0.1.0 */
export interface ReferralTransitionsTable {
  region_code: string
  case_id: string
  seq: number
  from_state: string | null
  to_state: string
  action: string
  at: string
  by: string
  recorded_at: string
}

/** @category models @since 0.1.0 */
export interface AuditLogTable {
  id: Generated<number>
  at: string
  actor: string
  action: string
  region_code: string | null
  subject: string | null
  /** JSON; never holds ID numbers or phones */
  detail: string
  /** the hash of the entry before (64 zeros for the first) */
  prev_hash: string | null
  /** SHA-256 over `prev_hash` and this entry's content */
  hash: string | null
}

/**
 * All tables of the ledger.
 *
 * @category models
 * @since 0.1.0
 */
/** `import_lock`: one row (`name = 'import'`) while an import runs. @category models @since 0.2.0 */
export interface ImportLockTable {
  name: string
  /** a token unique to the running import call */
  holder: string
  import_id: string
  host: string
  pid: number
  acquired_at: string
  /** wall-clock milliseconds of the last heartbeat (renewed after every batch) */
  heartbeat_ms: number | string
}

export interface Database {
  elders: EldersTable
  supporters: SupportersTable
  delegated_carers: DelegatedCarersTable
  visits: VisitsTable
  risk_assessments: RiskAssessmentsTable
  assignments: AssignmentsTable
  ledger_events: LedgerEventsTable
  services: ServicesTable
  elder_history: ElderHistoryTable
  imports: ImportsTable
  import_lock: ImportLockTable
  rejected_records: RejectedRecordsTable
  assessment_runs: AssessmentRunsTable
  parameter_sets: ParameterSetsTable
  reasons: ReasonsTable
  evaluations: EvaluationsTable
  evaluation_failures: EvaluationFailuresTable
  elder_status: ElderStatusTable
  referral_cases: ReferralCasesTable
  referral_transitions: ReferralTransitionsTable
  audit_log: AuditLogTable
}
