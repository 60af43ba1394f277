// §2 §3 of 湘民发〔2018〕30号: the follow-up ladder with memory and proportion, as laws over
// generated case files with a recorded history. Named cases:
// test/scenarios/s2-s3-escalation-with-memory.yaml.
import { CalendarDate, type CaseFile } from "@liushou/core"
import { fc, test } from "@fast-check/vitest"
import { afterAll, describe, expect, it } from "vitest"
import { caseWithHistory } from "./arbitraries.js"
import { openConcerns } from "../src/rules/shared.js"
import { base, evaluate } from "./helpers.js"

const RANK: Record<string, number> = { none: 0, reminder: 1, "criticism-education": 2, "law-enforcement": 3 }
const ASOF = "2019-06-30"
const LAW = new Set(["abuse", "neglect"])

/** Whether the case has, at the as-of date, an open verified serious abuse or neglect concern with grounds. */
const seriousWithGrounds = (cf: CaseFile.CaseFile): boolean => {
  for (const k of LAW) {
    const closed = (cf.concerns ?? []).filter((c) => c.concern === k && c.date <= ASOF && c.resolvedOn != null && c.resolvedOn <= ASOF).reduce((m, c) => (c.resolvedOn! > m ? c.resolvedOn! : m), "")
    if ((cf.concerns ?? []).some((c) => c.concern === k && c.date <= ASOF && c.date > closed && !(c.resolvedOn != null && c.resolvedOn <= ASOF) && c.verified === true && c.serious === true && c.grounds !== undefined)) return true
  }
  return false
}

/**
 * The same case with every family duty met at the as-of date: each supporter in touch a week ago and
 * reported to the village, a delegated carer, no serious illness or loss of self-care, and the
 * village committee's finding that the obligors provide for the elder financially.
 */
const meetDuties = (cf: CaseFile.CaseFile): CaseFile.CaseFile => ({
  ...cf,
  elder: {
    ...cf.elder,
    seriousIllness: false,
    ability: cf.elder.ability === "severe" || cf.elder.ability === "total" ? "moderate" : cf.elder.ability,
    facts: { ...cf.elder.facts, "financial-support": true }
  },
  supporters: cf.supporters.map((x) => ({ ...x, reportedToVillage: true, lastContact: CalendarDate.addDays(ASOF, -7) })),
  delegatedCarer: { name: "李桂英", relation: "niece", since: "2018-01-01" }
})

/** Cases with a recorded history, half of them with every duty met (so both sides of a duty law are reached). */
const dutyMetOrNot: fc.Arbitrary<CaseFile.CaseFile> = fc.tuple(caseWithHistory, fc.boolean()).map(([cf, met]) => (met ? meetDuties(cf) : cf))

const counts = { serious: 0, notSerious: 0, memory: 0, ignored: 0, ignoredDutyMet: 0, unverified: 0 }

