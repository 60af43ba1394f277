/**
 * Case workflows as pure state machines: states, allowed transitions, deadlines. Used for
 * referral cases (discover → report → refer → assist). An illegal transition is an error
 * value naming the case, the state and what was allowed.
 *
 * @since 0.1.0
 */
import * as CalendarDate from "./CalendarDate.js"
import type { Citation, Text } from "./Decision.js"
import type { Outcome } from "./Outcome.js"

/**
 * One allowed transition. `deadlineDays` is how long the target state may last before the
 * case is overdue (null: no deadline).
 *
 * @category models
 * @since 0.1.0
 */
export interface Transition<S extends string, A extends string> {
  readonly action: A
  readonly from: ReadonlyArray<S>
  readonly to: S
  readonly text: Text
}

/**
 * A workflow definition.
 *
 * @category models
 * @since 0.1.0
 */
export interface Workflow<S extends string, A extends string> {
  readonly id: string
  readonly initial: S
  readonly states: ReadonlyArray<{ readonly id: S; readonly name: Text; readonly final: boolean; readonly deadlineDays: number | null }>
  readonly transitions: ReadonlyArray<Transition<S, A>>
  readonly citation: Citation
}

/**
 * A case moving through a workflow.
 *
 * @category models
 * @since 0.1.0
 */
export interface Case<S extends string> {
  readonly id: string
  readonly state: S
  readonly since: CalendarDate.CalendarDate
  readonly history: ReadonlyArray<{ readonly from: S | null; readonly to: S; readonly action: string; readonly at: CalendarDate.CalendarDate; readonly by: string }>
}

/**
 * A transition the workflow does not allow.
 *
 * @category errors
 * @since 0.1.0
 */
export interface IllegalTransition {
  readonly _tag: "IllegalTransition"
  readonly caseId: string
  readonly state: string
  readonly action: string
  readonly allowed: ReadonlyArray<string>
  readonly message: Text
}

/**
 * Defines a workflow (an identity function that checks the type).
 *
 * @category constructors
 * @since 0.1.0
 */
export const define = <const S extends string, const A extends string>(w: Workflow<S, A>): Workflow<S, A> => w

/**
 * Opens a case in the workflow's initial state.
 *
 * @category constructors
 * @since 0.1.0
 */
export const open = <S extends string, A extends string>(w: Workflow<S, A>, id: string, at: CalendarDate.CalendarDate, by: string): Case<S> => ({
  id,
  state: w.initial,
  since: at,
  history: [{ from: null, to: w.initial, action: "open", at, by }]
})

/**
 * The actions allowed from a state.
 *
 * @category getters
 * @since 0.1.0
 */
export const allowed = <S extends string, A extends string>(w: Workflow<S, A>, state: S): ReadonlyArray<A> =>
  w.transitions.filter((t) => t.from.includes(state)).map((t) => t.action)

/**
 * Applies an action: the next case, or an error value for an illegal transition (including a
 * date before the case's current state began).
 *
 * @category constructors
 * @since 0.1.0
 */
export const apply = <S extends string, A extends string>(
  w: Workflow<S, A>,
  c: Case<S>,
  action: string,
  at: CalendarDate.CalendarDate,
  by: string
): Outcome<Case<S>, IllegalTransition> => {
  const t = w.transitions.find((x) => x.action === action && x.from.includes(c.state))
  const allowedActions = allowed(w, c.state)
  if (t === undefined || at < c.since) {
    const why = t === undefined ? `action "${action}" is not allowed from state "${c.state}"` : `date ${at} is before the current state began (${c.since})`
    const whyZh = t === undefined ? `状态 "${c.state}" 下不允许操作 "${action}"` : `日期 ${at} 早于当前状态开始日 ${c.since}`
    return {
      ok: false,
      error: {
        _tag: "IllegalTransition",
        caseId: c.id,
        state: c.state,
        action,
        allowed: allowedActions,
        message: {
          en: `case ${c.id}: ${why}; allowed: ${allowedActions.join(", ") || "none (final state)"}`,
          zh: `个案 ${c.id}：${whyZh}；允许的操作：${allowedActions.join("、") || "无（终态）"}`
        }
      }
    }
  }
  return { ok: true, value: { id: c.id, state: t.to, since: at, history: [...c.history, { from: c.state, to: t.to, action, at, by }] } }
}

/**
 * When the case's current state is due to end, or null when it has no deadline.
 *
 * @category getters
 * @since 0.1.0
 */
export const dueDate = <S extends string, A extends string>(w: Workflow<S, A>, c: Case<S>): CalendarDate.CalendarDate | null => {
  const s = w.states.find((x) => x.id === c.state)
  return s === undefined || s.deadlineDays === null ? null : CalendarDate.addDays(c.since, s.deadlineDays)
}

/**
 * Whether the case is past its current state's deadline at a date.
 *
 * @category predicates
 * @since 0.1.0
 */
export const isOverdue = <S extends string, A extends string>(w: Workflow<S, A>, c: Case<S>, at: CalendarDate.CalendarDate): boolean => {
  const due = dueDate(w, c)
  return due !== null && at > due
}
