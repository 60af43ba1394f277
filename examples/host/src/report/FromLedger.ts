/**
 * Gathers a report's figures from the ledger: the stored evaluations of the latest finished
 * assessment run at the as-of date (or, when there is none, an evaluation of the stored case
 * files at that date), and the open referral cases.
 */
import { CalendarDate, type CaseFile, Engine, type Evaluation, type Loader, Recheck, type Selection, Workflow } from "@liushou/core"
import type { Ledger } from "@liushou/storage"
import { type IndicatorsView, indicatorsView } from "../indicators/View.js"
import * as ReportData from "./ReportData.js"

type AnyWorkflow = Workflow.Workflow<string, string>

/** Open referral cases per non-final state, with how many are past their deadline. */
export const openReferrals = async (ledger: Ledger.Ledger, workflow: AnyWorkflow | undefined, region: string, asOf: CalendarDate.CalendarDate): Promise<ReadonlyArray<ReportData.ReferralRow>> => {
  if (workflow === undefined) return []
  const out: Array<ReportData.ReferralRow> = []
  for (const s of workflow.states) {
    if (s.final) continue
    const cases = await ledger.referralsByState(s.id, { region, workflowId: workflow.id, limit: 1_000_000 })
    if (cases.length === 0) continue
    const overdue = cases.filter((c) => Workflow.isOverdue(workflow, { id: c.caseId, state: c.state, since: c.since, history: c.history }, asOf)).length
    out.push({ state: s.id, name: s.name, open: cases.length, overdue })
  }
  return out
}

/** The latest finished assessment run at a date covering a region, if any. */
export const latestRun = async (ledger: Ledger.Ledger, region: string, asOf: CalendarDate.CalendarDate): Promise<{ readonly runId: string; readonly scope: string } | undefined> => {
  const runs = await (ledger.db as never as import("kysely").Kysely<any>)
    .selectFrom("assessment_runs")
    .select(["run_id", "region_scope", "finished_at"])
    .where("as_of", "=", asOf)
    .where("status", "=", "done")
    .orderBy("finished_at", "desc")
    .execute()
  const run = runs.find((r: { region_scope: string | null }) => region.startsWith(r.region_scope ?? ""))
  return run === undefined ? undefined : { runId: run.run_id, scope: run.region_scope ?? "" }
}

/**
 * The date of the latest finished assessment run covering a region (the run finished last, not
 * the latest date), or undefined when the ledger has none: what `report` and `visits` use when no
 * date is given.
 */
export const latestRunDate = async (ledger: Ledger.Ledger, region: string): Promise<CalendarDate.CalendarDate | undefined> => {
  const runs = await (ledger.db as never as import("kysely").Kysely<any>)
    .selectFrom("assessment_runs")
    .select(["as_of", "region_scope"])
    .where("status", "=", "done")
    .orderBy("finished_at", "desc")
    .execute()
  // a run covers the region when its scope contains it, or lies inside it (a township run seen from its county)
  const run = runs.find((r: { region_scope: string | null }) => region.startsWith(r.region_scope ?? "") || (r.region_scope ?? "").startsWith(region))
  return run === undefined ? undefined : (run.as_of as string)
}

/**
 * Gives the case files of a region with their evaluations at a date to `each`, one at a time
 * (nothing is kept): those of the latest finished assessment run at that date covering the
 * region, else the stored case files evaluated now (and the source says which).
 */
export const eachEvaluatedRow = async (
  ledger: Ledger.Ledger,
  registry: Loader.Registry,
  region: string,
  asOf: CalendarDate.CalendarDate,
  continuations: ReadonlyArray<Selection.Continuation>,
  each: (row: { readonly caseFile: CaseFile.CaseFile; readonly evaluation: Evaluation.Evaluation }) => void
): Promise<{ source: { readonly zh: string; readonly en: string }; failed: number }> => {
  const run = await latestRun(ledger, region, asOf)
  if (run !== undefined) {
    if (!/^\d*$/.test(region)) throw new Error(`region must be digits, got ${JSON.stringify(region)}`)
    // pages of 500: a page's rows (each with its case file, evaluation and parameter texts) are read and parsed at once
    for await (const row of ledger.runEvaluations({ runId: run.runId, region, pageSize: 500 })) each(row)
    return { source: { zh: `评估批次 ${run.runId}（${asOf}）`, en: `assessment run ${run.runId} (${asOf})` }, failed: 0 }
  }
  const engine = Engine.make(registry, continuations.length > 0 ? { continuePastExpiry: continuations } : {})
  let failed = 0
  for await (const cf of ledger.exportCaseFiles({ region })) {
    const r = engine.evaluate(cf, asOf)
    if (r.ok) each({ caseFile: cf, evaluation: r.value })
    else failed++
  }
  return { source: { zh: `按 ${asOf} 即时评估（台账中没有该日期的评估批次）`, en: `evaluated at ${asOf} (no stored assessment run)` }, failed }
}

