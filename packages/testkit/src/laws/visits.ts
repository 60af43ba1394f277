import type { CaseFile } from "@liushou/core"
import fc from "fast-check"
import * as Arbitraries from "../Arbitraries.js"
import * as G from "../internal/generators.js"
import { fail } from "../internal/lawkit.js"
import { hasRules, type Law } from "./types.js"

/**
 * Whether the governing visits rule was written knowing the risk levels: it comes from the plugin
 * that defines the governing risk rule or from a more specific one. An inherited visits rule
 * above the risk rule (the national baseline's, one interval for all) cannot speak of levels.
 */
const visitsFollowRisk = (s: Parameters<Law["appliesTo"]>[0]): boolean => {
  if (!hasRules(s, "risk", "visits")) return false
  const policy = s.policy!
  const where = (name: "risk" | "visits"): number => {
    const rule = policy.rules.get(name)?.[0]
    return policy.chain.findIndex((p) => (p.rules as Record<string, unknown>)[name] === rule)
  }
  return where("visits") >= where("risk")
}

/** Among elders evaluated on the same date, a higher risk level never gets a longer visit interval. */
export const visitsByLevel: Law = {
  id: "visits.interval-by-level",
  statement: {
    zh: "风险等级较高的老年人，探访间隔不应比等级较低的更长",
    en: "An elder at a higher risk level never gets a longer visit interval than one at a lower level"
  },
  appliesTo: visitsFollowRisk,
  property: ({ subject: s, options }) => ({
    kind: "sampled",
    arbitrary: Arbitraries.asOfDate(s.from, s.until).chain((asOf) =>
      fc.tuple(fc.constant(asOf), fc.array(G.shapedCase(s, { leftBehind: "yes" }, options, fc.constant(asOf)).map((d) => d.caseFile), { minLength: 3, maxLength: 8 }))
    ),
    floor: 0.5,
    precondition: { en: "two elders of the same date are graded at different levels with a visit interval each", zh: "同一日期有两位老年人风险等级不同且都有探访间隔" },
    check: ([asOf, cases]: [string, Array<CaseFile.CaseFile>]) => {
      const graded = cases.map((cf) => s.evaluate(cf, asOf)).filter((e) => e.risk?.level != null && e.visits?.intervalDays != null)
      let compared = false
      for (const a of graded) {
        for (const b of graded) {
          if (s.rank(a.risk!.level) <= s.rank(b.risk!.level)) continue
          compared = true
          if (a.visits!.intervalDays! > b.visits!.intervalDays!) {
            fail(
              `elder ${a.elderId} at the higher level ${s.levelName(a.risk!.level).en} gets a visit every ${a.visits!.intervalDays} days, but elder ${b.elderId} at the lower level ${s.levelName(b.risk!.level).en} every ${b.visits!.intervalDays} days`,
              `老年人 ${a.elderId} 风险等级较高（${s.levelName(a.risk!.level).zh}），探访间隔${a.visits!.intervalDays}天，反而长于等级较低（${s.levelName(b.risk!.level).zh}）的 ${b.elderId} 的${b.visits!.intervalDays}天`
            )
          }
        }
      }
      return compared
    }
  })
}
