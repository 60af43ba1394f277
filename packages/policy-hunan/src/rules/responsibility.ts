import { Assignment, type Decision, type Evaluation, Policy } from "@liushou/core"
import * as P from "../parameters/index.js"


const STATUSES: ReadonlyArray<Evaluation.AssignmentStatus> = ["assigned", "missing", "not-required", "needs-information"]

/**
 * Named responsibility (§1 定期探访制度, §3 村委会组织定期探访, §4 结对帮扶): at the as-of date,
 * the responsible visitor and the pairings in force, read from the case file's assignments.
 *
 * - Visitor: required for every left-behind elder, and for every elder whose status is still
 *   unknown (someone must go and find out), when `hunan.responsibility.visitorRequired`;
 *   `missing` when required and nobody is assigned.
 * - Pairing: required for the groups in `hunan.responsibility.pairingRequiredFor` (`priority`:
 *   the key targets; `high-risk`: the highest risk level); `needs-information` when priority is
 *   undetermined and decides the need; `missing` when required and nobody is paired.
 * - Attribution: the visits on or before the as-of date, and how many were made by a person
 *   assigned to the elder on the visit's date.
 *
 * Topics cited: `responsibility`, `responsibility.pairing`.
 *
 * @category rules
 * @since 0.2.0
 */
export const responsibility = Policy.rule("responsibility", {
  parameters: [P.visitorRequired.id, P.pairingRequiredFor.id],
  topics: ["responsibility", "responsibility.pairing"],
  compile: (env) => {
    const visitorRequired = env.param<boolean>(P.visitorRequired.id)
    const requiredFor = new Set(env.param<ReadonlyArray<string>>(P.pairingRequiredFor.id))
    const highest = env.riskLevels.length > 0 ? env.riskLevels[env.riskLevels.length - 1]!.id : null
    const c = env.cite("responsibility")
    const p = env.cite("responsibility.pairing")
    const reason = env.reason
    const groupsZh = [...requiredFor].map((g) => ({ priority: "重点对象", "high-risk": "高风险老年人" })[g] ?? g).join("、")
    const groupsEn = [...requiredFor].join(", ")
    const V = {
      assigned: reason("responsibility.visitor.assigned", c, "已明确责任探访人", "a responsible visitor is named"),
      missing: reason("responsibility.visitor.missing", c, "没有明确的责任探访人：村（居）委会应指定专人定期探访", "no responsible visitor is named: the village committee should name one for the periodic visits"),
      "not-required": reason("responsibility.visitor.not-required", c, "不属于留守老年人，无须指定责任探访人", "not left behind: no responsible visitor is required"),
      unknown: reason("responsibility.visitor.left-behind-unknown", c, "留守认定信息不全：在核实之前仍须有人定期探访", "left-behind status is unknown: someone must still visit until it is checked"),
      optional: reason("responsibility.visitor.optional", c, "本政策未要求每人指定责任探访人", "this policy does not require a named responsible visitor")
    }
    const G = {
      assigned: reason("responsibility.pairing.assigned", p, "已结对帮扶", "paired with a volunteer (结对帮扶)"),
      missing: reason("responsibility.pairing.missing", p, `属于须结对帮扶的对象（${groupsZh}），尚未结对`, `must be paired (${groupsEn}) but has no pairing`),
      "not-required": reason("responsibility.pairing.not-required", p, `不属于须结对帮扶的对象（${groupsZh || "无"}）`, `not among the elders who must be paired (${groupsEn || "none"})`),
      "needs-information": reason("responsibility.pairing.priority-unknown", p, "是否属于重点对象待定，无法判断是否须结对帮扶", "whether the elder is a key target is undetermined, so whether a pairing is required cannot be judged")
    }
    const cache = new Map<number, ReadonlyArray<Decision.Reason>>()
    const reasonsFor = (visitor: number, pairing: number, unknown: boolean, optional: boolean): ReadonlyArray<Decision.Reason> => {
      const key = visitor * 16 + pairing * 4 + (unknown ? 2 : 0) + (optional ? 1 : 0)
      let rs = cache.get(key)
      if (rs === undefined) {
        const v = STATUSES[visitor]!
        const g = STATUSES[pairing]!
        rs = [
          ...(unknown ? [V.unknown] : []),
          // where the policy requires no named visitor, "not required" is said by V.optional (the
          // elder may well be left behind)
          ...(optional && v === "not-required" ? [] : [v === "needs-information" ? V.missing : V[v]]),
          ...(optional ? [V.optional] : []),
          g === "assigned" ? G.assigned : G[g]
        ]
        cache.set(key, rs)
      }
      return rs
    }
    const asOf = env.asOf
    return (cf, _ctx, prior) => {
      const leftBehind = prior.leftBehind?.value ?? null
      const priority = prior.priority?.value ?? null
      const level = prior.risk?.level ?? null
      const responsible = Assignment.responsibleVisitorAt(cf, asOf)
      const pairings = Assignment.activeAt(cf, "pairing", asOf)
      const pairedWith: Array<string> = []
      for (const a of pairings) if (!pairedWith.includes(a.personId)) pairedWith.push(a.personId)
      // visitor: 0 assigned, 1 missing, 2 not required
      const needsVisitor = leftBehind !== false && visitorRequired
      const visitor = responsible !== null ? 0 : needsVisitor ? 1 : 2
      const pairingRequired: boolean | null =
        leftBehind === false
          ? false
          : (requiredFor.has("priority") && priority === true) || (requiredFor.has("high-risk") && level !== null && level === highest)
            ? true
            : requiredFor.has("priority") && priority === null
              ? null
              : false
      const pairing = pairedWith.length > 0 ? 0 : pairingRequired === true ? 1 : pairingRequired === null ? 3 : 2
      let total = 0
      let attributed = 0
      for (const v of cf.visits) {
        if (v.date > asOf) continue
        total++
        if (Assignment.isAttributed(cf, v)) attributed++
      }
      return {
        responsibleVisitor: responsible,
        visitorRequired: needsVisitor,
        visitor: STATUSES[visitor]!,
        pairedWith,
        pairingRequired,
        pairing: STATUSES[pairing]!,
        visitsAttributed: attributed,
        visitsTotal: total,
        reasons: reasonsFor(visitor, pairing, leftBehind === null, !visitorRequired && leftBehind !== false)
      }
    }
  }
})
