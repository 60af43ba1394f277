// Two choices the scenarios did not reach: a spouse (or an assisting relation) at home is family
// care at home for the delegation duty, and a category a county excludes from the definition is
// a reason that rests on that county's local parameter.
import { type CaseFile, Engine, Loader, type Parameter, Policy } from "@liushou/core"
import { describe, expect, it } from "vitest"
import { national, NationalParameters as P } from "../src/index.js"

const AS_OF = "2019-06-30"
const caseFile = (supporters: ReadonlyArray<CaseFile.Supporter>, elder: Partial<CaseFile.Elder> = {}): CaseFile.CaseFile => ({
  elder: {
    id: "HN-0002",
    name: "张桂英",
    sex: "female",
    birthDate: "1950-01-01",
    regionCode: "430121101201",
    rural: true,
    livingArrangement: "with-spouse",
    ability: "intact",
    seriousIllness: false,
    disabilityGrade: null,
    annualIncome: 4800,
    incomeSources: ["farming"],
    receiving: [],
    ...elder
  },
  supporters: [{ id: "S1", relation: "son", whereabouts: "out-of-county", awaySince: "2017-03-01", reportedToVillage: true, lastContact: "2019-06-20" }, ...supporters],
  delegatedCarer: null,
  visits: [],
  riskAssessments: []
})
const athome = (id: string, relation: CaseFile.Supporter["relation"]): CaseFile.Supporter => ({ id, relation, whereabouts: "with-elder", awaySince: null, reportedToVillage: true, lastContact: null })

/** a county plugin of 430121 extending the national baseline with one parameter of its own */
const countyWith = (id: string, parameter: Parameter.Parameter) => {
  const { riskLevels: _levels, vocabularies: _vocabularies, ...baseline } = national
  return Policy.define({
    ...baseline,
    id,
    region: "430121",
    effectiveFrom: "2019-01-01",
    extends: { id: national.id, version: `^${national.version}` },
    rules: {},
    overrides: [],
    parameters: [parameter] as ReadonlyArray<Parameter.Parameter>
  })
}

