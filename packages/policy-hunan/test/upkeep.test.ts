import { fc, test } from "@fast-check/vitest"
import { CalendarDate, CaseFile, Engine, Loader } from "@liushou/core"
import { national } from "@liushou/policy-national"
import { describe, expect, it } from "vitest"
import { caseFile } from "./arbitraries.js"
import { evaluate } from "./helpers.js"
import { HunanParameters, hunan } from "../src/index.js"

const { factValidityDays } = HunanParameters

const DAYS = factValidityDays.values[0]!.value
const day = (d: string) => CalendarDate.toDayNumber(d)
const dateIn = (from: string, to: string) => fc.integer({ min: day(from), max: day(to) }).map(CalendarDate.fromDayNumber)

/** verification dates: each group absent, or up to two and a half years before or a little after the as-of date */
const verifiedArb = fc.record(
  Object.fromEntries(CaseFile.FACT_GROUPS.map((g) => [g, dateIn("2017-01-01", "2019-09-30")])) as Record<CaseFile.FactGroup, fc.Arbitrary<string>>,
  { requiredKeys: [] }
)

describe("ledger upkeep laws (§1 定期排查、及时更新)", () => {
  // The law: a group is current exactly while as-of − verified < its validity, unknown when no
  // verification on or before the as-of date exists, stale otherwise; the decision needs
  // information iff some group is not current; the re-check is due now then, else on the day
  // the first group expires.
  let compared = 0
  const seen = { current: 0, stale: 0, unknown: 0 }
  test.prop([caseFile, verifiedArb, dateIn("2018-09-01", "2019-12-31")], { numRuns: 400 })("each group's status and the re-check date agree with a model of the validity periods", (cf, verified, asOf) => {
    const u = evaluate({ ...cf, verified }, asOf).upkeep!
    let due = false
    let first: number | null = null
    for (const g of CaseFile.FACT_GROUPS) {
      const v = verified[g]
      const model = v === undefined || v > asOf ? "unknown" : day(asOf) - day(v) < DAYS[g] ? "current" : "stale"
      const f = u.facts.find((x) => x.group === g)!
      expect(f.status).toBe(model)
      seen[model]++
      if (model !== "current") due = true
      else first = Math.min(first ?? Infinity, day(v!) + DAYS[g])
    }
    expect(u.status).toBe(due ? "needs-information" : "current")
    expect(u.recheckDue).toBe(due ? asOf : CalendarDate.fromDayNumber(first!))
    expect(u.ledger.status).toBe("active")
    compared++
  })
  it("the property compared current, stale and unknown groups", () => {
    expect(compared).toBe(400)
    for (const n of Object.values(seen)) expect(n).toBeGreaterThan(50)
  })

  // The law of exits: an exited elder is never asked to be re-checked, and staleness never
  // takes an elder out of the active ledger; only a recorded exit does.
  let exitsCompared = 0
  test.prop([caseFile, verifiedArb, dateIn("2018-09-01", "2019-12-31"), fc.option(dateIn("2018-01-01", "2020-06-30"), { nil: null })], { numRuns: 300 })(
    "an exit on or before the as-of date gives exited with no re-check; otherwise the elder stays active",
    (cf, verified, asOf, exit) => {
      const u = evaluate({ ...cf, verified, ...(exit === null ? {} : { ledgerEvents: [{ date: exit, event: "exited" as const, reason: "moved-away" }] }) }, asOf).upkeep!
      if (exit !== null && exit <= asOf) {
        expect(u).toMatchObject({ status: "exited", recheckDue: null, ledger: { status: "exited", since: exit, reason: "moved-away" } })
        expect(u.reasons.map((r) => r.code)).toEqual(["upkeep.exited"])
        exitsCompared++
      } else {
        expect(u.status).not.toBe("exited")
        expect(u.ledger).toEqual({ status: "active", since: null, reason: null })
      }
    }
  )
  it("the exit property compared exited elders", () => expect(exitsCompared).toBeGreaterThan(60))

  it("refuses a ledger reason the chain does not declare, or one declared for the other event, naming the field", () => {
    const engine = Engine.make(Loader.load([national, hunan]))
    const cf = fc.sample(caseFile, { numRuns: 1, seed: 1 })[0]!
    const unknown = engine.evaluate({ ...cf, ledgerEvents: [{ date: "2019-01-01", event: "exited", reason: "emigrated" }] }, "2019-06-30")
    expect(unknown.ok).toBe(false)
    if (unknown.ok) return
    expect(unknown.error.reason.reasons[0]!.text.en).toContain("ledgerEvents[0].reason")
    const wrong = engine.evaluate({ ...cf, ledgerEvents: [{ date: "2019-01-01", event: "exited", reason: "identified" }] }, "2019-06-30")
    expect(wrong.ok).toBe(false)
    if (wrong.ok) return
    expect(wrong.error.reason.reasons[0]!.text.en).toContain("reason for the event \"exited\"")
    expect(wrong.error.reason.reasons[0]!.text.zh).toContain("退出")
  })

  it("the validity periods are a local choice the reasons label", () => {
    expect(factValidityDays.status).toBe("local")
    const u = evaluate({ ...fc.sample(caseFile, { numRuns: 1, seed: 2 })[0]!, verified: { supporters: "2019-06-01" } }).upkeep!
    expect(u.reasons.find((r) => r.code === "upkeep.current.supporters")!.basis).toBe("local")
  })
})

describe("upkeep reasons name the group and its validity, in both languages", () => {
  const asOf = "2019-06-30"
  it.each(CaseFile.FACT_GROUPS.map((g) => [g]))("%s: current, stale and unknown", (g) => {
    const days = DAYS[g]
    const at = (verifiedOn: string | undefined) => {
      const u = evaluate({ ...fc.sample(caseFile, { numRuns: 1, seed: 3 })[0]!, verified: verifiedOn === undefined ? {} : { [g]: verifiedOn } }, asOf).upkeep!
      return u.reasons.find((r) => r.code.endsWith(`.${g}`))!
    }
    const current = at(CalendarDate.addDays(asOf, 1 - days))
    const stale = at(CalendarDate.addDays(asOf, -days))
    const unknown = at(undefined)
    expect([current.code, stale.code, unknown.code]).toEqual([`upkeep.current.${g}`, `upkeep.stale.${g}`, `upkeep.unknown.${g}`])
    for (const r of [current, stale]) {
      expect(r.text.zh).toContain(`${days}天`)
      expect(r.text.en).toContain(`${days} days`)
    }
    expect(current.text.en).toContain("verified within")
    expect(stale.text.en).toContain("last verified more than")
    expect(stale.text.en).toContain("check again")
    expect(stale.text.zh).toContain("应重新排查")
    expect(unknown.text.en).toContain("has no verification date")
    expect(unknown.text.zh).toContain("没有核实日期")
    // each text names the group, as the other groups' texts do not
    for (const r of [current, stale, unknown]) expect(r.text.en.length).toBeGreaterThan(`${days} days`.length + 20)
  })
})
