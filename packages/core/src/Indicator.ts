/**
 * County evaluation indicators (考评, 湘民发〔2018〕30号 §10 "制定农村留守老年人关爱服务工作考评办法"):
 * the machinery a province's evaluation method (考评办法) runs on. A plugin declares its
 * indicators as data (`PolicyPlugin.indicators`): an id, a title, the clause topic, what is
 * counted above and below the line, the unit, the natural period, and which of core's
 * measures counts it. Core counts, per elder, the numerator and denominator of each indicator
 * for a period, and adds them up per village, township and county (region-code prefixes of 12,
 * 9 and 6 digits): a region's numerator is the sum of its villages'.
 *
 * Pure and reproducible: the period (`from`, `to`) and the as-of date are arguments; the caller
 * passes the case files as the ledger held them at the as-of date and the evaluations at the
 * period's last day. Nothing reads a clock.
 *
 * @since 0.3.0
 */
import * as CalendarDate from "./CalendarDate.js"
import type { CaseFile } from "./CaseFile.js"
import type { Basis, Citation, Decision, Text } from "./Decision.js"
import type { Evaluation } from "./Evaluation.js"
import type { Registry } from "./Loader.js"
import * as Membership from "./Membership.js"
import * as RegionCode from "./RegionCode.js"
import * as Selection from "./Selection.js"
import * as Service from "./Service.js"
import type { Workflow } from "./Workflow.js"

/**
 * What core can count, one elder at a time (see {@link measure} for each definition):
 *
 * - `visits.any`: elders with a visit interval who were visited at least once in the period;
 * - `visits.within-interval`: elders with a visit interval never left longer than it without a
 *   visit during the period (counted from the last visit before the period, or the period's
 *   start or the elder's entry when there is none, up to the period's end or the elder's exit);
 * - `assessment.current`: left-behind elders whose risk assessment is on record and not overdue
 *   at the period's end;
 * - `referrals.within-deadline`: referral cases ended in the period with every state within its
 *   deadline, over cases ended in the period plus cases still open past a deadline at its end;
 * - `facts.known`: elders in the active ledger at the period's end with every group of facts
 *   verified at least once (none `unknown`);
 * - `facts.stale`: elders in the active ledger at the period's end with a group of facts whose
 *   verification has expired (`stale`);
 * - `pairing.priority`: priority elders (重点对象) in the active ledger at the period's end who are
 *   paired (结对帮扶);
 * - `services.per-need`: counted per (elder, needed kind of care service) pair, for left-behind
 *   elders in the active ledger at the period's end: below the line every kind the services
 *   decision at the period's end marks needed, above it those of them with at least one service
 *   of the kind (a service record or a visit's service) dated within the period.
 *
 * @category models
 * @since 0.3.0
 */
export const MEASURES = ["visits.any", "visits.within-interval", "assessment.current", "referrals.within-deadline", "facts.known", "facts.stale", "pairing.priority", "services.per-need"] as const

/** @category models @since 0.3.0 */
export type Measure = (typeof MEASURES)[number]

/**
 * The natural reporting period of an indicator (a trend splits a span into periods of it).
 *
 * @category models
 * @since 0.3.0
 */
export const PERIODS = ["month", "quarter", "half-year", "year"] as const

/** @category models @since 0.3.0 */
export type PeriodLength = (typeof PERIODS)[number]

/**
 * An indicator of a province's evaluation method, as plugin data.
 *
 * @category models
 * @since 0.3.0
 */
export interface Indicator {
  /** stable, namespaced id, e.g. `hunan.evaluation.visit-timeliness` */
  readonly id: string
  readonly title: Text
  /** the clause topic of the plugin's `clauses` the indicator serves (e.g. `evaluation`) */
  readonly topic: string
  readonly measure: Measure
  /** what is counted above the line */
  readonly numerator: Text
  /** what is counted below the line */
  readonly denominator: Text
  /** `share`: numerator ÷ denominator, between 0 and 1 */
  readonly unit: "share"
  readonly period: PeriodLength
  /** whether a higher or a lower share is better (for rankings) */
  readonly better: "higher" | "lower"
  /** whether the indicator is also shown per risk level (the level at the period's end) */
  readonly byRiskLevel?: boolean
  /** what the choice rests on: the text names no indicator, so a province's set is `local` */
  readonly status: Basis
  readonly reference: Citation
  /** what the choice reads in the text and which parameters it follows, in words */
  readonly note?: string
}

