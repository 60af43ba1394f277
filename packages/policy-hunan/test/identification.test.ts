import { describe, expect, it } from "vitest"
import { base, codes, evaluate } from "./helpers.js"

const son = (over: object = {}) => ({ id: "son", relation: "son" as const, whereabouts: "out-of-county" as const, awaySince: "2015-03-01", reportedToVillage: true, lastContact: "2019-06-01", ...over })

describe("§1 identification in Hunan's words", () => {
  it("§1 all supporters away from the county for half a year or more: left behind, citing 湘民发〔2018〕30号 clause 1", () => {
    const e = evaluate(base())
    expect(e.leftBehind.value).toBe(true)
    expect(e.leftBehind.reasons.every((r) => r.citation.document === "湘民发〔2018〕30号" && r.citation.clause === "1")).toBe(true)
    expect(e.leftBehind.reasons[1]!.text.zh).toContain("离开县域范围外出")
  })

  it("§1 a supporter away but still inside the county does not count as away (national counts it)", () => {
    const cf = base({}, { supporters: [son({ whereabouts: "in-county" })] })
    expect(evaluate(cf).leftBehind.value).toBe(false)
    expect(codes(evaluate(cf).leftBehind.reasons)).toContain("left-behind.supporter-not-away")
    // under the national baseline (outside Hunan's validity) the same elder is left behind
    expect(evaluate(cf, "2023-09-01").leftBehind.value).toBe(true)
  })

  it("§1 half a year (半年以上) includes exactly six months", () => {
    const cf = base({}, { supporters: [son({ awaySince: "2018-12-31" })] })
    expect(evaluate(cf).leftBehind.value).toBe(true)
    const short = base({}, { supporters: [son({ awaySince: "2019-01-01" })] })
    expect(evaluate(short).leftBehind.value).toBe(false)
  })

  it("§1 aged 60 or over (60周岁以上), the birthday included", () => {
    expect(evaluate(base({ birthDate: "1959-06-30" })).leftBehind.value).toBe(true)
    expect(evaluate(base({ birthDate: "1959-07-01" })).leftBehind.value).toBe(false)
  })

  it("§1 all children: one child still at home means not left behind", () => {
    const cf = base({}, { supporters: [son(), son({ id: "d", relation: "daughter", whereabouts: "with-elder", awaySince: null })] })
    expect(evaluate(cf).leftBehind.value).toBe(false)
  })

  it("§1 when a supporter's departure date is missing, status is unknown and names the field", () => {
    const e = evaluate(base({}, { supporters: [son({ awaySince: null })] }))
    expect(e.leftBehind.value).toBeNull()
    expect(e.leftBehind.reasons.some((r) => r.text.en.includes("supporters[0].awaySince"))).toBe(true)
  })
})

describe("§1 priority screening (重点排查经济困难家庭的高龄、失能留守老年人)", () => {
  it("§1 an economically difficult household's elder of advanced age is a key target", () => {
    const e = evaluate(base({ birthDate: "1935-01-01", receiving: ["dibao"] }))
    expect(e.priority.value).toBe(true)
    expect(codes(e.priority.reasons)).toEqual(["priority.key-target", "priority.economic-difficulty", "priority.advanced-age"])
    expect(e.priority.reasons[0]!.citation.clause).toBe("10")
  })

  it("§1 a disabled elder with income below 1.5 × the county dibao standard is a key target", () => {
    const e = evaluate(base({ ability: "severe", annualIncome: 7000 }))
    expect(e.priority.value).toBe(true)
    expect(codes(e.priority.reasons)).toContain("priority.low-income")
  })

  it("§1 advanced age alone, without economic difficulty, is not a key target (national would flag it)", () => {
    const cf = base({ birthDate: "1935-01-01" })
    expect(evaluate(cf).priority.value).toBe(false)
    expect(codes(evaluate(cf).priority.reasons)).toContain("priority.not-economic-difficulty")
  })

  it("§1 economic difficulty alone, without advanced age or disability, is not a key target", () => {
    expect(evaluate(base({ receiving: ["dibao"] })).priority.value).toBe(false)
  })

  it("§1 priority is undetermined when only the county's missing dibao standard could decide", () => {
    const e = evaluate(base({ birthDate: "1935-01-01", regionCode: "430124101201" }))
    expect(e.priority.value).toBeNull()
    expect(codes(e.priority.reasons)).toContain("priority.economic-unknown")
  })
})

describe("§2 family duties, cited to Hunan clause 2", () => {
  it("§2 a supporter who has not reported whereabouts to the village committee has an unmet duty", () => {
    const e = evaluate(base({}, { supporters: [son({ reportedToVillage: false })] }))
    const d = e.duties.find((x) => x.duty === "report-to-village")!
    expect(d.status).toBe("unmet")
    expect(d.reasons[0]!.citation).toEqual({ document: "湘民发〔2018〕30号", clause: "2" })
  })

  it("§2 a seriously ill elder needs at least one supporter at home", () => {
    const e = evaluate(base({ seriousIllness: true }))
    expect(e.duties.find((x) => x.duty === "carer-at-home")!.status).toBe("unmet")
  })

  it("§2 every supporter away: a delegated carer meets the duty to entrust the elder's care", () => {
    const e = evaluate(base({}, { delegatedCarer: { name: "侄女", relation: "niece", since: "2016-01-01" } }))
    expect(e.duties.find((x) => x.duty === "delegated-carer")!.status).toBe("met")
  })
})