/**
 * The re-check worklist of a region at a date (湘民发〔2018〕30号 §1): per village, the elders
 * whose facts are stale or unknown and what to ask each. The region's rows are read as they come
 * (see {@link eachEvaluatedRow}) and only the evaluations with something to ask are kept, so the
 * memory follows the list, not the region. `inScope` leaves out elders the reader may not see.
 */
export const recheckWorklist = async (
  ledger: Ledger.Ledger,
  registry: Loader.Registry,
  region: string,
  asOf: CalendarDate.CalendarDate,
  inScope: (regionCode: string) => boolean = () => true
): Promise<{ villages: ReadonlyArray<Recheck.VillageRecheck>; source: { readonly zh: string; readonly en: string }; failed: number }> => {
  const kept: Array<Evaluation.Evaluation> = []
  const { source, failed } = await eachEvaluatedRow(ledger, registry, region, asOf, [], ({ evaluation }) => {
    if (inScope(evaluation.regionCode) && Recheck.asks(evaluation).length > 0) kept.push(evaluation)
  })
  return { villages: Recheck.worklist(kept, region), source, failed }
}

/**
 * Builds a report's data from the ledger. The region's rows are read in pages and counted as
 * they come (`ReportData.builder`): the memory it takes depends on the number of villages, not
 * on the number of elders.
 */
export const reportData = async (
  ledger: Ledger.Ledger,
  registry: Loader.Registry,
  options: {
    readonly region: string
    readonly asOf: CalendarDate.CalendarDate
    readonly workflow?: AnyWorkflow
    readonly regionNames?: Readonly<Record<string, string>>
    /** when given: the evaluation indicators (考评) of the year to the as-of date, by quarter, from the ledger as it stood at the end of this day (on or after the as-of date) */
    readonly indicatorsAsOf?: CalendarDate.CalendarDate
    /** expired plugins the host keeps applying: the indicators follow the same selection as evaluations */
    readonly continuations?: ReadonlyArray<Selection.Continuation>
  }
): Promise<ReportData.ReportData> => {
  const { region, asOf } = options
  const builder = ReportData.builder({ region, asOf, registry, ...(options.regionNames === undefined ? {} : { regionNames: options.regionNames }) })
  const { source, failed } = await eachEvaluatedRow(ledger, registry, region, asOf, options.continuations ?? [], builder.add)
  const referrals = await openReferrals(ledger, options.workflow, region, asOf)
  const data = builder.finish({ referrals, source, failed })
  if (options.indicatorsAsOf === undefined) return data
  return { ...data, indicators: await yearOfIndicators(ledger, registry, region, asOf, options.indicatorsAsOf, options.workflow, options.continuations) }
}

/** The evaluation indicators of the year to a date, by quarter, read as of a later day (or the same). */
export const yearOfIndicators = (
  ledger: Ledger.Ledger,
  registry: Loader.Registry,
  region: string,
  to: CalendarDate.CalendarDate,
  readAsOf: CalendarDate.CalendarDate,
  workflow: AnyWorkflow | undefined,
  continuations: ReadonlyArray<Selection.Continuation> = []
): Promise<IndicatorsView> =>
  indicatorsView(ledger, registry, {
    region,
    from: CalendarDate.addDays(CalendarDate.addYears(to, -1), 1),
    to,
    asOf: readAsOf < to ? to : readAsOf,
    period: "quarter",
    continuations,
    ...(workflow === undefined ? {} : { workflow: workflow as never })
  })
