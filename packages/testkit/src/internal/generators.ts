/**
 * Plugin-aware case generators for the law packs. The thresholds come from the policy's own
 * parameters (ages in years, absences in months, income lines in yuan, contact days and visit
 * intervals in days), and values are drawn on and around each of them, so a law meets the
 * boundaries on purpose rather than by chance. Elders a law needs left behind are built so:
 * rural, old enough, every supporter away for longer than any absence the policy counts.
 */
import { CalendarDate, CaseFile } from "@liushou/core"
import fc from "fast-check"
import * as Arbitraries from "../Arbitraries.js"
import * as Cases from "./cases.js"
import type { Subject } from "./subject.js"

/** The numbers a policy's parameters set, by kind. */
export interface Thresholds {
  /** ages in full years (minimum age, advanced age, ...) */
  readonly ages: ReadonlyArray<number>
  /** the lowest age an elder counts from */
  readonly minAge: number
  /** absences and assessment intervals in months */
  readonly months: ReadonlyArray<number>
  /** income lines in yuan per year */
  readonly yuan: ReadonlyArray<number>
  /** days since contact, visit intervals, deadlines */
  readonly days: ReadonlyArray<number>
}

const uniqueSorted = (xs: Iterable<number>): ReadonlyArray<number> => [...new Set(xs)].sort((a, b) => a - b)

const inRegion = (valueRegion: string | undefined, region: string | null): boolean =>
  valueRegion === undefined || region === null || valueRegion.startsWith(region) || region.startsWith(valueRegion)

/** The thresholds of the policy's chain (every dated value, regional ones of the subject's region). */
export const thresholds = (subject: Subject): Thresholds => {
  const ages: Array<number> = []
  const months: Array<number> = []
  const yuan: Array<number> = []
  const days: Array<number> = []
  for (const plugin of subject.policy?.chain ?? []) {
    for (const p of plugin.parameters) {
      const unit = p.unit ?? ""
      for (const v of p.values) {
        if (typeof v.value !== "number" || !Number.isFinite(v.value) || !inRegion(v.region, subject.region)) continue
        if (unit === "years" && v.value >= 40 && v.value <= 110) ages.push(v.value)
        else if (unit === "months" && v.value > 0 && v.value <= 120) months.push(v.value)
        else if (unit.startsWith("yuan") && v.value > 0) yuan.push(v.value)
        else if (unit === "days" && v.value > 0 && v.value <= 3650) days.push(v.value)
      }
    }
  }
  const a = uniqueSorted(ages)
  return { ages: a, minAge: a.find((x) => x >= 50 && x <= 70) ?? 60, months: uniqueSorted(months), yuan: uniqueSorted(yuan), days: uniqueSorted(days) }
}

/** What a law needs of its cases. */
export interface Shape {
  /** "yes": left behind by construction; "mixed": three in four so, the rest the realistic mix */
  readonly leftBehind?: "yes" | "mixed"
  /** a spouse at home (living with the elder) besides the supporters away */
  readonly someoneAtHome?: boolean
  /** the last visit recorded a concern */
  readonly concern?: boolean
  /** at least this many supporters */
  readonly minSupporters?: number
  /**
   * the ledger's casework beside the facts: verification dates of the fact groups, entries into
   * and exits from the active ledger, care services, a responsible visitor and a pairing,
   * follow-up steps and concerns on record, each drawn from the policy's own vocabularies and
   * dated around its day thresholds (an exit only when the case need not be left behind)
   */
  readonly casework?: boolean
}

export type Dated = { readonly asOf: string; readonly caseFile: CaseFile.CaseFile }

/** A value on or next to one of `points` (±1, ±`spread`), or anywhere in [lo, hi]. */
const around = (points: ReadonlyArray<number>, spread: number, lo: number, hi: number): fc.Arbitrary<number> =>
  points.length === 0
    ? fc.integer({ min: lo, max: hi })
    : fc.oneof(
        { arbitrary: fc.tuple(fc.constantFrom(...points), fc.integer({ min: -1, max: 1 })).map(([p, d]) => Math.min(hi, Math.max(lo, p + d))), weight: 3 },
        { arbitrary: fc.tuple(fc.constantFrom(...points), fc.integer({ min: -spread, max: spread })).map(([p, d]) => Math.min(hi, Math.max(lo, p + d))), weight: 2 },
        { arbitrary: fc.integer({ min: lo, max: hi }), weight: 1 }
      )

