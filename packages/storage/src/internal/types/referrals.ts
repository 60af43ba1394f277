/** Referral cases through a workflow. Re-exported by `Ledger`. */
import type { CalendarDate, Workflow } from "@liushou/core"

/**
 * A stored referral case.
 *
 * @category models
 * @since 0.1.0
 */
export interface ReferralCase {
  readonly regionCode: string
  readonly caseId: string
  readonly elderId: string
  readonly workflowId: string
  readonly state: string
  readonly since: CalendarDate.CalendarDate
  readonly to: string | null
  readonly trigger: string | null
  readonly history: Workflow.Case<string>["history"]
}

/**
 * Opening a referral case in a workflow's initial state.
 *
 * @category models
 * @since 0.1.0
 */
export interface OpenReferralInput<S extends string, A extends string> {
  readonly workflow: Workflow.Workflow<S, A>
  readonly caseId: string
  readonly elderId: string
  /** a region prefix holding the elder: needed when the id is used in several counties */
  readonly region?: string
  readonly on: CalendarDate.CalendarDate
  readonly by: string
  readonly to?: string
  readonly trigger?: string
  readonly at?: string
}

/**
 * Applying an action to a referral case through its workflow.
 *
 * @category models
 * @since 0.1.0
 */
export interface TransitionReferralInput<S extends string, A extends string> {
  readonly workflow: Workflow.Workflow<S, A>
  readonly caseId: string
  readonly action: string
  readonly on: CalendarDate.CalendarDate
  readonly by: string
  readonly at?: string
}
