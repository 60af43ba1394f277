/**
 * Transformations of case files used by the arbitraries, the law packs and the scenarios:
 * mapping every date (keeping the ID number consistent), setting an age, masking personal
 * data for messages, and a structural deep merge.
 */
import { CalendarDate, IdNumber } from "@liushou/core"
import type { CaseFile } from "@liushou/core"

type Mutable<T> = { -readonly [K in keyof T]: T[K] extends ReadonlyArray<infer A> ? Array<A> : T[K] }

/** Rebuilds the ID number (same area and sequence) for a new birth date. */
export const withBirthDate = (elder: CaseFile.Elder, birthDate: string): CaseFile.Elder => {
  const next = { ...elder, birthDate } as Mutable<CaseFile.Elder>
  if (elder.idNumber !== undefined) next.idNumber = IdNumber.make(elder.idNumber.slice(0, 6), birthDate, +elder.idNumber.slice(14, 17))
  return next
}

/** Applies `f` to every date of a case file (birth date, absences, contacts, carer, visits, assessments, assignments, verifications, ledger events, services, follow-ups, concerns and their resolution). */
export const mapDates = (cf: CaseFile.CaseFile, f: (date: string) => string): CaseFile.CaseFile => ({
  ...cf,
  ...(cf.assignments === undefined ? {} : { assignments: cf.assignments.map((a) => ({ ...a, from: f(a.from), until: a.until === null ? null : f(a.until) })) }),
  ...(cf.verified === undefined ? {} : { verified: Object.fromEntries(Object.entries(cf.verified).map(([k, d]) => [k, f(d)])) }),
  ...(cf.ledgerEvents === undefined ? {} : { ledgerEvents: cf.ledgerEvents.map((e) => ({ ...e, date: f(e.date) })) }),
  ...(cf.services === undefined ? {} : { services: cf.services.map((s) => ({ ...s, date: f(s.date) })) }),
  ...(cf.followUps === undefined ? {} : { followUps: cf.followUps.map((u) => ({ ...u, date: f(u.date) })) }),
  ...(cf.concerns === undefined ? {} : { concerns: cf.concerns.map((c) => ({ ...c, date: f(c.date), ...(c.resolvedOn === undefined || c.resolvedOn === null ? {} : { resolvedOn: f(c.resolvedOn) }) })) }),
  elder: withBirthDate(cf.elder, f(cf.elder.birthDate)),
  supporters: cf.supporters.map((s) => ({
    ...s,
    awaySince: s.awaySince === null ? null : f(s.awaySince),
    lastContact: s.lastContact === null ? null : f(s.lastContact)
  })),
  delegatedCarer: cf.delegatedCarer === null ? null : { ...cf.delegatedCarer, since: f(cf.delegatedCarer.since) },
  visits: cf.visits.map((v) => ({ ...v, date: f(v.date) })),
  riskAssessments: cf.riskAssessments.map((r) => ({ ...r, date: f(r.date) }))
})

/** Every date of a case file. */
export const datesOf = (cf: CaseFile.CaseFile): Array<string> => {
  const out: Array<string> = []
  mapDates(cf, (d) => {
    out.push(d)
    return d
  })
  return out
}

/** Shifts every date of a case file by `days`. */
export const shift = (cf: CaseFile.CaseFile, days: number): CaseFile.CaseFile =>
  mapDates(cf, (d) => CalendarDate.addDays(d, days))

/** Moves every day of month after 27 back to the 27th (month arithmetic is then a translation). */
export const clampDaysOfMonth = (cf: CaseFile.CaseFile): CaseFile.CaseFile =>
  mapDates(cf, (d) => (+d.slice(8, 10) > 27 ? d.slice(0, 8) + "27" : d))

/** A birth date making the elder exactly `age` at `asOf`, `dayOffset` days after the latest such date's year start. */
export const birthDateForAge = (asOf: string, age: number, daysBeforeBirthday = 0): string =>
  CalendarDate.addDays(CalendarDate.addYears(asOf, -age), -daysBeforeBirthday)

const isPlainObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v)

/**
 * Deep merge: objects merge key by key, arrays and scalars are replaced, except that an object
 * with index keys (`{ 0: {...} }`) patches the elements of an array. `null` sets null.
 */
export const deepMerge = (base: unknown, patch: unknown): unknown => {
  if (Array.isArray(base) && isPlainObject(patch) && Object.keys(patch).every((k) => /^\d+$/.test(k))) {
    const out = [...base]
    for (const [k, v] of Object.entries(patch)) out[+k] = deepMerge(out[+k], v)
    return out
  }
  if (isPlainObject(base) && isPlainObject(patch)) {
    const out: Record<string, unknown> = { ...base }
    for (const [k, v] of Object.entries(patch)) out[k] = deepMerge(base[k], v)
    return out
  }
  return patch
}
