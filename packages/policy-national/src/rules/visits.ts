import { CalendarDate, type CaseFile, Decision, type Evaluation, Policy } from "@liushou/core"
import { VISITS_GUIDANCE_2022 } from "../document.js"
import * as P from "../parameters.js"

/**
 * The windows of a visit schedule that has an interval, in order: a rule computes the index
 * (0 before the due date, 1 on it, 2 late, 3 overdue) and reads the name here.
 *
 * @category rules
 * @since 0.4.0
 */
export const VISIT_WINDOWS = ["not-due", "due", "late", "overdue"] as const

/**
 * The schedule of an elder outside the periodic visits (`window: "not-applicable"`, no interval,
 * no dates), with the one reason that says why. The national and the provincial visit rules
 * both answer with it.
 *
 * @category rules
 * @since 0.4.0
 */
export const notApplicableSchedule = (reason: Decision.Reason): Evaluation.VisitSchedule => ({
  intervalDays: null,
  lastVisit: null,
  nextDue: null,
  overdue: false,
  window: "not-applicable",
  extraVisitDue: null,
  reasons: [reason]
})

const MODE_ZH: Readonly<Record<string, string>> = { home: "上门", phone: "电话", video: "视频" }

/**
 * The national periodic-visit duty (定期探访制度 of 民发〔2017〕193号; 定期上门入户、电话视频 of the 2022
 * guidance, `VISITS_GUIDANCE_2022`): one interval for everyone (`national.visits.intervalDays`,
 * local: the national texts set no number and no risk grading), the modes that count
 * (`national.visits.countingModes`), the last counting visit on or before the as-of date, the next
 * due date and the window: `not-due` before it, `due` on it, `late` until a second interval has
 * passed, `overdue` after that (`overdue` is true from `late` on); an elder never visited is
 * overdue now.
 *
 * Left-behind elders are in the schedule, and so are elders whose left-behind status is unknown
 * (unknown is not "out of care"; a reason names the missing facts through `leftBehind`). Elders
 * not left behind: `not-applicable`. A province's own visit rule replaces this one while its
 * document is in force (Hunan: `overrides: ["priority", "visits"]`).
 *
 * Topics cited: `visits`, `visits.modes`.
 *
 * @category rules
 * @since 0.4.0
 */
export const visits = Policy.rule("visits", {
  parameters: [P.visitIntervalDays.id, P.visitModes.id],
  topics: ["visits", "visits.modes"],
  compile: (env) => {
    const interval = env.param<number>(P.visitIntervalDays.id)
    const modeList = env.param<ReadonlyArray<string>>(P.visitModes.id)
    const modes = new Set(modeList)
    const c = env.cite("visits")
    const m = env.cite("visits.modes")
    const g = Decision.cite(VISITS_GUIDANCE_2022, "definition")
    const reason = env.reason
    const modesZh = modeList.map((v) => MODE_ZH[v] ?? v).join("、")
    const R = {
      notApplicable: reason("visits.not-applicable", c, "不属于留守老年人，不纳入定期探访", "not left behind: not in the periodic visit system"),
      interval: reason("visits.interval", c, `定期探访：每${interval}天至少探访1次`, `periodic visits: at least one visit every ${interval} days`, { params: [P.visitIntervalDays.id] }),
      modes: reason("visits.counting-modes", m, `计为探访的方式：${modesZh}`, `visit modes that count: ${modeList.join(", ")}`, { params: [P.visitModes.id] }),
      guidance: reason(
        "visits.guidance-2022",
        g,
        "留守老年人属特殊困难老年人，应通过定期上门入户、电话视频等方式探访关爱",
        "left-behind elders are among the elders in special difficulty to be visited regularly at home or by phone or video",
        { params: [P.visitModes.id] }
      ),
      unknown: reason("visits.status-unknown", c, "留守认定所需信息不全：仍纳入定期探访，待核实", "left-behind status is unknown: kept in the periodic visits until it is established", { reading: "interpretation" }),
      never: reason("visits.never-visited", c, "没有探访记录：应立即探访", "no visit on record: a visit is owed now"),
      window: {
        "not-due": reason("visits.window.not-due", c, "下次探访尚未到期", "the next visit is not yet due", { params: [P.visitIntervalDays.id] }),
        due: reason("visits.window.due", c, "今日探访到期", "a visit is due today", { params: [P.visitIntervalDays.id] }),
        late: reason("visits.window.late", c, "探访已过期，逾期", "the visit is past its due date: late", { params: [P.visitIntervalDays.id] }),
        overdue: reason("visits.window.overdue", c, "已超过两个探访间隔未探访，严重逾期", "no visit for more than two intervals: overdue", { params: [P.visitIntervalDays.id] })
      }
    }
    // every combination of window, never visited and unknown status, built once
    const cache: Array<ReadonlyArray<Decision.Reason> | undefined> = []
    const reasonsFor = (window: number, never: boolean, unknown: boolean): ReadonlyArray<Decision.Reason> => {
      const key = window * 4 + (never ? 2 : 0) + (unknown ? 1 : 0)
      let rs = cache[key]
      if (rs === undefined) {
        rs = [...(unknown ? [R.unknown] : []), R.interval, R.modes, R.guidance, ...(never ? [R.never] : []), R.window[VISIT_WINDOWS[window]!]]
        cache[key] = rs
      }
      return rs
    }
    const notApplicable = notApplicableSchedule(R.notApplicable)
    const asOf = env.asOf
    const asOfDay = env.asOfDay
    const dates = CalendarDate.memo()
    return (cf, _ctx, prior) => {
      const status = prior.leftBehind?.value ?? null
      if (status === false) return notApplicable
      const unknown = status === null
      let last: CaseFile.Visit | undefined
      for (let i = 0; i < cf.visits.length; i++) {
        const v = cf.visits[i]!
        if (v.date > asOf || !modes.has(v.mode)) continue
        if (last === undefined || v.date >= last.date) last = v
      }
      if (last === undefined) {
        return { intervalDays: interval, lastVisit: null, nextDue: asOf, overdue: true, window: "overdue", extraVisitDue: null, reasons: reasonsFor(3, true, unknown) }
      }
      const dueDay = CalendarDate.toDayNumber(last.date) + interval
      const w = asOfDay < dueDay ? 0 : asOfDay === dueDay ? 1 : asOfDay <= dueDay + interval ? 2 : 3
      return {
        intervalDays: interval,
        lastVisit: last.date,
        nextDue: dates.fromDayNumber(dueDay),
        overdue: w >= 2,
        window: VISIT_WINDOWS[w]!,
        extraVisitDue: null,
        reasons: reasonsFor(w, false, unknown)
      }
    }
  }
})
