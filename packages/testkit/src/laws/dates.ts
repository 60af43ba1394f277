import { CalendarDate, CaseFile } from "@liushou/core"
import fc from "fast-check"
import * as Cases from "../internal/cases.js"
import * as G from "../internal/generators.js"
import { digest, fail, firstDifference, maskInput, type Text } from "../internal/lawkit.js"
import type { Subject } from "../internal/subject.js"
import type { Law } from "./types.js"

/**
 * Compares the case at `asOf` with the same case, every date one day later, at the next day.
 * Case dates after the 27th of their month are first moved back to the 27th, so month arithmetic
 * on them is a translation (and so are comparisons of them with months counted back from the
 * as-of date); the as-of date itself may be any day, month and year ends included.
 */
const compareNextDay = (s: Subject, asOf: string, caseFile: CaseFile.CaseFile): Text | null | undefined => {
  const next = CalendarDate.addDays(asOf, 1)
  if (s.changeDates.has(next) || next > s.until) return undefined
  const cf = Cases.clampDaysOfMonth(caseFile)
  // from the 28th on, months and years counted from the as-of date land on clamped or leap days
  // (2021-02-28 less 65 years is 1956-02-28, the day after is 1956-03-01 less one day): there the
  // dates the rules compute are not compared, every value, status, level and code still is
  const monthEnd = +asOf.slice(8, 10) >= 28
  const a = digest(s.evaluate(cf, asOf), asOf, monthEnd)
  const b = digest(s.evaluate(Cases.shift(cf, 1), next), next, monthEnd)
  if (a === b) return null
  const [pa, pb] = firstDifference(JSON.parse(a), JSON.parse(b))
  return {
    en: `evaluated at ${asOf} and, with every date of the case one day later, at ${next} (not a date of the policy), the results differ at ${pa}: ${pb}`,
    zh: `在 ${asOf} 评估，与案卷所有日期后移一天后在 ${next}（并非政策的参数日期）评估，结论不同：${pa}：${pb}`
  }
}

/** Whether the policy declares what a casework field needs (ledger reasons, service kinds, a ladder, concerns). */
const casework = (s: Subject, field: (typeof G.CASEWORK_FIELDS)[number]): boolean => {
  const v = s.policy?.vocabularies
  switch (field) {
    case "ledgerEvents":
      return (v?.ledgerReasons ?? []).some((r) => r.event === "entered")
    case "services":
      return (v?.serviceKinds.length ?? 0) > 0
    case "followUps":
      return (v?.followUpSteps.length ?? 0) > 1
    case "concerns":
      return (v?.concerns.length ?? 0) > 0
    default:
      return true
  }
}

/**
 * Results change across dates only at the policy's own dates. Sampled runs draw as-of dates
 * with month and year ends often; then a few cases are followed through every day of the
 * validity (which catches a rule keyed to one hard-coded date).
 */
export const datesOnlyAtPolicyDates: Law = {
  id: "dates.change-only-at-policy-dates",
  statement: {
    zh: "结论只在政策自身的参数日期变化；其他日子里，案卷与评估日期同时后移一天，结论不变",
    en: "Results change only at the policy's own parameter dates: on any other day, moving the case and the as-of date forward by one day changes nothing"
  },
  appliesTo: (s) => s.policy !== undefined,
  property: ({ subject: s, options }) => ({
    kind: "sampled",
    arbitrary: G.shapedCase(s, { leftBehind: "mixed", casework: true }, options, G.calendarDate(s.from, s.until)),
    floor: 0.5,
    precondition: { en: "the next day is not one of the policy's change dates", zh: "次日不是政策的参数变化日期" },
    // the shift moves the casework's dates too (verifications, ledger entries and exits, services,
    // assignments, follow-ups, concerns): each is carried by a share of the exercised runs
    features: G.CASEWORK_FIELDS.filter((f) => casework(s, f)).map((f) => ({ name: f, floor: 0.1, has: ({ caseFile }: G.Dated) => G.hasCasework(caseFile, f) })),
    check: ({ asOf, caseFile }: G.Dated) => {
      const problem = compareNextDay(s, asOf, caseFile)
      if (problem === undefined) return false
      if (problem !== null) fail(problem.en, problem.zh)
      return true
    },
    sweep: (seed) => {
      // the sweep (thousands of days) keeps the plain cases: the sampled runs exercise the casework
      const cases = fc.sample(G.shapedCase(s, { leftBehind: "mixed" }, options, fc.constant(s.from)), { numRuns: options.sweepCases ?? 3, seed })
      let runs = 0
      let exercised = 0
      const last = CalendarDate.toDayNumber(s.until)
      for (const [k, c] of cases.entries()) {
        for (let n = CalendarDate.toDayNumber(s.from); n < last; n++) {
          const asOf = CalendarDate.fromDayNumber(n)
          runs++
          // the case keeps its dates relative to the as-of date
          const problem = compareNextDay(s, asOf, Cases.shift(c.caseFile, n - CalendarDate.toDayNumber(s.from)))
          if (problem === undefined) continue
          exercised++
          if (problem !== null) {
            return {
              runs,
              exercised,
              problem: {
                en: `following case ${k + 1} of ${cases.length} through every day of the validity: ${problem.en}\n  The case (personal data masked), with its dates as of ${s.from}:\n${JSON.stringify(maskInput(c.caseFile), null, 2)}`,
                zh: `逐日检查第 ${k + 1} 个案卷（共 ${cases.length} 个）：${problem.zh}`
              }
            }
          }
        }
      }
      return { runs, exercised, problem: null }
    }
  })
}
