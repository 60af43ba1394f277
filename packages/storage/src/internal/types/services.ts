/** Care services received, as stored, and their counts. Re-exported by `Ledger`. */
import type { CalendarDate } from "@liushou/core"

/**
 * A care service received, as stored: from a service record of the case file (`source:
 * "record"`, `services[sourceIndex]`) or from a visit (`source: "visit"`, `visits[sourceIndex]`).
 *
 * @category models
 * @since 0.3.0
 */
export interface ServiceRow {
  readonly regionCode: string
  readonly elderId: string
  readonly seq: number
  readonly source: "record" | "visit"
  readonly sourceIndex: number
  readonly date: CalendarDate.CalendarDate
  readonly kind: string
  readonly personKind: string | null
  readonly personId: string | null
  readonly program: string | null
  readonly organisation: string | null
}

/**
 * What `serviceCounts` groups by besides the kind: the county (6 digits), township (9), village
 * (12) of the elder, or the elder.
 *
 * @category models
 * @since 0.3.0
 */
export type ServiceCountLevel = "county" | "township" | "village" | "elder"

/**
 * How many services of a kind were received within the period in an area (or by an elder), and
 * by how many distinct elders. `region` is the area's code (the prefix asked for when not
 * grouped, `""` for the whole ledger; the elder's village code with `by: "elder"`).
 *
 * @category models
 * @since 0.3.0
 */
export interface ServiceCount {
  readonly region: string
  /** with `by: "elder"`: the elder; else null */
  readonly elderId: string | null
  readonly kind: string
  readonly services: number
  readonly elders: number
}
