import { CalendarDate, type CaseFile, Decode, type Evaluation } from "@liushou/core"
import { sql } from "kysely"
import type { Context } from "./context.js"
import type { AssessmentDue, CurrentElder, ElderStatus, ElderSummary, Revision, StatusFilter, VisitDue } from "./types/casework.js"
import type { EvaluationKey, StoredEvaluation } from "./types/assessment.js"
import type { ReferralCase } from "./types/referrals.js"
import { parseStored, reasonReader, restore } from "./assess.js"
import { referralCases } from "./referrals.js"
import { bool, countyRange, findElder, LedgerInputError, regionRange } from "./tx.js"

const checkDate = (d: string, name: string): void => {
  if (!CalendarDate.isValid(d)) throw new LedgerInputError(`${name} must be a calendar date YYYY-MM-DD, got ${JSON.stringify(d)}`, `${name} 须为 YYYY-MM-DD 日期，实际为 ${JSON.stringify(d)}`)
}

const STATUS_COLUMNS = [
  "s.run_id",
  "s.as_of",
  "s.input_version as status_version",
  "s.policy_id",
  "s.left_behind",
  "s.priority",
  "s.unmet_duties",
  "s.risk_level",
  "s.assessment_next_due",
  "s.assessment_overdue",
  "s.visit_window",
  "s.visit_next_due",
  "s.visit_extra_due",
  "s.exited_on"
] as const

interface StatusColumns {
  run_id: string | null
  as_of: string | null
  status_version: string | null
  policy_id: string | null
  left_behind: number | null
  priority: number | null
  unmet_duties: number | null
  risk_level: string | null
  assessment_next_due: string | null
  assessment_overdue: number | null
  visit_window: string | null
  visit_next_due: string | null
  visit_extra_due: string | null
  exited_on: string | null
  input_version: string
}

const toStatus = (r: StatusColumns): ElderStatus | null =>
  r.run_id === null
    ? null
    : {
        runId: r.run_id,
        asOf: r.as_of!,
        policyId: r.policy_id!,
        leftBehind: bool(r.left_behind),
        priority: bool(r.priority),
        unmetDuties: Number(r.unmet_duties ?? 0),
        riskLevel: r.risk_level,
        assessmentNextDue: r.assessment_next_due,
        assessmentOverdue: Number(r.assessment_overdue ?? 0) !== 0,
        visitWindow: r.visit_window as Evaluation.VisitWindow | null,
        visitNextDue: r.visit_next_due,
        visitExtraDue: r.visit_extra_due,
        exitedOn: r.exited_on ?? null,
        stale: r.status_version !== r.input_version
      }

export const eldersByRegion = async (
  ctx: Context,
  region: string,
  options: { readonly status?: StatusFilter; readonly limit?: number; readonly after?: { readonly regionCode: string; readonly elderId: string } }
): Promise<ReadonlyArray<ElderSummary>> => {
  const [lo, hi] = regionRange(region)
  const f = options.status ?? {}
  const after = options.after
  const rows = await ctx.db
    .selectFrom("elders as e")
    // the region range on both sides of a join: PostgreSQL prunes each side to its partitions when
    // planning (a range does not pass through the join's equality)
    .leftJoin("elder_status as s", (j) => j.onRef("s.region_code", "=", "e.region_code").onRef("s.elder_id", "=", "e.elder_id").on("s.region_code", ">=", lo).on("s.region_code", "<=", hi))
    .select(["e.region_code", "e.elder_id", "e.name", "e.revision", "e.input_version", ...STATUS_COLUMNS])
    .where("e.region_code", ">=", lo)
    .where("e.region_code", "<=", hi)
    .$if(after !== undefined, (q) => q.where((eb) => eb(eb.refTuple("e.region_code", "e.elder_id"), ">", eb.tuple(after!.regionCode, after!.elderId))))
    .$if(f.leftBehind !== undefined, (q) => q.where("s.left_behind", "=", f.leftBehind ? 1 : 0))
    .$if(f.priority !== undefined, (q) => q.where("s.priority", "=", f.priority ? 1 : 0))
    .$if(f.riskLevel !== undefined, (q) => q.where("s.risk_level", "=", f.riskLevel!))
    .$if(f.visitWindow !== undefined, (q) => q.where("s.visit_window", "=", f.visitWindow!))
    .$if(f.assessed !== undefined, (q) => q.where("s.run_id", f.assessed ? "is not" : "is", null))
    .$if(f.inLedger !== undefined, (q) => q.where("s.exited_on", f.inLedger ? "is" : "is not", null))
    .orderBy("e.region_code")
    .orderBy("e.elder_id")
    .limit(options.limit ?? 1000)
    .execute()
  return rows.map((r) => ({ regionCode: r.region_code, elderId: r.elder_id, name: r.name, revision: Number(r.revision), status: toStatus(r as StatusColumns) }))
}

