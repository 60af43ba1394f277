import { CalendarDate } from "@liushou/core"
import fc from "fast-check"
import * as G from "../internal/generators.js"
import { fail } from "../internal/lawkit.js"
import { hasRules, type Law } from "./types.js"

/**
 * While a concern recorded at the last visit stands (no visit since), time passing never lowers
 * the follow-up step: evaluated later, with nothing recorded in between, the step is at least
 * the one of the earlier date.
 */
export const followUpNoDeEscalation: Law = {
  id: "followUp.no-de-escalation",
  statement: {
    zh: "最近一次探访发现的问题尚未解决（此后没有新的探访）时，随着时间推移，跟进措施不应降级",
    en: "While a concern recorded at the last visit stands (no visit since), follow-up never de-escalates as time passes"
  },
  appliesTo: (s) => hasRules(s, "followUp"),
  property: ({ subject: s, options }) => {
    // the chain's ladder, lowest first
    const ladder = s.policy?.vocabularies.followUpSteps.map((x) => x.id) ?? []
    const rank = (step: string): number => ladder.indexOf(step)
    return {
      kind: "sampled",
      arbitrary: fc.tuple(
        G.shapedCase(s, { leftBehind: "yes", concern: true }, options, G.calendarDate(s.from, CalendarDate.max(s.from, CalendarDate.addDays(s.until, -1)))),
        fc.oneof(fc.integer({ min: 1, max: 3 }), fc.integer({ min: 1, max: 400 }))
      ),
      floor: 0.5,
      precondition: { en: "the elder is left behind with a concern at the last visit, and the later date is within the policy's validity", zh: "老年人为留守老年人，最近一次探访记录了问题，且较晚的日期在政策有效期内" },
      check: ([{ asOf, caseFile }, days]: [G.Dated, number]) => {
        const later = CalendarDate.addDays(asOf, days)
        if (later > s.until) return false
        const a = s.evaluate(caseFile, asOf)
        if (a.leftBehind.value !== true || a.followUp === undefined) return false
        const b = s.evaluate(caseFile, later)
        if (b.followUp === undefined) return false
        if (rank(b.followUp.step) < rank(a.followUp.step)) {
          fail(
            `follow-up was ${a.followUp.step} (${a.followUp.reasons.map((r) => r.code).join(", ")}) on ${asOf} and ${b.followUp.step} (${b.followUp.reasons.map((r) => r.code).join(", ")}) ${days} days later on ${later}, with nothing recorded in between`,
            `${asOf} 的跟进措施为 ${a.followUp.step}，${days}天后（${later}）在没有新记录的情况下降为 ${b.followUp.step}`
          )
        }
        return true
      }
    }
  }
}
