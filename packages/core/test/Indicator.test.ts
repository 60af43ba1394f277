import { fc, test } from "@fast-check/vitest"
import { CalendarDate, Indicator } from "@liushou/core"
import type { CaseFile, Evaluation } from "@liushou/core"
import { describe, expect, it } from "vitest"

// Minimal case files and evaluations, built by hand so that each numerator and denominator below
// can be counted on paper.
const cf = (id: string, regionCode: string, parts: Partial<CaseFile.CaseFile> = {}): CaseFile.CaseFile =>
  ({
    elder: { id, regionCode },
    supporters: [],
    delegatedCarer: null,
    visits: [],
    riskAssessments: [],
    ...parts
  }) as unknown as CaseFile.CaseFile

const visit = (date: string) => ({ date, mode: "home" as const, by: "village-committee" as const, concerns: [] })

const fact = (group: CaseFile.FactGroup, status: "current" | "stale" | "unknown") => ({ group, verified: null, validUntil: null, status })

const ev = (parts: Record<string, unknown> = {}): Evaluation.Evaluation =>
  ({
    leftBehind: { value: true, reasons: [] },
    priority: { value: false, reasons: [] },
    duties: [],
    risk: { level: "medium", reasons: [], whyNot: [], lastAssessed: "2019-01-10", nextAssessmentDue: "2020-01-10", assessmentOverdue: false },
    visits: { intervalDays: 30, lastVisit: null, nextDue: null, overdue: false, window: "not-due", extraVisitDue: null, reasons: [] },
    ...parts
  }) as unknown as Evaluation.Evaluation

const def = (id: string, measure: Indicator.Measure, extra: Partial<Indicator.Indicator> = {}): Indicator.Indicator =>
  Indicator.define({
    id,
    title: { zh: id, en: id },
    topic: "evaluation",
    measure,
    numerator: { zh: "分子", en: "numerator" },
    denominator: { zh: "分母", en: "denominator" },
    unit: "share",
    period: "quarter",
    better: "higher",
    status: "local",
    reference: { document: "test", clause: "10" },
    ...extra
  })

const Q1 = { from: "2019-01-01", to: "2019-03-31", asOf: "2019-04-10" }
const V1 = "430121101201"
const V2 = "430121101202"
const V3 = "430121102201"

