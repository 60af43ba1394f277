import { CalendarDate, Decision, Policy } from "@liushou/core"
import { notApplicableSchedule, VISIT_WINDOWS } from "@liushou/policy-national"
import * as P from "../parameters/index.js"
import { lastCountingVisit } from "./shared.js"


/**
 * The periodic visit system (§1 定期探访制度; §3 电话问候、上门访问): the interval by risk level
 * (`hunan.visits.intervalDays`), the visit modes that count (`hunan.visits.countingModes`), the
 * last visit on or before the as-of date (later visits are ignored), the next due date and the
 * window: `not-due` before it, `due` through the grace period (`hunan.visits.graceDays`), `late`
 * until a second interval has passed, `overdue` after that. `overdue` is true from `late` on; an
 * elder never visited is overdue now. An extra visit is owed after a concern at the last
 * visit (within `hunan.visits.extraVisitDays`, or `hunan.visits.urgentExtraVisitDays` for an
 * urgent concern) and, now, for a serious illness no visit has recorded a health concern about.
 *
 * The interval follows the governing risk level (the county's recorded grade while valid, else
 * the provisional computed one); an elder whose left-behind status is unknown has a provisional
 * level and so stays in the schedule. Elders not left behind: `not-applicable`.
 * Topics cited: `visits`, `visits.modes`, `visits.extra`.
 *
 * @category rules
 * @since 0.1.0
 */
