/** Importing case files: what an import is asked to do and what it reports. Re-exported by `Ledger`. */
import type { CaseFile, Decode } from "@liushou/core"
import type { UNREADABLE } from "../unreadable.js"

/**
 * Who holds (or held) the import lock.
 *
 * @category models
 * @since 0.2.0
 */
export interface LockHolder {
  readonly importId: string
  readonly host: string
  readonly pid: number
  readonly acquiredAt: string
  /** wall-clock time of its last heartbeat (ISO-8601) */
  readonly heartbeatAt: string
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
