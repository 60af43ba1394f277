import { fc, test } from "@fast-check/vitest"
import { CalendarDate, Engine, Loader, Summary } from "@liushou/core"
import { describe, expect, it } from "vitest"
import { caseFileArb } from "./arbitraries.js"
import { base, child } from "./fixtures.js"

const engine = Engine.make(Loader.load([base, child]))

describe("Summary.summarize", () => {
  const cases = fc.sample(caseFileArb, { numRuns: 300, seed: 42 })
  const rows = cases.flatMap((caseFile) => {
    const r = engine.evaluate(caseFile, "2019-06-30")
    return r.ok ? [{ caseFile, evaluation: r.value }] : []
  })

  it("counts every case file in the region and distributes the left-behind ones", () => {
    const s = Summary.summarize(rows, { region: "430121", asOf: "2019-06-30" })
    const inRegion = rows.filter((r) => r.caseFile.elder.regionCode.startsWith("430121"))
    expect(s.elders).toBe(inRegion.length)
    const lb = inRegion.filter((r) => r.evaluation.leftBehind.value === true)
    expect(s.leftBehind).toBe(lb.length)
    expect(Object.values(s.bySubregion).reduce((a, b) => a + b, 0)).toBe(lb.length)
    expect(Object.keys(s.bySubregion).every((k) => k.length === 9 && k.startsWith("430121"))).toBe(true)
    expect(Object.values(s.byAgeBand).reduce((a, b) => a + b, 0)).toBe(lb.length)
  })

  it("uses provinces as the next level down for the whole country", () => {
    const s = Summary.summarize(rows, { region: null, asOf: "2019-06-30" })
    expect(s.elders).toBe(rows.length)
    expect(Object.keys(s.bySubregion).every((k) => k.length === 2)).toBe(true)
  })

  test.prop([fc.constantFrom("43", "4301", "430121", "430121101", "15")], { numRuns: 50 })("a region's counts are the sum of its subregions' counts", (region) => {
    const s = Summary.summarize(rows, { region, asOf: "2019-06-30" })
    let sum = 0
    for (const sub of Object.keys(s.bySubregion)) sum += Summary.summarize(rows, { region: sub, asOf: "2019-06-30" }).leftBehind
    expect(sum).toBe(s.leftBehind)
  })

  it("leaves elders out of the active ledger out of every figure and counts them as exited", () => {
    const exitedRows = rows.map((r, i) =>
      i % 5 === 0 ? { ...r, evaluation: { ...r.evaluation, upkeep: { status: "exited" as const, facts: [], recheckDue: null, ledger: { status: "exited" as const, since: "2019-01-01", reason: "died" }, reasons: [] } } } : r
    )
    const before = Summary.summarize(rows, { region: null, asOf: "2019-06-30" })
    const after = Summary.summarize(exitedRows, { region: null, asOf: "2019-06-30" })
    const out = rows.filter((_, i) => i % 5 === 0)
    expect(after.exited).toBe(out.length)
    expect(after.elders).toBe(before.elders - out.length)
    expect(after.leftBehind).toBe(before.leftBehind - out.filter((r) => r.evaluation.leftBehind.value === true).length)
    expect(before.exited).toBe(0)
  })
})

