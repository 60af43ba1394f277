import { fc, test } from "@fast-check/vitest"
import { Engine, Loader, Summary } from "@liushou/core"
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
