import { CalendarDate, type CaseFile, Decode, hash64 } from "@liushou/core"
import type { Context } from "./context.js"
import type { Outcome } from "./types/outcome.js"
import type { VisitorWorkItem } from "./types/casework.js"
import type { Database } from "../Tables.js"
import type { Kysely } from "kysely"
import { appendAudit } from "./audit.js"
import { canonicalJson } from "./json.js"
import { assignmentRow } from "./rows.js"
import { LedgerInputError, lockedElder, regionRange, writeTransaction } from "./tx.js"
import { notFound } from "./visits.js"


const invalid = (elderId: string, issues: ReadonlyArray<Decode.FieldIssue>) => ({
  ok: false as const,
  error: {
    _tag: "InvalidAssignment" as const,
    elderId,
    issues,
    message: {
      en: `assignment for ${elderId}: ${issues.map((i) => `${i.path}: expected ${i.expected.en}, found ${i.found}`).join("; ")}`,
      zh: `老年人 ${elderId} 的责任人或结对记录：${issues.map((i) => `${i.path}：应为${i.expected.zh}，实际为 ${i.found}`).join("；")}`
    }
  }
})

/** Loads, changes and stores an elder's case file in one transaction: the new revision, the assignment row, history and audit. */
const change = async (
  ctx: Context,
  elderId: string,
  region: string | undefined,
  actor: string,
  at: string,
  edit: (cf: CaseFile.CaseFile) => { readonly next: unknown; readonly assignmentId: string } | { readonly refused: Outcome<never> },
  kind: "assignment-added" | "assignment-ended"
): Promise<Outcome<{ readonly revision: number; readonly assignment: CaseFile.Assignment }>> =>
  writeTransaction(ctx.db, ctx.flags, async (trx) => {
    const match = await lockedElder(trx, ctx.flags, elderId, region)
    const row = match.found
    if (row === undefined) return { ok: false as const, error: notFound(elderId, match.counties) }
    const cf = JSON.parse(row.case_file) as CaseFile.CaseFile
    const edited = edit(cf)
    if ("refused" in edited) return edited.refused
    const decoded = Decode.caseFile(edited.next)
    if (!decoded.ok) return invalid(elderId, decoded.error.issues)
    const next = decoded.value
    const index = next.assignments!.findIndex((a) => a.id === edited.assignmentId)
    const assignment = next.assignments![index]!
    const canonical = canonicalJson(next)
    const version = hash64(canonical)
    const revision = Number(row.revision) + 1
    await trx.updateTable("elders").set({ case_file: canonical, input_version: version, revision, updated_at: at }).where("region_code", "=", row.region_code).where("elder_id", "=", elderId).execute()
    await writeRow(trx, row.region_code, elderId, assignment, kind === "assignment-added")
    await trx
      .insertInto("elder_history")
      .values({
        region_code: row.region_code,
        elder_id: elderId,
        revision,
        change: kind,
        import_id: null,
        actor,
        at,
        input_version: version,
        changed_paths: JSON.stringify([kind === "assignment-added" ? `assignments[${index}]` : `assignments[${index}].until`]),
        case_file: canonical
      })
      .execute()
    await appendAudit(trx, ctx, {
      actor,
      action: kind === "assignment-added" ? "assignment.add" : "assignment.end",
      regionCode: row.region_code,
      subject: elderId,
      detail: { revision, assignmentId: assignment.id, role: assignment.role, personId: assignment.personId, personKind: assignment.personKind, from: assignment.from, until: assignment.until },
      at
    })
    return { ok: true as const, value: { revision, assignment } }
  })

const writeRow = async (trx: Kysely<Database>, region: string, elderId: string, a: CaseFile.Assignment, insert: boolean): Promise<void> => {
  if (insert) await trx.insertInto("assignments").values(assignmentRow(region, elderId, a)).execute()
  else await trx.updateTable("assignments").set({ until_date: a.until }).where("region_code", "=", region).where("elder_id", "=", elderId).where("assignment_id", "=", a.id).execute()
}

/** Adds an assignment (responsible visitor or pairing) to an elder's case file. */
export const addAssignment = (
  ctx: Context,
  input: { readonly elderId: string; readonly region?: string; readonly assignment: CaseFile.Assignment; readonly actor: string; readonly at?: string }
): Promise<Outcome<{ readonly revision: number; readonly assignment: CaseFile.Assignment }>> =>
  change(
    ctx,
    input.elderId,
    input.region,
    input.actor,
    input.at ?? ctx.now(),
    (cf) => {
      if ((cf.assignments ?? []).some((a) => a.id === input.assignment.id)) {
        return {
          refused: {
            ok: false,
            error: {
              _tag: "AssignmentExists",
              elderId: input.elderId,
              assignmentId: input.assignment.id,
              message: { en: `elder ${input.elderId} already has an assignment ${input.assignment.id}`, zh: `老年人 ${input.elderId} 已有编号为 ${input.assignment.id} 的责任人或结对记录` }
            }
          }
        }
      }
      return { next: { ...cf, assignments: [...(cf.assignments ?? []), input.assignment] }, assignmentId: input.assignment.id }
    },
    "assignment-added"
  )

