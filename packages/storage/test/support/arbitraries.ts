/**
 * Case files for the storage tests, drawn with the testkit's generator (`Arbitraries.caseFile`,
 * so every case decodes with core's Decode.caseFile) in the villages below at 2019-06-30, plus
 * records that must be rejected and a deterministic population.
 */
import { type CaseFile, IdNumber } from "@liushou/core"
import { Arbitraries } from "@liushou/testkit"
import fc from "fast-check"

export const VILLAGES = ["430121101201", "430121101203", "430181103204", "431224105210", "433127102207", "110105001001"] as const

const AS_OF = "2019-06-30"
const RISK_LEVELS = ["low", "medium", "high"]

/** A valid case file for an elder id drawn from `ids`, in one of {@link VILLAGES}. */
export const caseFile = (ids: fc.Arbitrary<string> = fc.constantFrom("E1", "E2", "E3", "E4", "E5")): fc.Arbitrary<CaseFile.CaseFile> =>
  fc
    .tuple(ids, fc.constantFrom(...VILLAGES))
    .chain(([id, village]) => Arbitraries.caseFile({ asOf: AS_OF, region: village, riskLevels: RISK_LEVELS }).map((cf) => ({ ...cf, elder: { ...cf.elder, id } })))

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
