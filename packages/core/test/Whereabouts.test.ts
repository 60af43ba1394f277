import { CaseFile } from "@liushou/core"
import { describe, expect, it } from "vitest"

// Whereabouts, from nearest to farthest; each names the smallest area the supporter is known to
// be in (with-elder, in-township) or known to be outside (out-of-county, out-of-province), or the
// county without saying which township (in-county).
const AREAS = ["township", "county", "province"] as const
// what each value says (indexes of AREAS): the smallest area the supporter is known to be in (3:
// none), and the largest the supporter is known to be outside of (-1: none)
const BOUNDS: Record<CaseFile.Whereabouts, readonly [inside: number, outside: number]> = {
  "with-elder": [0, -1],
  "in-township": [0, -1],
  "in-county": [1, -1],
  "out-of-county": [3, 1],
  "out-of-province": [3, 2]
}

describe("CaseFile whereabouts", () => {
  it("every whereabouts value is described", () => {
    expect(Object.keys(BOUNDS).sort()).toEqual([...CaseFile.WHEREABOUTS].sort())
  })

  it("awayFrom: false inside the area the value names, true outside it, null where the value does not say", () => {
    for (const w of CaseFile.WHEREABOUTS) {
      const [inside, outside] = BOUNDS[w]
      AREAS.forEach((area, i) => {
        // inside the area when it is at least as large as the one the supporter is known to be in;
        // away when it is no larger than the one the supporter is known to be outside of
        const expected = i >= inside ? false : i <= outside ? true : null
        expect([w, area, CaseFile.awayFrom(w, area)]).toEqual([w, area, expected])
      })
    }
    // away from the province implies away from the county and the township
    for (const w of CaseFile.WHEREABOUTS) {
      if (CaseFile.awayFrom(w, "province") === true) expect([CaseFile.awayFrom(w, "county"), CaseFile.awayFrom(w, "township")]).toEqual([true, true])
      if (CaseFile.awayFrom(w, "county") === true) expect(CaseFile.awayFrom(w, "township")).toBe(true)
      if (CaseFile.awayFrom(w, "township") === false) expect([CaseFile.awayFrom(w, "county"), CaseFile.awayFrom(w, "province")]).toEqual([false, false])
    }
  })

  it("coarse keeps the three values older case files use, and only loses detail: what it says about the county is what the finer value says", () => {
    for (const w of CaseFile.WHEREABOUTS) {
      const c = CaseFile.coarse(w)
      expect(["with-elder", "in-county", "out-of-county"]).toContain(c)
      if (c === w) continue
      expect(CaseFile.awayFrom(c, "county")).toBe(CaseFile.awayFrom(w, "county"))
      for (const area of AREAS) {
        const coarseSays = CaseFile.awayFrom(c, area)
        if (coarseSays !== null) expect(coarseSays).toBe(CaseFile.awayFrom(w, area))
      }
    }
    expect(CaseFile.WHEREABOUTS.map(CaseFile.coarse)).toEqual(["with-elder", "in-county", "in-county", "out-of-county", "out-of-county"])
  })
})
