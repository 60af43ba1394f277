import * as G from "../internal/generators.js"
import { fail } from "../internal/lawkit.js"
import type { Law } from "./types.js"

const STATUSES = new Set(["eligible", "ineligible", "needs-information", "receiving"])
const WINDOWS = new Set(["not-applicable", "not-due", "due", "late", "overdue"])
const DUTY_STATUSES = new Set(["met", "unmet", "unknown"])

/** Every value of an evaluation belongs to a declared vocabulary: risk levels, follow-up steps, programs, statuses. */
export const vocabulary: Law = {
  id: "vocabulary.declared",
  statement: {
    zh: "评估输出的每个取值都属于声明的词表：风险等级、跟进措施、项目、状态",
    en: "Every output value belongs to a declared vocabulary: risk levels, follow-up steps, programs, statuses"
  },
  appliesTo: (s) => s.policy !== undefined,
  property: ({ subject: s, options }) => {
    const levels = new Set(s.policy!.riskLevels.map((l) => l.id))
    // the chain's declared vocabularies (the national baseline declares the common ones)
    const steps = new Set(s.policy!.vocabularies.followUpSteps.map((x) => x.id))
    const programs = new Set(s.policy!.vocabularies.programs.map((x) => x.id))
    const bad = (what: string, value: unknown, allowed: Iterable<string>): never =>
      fail(
        `${what} is ${JSON.stringify(value)}, not one of the declared [${[...allowed].join(", ")}]`,
        `${what} 的取值 ${JSON.stringify(value)} 不在声明的 [${[...allowed].join("、")}] 之中`
      )
    return {
      kind: "sampled",
      arbitrary: G.shapedCase(s, { leftBehind: "mixed" }, options),
      floor: 0.9,
      precondition: { en: "the case evaluates", zh: "案卷能够评估" },
      check: ({ asOf, caseFile }: G.Dated) => {
        const e = s.evaluate(caseFile, asOf)
        for (const k of ["leftBehind", "priority"] as const) if (![true, false, null].includes(e[k].value)) bad(`${k}.value`, e[k].value, ["true", "false", "null"])
        e.duties.forEach((d, i) => {
          if (!DUTY_STATUSES.has(d.status)) bad(`duties[${i}].status`, d.status, DUTY_STATUSES)
        })
        if (e.risk !== undefined && e.risk.level !== null && !levels.has(e.risk.level)) bad("risk.level", e.risk.level, levels)
        if (e.followUp !== undefined && !steps.has(e.followUp.step)) bad("followUp.step", e.followUp.step, steps)
        if (e.visits !== undefined && !WINDOWS.has(e.visits.window)) bad("visits.window", e.visits.window, WINDOWS)
        e.eligibility?.forEach((x, i) => {
          if (!programs.has(x.program)) bad(`eligibility[${i}].program`, x.program, programs)
          if (!STATUSES.has(x.status)) bad(`eligibility[${i}].status`, x.status, STATUSES)
        })
        return true
      }
    }
  }
}
