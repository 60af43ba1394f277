import { fc, test } from "@fast-check/vitest"
import { CalendarDate, Loader, RegionCode, Selection } from "@liushou/core"
import { describe, expect, it } from "vitest"
import { dateArb } from "./arbitraries.js"
import { base, child } from "./fixtures.js"

// A chain with a county under the province (in force for two years, in two versions) and a
// second province plugin after the first expires, so that every kind of selection occurs.
const county = { ...child, id: "test-county", region: "430121", effectiveFrom: "2020-01-01", effectiveUntil: "2021-12-31", extends: { id: "test-province", version: "^1.0.0" } }
const county2 = { ...county, version: "1.2.0" }
const later = { ...child, id: "test-province-2025", effectiveFrom: "2025-01-01", effectiveUntil: null }
const registry = Loader.load([base, child, county, county2, later])
const regions = fc.constantFrom("430121101201", "430181101201", "150102101201", "430121102205")
const continuations = fc.array(
  fc.record({ policy: fc.constantFrom("test-province", "test-county", "test-base"), until: fc.option(dateArb("2021-06-01", "2026-12-31"), { nil: null }), decision: fc.option(fc.constantFrom("DECISION-7"), { nil: undefined }) }),
  { maxLength: 2 }
).map((cs) => cs.map(({ decision, ...c }): Selection.Continuation => (decision === undefined ? c : { ...c, decision })))

const inForce = (p: { effectiveFrom: string; effectiveUntil: string | null }, d: string) => p.effectiveFrom <= d && (p.effectiveUntil === null || d <= p.effectiveUntil)
const depth = (region: string | null) => region?.length ?? 0

describe("Selection.select", () => {
  const seen = new Map<string, number>()
  test.prop([regions, dateArb("2017-06-01", "2026-12-31"), continuations], { numRuns: 1500 })(
    "chooses the most specific plugin in force (the highest version of it), or one the host keeps past its expiry when nothing as specific is in force, and says why in both languages",
    (region, asOf, cs) => {
      expect(registry.errors).toEqual([])
      const s = Selection.select(registry, region, asOf, cs)
      const covering = registry.policies.filter((l) => RegionCode.contains(l.plugin.region, region))
      const live = covering.filter((l) => inForce(l.plugin, asOf))
      const deepest = Math.max(-1, ...live.map((l) => depth(l.plugin.region)))
      const best = live.filter((l) => depth(l.plugin.region) === deepest).sort((a, b) => (a.plugin.version < b.plugin.version ? 1 : -1))[0]
      // expired plugins the host keeps, more specific than the one in force
      const kept = covering
        .filter((l) => l.plugin.effectiveUntil !== null && asOf > l.plugin.effectiveUntil && depth(l.plugin.region) > deepest)
        .filter((l) => cs.some((c) => c.policy === l.plugin.id && (c.until === null || asOf <= c.until)))
        .sort((a, b) => depth(b.plugin.region) - depth(a.plugin.region) || (a.plugin.version < b.plugin.version ? 1 : -1))[0]
      const chosen = kept ?? best
      expect(s.policy?.key).toBe(chosen?.key)
      expect(s.decision.value).toBe(chosen?.key ?? "")
      for (const r of s.decision.reasons) {
        // every reason is said in both languages; all but the "instead of" one name the date
        if (r.code !== "selection.continued-instead-of") for (const t of [r.text.zh, r.text.en]) expect(t).toContain(asOf)
        expect(/[\u4e00-\u9fff]/.test(r.text.zh)).toBe(true)
        seen.set(r.code, (seen.get(r.code) ?? 0) + 1)
      }
      const codes = s.decision.reasons.map((r) => r.code)
      if (chosen === undefined) {
        expect(codes).toEqual(["selection.none-in-force"])
        expect(s.decision.reasons[0]!.citation).toEqual({ document: "@liushou/core", clause: "selection" })
        for (const t of [s.decision.reasons[0]!.text.zh, s.decision.reasons[0]!.text.en]) expect(t).toContain(region)
        return
      }
      if (kept !== undefined) {
        const c = cs.find((c) => c.policy === kept.plugin.id && (c.until === null || asOf <= c.until))!
        expect(s.continued).toEqual(c)
        expect(codes).toEqual(best === undefined ? ["selection.continued-past-expiry"] : ["selection.continued-past-expiry", "selection.continued-instead-of"])
        const [first, second] = s.decision.reasons
        for (const t of [first!.text.zh, first!.text.en]) {
          expect(t).toContain(kept.key)
          expect(t).toContain(kept.plugin.effectiveUntil!)
          if (c.until !== null) expect(t).toContain(c.until)
          if (c.decision !== undefined) expect(t).toContain(c.decision)
        }
        expect(first!.citation).toEqual({ document: kept.plugin.document.number, clause: "validity" })
        expect(s.decision.reasons.every((r) => r.continuedPastExpiry === true)).toBe(true)
        if (second !== undefined) for (const t of [second.text.zh, second.text.en]) expect(t).toContain(best!.key)
        return
      }
      expect(s.continued).toBeUndefined()
      // the most specific in force, then each more specific plugin of the region not in force
      const skipped = covering.filter((l) => !inForce(l.plugin, asOf) && depth(l.plugin.region) > deepest)
      expect(codes).toEqual(["selection.most-specific", ...skipped.map(() => "selection.fallback-out-of-validity")])
      const [most, ...fallbacks] = s.decision.reasons
      expect(most!.citation).toEqual({ document: best!.plugin.document.number, clause: "validity" })
      for (const t of [most!.text.zh, most!.text.en]) {
        expect(t).toContain(best!.key)
        expect(t).toContain(best!.plugin.effectiveFrom)
        if (best!.plugin.region !== null) expect(t).toContain(best!.plugin.region)
        if (best!.plugin.effectiveUntil !== null) expect(t).toContain(best!.plugin.effectiveUntil)
      }
      fallbacks.forEach((r, i) => {
        const l = skipped[i]!
        expect(r.citation).toEqual({ document: l.plugin.document.number, clause: "validity" })
        for (const t of [r.text.zh, r.text.en]) {
          expect(t).toContain(l.key)
          expect(t).toContain(l.plugin.effectiveFrom)
          expect(t).toContain(best!.plugin.document.number)
        }
      })
    }
  )

  it("met every kind of selection reason many times", () => {
    for (const code of ["selection.none-in-force", "selection.most-specific", "selection.fallback-out-of-validity", "selection.continued-past-expiry", "selection.continued-instead-of"]) {
      expect(seen.get(code) ?? 0, code).toBeGreaterThanOrEqual(20)
    }
  })

  test.prop([fc.constantFrom("test-base", "test-county", "test-province", "nope"), fc.option(fc.constantFrom("^1.0.0", "~1.0.0", "1.2.0", "^2.0.0", ">=1.1.0"), { nil: undefined })], { numRuns: 100 })(
    "find gives the highest version of a plugin within the range",
    (id, range) => {
      const all = registry.policies.filter((l) => l.plugin.id === id)
      const found = Selection.find(registry, id, range)
      if (found === undefined) {
        if (range === undefined) expect(all).toEqual([])
        return
      }
      expect(found.plugin.id).toBe(id)
      if (range === undefined) expect(found.plugin.version).toBe(all.map((l) => l.plugin.version).sort().at(-1))
      if (range === "~1.0.0" || range === "1.2.0") expect(found.plugin.version).toBe(range.replace("~", ""))
      if (range === "^2.0.0") expect.unreachable()
    }
  )
})