interface Draws {
  readonly leftBehind: boolean
  readonly age: number
  readonly birthdayBefore: number
  readonly income: number
  readonly absences: ReadonlyArray<{ readonly months: number; readonly days: number }>
  readonly contacts: ReadonlyArray<number | null>
  readonly lastVisitDays: number
  readonly concerns: ReadonlyArray<CaseFile.Concern>
  readonly assessedMonthsAgo: number
}

const draws = (t: Thresholds, shape: Shape, incomeAround: number, riskLevels: ReadonlyArray<string>, concerns: ReadonlyArray<string>): fc.Arbitrary<Draws> => {
  const maxAway = t.months.length === 0 ? 6 : t.months[t.months.length - 1]!
  const lineish = t.yuan.length === 0 ? [incomeAround] : t.yuan
  return fc.record({
    leftBehind: shape.leftBehind === "yes" ? fc.constant(true) : shape.leftBehind === "mixed" ? fc.oneof({ arbitrary: fc.constant(true), weight: 3 }, { arbitrary: fc.constant(false), weight: 1 }) : fc.constant(false),
    age: around(t.ages.length === 0 ? [60, 80] : t.ages, 3, 50, 105),
    birthdayBefore: fc.oneof(fc.integer({ min: 0, max: 2 }), fc.integer({ min: 362, max: 364 }), fc.integer({ min: 0, max: 364 })),
    income: fc.oneof(
      { arbitrary: around(lineish, 1, 0, 200_000), weight: 2 },
      { arbitrary: fc.tuple(fc.constantFrom(...lineish), fc.integer({ min: 50, max: 150 })).map(([l, pct]) => Math.round((l * pct) / 100)), weight: 2 },
      { arbitrary: fc.integer({ min: 0, max: 40_000 }), weight: 1 }
    ),
    absences: fc.array(
      fc.record({
        months: fc.integer({ min: maxAway + 1, max: maxAway + 60 }),
        days: fc.integer({ min: -3, max: 3 })
      }),
      { minLength: 6, maxLength: 6 }
    ),
    contacts: fc.array(fc.option(around(t.days.length === 0 ? [30] : t.days, 3, 0, 800), { freq: 8 }), { minLength: 7, maxLength: 7 }),
    lastVisitDays: around(t.days.length === 0 ? [30] : t.days, 3, 0, 700),
    concerns: shape.concern === true && concerns.length > 0 ? fc.uniqueArray(fc.constantFrom(...concerns), { minLength: 1, maxLength: Math.min(3, concerns.length) }) : fc.constant([]),
    assessedMonthsAgo: riskLevels.length === 0 ? fc.constant(-1) : around(t.months.length === 0 ? [6, 12] : t.months, 1, 0, 36)
  })
}

