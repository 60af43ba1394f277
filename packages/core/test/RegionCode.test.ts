import { fc, test } from "@fast-check/vitest"
import { RegionCode } from "@liushou/core"
import { describe, expect, it } from "vitest"

describe("RegionCode", () => {
  it("knows levels, parents and prefixes", () => {
    expect(RegionCode.level("43")).toBe("province")
    expect(RegionCode.level("4301")).toBe("prefecture")
    expect(RegionCode.level("430121")).toBe("county")
    expect(RegionCode.level("430121101")).toBe("township")
    expect(RegionCode.level("430121101201")).toBe("village")
    expect(RegionCode.level("4301211")).toBeUndefined()
    expect(RegionCode.parent("430121101201")).toBe("430121101")
    expect(RegionCode.parent("43")).toBeUndefined()
    expect(RegionCode.at("430121101201", "county")).toBe("430121")
    expect(RegionCode.at("4301", "county")).toBeUndefined()
  })

  it("refuses wildcard-like and malformed codes", () => {
    for (const bad of ["", "4", "43%", "43*", "4301210", "43012110120", "00", "abc123", " 43", "43 "]) expect(RegionCode.isValid(bad)).toBe(false)
    expect(RegionCode.isVillage("430121101201")).toBe(true)
    expect(RegionCode.isVillage("430121101")).toBe(false)
  })

  it("contains by prefix; null is the whole country", () => {
    expect(RegionCode.contains("43", "430121101201")).toBe(true)
    expect(RegionCode.contains("4302", "430121101201")).toBe(false)
    expect(RegionCode.contains(null, "150102101201")).toBe(true)
    expect(RegionCode.contains("430121101201", "430121")).toBe(false)
  })

  const village = fc.stringMatching(/^[1-6]\d{11}$/)
  test.prop([village], { numRuns: 1000 })("every ancestor contains the village; the parent chain ends at the province", (v) => {
    let code: string | undefined = v
    let steps = 0
    while (code !== undefined) {
      expect(RegionCode.contains(code, v)).toBe(true)
      code = RegionCode.parent(code)
      steps++
    }
    expect(steps).toBe(5)
  })

  test.prop([village, village], { numRuns: 1000 })("containment is a prefix order: two villages are both inside a region only if they share its prefix", (a, b) => {
    for (const l of RegionCode.LEVELS) {
      const scope = a.slice(0, l.length)
      expect(RegionCode.contains(scope, b)).toBe(b.startsWith(scope))
    }
  })
})
