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
    const R = new Map(
      CaseFile.FACT_GROUPS.flatMap((g) => {
        const [zh, en] = NAMES[g]
        return [
          [`${g}|current`, env.reason(`upkeep.current.${g}`, c, `${zh}已在${days[g]}天内核实`, `${en} verified within ${days[g]} days`, on)],
          [`${g}|stale`, env.reason(`upkeep.stale.${g}`, c, `${zh}核实已超过${days[g]}天：应重新排查`, `${en} last verified more than ${days[g]} days ago: check again`, on)],
          [`${g}|unknown`, env.reason(`upkeep.unknown.${g}`, c, `${zh}没有核实日期：应排查`, `${en} has no verification date: check it`)]
        ] as const
      })
    )
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
      const facts: Array<Evaluation.FactCheck> = []
      const reasons: Array<Decision.Reason> = []
      let earliest: number | null = null
      let due = false
      for (const group of CaseFile.FACT_GROUPS) {
        const v = verified?.[group]
        if (v === undefined || v > asOf) {
          facts.push({ group, verified: null, validUntil: null, status: "unknown" })
          reasons.push(R.get(`${group}|unknown`)!)
          due = true
          continue
        }
        const until = CalendarDate.toDayNumber(v) + days[group] - 1
        const status = until >= asOfDay ? "current" : "stale"
        facts.push({ group, verified: v, validUntil: CalendarDate.fromDayNumber(until), status })
        reasons.push(R.get(`${group}|${status}`)!)
        if (status === "stale") due = true
        else if (earliest === null || until + 1 < earliest) earliest = until + 1
      }
      if (standing.status === "exited") return { status: "exited", facts, recheckDue: null, ledger, reasons: [exited(standing.event!.reason)] }
      return {
        status: due ? "needs-information" : "current",
        facts,
        recheckDue: due ? asOf : earliest === null ? null : CalendarDate.fromDayNumber(earliest),
        ledger,
        reasons
      }
    }
  }
})