describe("Indicator measures (hand-counted)", () => {
  it("visits.any: elders with an interval in the ledger during the period; those visited in it above the line", () => {
    const i = def("any", "visits.any")
    // a: visited 2019-02-01 → 1/1; b: visited only in 2018 → 0/1; c: no interval → 0/0; d: exited 2018-12-01 → 0/0;
    // e: exited 2018, re-entered 2019-03-01, visited 2019-03-05 → 1/1
    const inputs = [
      { caseFile: cf("a", V1, { visits: [visit("2019-02-01")] }), evaluation: ev() },
      { caseFile: cf("b", V1, { visits: [visit("2018-12-20")] }), evaluation: ev() },
      { caseFile: cf("c", V1, { visits: [visit("2019-02-01")] }), evaluation: ev({ visits: { intervalDays: null } }) },
      { caseFile: cf("d", V1, { ledgerEvents: [{ date: "2018-12-01", event: "exited", reason: "died" }] }), evaluation: ev() },
      {
        caseFile: cf("e", V1, {
          visits: [visit("2019-03-05")],
          ledgerEvents: [
            { date: "2018-06-01", event: "exited", reason: "moved-away" },
            { date: "2019-03-01", event: "entered", reason: "moved-in" }
          ]
        }),
        evaluation: ev()
      }
    ]
    expect(inputs.map((x) => Indicator.measure(i, x, Q1)).map((t) => [t.numerator, t.denominator])).toEqual([
      [1, 1],
      [0, 1],
      [0, 0],
      [0, 0],
      [1, 1]
    ])
    const r = Indicator.compute([i], inputs, Q1, "430121")
    expect(r.total.values["any"]).toMatchObject({ numerator: 2, denominator: 3 })
    expect(r.total.values["any"]!.value).toBeCloseTo(2 / 3)
    expect(r.total.elders).toBe(5)
  })

  it("visits.within-interval: no gap longer than the interval, from the last visit before the period to its last day", () => {
    const i = def("timely", "visits.within-interval", { byRiskLevel: true })
    const at = (visits: ReadonlyArray<string>, parts: Record<string, unknown> = {}) => ({ caseFile: cf("x", V1, { visits: visits.map(visit) }), evaluation: ev(parts) })
    // interval 30: 2018-12-15 → 01-10 (26) → 02-05 (26) → 03-05 (28) → 03-31 (26): within
    expect(Indicator.measure(i, at(["2018-12-15", "2019-01-10", "2019-02-05", "2019-03-05"]), Q1)).toMatchObject({ numerator: 1, denominator: 1, riskLevel: "medium" })
    // 01-10 → 02-15 is 36 days: not within
    expect(Indicator.measure(i, at(["2018-12-15", "2019-01-10", "2019-02-15", "2019-03-10"]), Q1)).toMatchObject({ numerator: 0, denominator: 1 })
    // the last visit 03-01 leaves 30 days to 03-31: within; 02-28 leaves 31: not
    expect(Indicator.measure(i, at(["2019-01-05", "2019-01-30", "2019-03-01"]), Q1).numerator).toBe(1)
    expect(Indicator.measure(i, at(["2019-01-05", "2019-01-30", "2019-02-28"]), Q1).numerator).toBe(0)
    // no visit before the period: counted from its first day (01-01 → 01-31 is 30)
    expect(Indicator.measure(i, at(["2019-01-31", "2019-03-01", "2019-03-31"]), Q1).numerator).toBe(1)
    expect(Indicator.measure(i, at(["2019-02-01", "2019-03-01", "2019-03-31"]), Q1).numerator).toBe(0)
    // a visit after the period does not help
    expect(Indicator.measure(i, at(["2019-01-20", "2019-02-15", "2019-04-01"]), Q1).numerator).toBe(0)
    // high risk, interval 7, ungraded elders keyed "ungraded"
    expect(Indicator.measure(i, at([], { visits: { intervalDays: 7 }, risk: { level: null, lastAssessed: null, assessmentOverdue: true } }), Q1)).toMatchObject({ numerator: 0, denominator: 1, riskLevel: "ungraded" })
    // an elder who entered on 03-10 (out before) is counted from the entry: 03-10 → 03-31 is 21 days
    const entered = { caseFile: cf("y", V1, { ledgerEvents: [{ date: "2018-01-01", event: "exited", reason: "moved-away" }, { date: "2019-03-10", event: "entered", reason: "moved-in" }] }), evaluation: ev() }
    expect(Indicator.measure(i, entered, Q1)).toMatchObject({ numerator: 1, denominator: 1 })
    // an elder who left on 02-15 is counted up to the exit: 01-25 → 02-15 is 21 days
    const left = { caseFile: cf("z", V1, { visits: [visit("2019-01-25")], ledgerEvents: [{ date: "2019-02-15", event: "exited", reason: "died" }] }), evaluation: ev() }
    expect(Indicator.measure(i, left, Q1)).toMatchObject({ numerator: 1, denominator: 1 })
  })

  it("visits.within-interval by risk level: each level's counts add up to the total", () => {
    const i = def("timely", "visits.within-interval", { byRiskLevel: true })
    const level = (id: string, lvl: string, interval: number, visits: ReadonlyArray<string>) => ({
      caseFile: cf(id, V1, { visits: visits.map(visit) }),
      evaluation: ev({ risk: { level: lvl, lastAssessed: "2019-01-01", assessmentOverdue: false }, visits: { intervalDays: interval } })
    })
    const r = Indicator.compute(
      [i],
      [
        level("h1", "high", 7, ["2019-03-28"]), // 01-01 → 03-28 is 86 days: late
        level("h2", "high", 7, []),
        level("m1", "medium", 30, ["2019-01-20", "2019-02-15", "2019-03-10"]), // 19, 26, 23, 21: within
        level("l1", "low", 90, ["2019-02-01"]) // 31, 58: within
      ],
      Q1,
      "430121"
    )
    expect(r.total.values["timely"]).toMatchObject({ numerator: 2, denominator: 4, value: 0.5 })
    expect(r.total.values["timely"]!.byRiskLevel).toEqual({
      high: { numerator: 0, denominator: 2, value: 0 },
      low: { numerator: 1, denominator: 1, value: 1 },
      medium: { numerator: 1, denominator: 1, value: 1 }
    })
    // every elder is in one village, so its township and the county count the same by level
    expect(r.townships.map((t) => t.values["timely"]!.byRiskLevel)).toEqual([r.total.values["timely"]!.byRiskLevel])
  })

  it("assessment.current: left-behind elders in the ledger; assessed and not overdue at the period's end above the line", () => {
    const i = def("assess", "assessment.current")
    const r = (risk: Record<string, unknown>, leftBehind: boolean | null = true) =>
      Indicator.measure(i, { caseFile: cf("x", V1), evaluation: ev({ leftBehind: { value: leftBehind, reasons: [] }, risk: { level: "low", ...risk } }) }, Q1)
    expect(r({ lastAssessed: "2018-06-01", assessmentOverdue: false })).toMatchObject({ numerator: 1, denominator: 1 })
    expect(r({ lastAssessed: "2017-06-01", assessmentOverdue: true })).toMatchObject({ numerator: 0, denominator: 1 })
    expect(r({ lastAssessed: null, assessmentOverdue: true })).toMatchObject({ numerator: 0, denominator: 1 })
    expect(r({ lastAssessed: "2018-06-01", assessmentOverdue: false }, false)).toMatchObject({ numerator: 0, denominator: 0 })
    expect(r({ lastAssessed: "2018-06-01", assessmentOverdue: false }, null)).toMatchObject({ numerator: 0, denominator: 0 })
  })

  it("services.per-need: (elder, needed kind) pairs of left-behind elders active at the period's end; a service of the kind in the period above the line", () => {
    const i = def("needs", "services.per-need", { byRiskLevel: true })
    const need = (kind: string, needed: boolean | null) => ({ kind, needed, status: needed === true ? "missing" : needed === null ? "needs-information" : "not-needed", lastReceived: null })
    const services = (...needs: ReadonlyArray<ReturnType<typeof need>>) => ({ services: { status: "unmet", windowFrom: "2019-01-01", needs, reasons: [] } })
    const rec = (date: string, kind: string) => ({ date, kind, personKind: "village-cadre" as const, personId: "p1" })
    const inputs = [
      // a: needs daily-care and emotional-comfort; daily-care recorded 02-01, emotional-comfort only in 2018 → 1/2
      {
        caseFile: cf("a", V1, { services: [rec("2019-02-01", "daily-care"), rec("2018-12-20", "emotional-comfort")] }),
        evaluation: ev(services(need("daily-care", true), need("emotional-comfort", true), need("safety-monitoring", false)))
      },
      // b: needs safety-monitoring, delivered at a visit on 03-31 (the period's last day) → 1/1; the undetermined kind is not counted
      {
        caseFile: cf("b", V2, { visits: [{ ...visit("2019-03-31"), services: ["safety-monitoring"] }] }),
        evaluation: ev(services(need("safety-monitoring", true), need("rights-protection", null)))
      },
      // c: needs rights-protection, served only on 04-01 (after the period) → 0/1
      { caseFile: cf("c", V3, { services: [rec("2019-04-01", "rights-protection")] }), evaluation: ev(services(need("rights-protection", true))) },
      // d: not left behind → 0/0; e: exited 03-15 → 0/0; f: no services decision → 0/0; g: nothing needed → 0/0
      { caseFile: cf("d", V1, { services: [rec("2019-02-01", "daily-care")] }), evaluation: ev({ leftBehind: { value: false, reasons: [] }, ...services(need("daily-care", true)) }) },
      { caseFile: cf("e", V1, { services: [rec("2019-02-01", "daily-care")], ledgerEvents: [{ date: "2019-03-15", event: "exited", reason: "died" }] }), evaluation: ev(services(need("daily-care", true))) },
      { caseFile: cf("f", V1), evaluation: ev() },
      { caseFile: cf("g", V1), evaluation: ev(services(need("daily-care", false))) }
    ]
    expect(inputs.map((x) => Indicator.measure(i, x, Q1)).map((t) => [t.numerator, t.denominator])).toEqual([
      [1, 2],
      [1, 1],
      [0, 1],
      [0, 0],
      [0, 0],
      [0, 0],
      [0, 0]
    ])
    // pairs: 2 of 4; township 430121101 (a, b) 2/3, township 430121102 (c) 0/1
    const r = Indicator.compute([i], inputs, Q1, "430121")
    expect(r.total.values["needs"]).toMatchObject({ numerator: 2, denominator: 4, value: 0.5 })
    expect(r.townships.map((t) => [t.region, t.values["needs"]!.numerator, t.values["needs"]!.denominator])).toEqual([
      ["430121101", 2, 3],
      ["430121102", 0, 1]
    ])
    expect(r.total.values["needs"]!.byRiskLevel).toEqual({ medium: { numerator: 2, denominator: 4, value: 0.5 } })
  })

  it("referrals.within-deadline: cases ended in the period on time over those ended in it or open past a deadline at its end", () => {
    const i = def("referrals", "referrals.within-deadline")
    const workflows = [
      {
        id: "w",
        states: [
          { id: "discovered", name: { zh: "", en: "" }, final: false, deadlineDays: 1 },
          { id: "reported", name: { zh: "", en: "" }, final: false, deadlineDays: 3 },
          { id: "closed", name: { zh: "", en: "" }, final: true, deadlineDays: null }
        ]
      }
    ]
    const ctx = { ...Q1, workflows }
    const rc = (caseId: string, steps: ReadonlyArray<[string, string]>) => ({ caseId, workflowId: "w", history: steps.map(([to, at]) => ({ to, at })) })
    const referrals = [
      rc("on-time", [["discovered", "2019-02-01"], ["reported", "2019-02-02"], ["closed", "2019-02-05"]]), // 1/1
      rc("late", [["discovered", "2019-02-01"], ["reported", "2019-02-03"], ["closed", "2019-02-04"]]), // discovered lasted 2 > 1: 0/1
      rc("open-overdue", [["discovered", "2019-03-01"], ["reported", "2019-03-01"]]), // reported since 03-01, 30 > 3 days at 03-31: 0/1
      rc("open-on-time", [["discovered", "2019-03-30"]]), // 1 day at 03-31: not counted
      rc("ended-before", [["discovered", "2018-12-01"], ["reported", "2018-12-01"], ["closed", "2018-12-02"]]), // not counted
      rc("closed-after", [["discovered", "2019-03-30"], ["reported", "2019-03-31"], ["closed", "2019-04-02"]]), // open and on time at 03-31: not counted
      { caseId: "other", workflowId: "unknown", history: [{ to: "discovered", at: "2018-01-01" }] } // unknown workflow: not counted
    ]
    // an elder with no evaluation still counts its referrals
    expect(Indicator.measure(i, { caseFile: cf("x", V1), evaluation: null, referrals }, ctx)).toMatchObject({ numerator: 1, denominator: 3 })
    expect(referrals.map((r) => Indicator.referralTally(r, ctx)).map((t) => `${t.numerator}/${t.denominator}`)).toEqual(["1/1", "0/1", "0/1", "0/0", "0/0", "0/0", "0/0"])
  })

  it("facts.known and facts.stale: elders in the active ledger at the period's end", () => {
    const known = def("known", "facts.known")
    const stale = def("stale", "facts.stale", { better: "lower" })
    const up = (...facts: ReturnType<typeof fact>[]) => ({ upkeep: { status: "current", facts, recheckDue: null, ledger: { status: "active", since: null, reason: null }, reasons: [] } })
    const inputs = [
      { caseFile: cf("a", V1), evaluation: ev(up(fact("supporters", "current"), fact("income", "current"), fact("health", "current"), fact("housing", "current"))) },
      { caseFile: cf("b", V1), evaluation: ev(up(fact("supporters", "stale"), fact("income", "current"), fact("health", "current"), fact("housing", "current"))) },
      { caseFile: cf("c", V1), evaluation: ev(up(fact("supporters", "current"), fact("income", "unknown"), fact("health", "stale"), fact("housing", "current"))) },
      { caseFile: cf("d", V1, { ledgerEvents: [{ date: "2019-03-15", event: "exited", reason: "died" }] }), evaluation: ev(up(fact("income", "unknown"))) },
      { caseFile: cf("e", V1), evaluation: ev() } // no upkeep rule: not counted
    ]
    const r = Indicator.compute([known, stale], inputs, Q1, V1)
    expect(r.total.values["known"]).toMatchObject({ numerator: 2, denominator: 3 })
    expect(r.total.values["stale"]).toMatchObject({ numerator: 2, denominator: 3 })
  })

  it("pairing.priority: priority elders in the active ledger; paired above the line", () => {
    const i = def("pairing", "pairing.priority")
    const resp = (pairedWith: ReadonlyArray<string>) => ({ responsibleVisitor: "v1", visitorRequired: true, visitor: "assigned", pairedWith, pairingRequired: true, pairing: pairedWith.length > 0 ? "assigned" : "missing", visitsAttributed: 0, visitsTotal: 0, reasons: [] })
    const p = (priority: boolean | null, paired: ReadonlyArray<string>) =>
      Indicator.measure(i, { caseFile: cf("x", V1), evaluation: ev({ priority: { value: priority, reasons: [] }, responsibility: resp(paired) }) }, Q1)
    expect(p(true, ["p1"])).toMatchObject({ numerator: 1, denominator: 1 })
    expect(p(true, [])).toMatchObject({ numerator: 0, denominator: 1 })
    expect(p(false, ["p1"])).toMatchObject({ numerator: 0, denominator: 0 })
    expect(p(null, [])).toMatchObject({ numerator: 0, denominator: 0 })
  })
})

