/**
 * Dialect flags: the few places where SQLite and PostgreSQL differ, named and documented in
 * one value, so that the rest of the ledger is written once. Detected from a Kysely
 * instance's adapter, or passed in for another dialect that behaves like one of them.
 *
 * @since 0.1.0
 */
import { type Kysely, PostgresAdapter, SqliteAdapter } from "kysely"

/**
 * What differs between the databases the ledger runs on.
 *
 * @category models
 * @since 0.1.0
 */
export interface DialectFlags {
  /** a name for messages and docs, e.g. `sqlite` or `postgres` */
  readonly name: string
  /**
   * How the audit log's serial key is declared: `autoincrement` (`integer primary key
   * autoincrement`, SQLite) or `identity` (`bigint generated always as identity`, SQL standard).
   */
  readonly serial: "autoincrement" | "identity"
  /**
   * The statement that opens a write transaction. SQLite needs `begin immediate` so that a
   * transaction that reads before it writes takes the write lock first and waits
   * (busy_timeout) instead of failing with SQLITE_BUSY; PostgreSQL uses `begin`.
   */
  readonly beginWrite: string
  /**
   * Whether `select ... for update` locks rows inside a write transaction (PostgreSQL).
   * SQLite has no row locks: `beginWrite` already serialises writers.
   */
  readonly lockRows: boolean
  /** the largest number of bound parameters one statement may carry */
  readonly maxParameters: number
  /** statements run once on the connection when the ledger opens (SQLite: WAL, busy timeout) */
  readonly connectionSetup: ReadonlyArray<string>
  /** how the append-only guard on the audit log is written: trigger syntax differs */
  readonly triggers: "sqlite" | "plpgsql"
}

/**
 * SQLite 3.35+ (better-sqlite3 12): WAL journal, 10 s busy timeout, `begin immediate` writes.
 *
 * @category constructors
 * @since 0.1.0
 */
export const sqlite: DialectFlags = {
  name: "sqlite",
  serial: "autoincrement",
  beginWrite: "begin immediate",
  lockRows: false,
  maxParameters: 32766,
  connectionSetup: ["pragma journal_mode = wal", "pragma busy_timeout = 10000", "pragma synchronous = normal"],
  triggers: "sqlite"
}

/**
 * PostgreSQL 13+: identity keys, `select ... for update` row locks.
 *
 * @category constructors
 * @since 0.1.0
 */
export const postgres: DialectFlags = {
  name: "postgres",
  serial: "identity",
  beginWrite: "begin",
  lockRows: true,
  maxParameters: 65535,
  connectionSetup: [],
  triggers: "plpgsql"
}

/**
 * The flags for a Kysely instance, from its adapter (SQLite or PostgreSQL); `undefined` for
 * another dialect, whose flags must then be passed in.
 *
 * **Example**
 * ```ts
 * import { Flags } from "@liushou/storage"
 * const flags = Flags.detect(db) ?? Flags.postgres
 * ```
 *
 * @category getters
 * @since 0.1.0
 */
export const detect = (db: Kysely<any>): DialectFlags | undefined => {
  const adapter = db.getExecutor().adapter
  if (adapter instanceof SqliteAdapter) return sqlite
  if (adapter instanceof PostgresAdapter) return postgres
  return undefined
}
