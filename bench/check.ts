/**
 * A fast sanity check of the benchmark's parts (no vitest, no database, well under a
 * minute): the hand-written baseline agrees with the Hunan plugin on values and reason codes
 * for every case of a sample (province and county), the json-rules-engine rules agree with
 * the plugin on risk levels and program statuses, decoding accepts the synthetic cases, and one short timing of
 * the plugin against the baseline runs. Exits non-zero on a failure.
 *
 *   npx tsx --tsconfig bench/tsconfig.json --conditions=@liushou/source bench/check.ts
 */
import { Decode } from "@liushou/core"
import { makeHunanHandwritten } from "./baseline/hunan-handwritten.js"
import { facts, makeJre } from "./baseline/jre-rules.js"
import { agreement } from "./lib/agree.js"
import { hunanPlan } from "./lib/policies.js"
import * as Pop from "./lib/population.js"
import { paired } from "./lib/stats.js"

let failed = false
const check = (ok: boolean, what: string): void => {
  console.log(`${ok ? "ok  " : "FAIL"} ${what}`)
  if (!ok) failed = true
}

const { plan, selection, evaluate } = hunanPlan()
const hand = makeHunanHandwritten(Pop.AS_OF)
for (const kind of ["province", "county"] as const) {
  const sample = Pop.array(3_000, kind)
  const a = agreement(sample, evaluate, hand)
  check(a.rate === 1, `baseline agrees with the plugin on ${a.agreed}/${a.checked} ${kind} cases${a.rate === 1 ? "" : `: ${JSON.stringify(a.examples)}`}`)
  let valid = 0
  for (const cf of sample) if (Decode.caseFile(cf).ok) valid++
  check(valid === sample.length, `every synthetic ${kind} case decodes (${valid}/${sample.length})`)
}

const cases = Pop.array(500, "county")
const jre = makeJre()
let same = 0
for (const cf of cases) {
  const h = hand(cf)
  const r = await jre(facts(cf, Pop.AS_OF, h.leftBehind, h.followUp.step === "criticism-education" || h.followUp.step === "law-enforcement"))
  const ev = evaluate(cf)
  const eligibilityAgrees = ev.eligibility!.every((d) => {
    const j = r.eligibility.find((x) => x.program === d.program)
    return d.status === "receiving" ? j === undefined : j !== undefined && j.status === d.status && j.code === d.reasons[0]!.code
  })
  if (r.riskLevel === ev.risk!.level && eligibilityAgrees) same++
}
check(same === cases.length, `json-rules-engine rules agree with the plugin (risk level, each program's status and first reason code) on ${same}/${cases.length} cases`)

const timing = Pop.array(20_000, "province")
let sink = 0
const t = paired(
  () => {
    for (const cf of timing) sink += plan.evaluate(cf, selection, "v").duties.length
  },
  () => {
    for (const cf of timing) sink += hand(cf).duties.length
  },
  { runs: 3, warmup: 1 }
)
const rate = Math.round((timing.length / t.candidate) * 1000)
check(rate > 0 && sink > 0, `plugin ${rate.toLocaleString("en-US")} elders/s, hand-written ${Math.round((timing.length / t.baseline) * 1000).toLocaleString("en-US")} elders/s (ratio ${(t.candidate / t.baseline).toFixed(2)})`)
process.exit(failed ? 1 : 0)
