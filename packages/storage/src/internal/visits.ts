import { Assignment, CaseFile, Decode, hash64 } from "@liushou/core"
import { type Kysely, sql } from "kysely"
import type { Context } from "./context.js"
import type { LedgerError, Outcome } from "./types/outcome.js"
import type { Database } from "../Tables.js"
import { AUDIT_LOCK, appendAudit, pgAuditPart } from "./audit.js"
import { findElder, lockedElder, writeTransaction } from "./tx.js"
import { writeServiceRows } from "./services.js"

/** No elder with the id in the region, or one in each of several counties. */
export const notFound = (elderId: string, counties: ReadonlyArray<string>): LedgerError => {
  const id = Decode.printable(elderId)
  return counties.length > 1
    ? {
        _tag: "AmbiguousElder",
        elderId,
        counties,
        message: {
          en: `elder id ${id} is used in counties ${counties.join(", ")}: give the region`,
          zh: `老年人编号 ${id} 在多个县（${counties.join("、")}）中使用：请指定区划`
        }
      }
    : { _tag: "ElderNotFound", elderId, message: { en: `no elder ${id} in the ledger`, zh: `台账中没有老年人 ${id}` } }
}

/** Appends a visit: one transaction that locks the elder, writes the visit, the new revision, history and audit. */
export const recordVisit = async (
  ctx: Context,
  input: { readonly elderId: string; readonly region?: string; readonly visit: CaseFile.Visit; readonly actor: string; readonly at?: string }
): Promise<Outcome<{ readonly revision: number; readonly seq: number }>> => {
  const at = input.at ?? ctx.now()
  // PostgreSQL: four statements (begin, the locked read, one write, commit) instead of ten round trips
  const oneStatement = ctx.flags.lockRows && ctx.flags.name === "postgres"
  return writeTransaction(ctx.db, ctx.flags, async (trx) => {
    const match = oneStatement ? await lockedElderAndChain(trx, input.elderId, input.region) : await lockedElder(trx, ctx.flags, input.elderId, input.region)
    const row = match.found
    if (row === undefined) return { ok: false as const, error: notFound(input.elderId, match.counties) }
    const cf = JSON.parse(row.case_file) as CaseFile.CaseFile
    const seq = cf.visits.length
    // a visit that names nobody is attributed to the responsible visitor of its date
    const decoded = Decode.caseFile({ ...cf, visits: [...cf.visits, Assignment.attributeVisit(cf, input.visit)] })
    if (!decoded.ok) {
      const issues = decoded.error.issues
      return {
        ok: false as const,
        error: {
          _tag: "InvalidVisit" as const,
          elderId: input.elderId,
          issues,
          message: { en: `visit for ${Decode.printable(input.elderId)}: ${issues.map((i) => `${i.path}: expected ${i.expected.en}, found ${i.found}`).join("; ")}`, zh: `老年人 ${Decode.printable(input.elderId)} 的探访记录：${issues.map((i) => `${i.path}：应为${i.expected.zh}，实际为 ${i.found}`).join("；")}` }
        }
      }
    }
    const next = decoded.value
    const canonical = CaseFile.canonical(next)
    const version = hash64(canonical)
    const revision = Number(row.revision) + 1
    const visit = next.visits[seq]!
    const detail = { seq, revision, inputVersion: version, date: visit.date, mode: visit.mode, by: visit.by, concerns: visit.concerns, ...(visit.visitorId !== undefined ? { visitorId: visit.visitorId } : {}), ...(visit.services !== undefined ? { services: visit.services } : {}) }
    if (oneStatement) {
      // a visit's services are service records of the visit's date
      if (visit.services !== undefined && visit.services.length > 0) await writeServiceRows(trx, row.region_code, input.elderId, next)
      // the new revision, the visit, its history row and its audit entry in one statement: each
      // part writes from the updated row, so nothing is written unless the elder's row is
      const written = await sql<{ n: string | number }>`
        with u as (
          update elders set case_file = ${canonical}, input_version = ${version}, revision = ${revision}, updated_at = ${at}
          where region_code = ${row.region_code} and elder_id = ${input.elderId}
          returning region_code, elder_id, case_file, input_version, revision, updated_at
        ), v as (
          insert into visits (region_code, elder_id, seq, date, mode, visitor, concerns, visitor_id, recorded_by, recorded_at)
          select region_code, elder_id, ${seq}::integer, ${visit.date}::text, ${visit.mode}::text, ${visit.by}::text, ${JSON.stringify(visit.concerns)}::text, ${visit.visitorId ?? null}::text, ${input.actor}::text, updated_at from u
        ), h as (
          insert into elder_history (region_code, elder_id, revision, change, import_id, actor, at, input_version, changed_paths, case_file)
          select region_code, elder_id, revision, 'visit-recorded', null, ${input.actor}::text, updated_at, input_version, ${JSON.stringify([`visits[${seq}]`])}::text, case_file from u
        ), ${pgAuditPart(ctx, "a", { actor: input.actor, action: "visit.record", regionCode: row.region_code, subject: input.elderId, detail, at })}
        select count(*) as n from u`.execute(trx)
      if (Number(written.rows[0]?.n) !== 1) throw new Error(`visit for ${Decode.printable(input.elderId)}: the elder's row was not updated`)
      return { ok: true as const, value: { revision, seq } }
    }
    await trx
      .updateTable("elders")
      .set({ case_file: canonical, input_version: version, revision, updated_at: at })
      .where("region_code", "=", row.region_code)
      .where("elder_id", "=", input.elderId)
      .execute()
    await trx
      .insertInto("visits")
      .values({
        region_code: row.region_code,
        elder_id: input.elderId,
        seq,
        date: visit.date,
        mode: visit.mode,
        visitor: visit.by,
        concerns: JSON.stringify(visit.concerns),
        visitor_id: visit.visitorId ?? null,
        recorded_by: input.actor,
        recorded_at: at
      })
      .execute()
    // a visit's services are service records of the visit's date
    if (visit.services !== undefined && visit.services.length > 0) await writeServiceRows(trx, row.region_code, input.elderId, next)
    await trx
      .insertInto("elder_history")
      .values({
        region_code: row.region_code,
        elder_id: input.elderId,
        revision,
        change: "visit-recorded",
        import_id: null,
        actor: input.actor,
        at,
        input_version: version,
        changed_paths: JSON.stringify([`visits[${seq}]`]),
        case_file: canonical
      })
      .execute()
    await appendAudit(trx, ctx, {
      actor: input.actor,
      action: "visit.record",
      regionCode: row.region_code,
      subject: input.elderId,
      detail,
      at
    })
    return { ok: true as const, value: { revision, seq } }
  })
}

/**
 * PostgreSQL: the elder's row locked for the transaction, then the audit chain (`AUDIT_LOCK`), in
 * one statement and in that order (the rows first, as every writer that appends to the audit log
 * takes them): `n` counts the materialized `e`, so every matching row (an id used in two counties
 * matches two) is locked before the chain, and the chain is taken only when one row matched (an
 * ambiguous id is refused without waiting for it). Taking the chain between two rows' locks let two
 * visits to an id shared by two counties deadlock.
 */
const lockedElderAndChain = (trx: Kysely<Database>, elderId: string, region: string | undefined) =>
  findElder(
    async (lo, hi) =>
      (
        await sql<{ region_code: string; case_file: string; revision: number }>`
          with e as materialized (
            select region_code, case_file, revision from elders
            where elder_id = ${elderId} and region_code >= ${lo} and region_code <= ${hi}
            for update
          ), n as materialized (select count(*) as c from e)
          select e.region_code, e.case_file, e.revision, case when n.c = 1 then pg_advisory_xact_lock(${AUDIT_LOCK}::bigint) end as chain
          from e cross join n`.execute(trx)
      ).rows,
    region
  )