describe("Summary.summarize: every figure, against a count of the rows", () => {
  const VILLAGES = ["430121101201", "430121101202", "430121102201", "430181101201", "150102101201"]
  const rowArb = fc.record({
    village: fc.constantFrom(...VILLAGES),
    birthDate: fc.constantFrom("1930-07-01", "1939-07-01", "1940-06-30", "1949-07-01", "1950-06-30", "1959-07-01", "1960-06-30", "1970-01-01"),
    ability: fc.constantFrom("intact", "mild", "severe"),
    living: fc.constantFrom("alone", "with-spouse"),
    exited: fc.boolean(),
    leftBehind: fc.constantFrom(true, true, false, null),
    priority: fc.constantFrom(true, false, null),
    risk: fc.option(fc.record({ level: fc.constantFrom("low", "high", null), overdue: fc.boolean() }), { nil: undefined }),
    visits: fc.option(fc.record({ window: fc.constantFrom("not-due", "due", "late"), overdue: fc.boolean() }), { nil: undefined }),
    duties: fc.array(fc.record({ duty: fc.constantFrom("contact", "care"), status: fc.constantFrom("met", "unmet", "unknown") }), { maxLength: 2 }),
    eligibility: fc.option(fc.array(fc.record({ program: fc.constantFrom("p-one", "p-two"), status: fc.constantFrom("eligible", "receiving", "needs-information", "not-eligible") }), { maxLength: 3 }), { nil: undefined }),
    referrals: fc.option(fc.array(fc.constantFrom("township", "police"), { maxLength: 2 }), { nil: undefined })
  })
  type Row = typeof rowArb extends fc.Arbitrary<infer A> ? A : never
  const build = (r: Row, i: number) => ({
    caseFile: { elder: { id: `e${i}`, regionCode: r.village, birthDate: r.birthDate, ability: r.ability, livingArrangement: r.living } } as never,
    evaluation: {
      leftBehind: { value: r.leftBehind, reasons: [] },
      priority: { value: r.priority, reasons: [] },
      duties: r.duties,
      ...(r.exited ? { upkeep: { status: "exited" } } : {}),
      ...(r.risk === undefined ? {} : { risk: { level: r.risk.level, assessmentOverdue: r.risk.overdue } }),
      ...(r.visits === undefined ? {} : { visits: r.visits }),
      ...(r.eligibility === undefined ? {} : { eligibility: r.eligibility }),
      ...(r.referrals === undefined ? {} : { referrals: r.referrals.map((to) => ({ to })) })
    } as never
  })
  const count = <A>(xs: ReadonlyArray<A>, key: (x: A) => ReadonlyArray<string>): Record<string, number> => {
    const out: Record<string, number> = {}
    for (const x of xs) for (const k of key(x)) out[k] = (out[k] ?? 0) + 1
    return out
  }
  const band = (age: number, bands: ReadonlyArray<number>) => {
    const i = bands.filter((b) => age >= b).length
    return i === 0 ? `<${bands[0]}` : i === bands.length ? `${bands[i - 1]}+` : `${bands[i - 1]}-${bands[i]! - 1}`
  }

  test.prop([fc.array(rowArb, { maxLength: 30 }), fc.constantFrom(null, "43", "430121", "430121101"), fc.option(fc.constantFrom([65, 75], [60, 70, 80, 90], [80]), { nil: undefined })], {
    numRuns: 300
  })("counts, breakdowns and program figures", (rs, region, ageBands) => {
    const asOf = "2019-06-30"
    const s = Summary.summarize(
      rs.map((r, i) => build(r, i)),
      { region, asOf, ...(ageBands === undefined ? {} : { ageBands }) }
    )
    const inRegion = rs.filter((r) => region === null || r.village.startsWith(region))
    const active = inRegion.filter((r) => !r.exited)
    const lb = active.filter((r) => r.leftBehind === true)
    const sub = region === null ? 2 : region.length === 2 ? 4 : region.length === 4 ? 6 : region.length === 6 ? 9 : 12
    expect(s.region).toBe(region)
    expect(s.asOf).toBe(asOf)
    expect(s.exited).toBe(inRegion.length - active.length)
    expect(s.elders).toBe(active.length)
    expect(s.leftBehindUnknown).toBe(active.filter((r) => r.leftBehind === null).length)
    expect(s.leftBehind).toBe(lb.length)
    expect(s.priority).toBe(lb.filter((r) => r.priority === true).length)
    expect(s.bySubregion).toEqual(count(lb, (r) => [r.village.slice(0, sub)]))
    expect(s.byVillage).toEqual(count(lb, (r) => [r.village]))
    expect(s.byAgeBand).toEqual(count(lb, (r) => [band(CalendarDate.ageAt(r.birthDate, asOf), ageBands ?? Summary.DEFAULT_AGE_BANDS)]))
    expect(s.byAbility).toEqual(count(lb, (r) => [r.ability]))
    expect(s.byLivingArrangement).toEqual(count(lb, (r) => [r.living]))
    expect(s.byRiskLevel).toEqual(count(lb, (r) => (r.risk === undefined ? [] : [r.risk.level ?? "ungraded"])))
    expect(s.assessmentsOverdue).toBe(lb.filter((r) => r.risk?.overdue === true).length)
    expect(s.visitsByWindow).toEqual(count(lb, (r) => (r.visits === undefined ? [] : [r.visits.window])))
    expect(s.visitsOverdue).toBe(lb.filter((r) => r.visits?.overdue === true).length)
    expect(s.dutiesUnmet).toEqual(count(lb, (r) => r.duties.filter((d) => d.status === "unmet").map((d) => d.duty)))
    const programs = (status: string) => count(lb, (r) => (r.eligibility ?? []).filter((e) => e.status === status).map((e) => e.program))
    expect(s.eligibleNotReceiving).toEqual(programs("eligible"))
    expect(s.receiving).toEqual(programs("receiving"))
    expect(s.needsInformation).toEqual(programs("needs-information"))
    expect(s.referralsSuggested).toEqual(count(lb, (r) => r.referrals ?? []))
  })

  it("the default age bands are 60-69, 70-79, 80-89 and 90+ (under 60 below them)", () => {
    expect(Summary.DEFAULT_AGE_BANDS).toEqual([60, 70, 80, 90])
  })
})
