/**
 * Dialect flags: the few places where SQLite and PostgreSQL differ, named and documented in
 * one value, so that the rest of the ledger is written once. Detected from a Kysely
 * instance's adapter, or passed in for another dialect that behaves like one of them.
 *
 * @since 0.1.0
 */
import type { Kysely } from "kysely"

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
  /**
   * How many rows go into a table in one statement (imports, stored evaluations):
   * `json_each` (SQLite 3.38+: the rows as one JSON array parameter, unpacked by `json_each`),
   * `json_populate_recordset` (PostgreSQL: the rows as one JSON parameter, typed by the
   * table's own row type), or `values` (multi-row `insert ... values`, chunked under
   * `maxParameters`; the default for other dialects). One small statement with one parameter
   * instead of thousands of bound values: the database parses the rows in C, the driver
   * prepares the same short text every time. `parameters` (SQLite and PostgreSQL, their
   * default): multi-row `insert ... values` with bound values, the statement's text written by
   * the ledger (no query builder) and kept per table and row count; no JSON text is written
   * and parsed again, which made the JSON forms 1.3–2.5× slower for rows holding JSON documents.
   * `unnest` (PostgreSQL, its default): one statement per batch of up to 5,000 rows,
   * `insert … select * from unnest($1::text[], $2::integer[], …)`, each column one array
   * parameter typed by the table's own column types; the server binds a few arrays instead of
   * planning a statement of thousands of parameters (about a quarter less server time for
   * imports and assessments).
   */
  readonly bulkInsert?: "json_each" | "json_populate_recordset" | "values" | "parameters" | "unnest"
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
  triggers: "sqlite",
  bulkInsert: "parameters"
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
  triggers: "plpgsql",
  bulkInsert: "unnest"
}

/**
 * The flags for a Kysely instance, from the SQL its query compiler writes; `undefined` for
 * another dialect, whose flags must then be passed in.
 *
 * Detection never uses `instanceof`: the application's Kysely may be another copy (or another
 * version) than the one this package was built against, so a class check would fail. A probe
 * query is compiled (not run): PostgreSQL numbers its parameters (`$1`), SQLite writes `?`;
 * both quote identifiers with `"` (MySQL's backticks and SQL Server's `@1` are neither).
 *
 * **Example**
 * ```ts
 * import { Flags } from "@liushou/storage"
 * import Database from "better-sqlite3"
 * import { Kysely, SqliteDialect } from "kysely"
 * const db = new Kysely<any>({ dialect: new SqliteDialect({ database: new Database(":memory:") }) })
 * const flags = Flags.detect(db) ?? Flags.postgres
 * ```
 *
 * @category getters
 * @since 0.1.0
 */
export const detect = (db: Kysely<any>): DialectFlags | undefined => {
  let compiled: string
  try {
    compiled = db.selectFrom("liushou_probe").select("probe_column").where("probe_column", "=", 1).compile().sql
  } catch {
    return undefined
  }
  if (!compiled.includes('"probe_column"')) return undefined
  if (/=\s*\$1\b/.test(compiled)) return postgres
  if (/=\s*\?/.test(compiled)) return sqlite
  return undefined
}