/**
 * The stored statuses inside a region, for the due lists (each adds its columns, its condition
 * on `dueBy` and its order). A status row carries what the lists show of its elder (name,
 * current input version: `0013_due_list`), so a list reads `elder_status` alone. Inside a
 * county (a region of 6 digits or more) the county code is also matched as the expression the
 * due-date indexes start with (`0012_county_due`), so the rows come out of the index in
 * due-date order and the query stops at its limit.
 */
const statusesIn = (ctx: Context, dueBy: CalendarDate.CalendarDate, region: string | undefined) => {
  checkDate(dueBy, "dueBy")
  const [lo, hi] = regionRange(region)
  return ctx.db
    .selectFrom("elder_status as s")
    .where("s.region_code", ">=", lo)
    .where("s.region_code", "<=", hi)
    .$if(region !== undefined && region.length >= 6, (q) => q.where(sql<string>`substr(${sql.ref("s.region_code")}, 1, 6)`, "=", region!.slice(0, 6)))
}

export const visitsDue = async (
  ctx: Context,
  dueBy: CalendarDate.CalendarDate,
  options: { readonly region?: string; readonly limit?: number }
): Promise<ReadonlyArray<VisitDue>> => {
  const rows = await statusesIn(ctx, dueBy, options.region)
    .select(["s.region_code", "s.elder_id", "s.elder_name", "s.elder_version", "s.input_version", "s.visit_due", "s.visit_next_due", "s.visit_extra_due", "s.risk_level", "s.as_of"])
    .where("s.visit_due", "<=", dueBy)
    .orderBy("s.visit_due")
    .orderBy("s.region_code")
    .orderBy("s.elder_id")
    .limit(options.limit ?? 100_000)
    .execute()
  return rows.map((r) => {
    const days = CalendarDate.daysBetween(r.visit_due!, dueBy)
    return {
      regionCode: r.region_code,
      elderId: r.elder_id,
      name: r.elder_name ?? "",
      due: r.visit_due!,
      nextDue: r.visit_next_due,
      extraDue: r.visit_extra_due,
      status: days > 0 ? "overdue" : "due",
      daysOverdue: Math.max(0, days),
      riskLevel: r.risk_level,
      asOf: r.as_of,
      stale: r.input_version !== r.elder_version
    }
  })
}

export const assessmentsDue = async (
  ctx: Context,
  dueBy: CalendarDate.CalendarDate,
  options: { readonly region?: string; readonly limit?: number }
): Promise<ReadonlyArray<AssessmentDue>> => {
  const rows = await statusesIn(ctx, dueBy, options.region)
    .select(["s.region_code", "s.elder_id", "s.elder_name", "s.assessment_next_due", "s.assessment_overdue", "s.risk_level", "s.as_of"])
    .where((eb) => eb.or([eb("s.assessment_next_due", "<=", dueBy), eb("s.assessment_overdue", "=", 1)]))
    .orderBy("s.assessment_next_due")
    .orderBy("s.region_code")
    .orderBy("s.elder_id")
    .limit(options.limit ?? 100_000)
    .execute()
  return rows.map((r) => ({
    regionCode: r.region_code,
    elderId: r.elder_id,
    name: r.elder_name ?? "",
    due: r.assessment_next_due,
    overdue: Number(r.assessment_overdue) !== 0 || (r.assessment_next_due !== null && r.assessment_next_due < dueBy),
    riskLevel: r.risk_level,
    asOf: r.as_of
  }))
}

export const referralsByState = async (
  ctx: Context,
  state: string,
  options: { readonly region?: string; readonly workflowId?: string; readonly limit?: number }
): Promise<ReadonlyArray<ReferralCase>> => {
  const [lo, hi] = regionRange(options.region)
  const rows = await ctx.db
    .selectFrom("referral_cases")
    .selectAll()
    .where("state", "=", state)
    .where("region_code", ">=", lo)
    .where("region_code", "<=", hi)
    .$if(options.workflowId !== undefined, (q) => q.where("workflow_id", "=", options.workflowId!))
    .orderBy("region_code")
    .orderBy("case_id")
    .limit(options.limit ?? 10_000)
    .execute()
  return referralCases(ctx.db, rows)
}

export const evaluationOf = async (ctx: Context, key: EvaluationKey): Promise<StoredEvaluation | undefined> => {
  const row = await ctx.db
    .selectFrom("evaluations as v")
    .innerJoin("parameter_sets as p", "p.set_hash", "v.parameter_set")
    .leftJoin("evaluations as b", (j) => j.onRef("b.region_code", "=", "v.region_code").onRef("b.elder_id", "=", "v.elder_id").onRef("b.run_id", "=", "v.base_run"))
    .select(["v.input_revision", "v.evaluation", "v.dated", "v.base_run", "b.evaluation as base_evaluation", "p.parameters"])
    .where("v.region_code", "=", key.regionCode)
    .where("v.elder_id", "=", key.elderId)
    .where("v.run_id", "=", key.runId)
    .executeTakeFirst()
  if (row === undefined) return undefined
  const parsed: unknown = parseStored(row)
  // a reference to an evaluation that is not stored (verify reports it)
  if (parsed === undefined) return undefined
  const reasons = await reasonReader(ctx.db)([parsed])
  return { key, inputRevision: Number(row.input_revision), evaluation: restore(parsed, row.parameters, reasons) }
}

