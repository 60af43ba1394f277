import { Divisions } from "@liushou/core"
import { describe, expect, it } from "vitest"

describe("Divisions", () => {
  it("names provinces, prefectures and counties, and no township or unknown code", () => {
    expect(Divisions.name("43")).toBe("湖南省")
    expect(Divisions.name("4301")).toBe("长沙市")
    expect(Divisions.name("430121")).toBe("长沙县")
    expect(Divisions.name("430121101")).toBeUndefined()
    expect(Divisions.name("999999")).toBeUndefined()
  })

  it("lists a prefecture's counties, in code order, all inside it", () => {
    const counties = Divisions.countiesIn("4301")
    expect(counties).toContain("430121")
    expect(counties.every((c) => c.length === 6 && c.startsWith("4301") && !c.endsWith("00"))).toBe(true)
    expect([...counties].sort()).toEqual(counties)
  })

  it("parses the list once: every call answers from the same map", () => {
    const first = Divisions.all()
    expect(first.size).toBeGreaterThan(3000)
    expect(Divisions.all()).toBe(first)
  })
})
