/**
 * Pure aggregation of evaluations for a region: the counts, distribution and "main features"
 * (主要特征) a county or city must know (湘民发〔2018〕30号 §1).
 *
 * @since 0.1.0
 */
import * as CalendarDate from "./CalendarDate.js"
import type { CaseFile } from "./CaseFile.js"
import type { Evaluation } from "./Evaluation.js"
import * as RegionCode from "./RegionCode.js"

/**
 * Counts keyed by a label, in a stable order.
 *
 * @category models
 * @since 0.1.0
 */
export type Counts = Readonly<Record<string, number>>

/**
 * A region summary.
 *
 * @category models
 * @since 0.1.0
 */
export interface RegionSummary {
  readonly region: string | null
  readonly asOf: CalendarDate.CalendarDate
  /** case files in the region, in the active ledger */
  readonly elders: number
  /** case files in the region out of the active ledger at the date (the upkeep rule says `exited`): in no other figure @since 0.2.0 */
  readonly exited: number
  readonly leftBehind: number
  readonly leftBehindUnknown: number
  readonly priority: number
  /** left-behind elders by the next level down (township for a county, village for a township) */
  readonly bySubregion: Counts
  readonly byVillage: Counts
  readonly byRiskLevel: Counts
  readonly byAgeBand: Counts
  readonly byAbility: Counts
  readonly byLivingArrangement: Counts
  readonly visitsOverdue: number
  readonly visitsByWindow: Counts
  readonly assessmentsOverdue: number
  readonly dutiesUnmet: Counts
  /** programs left-behind elders qualify for but do not receive */
  readonly eligibleNotReceiving: Counts
  readonly receiving: Counts
  readonly needsInformation: Counts
  readonly referralsSuggested: Counts
}

const inc = (m: Record<string, number>, k: string, by = 1): void => {
  m[k] = (m[k] ?? 0) + by
}

/**
 * Age bands used in summaries: lower bounds in years (the last band is open).
 *
 * @category models
 * @since 0.1.0
 */
export const DEFAULT_AGE_BANDS: ReadonlyArray<number> = [60, 70, 80, 90]

const band = (age: number, bands: ReadonlyArray<number>): string => {
  let label = `<${bands[0]}`
  for (let i = 0; i < bands.length; i++) {
    if (age >= bands[i]!) label = i + 1 < bands.length ? `${bands[i]}-${bands[i + 1]! - 1}` : `${bands[i]}+`
  }
  return label
}

/**
 * Summarises evaluations (with their case files) inside a region (`null` = everything).
 * Distributions count left-behind elders; `elders` counts every case file in the region that
 * is in the active ledger, `exited` those out of it (left out of every other figure).
 *
 * **Example**
 * ```ts
 * import { Summary } from "@liushou/core"
 * const s = Summary.summarize(rows, { region: "430121", asOf: "2019-06-30" })
 * s.byRiskLevel // { low: 120, medium: 40, high: 7 }
 * ```
 *
 * @category constructors
 * @since 0.1.0
 */
export const summarize = (
  rows: Iterable<{ readonly caseFile: CaseFile; readonly evaluation: Evaluation }>,
  options: { readonly region: string | null; readonly asOf: CalendarDate.CalendarDate; readonly ageBands?: ReadonlyArray<number> }
): RegionSummary => {
  const bands = options.ageBands ?? DEFAULT_AGE_BANDS
  const subLength = options.region === null ? 2 : (RegionCode.LEVELS.find((l) => l.length > options.region!.length)?.length ?? 12)
  const s = {
    elders: 0,
    exited: 0,
    leftBehind: 0,
    leftBehindUnknown: 0,
    priority: 0,
    visitsOverdue: 0,
    assessmentsOverdue: 0
  }
  const bySubregion: Record<string, number> = {}
  const byVillage: Record<string, number> = {}
  const byRiskLevel: Record<string, number> = {}
  const byAgeBand: Record<string, number> = {}
  const byAbility: Record<string, number> = {}
  const byLivingArrangement: Record<string, number> = {}
  const visitsByWindow: Record<string, number> = {}
  const dutiesUnmet: Record<string, number> = {}
  const eligibleNotReceiving: Record<string, number> = {}
  const receiving: Record<string, number> = {}
  const needsInformation: Record<string, number> = {}
  const referralsSuggested: Record<string, number> = {}
  for (const { caseFile, evaluation } of rows) {
    const code = caseFile.elder.regionCode
    if (!RegionCode.contains(options.region, code)) continue
    if (evaluation.upkeep?.status === "exited") {
      s.exited++
      continue
    }
    s.elders++
    if (evaluation.leftBehind.value === null) s.leftBehindUnknown++
    if (evaluation.leftBehind.value !== true) continue
    s.leftBehind++
    if (evaluation.priority.value === true) s.priority++
    inc(bySubregion, code.slice(0, subLength))
    inc(byVillage, code)
    inc(byAgeBand, band(CalendarDate.ageAt(caseFile.elder.birthDate, options.asOf), bands))
    inc(byAbility, caseFile.elder.ability)
    inc(byLivingArrangement, caseFile.elder.livingArrangement)
    if (evaluation.risk !== undefined) {
      inc(byRiskLevel, evaluation.risk.level ?? "ungraded")
      if (evaluation.risk.assessmentOverdue) s.assessmentsOverdue++
    }
    if (evaluation.visits !== undefined) {
      inc(visitsByWindow, evaluation.visits.window)
      if (evaluation.visits.overdue) s.visitsOverdue++
    }
    for (const d of evaluation.duties) if (d.status === "unmet") inc(dutiesUnmet, d.duty)
    for (const e of evaluation.eligibility ?? []) {
      if (e.status === "eligible") inc(eligibleNotReceiving, e.program)
      else if (e.status === "receiving") inc(receiving, e.program)
      else if (e.status === "needs-information") inc(needsInformation, e.program)
    }
    for (const r of evaluation.referrals ?? []) inc(referralsSuggested, r.to)
  }
  return {
    region: options.region,
    asOf: options.asOf,
    ...s,
    bySubregion,
    byVillage,
    byRiskLevel,
    byAgeBand,
    byAbility,
    byLivingArrangement,
    visitsOverdue: s.visitsOverdue,
    visitsByWindow,
    assessmentsOverdue: s.assessmentsOverdue,
    dutiesUnmet,
    eligibleNotReceiving,
    receiving,
    needsInformation,
    referralsSuggested
  }
}
