/** The audit log and what `verify` finds. Re-exported by `Ledger`. */


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
