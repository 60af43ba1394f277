import { CalendarDate, CaseFile, type Decision, type Evaluation, Membership, Policy } from "@liushou/core"
import * as P from "../parameters/index.js"

const NAMES: Readonly<Record<CaseFile.FactGroup, readonly [string, string]>> = {
  supporters: ["子女等赡养人去向与联系情况", "the supporters' whereabouts and contact"],
  income: ["家庭收入与经济来源", "the household income and its sources"],
  health: ["健康与能力状况", "the elder's health and ability"],
  housing: ["住房安全情况", "the housing"]
}

/**
 * Ledger upkeep (§1 "建立信息共享和动态管理的…信息台账 … 定期排查 … 及时更新"):
 *
 * - Entries and exits: the case file's `ledgerEvents` say whether the elder is in the active
 *   ledger at the as-of date. An elder who has exited (a supporter came home, moved away,
 *   entered a care institution, died) is `exited`: nothing is re-checked, and the case file
 *   and its history stay.
 * - Staleness: each group of facts (supporters, income, health, housing) has the date it was
 *   last verified; it stays valid for `hunan.upkeep.validityDays`. A stale or unknown group
 *   gives `needs-information` with a reason naming it, and a re-check due now; otherwise the
 *   re-check falls due when the first group expires. A verification dated after the as-of
 *   date does not count (the ledger is read as it stood that day).
 *
 * Topic cited: `upkeep`.
 *
 * @category rules
 * @since 0.2.0
 */
export const upkeep = Policy.rule("upkeep", {
  parameters: [P.factValidityDays.id],
  topics: ["upkeep"],
  compile: (env) => {
    const days = env.param<Readonly<Record<CaseFile.FactGroup, number>>>(P.factValidityDays.id)
    const c = env.cite("upkeep")
    const on = { params: [P.factValidityDays.id] }
    // the reasons and the unknown facts of each group, by the group's index in FACT_GROUPS (no
    // key strings built per elder)
    const GROUPS = CaseFile.FACT_GROUPS
    const current = GROUPS.map((g) => env.reason(`upkeep.current.${g}`, c, `${NAMES[g][0]}已在${days[g]}天内核实`, `${NAMES[g][1]} verified within ${days[g]} days`, on))
    const stale = GROUPS.map((g) => env.reason(`upkeep.stale.${g}`, c, `${NAMES[g][0]}核实已超过${days[g]}天：应重新排查`, `${NAMES[g][1]} last verified more than ${days[g]} days ago: check again`, on))
    const unknown = GROUPS.map((g) => env.reason(`upkeep.unknown.${g}`, c, `${NAMES[g][0]}没有核实日期：应排查`, `${NAMES[g][1]} has no verification date: check it`))
    const unknownFact: ReadonlyArray<Evaluation.FactCheck> = GROUPS.map((group) => ({ group, verified: null, validUntil: null, status: "unknown" }))
    const validity = GROUPS.map((g) => days[g])
    // nothing verified: the same facts and reasons for every such elder, built once
    const noneFacts: ReadonlyArray<Evaluation.FactCheck> = unknownFact
    const noneReasons: ReadonlyArray<Decision.Reason> = unknown
    const dates = CalendarDate.memo()
    const names = new Map(env.vocabularies.ledgerReasons.map((r) => [r.id, r.name]))
    const exitReasons = new Map<string, Decision.Reason>()
    const exited = (reasonId: string): Decision.Reason => {
      let r = exitReasons.get(reasonId)
      if (r === undefined) {
        const name = names.get(reasonId) ?? { zh: reasonId, en: reasonId }
        r = env.reason("upkeep.exited", c, `已退出留守老年人信息台账（${name.zh}）：不再定期排查，案卷与历史保留`, `out of the active ledger (${name.en}): no longer re-checked; the case file and its history are kept`)
        exitReasons.set(reasonId, r)
      }
      return r
    }
    const asOf = env.asOf
    const asOfDay = env.asOfDay
    return (cf) => {
      const standing = Membership.at(cf, asOf)
      const ledger: Evaluation.LedgerStanding = { status: standing.status, since: standing.event?.date ?? null, reason: standing.event?.reason ?? null }
      const verified = cf.verified
      if (verified === undefined) {
        if (standing.status === "exited") return { status: "exited", facts: noneFacts, recheckDue: null, ledger, reasons: [exited(standing.event!.reason)] }
        return { status: "needs-information", facts: noneFacts, recheckDue: asOf, ledger, reasons: noneReasons }
      }
      const facts: Array<Evaluation.FactCheck> = []
      const reasons: Array<Decision.Reason> = []
      let earliest: number | null = null
      let due = false
      for (let i = 0; i < GROUPS.length; i++) {
        const group = GROUPS[i]!
        const v = verified[group]
        if (v === undefined || v > asOf) {
          facts.push(unknownFact[i]!)
          reasons.push(unknown[i]!)
          due = true
          continue
        }
        const until = CalendarDate.toDayNumber(v) + validity[i]! - 1
        if (until >= asOfDay) {
          facts.push({ group, verified: v, validUntil: dates.fromDayNumber(until), status: "current" })
          reasons.push(current[i]!)
          if (earliest === null || until + 1 < earliest) earliest = until + 1
        } else {
          facts.push({ group, verified: v, validUntil: dates.fromDayNumber(until), status: "stale" })
          reasons.push(stale[i]!)
          due = true
        }
      }
      if (standing.status === "exited") return { status: "exited", facts, recheckDue: null, ledger, reasons: [exited(standing.event!.reason)] }
      return {
        status: due ? "needs-information" : "current",
        facts,
        recheckDue: due ? asOf : earliest === null ? null : dates.fromDayNumber(earliest),
        ledger,
        reasons
      }
    }
  }
})