describe("Indicator aggregation, ranking and periods", () => {
  const timely = def("timely", "visits.within-interval")
  const stale = def("stale", "facts.stale", { better: "lower" })
  const el = (id: string, village: string, visits: ReadonlyArray<string>, staleFacts: boolean) => ({
    caseFile: cf(id, village, { visits: visits.map(visit) }),
    evaluation: ev({ upkeep: { status: "current", facts: [fact("income", staleFacts ? "stale" : "current")], recheckDue: null, ledger: { status: "active", since: null, reason: null }, reasons: [] } })
  })
  const inputs = [
    el("a", V1, ["2019-01-20", "2019-02-15", "2019-03-10"], false),
    el("b", V2, [], true),
    el("c", V3, ["2019-01-20", "2019-02-15", "2019-03-10"], true),
    el("d", V3, ["2019-01-20", "2019-02-15", "2019-03-10"], false),
    el("z", "430181101201", [], true) // another county: left out
  ]
  const r = Indicator.compute([timely, stale], inputs, Q1, "430121")

  it("sums villages into townships and townships into the county", () => {
    expect(r.villages.map((v) => [v.region, v.values["timely"]!.numerator, v.values["timely"]!.denominator])).toEqual([
      [V1, 1, 1],
      [V2, 0, 1],
      [V3, 2, 2]
    ])
    expect(r.townships.map((t) => [t.region, t.elders, t.values["timely"]!.numerator, t.values["timely"]!.denominator])).toEqual([
      ["430121101", 2, 1, 2],
      ["430121102", 2, 2, 2]
    ])
    expect(r.total).toMatchObject({ region: "430121", elders: 4 })
    expect(r.total.values["timely"]).toEqual({ numerator: 3, denominator: 4, value: 0.75 })
  })

  it("fed one elder at a time (accumulator), gives the same report, and a report of the elders added so far", () => {
    const acc = Indicator.accumulator([timely, stale], Q1, "430121")
    acc.add(inputs[0]!)
    expect(acc.report().total).toMatchObject({ region: "430121", elders: 1 })
    for (const x of inputs.slice(1)) acc.add(x)
    expect(acc.report()).toStrictEqual(r)
    expect(() => Indicator.accumulator([timely], { ...Q1, to: "2018-12-31" }, "430121")).toThrow(RangeError)
  })

  it("ranks townships best first in the indicator's direction", () => {
    expect(Indicator.rank(r, "timely").map((x) => [x.region, x.rank, x.value])).toEqual([
      ["430121102", 1, 1],
      ["430121101", 2, 0.5]
    ])
    // stale: lower is better; both townships 1/2 share rank 1
    expect(Indicator.rank(r, "stale").map((x) => [x.region, x.rank])).toEqual([
      ["430121101", 1],
      ["430121102", 1]
    ])
    expect(() => Indicator.rank(r, "nope")).toThrow(/no indicator nope/)
  })

  it("marks ties and says when a ranking says nothing (every township equal, or nothing counted)", () => {
    expect(Indicator.rank(r, "timely").map((x) => x.tied)).toEqual([false, false])
    expect(Indicator.rankingKind(Indicator.rank(r, "timely"))).toBe("ranked")
    // both townships 1/2 stale: a tie at rank 1, and nothing to rank
    expect(Indicator.rank(r, "stale").map((x) => [x.rank, x.tied])).toEqual([
      [1, true],
      [1, true]
    ])
    expect(Indicator.rankingKind(Indicator.rank(r, "stale"))).toBe("all-equal")
    // three townships: two tied at 100 %, one at 50 %, one with nothing counted
    const three = Indicator.compute([timely], [...inputs, el("e", "430121103201", ["2019-01-20", "2019-02-15", "2019-03-10"], false), { caseFile: cf("n", "430121104201"), evaluation: ev({ visits: { intervalDays: null } }) }], Q1, "430121")
    expect(Indicator.rank(three, "timely").map((x) => [x.region, x.rank, x.tied])).toEqual([
      ["430121102", 1, true],
      ["430121103", 1, true],
      ["430121101", 3, false],
      ["430121104", null, false]
    ])
    expect(Indicator.rankingKind(Indicator.rank(three, "timely"))).toBe("ranked")
    // no denominator anywhere
    const none = Indicator.compute([timely], [{ caseFile: cf("n", "430121104201"), evaluation: ev({ visits: { intervalDays: null } }) }], Q1, "430121")
    expect(Indicator.rankingKind(Indicator.rank(none, "timely"))).toBe("nothing-counted")
  })

  it("puts townships with nothing counted last, without a rank", () => {
    const r2 = Indicator.compute([timely], [...inputs, { caseFile: cf("n", "430121103201"), evaluation: ev({ visits: { intervalDays: null } }) }], Q1, "430121")
    expect(Indicator.rank(r2, "timely").map((x) => [x.region, x.rank])).toEqual([
      ["430121102", 1],
      ["430121101", 2],
      ["430121103", null]
    ])
  })

  it("splits a span into calendar periods", () => {
    expect(Indicator.periods("2019-02-10", "2019-08-31", "quarter")).toEqual([
      { from: "2019-02-10", to: "2019-03-31" },
      { from: "2019-04-01", to: "2019-06-30" },
      { from: "2019-07-01", to: "2019-08-31" }
    ])
    expect(Indicator.periods("2019-01-01", "2020-12-31", "year")).toHaveLength(2)
    expect(Indicator.periods("2019-05-01", "2019-12-31", "half-year")).toEqual([
      { from: "2019-05-01", to: "2019-06-30" },
      { from: "2019-07-01", to: "2019-12-31" }
    ])
    expect(Indicator.periods("2019-01-15", "2019-03-02", "month").map((p) => p.to)).toEqual(["2019-01-31", "2019-02-28", "2019-03-02"])
    expect(Indicator.periods("2019-03-02", "2019-03-01", "month")).toEqual([])
  })

  it("refuses a period that ends before it starts", () => {
    expect(() => Indicator.compute([timely], [], { from: "2019-03-01", to: "2019-02-01", asOf: "2019-03-01" }, "430121")).toThrow(/ends \(2019-02-01\) before/)
  })

  it("names what is wrong with a set of indicators", () => {
    const bad = [timely, timely, def("x", "nope" as Indicator.Measure), def("y", "referrals.within-deadline", { byRiskLevel: true, topic: "missing" })]
    expect(Indicator.problems(bad, new Set(["evaluation"])).map((p) => p.en)).toEqual([
      "indicator timely is defined twice",
      expect.stringContaining('indicator x: unknown measure "nope"'),
      'indicator y: topic "missing" is not named in the chain\'s clauses',
      "indicator y: measure referrals.within-deadline has no risk-level breakdown"
    ])
    expect(Indicator.problems([timely, stale], new Set(["evaluation"]))).toEqual([])
  })

  it("an unknown measure or period is named with the list of those known, in both languages", () => {
    const texts = Indicator.problems([def("x", "nope" as Indicator.Measure, { period: "decade" as Indicator.PeriodLength })], new Set(["evaluation"]))
    expect(texts).toHaveLength(2)
    const [measure, period] = texts as [Indicator.Indicator["title"], Indicator.Indicator["title"]]
    const listed = (text: string, open: string, close: string, sep: string) => text.slice(text.indexOf(open) + open.length, text.lastIndexOf(close)).split(sep)
    expect(measure.en.startsWith('indicator x: unknown measure "nope"')).toBe(true)
    expect(listed(measure.en, "(expected one of ", ")", ", ")).toEqual([...Indicator.MEASURES])
    expect(measure.zh).toContain('"nope"')
    expect(listed(measure.zh, "（应为 ", "）", "、")).toEqual([...Indicator.MEASURES])
    expect(period.en.startsWith('indicator x: unknown period "decade"')).toBe(true)
    expect(listed(period.en, "(expected one of ", ")", ", ")).toEqual([...Indicator.PERIODS])
    expect(period.zh).toContain('"decade"')
    expect(listed(period.zh, "（应为 ", "）", "、")).toEqual([...Indicator.PERIODS])
    // every problem is said in both languages and names its indicator
    const bad = [timely, timely, def("y", "referrals.within-deadline", { byRiskLevel: true, topic: "missing" })]
    for (const t of Indicator.problems(bad, new Set(["evaluation"]))) {
      expect(t.zh).toMatch(/考评指标 (timely|y)/)
      expect(t.en).toMatch(/indicator (timely|y)/)
    }
  })

  it("takes the most specific chain member's set", () => {
    expect(Indicator.ofChain([{ indicators: [timely] }, {}, { indicators: [stale] }, {}])).toEqual([stale])
    expect(Indicator.ofChain([{}, {}])).toEqual([])
    // the root's set when no plugin below it declares one
    expect(Indicator.ofChain([{ indicators: [timely] }, {}, {}])).toEqual([timely])
    expect(Indicator.ofChain([{ indicators: [timely] }])).toEqual([timely])
    expect(Indicator.ofChain([])).toEqual([])
  })
})

