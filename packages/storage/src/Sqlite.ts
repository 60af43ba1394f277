/**
 * SQLite helpers for opening a ledger: a statement cache for better-sqlite3.
 *
 * @since 0.2.0
 */

/** what the cache needs of a prepared statement (better-sqlite3's `Statement`) */
interface Statement {
  /** true while an iterator over its rows is open: it cannot run again until that ends */
  readonly busy?: boolean
}

/** what the cache needs of a database (better-sqlite3's `Database`) */
interface Preparing {
  prepare(sql: string): Statement
}

/**
 * A better-sqlite3 database whose `prepare` keeps the statements it prepared, by SQL text (the
 * least recently used of `size` dropped first), for Kysely's `SqliteDialect`. Kysely prepares
 * every query again; the ledger's bulk inserts (up to 1,000 rows a statement) and its other
 * repeated statements then cost a compilation each, most of the driver's time in an import or
 * an assessment. A statement still iterating (a stream) is not handed out twice: a new one is
 * prepared. Everything else is the database itself.
 *
 * **Example**
 * ```ts
 * import { Ledger, Sqlite } from "@liushou/storage"
 * import Database from "better-sqlite3"
 * import { Kysely, SqliteDialect } from "kysely"
 * const db = new Kysely<any>({ dialect: new SqliteDialect({ database: Sqlite.cachedStatements(new Database("liushou.db")) }) })
 * const ledger = await Ledger.make({ db })
 * ```
 *
 * @category constructors
 * @since 0.2.0
 */
export const cachedStatements = <D extends Preparing>(database: D, size = 128): D => {
  const cache = new Map<string, Statement>()
  const prepare = (sql: string): Statement => {
    const known = cache.get(sql)
    if (known !== undefined && known.busy !== true) {
      // most recently used last
      cache.delete(sql)
      cache.set(sql, known)
      return known
    }
    const statement = database.prepare(sql)
    if (known === undefined) {
      if (cache.size >= size) cache.delete(cache.keys().next().value!)
      cache.set(sql, statement)
    }
    return statement
  }
  return new Proxy(database, {
    get(target, key) {
      if (key === "prepare") return prepare
      const value: unknown = Reflect.get(target, key, target)
      return typeof value === "function" ? (value as (...a: Array<unknown>) => unknown).bind(target) : value
    }
  })
}
