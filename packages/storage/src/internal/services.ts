import { CalendarDate, type CaseFile, Service } from "@liushou/core"
import { sql } from "kysely"
import type { Context } from "./context.js"
import type { Outcome } from "./types/outcome.js"
import type { ServiceCount, ServiceCountLevel, ServiceRow } from "./types/services.js"
import type { Database } from "../Tables.js"
import { editCaseFile, invalidEdit } from "./edit.js"
import { serviceRows } from "./rows.js"
import { LedgerInputError, regionRange } from "./tx.js"
import type { Kysely } from "kysely"

/** Rewrites an elder's service rows from the case file (a few rows per elder: simpler than renumbering). */
export const writeServiceRows = async (trx: Kysely<Database>, region: string, elderId: string, cf: CaseFile.CaseFile): Promise<void> => {
  await trx.deleteFrom("services").where("region_code", "=", region).where("elder_id", "=", elderId).execute()
  const rows = serviceRows(region, elderId, cf)
  if (rows.length > 0) await trx.insertInto("services").values(rows).execute()
}

/**
 * Records a care service delivered to an elder: a new revision with the record appended to
 * `services`, its row, history and audit (kind, date, who and through what; never the note).
 */
export const recordService = (
  ctx: Context,
  input: { readonly elderId: string; readonly region?: string; readonly service: CaseFile.ServiceRecord; readonly actor: string; readonly at?: string }
): Promise<Outcome<{ readonly revision: number; readonly index: number; readonly service: CaseFile.ServiceRecord }>> =>
  editCaseFile(
    ctx,
    input,
    "service-recorded",
    (issues) => invalidEdit("InvalidService", { en: "care service record", zh: "关爱服务记录" }, input.elderId, issues),
    (cf) => {
      const index = cf.services?.length ?? 0
      return {
        next: { ...cf, services: [...(cf.services ?? []), input.service] },
        paths: () => [`services[${index}]`],
        rows: (trx, region, next) => writeServiceRows(trx, region, input.elderId, next),
        audit: {
          action: "service.record",
          detail: () => {
            const s = input.service
            return {
              index,
              date: s.date,
              kind: s.kind,
              personKind: s.personKind,
              personId: s.personId,
              ...(s.program !== undefined ? { program: s.program } : {}),
              ...(s.organisation !== undefined ? { organisation: s.organisation } : {})
            }
          }
        },
        result: (next) => ({ index, service: next.services![index]! })
      }
    }
  )

const checkDates = (options: { readonly from?: string; readonly to?: string }): void => {
  for (const k of ["from", "to"] as const) {
    const v = options[k]
    if (v !== undefined && !CalendarDate.isValid(v)) {
      throw new LedgerInputError(`${k} must be a calendar date YYYY-MM-DD, got ${JSON.stringify(v)}`, `${k} 须为 YYYY-MM-DD 日期，实际为 ${JSON.stringify(v)}`)
    }
  }
}

const LEVELS: Readonly<Record<Exclude<ServiceCountLevel, "elder">, number>> = { county: 6, township: 9, village: 12 }

/**
 * How many services of each kind were received within a period (both ends inclusive) inside a
 * region, and by how many elders; by kind only, or also by county, township, village or elder.
 */
export const serviceCounts = async (
  ctx: Context,
  options: { readonly region?: string; readonly from: CalendarDate.CalendarDate; readonly to: CalendarDate.CalendarDate; readonly by?: ServiceCountLevel }
): Promise<ReadonlyArray<ServiceCount>> => {
  checkDates(options)
  if (options.from === undefined || options.to === undefined) throw new LedgerInputError("from and to are required", "须给出 from 与 to")
  const [lo, hi] = regionRange(options.region)
  const by = options.by
  if (by !== undefined && by !== "elder" && !(by in LEVELS)) {
    throw new LedgerInputError(`by must be county, township, village or elder, got ${JSON.stringify(by)}`, `by 须为 county、township、village 或 elder，实际为 ${JSON.stringify(by)}`)
  }
  const base = ctx.db
    .selectFrom("services")
    .where("region_code", ">=", lo)
    .where("region_code", "<=", hi)
    .where("date", ">=", options.from)
    .where("date", "<=", options.to)
  const count = sql<number | string>`count(*)`
  const elders = sql<number | string>`count(distinct region_code || '/' || elder_id)`
  const region = options.region ?? ""
  if (by === undefined) {
    const rows = await base.select(["kind", count.as("services"), elders.as("elders")]).groupBy("kind").orderBy("kind").execute()
    return rows.map((r) => ({ region, elderId: null, kind: r.kind, services: Number(r.services), elders: Number(r.elders) }))
  }
  if (by === "elder") {
    const rows = await base
      .select(["region_code", "elder_id", "kind", count.as("services")])
      .groupBy(["region_code", "elder_id", "kind"])
      .orderBy("region_code")
      .orderBy("elder_id")
      .orderBy("kind")
      .execute()
    return rows.map((r) => ({ region: r.region_code, elderId: r.elder_id, kind: r.kind, services: Number(r.services), elders: 1 }))
  }
  const area = sql<string>`substr(region_code, 1, ${sql.lit(LEVELS[by])})`
  const rows = await base
    .select([area.as("area"), "kind", count.as("services"), elders.as("elders")])
    .groupBy([area, "kind"])
    .orderBy(area)
    .orderBy("kind")
    .execute()
  return rows.map((r) => ({ region: r.area, elderId: null, kind: r.kind, services: Number(r.services), elders: Number(r.elders) }))
}

/** The services received inside a region (or by one elder), within a period, by date, code, id and position. */
export const servicesList = async (
  ctx: Context,
  options: { readonly region?: string; readonly elderId?: string; readonly from?: CalendarDate.CalendarDate; readonly to?: CalendarDate.CalendarDate; readonly limit?: number }
): Promise<ReadonlyArray<ServiceRow>> => {
  checkDates(options)
  const [lo, hi] = regionRange(options.region)
  const limit = options.limit ?? 1000
  if (!Number.isInteger(limit) || limit < 1) throw new LedgerInputError(`limit must be a positive integer, got ${JSON.stringify(limit)}`, `limit 须为正整数，实际为 ${JSON.stringify(limit)}`)
  let q = ctx.db.selectFrom("services").selectAll().where("region_code", ">=", lo).where("region_code", "<=", hi)
  if (options.elderId !== undefined) q = q.where("elder_id", "=", options.elderId)
  if (options.from !== undefined) q = q.where("date", ">=", options.from)
  if (options.to !== undefined) q = q.where("date", "<=", options.to)
  const rows = await q.orderBy("date").orderBy("region_code").orderBy("elder_id").orderBy("seq").limit(limit).execute()
  return rows.map((r) => ({
    regionCode: r.region_code,
    elderId: r.elder_id,
    seq: Number(r.seq),
    source: r.source,
    sourceIndex: Number(r.source_index),
    date: r.date,
    kind: r.kind,
    personKind: r.person_kind as Service.Received["personKind"],
    personId: r.person_id,
    program: r.program,
    organisation: r.organisation
  }))
}