/**
 * Defines an indicator (an identity function that checks the type).
 *
 * **Example**
 * ```ts
 * import { Decision, Indicator } from "@liushou/core"
 * const coverage = Indicator.define({
 *   id: "changsha.evaluation.visit-coverage", title: { zh: "探访覆盖率", en: "Visit coverage" },
 *   topic: "evaluation", measure: "visits.any",
 *   numerator: { zh: "期内至少探访一次的老年人", en: "elders visited at least once in the period" },
 *   denominator: { zh: "有探访周期的在册老年人", en: "elders in the ledger with a visit interval" },
 *   unit: "share", period: "quarter", better: "higher", status: "local",
 *   reference: Decision.cite("长县民发〔2019〕1号", "5")
 * })
 * ```
 *
 * @category constructors
 * @since 0.3.0
 */
export const define = (indicator: Indicator): Indicator => indicator

/**
 * The indicators of a plugin chain: those of the most specific plugin that declares any (a
 * plugin's evaluation method replaces its parent's); empty when none does.
 *
 * @category getters
 * @since 0.3.0
 */
export const ofChain = (chain: ReadonlyArray<{ readonly indicators?: ReadonlyArray<Indicator> }>): ReadonlyArray<Indicator> => {
  for (let i = chain.length - 1; i >= 0; i--) {
    const own = chain[i]!.indicators
    if (own !== undefined) return own
  }
  return []
}

/**
 * The indicators that govern a region on a date: those of the plugin chain selected for the
 * region (the most specific plugin in force whose region contains it); empty when no plugin
 * governs it or none declares indicators.
 *
 * **Example**
 * ```ts
 * import { Indicator, Loader } from "@liushou/core"
 * Indicator.forRegion(Loader.load([national, hunan]), "430121", "2019-03-31").map((i) => i.id)
 * ```
 *
 * @category getters
 * @since 0.3.0
 */
export const forRegion = (
  registry: Registry,
  region: string,
  date: CalendarDate.CalendarDate,
  continuations: ReadonlyArray<Selection.Continuation> = []
): ReadonlyArray<Indicator> => governing(registry, region, date, continuations).indicators

/**
 * Which plugin's evaluation method governs a region on a date, chosen as evaluations choose
 * (`Selection.select`, with the host's continuations of expired plugins): the plugin, the one
 * of its chain that declares the indicators, whether it is applied past its expiry, and the
 * selection's reasons, so that a host can say why a set is (or is not) shown.
 *
 * @category models
 * @since 0.4.0
 */
export interface Governing {
  /** the governing plugin's key (`id@version`); null when no plugin governs the region */
  readonly policy: string | null
  /** the governing plugin's document number; null when none governs */
  readonly document: string | null
  /** the key of the plugin of the chain whose indicators are used; null when none declares any */
  readonly declaredBy: string | null
  /** the governing plugin is an expired one the host keeps applying (`continuePastExpiry`) */
  readonly continuedPastExpiry?: true
  /** why this plugin governs (the selection's reasons, zh and en) */
  readonly selection: Decision<string>
  readonly indicators: ReadonlyArray<Indicator>
}

/**
 * The evaluation method governing a region on a date: as {@link forRegion}, with who governs
 * and why. With a continuation of an expired plugin (a host's explicit choice) the expired
 * plugin's indicators are used past its last day and the result says so.
 *
 * **Example**
 * ```ts
 * import { Indicator, Loader } from "@liushou/core"
 * const g = Indicator.governing(Loader.load([national, hunan]), "430121", "2024-03-31", [{ policy: "hunan-2018-30", until: null }])
 * g.continuedPastExpiry // true
 * ```
 *
 * @category getters
 * @since 0.4.0
 */
