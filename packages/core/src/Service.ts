/**
 * Care services delivered to an elder (湘民发〔2018〕30号 §10: 生活照料、精神慰藉、安全监护、
 * 权益维护; §4: professional services): the case file's `services` records and the services
 * recorded at visits, read as one list. Pure: dates are always arguments.
 *
 * @since 0.3.0
 */
import * as Assignment from "./Assignment.js"
import type { CalendarDate } from "./CalendarDate.js"
import type { CaseFile, PERSON_KINDS } from "./CaseFile.js"

/**
 * One service received, from a service record (`source: "record"`, `index` into `services`) or
 * from a visit's `services` (`source: "visit"`, `index` into `visits`). A visit's service is
 * delivered by the visitor (`visitorId`); the person's kind is that of an assignment of the
 * person in force on the visit's date, else unknown (null).
 *
 * @category models
 * @since 0.3.0
 */
export interface Received {
  readonly source: "record" | "visit"
  readonly index: number
  readonly date: CalendarDate
  readonly kind: string
  readonly personKind: (typeof PERSON_KINDS)[number] | null
  readonly personId: string | null
  readonly program: string | null
  readonly organisation: string | null
}

const NONE: ReadonlyArray<Received> = []

/**
 * Every service received, the records first (in their order), then the visits' services (in
 * visit order, each visit's kinds in their order; a kind listed twice at one visit counts once).
 *
 * **Example**
 * ```ts
 * import { Service } from "@liushou/core"
 * const all = Service.received(caseFile)
 * ```
 *
 * @category getters
 * @since 0.3.0
 */
export const received = (caseFile: CaseFile): ReadonlyArray<Received> => {
  const records = caseFile.services
  let out: Array<Received> | undefined
  if (records !== undefined) {
    for (let i = 0; i < records.length; i++) {
      const r = records[i]!
      ;(out ??= []).push({
        source: "record",
        index: i,
        date: r.date,
        kind: r.kind,
        personKind: r.personKind,
        personId: r.personId,
        program: r.program ?? null,
        organisation: r.organisation ?? null
      })
    }
  }
  const visits = caseFile.visits
  for (let i = 0; i < visits.length; i++) {
    const v = visits[i]!
    if (v.services === undefined || v.services.length === 0) continue
    const personId = v.visitorId ?? null
    let personKind: Received["personKind"] = null
    if (personId !== null) {
      for (const a of caseFile.assignments ?? []) {
        if (a.personId === personId && Assignment.inForce(a, v.date)) {
          personKind = a.personKind
          break
        }
      }
    }
    const seen: Array<string> = []
    for (const kind of v.services) {
      if (seen.includes(kind)) continue
      seen.push(kind)
      ;(out ??= []).push({ source: "visit", index: i, date: v.date, kind, personKind, personId, program: null, organisation: null })
    }
  }
  return out ?? NONE
}

/**
 * The date of the latest service of a kind received within a period (both ends inclusive), or
 * null when none was.
 *
 * @category getters
 * @since 0.3.0
 */
export const lastOf = (services: ReadonlyArray<Received>, kind: string, from: CalendarDate, to: CalendarDate): CalendarDate | null => {
  let last: CalendarDate | null = null
  for (const s of services) {
    if (s.kind !== kind || s.date < from || s.date > to) continue
    if (last === null || s.date > last) last = s.date
  }
  return last
}

/**
 * How many services of each kind were received within a period (both ends inclusive), by kind
 * id; kinds without a service are absent.
 *
 * @category getters
 * @since 0.3.0
 */
export const countByKind = (services: ReadonlyArray<Received>, from: CalendarDate, to: CalendarDate): Readonly<Record<string, number>> => {
  const out: Record<string, number> = {}
  for (const s of services) if (s.date >= from && s.date <= to) out[s.kind] = (out[s.kind] ?? 0) + 1
  return out
}