describe("family at home and excluded categories", () => {
  const engine = Engine.make(Loader.load([national]))
  const delegation = (cf: CaseFile.CaseFile) => {
    const r = engine.evaluate(cf, AS_OF)
    if (!r.ok) throw new Error("not evaluated")
    return r.value.duties.find((d) => d.duty === "delegated-carer")
  }

  it("every supporter away and no carer named: a spouse or a son-in-law at home meets the delegation duty; a grandchild (not owing support while a son does) does not", () => {
    expect(delegation(caseFile([athome("W", "spouse")]))?.status).toBe("met")
    expect(delegation(caseFile([athome("L", "son-in-law")]))?.status).toBe("met")
    expect(delegation(caseFile([athome("G", "grandchild")]))?.status).toBe("unmet")
    expect(delegation(caseFile([]))?.status).toBe("unmet")
  })

  it("no one owing support (no supporters, or only a spouse): no household duty is found, however ill the elder", () => {
    const duties = (cf: CaseFile.CaseFile) => {
      const r = engine.evaluate(cf, AS_OF)
      if (!r.ok) throw new Error("not evaluated")
      return r.value.duties.map((d) => d.duty)
    }
    const ill = { seriousIllness: true, ability: "total" } as const
    expect(duties({ ...caseFile([], ill), supporters: [] })).toEqual([])
    expect(duties({ ...caseFile([], ill), supporters: [athome("W", "spouse")] })).toEqual([])
    // the same elder with the son: the household duties are found
    expect(duties(caseFile([], ill))).toEqual(expect.arrayContaining(["delegated-carer", "carer-at-home", "financial-support"]))
  })

  it("financial support: the village committee's finding when recorded, else the children among the income sources, else unknown", () => {
    const financial = (cf: CaseFile.CaseFile) => {
      const r = engine.evaluate(cf, AS_OF)
      if (!r.ok) throw new Error("not evaluated")
      const d = r.value.duties.find((x) => x.duty === "financial-support")
      return [d?.status, d?.reasons.map((x) => [x.code, x.text.zh, x.text.en])]
    }
    const code = (cf: CaseFile.CaseFile) => (financial(cf)[1] as Array<Array<string>>).map((x) => x[0])
    // a finding of the committee decides, whatever the income sources say (the texts carry their basis)
    expect(financial(caseFile([], { facts: { "financial-support": true } }))).toEqual([
      "met",
      [["duties.financial.met", "赡养人履行经济上供养义务（村（居）委会核实）（解释）", "the supporters provide for the elder financially (as the village committee found) (interpretation)"]]
    ])
    expect(financial(caseFile([], { facts: { "financial-support": false }, incomeSources: ["children"] }))).toEqual([
      "unmet",
      [["duties.financial.unmet", "赡养人未履行经济上供养义务（村（居）委会核实）（解释）", "the supporters do not provide for the elder financially (as the village committee found) (interpretation)"]]
    ])
    expect(financial(caseFile([], { incomeSources: ["farming", "children"] }))[0]).toBe("met")
    expect(code(caseFile([], { incomeSources: ["farming", "children"] }))).toEqual(["duties.financial.income-from-children"])
    expect(financial(caseFile([]))[0]).toBe("unknown")
    expect(code(caseFile([]))).toEqual(["duties.financial.unknown"])
  })

  it("family care at home rests on the relations parameters: a county's local value of the assisting relations makes its reason local", () => {
    // the national relations, confirmed by the county as its own reading
    const county = countyWith("county-assisting-test", { ...P.assistingRelations, values: [{ from: "2019-01-01", value: P.assistingRelations.values[0]!.value, status: "local" }] })
    const family = (engine: Engine.Engine) => {
      const r = engine.evaluate(caseFile([athome("L", "son-in-law")]), AS_OF)
      if (!r.ok) throw new Error("not evaluated")
      const d = r.value.duties.find((x) => x.duty === "delegated-carer")
      return [d?.status, d?.reasons.map((x) => [x.code, x.basis])]
    }
    const local = Engine.make(Loader.load([national, county]))
    expect(local.registry.errors).toEqual([])
    expect(family(engine)).toEqual(["met", [["duties.delegation.family-at-home", "interpretation"]]])
    expect(family(local)).toEqual(["met", [["duties.delegation.family-at-home", "local"]]])
  })

  it("a county that counts only absence from the county says so in the left-behind reasons", () => {
    const county = countyWith("county-away-test", { ...P.awayWhereabouts, values: [{ from: "2019-01-01", value: ["out-of-county"], status: "local" }] })
    const local = Engine.make(Loader.load([national, county]))
    expect(local.registry.errors).toEqual([])
    const son = (whereabouts: CaseFile.Whereabouts): CaseFile.Supporter => ({ id: "S1", relation: "son", whereabouts, awaySince: "2015-01-01", reportedToVillage: true, lastContact: "2019-06-01" })
    const reasons = (e: Engine.Engine, whereabouts: CaseFile.Whereabouts) => {
      const r = e.evaluate(caseFile([son(whereabouts)]), AS_OF)
      if (!r.ok) throw new Error("not evaluated")
      return [r.value.leftBehind.value, r.value.leftBehind.reasons.find((x) => x.code !== "left-behind.age")!.text] as const
    }
    const [awayValue, awayText] = reasons(local, "out-of-county")
    expect(awayValue).toBe(true)
    expect(awayText.zh).toContain("离开县域范围外出")
    expect(awayText.en).toContain("away from the county")
    const [inCountyValue, inCountyText] = reasons(local, "in-county")
    expect(inCountyValue).toBe(false)
    expect(inCountyText.zh).toContain("离开县域范围外出")
    // nationally, absence within the county counts too, and the reasons say "away from home"
    const [nationalValue, nationalText] = reasons(engine, "in-county")
    expect(nationalValue).toBe(true)
    expect(nationalText.zh).toContain("离开户籍地外出")
    expect(nationalText.en).toContain("away from home")
  })

  it("an excluded category is a reason resting on the county's local parameter", () => {
    // the child inherits the baseline's levels and vocabularies (declaring them again would be a duplicate)
    const { riskLevels: _levels, vocabularies: _vocabularies, ...baseline } = national
    const county = Policy.define({
      ...baseline,
      id: "county-excluded-test",
      region: "430121",
      effectiveFrom: "2019-01-01",
      extends: { id: national.id, version: `^${national.version}` },
      rules: {},
      overrides: [],
      parameters: [{ ...P.excludedCategories, values: [{ from: "2019-01-01", value: ["extreme-poverty"] }] }] as ReadonlyArray<Parameter.Parameter>
    })
    const e = Engine.make(Loader.load([national, county]))
    expect(e.registry.errors).toEqual([])
    const r = e.evaluate(caseFile([], { categories: ["extreme-poverty"] }), AS_OF)
    if (!r.ok) throw new Error("not evaluated")
    expect(r.value.leftBehind.value).toBe(false)
    const excluded = r.value.leftBehind.reasons.find((x) => x.code === "left-behind.excluded-category")
    expect(excluded?.basis).toBe("local")
  })
})