export const governing = (
  registry: Registry,
  region: string,
  date: CalendarDate.CalendarDate,
  continuations: ReadonlyArray<Selection.Continuation> = []
): Governing => {
  const s = Selection.select(registry, region, date, continuations)
  const policy = s.policy
  if (policy === undefined) return { policy: null, document: null, declaredBy: null, selection: s.decision, indicators: [] }
  let declaredBy: string | null = null
  for (let i = policy.chain.length - 1; i >= 0; i--) {
    const p = policy.chain[i]!
    if (p.indicators !== undefined) {
      declaredBy = `${p.id}@${p.version}`
      break
    }
  }
  return {
    policy: policy.key,
    document: policy.plugin.document.number,
    declaredBy,
    ...(s.continued === undefined ? {} : { continuedPastExpiry: true as const }),
    selection: s.decision,
    indicators: ofChain(policy.chain)
  }
}

/**
 * What is wrong with a set of indicators (empty when nothing): duplicate ids, unknown measures
 * or periods, a topic the chain's clauses do not name, a risk-level breakdown of a measure that
 * has none.
 *
 * @category predicates
 * @since 0.3.0
 */
export const problems = (indicators: ReadonlyArray<Indicator>, topics: ReadonlySet<string>): ReadonlyArray<Text> => {
  const out: Array<Text> = []
  const seen = new Set<string>()
  for (const i of indicators) {
    if (seen.has(i.id)) out.push({ zh: `考评指标 ${i.id} 重复定义`, en: `indicator ${i.id} is defined twice` })
    seen.add(i.id)
    if (!(MEASURES as ReadonlyArray<string>).includes(i.measure)) {
      out.push({ zh: `考评指标 ${i.id}：未知的计数方法 "${i.measure}"（应为 ${MEASURES.join("、")}）`, en: `indicator ${i.id}: unknown measure "${i.measure}" (expected one of ${MEASURES.join(", ")})` })
    }
    if (!(PERIODS as ReadonlyArray<string>).includes(i.period)) {
      out.push({ zh: `考评指标 ${i.id}：未知的周期 "${i.period}"（应为 ${PERIODS.join("、")}）`, en: `indicator ${i.id}: unknown period "${i.period}" (expected one of ${PERIODS.join(", ")})` })
    }
    if (!topics.has(i.topic)) out.push({ zh: `考评指标 ${i.id}：条款主题 "${i.topic}" 未在插件链的 clauses 中定义`, en: `indicator ${i.id}: topic "${i.topic}" is not named in the chain's clauses` })
    if (i.byRiskLevel === true && !RISK_LEVEL_MEASURES.has(i.measure)) {
      out.push({ zh: `考评指标 ${i.id}：计数方法 ${i.measure} 不按风险等级细分`, en: `indicator ${i.id}: measure ${i.measure} has no risk-level breakdown` })
    }
  }
  return out
}

const RISK_LEVEL_MEASURES: ReadonlySet<string> = new Set<Measure>(["visits.any", "visits.within-interval", "assessment.current", "facts.known", "facts.stale", "pairing.priority", "services.per-need"])

/**
 * A referral case as the ledger held it at the as-of date: its workflow and the transitions
 * recorded by then (the first opens the case).
 *
 * @category models
 * @since 0.3.0
 */
export interface ReferralRecord {
  readonly caseId: string
  readonly workflowId: string
  readonly history: ReadonlyArray<{ readonly to: string; readonly at: CalendarDate.CalendarDate }>
}

/**
 * One elder's input: the case file as the ledger held it at the as-of date, its evaluation at
 * the period's last day (`null` when it could not be evaluated: the elder then counts only
 * in the measures that need no evaluation), and its referral cases.
 *
 * @category models
 * @since 0.3.0
 */
export interface ElderInput {
  readonly caseFile: CaseFile
  readonly evaluation: Evaluation | null
  readonly referrals?: ReadonlyArray<ReferralRecord>
}

/**
 * The period and the as-of date, and the referral workflows (for their deadlines).
 *
 * @category models
 * @since 0.3.0
 */
