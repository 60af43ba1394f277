/** Why a write was refused, and the result of a write that may be refused. Re-exported by `Ledger`. */
import type { Decode, Workflow, Outcome as CoreOutcome } from "@liushou/core"

/**
 * Why a write was refused.
 *
 * @category errors
 * @since 0.1.0
 */
export type LedgerError =
  | { readonly _tag: "ElderNotFound"; readonly elderId: string; readonly message: { readonly zh: string; readonly en: string } }
  /** the id is used by elders of several counties (ledger ids are numbered by county): pass a region */
  | { readonly _tag: "AmbiguousElder"; readonly elderId: string; readonly counties: ReadonlyArray<string>; readonly message: { readonly zh: string; readonly en: string } }
  | { readonly _tag: "CaseNotFound"; readonly caseId: string; readonly message: { readonly zh: string; readonly en: string } }
  | { readonly _tag: "CaseExists"; readonly caseId: string; readonly message: { readonly zh: string; readonly en: string } }
  | { readonly _tag: "WorkflowMismatch"; readonly caseId: string; readonly message: { readonly zh: string; readonly en: string } }
  | { readonly _tag: "InvalidVisit"; readonly elderId: string; readonly issues: ReadonlyArray<Decode.FieldIssue>; readonly message: { readonly zh: string; readonly en: string } }
  | { readonly _tag: "InvalidAssignment"; readonly elderId: string; readonly issues: ReadonlyArray<Decode.FieldIssue>; readonly message: { readonly zh: string; readonly en: string } }
  | { readonly _tag: "AssignmentExists" | "AssignmentNotFound" | "AssignmentEnded"; readonly elderId: string; readonly assignmentId: string; readonly message: { readonly zh: string; readonly en: string } }
  /** an entry or exit that does not decode or does not follow the last one (field paths named) @since 0.2.0 */
  | { readonly _tag: "InvalidLedgerEvent"; readonly elderId: string; readonly issues: ReadonlyArray<Decode.FieldIssue>; readonly message: { readonly zh: string; readonly en: string } }
  /** a care service record that does not decode (field paths named; a note is never echoed) @since 0.3.0 */
  | { readonly _tag: "InvalidService"; readonly elderId: string; readonly issues: ReadonlyArray<Decode.FieldIssue>; readonly message: { readonly zh: string; readonly en: string } }
  | Workflow.IllegalTransition

/**
 * The result of a write that may be refused: core's `Outcome` with a `LedgerError`.
 *
 * @category models
 * @since 0.1.0
 */
export type Outcome<A> = CoreOutcome.Outcome<A, LedgerError>