const apply = (cf: CaseFile.CaseFile, asOf: string, d: Draws, shape: Shape, t: Thresholds): CaseFile.CaseFile => {
  const age = d.leftBehind ? Math.max(t.minAge, d.age) : d.age
  const birth = CalendarDate.addDays(CalendarDate.addYears(asOf, -age), -d.birthdayBefore)
  let elder: CaseFile.Elder = { ...Cases.withBirthDate(cf.elder, birth), annualIncome: d.income }
  let supporters = cf.supporters.filter((s) => s.relation !== "spouse")
  if (d.leftBehind) {
    elder = { ...elder, rural: true }
    if (elder.categories !== undefined) elder = { ...elder, categories: [] }
    supporters = supporters.map((s, i) => {
      const a = d.absences[i % d.absences.length]!
      return {
        ...s,
        // at least one child, who owes support under every definition (in-laws only assist, and
        // grandchildren owe support only when no child is on record)
        relation: s.relation === "other" || (i === 0 && s.relation !== "son" && s.relation !== "daughter") ? "son" : s.relation,
        // the farthest whereabouts: every policy counts it as away
        whereabouts: "out-of-county",
        awaySince: CalendarDate.addDays(CalendarDate.addMonths(asOf, -a.months), -a.days),
        lastContact: d.contacts[i % d.contacts.length] === null ? null : CalendarDate.addDays(asOf, -d.contacts[i % d.contacts.length]!)
      }
    })
  } else {
    supporters = supporters.map((s, i) => {
      const c = d.contacts[i % d.contacts.length]
      return { ...s, lastContact: c === null || c === undefined ? s.lastContact : CalendarDate.addDays(asOf, -c) }
    })
  }
  if (shape.someoneAtHome === true) {
    elder = { ...elder, livingArrangement: "with-spouse" }
    supporters = [...supporters, { id: `${elder.id}-SP`, relation: "spouse", whereabouts: "with-elder", awaySince: null, reportedToVillage: true, lastContact: asOf }]
  } else if (elder.livingArrangement === "with-spouse" && cf.supporters.some((s) => s.relation === "spouse")) {
    supporters = [...supporters, ...cf.supporters.filter((s) => s.relation === "spouse")]
  }
  const visits = [...cf.visits]
  const last = CalendarDate.addDays(asOf, -d.lastVisitDays)
  const later = visits.filter((v) => v.date <= last)
  later.push({ date: last, mode: "home", by: "village-committee", concerns: [...d.concerns] })
  const riskAssessments =
    d.assessedMonthsAgo < 0 || cf.riskAssessments.length === 0
      ? cf.riskAssessments
      : [...cf.riskAssessments.filter((r) => r.date < CalendarDate.addMonths(asOf, -d.assessedMonthsAgo)), { date: CalendarDate.addMonths(asOf, -d.assessedMonthsAgo), level: cf.riskAssessments[0]!.level }]
  return { ...cf, elder, supporters, visits: later, riskAssessments }
}

/** The casework a case may carry (every field optional: absent is drawn too). */
type Casework = Pick<CaseFile.CaseFile, "verified" | "ledgerEvents" | "services" | "assignments" | "followUps" | "concerns">

/**
 * Casework around the policy's day thresholds (validity of verifications, visit and service
 * windows, follow-up waits), with the ids the policy declares: fact groups verified or never,
 * ledger entries (and exits, when `exits`), services of the declared kinds, a responsible visitor
 * and a pairing with or without an end, follow-up steps of the ladder, concerns open or resolved,
 * verified or not. Every date is on or before the as-of date and in the order the case file asks.
 */
