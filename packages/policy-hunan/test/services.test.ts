import { fc, test } from "@fast-check/vitest"
import { CalendarDate, type CaseFile, Engine, Loader, Policy } from "@liushou/core"
import { national } from "@liushou/policy-national"
import { describe, expect, it } from "vitest"
import { caseFile } from "./arbitraries.js"
import { evaluate } from "./helpers.js"
import { HunanParameters, hunan } from "../src/index.js"

const { serviceNeededWhen, serviceWindowDays } = HunanParameters

const WINDOW = serviceWindowDays.values[0]!.value
const WHEN = serviceNeededWhen.values[0]!.value
const KINDS = Object.keys(WHEN)
const day = (d: string) => CalendarDate.toDayNumber(d)
const dateIn = (from: string, to: string) => fc.integer({ min: day(from), max: day(to) }).map(CalendarDate.fromDayNumber)

/** a service some days before (or a few after) the as-of date, mostly of the kinds most often needed */
const serviceArb = fc.record({
  daysBefore: fc.integer({ min: -10, max: WINDOW + 30 }),
  kind: fc.oneof({ weight: 3, arbitrary: fc.constantFrom("emotional-comfort", "safety-monitoring") }, { weight: 1, arbitrary: fc.constantFrom(...KINDS) }),
  personKind: fc.constantFrom("volunteer", "social-worker", "village-cadre"),
  personId: fc.constantFrom("v-1", "s-2")
})