/** Ends an assignment on a date (its last day); the assignment is kept, with `until`. */
export const endAssignment = (
  ctx: Context,
  input: { readonly elderId: string; readonly region?: string; readonly assignmentId: string; readonly until: CalendarDate.CalendarDate; readonly actor: string; readonly at?: string }
): Promise<Outcome<{ readonly revision: number; readonly assignment: CaseFile.Assignment }>> =>
  change(
    ctx,
    input.elderId,
    input.region,
    input.actor,
    input.at ?? ctx.now(),
    (cf) => {
      const list = cf.assignments ?? []
      const i = list.findIndex((a) => a.id === input.assignmentId)
      const current = list[i]
      if (current === undefined || current.until !== null) {
        const ended = current !== undefined
        return {
          refused: {
            ok: false,
            error: {
              _tag: ended ? "AssignmentEnded" : "AssignmentNotFound",
              elderId: input.elderId,
              assignmentId: input.assignmentId,
              message: ended
                ? { en: `assignment ${input.assignmentId} of elder ${input.elderId} already ended on ${current.until}`, zh: `老年人 ${input.elderId} 的记录 ${input.assignmentId} 已于 ${current.until} 结束` }
                : { en: `elder ${input.elderId} has no assignment ${input.assignmentId}`, zh: `老年人 ${input.elderId} 没有编号为 ${input.assignmentId} 的责任人或结对记录` }
            }
          }
        }
      }
      const next = list.map((a, j) => (j === i ? { ...a, until: input.until } : a))
      return { next: { ...cf, assignments: next }, assignmentId: input.assignmentId }
    },
    "assignment-ended"
  )

/**
 * The worklist of one person: every elder the person is assigned to on `asOf` (as responsible
 * visitor or pairing), with the visit status from the latest stored assessment, the most
 * urgent first (overdue, due, not yet due, not assessed).
 */
export const visitorWorklist = async (
  ctx: Context,
  personId: string,
  asOf: CalendarDate.CalendarDate,
  options: { readonly region?: string; readonly limit?: number }
): Promise<ReadonlyArray<VisitorWorkItem>> => {
  if (!CalendarDate.isValid(asOf)) throw new LedgerInputError(`asOf must be a calendar date YYYY-MM-DD, got ${JSON.stringify(asOf)}`, `asOf 须为 YYYY-MM-DD 日期，实际为 ${JSON.stringify(asOf)}`)
  const [lo, hi] = regionRange(options.region)
  const rows = await ctx.db
    .selectFrom("assignments as a")
    // the region range on every side of the joins, so PostgreSQL prunes each to its partitions
    .innerJoin("elders as e", (j) => j.onRef("e.region_code", "=", "a.region_code").onRef("e.elder_id", "=", "a.elder_id").on("e.region_code", ">=", lo).on("e.region_code", "<=", hi))
    .leftJoin("elder_status as s", (j) => j.onRef("s.region_code", "=", "a.region_code").onRef("s.elder_id", "=", "a.elder_id").on("s.region_code", ">=", lo).on("s.region_code", "<=", hi))
    .select(["a.region_code", "a.elder_id", "a.assignment_id", "a.role", "a.from_date", "a.until_date", "e.name", "e.input_version", "s.input_version as status_version", "s.as_of", "s.risk_level", "s.visit_due", "s.visit_window", "s.priority"])
    .where("a.person_id", "=", personId)
    .where("a.region_code", ">=", lo)
    .where("a.region_code", "<=", hi)
    .where("a.from_date", "<=", asOf)
    .where((eb) => eb.or([eb("a.until_date", "is", null), eb("a.until_date", ">=", asOf)]))
    .execute()
  const asOfDay = CalendarDate.toDayNumber(asOf)
  const items: Array<VisitorWorkItem> = rows.map((r) => {
    const due = r.visit_due
    const days = due === null ? null : asOfDay - CalendarDate.toDayNumber(due)
    const status: VisitorWorkItem["status"] = r.as_of === null ? "not-assessed" : due === null ? "not-applicable" : days! > 0 ? "overdue" : days === 0 ? "due" : "not-due"
    return {
      regionCode: r.region_code,
      elderId: r.elder_id,
      name: r.name,
      assignmentId: r.assignment_id,
      role: r.role as CaseFile.Assignment["role"],
      since: r.from_date,
      due,
      status,
      daysOverdue: days !== null && days > 0 ? days : 0,
      riskLevel: r.risk_level,
      priority: r.priority === null ? null : Number(r.priority) !== 0,
      assessedAsOf: r.as_of,
      stale: r.as_of !== null && r.status_version !== r.input_version
    }
  })
  const rank = { overdue: 0, due: 1, "not-due": 2, "not-assessed": 3, "not-applicable": 4 } as const
  items.sort((x, y) => rank[x.status] - rank[y.status] || (x.due ?? "").localeCompare(y.due ?? "") || x.regionCode.localeCompare(y.regionCode) || x.elderId.localeCompare(y.elderId))
  return options.limit === undefined ? items : items.slice(0, options.limit)
}

