/**
 * Case files for the Hunan tests, drawn with the testkit's generator (`Arbitraries.caseFile`, so
 * every case decodes with `Decode.caseFile`) in Hunan at mid-2019. In six cases of seven every
 * supporter is away from the county, so that many elders are left behind under Hunan's definition.
 */
import { CalendarDate, CaseFile } from "@liushou/core"
import { Arbitraries } from "@liushou/testkit"
import { fc } from "@fast-check/vitest"
import { RISK_LEVELS } from "../src/index.js"

export const date = (from: string, to: string): fc.Arbitrary<string> =>
  fc.integer({ min: CalendarDate.toDayNumber(from), max: CalendarDate.toDayNumber(to) }).map(CalendarDate.fromDayNumber)

const options = { asOf: "2019-06-30", region: "43", riskLevels: RISK_LEVELS.map((l) => l.id) } as const

export const caseFile: fc.Arbitrary<CaseFile.CaseFile> = fc.oneof(
  { arbitrary: Arbitraries.caseFile({ ...options, whereabouts: "out-of-county" }), weight: 3 },
  { arbitrary: Arbitraries.caseFile({ ...options, whereabouts: "out-of-province" }), weight: 3 },
  { arbitrary: Arbitraries.caseFile(options), weight: 1 }
)

/** A case left behind under Hunan's definition at 2019-06-30 (before other changes). */
export const leftBehindCase: fc.Arbitrary<CaseFile.CaseFile> = caseFile.map((cf) => ({
  ...cf,
  elder: { ...cf.elder, rural: true, birthDate: cf.elder.birthDate > "1959-06-30" ? "1959-06-30" : cf.elder.birthDate },
  supporters: [
    { id: "child", relation: "son", whereabouts: "out-of-county", awaySince: "2015-01-01", reportedToVillage: true, lastContact: "2019-03-01" },
    ...cf.supporters.map((s) =>
      s.relation === "spouse" ? s : { ...s, whereabouts: "out-of-county" as const, awaySince: s.awaySince === null || s.awaySince > "2018-12-30" ? "2018-12-30" : s.awaySince }
    )
  ]
}))

/** A concern on record: abuse, neglect or a support dispute, verified or not, serious or not, resolved or not. */
export const concernRecord: fc.Arbitrary<CaseFile.ConcernRecord> = fc
  .record(
    {
      concern: fc.constantFrom("abuse", "neglect", "support-dispute", "health"),
      date: date("2018-09-01", "2019-06-30"),
      observedBy: fc.constantFrom(...CaseFile.OBSERVERS),
      verified: fc.boolean(),
      serious: fc.boolean(),
      grounds: fc.constant("入户核实：伤情有村医记录"),
      resolvedOn: fc.oneof({ arbitrary: fc.constant(null), weight: 3 }, { arbitrary: date("2018-09-01", "2019-09-30"), weight: 1 })
    },
    { requiredKeys: ["concern", "date", "observedBy"] }
  )
  .map((c) => ({
    ...c,
    ...(c.serious === true && c.verified !== true ? { verified: true } : {}),
    ...(c.resolvedOn != null && c.resolvedOn < c.date ? { resolvedOn: c.date } : {})
  }))

/** A follow-up on record: a step of Hunan's ladder. */
export const followUpRecord: fc.Arbitrary<CaseFile.FollowUpRecord> = fc.record({
  date: date("2018-09-01", "2019-06-30"),
  step: fc.constantFrom("reminder", "criticism-education", "law-enforcement"),
  by: fc.constantFrom("village-committee", "township")
})

/** A left-behind case with a recorded history: concerns on record and follow-ups taken. */
export const caseWithHistory: fc.Arbitrary<CaseFile.CaseFile> = fc
  .tuple(leftBehindCase, fc.array(concernRecord, { maxLength: 3 }), fc.array(followUpRecord, { maxLength: 3 }))
  .map(([cf, concerns, followUps]) => ({ ...cf, concerns, followUps }))
