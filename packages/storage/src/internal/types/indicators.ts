/** What the evaluation indicators are computed for. Re-exported by `Ledger`. */
import type { CalendarDate, Indicator, Workflow } from "@liushou/core"

/**
 * What the evaluation indicators (考评) are computed for: a region, a period and the date the
 * ledger is read as of (on or after the period's end).
 *
 * @category models
 * @since 0.3.0
 */
export interface IndicatorOptions {
  /** a region-code prefix (2, 4, 6, 9 or 12 digits) */
  readonly region: string
  readonly from: CalendarDate.CalendarDate
  readonly to: CalendarDate.CalendarDate
  /** the ledger as it stood at the end of this day (UTC): revisions and referral steps recorded by then */
  readonly asOf: CalendarDate.CalendarDate
  /** the referral workflows, for their deadlines */
  readonly workflows: ReadonlyArray<Pick<Workflow.Workflow<string, string>, "id" | "states">>
  /** the indicators; default: those governing the region at the period's end (`Indicator.governing`, with the engine's continuations of expired plugins; the report then says which plugin governs) */
  readonly indicators?: ReadonlyArray<Indicator.Indicator>
}