const casework = (subject: Subject, t: Thresholds, asOf: string, exits: boolean): fc.Arbitrary<Casework> => {
  const v = subject.policy?.vocabularies
  const entered = (v?.ledgerReasons ?? []).filter((r) => r.event === "entered").map((r) => r.id)
  const exited = (v?.ledgerReasons ?? []).filter((r) => r.event === "exited").map((r) => r.id)
  const kinds = (v?.serviceKinds ?? []).map((k) => k.id)
  const steps = (v?.followUpSteps ?? []).map((k) => k.id)
  const concerns = (v?.concerns ?? []).map((k) => k.id)
  const programs = (v?.programs ?? []).map((p) => p.id)
  const days = t.days.length === 0 ? [30, 90, 180, 365] : t.days
  const ago = (max: number) => around(days, 3, 0, max).map((d) => CalendarDate.addDays(asOf, -d))
  const groups = fc.record(Object.fromEntries(CaseFile.FACT_GROUPS.map((g) => [g, fc.option(ago(900), { freq: 5 })])) as Record<string, fc.Arbitrary<string | null>>)
  const verified = groups.map((r) => Object.fromEntries(Object.entries(r).filter(([, d]) => d !== null)) as Record<string, string>)
  const events: fc.Arbitrary<ReadonlyArray<CaseFile.LedgerEvent> | undefined> =
    entered.length === 0
      ? fc.constant(undefined)
      : fc.oneof(
          { arbitrary: fc.constant(undefined), weight: 2 },
          { arbitrary: fc.tuple(ago(1200), fc.constantFrom(...entered)).map(([d, reason]) => [{ date: d, event: "entered" as const, reason }]), weight: 2 },
          ...(exited.length === 0
            ? []
            : [
                {
                  // entered, left and back: active at the as-of date
                  arbitrary: fc
                    .tuple(fc.uniqueArray(around(days, 3, 0, 1200), { minLength: 3, maxLength: 3 }), fc.constantFrom(...entered), fc.constantFrom(...exited), fc.constantFrom(...entered))
                    .map(([ds, a, b, c]) => {
                      const [d1, d2, d3] = [...ds].sort((x, y) => y - x).map((d) => CalendarDate.addDays(asOf, -d))
                      return [
                        { date: d1!, event: "entered" as const, reason: a },
                        { date: d2!, event: "exited" as const, reason: b },
                        { date: d3!, event: "entered" as const, reason: c }
                      ]
                    }),
                  weight: 1
                },
                ...(exits
                  ? [
                      {
                        // out of the active ledger at the as-of date
                        arbitrary: fc.tuple(fc.uniqueArray(around(days, 3, 0, 1200), { minLength: 2, maxLength: 2 }), fc.constantFrom(...entered), fc.constantFrom(...exited)).map(([ds, a, b]) => {
                          const [d1, d2] = [...ds].sort((x, y) => y - x).map((d) => CalendarDate.addDays(asOf, -d))
                          return [
                            { date: d1!, event: "entered" as const, reason: a },
                            { date: d2!, event: "exited" as const, reason: b }
                          ]
                        }),
                        weight: 1
                      }
                    ]
                  : [])
              ])
        )
  const service: fc.Arbitrary<CaseFile.ServiceRecord> | null =
    kinds.length === 0
      ? null
      : fc
          .record({ date: ago(400), kind: fc.constantFrom(...kinds), personKind: fc.constantFrom(...CaseFile.PERSON_KINDS), program: programs.length === 0 ? fc.constant(undefined) : fc.option(fc.constantFrom(...programs), { freq: 3, nil: undefined }) })
          .map(({ program, ...r }) => ({ ...r, personId: "P-1", ...(program === undefined ? {} : { program }) }))
  const assignment = (id: string, role: CaseFile.Assignment["role"]) =>
    fc.tuple(around(days, 3, 0, 1200), fc.option(around(days, 3, 0, 1200), { freq: 2 }), fc.constantFrom(...CaseFile.PERSON_KINDS)).map(([a, b, personKind]): CaseFile.Assignment => {
      const from = CalendarDate.addDays(asOf, -a)
      const until = b === null ? null : CalendarDate.addDays(asOf, -Math.min(a, b))
      return { id, role, personId: `${id}-person`, personKind, from, until }
    })
  const followUp: fc.Arbitrary<CaseFile.FollowUpRecord> | null = steps.length < 2 ? null : fc.record({ date: ago(400), step: fc.constantFrom(...steps.slice(1)), by: fc.constantFrom("village-committee", "township") })
  const concern: fc.Arbitrary<CaseFile.ConcernRecord> | null =
    concerns.length === 0
      ? null
      : fc
          .record({ d: around(days, 3, 0, 400), concern: fc.constantFrom(...concerns), observedBy: fc.constantFrom(...CaseFile.OBSERVERS), verified: fc.boolean(), serious: fc.boolean(), resolved: fc.option(fc.integer({ min: 0, max: 400 }), { freq: 2 }) })
          .map(({ d, concern, observedBy, verified, serious, resolved }) => ({
            concern,
            date: CalendarDate.addDays(asOf, -d),
            observedBy,
            verified,
            ...(verified && serious ? { serious: true, grounds: "核实属实" } : {}),
            resolvedOn: resolved === null ? null : CalendarDate.addDays(asOf, -Math.min(d, resolved))
          }))
  const list = <A>(a: fc.Arbitrary<A> | null, max: number) => (a === null ? fc.constant(undefined) : fc.option(fc.array(a, { minLength: 1, maxLength: max }), { freq: 4, nil: undefined }))
  const byDate = <A extends { readonly date: string }>(xs: ReadonlyArray<A>): Array<A> => [...xs].sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0))
  return fc
    .record({
      verified: fc.option(verified, { freq: 6, nil: undefined }),
      ledgerEvents: events,
      services: list(service, 3),
      visitor: fc.option(assignment("visitor-1", "responsible-visitor"), { freq: 3, nil: undefined }),
      pairing: fc.option(assignment("pair-1", "pairing"), { freq: 2, nil: undefined }),
      followUps: list(followUp, 2),
      concerns: list(concern, 2)
    })
    .map((r) => {
      const assignments = [r.visitor, r.pairing].filter((a): a is CaseFile.Assignment => a !== undefined)
      const out: { -readonly [K in keyof Casework]: Casework[K] } = {}
      if (r.verified !== undefined) out.verified = r.verified
      if (r.ledgerEvents !== undefined) out.ledgerEvents = r.ledgerEvents
      if (r.services !== undefined) out.services = byDate(r.services)
      if (assignments.length > 0) out.assignments = assignments
      if (r.followUps !== undefined) out.followUps = byDate(r.followUps)
      if (r.concerns !== undefined) out.concerns = r.concerns
      return out
    })
}