describe("Indicator properties", () => {
  const ALL: ReadonlyArray<Indicator.Indicator> = Indicator.MEASURES.map((m) => def(m, m, { byRiskLevel: m !== "referrals.within-deadline" }))
  const workflows = [
    {
      id: "w",
      states: [
        { id: "open", name: { zh: "", en: "" }, final: false, deadlineDays: 5 },
        { id: "closed", name: { zh: "", en: "" }, final: true, deadlineDays: null }
      ]
    }
  ]
  const day = (n: number) => CalendarDate.addDays("2019-01-01", n)
  const elderArb = fc
    .record({
      village: fc.constantFrom(V1, V2, V3, "430121103205", "430181101201"),
      visits: fc.uniqueArray(fc.integer({ min: -60, max: 120 }), { maxLength: 5 }),
      interval: fc.option(fc.constantFrom(7, 30, 90), { nil: null }),
      level: fc.option(fc.constantFrom("low", "medium", "high"), { nil: null }),
      leftBehind: fc.constantFrom(true, true, false, null),
      priority: fc.constantFrom(true, true, false, null),
      paired: fc.boolean(),
      facts: fc.array(fc.constantFrom("current", "stale", "unknown"), { minLength: 1, maxLength: 4 }),
      overdue: fc.boolean(),
      exited: fc.option(fc.integer({ min: -30, max: 120 }), { nil: null }),
      evaluated: fc.integer({ min: 0, max: 9 }),
      referrals: fc.array(fc.tuple(fc.integer({ min: -30, max: 100 }), fc.option(fc.integer({ min: 0, max: 12 }), { nil: null })), { maxLength: 2 }),
      needs: fc.array(fc.constantFrom(true, true, false, null), { minLength: 2, maxLength: 2 }),
      served: fc.array(fc.tuple(fc.integer({ min: -30, max: 120 }), fc.constantFrom("k0", "k1")), { maxLength: 3 })
    })
  type ElderGen = typeof elderArb extends fc.Arbitrary<infer A> ? A : never
  const build = (rs: ReadonlyArray<ElderGen>): Array<Indicator.ElderInput> =>
    rs.map((r, k) => ({
      caseFile: cf(`e${k}`, r.village, {
        visits: r.visits.map((n) => visit(day(n))),
        services: r.served.map(([n, kind]) => ({ date: day(n), kind, personKind: "village-cadre" as const, personId: "p1" })),
        ...(r.exited === null ? {} : { ledgerEvents: [{ date: day(r.exited), event: "exited" as const, reason: "died" }] })
      }),
      evaluation:
        r.evaluated === 0
          ? null
          : ev({
              leftBehind: { value: r.leftBehind, reasons: [] },
              priority: { value: r.priority, reasons: [] },
              risk: { level: r.level, lastAssessed: r.overdue ? null : "2019-01-01", assessmentOverdue: r.overdue },
              visits: { intervalDays: r.interval },
              upkeep: { status: "current", facts: r.facts.map((s, j) => fact(["supporters", "income", "health", "housing"][j] as CaseFile.FactGroup, s as "current")), recheckDue: null, ledger: { status: "active", since: null, reason: null }, reasons: [] },
              responsibility: { pairedWith: r.paired ? ["p1"] : [] },
              services: { status: "unmet", windowFrom: "2019-01-01", needs: r.needs.map((needed, j) => ({ kind: `k${j}`, needed, status: "missing", lastReceived: null })), reasons: [] }
            }),
      referrals: r.referrals.map(([start, closeAfter], j) => ({
        caseId: `r${k}-${j}`,
        workflowId: "w",
        history: closeAfter === null ? [{ to: "open", at: day(start) }] : [{ to: "open", at: day(start) }, { to: "closed", at: day(start + closeAfter) }]
      }))
    }))

  const exercised = new Map<string, number>()
  const nonTrivial = new Map<string, number>()
  test.prop([fc.array(elderArb, { minLength: 3, maxLength: 25 })], { numRuns: 120 })(
    "each value is numerator ÷ denominator in [0, 1]; the county's counts are the sums of its townships', a township's of its villages', and of the risk levels",
    (rs) => {
      const ctx = { from: "2019-01-01", to: "2019-03-31", asOf: "2019-04-10", workflows }
      const r = Indicator.compute(ALL, build(rs), ctx, "430121")
      for (const i of ALL) {
        const total = r.total.values[i.id]!
        for (const v of [total, ...r.townships.map((t) => t.values[i.id]!), ...r.villages.map((t) => t.values[i.id]!)]) {
          expect(v.numerator).toBeGreaterThanOrEqual(0)
          expect(v.numerator).toBeLessThanOrEqual(v.denominator)
          expect(v.value).toBe(v.denominator === 0 ? null : v.numerator / v.denominator)
        }
        const sum = (xs: ReadonlyArray<Indicator.RegionValues>) => xs.reduce((a, t) => [a[0]! + t.values[i.id]!.numerator, a[1]! + t.values[i.id]!.denominator], [0, 0])
        expect(sum(r.townships)).toEqual([total.numerator, total.denominator])
        for (const t of r.townships) {
          expect(sum(r.villages.filter((v) => v.region.startsWith(t.region)))).toEqual([t.values[i.id]!.numerator, t.values[i.id]!.denominator])
        }
        if (i.byRiskLevel === true) {
          const levels = Object.values(total.byRiskLevel ?? {})
          expect([levels.reduce((a, l) => a + l.numerator, 0), levels.reduce((a, l) => a + l.denominator, 0)]).toEqual([total.numerator, total.denominator])
        }
        if (total.denominator > 0) exercised.set(i.id, (exercised.get(i.id) ?? 0) + 1)
        if (total.numerator > 0 && total.numerator < total.denominator) nonTrivial.set(i.id, (nonTrivial.get(i.id) ?? 0) + 1)
      }
      expect(r.total.elders).toBe(rs.filter((x) => x.village.startsWith("430121")).length)
    }
  )

  test.prop([fc.array(elderArb, { minLength: 3, maxLength: 25 }), fc.constantFrom(...Indicator.MEASURES), fc.constantFrom("higher" as const, "lower" as const)], { numRuns: 120 })(
    "a ranking lists every township once, those counted first from best to worst in the indicator's direction, equal shares at one rank and in code order, the others last without a rank",
    (rs, m, better) => {
      const ind = def(m, m, { better })
      const r = Indicator.compute([ind], build(rs), { from: "2019-01-01", to: "2019-03-31", asOf: "2019-04-10", workflows }, "430121")
      const ranking = Indicator.rank(r, m)
      expect(ranking.map((x) => x.region).sort()).toEqual(r.townships.map((t) => t.region).sort())
      const counted = ranking.filter((x) => x.value !== null)
      const rest = ranking.slice(counted.length)
      expect(rest.every((x) => x.value === null && x.rank === null && !x.tied)).toBe(true)
      expect(rest.map((x) => x.region)).toEqual(rest.map((x) => x.region).sort())
      const better_ = (a: number, b: number) => (better === "higher" ? a > b : a < b)
      for (let i = 0; i < counted.length; i++) {
        const x = counted[i]!
        const t = r.townships.find((t) => t.region === x.region)!.values[m]!
        expect([x.numerator, x.denominator, x.value]).toEqual([t.numerator, t.denominator, t.value])
        // the rank is one more than the number of townships with a better share
        expect(x.rank).toBe(1 + counted.filter((y) => better_(y.value!, x.value!)).length)
        expect(x.tied).toBe(counted.some((y) => y !== x && y.value === x.value))
        if (i > 0) {
          const prev = counted[i - 1]!
          expect(better_(x.value!, prev.value!)).toBe(false)
          if (prev.value === x.value) expect(prev.region < x.region).toBe(true)
        }
      }
      const kind = Indicator.rankingKind(ranking)
      expect(kind).toBe(counted.length === 0 ? "nothing-counted" : new Set(counted.map((x) => x.value)).size === 1 ? "all-equal" : "ranked")
    }
  )

  it("share is the numerator over the denominator, and nothing when nothing was counted", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1000 }), fc.integer({ min: 0, max: 1000 }), (a, b) => {
        expect(Indicator.share({ numerator: Math.min(a, b), denominator: Math.max(a, b) })).toBe(Math.max(a, b) === 0 ? null : Math.min(a, b) / Math.max(a, b))
      })
    )
  })

  it("exercised every measure with counts on both sides of the line", () => {
    // 120 runs: every measure counts something in at least a quarter of them and has a share
    // strictly between 0 and 1 in some (no vacuous pass)
    for (const m of Indicator.MEASURES) {
      expect(exercised.get(m) ?? 0, m).toBeGreaterThanOrEqual(30)
      expect(nonTrivial.get(m) ?? 0, m).toBeGreaterThanOrEqual(8)
    }
  })
})