export interface Context {
  readonly from: CalendarDate.CalendarDate
  readonly to: CalendarDate.CalendarDate
  /** the date the ledger is read as of (on or after `to`); recorded for reproduction */
  readonly asOf: CalendarDate.CalendarDate
  readonly workflows?: ReadonlyArray<Pick<Workflow<string, string>, "id" | "states">>
}

/**
 * A count: numerator over denominator.
 *
 * @category models
 * @since 0.3.0
 */
export interface Tally {
  readonly numerator: number
  readonly denominator: number
}

/**
 * One elder's count for one indicator, with the risk level it counts under (the level at the
 * period's end; `ungraded` when none).
 *
 * @category models
 * @since 0.3.0
 */
export interface ElderTally extends Tally {
  readonly riskLevel: string
}

/**
 * The risk-level key of an elder without a level.
 *
 * @category models
 * @since 0.3.0
 */
export const UNGRADED = "ungraded"

const ZERO: Tally = { numerator: 0, denominator: 0 }

/**
 * Whether the elder was in the active ledger at some time in the period: active on its first
 * day, or entered during it.
 *
 * @category predicates
 * @since 0.3.0
 */
export const inLedgerDuring = (cf: CaseFile, from: CalendarDate.CalendarDate, to: CalendarDate.CalendarDate): boolean =>
  Membership.at(cf, from).status === "active" || Membership.between(cf, from, to).some((e) => e.event === "entered")

/**
 * Whether the elder was never longer than `intervalDays` without a visit during the period: from
 * the last visit on or before `from` (or, when there is none, the later of `from` and the
 * elder's last entry in the period), each visit in the period must come within the interval of
 * the one before, and the period's last day (or the day the elder left the active ledger, when
 * the elder is out of it at the period's end) within the interval of the last.
 *
 * @category predicates
 * @since 0.3.0
 */
export const visitedWithinInterval = (cf: CaseFile, from: CalendarDate.CalendarDate, to: CalendarDate.CalendarDate, intervalDays: number): boolean => {
  let anchor = null as CalendarDate.CalendarDate | null
  const inPeriod: Array<CalendarDate.CalendarDate> = []
  for (const v of cf.visits) {
    if (v.date <= from) anchor = anchor === null || v.date > anchor ? v.date : anchor
    else if (v.date <= to) inPeriod.push(v.date)
  }
  if (anchor === null) {
    const entry = Membership.between(cf, from, to).find((e) => e.event === "entered")?.date
    anchor = entry !== undefined && Membership.at(cf, from).status === "exited" ? entry : from
  }
  const atEnd = Membership.at(cf, to)
  const end = atEnd.status === "exited" && atEnd.event !== null && atEnd.event.date >= from ? atEnd.event.date : to
  inPeriod.sort()
  for (const d of inPeriod) {
    if (d > end) break
    if (CalendarDate.daysBetween(anchor, d) > intervalDays) return false
    anchor = d
  }
  return CalendarDate.daysBetween(anchor, end) <= intervalDays
}

/**
 * How one referral case counts in the period: `{1, 1}` when it ended (a final state) in the
 * period with every state within its deadline; `{0, 1}` when it ended in the period after a
 * state outlasted its deadline, or is still open at the period's end past its current state's
 * deadline; `{0, 0}` otherwise (ended before or after the period, open and on time, or an
 * unknown workflow).
 *
 * @category getters
 * @since 0.3.0
 */
export const referralTally = (r: ReferralRecord, ctx: Context): Tally => {
  const w = ctx.workflows?.find((x) => x.id === r.workflowId)
  if (w === undefined) return ZERO
  const steps = r.history.filter((h) => h.at <= ctx.to)
  if (steps.length === 0) return ZERO
  const state = (id: string) => w.states.find((s) => s.id === id)
  let late = false
  for (let i = 1; i < steps.length; i++) {
    const d = state(steps[i - 1]!.to)?.deadlineDays ?? null
    if (d !== null && CalendarDate.daysBetween(steps[i - 1]!.at, steps[i]!.at) > d) late = true
  }
  const last = steps[steps.length - 1]!
  const s = state(last.to)
  if (s?.final === true) {
    if (last.at < ctx.from) return ZERO
    return { numerator: late ? 0 : 1, denominator: 1 }
  }
  const d = s?.deadlineDays ?? null
  return d !== null && CalendarDate.daysBetween(last.at, ctx.to) > d ? { numerator: 0, denominator: 1 } : ZERO
}

