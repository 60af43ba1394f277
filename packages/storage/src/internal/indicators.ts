import { CalendarDate, Indicator } from "@liushou/core"
import type { CaseFile, Engine, Workflow } from "@liushou/core"
import type { Context } from "./context.js"
import type { CurrentElder } from "./types/casework.js"
import type { IndicatorOptions } from "./types/indicators.js"
import { LedgerInputError, regionRange } from "./tx.js"

const checkDate = (name: string, d: unknown): void => {
  if (typeof d !== "string" || !CalendarDate.isValid(d)) {
    throw new LedgerInputError(`${name} must be a calendar date YYYY-MM-DD, got ${JSON.stringify(d)}`, `${name} 须为 YYYY-MM-DD 日期，实际为 ${JSON.stringify(d)}`)
  }
}

/** The first instant after the as-of date (UTC): what was recorded before it counts. */
const cutoff = (asOf: CalendarDate.CalendarDate): string => `${CalendarDate.addDays(asOf, 1)}T00:00:00.000Z`

/**
 * The case files of a region as the ledger held them at the end of the as-of date (UTC): for each
 * elder, the latest revision recorded by then. An elder is its county and its id, and may have
 * moved between villages: the latest revision is found county-wide, then kept when its village
 * is inside the region. Elders recorded after the as-of date are not there.
 */
export const caseFilesAsOf = async (
  ctx: Context,
  options: { readonly region?: string; readonly asOf: CalendarDate.CalendarDate }
): Promise<ReadonlyArray<CurrentElder>> => {
  const out: Array<CurrentElder> = []
  for await (const page of caseFilesAsOfPages(ctx, options)) for (const e of page) out.push(e)
  return out
}

/** {@link caseFilesAsOf} in pages of at most 500 elders, in region and id order: only the page being read is in memory. */
async function* caseFilesAsOfPages(ctx: Context, options: { readonly region?: string; readonly asOf: CalendarDate.CalendarDate }): AsyncIterable<ReadonlyArray<CurrentElder>> {
  checkDate("asOf", options.asOf)
  const region = options.region ?? ""
  const [lo, hi] = regionRange(region)
  // the whole counties the region touches, so that a move out of the region is seen
  const [clo, chi] = region.length >= 6 ? regionRange(region.slice(0, 6)) : [lo, hi]
  const until = cutoff(options.asOf)
  const latest = await ctx.db
    .selectFrom("elder_history")
    .select(["region_code", "elder_id"])
    .select((eb) => eb.fn.max("revision").as("revision"))
    .where("region_code", ">=", clo)
    .where("region_code", "<=", chi)
    .where("at", "<", until)
    .groupBy(["region_code", "elder_id"])
    .execute()
  const best = new Map<string, { region_code: string; elder_id: string; revision: number }>()
  for (const r of latest) {
    const key = `${r.region_code.slice(0, 6)}|${r.elder_id}`
    const revision = Number(r.revision)
    const prev = best.get(key)
    if (prev === undefined || revision > prev.revision) best.set(key, { region_code: r.region_code, elder_id: r.elder_id, revision })
  }
  latest.length = 0
  const keys = [...best.values()].filter((k) => k.region_code >= lo && k.region_code <= hi)
  best.clear()
  keys.sort((a, b) => (a.region_code !== b.region_code ? (a.region_code < b.region_code ? -1 : 1) : a.elder_id < b.elder_id ? -1 : a.elder_id > b.elder_id ? 1 : 0))
  for (let i = 0; i < keys.length; i += 500) {
    const page = keys.slice(i, i + 500)
    const rows = await ctx.db
      .selectFrom("elder_history")
      .select(["region_code", "elder_id", "revision", "case_file"])
      .where((eb) => eb(eb.refTuple("region_code", "elder_id", "revision"), "in", page.map((k) => eb.tuple(k.region_code, k.elder_id, k.revision))))
      .execute()
    const byKey = new Map(rows.map((r) => [`${r.region_code}|${r.elder_id}`, r]))
    const out: Array<CurrentElder> = []
    for (const k of page) {
      const r = byKey.get(`${k.region_code}|${k.elder_id}`)
      if (r !== undefined) out.push({ regionCode: r.region_code, elderId: r.elder_id, revision: Number(r.revision), caseFile: JSON.parse(r.case_file) as CaseFile.CaseFile })
    }
    yield out
  }
}

/**
 * The referral cases of a region's counties with the steps recorded by the end of the as-of
 * date, keyed by county and elder id.
 */