export async function* runEvaluations(
  ctx: Context,
  options: { readonly runId: string; readonly region?: string; readonly pageSize?: number }
): AsyncIterable<{ readonly caseFile: CaseFile.CaseFile; readonly evaluation: Evaluation.Evaluation }> {
  const [lo, hi] = regionRange(options.region)
  const pageSize = options.pageSize ?? 2_000
  const read = reasonReader(ctx.db)
  let after: { regionCode: string; elderId: string } | undefined
  for (;;) {
    const rows = await ctx.db
      .selectFrom("evaluations as v")
      .innerJoin("elders as e", (j) => j.onRef("e.region_code", "=", "v.region_code").onRef("e.elder_id", "=", "v.elder_id").on("e.region_code", ">=", lo).on("e.region_code", "<=", hi))
      .innerJoin("parameter_sets as p", "p.set_hash", "v.parameter_set")
      .leftJoin("evaluations as b", (j) => j.onRef("b.region_code", "=", "v.region_code").onRef("b.elder_id", "=", "v.elder_id").onRef("b.run_id", "=", "v.base_run"))
      .select(["v.region_code", "v.elder_id", "e.case_file", "v.evaluation", "v.dated", "v.base_run", "b.evaluation as base_evaluation", "p.parameters"])
      .where("v.run_id", "=", options.runId)
      .where("v.region_code", ">=", lo)
      .where("v.region_code", "<=", hi)
      .$if(after !== undefined, (q) =>
        q.where((eb) => eb.or([eb("v.region_code", ">", after!.regionCode), eb.and([eb("v.region_code", "=", after!.regionCode), eb("v.elder_id", ">", after!.elderId)])]))
      )
      .orderBy("v.region_code")
      .orderBy("v.elder_id")
      .limit(pageSize)
      .execute()
    if (rows.length === 0) return
    const parsed = rows.map((r) => parseStored(r))
    const reasons = await read(parsed.filter((p) => p !== undefined))
    for (let i = 0; i < rows.length; i++) {
      // a reference to an evaluation that is not stored is left out (verify reports it)
      if (parsed[i] === undefined) continue
      yield { caseFile: JSON.parse(rows[i]!.case_file) as CaseFile.CaseFile, evaluation: restore(parsed[i], rows[i]!.parameters, reasons) }
    }
    const last = rows[rows.length - 1]!
    after = { regionCode: last.region_code, elderId: last.elder_id }
  }
}

/** The current case file of an elder (county and id; the region prefix picks the county when the id is used in several). */
export const currentElder = async (ctx: Context, elderId: string, options: { readonly region?: string }): Promise<CurrentElder | undefined> => {
  const match = await findElder(
    (lo, hi) =>
      ctx.db
        .selectFrom("elders")
        .select(["region_code", "revision", "case_file"])
        .where("elder_id", "=", elderId)
        .where("region_code", ">=", lo)
        .where("region_code", "<=", hi)
        .execute(),
    options.region
  )
  if (match.found === undefined) {
    if (match.counties.length === 0) return undefined
    throw new LedgerInputError(
      `elder id ${Decode.printable(elderId)} is used in counties ${match.counties.join(", ")}: give the region`,
      `老年人编号 ${Decode.printable(elderId)} 在多个县（${match.counties.join("、")}）中使用：请指定区划`
    )
  }
  const r = match.found
  return { regionCode: r.region_code, elderId, revision: Number(r.revision), caseFile: JSON.parse(r.case_file) as CaseFile.CaseFile }
}

export const history = async (
  ctx: Context,
  elderId: string,
  options: { readonly region?: string; readonly afterRevision?: number; readonly limit?: number }
): Promise<ReadonlyArray<Revision>> => {
  const current = await currentElder(ctx, elderId, options)
  if (current === undefined) return []
  const [lo, hi] = countyRange(current.regionCode)
  const rows = await ctx.db
    .selectFrom("elder_history")
    .selectAll()
    .where("elder_id", "=", elderId)
    .where("region_code", ">=", lo)
    .where("region_code", "<=", hi)
    .$if(options.afterRevision !== undefined, (q) => q.where("revision", ">", options.afterRevision!))
    .orderBy("revision")
    .$if(options.limit !== undefined, (q) => q.limit(Math.max(1, Math.floor(options.limit!))))
    .execute()
  return rows.map((r) => ({
    regionCode: r.region_code,
    revision: Number(r.revision),
    change: r.change,
    importId: r.import_id,
    actor: r.actor,
    at: r.at,
    inputVersion: r.input_version,
    changedPaths: JSON.parse(r.changed_paths) as Array<string>,
    caseFile: JSON.parse(r.case_file) as CaseFile.CaseFile
  }))
}
