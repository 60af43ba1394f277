/**
 * Opening the ledger from the CLI's --db option: a file path or `sqlite:` URL for SQLite
 * (default ./liushou.db), a `postgres://` URL for PostgreSQL. The ledger is migrated to the
 * latest schema when opened.
 */
import { mkdirSync } from "node:fs"
import { dirname, resolve } from "node:path"
import { Flags, Ledger, Migrations, Sqlite } from "@liushou/storage"
import Database from "better-sqlite3"
import { Kysely, PostgresDialect, SqliteDialect } from "kysely"
import pg from "pg"
import { CommandFailure, UsageError } from "./cli.js"
import { classify, openedDatabase, safeReason } from "./failures.js"

export const DEFAULT_DB = "./liushou.db"

export interface OpenedLedger {
  readonly ledger: Ledger.Ledger
  /** the database named without a password, for messages */
  readonly description: string
  readonly close: () => Promise<void>
}

/** Which database a --db value names. */
export const parseDbUrl = (value: string | undefined, cwd: string): { readonly kind: "sqlite"; readonly path: string; readonly busyTimeoutMs?: number } | { readonly kind: "postgres"; readonly url: string } => {
  const v = value ?? DEFAULT_DB
  if (/^postgres(ql)?:\/\//.test(v)) return { kind: "postgres", url: v }
  if (v.startsWith("sqlite:")) {
    const [path, query] = v.slice("sqlite:".length).replace(/^\/\//, "").split("?", 2) as [string, string | undefined]
    if (path === "") throw new UsageError(`--db sqlite: needs a file path, e.g. sqlite:./liushou.db`, `--db sqlite: 需要文件路径，例如 sqlite:./liushou.db`)
    // sqlite:PATH?busy_timeout=MS: how long a write waits for another writer (default 10 s)
    const params = new URLSearchParams(query ?? "")
    for (const key of params.keys()) if (key !== "busy_timeout") throw new UsageError(`--db sqlite: knows the parameter busy_timeout (milliseconds), got ${JSON.stringify(key)}`, `--db sqlite: 只接受参数 busy_timeout（毫秒），收到 ${JSON.stringify(key)}`)
    const busy = params.get("busy_timeout")
    const busyTimeoutMs = busy === null ? undefined : Number(busy)
    if (busyTimeoutMs !== undefined && !(Number.isInteger(busyTimeoutMs) && busyTimeoutMs >= 0)) throw new UsageError(`--db sqlite:…?busy_timeout= must be a whole number of milliseconds, got ${JSON.stringify(busy)}`, `--db sqlite:…?busy_timeout= 应为毫秒数（整数），收到 ${JSON.stringify(busy)}`)
    return { kind: "sqlite", path: path === ":memory:" ? path : resolve(cwd, path), ...(busyTimeoutMs !== undefined ? { busyTimeoutMs } : {}) }
  }
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(v)) throw new UsageError(`--db must be a file path, a sqlite: URL or a postgres:// URL, got ${JSON.stringify(v.replace(/:[^:@/]*@/, ":***@"))}`, `--db 应为文件路径、sqlite: 地址或 postgres:// 地址，收到 ${JSON.stringify(v.replace(/:[^:@/]*@/, ":***@"))}`)
  return { kind: "sqlite", path: resolve(cwd, v) }
}

/** Opens (and migrates) the ledger named by --db. */
export const openLedger = async (value: string | undefined, cwd: string): Promise<OpenedLedger> => {
  const target = parseDbUrl(value, cwd)
  if (target.kind === "sqlite" && target.path !== ":memory:") mkdirSync(dirname(target.path), { recursive: true })
  const description = target.kind === "postgres" ? `PostgreSQL at ${safeReason(target.url)}` : `SQLite file ${target.path}`
  openedDatabase(description)
  let db: Kysely<any>
  if (target.kind === "postgres") {
    const pool = new pg.Pool({ connectionString: target.url, max: 4 })
    // a server that goes away while a connection is idle: the next query fails and is reported; the process does not crash
    pool.on("error", () => undefined)
    // the same for a connection in use (between the queries of a transaction): its next query fails instead
    pool.on("connect", (client) => void client.on("error", () => undefined))
    db = new Kysely<any>({ dialect: new PostgresDialect({ pool }) })
  } else {
    let database: Database.Database
    try {
      database = new Database(target.path)
    } catch (e) {
      const failure = classify(e, description)
      throw new CommandFailure(`无法打开台账 cannot open the ledger at ${target.path}: ${safeReason((e as Error).message)}`, failure?.code ?? 1)
    }
    // the ledger's repeated statements (bulk inserts above all) are prepared once, not per query
    db = new Kysely<any>({ dialect: new SqliteDialect({ database: Sqlite.cachedStatements(database) }) })
  }
  try {
    // sqlite:PATH?busy_timeout=MS replaces the dialect's busy timeout (kept by every Ledger.make on these flags)
    const flags =
      target.kind === "sqlite" && target.busyTimeoutMs !== undefined
        ? { ...Flags.sqlite, connectionSetup: Flags.sqlite.connectionSetup.map((s) => (s.startsWith("pragma busy_timeout") ? `pragma busy_timeout = ${target.busyTimeoutMs}` : s)) }
        : undefined
    const ledger = await Ledger.make({ db, ...(flags !== undefined ? { flags } : {}) })
    await ledger.migrateToLatest()
    return { ledger, description: target.kind === "postgres" ? safeReason(target.url) : target.path, close: () => db.destroy() }
  } catch (e) {
    await db.destroy().catch(() => undefined)
    // a connection refused on the first query shows as a migration failure: name the cause
    const cause = e instanceof Migrations.MigrationError && e.migration === undefined && e.cause instanceof Error ? e.cause : (e as Error)
    const failure = classify(e, description)
    const where = target.kind === "postgres" ? safeReason(target.url) : target.path
    throw new CommandFailure(`无法打开台账 cannot open the ledger at ${where}: ${failure !== undefined ? `${failure.message.en} / ${failure.message.zh}` : safeReason(cause.message)}`, failure?.code ?? 1)
  }
}
