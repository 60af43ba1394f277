import { CalendarDate, type Decision, type Evaluation, Membership, Policy, Service } from "@liushou/core"
import * as P from "../parameters/index.js"
import { openConcerns } from "./shared.js"

const CANNOT_CARE = new Set(["severe", "total"])

/**
 * Care services received against those needed (§10 "增强生活照料、精神慰藉、安全监护、权益维护等
 * 基本服务"; §4 the professional services): for each kind of the chain's `serviceKinds`,
 * whether the elder needs it (`hunan.services.neededWhen`: any of its conditions holds) and the
 * latest service of it within the window of `hunan.services.windowDays` ending on the as-of date
 * (service records and visits' services alike, `Service.received`).
 *
 * - `not-applicable` for an elder who is not left behind or is out of the active ledger.
 * - A needed kind without a service in the window is `missing`, and the decision `unmet`.
 * - Unknown facts: left-behind status unknown, or `priority` undetermined where it decides a
 *   need, make that need `needs-information` (never a silent "not needed").
 *
 * Topics cited: `services` (§10), and `services.<kind>` where the governing chain names a clause
 * for a kind of its own (Hunan: emergency assistance and rehabilitation care, §4).
 *
 * @category rules
 * @since 0.3.0
 */
export const services = Policy.rule("services", {
  parameters: [P.serviceNeededWhen.id, P.serviceRightsConcerns.id, P.serviceWindowDays.id],
  topics: ["services"],
  reading: "interpretation",
  compile: (env) => {
    const when = env.param<Readonly<Record<string, ReadonlyArray<P.ServiceCondition>>>>(P.serviceNeededWhen.id)
    const rightsConcerns = env.param<ReadonlyArray<string>>(P.serviceRightsConcerns.id)
    const windowDays = env.param<number>(P.serviceWindowDays.id)
    const windowFrom = CalendarDate.fromDayNumber(env.asOfDay - windowDays + 1)
    const asOf = env.asOf
    const c = env.cite("services")
    const citeKind = (kind: string): Decision.Citation => {
      try {
        return env.cite(`services.${kind}`)
      } catch {
        return c
      }
    }
    const kinds = env.vocabularies.serviceKinds.map((k) => ({ id: k.id, name: k.name, conditions: when[k.id] ?? [] }))
    const needOn = { params: [P.serviceNeededWhen.id] }
    const windowOn = { params: [P.serviceNeededWhen.id, P.serviceWindowDays.id] }
    // each kind's reasons by status, built once (no key strings per elder)
    const R = kinds.map((k) => {
      const cite = citeKind(k.id)
      return {
        received: env.reason(`services.received.${k.id}`, cite, `需要${k.name.zh}，${windowDays}天内已提供`, `needs ${k.name.en}: received within ${windowDays} days`, windowOn),
        missing: env.reason(`services.missing.${k.id}`, cite, `需要${k.name.zh}，但${windowDays}天内未提供：应安排服务`, `needs ${k.name.en} but received none within ${windowDays} days: arrange it`, windowOn),
        "needs-information": env.reason(`services.unknown.${k.id}`, cite, `是否需要${k.name.zh}待定（留守认定或重点对象认定信息不全）`, `whether ${k.name.en} is needed is undetermined (left-behind or key-target status unknown)`, needOn)
      }
    })
    // no kind needed (exited, not left behind): the same list for every such elder
    const noNeeds: ReadonlyArray<Evaluation.ServiceNeed> = kinds.map((k) => ({ kind: k.id, needed: false, status: "not-needed" as const, lastReceived: null }))
    const notLeftBehind = env.reason("services.not-left-behind", c, "不属于留守老年人：不统计关爱服务需求", "not left behind: no care-service needs are counted")
    const exited = env.reason("services.exited", c, "已退出留守老年人信息台账：不统计关爱服务需求", "out of the active ledger: no care-service needs are counted")
    const noneNeeded = env.reason("services.none-needed", c, "按本政策没有需要的关爱服务", "no kind of care service is needed under this policy", needOn)
    const rightsAt = (cf: Parameters<typeof openConcerns>[0]): boolean => openConcerns(cf, asOf, rightsConcerns).length > 0
    // the same decision for every elder out of scope (as other rules share theirs)
    const exitedOut: Evaluation.ServicesDecision = { status: "not-applicable", windowFrom, needs: noNeeds, reasons: [exited] }
    const notLeftBehindOut: Evaluation.ServicesDecision = { status: "not-applicable", windowFrom, needs: noNeeds, reasons: [notLeftBehind] }
    return (cf, _ctx, prior) => {
      const leftBehind = prior.leftBehind?.value ?? null
      if (Membership.at(cf, asOf).status === "exited") return exitedOut
      if (leftBehind === false) return notLeftBehindOut
      const priority = prior.priority?.value ?? null
      const e = cf.elder
      const received = Service.received(cf)
      let rights: boolean | undefined
      const needs: Array<Evaluation.ServiceNeed> = []
      const reasons: Array<Decision.Reason> = []
      let missing = false
      let unknown = false
      for (let i = 0; i < kinds.length; i++) {
        const k = kinds[i]!
        // any condition that holds makes the need; else an unknown one leaves it undetermined
        let needed: boolean | null = false
        for (const cond of k.conditions) {
          // inline (no closure per elder)
          const h =
            cond === "left-behind"
              ? leftBehind
              : cond === "lives-alone"
                ? e.livingArrangement === "alone"
                : cond === "priority"
                  ? priority
                  : cond === "cannot-care-for-self"
                    ? CANNOT_CARE.has(e.ability)
                    : cond === "seriously-ill"
                      ? e.seriousIllness
                      : cond === "disabled"
                        ? e.disabilityGrade !== null
                        : cond === "open-concern" && (rights ??= rightsAt(cf))
          if (h === true) {
            needed = true
            break
          }
          if (h === null) needed = null
        }
        // a left-behind status still unknown leaves every need undetermined
        if (needed === true && leftBehind === null) needed = null
        const last = needed === false ? null : Service.lastOf(received, k.id, windowFrom, asOf)
        const status: Evaluation.ServiceNeedStatus = needed === false ? "not-needed" : last !== null ? "received" : needed === true ? "missing" : "needs-information"
        if (status === "missing") missing = true
        if (status === "needs-information") unknown = true
        if (status !== "not-needed") reasons.push(R[i]![status])
        needs.push({ kind: k.id, needed, status, lastReceived: last })
      }
      if (reasons.length === 0) reasons.push(noneNeeded)
      return { status: missing ? "unmet" : unknown ? "needs-information" : "met", windowFrom, needs, reasons }
    }
  }
})
