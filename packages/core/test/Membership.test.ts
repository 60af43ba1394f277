import { fc, test } from "@fast-check/vitest"
import { CalendarDate, type CaseFile, Decode, Membership } from "@liushou/core"
import { describe, expect, it } from "vitest"
import { caseFileArb, dateArb } from "./arbitraries.js"

const ev = (date: string, event: CaseFile.LedgerEvent["event"], reason: string): CaseFile.LedgerEvent => ({ date, event, reason })

/** alternating ledger events in date order (gaps of 0 to 400 days), starting with either kind */
const eventsArb = fc
  .record({ start: dateArb("2015-01-01", "2022-12-31"), first: fc.constantFrom<CaseFile.LedgerEvent["event"]>("entered", "exited"), gaps: fc.array(fc.integer({ min: 0, max: 400 }), { maxLength: 5 }) })
  .map(({ start, first, gaps }) => {
    const out: Array<CaseFile.LedgerEvent> = []
    let date = start
    let event = first
    for (const g of [0, ...gaps]) {
      date = CalendarDate.addDays(date, g)
      out.push(ev(date, event, event === "entered" ? "identified" : "died"))
      event = event === "entered" ? "exited" : "entered"
    }
    return out
  })

describe("Membership: entries and exits of the active ledger (§1 动态管理)", () => {
  it("decodes ledger events and refuses them out of date order or not alternating, naming the field path", () => {
    const cf = fc.sample(caseFileArb, { numRuns: 1, seed: 7 })[0]!
    const ok = Decode.caseFile({ ...cf, ledgerEvents: [ev("2019-01-01", "exited", "died")] })
    expect(ok.ok).toBe(true)
    const order = Decode.caseFile({ ...cf, ledgerEvents: [ev("2019-02-01", "entered", "identified"), ev("2019-01-01", "exited", "died")] })
    expect(order.ok).toBe(false)
    if (order.ok) return
    expect(order.error.issues.map((i) => i.path)).toEqual(["ledgerEvents[1].date"])
    const twice = Decode.caseFile({ ...cf, ledgerEvents: [ev("2019-01-01", "exited", "died"), ev("2019-02-01", "exited", "moved-away")] })
    expect(twice.ok).toBe(false)
    if (twice.ok) return
    expect(twice.error.issues.map((i) => i.path)).toEqual(["ledgerEvents[1].event"])
    expect(twice.error.issues[0]!.expected.en).toContain("alternate")
  })

  it("an exit takes effect on its date; a later entry brings the elder back", () => {
    const cf = { ...fc.sample(caseFileArb, { numRuns: 1, seed: 3 })[0]!, ledgerEvents: [ev("2018-09-01", "entered", "identified"), ev("2019-01-10", "exited", "entered-institution"), ev("2019-05-01", "entered", "supporter-left")] }
    expect(Membership.at(cf, "2018-08-31")).toEqual({ status: "active", event: null })
    expect(Membership.at(cf, "2019-01-09").status).toBe("active")
    expect(Membership.at(cf, "2019-01-10")).toEqual({ status: "exited", event: cf.ledgerEvents[1] })
    expect(Membership.at(cf, "2019-05-01").event?.reason).toBe("supporter-left")
    expect(Membership.between(cf, "2019-01-10", "2019-05-01").map((e) => e.reason)).toEqual(["entered-institution", "supporter-left"])
    expect(Membership.at({ ...cf, ledgerEvents: undefined } as unknown as CaseFile.CaseFile, "2019-01-10").status).toBe("active")
  })

  // The law: the standing on a date is the kind of the last event on or before it (a naive
  // model), and an elder with no such event is active; never dropped by an event still to come.
  let compared = 0
  let exited = 0
  test.prop([caseFileArb, eventsArb, dateArb("2014-06-01", "2026-06-01")], { numRuns: 400 })("Membership.at agrees with a naive model of the events", (cf, events, date) => {
    const withEvents = { ...cf, ledgerEvents: events }
    expect(Decode.caseFile(withEvents).ok).toBe(true)
    const before = events.filter((e) => e.date <= date)
    const model = before.length === 0 ? "active" : before[before.length - 1]!.event === "exited" ? "exited" : "active"
    const got = Membership.at(withEvents, date)
    expect(got.status).toBe(model)
    expect(got.event).toEqual(before[before.length - 1] ?? null)
    compared++
    if (model === "exited") exited++
  })
  it("the property compared active and exited elders", () => {
    expect(compared).toBe(400)
    expect(exited).toBeGreaterThan(20)
    expect(compared - exited).toBeGreaterThan(20)
  })
})