describe("Indicator.governing", () => {
  it("says when the governing plugin is an expired one the host keeps applying, and only then", async () => {
    const { Loader } = await import("@liushou/core")
    const { base, child } = await import("./fixtures.js")
    const registry = Loader.load([base, child])
    const after = CalendarDate.addDays(child.effectiveUntil!, 1)
    const kept = Indicator.governing(registry, "430121", after, [{ policy: child.id, until: null }])
    expect(kept.policy).toBe("test-province@1.0.0")
    expect(kept.continuedPastExpiry).toBe(true)
    // in force: no mark
    const inForce = Indicator.governing(registry, "430121", child.effectiveUntil!)
    expect(inForce.policy).toBe("test-province@1.0.0")
    expect("continuedPastExpiry" in inForce).toBe(false)
    // expired and not kept: the baseline governs, unmarked
    const lapsed = Indicator.governing(registry, "430121", after)
    expect(lapsed.policy).toBe("test-base@1.0.0")
    expect("continuedPastExpiry" in lapsed).toBe(false)
  })
})

describe("Indicator.governing: who declares the indicators", () => {
  it("names the nearest plugin of the chain that declares indicators, and none when none does", async () => {
    const { Loader } = await import("@liushou/core")
    const { base, child } = await import("./fixtures.js")
    const date = child.effectiveUntil!
    const timely = def("timely", "visits.within-interval", { topic: "identification" })
    const stale = def("stale", "facts.stale", { better: "lower", topic: "identification" })
    const rootOnly = Indicator.governing(Loader.load([{ ...base, indicators: [timely] }, child]), "430121", date)
    expect(rootOnly.policy).toBe("test-province@1.0.0")
    expect(rootOnly.declaredBy).toBe("test-base@1.0.0")
    expect(rootOnly.indicators.map((i) => i.id)).toEqual(["timely"])
    const both = Indicator.governing(Loader.load([{ ...base, indicators: [timely] }, { ...child, indicators: [stale] }]), "430121", date)
    expect(both.declaredBy).toBe("test-province@1.0.0")
    expect(both.indicators.map((i) => i.id)).toEqual(["stale"])
    const none = Indicator.governing(Loader.load([base, child]), "430121", date)
    expect(none.declaredBy).toBeNull()
    expect(none.indicators).toEqual([])
  })
})