describe("Selection: the order plugins are loaded in", () => {
  // a third version of the county, so that versions of one plugin come in every order
  const county3 = { ...county, version: "1.10.0" }
  const plugins = [base, child, county, county2, county3, later]
  const reference = Loader.load(plugins)
  test.prop([fc.shuffledSubarray(plugins.slice(2), { minLength: 4, maxLength: 4 }), regions, dateArb("2017-06-01", "2026-12-31"), continuations], { numRuns: 300 })(
    "changes neither the plugin selected nor the one found by id: the highest version wins, wherever it was loaded",
    (rest, region, asOf, cs) => {
      const shuffled = Loader.load([base, child, ...rest])
      expect(shuffled.errors).toEqual([])
      const a = Selection.select(shuffled, region, asOf, cs)
      const b = Selection.select(reference, region, asOf, cs)
      expect(a.policy?.key).toBe(b.policy?.key)
      // the same reasons; those for the more specific plugins out of force follow the load order
      const sorted = (d: typeof a.decision) => ({ ...d, reasons: [d.reasons[0], ...[...d.reasons.slice(1)].sort((x, y) => (x.text.en < y.text.en ? -1 : 1))] })
      expect(sorted(a.decision)).toEqual(sorted(b.decision))
      expect(a.continued).toEqual(b.continued)
      for (const range of [undefined, "^1.0.0", "~1.2.0", "<1.2.0", ">=2.0.0"]) {
        expect(Selection.find(shuffled, county.id, range)?.key, range).toBe(Selection.find(reference, county.id, range)?.key)
      }
    }
  )
  it("finds the highest version satisfying the range, compared as numbers (1.10.0 above 1.2.0)", () => {
    expect(Selection.find(reference, county.id)?.plugin.version).toBe("1.10.0")
    expect(Selection.find(reference, county.id, "~1.2.0")?.plugin.version).toBe("1.2.0")
    expect(Selection.find(reference, county.id, "<1.2.0")?.plugin.version).toBe("1.0.0")
    expect(Selection.find(reference, county.id, ">=2.0.0")).toBeUndefined()
    expect(Selection.find(reference, "no-such-plugin")).toBeUndefined()
    const during = CalendarDate.addDays(county.effectiveFrom, 1)
    expect(Selection.select(reference, "430121101201", during).policy?.plugin.version).toBe("1.10.0")
  })
})