const one = (counted: boolean, inNumerator: boolean): Tally => (counted ? { numerator: inNumerator ? 1 : 0, denominator: 1 } : ZERO)

/**
 * One elder's numerator and denominator for an indicator in the period (see {@link MEASURES}).
 * An elder whose evaluation is missing counts only in `referrals.within-deadline`.
 *
 * **Example**
 * ```ts
 * import { Indicator } from "@liushou/core"
 * Indicator.measure(indicator, { caseFile, evaluation }, { from: "2019-01-01", to: "2019-03-31", asOf: "2019-04-10" })
 * // { numerator: 1, denominator: 1, riskLevel: "medium" }
 * ```
 *
 * @category getters
 * @since 0.3.0
 */
export const measure = (indicator: Pick<Indicator, "measure">, input: ElderInput, ctx: Context): ElderTally => {
  const { caseFile: cf, evaluation: e } = input
  const riskLevel = e?.risk?.level ?? UNGRADED
  const with_ = (t: Tally): ElderTally => ({ ...t, riskLevel })
  if (indicator.measure === "referrals.within-deadline") {
    let n = 0
    let d = 0
    for (const r of input.referrals ?? []) {
      const t = referralTally(r, ctx)
      n += t.numerator
      d += t.denominator
    }
    return with_({ numerator: n, denominator: d })
  }
  if (e === null) return with_(ZERO)
  const activeAtEnd = Membership.at(cf, ctx.to).status === "active"
  switch (indicator.measure) {
    case "visits.any":
    case "visits.within-interval": {
      const interval = e.visits?.intervalDays ?? null
      if (interval === null || !inLedgerDuring(cf, ctx.from, ctx.to)) return with_(ZERO)
      const ok =
        indicator.measure === "visits.any" ? cf.visits.some((v) => v.date >= ctx.from && v.date <= ctx.to) : visitedWithinInterval(cf, ctx.from, ctx.to, interval)
      return with_(one(true, ok))
    }
    case "assessment.current": {
      const r = e.risk
      if (r === undefined || e.leftBehind.value !== true || !inLedgerDuring(cf, ctx.from, ctx.to)) return with_(ZERO)
      return with_(one(true, r.lastAssessed !== null && !r.assessmentOverdue))
    }
    case "facts.known":
    case "facts.stale": {
      const u = e.upkeep
      if (u === undefined || !activeAtEnd) return with_(ZERO)
      const ok = indicator.measure === "facts.known" ? u.facts.every((f) => f.status !== "unknown") : u.facts.some((f) => f.status === "stale")
      return with_(one(true, ok))
    }
    case "pairing.priority": {
      const r = e.responsibility
      if (r === undefined || e.priority.value !== true || !activeAtEnd) return with_(ZERO)
      return with_(one(true, r.pairedWith.length > 0))
    }
    case "services.per-need": {
      const s = e.services
      if (s === undefined || e.leftBehind.value !== true || !activeAtEnd) return with_(ZERO)
      let n = 0
      let d = 0
      let received: ReadonlyArray<Service.Received> | undefined
      for (const need of s.needs) {
        if (need.needed !== true) continue
        d++
        received ??= Service.received(cf)
        if (Service.lastOf(received, need.kind, ctx.from, ctx.to) !== null) n++
      }
      return with_({ numerator: n, denominator: d })
    }
  }
}

/**
 * A count with its share: `value` is numerator ÷ denominator, `null` when nothing is counted.
 *
 * @category models
 * @since 0.3.0
 */
export interface Value extends Tally {
  readonly value: number | null
}

/**
 * One indicator's value in a region, with the values per risk level where the indicator asks
 * for them.
 *
 * @category models
 * @since 0.3.0
 */
