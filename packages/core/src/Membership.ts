/**
 * Whether an elder is in the active ledger on a date (湘民发〔2018〕30号 §1 动态管理), read from
 * the case file's `ledgerEvents`: entries and exits with their dates and reasons. An exit never
 * deletes anything; the elder is out of the active ledger from the exit's date until a later
 * entry. Pure: the date is always an argument.
 *
 * @since 0.2.0
 */
import type { CalendarDate } from "./CalendarDate.js"
import type { CaseFile, LedgerEvent } from "./CaseFile.js"

/**
 * Where an elder stands in the ledger on a date: `active` with the last entry (or none
 * recorded), or `exited` with the exit in force.
 *
 * @category models
 * @since 0.2.0
 */
export interface Standing {
  readonly status: "active" | "exited"
  /** the last ledger event on or before the date; null when none is recorded */
  readonly event: LedgerEvent | null
}

/**
 * The ledger standing of an elder on a date: the last event on or before the date decides; an
 * elder with no event on or before it is active (in the ledger since it was recorded). An exit
 * takes effect on its date.
 *
 * **Example**
 * ```ts
 * import { Membership } from "@liushou/core"
 * Membership.at(caseFile, "2019-06-30").status // "exited"
 * ```
 *
 * @category getters
 * @since 0.2.0
 */
export const at = (caseFile: CaseFile, date: CalendarDate): Standing => {
  const events = caseFile.ledgerEvents
  if (events === undefined) return ACTIVE
  let last: LedgerEvent | null = null
  for (const e of events) {
    if (e.date > date) break
    last = e
  }
  return last === null ? ACTIVE : { status: last.event === "exited" ? "exited" : "active", event: last }
}

const ACTIVE: Standing = { status: "active", event: null }

/**
 * The ledger events dated within a period (`from` and `to` inclusive), in date order.
 *
 * @category getters
 * @since 0.2.0
 */
export const between = (caseFile: CaseFile, from: CalendarDate, to: CalendarDate): ReadonlyArray<LedgerEvent> =>
  (caseFile.ledgerEvents ?? []).filter((e) => e.date >= from && e.date <= to)