describe("Indicator.forRegion and Indicator.governing where no policy governs", () => {
  it("before every plugin: no policy, document or declaring plugin, no indicators, and the selection says why", async () => {
    const { Loader } = await import("@liushou/core")
    const { base, child } = await import("./fixtures.js")
    const registry = Loader.load([{ ...base, indicators: [def("timely", "visits.within-interval", { topic: "identification" })] }, child])
    const before = CalendarDate.addDays(base.effectiveFrom, -1)
    const g = Indicator.governing(registry, "430121", before)
    expect(g).toMatchObject({ policy: null, document: null, declaredBy: null, indicators: [] })
    expect(g.selection.value).toBe("")
    expect(g.selection.reasons.map((r) => r.code)).toEqual(["selection.none-in-force"])
    expect(g.selection.reasons[0]!.text.en).toContain(before)
    expect(Indicator.forRegion(registry, "430121", before)).toEqual([])
  })

  it("forRegion gives the governing plugin's indicators, on every date and region", async () => {
    const { Loader } = await import("@liushou/core")
    const { base, child } = await import("./fixtures.js")
    const registry = Loader.load([
      { ...base, indicators: [def("timely", "visits.within-interval", { topic: "identification" })] },
      { ...child, indicators: [def("stale", "facts.stale", { better: "lower", topic: "identification" })] }
    ])
    const dates = [base.effectiveFrom, child.effectiveFrom, child.effectiveUntil!, CalendarDate.addDays(child.effectiveUntil!, 1)]
    for (const region of ["430121", "150102"]) {
      for (const date of dates) {
        const g = Indicator.governing(registry, region, date)
        expect(Indicator.forRegion(registry, region, date), `${region} ${date}`).toEqual(g.indicators)
        expect(g.indicators.length, `${region} ${date}`).toBe(1)
      }
      // kept past its end by the host: the expired plugin's indicators still
      const after = CalendarDate.addDays(child.effectiveUntil!, 1)
      const kept = [{ policy: child.id, until: null }]
      expect(Indicator.forRegion(registry, region, after, kept)).toEqual(Indicator.governing(registry, region, after, kept).indicators)
    }
    expect(Indicator.forRegion(registry, "430121", child.effectiveFrom).map((i) => i.id)).toEqual(["stale"])
    expect(Indicator.forRegion(registry, "150102", child.effectiveFrom).map((i) => i.id)).toEqual(["timely"])
    expect(Indicator.forRegion(registry, "430121", CalendarDate.addDays(child.effectiveUntil!, 1), [{ policy: child.id, until: null }]).map((i) => i.id)).toEqual(["stale"])
  })
})

