import { type CaseFile, Engine, type Evaluation, Loader } from "@liushou/core"
import { national } from "@liushou/policy-national"
import { hunan } from "../src/index.js"

export const registry = Loader.load([national, hunan])
export const engine = Engine.make(registry)

export const evaluate = (cf: CaseFile.CaseFile, asOf = "2019-06-30"): Evaluation.Evaluation => {
  const r = engine.evaluate(cf, asOf)
  if (!r.ok) throw new Error(r.error.reason.reasons.map((x) => x.text.en).join("; "))
  return r.value
}

type DeepPartialElder = Partial<CaseFile.Elder>

/**
 * A left-behind elder in Changsha County at 2019-06-30: 70, intact, living with a spouse, an
 * income above every line, one son away out of the county since 2015 who called last month,
 * visited by phone last month, assessed this year. Nothing is wrong; tests change one fact.
 * The same case is the `changsha` base of the scenario files in test/scenarios/.
 */
export const base = (elder: DeepPartialElder = {}, rest: Partial<Omit<CaseFile.CaseFile, "elder">> = {}): CaseFile.CaseFile => ({
  elder: {
    id: "e1",
    name: "王五",
    sex: "male",
    birthDate: "1949-01-15",
    regionCode: "430121101201",
    rural: true,
    livingArrangement: "with-spouse",
    ability: "intact",
    seriousIllness: false,
    disabilityGrade: null,
    annualIncome: 20000,
    incomeSources: ["farming", "pension"],
    receiving: [],
    housingSafety: "safe",
    ...elder
  },
  supporters: [
    { id: "son", relation: "son", whereabouts: "out-of-county", awaySince: "2015-03-01", reportedToVillage: true, lastContact: "2019-06-01" },
    { id: "wife", relation: "spouse", whereabouts: "with-elder", awaySince: null, reportedToVillage: true, lastContact: null }
  ],
  delegatedCarer: null,
  visits: [{ date: "2019-06-10", mode: "phone", by: "village-committee", concerns: [] }],
  riskAssessments: [{ date: "2019-01-10", level: "low" }],
  ...rest
})
