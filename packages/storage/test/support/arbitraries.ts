/**
 * Case-file generators for the storage tests: every generated case decodes with core's
 * Decode.caseFile (checked in CaseFiles.test.ts), plus records that must be rejected.
 */
import { CalendarDate, type CaseFile, IdNumber } from "@liushou/core"
import fc from "fast-check"

export const VILLAGES = ["430121101201", "430121101203", "430181103204", "431224105210", "433127102207", "110105001001"] as const

const date = (from: string, to: string): fc.Arbitrary<string> =>
  fc.integer({ min: CalendarDate.toDayNumber(from), max: CalendarDate.toDayNumber(to) }).map(CalendarDate.fromDayNumber)

const phone = fc.stringMatching(/^1[3-9]\d{9}$/)
const names = fc.constantFrom("王金莲", "李秀兰", "张建国", "刘德华", "陈春花", "杨长生", "彭冬梅", "谭有财")

const supporter = (i: number): fc.Arbitrary<CaseFile.Supporter> =>
  fc
    .record({
      relation: fc.constantFrom(...(["son", "daughter", "son-in-law", "daughter-in-law", "grandchild", "spouse", "other"] as const)),
      whereabouts: fc.constantFrom(...(["with-elder", "in-county", "out-of-county"] as const)),
      awaySince: fc.option(date("2010-01-01", "2019-06-01"), { nil: null }),
      reportedToVillage: fc.boolean(),
      lastContact: fc.option(date("2018-01-01", "2019-06-30"), { nil: null }),
      name: fc.option(names, { nil: undefined }),
      phone: fc.option(phone, { nil: undefined })
    })
    .map(({ name, phone, ...s }) => ({ id: `S${i + 1}`, ...s, ...(name !== undefined ? { name } : {}), ...(phone !== undefined ? { phone } : {}) }))

const visit: fc.Arbitrary<CaseFile.Visit> = fc.record({
  date: date("2018-01-01", "2019-06-30"),
  mode: fc.constantFrom(...(["home", "phone", "video"] as const)),
  by: fc.constantFrom(...(["village-committee", "township", "neighbor", "volunteer", "social-worker", "elder-association"] as const)),
  concerns: fc.uniqueArray(fc.constantFrom(...(["health", "safety", "housing", "income", "neglect", "abuse", "loneliness", "legal", "other"] as const)), { maxLength: 2 })
})

/** A valid case file for an elder id drawn from `ids`. */
export const caseFile = (ids: fc.Arbitrary<string> = fc.constantFrom("E1", "E2", "E3", "E4", "E5")): fc.Arbitrary<CaseFile.CaseFile> =>
  fc
    .record({
      id: ids,
      name: names,
      sex: fc.constantFrom("male" as const, "female" as const),
      birthDate: date("1925-01-01", "1962-12-31"),
      regionCode: fc.constantFrom(...VILLAGES),
      withIdNumber: fc.boolean(),
      seq: fc.integer({ min: 0, max: 499 }),
      rural: fc.boolean(),
      livingArrangement: fc.constantFrom(...(["alone", "with-spouse", "with-grandchildren", "with-relatives", "other"] as const)),
      ability: fc.constantFrom(...(["intact", "mild", "moderate", "severe", "total"] as const)),
      seriousIllness: fc.boolean(),
      disabilityGrade: fc.constantFrom(null, 1, 2, 3, 4),
      annualIncome: fc.integer({ min: 0, max: 40000 }),
      incomeSources: fc.uniqueArray(fc.constantFrom(...(["farming", "wages", "children", "pension", "assistance", "relatives", "other"] as const)), { maxLength: 3 }),
      receiving: fc.uniqueArray(fc.constantFrom(...(["dibao", "temporary-assistance", "elderly-service-subsidy"] as const)), { maxLength: 2 }),
      phone: fc.option(phone, { nil: undefined }),
      supporters: fc.integer({ min: 0, max: 3 }).chain((n) => fc.tuple(...Array.from({ length: n }, (_, i) => supporter(i)))),
      carer: fc.option(fc.record({ name: names, relation: fc.constantFrom("niece", "brother", "neighbor"), since: date("2015-01-01", "2019-06-01") }), { nil: null }),
      visits: fc.array(visit, { maxLength: 3 }),
      risks: fc.array(fc.record({ date: date("2018-01-01", "2019-06-30"), level: fc.constantFrom("low", "medium", "high") }), { maxLength: 2 })
    })
    .map((r) => ({
      elder: {
        id: r.id,
        name: r.name,
        ...(r.withIdNumber ? { idNumber: IdNumber.make(r.regionCode.slice(0, 6), r.birthDate, r.seq * 2 + (r.sex === "male" ? 1 : 0)) } : {}),
        sex: r.sex,
        birthDate: r.birthDate,
        regionCode: r.regionCode,
        rural: r.rural,
        livingArrangement: r.livingArrangement,
        ability: r.ability,
        seriousIllness: r.seriousIllness,
        disabilityGrade: r.disabilityGrade,
        annualIncome: r.annualIncome,
        incomeSources: r.incomeSources,
        receiving: r.receiving,
        ...(r.phone !== undefined ? { phone: r.phone } : {})
      },
      supporters: r.supporters,
      delegatedCarer: r.carer,
      visits: r.visits,
      riskAssessments: r.risks
    }))

/** Records that must be rejected, as raw JSON Lines text. */
export const badLine: fc.Arbitrary<string> = fc.oneof(
  fc.constant("{not json"),
  caseFile().map((cf) => JSON.stringify({ ...cf, elder: { ...cf.elder, birthDate: "1950-02-30" } })),
  caseFile().map((cf) => JSON.stringify({ ...cf, elder: { ...cf.elder, regionCode: "4301" } })),
  caseFile().map((cf) => JSON.stringify({ ...cf, visits: [{ date: "2019-01-01", mode: "letter", by: "township", concerns: [] }] })),
  caseFile().map((cf) => JSON.stringify({ ...cf, extraField: true })),
  caseFile().map((cf) => {
    const { supporters: _s, ...rest } = cf
    return JSON.stringify(rest)
  })
)

/** A deterministic population of `n` valid case files (for crash and throughput tests), ids `P000001`... */
export const population = function* (n: number, seed = 42): Generator<CaseFile.CaseFile> {
  const sample = fc.sample(caseFile(fc.constant("X")), { numRuns: Math.min(n, 997), seed })
  for (let i = 0; i < n; i++) {
    const base = sample[i % sample.length]!
    const id = `P${String(i + 1).padStart(7, "0")}`
    yield { ...base, elder: { ...base.elder, id, regionCode: VILLAGES[i % VILLAGES.length]!, ...(base.elder.idNumber !== undefined ? { idNumber: IdNumber.make(VILLAGES[i % VILLAGES.length]!.slice(0, 6), base.elder.birthDate, (i % 499) * 2 + (base.elder.sex === "male" ? 1 : 0)) } : {}) } }
  }
}
