import { type Kysely, sql } from "kysely"
import type { DialectFlags } from "../Flags.js"
import type { Database } from "../Tables.js"

const RETRYABLE = new Set(["SQLITE_BUSY", "SQLITE_BUSY_SNAPSHOT", "SQLITE_LOCKED", "40001", "40P01"])

const isRetryable = (e: unknown): boolean => {
  const code = (e as { code?: unknown } | null)?.code
  return typeof code === "string" && RETRYABLE.has(code)
}

/**
 * Runs `fn` in one write transaction opened with the dialect's `beginWrite` statement on a
 * single connection; commits, or rolls back and rethrows. A busy database, a serialization
 * failure or a deadlock is retried a few times with a growing pause. Without row locks
 * (SQLite), a writer that found the database busy keeps waiting as long as other writers are
 * committing meanwhile (`pragma data_version` moves): SQLite's write lock is not handed out in
 * turn, so a writer can wait through many of another's transactions, and that is not a failure;
 * it gives up only after its retries pass with no commit by anyone.
 */
export const writeTransaction = async <A>(db: Kysely<Database>, flags: DialectFlags, fn: (trx: Kysely<Database>) => Promise<A>): Promise<A> => {
  let seen: number | undefined
  for (let attempt = 0; ; attempt++) {
    try {
      return await db.connection().execute(async (conn) => {
        await sql.raw(flags.beginWrite).execute(conn)
        try {
          const result = await fn(conn)
          await sql.raw("commit").execute(conn)
          return result
        } catch (e) {
          await sql.raw("rollback").execute(conn).catch(() => undefined)
          throw e
        }
      })
    } catch (e) {
      if (!isRetryable(e)) throw e
      if (!flags.lockRows) {
        const version = await dataVersion(db)
        // another connection committed since the last look: the database is moving, wait on
        if (version !== undefined && seen !== undefined && version !== seen) attempt = 0
        seen = version
      }
      if (attempt >= 8) throw e
      await new Promise((resolve) => setTimeout(resolve, 5 * 2 ** attempt + Math.floor(Math.random() * 10)))
    }
  }
}

/** SQLite's count of commits by other connections (changes when one commits); undefined elsewhere */
const dataVersion = async (db: Kysely<Database>): Promise<number | undefined> => {
  try {
    const r = await sql<{ data_version: number }>`pragma data_version`.execute(db)
    const v = r.rows[0]?.data_version
    return typeof v === "number" ? v : undefined
  } catch {
    return undefined
  }
}

/** rows a call must have written before it refreshes the planner's statistics (see `refreshStatistics`) */
export const STATISTICS_AFTER = 1000

/**
 * PostgreSQL: refreshes the planner's statistics of tables a bulk call has just filled
 * (`analyze`, which samples a bounded number of rows per partition). Autovacuum gets there
 * eventually, but on a busy server that can be many minutes after an import, and until then
 * the planner takes a freshly filled table for a few rows: a page of 500 elders was read by
 * sorting a whole province (75 ms) instead of walking the key (3 ms). SQLite: nothing.
 */
export const refreshStatistics = async (db: Kysely<Database>, flags: DialectFlags, tables: ReadonlyArray<keyof Database & string>): Promise<void> => {
  if (flags.name !== "postgres") return
  await sql.raw(`analyze ${tables.map((t) => `"${t}"`).join(", ")}`).execute(db)
}

/** Splits rows into chunks that keep each insert under the dialect's bound-parameter limit. */
export const chunks = <R extends object>(rows: ReadonlyArray<R>, flags: DialectFlags): Array<ReadonlyArray<R>> => {
  if (rows.length === 0) return []
  const columns = Object.keys(rows[0]!).length
  const size = Math.max(1, Math.min(1000, Math.floor(flags.maxParameters / Math.max(1, columns)) - 1))
  const out: Array<ReadonlyArray<R>> = []
  for (let i = 0; i < rows.length; i += size) out.push(rows.slice(i, i + size))
  return out
}

/** The range of 12-digit codes under a region prefix, for an index range scan. */
export const regionRange = (prefix: string | undefined): readonly [string, string] => {
  if (prefix === undefined || prefix === "") return ["000000000000", "999999999999"]
  if (!/^(?:\d{2}|\d{4}|\d{6}|\d{9}|\d{12})$/.test(prefix)) {
    throw new LedgerInputError(`region must be a code prefix of 2, 4, 6, 9 or 12 digits, got ${JSON.stringify(prefix)}`, `区划须为 2、4、6、9 或 12 位代码前缀，实际为 ${JSON.stringify(prefix)}`)
  }
  return [prefix.padEnd(12, "0"), prefix.padEnd(12, "9")]
}

/** A caller passed an argument the ledger cannot use (a malformed region prefix, date or limit). */
export class LedgerInputError extends TypeError {
  readonly _tag = "LedgerInputError"
  constructor(
    message: string,
    readonly zh: string
  ) {
    super(message)
  }
}

export const bool = (n: number | null): boolean | null => (n === null ? null : Number(n) !== 0)
export const int = (b: boolean | null | undefined): number | null => (b === null || b === undefined ? null : b ? 1 : 0)

/**
 * The identity of an elder: its county (the first 6 digits of the village code) and its ledger
 * id. Ledger ids are numbered by each county, so the same id in two counties is two elders.
 */
export const elderKey = (regionCode: string, elderId: string): string => `${regionCode.slice(0, 6)}|${elderId}`

/** The range of village codes of the county of a village code. */
export const countyRange = (regionCode: string): readonly [string, string] => regionRange(regionCode.slice(0, 6))

/**
 * Finds the elder with a ledger id inside a region prefix (all regions when absent). The same
 * id in two counties is two elders: more than one match is `ambiguous` (pass a region).
 */
export const findElder = async <R extends { readonly region_code: string }>(
  query: (lo: string, hi: string) => Promise<ReadonlyArray<R>>,
  region: string | undefined
): Promise<{ readonly found: R } | { readonly found: undefined; readonly counties: ReadonlyArray<string> }> => {
  const [lo, hi] = regionRange(region)
  const rows = await query(lo, hi)
  if (rows.length === 1) return { found: rows[0]! }
  return { found: undefined, counties: [...new Set(rows.map((r) => r.region_code.slice(0, 6)))].sort() }
}

/**
 * An elder's current row inside a write transaction, locked for the rest of it where the dialect
 * locks rows: the one lookup every edit of a case file (visits, assignments, ledger events) starts from.
 */
export const lockedElder = (trx: Kysely<Database>, flags: DialectFlags, elderId: string, region: string | undefined) =>
  findElder(
    (lo, hi) =>
      trx
        .selectFrom("elders")
        .select(["region_code", "case_file", "revision"])
        .where("elder_id", "=", elderId)
        .where("region_code", ">=", lo)
        .where("region_code", "<=", hi)
        .$if(flags.lockRows, (q) => q.forUpdate())
        .execute(),
    region
  )
