import { type CaseFile, Engine, Evaluation, Loader } from "@liushou/core"
import { national } from "@liushou/policy-national"
import { describe, expect, it } from "vitest"

const engine = Engine.make(Loader.load([national]))
const AS_OF = "2019-06-30"

const son = (patch: Partial<CaseFile.Supporter> = {}): CaseFile.Supporter => ({
  id: "S1",
  relation: "son",
  whereabouts: "out-of-county",
  awaySince: "2018-03-01",
  reportedToVillage: true,
  lastContact: "2019-06-20",
  ...patch
})

const elder = (patch: Partial<CaseFile.Elder> = {}, rest: Partial<CaseFile.CaseFile> = {}): CaseFile.CaseFile => ({
  elder: {
    id: "HN-0001",
    name: "张桂英",
    sex: "female",
    birthDate: "1959-01-01",
    regionCode: "430121101201",
    rural: true,
    livingArrangement: "alone",
    ability: "mild",
    seriousIllness: false,
    disabilityGrade: null,
    annualIncome: 4800,
    incomeSources: ["farming", "children"],
    receiving: [],
    ...patch
  },
  supporters: [son()],
  delegatedCarer: { name: "李四", relation: "niece", since: "2018-03-01" },
  visits: [],
  riskAssessments: [],
  ...rest
})

const run = (cf: CaseFile.CaseFile, asOf = AS_OF): Evaluation.Evaluation => {
  const r = engine.evaluate(cf, asOf)
  if (!r.ok) throw new Error(JSON.stringify(r.error))
  return r.value
}
const codes = (d: { reasons: ReadonlyArray<{ code: string }> }) => d.reasons.map((r) => r.code)

describe("national baseline: identification (民发〔2017〕193号; 老年人权益保障法 art. 2)", () => {
  it("a rural elder of 60 whose only son has been away for over half a year is left behind", () => {
    const e = run(elder())
    expect(e.leftBehind.value).toBe(true)
    expect(codes(e.leftBehind)).toEqual(["left-behind.age", "left-behind.all-away"])
    // the national text sets no number of months: the reason says the figure is a local choice
    expect(e.leftBehind.reasons[1]!.text.zh).toBe("全部子女或其他赡养人离开户籍地外出6个月以上（本地设定）")
    expect(e.leftBehind.reasons[1]!.basis).toBe("local")
    expect(e.leftBehind.reasons[0]!.basis).toBe("law")
  })

  it("60周岁以上 includes the 60th birthday itself; the day before does not count", () => {
    expect(run(elder({ birthDate: "1959-06-30" })).leftBehind.value).toBe(true)
    expect(run(elder({ birthDate: "1959-07-01" })).leftBehind.value).toBe(false)
    expect(codes(run(elder({ birthDate: "1959-07-01" })).leftBehind)).toEqual(["left-behind.under-age"])
  })

  it("半年以上 includes exactly six months, with the month-end rule", () => {
    expect(run(elder({}, { supporters: [son({ awaySince: "2018-12-30" })] })).leftBehind.value).toBe(true)
    expect(run(elder({}, { supporters: [son({ awaySince: "2018-12-31" })] }), "2019-06-30").leftBehind.value).toBe(true)
    expect(run(elder({}, { supporters: [son({ awaySince: "2019-01-01" })] })).leftBehind.value).toBe(false)
    // 2018-08-31 + 6 months = 2019-02-28 (clamped): six months are complete on 2019-02-28
    expect(run(elder({}, { supporters: [son({ awaySince: "2018-08-31" })] }), "2019-02-28").leftBehind.value).toBe(true)
    expect(run(elder({}, { supporters: [son({ awaySince: "2018-08-31" })] }), "2019-02-27").leftBehind.value).toBe(false)
  })

  it("all children must be away: one at home means not left behind", () => {
    const e = run(elder({}, { supporters: [son(), son({ id: "S2", relation: "daughter", whereabouts: "with-elder", awaySince: null })] }))
    expect(e.leftBehind.value).toBe(false)
    expect(codes(e.leftBehind)).toContain("left-behind.supporter-not-away")
  })

  it("nationally, a child elsewhere in the county counts as away (leaving the place of household registration)", () => {
    expect(run(elder({}, { supporters: [son({ whereabouts: "in-county" })] })).leftBehind.value).toBe(true)
  })

  it("an elder with no supporters at all is not left behind under this definition, and the reasons say so", () => {
    const e = run(elder({}, { supporters: [] }))
    expect(e.leftBehind.value).toBe(false)
    expect(codes(e.leftBehind)).toContain("left-behind.no-supporters")
    expect(e.leftBehind.reasons[1]!.text.en).toContain("not left behind under this definition")
  })

  it("a spouse (扶养, not 赡养) at home does not stop an elder being left behind", () => {
    const e = run(elder({ livingArrangement: "with-spouse" }, { supporters: [son(), son({ id: "S2", relation: "spouse", whereabouts: "with-elder", awaySince: null })] }))
    expect(e.leftBehind.value).toBe(true)
    expect(codes(e.leftBehind)).toContain("left-behind.spouse-not-supporter")
    // and a spouse alone is no supporter
    expect(codes(run(elder({}, { supporters: [son({ relation: "spouse", whereabouts: "with-elder" })] })).leftBehind)).toContain("left-behind.no-supporters")
  })

  it("when a needed fact is missing the value is null and the reason names the field", () => {
    const e = run(elder({}, { supporters: [son(), son({ id: "S2", awaySince: null })] }))
    expect(e.leftBehind.value).toBeNull()
    expect(e.leftBehind.reasons[1]!.text.en).toContain("supporters[1].awaySince")
    // a definite "no" wins over a missing fact
    expect(run(elder({}, { supporters: [son({ awaySince: null }), son({ id: "S2", whereabouts: "with-elder" })] })).leftBehind.value).toBe(false)
  })

  it("an urban elder is not a rural left-behind elder", () => {
    expect(codes(run(elder({ rural: false })).leftBehind)).toEqual(["left-behind.not-rural"])
  })

  it("a departure dated after the as-of date is not yet an absence", () => {
    expect(run(elder({}, { supporters: [son({ awaySince: "2019-07-15" })] })).leftBehind.value).toBe(false)
  })
})

