/**
 * County ledgers (台账) in .xlsx and .csv: reading them into case files with row-level errors,
 * writing the template and exports.
 *
 * @since 0.1.0
 */
export * as Columns from "./Columns.js"
export * as Normalize from "./Normalize.js"
export { derivedElderId, formatIssue, type LedgerIssue, type LedgerRead, type LedgerRecord, readLedgerFile } from "./Read.js"
export { writeLedger, writeTemplate } from "./Write.js"

/**
 * Whether a path names a spreadsheet ledger (rather than JSON or JSON Lines case files).
 *
 * @category predicates
 * @since 0.1.0
 */
export const isLedgerFile = (path: string): boolean => /\.(xlsx|xlsm|csv)$/i.test(path)
