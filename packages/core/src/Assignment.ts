/**
 * Named responsibility (湘民发〔2018〕30号 §1 §3 §4): who is responsible for an elder's periodic
 * visits and who is paired with the elder (结对帮扶), on any date, read from the case file's
 * `assignments`. Pure: the date is always an argument.
 *
 * @since 0.2.0
 */
import type { CalendarDate } from "./CalendarDate.js"
import type { Assignment, CaseFile, Visit } from "./CaseFile.js"

type Role = Assignment["role"]

/**
 * Whether an assignment is in force on a date (`from` ≤ date ≤ `until`, or no `until`).
 *
 * @category predicates
 * @since 0.2.0
 */
export const inForce = (a: Assignment, date: CalendarDate): boolean => a.from <= date && (a.until === null || date <= a.until)

/**
 * The assignments of a role in force on a date, latest start first (ties by id).
 *
 * **Example**
 * ```ts
 * import { Assignment } from "@liushou/core"
 * const pairings = Assignment.activeAt(caseFile, "pairing", "2019-06-30")
 * ```
 *
 * @category getters
 * @since 0.2.0
 */
export const activeAt = (caseFile: CaseFile, role: Role, date: CalendarDate): ReadonlyArray<Assignment> => {
  const list = caseFile.assignments
  if (list === undefined || list.length === 0) return []
  const out: Array<Assignment> = []
  for (const a of list) if (a.role === role && inForce(a, date)) out.push(a)
  if (out.length > 1) out.sort((x, y) => (x.from === y.from ? (x.id < y.id ? -1 : x.id > y.id ? 1 : 0) : x.from < y.from ? 1 : -1))
  return out
}

/**
 * The person responsible for the periodic visits on a date: of the responsible-visitor
 * assignments in force, the one that started last; `null` when none is.
 *
 * @category getters
 * @since 0.2.0
 */
export const responsibleVisitorAt = (caseFile: CaseFile, date: CalendarDate): string | null => activeAt(caseFile, "responsible-visitor", date)[0]?.personId ?? null

/**
 * Whether a visit is attributed to a person assigned to the elder on the visit's date (the
 * responsible visitor or a paired person): its `visitorId` names one of them.
 *
 * @category predicates
 * @since 0.2.0
 */
export const isAttributed = (caseFile: CaseFile, visit: Visit): boolean => {
  if (visit.visitorId === undefined || caseFile.assignments === undefined) return false
  for (const a of caseFile.assignments) if (a.personId === visit.visitorId && inForce(a, visit.date)) return true
  return false
}

/**
 * The person a new visit is attributed to when the recorder names nobody: the responsible
 * visitor on the visit's date, if any.
 *
 * @category getters
 * @since 0.2.0
 */
export const attributeVisit = (caseFile: CaseFile, visit: Visit): Visit => {
  if (visit.visitorId !== undefined) return visit
  const person = responsibleVisitorAt(caseFile, visit.date)
  return person === null ? visit : { ...visit, visitorId: person }
}