describe("national baseline: priority screening (重点排查)", () => {
  it("flags economic difficulty, advanced age (80+) and disability (moderate or worse)", () => {
    expect(codes(run(elder({ receiving: ["dibao"] })).priority)).toEqual(["priority.economic-difficulty"])
    expect(codes(run(elder({ birthDate: "1939-06-30" })).priority)).toEqual(["priority.advanced-age"])
    expect(run(elder({ birthDate: "1939-07-01" })).priority.value).toBe(false)
    expect(codes(run(elder({ ability: "moderate" })).priority)).toEqual(["priority.disabled"])
    expect(run(elder({ ability: "mild" })).priority.value).toBe(false)
    expect(codes(run(elder({ categories: ["extreme-poverty"], ability: "total", birthDate: "1930-01-01" })).priority)).toEqual([
      "priority.economic-difficulty",
      "priority.advanced-age",
      "priority.disabled"
    ])
  })
  it("is false for an elder who is not left behind, null when that is unknown", () => {
    expect(codes(run(elder({ receiving: ["dibao"] }, { supporters: [] })).priority)).toEqual(["priority.not-left-behind"])
    expect(run(elder({ receiving: ["dibao"] }, { supporters: [son({ awaySince: null })] })).priority.value).toBeNull()
  })
})

describe("national baseline: family duties (老年人权益保障法 arts. 14-18)", () => {
  const duty = (e: Evaluation.Evaluation, name: string, supporterId: string | null = null) => e.duties.find((d) => d.duty === name && d.supporterId === supporterId)

  it("regular contact: met within 30 days, unmet after, unknown without a date (or with one after the as-of date)", () => {
    expect(duty(run(elder()), "regular-contact", "S1")?.status).toBe("met")
    expect(duty(run(elder({}, { supporters: [son({ lastContact: "2019-05-31" })] })), "regular-contact", "S1")?.status).toBe("met")
    expect(duty(run(elder({}, { supporters: [son({ lastContact: "2019-05-30" })] })), "regular-contact", "S1")?.status).toBe("unmet")
    expect(duty(run(elder({}, { supporters: [son({ lastContact: null })] })), "regular-contact", "S1")?.status).toBe("unknown")
    expect(duty(run(elder({}, { supporters: [son({ lastContact: "2019-07-01" })] })), "regular-contact", "S1")?.status).toBe("unknown")
    // a contact on the as-of date itself is known, and within the 30 days
    expect(duty(run(elder({}, { supporters: [son({ lastContact: "2019-06-30" })] })), "regular-contact", "S1")?.status).toBe("met")
  })

  it("reporting whereabouts to the village committee, per supporter away", () => {
    expect(duty(run(elder({}, { supporters: [son({ reportedToVillage: false })] })), "report-to-village", "S1")?.status).toBe("unmet")
    expect(duty(run(elder({}, { supporters: [son({ whereabouts: "with-elder" })] })), "report-to-village", "S1")).toBeUndefined()
  })

  it("a delegated carer when every supporter is away", () => {
    expect(duty(run(elder()), "delegated-carer")?.status).toBe("met")
    expect(duty(run(elder({}, { delegatedCarer: null })), "delegated-carer")?.status).toBe("unmet")
    expect(duty(run(elder({}, { delegatedCarer: { name: "李四", relation: "niece", since: "2019-07-01" } })), "delegated-carer")?.status).toBe("unmet")
    expect(duty(run(elder({}, { supporters: [son({ whereabouts: "with-elder" })], delegatedCarer: null })), "delegated-carer")).toBeUndefined()
  })

  it("at least one supporter at home for an elder seriously ill or unable to care for themselves", () => {
    expect(duty(run(elder({ seriousIllness: true })), "carer-at-home")?.status).toBe("unmet")
    expect(duty(run(elder({ ability: "severe" })), "carer-at-home")?.status).toBe("unmet")
    expect(duty(run(elder({ ability: "moderate" })), "carer-at-home")).toBeUndefined()
    expect(duty(run(elder({ ability: "total" }, { supporters: [son(), son({ id: "S2", whereabouts: "with-elder" })] })), "carer-at-home")?.status).toBe("met")
  })

  it("every reason cites a clause of a document", () => {
    const e = run(elder({ seriousIllness: true, receiving: ["dibao"] }, { delegatedCarer: null }))
    const all = [...e.leftBehind.reasons, ...e.priority.reasons, ...e.duties.flatMap((d) => d.reasons)]
    expect(all.length).toBeGreaterThan(4)
    for (const r of all) {
      expect(r.citation.document.length).toBeGreaterThan(0)
      expect(r.citation.clause).toMatch(/^\d+(\.\d+)*$/)
      expect(r.text.zh.length).toBeGreaterThan(0)
      expect(r.text.en.length).toBeGreaterThan(0)
    }
  })
})

describe("national plugin metadata", () => {
  it("loads without errors and its parameters have no gaps or overlaps", () => {
    const r = Loader.load([national])
    expect(r.errors).toEqual([])
    expect(r.policies[0]!.plugin.region).toBeNull()
  })
})
