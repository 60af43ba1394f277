import { IdNumber } from "@liushou/core"
import type { Kysely } from "kysely"
import type { AuditEntry } from "../Ledger.js"
import type { Database } from "../Tables.js"
import { regionRange } from "./tx.js"

const PERSONAL_KEY = /^(idNumber|id_number|phone|name)$/i

/** Masks any personal value that slipped into an audit detail: ID numbers, phones, names. */
export const scrub = (value: unknown, key = ""): unknown => {
  if (typeof value === "string" && PERSONAL_KEY.test(key)) {
    return /idnumber|id_number/i.test(key) ? IdNumber.mask(value) : /phone/i.test(key) ? IdNumber.maskPhone(value) : IdNumber.maskName(value)
  }
  if (Array.isArray(value)) return value.map((v) => scrub(v))
  if (value !== null && typeof value === "object") {
    return Object.fromEntries(Object.entries(value as Record<string, unknown>).map(([k, v]) => [k, scrub(v, k)]))
  }
  return value
}

export const appendAudit = async (
  db: Kysely<Database>,
  ledger: { readonly now: () => string },
  entry: { readonly actor: string; readonly action: string; readonly regionCode?: string | null; readonly subject?: string | null; readonly detail?: Record<string, unknown>; readonly at?: string }
): Promise<void> => {
  await db
    .insertInto("audit_log")
    .values({
      at: entry.at ?? ledger.now(),
      actor: entry.actor,
      action: entry.action,
      region_code: entry.regionCode ?? null,
      subject: entry.subject ?? null,
      detail: JSON.stringify(scrub(entry.detail ?? {}))
    })
    .execute()
}

export const auditLog = async (
  ledger: { readonly db: Kysely<Database> },
  options: { readonly region?: string; readonly subject?: string; readonly afterId?: number; readonly limit?: number }
): Promise<ReadonlyArray<AuditEntry>> => {
  let q = ledger.db.selectFrom("audit_log").selectAll()
  if (options.region !== undefined) {
    const [lo, hi] = regionRange(options.region)
    q = q.where("region_code", ">=", lo).where("region_code", "<=", hi)
  }
  if (options.subject !== undefined) q = q.where("subject", "=", options.subject)
  if (options.afterId !== undefined) q = q.where("id", ">", options.afterId)
  const rows = await q.orderBy("id").limit(options.limit ?? 1000).execute()
  return rows.map((r) => ({
    id: Number(r.id),
    at: r.at,
    actor: r.actor,
    action: r.action,
    regionCode: r.region_code,
    subject: r.subject,
    detail: JSON.parse(r.detail) as Record<string, unknown>
  }))
}