const referralsAsOf = async (ctx: Context, region: string, asOf: CalendarDate.CalendarDate): Promise<Map<string, Array<Indicator.ReferralRecord>>> => {
  const [lo, hi] = region.length >= 6 ? regionRange(region.slice(0, 6)) : regionRange(region)
  const until = cutoff(asOf)
  const rows = await ctx.db
    .selectFrom("referral_transitions as t")
    .innerJoin("referral_cases as c", (j) => j.onRef("c.region_code", "=", "t.region_code").onRef("c.case_id", "=", "t.case_id"))
    .select(["c.region_code", "c.case_id", "c.elder_id", "c.workflow_id", "t.seq", "t.to_state", "t.at"])
    .where("t.region_code", ">=", lo)
    .where("t.region_code", "<=", hi)
    .where("t.recorded_at", "<", until)
    .orderBy("c.region_code")
    .orderBy("c.case_id")
    .orderBy("t.seq")
    .execute()
  const cases = new Map<string, { key: string; record: { caseId: string; workflowId: string; history: Array<{ to: string; at: string }> } }>()
  for (const r of rows) {
    const id = `${r.region_code}|${r.case_id}`
    let c = cases.get(id)
    if (c === undefined) cases.set(id, (c = { key: `${r.region_code.slice(0, 6)}|${r.elder_id}`, record: { caseId: r.case_id, workflowId: r.workflow_id, history: [] } }))
    c.record.history.push({ to: r.to_state, at: r.at })
  }
  const out = new Map<string, Array<Indicator.ReferralRecord>>()
  for (const c of cases.values()) {
    let list = out.get(c.key)
    if (list === undefined) out.set(c.key, (list = []))
    list.push(c.record)
  }
  return out
}

const check = (o: IndicatorOptions): void => {
  for (const k of ["from", "to", "asOf"] as const) checkDate(k, o[k])
  if (o.to < o.from) throw new LedgerInputError(`the period ends (${o.to}) before it starts (${o.from})`, `期间结束日 ${o.to} 早于开始日 ${o.from}`)
  if (o.asOf < o.to) throw new LedgerInputError(`asOf (${o.asOf}) must be on or after the period's end (${o.to})`, `读取日期 asOf（${o.asOf}）须不早于期间结束日（${o.to}）`)
  regionRange(o.region)
}

/**
 * The indicators of a region for several periods in one read of the ledger as it stood at the
 * as-of date: the case files come in pages, each elder is evaluated at each period's last day
 * and counted at once (`Indicator.accumulator`), so that only one page of case files and the
 * tallies per village are in memory, whatever the region's size.
 */
const reportsFor = async (ctx: Context, engine: Engine.Engine, o: IndicatorOptions, periods: ReadonlyArray<{ readonly from: string; readonly to: string }>): Promise<ReadonlyArray<Indicator.Report>> => {
  check(o)
  const referrals = await referralsAsOf(ctx, o.region, o.asOf)
  const runs = periods.map((p) => {
    // the plugin governing the region at the period's end, selected as the engine selects for
    // evaluations (an expired plugin the host keeps applying included)
    const { indicators: governed, ...governing } = Indicator.governing(engine.registry, o.region, p.to, engine.continuePastExpiry ?? [])
    const indicators = o.indicators ?? governed
    return { to: p.to, governing, acc: Indicator.accumulator(indicators, { from: p.from, to: p.to, asOf: o.asOf, workflows: o.workflows }, o.region) }
  })
  for await (const page of caseFilesAsOfPages(ctx, { region: o.region, asOf: o.asOf })) {
    for (const e of page) {
      const rs = referrals.get(`${e.regionCode.slice(0, 6)}|${e.elderId}`) ?? []
      for (const run of runs) {
        const r = engine.evaluate(e.caseFile, run.to)
        run.acc.add({ caseFile: e.caseFile, evaluation: r.ok ? r.value : null, referrals: rs })
      }
    }
  }
  return runs.map((run) => {
    const report = run.acc.report()
    return o.indicators === undefined ? { ...report, governing: run.governing } : report
  })
}

/**
 * The indicators of a region for a period, from the ledger as it stood at the as-of date: case
 * files at their latest revision recorded by then, referral steps recorded by then, each elder
 * evaluated at the period's last day.
 */
export const indicators = async (ctx: Context, engine: Engine.Engine, o: IndicatorOptions): Promise<Indicator.Report> => (await reportsFor(ctx, engine, o, [{ from: o.from, to: o.to }]))[0]!

/**
 * The indicators of a region for each calendar period of a span (`Indicator.periods`), all read
 * from the ledger as it stood at the as-of date: a trend.
 */
export const indicatorTrend = async (
  ctx: Context,
  engine: Engine.Engine,
  o: IndicatorOptions & { readonly period: Indicator.PeriodLength }
): Promise<ReadonlyArray<Indicator.Report>> => {
  check(o)
  return reportsFor(ctx, engine, o, Indicator.periods(o.from, o.to, o.period))
}
