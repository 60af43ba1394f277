import { Mask } from "@liushou/core"
import { type Kysely, sql } from "kysely"
import { AUDIT_GENESIS, auditHash } from "./chain.js"
import type { Context } from "./context.js"
import type { AuditEntry } from "./types/audit.js"
import type { Database } from "../Tables.js"
import { regionRange, writeTransaction } from "./tx.js"

const PERSONAL_KEY = /^(idNumber|id_number|phone|name)$/i

/** Masks any personal value that slipped into an audit detail: ID numbers, phones, names. */
export const scrub = (value: unknown, key = ""): unknown => {
  if (typeof value === "string" && PERSONAL_KEY.test(key)) {
    return Mask.value(Mask.kindOfKey(key), value)
  }
  if (Array.isArray(value)) return value.map((v) => scrub(v))
  if (value !== null && typeof value === "object") {
    return Object.fromEntries(Object.entries(value as Record<string, unknown>).map(([k, v]) => [k, scrub(v, k)]))
  }
  return value
}

/**
 * Appends an entry to the audit chain: inside the caller's write transaction (`db` a
 * transaction's connection), or in one of its own when `db` is the ledger's. Appends are
 * serialised (SQLite: the write lock; PostgreSQL: an advisory lock), so the chain never forks.
 */
export const appendAudit = async (
  db: Kysely<Database>,
  ctx: Context,
  entry: { readonly actor: string; readonly action: string; readonly regionCode?: string | null; readonly subject?: string | null; readonly detail?: Record<string, unknown>; readonly at?: string }
): Promise<void> => {
  if (db === ctx.db) return writeTransaction(ctx.db, ctx.flags, (trx) => appendAudit(trx, ctx, entry))
  if (ctx.flags.lockRows) await sql`select pg_advisory_xact_lock(${AUDIT_LOCK})`.execute(db)
  const last = await db.selectFrom("audit_log").select(["hash"]).orderBy("id", "desc").limit(1).executeTakeFirst()
  const prev = last?.hash ?? AUDIT_GENESIS
  const row = {
    at: entry.at ?? ctx.now(),
    actor: entry.actor,
    action: entry.action,
    region_code: entry.regionCode ?? null,
    subject: entry.subject ?? null,
    detail: JSON.stringify(scrub(entry.detail ?? {}))
  }
  await db
    .insertInto("audit_log")
    .values({ ...row, prev_hash: prev, hash: auditHash(prev, row) })
    .execute()
}

/** The advisory lock key that serialises audit appends on PostgreSQL. */
export const AUDIT_LOCK = 7_158_371_001

/**
 * PostgreSQL: an audit entry appended by a part of a larger statement (`name as (insert …)` in
 * a `with`), its link and hash computed by the server: the previous entry's hash is read by
 * the statement, and the hash is SHA-256 over the same text as `auditHash` (the JSON array of
 * the previous hash and the entry's content; the content's part is written here, the previous
 * hash, 64 hex digits, needs no escaping). The caller's transaction must hold the audit lock
 * (`AUDIT_LOCK`) since before this statement began: under read committed the statement then
 * sees the chain's last entry, and no other append can come between.
 */
export const pgAuditPart = (
  ctx: Context,
  name: string,
  entry: { readonly actor: string; readonly action: string; readonly regionCode?: string | null; readonly subject?: string | null; readonly detail?: Record<string, unknown>; readonly at?: string }
) => {
  const at = entry.at ?? ctx.now()
  const regionCode = entry.regionCode ?? null
  const subject = entry.subject ?? null
  const detail = JSON.stringify(scrub(entry.detail ?? {}))
  const content = JSON.stringify([at, entry.actor, entry.action, regionCode, subject, detail]).slice(1)
  return sql`${sql.id(name)} as (
    insert into audit_log (at, actor, action, region_code, subject, detail, prev_hash, hash)
    select ${at}::text, ${entry.actor}::text, ${entry.action}::text, ${regionCode}::text, ${subject}::text, ${detail}::text, p.prev,
      encode(sha256(convert_to('["' || p.prev || '",' || ${content}::text, 'UTF8')), 'hex')
    from (select coalesce((select hash from audit_log order by id desc limit 1), ${AUDIT_GENESIS}::text) as prev) p
  )`
}

/** Walks the audit chain in id order; reports every entry whose link or hash does not hold. */
export const verifyAudit = async (db: Kysely<Database>): Promise<{ readonly checked: number; readonly problems: ReadonlyArray<{ readonly id: number; readonly kind: "audit-link" | "audit-hash" }> }> => {
  let prev = AUDIT_GENESIS
  let after = -1
  let checked = 0
  const problems: Array<{ id: number; kind: "audit-link" | "audit-hash" }> = []
  for (;;) {
    const rows = await db.selectFrom("audit_log").selectAll().where("id", ">", after).orderBy("id").limit(1000).execute()
    if (rows.length === 0) break
    for (const r of rows) {
      checked++
      const id = Number(r.id)
      if (r.prev_hash !== prev) problems.push({ id, kind: "audit-link" })
      if (r.hash !== auditHash(r.prev_hash ?? "", r)) problems.push({ id, kind: "audit-hash" })
      prev = r.hash ?? ""
      after = id
    }
  }
  return { checked, problems }
}

export const auditLog = async (
  ctx: Pick<Context, "db">,
  options: { readonly region?: string; readonly subject?: string; readonly afterId?: number; readonly limit?: number }
): Promise<ReadonlyArray<AuditEntry>> => {
  let q = ctx.db.selectFrom("audit_log").selectAll()
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
