/**
 * The evaluation indicators (考评, 湘民发〔2018〕30号 §10) of a region as the host shows them: the
 * period's values per region, the trend over calendar periods and the township rankings, all read
 * from the ledger as it stood at the as-of date (the CLI's `indicators`, `GET /v1/indicators` and
 * the report's 考评 section).
 */
import { CalendarDate, Decision, Engine, Indicator, type Loader, type Selection, type Workflow } from "@liushou/core"
import type { Ledger } from "@liushou/storage"

export interface IndicatorsView {
  readonly region: string
  readonly from: CalendarDate.CalendarDate
  readonly to: CalendarDate.CalendarDate
  readonly asOf: CalendarDate.CalendarDate
  readonly period: Indicator.PeriodLength
  readonly indicators: ReadonlyArray<Indicator.Indicator>
  /** which plugin's evaluation method governs the region at the period's end, and why (an expired plugin kept in force by `continuePastExpiry` is marked) */
  readonly governing: Omit<Indicator.Governing, "indicators">
  readonly total: Indicator.RegionValues
  readonly townships: ReadonlyArray<Indicator.RegionValues>
  readonly villages: ReadonlyArray<Indicator.RegionValues>
  /** the region's values in each calendar period of the span */
  readonly trend: ReadonlyArray<{ readonly from: CalendarDate.CalendarDate; readonly to: CalendarDate.CalendarDate; readonly values: Indicator.RegionValues["values"] }>
  /** per indicator, the townships best first */
  readonly rankings: Readonly<Record<string, ReadonlyArray<Indicator.Ranked>>>
  /** per indicator, whether its ranking says anything (`Indicator.rankingKind`): a host shows no ranking of equal values */
  readonly rankingKinds: Readonly<Record<string, Indicator.RankingKind>>
}

export const indicatorsView = async (
  ledger: Ledger.Ledger,
  registry: Loader.Registry,
  options: {
    readonly region: string
    readonly from: CalendarDate.CalendarDate
    readonly to: CalendarDate.CalendarDate
    readonly asOf: CalendarDate.CalendarDate
    readonly period?: Indicator.PeriodLength
    readonly workflow?: Workflow.Workflow<string, string>
    /** expired plugins the host keeps applying (configuration or command line): the indicators follow the same selection as evaluations */
    readonly continuations?: ReadonlyArray<Selection.Continuation>
  }
): Promise<IndicatorsView> => {
  const continuations = options.continuations ?? []
  const engine = Engine.make(registry, continuations.length > 0 ? { continuePastExpiry: continuations } : {})
  const period = options.period ?? "quarter"
  const base = { region: options.region, from: options.from, to: options.to, asOf: options.asOf, workflows: options.workflow === undefined ? [] : [options.workflow] }
  const report = await ledger.indicators(engine, base)
  const trend = await ledger.indicatorTrend(engine, { ...base, period })
  const rankings: Record<string, ReadonlyArray<Indicator.Ranked>> = {}
  const rankingKinds: Record<string, Indicator.RankingKind> = {}
  for (const i of report.indicators) {
    rankings[i.id] = Indicator.rank(report, i.id)
    rankingKinds[i.id] = Indicator.rankingKind(rankings[i.id]!)
  }
  return {
    region: report.region,
    from: report.from,
    to: report.to,
    asOf: report.asOf,
    period,
    indicators: report.indicators,
    governing: report.governing ?? withoutIndicators(Indicator.governing(registry, options.region, options.to, continuations)),
    total: report.total,
    townships: report.townships,
    villages: report.villages,
    trend: trend.map((r) => ({ from: r.from, to: r.to, values: r.total.values })),
    rankings,
    rankingKinds
  }
}

const withoutIndicators = ({ indicators: _, ...g }: Indicator.Governing): Omit<Indicator.Governing, "indicators"> => g

/** A share as a percentage with one decimal, or "—" when nothing was counted. */
export const percent = (v: number | null): string => (v === null ? "—" : `${(Math.round(v * 1000) / 10).toFixed(1)}%`)

const MONTHS: Readonly<Record<Indicator.PeriodLength, number>> = { month: 1, quarter: 3, "half-year": 6, year: 12 }

/** The label of a calendar period: 2019Q1, 2019H2, 2019-03, 2019; a partial period also shows its dates. */
export const periodLabel = (p: { readonly from: string; readonly to: string }, length: Indicator.PeriodLength): string => {
  const { year, month } = CalendarDate.parts(p.from)
  const label = length === "year" ? `${year}` : length === "half-year" ? `${year}H${month <= 6 ? 1 : 2}` : length === "quarter" ? `${year}Q${Math.floor((month - 1) / 3) + 1}` : p.from.slice(0, 7)
  const n = MONTHS[length]
  const start = CalendarDate.make(year, Math.floor((month - 1) / n) * n + 1, 1)
  const end = CalendarDate.addDays(CalendarDate.addMonths(start, n), -1)
  return p.from === start && p.to === end ? label : `${label} (${p.from}–${p.to})`
}

export const PERIOD_NAMES: Readonly<Record<Indicator.PeriodLength, { readonly zh: string; readonly en: string }>> = {
  month: { zh: "月", en: "month" },
  quarter: { zh: "季度", en: "quarter" },
  "half-year": { zh: "半年", en: "half-year" },
  year: { zh: "年", en: "year" }
}

/** The mark of an indicator computed under an expired plugin the host keeps applying. */
export const CONTINUED_MARK = Decision.CONTINUED_LABEL

/**
 * One line (zh or en) naming the plugin whose evaluation method governs, marked when applied
 * past its expiry; when it declares no indicators, says so and why that plugin governs.
 */
export const governingLine = (g: IndicatorsView["governing"], lang: "zh" | "en", count: number): ReadonlyArray<string> => {
  if (g.policy === null) return [lang === "zh" ? "没有适用于该区域的有效政策，无考评指标" : "no policy governs the region on the period's last day, so there are no evaluation indicators", ...g.selection.reasons.map((r) => `- ${r.text[lang]}`)]
  const mark = g.continuedPastExpiry === true ? CONTINUED_MARK[lang] : ""
  if (count === 0) {
    return [
      lang === "zh"
        ? `期末适用的政策为 ${g.document}（${g.policy}），该政策未规定考评指标，故无指标可算`
        : `the policy governing at the period's end is ${g.document} (${g.policy}); it declares no evaluation indicators, so there is nothing to compute`,
      ...g.selection.reasons.map((r) => `- ${r.text[lang]}`)
    ]
  }
  const by = g.declaredBy !== null && g.declaredBy !== g.policy ? (lang === "zh" ? `，指标由 ${g.declaredBy} 规定` : `, indicators declared by ${g.declaredBy}`) : ""
  return [lang === "zh" ? `考评办法：${g.document}（${g.policy}）${mark}${by}` : `Evaluation method: ${g.document} (${g.policy})${mark}${by}`, ...(g.continuedPastExpiry === true ? g.selection.reasons.map((r) => `- ${r.text[lang]}`) : [])]
}
