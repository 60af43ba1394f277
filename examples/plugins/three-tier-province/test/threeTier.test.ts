import { type CaseFile, Engine, Loader } from "@liushou/core"
import { national } from "@liushou/policy-national"
import { fc, test } from "@fast-check/vitest"
import { describe, expect, it } from "vitest"
import { threeTierProvince } from "../src/index.js"

const engine = Engine.make(Loader.load([national, threeTierProvince]))
const cf = (elder: Partial<CaseFile.Elder> = {}, visits: CaseFile.CaseFile["visits"] = []): CaseFile.CaseFile => ({
  elder: { id: "m1", name: "巴特尔", sex: "male", birthDate: "1950-01-01", regionCode: "150121100201", rural: true, livingArrangement: "with-spouse", ability: "intact", seriousIllness: false, disabilityGrade: null, annualIncome: 12000, incomeSources: ["farming"], receiving: [], ...elder },
  supporters: [],
  delegatedCarer: null,
  visits,
  riskAssessments: []
})
const run = (c: CaseFile.CaseFile, asOf = "2023-06-30") => {
  const r = engine.evaluate(c, asOf)
  if (!r.ok) throw new Error("no policy")
  return r.value
}

describe("three-tier province (model of the Inner Mongolia scheme)", () => {
  it("loads on the national baseline and governs region 15 from 2022-06-23", () => {
    expect(Loader.load([national, threeTierProvince]).errors).toEqual([])
    expect(run(cf()).policy.id).toBe("three-tier-province-2022")
    expect(run(cf(), "2022-06-22").policy.id).toBe("national-2017-193")
  })

  it("covers empty-nest elders (its own definition), in the general tier, visited every quarter", () => {
    const e = run(cf())
    expect(e.leftBehind.value).toBe(false)
    expect(e.risk!.level).toBe("general")
    expect(e.visits!.intervalDays).toBe(91)
  })

  it("80+ living alone or empty-nest is high risk, visited weekly", () => {
    const e = run(cf({ birthDate: "1940-01-01" }))
    expect(e.risk!.level).toBe("high")
    expect(e.visits!.intervalDays).toBe(7)
  })

  it("disabled, extreme poverty or family-planning special: key, visited monthly", () => {
    for (const elder of [{ ability: "moderate" as const }, { categories: ["extreme-poverty" as const] }, { categories: ["family-planning-special" as const] }]) {
      expect(run(cf(elder)).risk!.level).toBe("key")
    }
  })

  it("a concern at the last visit calls for a visit within 24 hours", () => {
    expect(run(cf({}, [{ date: "2023-06-20", mode: "video", by: "volunteer", concerns: ["health"] }])).visits!.extraVisitDue).toBe("2023-06-21")
  })

  it("an elder living with relatives who is not left behind is not covered", () => {
    expect(run(cf({ livingArrangement: "with-relatives" })).risk!.level).toBeNull()
  })

  const RANK: Record<string, number> = { general: 0, key: 1, high: 2 }
  test.prop([fc.constantFrom("intact", "mild", "moderate", "severe", "total"), fc.boolean(), fc.integer({ min: 1930, max: 1963 }), fc.constantFrom("alone", "with-spouse", "with-grandchildren")], { numRuns: 500 })(
    "a higher tier never lengthens the visit interval",
    (ability, ill, year, living) => {
      const a = run(cf({ ability, seriousIllness: ill, birthDate: `${year}-01-01`, livingArrangement: living }))
      const b = run(cf())
      if (a.risk!.level === null) return
      if (RANK[a.risk!.level]! >= RANK[b.risk!.level!]!) expect(a.visits!.intervalDays!).toBeLessThanOrEqual(b.visits!.intervalDays!)
    }
  )
})