describe("Indicator.referralTally", () => {
  const workflow = {
    id: "w",
    states: [
      { id: "open", name: { zh: "", en: "" }, final: false, deadlineDays: 5 },
      { id: "referred", name: { zh: "", en: "" }, final: false, deadlineDays: 10 },
      { id: "waiting", name: { zh: "", en: "" }, final: false, deadlineDays: null },
      { id: "closed", name: { zh: "", en: "" }, final: true, deadlineDays: null }
    ]
  }
  const day = (n: number) => CalendarDate.addDays("2019-01-01", n)
  const ctx = { from: day(30), to: day(120), asOf: day(130), workflows: [workflow] }
  // a case: the day it opened, then the days spent in each state before the next
  const caseArb = fc.record({
    start: fc.integer({ min: -20, max: 140 }),
    steps: fc.array(fc.tuple(fc.constantFrom("referred", "waiting", "open", "closed"), fc.integer({ min: 0, max: 14 })), { maxLength: 4 }),
    workflowId: fc.constantFrom("w", "w", "w", "other")
  })
  test.prop([caseArb], { numRuns: 2000 })(
    "a case ended in the period counts, on time only when no state outlasted its deadline; an open case counts (late) only past its current state's deadline at the period's end",
    ({ start, steps, workflowId }) => {
      let at = start
      let to = "open"
      const history = [{ to, at: day(at) }]
      for (const [next, days] of steps) {
        if (to === "closed") break
        at += days
        history.push({ to: next, at: day(at) })
        to = next
      }
      const t = Indicator.referralTally({ caseId: "r", workflowId, history }, ctx)
      const seen = history.filter((h) => h.at <= ctx.to)
      const deadline = (s: string) => workflow.states.find((x) => x.id === s)!.deadlineDays
      const late = seen.some((h, i) => i > 0 && deadline(seen[i - 1]!.to) !== null && CalendarDate.daysBetween(seen[i - 1]!.at, h.at) > deadline(seen[i - 1]!.to)!)
      const last = seen.at(-1)
      let expected = { numerator: 0, denominator: 0 }
      if (workflowId === "w" && last !== undefined) {
        if (last.to === "closed") expected = last.at < ctx.from ? expected : { numerator: late ? 0 : 1, denominator: 1 }
        else if (deadline(last.to) !== null && CalendarDate.daysBetween(last.at, ctx.to) > deadline(last.to)!) expected = { numerator: 0, denominator: 1 }
      }
      expect(t).toEqual(expected)
      kinds.add(`${expected.numerator}/${expected.denominator}${late ? " late" : ""}`)
    }
  )
  const kinds = new Set<string>()
  it("met every outcome", () => {
    expect([...kinds].sort()).toEqual(["0/0", "0/0 late", "0/1", "0/1 late", "1/1"])
  })
})
