/**
 * The one case-file builder of the testkit: it turns drawn values into records (the birth date
 * for an age, the ID number agreeing with it, optional fields set only when drawn, the spouse at
 * home, visits and assessments in date order). `Arbitraries` draws the values with fast-check
 * (shrinkable, any part pinned); `Population` draws them with a seeded plain generator (fast,
 * census-shaped); both build with these functions, so a case file has one shape.
 */
import { CalendarDate, IdNumber } from "@liushou/core"
import type { CaseFile } from "@liushou/core"

type Mutable<T> = { -readonly [K in keyof T]: T[K] }

/** A mobile number from its second digit and the last nine digits. */
export const phoneNumber = (second: string, rest: number): string => `1${second}${String(rest).padStart(9, "0")}`

/**
 * The birth date of someone `age` full years old at `asOf`, born `daysBefore` days before the
 * latest such date (clamped to the earliest, a year earlier).
 */
export const birthDateFor = (asOf: CalendarDate.CalendarDate, age: number, daysBefore: number): CalendarDate.CalendarDate => {
  const latest = CalendarDate.addYears(asOf, -age)
  const earliest = CalendarDate.addDays(CalendarDate.addYears(asOf, -(age + 1)), 1)
  const d = CalendarDate.addDays(latest, -daysBefore)
  return d < earliest ? earliest : d
}

/** The elder's drawn values: the required fields, and the optional ones (absent when not drawn). */
export interface ElderParts {
  readonly id: string
  readonly name: string
  readonly sex: CaseFile.Elder["sex"]
  readonly birthDate: CalendarDate.CalendarDate
  readonly regionCode: string
  readonly rural: boolean
  readonly livingArrangement: CaseFile.Elder["livingArrangement"]
  readonly ability: CaseFile.Elder["ability"]
  readonly seriousIllness: boolean
  readonly disabilityGrade: CaseFile.Elder["disabilityGrade"]
  readonly annualIncome: number
  readonly incomeSources: CaseFile.Elder["incomeSources"]
  readonly receiving: CaseFile.Elder["receiving"]
  /** the ID number's county and sequence (0-499; the sex digit is added), or absent */
  readonly id18?: { readonly county: string; readonly sequence: number }
  readonly phone?: string
  readonly housingSafety?: CaseFile.Elder["housingSafety"]
  readonly categories?: CaseFile.Elder["categories"]
}

/** The elder's record, with an ID number that agrees with the birth date and sex. */
export const elder = (p: ElderParts): CaseFile.Elder => {
  const e: Mutable<CaseFile.Elder> = {
    id: p.id,
    name: p.name,
    sex: p.sex,
    birthDate: p.birthDate,
    regionCode: p.regionCode,
    rural: p.rural,
    livingArrangement: p.livingArrangement,
    ability: p.ability,
    seriousIllness: p.seriousIllness,
    disabilityGrade: p.disabilityGrade,
    annualIncome: p.annualIncome,
    incomeSources: p.incomeSources,
    receiving: p.receiving
  }
  if (p.id18 !== undefined) e.idNumber = IdNumber.make(p.id18.county, p.birthDate, p.id18.sequence * 2 + (p.sex === "male" ? 1 : 0))
  if (p.phone !== undefined) e.phone = p.phone
  if (p.housingSafety !== undefined) e.housingSafety = p.housingSafety
  if (p.categories !== undefined) e.categories = p.categories
  return e
}

/** A supporter's record; `phone` set only when drawn. */
export const supporter = (p: Omit<CaseFile.Supporter, "phone"> & { readonly phone?: string | undefined }): CaseFile.Supporter => {
  const s: Mutable<CaseFile.Supporter> = {
    id: p.id,
    relation: p.relation,
    whereabouts: p.whereabouts,
    awaySince: p.awaySince,
    reportedToVillage: p.reportedToVillage,
    lastContact: p.lastContact
  }
  if (p.phone !== undefined) s.phone = p.phone
  return s
}

/** The spouse living with the elder (a supporter at home, in contact on the as-of date). */
export const spouseAtHome = (elderId: string, asOf: CalendarDate.CalendarDate): CaseFile.Supporter => ({
  id: `${elderId}-SP`,
  relation: "spouse",
  whereabouts: "with-elder",
  awaySince: null,
  reportedToVillage: true,
  lastContact: asOf
})

const byDate = <A extends { readonly date: string }>(list: ReadonlyArray<A>): Array<A> => [...list].sort((a, b) => CalendarDate.compare(a.date, b.date))

/** The case file, its visits and recorded assessments in date order. */
export const caseFile = (p: {
  readonly elder: CaseFile.Elder
  readonly supporters: ReadonlyArray<CaseFile.Supporter>
  readonly delegatedCarer: CaseFile.CaseFile["delegatedCarer"]
  readonly visits: ReadonlyArray<CaseFile.Visit>
  readonly riskAssessments: ReadonlyArray<CaseFile.RiskAssessment>
}): CaseFile.CaseFile => ({
  elder: p.elder,
  supporters: [...p.supporters],
  delegatedCarer: p.delegatedCarer,
  visits: byDate(p.visits),
  riskAssessments: byDate(p.riskAssessments)
})