export const visits = Policy.rule("visits", {
  parameters: [P.visitIntervalDays.id, P.visitGraceDays.id, P.visitModes.id, P.extraVisitConcerns.id, P.extraVisitDays.id, P.urgentConcerns.id, P.urgentExtraVisitDays.id],
  topics: ["visits", "visits.modes", "visits.extra"],
  compile: (env) => {
    const intervals = env.param<Readonly<Record<string, number>>>(P.visitIntervalDays.id)
    const graces = env.param<Readonly<Record<string, number>>>(P.visitGraceDays.id)
    const modeList = env.param<ReadonlyArray<string>>(P.visitModes.id)
    const modes = new Set(modeList)
    const extraConcerns = new Set(env.param<ReadonlyArray<string>>(P.extraVisitConcerns.id))
    const extraDays = env.param<number>(P.extraVisitDays.id)
    const urgent = new Set(env.param<ReadonlyArray<string>>(P.urgentConcerns.id))
    const urgentDays = env.param<number>(P.urgentExtraVisitDays.id)
    const c = env.cite("visits")
    const m = env.cite("visits.modes")
    const x = env.cite("visits.extra")
    const reason = env.reason
    const levels = env.riskLevels.map((l) => l.id)
    const names = new Map(env.riskLevels.map((l) => [l.id, l.name]))
    const modesZh = modeList.map((v) => ({ home: "上门", phone: "电话", video: "视频" })[v] ?? v).join("、")
    const R = {
      notApplicable: reason("visits.not-applicable", c, "不属于留守老年人，不纳入定期探访", "not left behind: not in the periodic visit system"),
      modes: reason("visits.counting-modes", m, `计为探访的方式：${modesZh}`, `visit modes that count: ${modeList.join(", ")}`, { params: [P.visitModes.id] }),
      never: reason("visits.never-visited", c, "没有探访记录：应立即探访", "no visit on record: a visit is owed now"),
      window: {
        "not-due": reason("visits.window.not-due", c, "下次探访尚未到期", "the next visit is not yet due", { params: [P.visitIntervalDays.id] }),
        due: reason("visits.window.due", c, "探访已到期，仍在宽限期内", "a visit is due and within the grace period", { params: [P.visitGraceDays.id] }),
        late: reason("visits.window.late", c, "探访已过宽限期，逾期", "the visit is past its grace period: late", { params: [P.visitGraceDays.id] }),
        overdue: reason("visits.window.overdue", c, "已超过两个探访间隔未探访，严重逾期", "no visit for more than two intervals: overdue", { params: [P.visitIntervalDays.id] })
      },
      extraConcern: reason("visits.extra.concern", x, `最近一次探访记录了关注事项：${extraDays}天内加访`, `a concern was recorded at the last visit: an extra visit within ${extraDays} days`, { params: [P.extraVisitConcerns.id, P.extraVisitDays.id] }),
      extraUrgent: reason("visits.extra.urgent", x, `最近一次探访发现虐待、疏于照料或安全问题：${urgentDays}天内加访`, `abuse, neglect or a safety concern was recorded at the last visit: an extra visit within ${urgentDays} day(s)`, { params: [P.urgentConcerns.id, P.urgentExtraVisitDays.id] }),
      extraIllness: reason("visits.extra.illness", x, "患严重疾病而探访中尚未记录健康情况：应立即加访", "a serious illness no visit has yet recorded a health concern about: an extra visit is owed now", { reading: "interpretation" })
    }
    const intervalReason = new Map(
      levels.map((id) => {
        const n = names.get(id)!
        const days = intervals[id]
        return [id, reason(`visits.interval.${id}`, c, `${n.zh}：每${days}天至少探访1次（宽限${graces[id]}天）`, `${n.en}: at least one visit every ${days} days (grace ${graces[id]} days)`, { params: [P.visitIntervalDays.id, P.visitGraceDays.id] })] as const
      })
    )
    const cache: Array<ReadonlyArray<Decision.Reason> | undefined> = []
    const reasonsFor = (level: string, window: number, never: boolean, extra: number): ReadonlyArray<Decision.Reason> => {
      const key = levels.indexOf(level) * 64 + window * 16 + (never ? 8 : 0) + extra
      let rs = cache[key]
      if (rs === undefined) {
        rs = [
          intervalReason.get(level)!,
          R.modes,
          ...(never ? [R.never] : []),
          R.window[VISIT_WINDOWS[window]!],
          ...(extra & 1 ? [R.extraConcern] : []),
          ...(extra & 2 ? [R.extraUrgent] : []),
          ...(extra & 4 ? [R.extraIllness] : [])
        ]
        cache[key] = rs
      }
      return rs
    }
    const notApplicable = notApplicableSchedule(R.notApplicable)
    const asOf = env.asOf
    const asOfDay = env.asOfDay
    const dates = CalendarDate.memo()
    return (cf, _ctx, prior) => {
      const level = prior.risk?.level ?? null
      if (level === null) return notApplicable
      const interval = intervals[level]! // the loader checks the table has every level of the chain
      const grace = graces[level]!
      const last = lastCountingVisit(cf.visits, asOf, modes)
      let healthSeen = false
      for (const v of cf.visits) if (v.date <= asOf && modes.has(v.mode) && v.concerns.includes("health")) healthSeen = true
      let extra = 0
      let extraDue: number | null = null
      if (last !== undefined) {
        let isUrgent = false
        let isExtra = false
        for (const k of last.concerns) {
          if (urgent.has(k)) isUrgent = true
          else if (extraConcerns.has(k)) isExtra = true
        }
        if (isUrgent || isExtra) {
          extra |= isUrgent ? 2 : 1
          extraDue = CalendarDate.toDayNumber(last.date) + (isUrgent ? urgentDays : extraDays)
        }
      }
      if (cf.elder.seriousIllness && !healthSeen) {
        extra |= 4
        extraDue = extraDue === null ? asOfDay : Math.min(extraDue, asOfDay)
      }
      const extraVisitDue = extraDue === null ? null : dates.fromDayNumber(extraDue)
      if (last === undefined) {
        return { intervalDays: interval, lastVisit: null, nextDue: asOf, overdue: true, window: "overdue", extraVisitDue, reasons: reasonsFor(level, 3, true, extra) }
      }
      const dueDay = CalendarDate.toDayNumber(last.date) + interval
      const w = asOfDay < dueDay ? 0 : asOfDay <= dueDay + grace ? 1 : asOfDay <= dueDay + interval ? 2 : 3
      return {
        intervalDays: interval,
        lastVisit: last.date,
        nextDue: dates.fromDayNumber(dueDay),
        overdue: w >= 2,
        window: VISIT_WINDOWS[w]!,
        extraVisitDue,
        reasons: reasonsFor(level, w, false, extra)
      }
    }
  }
})