/** Which casework fields a case carries (for the laws' exercised counts). */
export const CASEWORK_FIELDS = ["verified", "ledgerEvents", "services", "assignments", "followUps", "concerns"] as const

/** Whether a case carries a casework field with at least one entry. */
export const hasCasework = (cf: CaseFile.CaseFile, field: (typeof CASEWORK_FIELDS)[number]): boolean => {
  const v = cf[field]
  return v !== undefined && (Array.isArray(v) ? v.length > 0 : Object.keys(v).length > 0)
}

/**
 * A case at a date drawn by `asOf`, shaped for a law: values around the policy's thresholds, and
 * left behind by construction when asked.
 */
export const shapedCase = (
  subject: Subject,
  shape: Shape,
  options: { readonly incomeAround?: number } = {},
  asOf: fc.Arbitrary<string> = Arbitraries.asOfDate(subject.from, subject.until)
): fc.Arbitrary<Dated> => {
  const t = thresholds(subject)
  const riskLevels = subject.policy?.riskLevels.map((l) => l.id) ?? []
  // the chain's own programs and concerns (a province may declare more than the national ones)
  const programs = subject.policy?.vocabularies.programs.map((p) => p.id) ?? Arbitraries.SAMPLE_PROGRAMS
  const concerns = subject.policy?.vocabularies.concerns.map((c) => c.id) ?? Arbitraries.SAMPLE_CONCERNS
  const incomeAround = options.incomeAround ?? (t.yuan.length > 0 ? t.yuan[0]! : 5000)
  return asOf.chain((date) =>
    fc
      .tuple(
        Arbitraries.caseFile({
          asOf: date,
          region: subject.region,
          riskLevels,
          programs,
          concerns,
          incomeAround,
          supporters: { min: shape.leftBehind === "yes" ? Math.max(1, shape.minSupporters ?? 1) : (shape.minSupporters ?? 0), max: 5 }
        }),
        draws(t, shape, incomeAround, riskLevels, concerns)
      )
      .chain(([cf, d]) => {
        // shaping applies to the left-behind half, and to every case for age, income and contacts
        const shaped = apply(cf, date, d, shape, t)
        if (shape.casework !== true) return fc.constant({ asOf: date, caseFile: shaped })
        return casework(subject, t, date, shape.leftBehind !== "yes").map((extra) => ({ asOf: date, caseFile: { ...shaped, ...extra } }))
      })
  )
}

/**
 * An as-of date in [from, until], month and year ends drawn often (the last and first days of
 * months, 28 February and 29 February, 31 December and 1 January).
 */
export const calendarDate = (from: string, until: string): fc.Arbitrary<string> => {
  const lo = CalendarDate.toDayNumber(from)
  const hi = CalendarDate.toDayNumber(until)
  const clamp = (n: number) => CalendarDate.fromDayNumber(Math.min(hi, Math.max(lo, n)))
  const { year: y0 } = CalendarDate.parts(from)
  const { year: y1 } = CalendarDate.parts(until)
  return fc.oneof(
    { arbitrary: fc.integer({ min: lo, max: hi }).map(clamp), weight: 2 },
    {
      // the last few days of a month and the first of the next
      arbitrary: fc
        .tuple(fc.integer({ min: y0, max: y1 }), fc.integer({ min: 1, max: 12 }), fc.integer({ min: -3, max: 1 }))
        .map(([y, m, k]) => clamp(CalendarDate.toDayNumber(CalendarDate.make(y, m, CalendarDate.daysInMonth(y, m))) + k)),
      weight: 2
    },
    {
      // around the turn of a year
      arbitrary: fc.tuple(fc.integer({ min: y0, max: y1 }), fc.integer({ min: -3, max: 2 })).map(([y, k]) => clamp(CalendarDate.toDayNumber(CalendarDate.make(y, 12, 31)) + k)),
      weight: 1
    }
  )
}
