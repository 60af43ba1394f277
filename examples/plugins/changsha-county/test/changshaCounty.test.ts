import { type CaseFile, Engine, Loader } from "@liushou/core"
import { hunan } from "@liushou/policy-hunan"
import { national } from "@liushou/policy-national"
import { describe, expect, it } from "vitest"
import { changshaCounty } from "../src/index.js"

const registry = Loader.load([national, hunan, changshaCounty])
const engine = Engine.make(registry)
const cf = (elder: Partial<CaseFile.Elder> = {}): CaseFile.CaseFile => ({
  elder: { id: "c1", name: "刘六", sex: "female", birthDate: "1948-05-01", regionCode: "430121101201", rural: true, livingArrangement: "with-spouse", ability: "intact", seriousIllness: false, disabilityGrade: null, annualIncome: 12000, incomeSources: ["farming", "pension"], receiving: [], housingSafety: "safe", ...elder },
  supporters: [{ id: "s", relation: "daughter", whereabouts: "out-of-county", awaySince: "2014-01-01", reportedToVillage: true, lastContact: "2019-06-01" }],
  delegatedCarer: { name: "侄子", relation: "nephew", since: "2015-01-01" },
  visits: [{ date: "2019-06-01", mode: "home", by: "village-committee", concerns: [] }],
  riskAssessments: [{ date: "2019-03-01", level: "low" }]
})
const run = (c: CaseFile.CaseFile, asOf = "2019-06-30") => {
  const r = engine.evaluate(c, asOf)
  if (!r.ok) throw new Error("no policy")
  return r.value
}

describe("Changsha County detailed rules (example override of 湘民发〔2018〕30号)", () => {
  it("loads on top of Hunan and governs Changsha County villages inside Hunan's validity", () => {
    expect(registry.errors).toEqual([])
    const e = run(cf())
    expect(e.policy.id).toBe("changsha-county-2019")
    expect(e.provenance.chain).toEqual(["national-2017-193@1.0.0", "hunan-2018-30@1.3.0", "changsha-county-2019@1.0.0"])
  })

  it("visits low-risk elders every 60 days, citing its own clause", () => {
    const e = run(cf())
    expect(e.risk!.level).toBe("low")
    expect(e.visits!.intervalDays).toBe(60)
    expect(e.visits!.nextDue).toBe("2019-07-31")
    expect(e.visits!.reasons[0]!.citation.document).toBe("长沙县农村留守老年人关爱服务实施细则（示例）")
  })

  it("uses its own dibao standard (5,400 in 2019) where Hunan's sample says 5,160", () => {
    const e = run(cf({ annualIncome: 5300 }))
    expect(e.eligibility!.find((d) => d.program === "dibao")!.status).toBe("eligible")
    expect(e.provenance.parameters).toContainEqual(expect.objectContaining({ id: "hunan.assistance.dibaoStandard", value: 5400, source: "changsha-county-2019@1.0.0" }))
  })

  it("inherits everything else from Hunan (risk grading, follow-up, referrals)", () => {
    // no county grade on record: Hunan's computed level governs, provisionally
    const e = run({ ...cf({ ability: "total" }), riskAssessments: [] })
    expect(e.risk!.level).toBe("high")
    expect(e.risk!.provisional).toBe(true)
    expect(e.visits!.intervalDays).toBe(7)
    expect(e.followUp).toBeDefined()
    expect(e.referrals!.some((r) => r.trigger === "risk:high")).toBe(true)
  })

  it("before its own validity, Hunan governs, and the result says why", () => {
    const e = run(cf(), "2018-10-01")
    expect(e.policy.id).toBe("hunan-2018-30")
    expect(e.visits!.intervalDays).toBe(90)
    expect(e.selection.reasons.map((r) => r.code)).toContain("selection.fallback-out-of-validity")
  })

  it("does not govern other Hunan counties", () => {
    expect(run(cf({ regionCode: "430626100201" })).policy.id).toBe("hunan-2018-30")
  })
})