describe("care services laws (§10 §4)", () => {
  // The law: under a left-behind elder in the active ledger, a kind with a service in the window
  // (as-of − windowDays, as-of] is received whenever it may be needed; a kind needed without one
  // is missing, and the decision is unmet exactly when some kind is missing. Not left behind or
  // exited: nothing is needed. The model is a plain scan of the records and visits.
  let compared = 0
  const seen = { received: 0, missing: 0, "not-needed": 0, "needs-information": 0, unmet: 0, met: 0, "not-applicable": 0 }
  test.prop([caseFile, fc.array(serviceArb, { maxLength: 6 }), fc.array(fc.constantFrom(...KINDS), { maxLength: 2 }), dateIn("2019-01-01", "2019-12-31"), fc.boolean()], { numRuns: 400 })(
    "each kind's status and the decision agree with a model of the window",
    (cf0, drawn, atVisit, asOf, servedAll) => {
      // half the elders also got every kind a few days ago: the decision is then met whenever it applies
      const all = servedAll ? KINDS.map((kind) => ({ daysBefore: 3, kind, personKind: "volunteer" as const, personId: "v-9" })) : []
      const services: Array<CaseFile.ServiceRecord> = [...drawn, ...all].map(({ daysBefore, ...r }) => ({ ...r, date: CalendarDate.fromDayNumber(day(asOf) - daysBefore) }))
      const cf: CaseFile.CaseFile = { ...cf0, services, visits: cf0.visits.map((v, i) => (i === 0 ? { ...v, services: atVisit } : v)) }
      const e = evaluate(cf, asOf)
      const s = e.services!
      const from = CalendarDate.fromDayNumber(day(asOf) - WINDOW + 1)
      expect(s.windowFrom).toBe(from)
      expect(s.needs.map((n) => n.kind)).toEqual(KINDS)
      const dates = (kind: string) => [
        ...services.filter((x) => x.kind === kind).map((x) => x.date),
        ...cf.visits.filter((v) => (v.services ?? []).includes(kind)).map((v) => v.date)
      ]
      let missing = false
      for (const n of s.needs) {
        const inWindow = dates(n.kind).filter((d) => d >= from && d <= asOf).sort()
        const last = inWindow.length > 0 ? inWindow[inWindow.length - 1]! : null
        if (e.leftBehind.value === false || s.status === "not-applicable") {
          expect(n).toEqual({ kind: n.kind, needed: false, status: "not-needed", lastReceived: null })
        } else if (n.needed === false) {
          expect(n.status).toBe("not-needed")
        } else {
          expect(n.lastReceived).toBe(last)
          expect(n.status).toBe(last !== null ? "received" : n.needed === true ? "missing" : "needs-information")
        }
        // a kind with no condition is never needed; emotional comfort follows left-behind status
        if ((WHEN[n.kind] ?? []).length === 0) expect(n.needed).toBe(false)
        if (n.kind === "emotional-comfort" && s.status !== "not-applicable") expect(n.needed).toBe(e.leftBehind.value)
        if (n.status === "missing") missing = true
        seen[n.status]++
      }
      if (s.status !== "not-applicable") {
        expect(s.status === "unmet").toBe(missing)
        if (servedAll) expect(s.status).toBe("met")
      } else expect(e.leftBehind.value === false || (cf.ledgerEvents ?? []).length > 0).toBe(true)
      seen[s.status]++
      compared++
    }
  )
  it("the property compared every status of a kind and of the decision", () => {
    expect(compared).toBe(400)
    for (const k of ["received", "missing", "not-needed", "unmet", "met", "not-applicable"] as const) expect(seen[k], k).toBeGreaterThan(15)
    expect(seen["needs-information"]).toBeGreaterThan(5)
  })

  it("refuses a service kind or a program the chain does not declare, naming the field", () => {
    const engine = Engine.make(Loader.load([national, hunan]))
    const cf = fc.sample(caseFile, { numRuns: 1, seed: 1 })[0]!
    const record = { date: "2019-06-01", kind: "haircut", personKind: "volunteer" as const, personId: "v-1" }
    const unknown = engine.evaluate({ ...cf, services: [record] }, "2019-06-30")
    expect(unknown.ok).toBe(false)
    if (!unknown.ok) expect(unknown.error.reason.reasons[0]!.text.en).toContain("services[0].kind")
    const program = engine.evaluate({ ...cf, services: [{ ...record, kind: "daily-care", program: "free-lunch" }] }, "2019-06-30")
    expect(program.ok).toBe(false)
    if (!program.ok) expect(program.error.reason.reasons[0]!.text.zh).toContain("services[0].program")
    const atVisit = engine.evaluate({ ...cf, visits: [{ date: "2019-06-01", mode: "home", by: "volunteer", concerns: [], services: ["daily-care", "haircut"] }] }, "2019-06-30")
    expect(atVisit.ok).toBe(false)
    if (!atVisit.ok) expect(atVisit.error.reason.reasons[0]!.text.en).toContain("visits[0].services[1]")
    // Hunan's own kinds are declared under Hunan, not under the national baseline alone
    const rehab = { ...cf, services: [{ ...record, kind: "rehabilitation-care" }] }
    expect(engine.evaluate(rehab, "2019-06-30").ok).toBe(true)
    expect(Engine.make(Loader.load([national])).evaluate(rehab, "2019-06-30").ok).toBe(false)
  })

  it("a county that declares a kind of its own must say who needs it (the table is keyed by the kinds)", () => {
    const county = Policy.define({
      id: "test-county-services",
      version: "1.0.0",
      document: { number: "测试〔2019〕1号", title: { zh: "测试", en: "test" } },
      region: "430121",
      effectiveFrom: "2019-01-01",
      effectiveUntil: "2023-08-02",
      core: "^0.1.0",
      extends: { id: "hunan-2018-30", version: "^1.0.0" },
      vocabularies: { serviceKinds: [{ id: "meal-delivery", name: { zh: "助餐", en: "meal delivery" } }] },
      parameters: [],
      rules: {},
      overrides: []
    })
    const refused = Loader.load([national, hunan, county])
    expect(refused.errors.map((e) => e.check)).toContain("vocabulary-tables")
    const withRow = {
      ...county,
      parameters: [{ ...serviceNeededWhen, values: [{ from: "2019-01-01", value: { ...WHEN, "meal-delivery": ["lives-alone"] } }] }]
    }
    const loaded = Loader.load([national, hunan, withRow])
    expect(loaded.errors).toEqual([])
    const e = Engine.make(loaded).evaluate(
      { ...fc.sample(caseFile, { numRuns: 1, seed: 3 })[0]!, elder: { ...fc.sample(caseFile, { numRuns: 1, seed: 3 })[0]!.elder, regionCode: "430121101201" } },
      "2019-06-30"
    )
    expect(e.ok).toBe(true)
    if (e.ok) expect(e.value.services!.needs.map((n) => n.kind)).toContain("meal-delivery")
  })
})
