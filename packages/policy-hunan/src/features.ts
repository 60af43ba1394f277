/**
 * The "main features" (主要特征) a county or city must know about its left-behind elders (§1:
 * 家庭结构、经济来源、健康状况、照料情况, plus the priority targets), added to core's
 * `Summary.summarize`. Pure aggregation.
 *
 * @since 0.1.0
 */
import { type CaseFile, type Evaluation, RegionCode, Summary } from "@liushou/core"

/**
 * A region summary with Hunan's main features.
 *
 * @category models
 * @since 0.1.0
 */
export interface MainFeatures extends Summary.RegionSummary {
  /** family structure: left-behind elders by the number of supporters with a duty of support */
  readonly bySupporterCount: Summary.Counts
  /** family structure: left-behind elders with a spouse */
  readonly withSpouse: number
  /** economic sources: left-behind elders by each income source they have */
  readonly byIncomeSource: Summary.Counts
  /** health: seriously ill left-behind elders */
  readonly seriouslyIll: number
  /** health: left-behind elders by disability grade ("none" without a certificate) */
  readonly byDisabilityGrade: Summary.Counts
  /** care: left-behind elders with a delegated carer, and without one */
  readonly withDelegatedCarer: number
  readonly withoutDelegatedCarer: number
  /** care: left-behind elders by housing safety ("unrecorded" when absent) */
  readonly byHousingSafety: Summary.Counts
  /** priority targets by the reason codes of the priority decision */
  readonly priorityReasons: Summary.Counts
  /** left-behind elders per follow-up step */
  readonly byFollowUpStep: Summary.Counts
}

const inc = (m: Record<string, number>, k: string): void => {
  m[k] = (m[k] ?? 0) + 1
}

/**
 * Summarises evaluations for a region with Hunan's main features. Counts left-behind elders,
 * like the distributions of `Summary.summarize`.
 *
 * **Example**
 * ```ts
 * import { mainFeatures } from "@liushou/policy-hunan"
 * const f = mainFeatures(rows, { region: "430121", asOf: "2019-06-30" })
 * f.byIncomeSource // { farming: 120, children: 98, pension: 40 }
 * ```
 *
 * @category constructors
 * @since 0.1.0
 */
export const mainFeatures = (
  rows: ReadonlyArray<{ readonly caseFile: CaseFile.CaseFile; readonly evaluation: Evaluation.Evaluation }>,
  options: { readonly region: string | null; readonly asOf: string; readonly ageBands?: ReadonlyArray<number> }
): MainFeatures => {
  const base = Summary.summarize(rows, options)
  const bySupporterCount: Record<string, number> = {}
  const byIncomeSource: Record<string, number> = {}
  const byDisabilityGrade: Record<string, number> = {}
  const byHousingSafety: Record<string, number> = {}
  const priorityReasons: Record<string, number> = {}
  const byFollowUpStep: Record<string, number> = {}
  let withSpouse = 0
  let seriouslyIll = 0
  let withDelegatedCarer = 0
  for (const { caseFile, evaluation } of rows) {
    if (!RegionCode.contains(options.region, caseFile.elder.regionCode) || evaluation.leftBehind.value !== true) continue
    const e = caseFile.elder
    let supporters = 0
    let spouse = false
    for (const s of caseFile.supporters) {
      if (s.relation === "spouse") spouse = true
      else supporters++
    }
    inc(bySupporterCount, supporters >= 4 ? "4+" : String(supporters))
    if (spouse) withSpouse++
    for (const src of new Set(e.incomeSources)) inc(byIncomeSource, src)
    if (e.seriousIllness) seriouslyIll++
    inc(byDisabilityGrade, e.disabilityGrade === null ? "none" : String(e.disabilityGrade))
    if (caseFile.delegatedCarer !== null && caseFile.delegatedCarer.since <= options.asOf) withDelegatedCarer++
    inc(byHousingSafety, e.housingSafety ?? "unrecorded")
    if (evaluation.priority.value === true) for (const r of evaluation.priority.reasons) inc(priorityReasons, r.code)
    if (evaluation.followUp !== undefined) inc(byFollowUpStep, evaluation.followUp.step)
  }
  return {
    ...base,
    bySupporterCount,
    withSpouse,
    byIncomeSource,
    seriouslyIll,
    byDisabilityGrade,
    withDelegatedCarer,
    withoutDelegatedCarer: base.leftBehind - withDelegatedCarer,
    byHousingSafety,
    priorityReasons,
    byFollowUpStep
  }
}