export interface IndicatorValue extends Value {
  readonly byRiskLevel?: Readonly<Record<string, Value>>
}

/**
 * The indicators of one region (a county, township or village).
 *
 * @category models
 * @since 0.3.0
 */
export interface RegionValues {
  readonly region: string
  /** elders in the region with a case file at the as-of date */
  readonly elders: number
  readonly values: Readonly<Record<string, IndicatorValue>>
}

/**
 * The indicators of a region for a period: the region itself, its townships and its villages.
 *
 * @category models
 * @since 0.3.0
 */
export interface Report {
  readonly region: string
  readonly from: CalendarDate.CalendarDate
  readonly to: CalendarDate.CalendarDate
  readonly asOf: CalendarDate.CalendarDate
  readonly indicators: ReadonlyArray<Indicator>
  /** which plugin's evaluation method was applied (set by callers that select it, e.g. the ledger) @since 0.4.0 */
  readonly governing?: Omit<Governing, "indicators">
  readonly total: RegionValues
  readonly townships: ReadonlyArray<RegionValues>
  readonly villages: ReadonlyArray<RegionValues>
}

/**
 * The share of a tally, `null` when the denominator is 0.
 *
 * @category getters
 * @since 0.3.0
 */
export const share = (t: Tally): number | null => (t.denominator === 0 ? null : t.numerator / t.denominator)

interface Acc {
  elders: number
  tallies: Map<string, { numerator: number; denominator: number; levels: Map<string, { numerator: number; denominator: number }> }>
}

const emptyAcc = (): Acc => ({ elders: 0, tallies: new Map() })

const add1 = (acc: Acc, indicator: Indicator, t: ElderTally): void => {
  let x = acc.tallies.get(indicator.id)
  if (x === undefined) acc.tallies.set(indicator.id, (x = { numerator: 0, denominator: 0, levels: new Map() }))
  x.numerator += t.numerator
  x.denominator += t.denominator
  if (indicator.byRiskLevel === true && t.denominator > 0) {
    let l = x.levels.get(t.riskLevel)
    if (l === undefined) x.levels.set(t.riskLevel, (l = { numerator: 0, denominator: 0 }))
    l.numerator += t.numerator
    l.denominator += t.denominator
  }
}

const merge = (into: Acc, from: Acc): void => {
  into.elders += from.elders
  for (const [id, t] of from.tallies) {
    let x = into.tallies.get(id)
    if (x === undefined) into.tallies.set(id, (x = { numerator: 0, denominator: 0, levels: new Map() }))
    x.numerator += t.numerator
    x.denominator += t.denominator
    for (const [k, l] of t.levels) {
      let y = x.levels.get(k)
      if (y === undefined) x.levels.set(k, (y = { numerator: 0, denominator: 0 }))
      y.numerator += l.numerator
      y.denominator += l.denominator
    }
  }
}

const valuesOf = (region: string, acc: Acc, indicators: ReadonlyArray<Indicator>): RegionValues => {
  const values: Record<string, IndicatorValue> = {}
  for (const i of indicators) {
    const t = acc.tallies.get(i.id) ?? { numerator: 0, denominator: 0, levels: new Map() }
    const v: { numerator: number; denominator: number; value: number | null; byRiskLevel?: Record<string, Value> } = { numerator: t.numerator, denominator: t.denominator, value: share(t) }
    if (i.byRiskLevel === true) {
      const levels: Record<string, Value> = {}
      for (const k of [...t.levels.keys()].sort()) {
        const l = t.levels.get(k)!
        levels[k] = { numerator: l.numerator, denominator: l.denominator, value: share(l) }
      }
      v.byRiskLevel = levels
    }
    values[i.id] = v
  }
  return { region, elders: acc.elders, values }
}

const byCode = <A>(m: Map<string, A>): Array<[string, A]> => [...m.entries()].sort((x, y) => (x[0] < y[0] ? -1 : x[0] > y[0] ? 1 : 0))