describe("§3 escalation with memory and proportion (laws)", () => {
  test.prop([caseWithHistory], { numRuns: 400 })("law enforcement and a police referral only for an open abuse or neglect concern verified serious with grounds on record", (cf) => {
    const e = evaluate(cf, ASOF)
    const police = e.referrals!.some((r) => r.to === "public-security")
    const law = e.followUp!.step === "law-enforcement"
    expect(law).toBe(seriousWithGrounds(cf))
    expect(police).toBe(seriousWithGrounds(cf))
    if (seriousWithGrounds(cf)) counts.serious++
    else counts.notSerious++
  })

  test.prop([caseWithHistory], { numRuns: 400 })("a later visit that notes nothing neither closes an open concern nor lowers the ladder", (cf) => {
    const before = evaluate(cf, ASOF)
    const after = evaluate({ ...cf, visits: [...cf.visits, { date: ASOF, mode: "home", by: "village-committee", concerns: [] }] }, ASOF)
    expect(after.followUp!.openConcerns).toEqual(before.followUp!.openConcerns)
    expect(RANK[after.followUp!.step]).toBeGreaterThanOrEqual(RANK[before.followUp!.step]!)
    if (before.followUp!.openConcerns!.length > 0) counts.memory++
  })

  test.prop([dutyMetOrNot], { numRuns: 400 })("a reminder on record and left unanswered for 30 days moves an unmet duty to criticism and education at least; with every duty met it moves nothing", (cf) => {
    const withReminder = { ...cf, followUps: [{ date: CalendarDate.addDays(ASOF, -30), step: "reminder", by: "village-committee" }] }
    const e = evaluate(withReminder, ASOF)
    if (e.duties.some((d) => d.status === "unmet")) {
      expect(RANK[e.followUp!.step]).toBeGreaterThanOrEqual(2)
      expect(e.followUp!.reportToTownship).toBe(true)
      counts.ignored++
    } else {
      // the duty was met: the reminder was answered, so it neither says "ignored" nor raises the ladder
      expect(e.followUp!.reasons.some((r) => r.code === "follow-up.reminder-ignored")).toBe(false)
      const without = evaluate({ ...cf, followUps: [] }, ASOF)
      expect(e.followUp!.step).toBe(without.followUp!.step)
      if (e.duties.every((d) => d.status === "met")) counts.ignoredDutyMet++
    }
  })

  test.prop([caseWithHistory], { numRuns: 400 })("an open unverified report of abuse or neglect gets a verification visit date and a township report, never the police on its own", (cf) => {
    const e = evaluate(cf, ASOF)
    const unverified = e.followUp!.openConcerns!.filter((o) => LAW.has(o.concern) && !o.verified)
    if (unverified.length === 0) {
      expect(e.followUp!.verificationVisitDue).toBe(null)
      return
    }
    counts.unverified++
    const earliest = unverified.map((o) => o.since).sort()[0]!
    expect(e.followUp!.verificationVisitDue).toBe(CalendarDate.addDays(earliest, 3))
    expect(e.followUp!.reportToTownship).toBe(true)
    for (const o of unverified) expect(e.referrals!.some((r) => r.trigger === `verify:${o.concern}`)).toBe(true)
    for (const o of unverified) {
      if (!e.followUp!.openConcerns!.some((x) => x.concern === o.concern && x.serious)) expect(e.referrals!.some((r) => r.trigger === `concern:${o.concern}`)).toBe(false)
    }
  })

  afterAll(() => {
    // each law must really have been exercised: the comparison was made in enough runs
    expect(counts.serious).toBeGreaterThanOrEqual(20)
    expect(counts.notSerious).toBeGreaterThanOrEqual(100)
    expect(counts.memory).toBeGreaterThanOrEqual(100)
    expect(counts.ignored).toBeGreaterThanOrEqual(100)
    expect(counts.ignoredDutyMet).toBeGreaterThanOrEqual(100)
    expect(counts.unverified).toBeGreaterThanOrEqual(50)
    console.log(`escalation laws exercised: ${JSON.stringify(counts)}`)
  })
})

describe("open concerns on the boundary days", () => {
  const AS_OF = "2019-06-30"
  const record = (date: string, resolvedOn?: string) => ({ concern: "neglect", date, observedBy: "neighbor" as const, ...(resolvedOn === undefined ? {} : { resolvedOn }) })
  const visitNoting = (date: string) => ({ date, mode: "home" as const, by: "village-committee" as const, concerns: ["neglect"] })
  const open = (concerns: ReadonlyArray<ReturnType<typeof record>>, visits: ReadonlyArray<ReturnType<typeof visitNoting>> = []) =>
    openConcerns(base({}, { concerns, visits }), AS_OF, ["neglect"]).map((o) => o.since)
  it("a record resolved on or before the as-of date is closed; one resolved after it is still open", () => {
    for (let d = -3; d <= 3; d++) {
      const resolvedOn = CalendarDate.addDays(AS_OF, d)
      expect([d, open([record("2019-06-01", resolvedOn)])]).toEqual([d, d <= 0 ? [] : ["2019-06-01"]])
    }
  })
  it("a note of the concern (a record or a visit) on or before the day it was resolved belongs to what was resolved; one after it opens it again", () => {
    for (let d = -3; d <= 3; d++) {
      for (const byVisit of [false, true]) {
        const resolved = record("2019-06-01", "2019-06-10")
        const noted = CalendarDate.addDays("2019-06-10", d)
        const got = byVisit ? open([resolved], [visitNoting(noted)]) : open([resolved, record(noted)])
        expect([d, byVisit, got]).toEqual([d, byVisit, d <= 0 ? [] : [noted]])
      }
    }
  })
})
