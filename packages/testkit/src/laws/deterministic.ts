import { canonicalJson, Engine } from "@liushou/core"
import fc from "fast-check"
import * as G from "../internal/generators.js"
import { fail, firstDifference } from "../internal/lawkit.js"
import type { Law } from "./types.js"

/** The same case at the same date gives the same result, with another elder in between and under a fresh compile; the input is not changed. */
export const deterministic: Law = {
  id: "deterministic",
  statement: {
    zh: "同一案卷在同一日期评估，结果总是相同，且不修改输入",
    en: "Evaluating the same case at the same date always gives the same result and never changes the input"
  },
  appliesTo: (s) => s.policy !== undefined,
  property: ({ subject: s, options }) => ({
    kind: "sampled",
    arbitrary: fc.tuple(G.shapedCase(s, { leftBehind: "mixed", casework: true }, options), G.shapedCase(s, { leftBehind: "mixed" }, options)),
    floor: 0.9,
    precondition: { en: "the case evaluates", zh: "案卷能够评估" },
    features: G.CASEWORK_FIELDS.map((f) => ({ name: f, floor: 0.05, has: ([{ caseFile }]: [G.Dated, G.Dated]) => G.hasCasework(caseFile, f) })),
    check: ([{ asOf, caseFile }, other]: [G.Dated, G.Dated]) => {
      const input = canonicalJson(caseFile)
      const first = canonicalJson(s.evaluate(caseFile, asOf))
      s.evaluate(other.caseFile, asOf)
      const second = canonicalJson(s.evaluate(caseFile, asOf))
      const fresh = canonicalJson(Engine.compile(s.policy!, asOf).evaluate(caseFile, { value: s.policy!.key, reasons: [] }))
      if (canonicalJson(caseFile) !== input) fail("evaluating the case changed the case file", "评估修改了输入的案卷")
      if (first !== second) {
        const [p, d] = firstDifference(JSON.parse(first), JSON.parse(second))
        fail(`evaluating the same case twice (with another elder in between) gave different results at ${p}: ${d}`, `同一案卷评估两次（中间评估了另一位老年人）结果不同：${p}：${d}`)
      }
      if (first !== fresh) {
        const [p, d] = firstDifference(JSON.parse(first), JSON.parse(fresh))
        fail(`a freshly compiled policy gave a different result at ${p}: ${d}`, `重新编译政策后结果不同：${p}：${d}`)
      }
      return true
    }
  })
}