/**
 * Computes the indicators of a region for a period: each elder of the region counted once per
 * indicator (its village is `caseFile.elder.regionCode`), summed per village, then per
 * township (the first 9 digits) and for the region; a township's numerator and denominator
 * are the sums of its villages', the region's the sums of its townships'.
 *
 * **Example**
 * ```ts
 * import { Indicator } from "@liushou/core"
 * const report = Indicator.compute(indicators, inputs, { from: "2019-01-01", to: "2019-03-31", asOf: "2019-04-10", workflows: [referralWorkflow] }, "430121")
 * report.total.values["hunan.evaluation.visit-timeliness"] // { numerator: 412, denominator: 450, value: 0.9155…, byRiskLevel: {…} }
 * ```
 *
 * @category constructors
 * @since 0.3.0
 */
export const compute = (indicators: ReadonlyArray<Indicator>, inputs: Iterable<ElderInput>, ctx: Context, region: string): Report => {
  const acc = accumulator(indicators, ctx, region)
  for (const input of inputs) acc.add(input)
  return acc.report()
}

/**
 * An indicator computation fed one elder at a time (see {@link compute}, which is this fed an
 * iterable): it keeps the tallies per village, not the elders, so the inputs can come from a
 * stream of any length. `report()` gives the figures of the elders added so far.
 *
 * @category models
 * @since 0.5.0
 */
export interface Accumulator {
  readonly add: (input: ElderInput) => void
  readonly report: () => Report
}

/**
 * Starts an indicator computation fed one elder at a time; {@link compute} on the same inputs
 * gives the same report.
 *
 * **Example**
 * ```ts
 * import { Indicator } from "@liushou/core"
 * const acc = Indicator.accumulator(indicators, { from: "2019-01-01", to: "2019-03-31", asOf: "2019-04-10", workflows: [] }, "430121")
 * for await (const input of inputs) acc.add(input)
 * acc.report().total
 * ```
 *
 * @category constructors
 * @since 0.5.0
 */
export const accumulator = (indicators: ReadonlyArray<Indicator>, ctx: Context, region: string): Accumulator => {
  if (ctx.to < ctx.from) throw new RangeError(`Indicator.compute: period ends (${ctx.to}) before it starts (${ctx.from})`)
  const villages = new Map<string, Acc>()
  const add = (input: ElderInput): void => {
    const code = input.caseFile.elder.regionCode
    if (!RegionCode.contains(region, code)) return
    let acc = villages.get(code)
    if (acc === undefined) villages.set(code, (acc = emptyAcc()))
    acc.elders++
    for (const i of indicators) add1(acc, i, measure(i, input, ctx))
  }
  const report = (): Report => {
    const townships = new Map<string, Acc>()
    const total = emptyAcc()
    for (const [code, acc] of byCode(villages)) {
      const t = code.slice(0, 9)
      let tAcc = townships.get(t)
      if (tAcc === undefined) townships.set(t, (tAcc = emptyAcc()))
      merge(tAcc, acc)
    }
    for (const [, acc] of byCode(townships)) merge(total, acc)
    return {
      region,
      from: ctx.from,
      to: ctx.to,
      asOf: ctx.asOf,
      indicators,
      total: valuesOf(region, total, indicators),
      townships: byCode(townships).map(([code, acc]) => valuesOf(code, acc, indicators)),
      villages: byCode(villages).map(([code, acc]) => valuesOf(code, acc, indicators))
    }
  }
  return { add, report }
}

/**
 * A township's place in a ranking.
 *
 * @category models
 * @since 0.3.0
 */
export interface Ranked extends Value {
  readonly region: string
  /** 1 = best; equal shares share a rank; `null` when nothing was counted */
  readonly rank: number | null
  /** another township has the same rank (a tie, to be shown as one) @since 0.4.0 */
  readonly tied: boolean
}

/**
 * Whether a ranking says anything: `ranked` when the townships with a count differ; `all-equal`
 * when every township with a count has the same share (a ranking would put them all first, so
 * say so instead); `nothing-counted` when no township has a denominator.
 *
 * @category models
 * @since 0.4.0
 */
export type RankingKind = "ranked" | "all-equal" | "nothing-counted"

