/** Assessment runs and their replay. Re-exported by `Ledger`. */
import type { CalendarDate, Evaluation } from "@liushou/core"

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
