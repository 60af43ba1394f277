import { describe, expect, it } from "vitest"
import { base, codes, evaluate } from "./helpers.js"

const son = (over: object = {}) => ({ id: "son", relation: "son" as const, whereabouts: "out-of-county" as const, awaySince: "2015-03-01", reportedToVillage: true, lastContact: "2019-06-01", ...over })
const wife = { id: "wife", relation: "spouse" as const, whereabouts: "with-elder" as const, awaySince: null, reportedToVillage: true, lastContact: null }
const carer = { name: "侄女", relation: "niece", since: "2016-01-01" }

describe("§3 the village committee's follow-up ladder", () => {
  it("§3 every duty met: no follow-up", () => {
    const f = evaluate(base({}, { delegatedCarer: carer })).followUp!
    expect(f).toMatchObject({ step: "none", reportToTownship: false })
    expect(codes(f.reasons)).toEqual(["follow-up.duties-met"])
  })

  it("§3 an unmet duty: the committee reminds and presses the supporters (督促)", () => {
    const f = evaluate(base({}, { delegatedCarer: carer, supporters: [son({ reportedToVillage: false }), wife] })).followUp!
    expect(f.step).toBe("reminder")
    expect(f.reportToTownship).toBe(false)
    expect(f.reasons[0]!.citation).toEqual({ document: "湘民发〔2018〕30号", clause: "3" })
  })

  it("§3 a reminder for a key target is reported to the township (重点对象要及时报告乡镇人民政府)", () => {
    const f = evaluate(base({ birthDate: "1935-01-01", receiving: ["dibao"] }, { delegatedCarer: carer, supporters: [son({ reportedToVillage: false }), wife] })).followUp!
    expect(f.step).toBe("reminder")
    expect(f.reportToTownship).toBe(true)
  })

  it("§3 no contact for more than 180 days: criticism and education (批评教育), reported", () => {
    const f = evaluate(base({}, { delegatedCarer: carer, supporters: [son({ lastContact: "2018-12-01" }), wife] })).followUp!
    expect(f.step).toBe("criticism-education")
    expect(f.reportToTownship).toBe(true)
    expect(codes(f.reasons)).toContain("follow-up.no-contact")
  })

  it("§3 no one entrusted and no one at home: criticism and education", () => {
    const f = evaluate(base({ livingArrangement: "alone" }, { supporters: [son()] })).followUp!
    expect(f.step).toBe("criticism-education")
    expect(codes(f.reasons)).toContain("follow-up.household-duty-unmet")
  })

  it("§3 a spouse at home softens a missing delegation to a reminder", () => {
    expect(evaluate(base()).followUp!.step).toBe("reminder")
  })

  it("§3 abuse recorded at the last visit is a serious case: handed over to law enforcement (提交执法部门)", () => {
    const f = evaluate(base({}, { delegatedCarer: carer, visits: [{ date: "2019-06-10", mode: "home", by: "village-committee", concerns: ["abuse"] }] })).followUp!
    expect(f.step).toBe("law-enforcement")
    expect(f.reportToTownship).toBe(true)
  })

  it("§3 a concern recorded after the as-of date is not known yet", () => {
    const f = evaluate(base({}, { delegatedCarer: carer, visits: [{ date: "2019-07-10", mode: "home", by: "village-committee", concerns: ["abuse"] }] })).followUp!
    expect(f.step).toBe("none")
  })

  it("§3 not left behind: no follow-up", () => {
    const f = evaluate(base({ rural: false })).followUp!
    expect(f.step).toBe("none")
    expect(codes(f.reasons)).toEqual(["follow-up.not-left-behind"])
  })
})