/**
 * What a ranking amounts to (see {@link RankingKind}): a host shows a ranking only when it is
 * `ranked`, and otherwise says that every township has the same value, or that nothing was
 * counted.
 *
 * **Example**
 * ```ts
 * import { Indicator } from "@liushou/core"
 * Indicator.rankingKind(Indicator.rank(report, "hunan.evaluation.visit-timeliness")) // "all-equal" when every township reads 0/n
 * ```
 *
 * @category getters
 * @since 0.4.0
 */
export const rankingKind = (ranking: ReadonlyArray<Ranked>): RankingKind => {
  const counted = ranking.filter((r) => r.value !== null)
  if (counted.length === 0) return "nothing-counted"
  return counted.every((r) => r.value === counted[0]!.value) ? "all-equal" : "ranked"
}

/**
 * Ranks the townships of a report on one indicator: best first (the indicator says whether
 * higher or lower is better), equal shares at the same rank and marked `tied`, ties in code
 * order, townships with nothing counted last without a rank. Whether the ranking says
 * anything at all is {@link rankingKind}.
 *
 * @category getters
 * @since 0.3.0
 */
export const rank = (report: Report, indicatorId: string): ReadonlyArray<Ranked> => {
  const indicator = report.indicators.find((i) => i.id === indicatorId)
  if (indicator === undefined) throw new RangeError(`Indicator.rank: no indicator ${indicatorId} in the report`)
  const sign = indicator.better === "higher" ? -1 : 1
  const rows = report.townships.map((t) => ({ region: t.region, ...pick(t.values[indicatorId]) }))
  rows.sort((a, b) =>
    a.value === null ? (b.value === null ? cmp(a.region, b.region) : 1) : b.value === null ? -1 : a.value !== b.value ? sign * (a.value - b.value) : cmp(a.region, b.region)
  )
  const ranks: Array<number | null> = []
  for (let i = 0; i < rows.length; i++) {
    const r = rows[i]!
    const prev = rows[i - 1]
    ranks.push(r.value === null ? null : prev !== undefined && prev.value === r.value ? ranks[i - 1]! : i + 1)
  }
  return rows.map((r, i) => {
    const rk = ranks[i]!
    return { ...r, rank: rk, tied: rk !== null && (ranks[i - 1] === rk || ranks[i + 1] === rk) }
  })
}

const pick = (v: Value | undefined): Value => ({ numerator: v?.numerator ?? 0, denominator: v?.denominator ?? 0, value: v?.value ?? null })

const cmp = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0)

const START_MONTHS: Readonly<Record<PeriodLength, number>> = { month: 1, quarter: 3, "half-year": 6, year: 12 }

/**
 * Splits a span into calendar periods (months, quarters from January, April, July and October,
 * half-years, years), the first starting on `from` and the last ending on `to`.
 *
 * **Example**
 * ```ts
 * import { Indicator } from "@liushou/core"
 * Indicator.periods("2019-02-10", "2019-08-31", "quarter")
 * // [{ from: "2019-02-10", to: "2019-03-31" }, { from: "2019-04-01", to: "2019-06-30" }, { from: "2019-07-01", to: "2019-08-31" }]
 * ```
 *
 * @category constructors
 * @since 0.3.0
 */
export const periods = (
  from: CalendarDate.CalendarDate,
  to: CalendarDate.CalendarDate,
  length: PeriodLength
): ReadonlyArray<{ readonly from: CalendarDate.CalendarDate; readonly to: CalendarDate.CalendarDate }> => {
  const months = START_MONTHS[length]
  const out: Array<{ from: CalendarDate.CalendarDate; to: CalendarDate.CalendarDate }> = []
  let start = from
  while (start <= to) {
    const { year, month } = CalendarDate.parts(start)
    const startMonth = Math.floor((month - 1) / months) * months + 1
    const next = CalendarDate.addMonths(CalendarDate.make(year, startMonth, 1), months)
    const end = CalendarDate.min(CalendarDate.addDays(next, -1), to)
    out.push({ from: start, to: end })
    start = next
  }
  return out
}
