/**
 * Opening the ledger from the CLI's --db option: a file path or `sqlite:` URL for SQLite
 * (default ./liushou.db), a `postgres://` URL for PostgreSQL. The ledger is migrated to the
 * latest schema when opened.
 */
import { mkdirSync } from "node:fs"
import { dirname, resolve } from "node:path"
import { Ledger, Migrations } from "@liushou/storage"
import Database from "better-sqlite3"
import { Kysely, PostgresDialect, SqliteDialect } from "kysely"
import pg from "pg"
import { CommandFailure, UsageError } from "./cli.js"

export const DEFAULT_DB = "./liushou.db"

export interface OpenedLedger {
  readonly ledger: Ledger.Ledger
  /** the database named without a password, for messages */
  readonly description: string
  readonly close: () => Promise<void>
}

/** Which database a --db value names. */
export const parseDbUrl = (value: string | undefined, cwd: string): { readonly kind: "sqlite"; readonly path: string } | { readonly kind: "postgres"; readonly url: string } => {
  const v = value ?? DEFAULT_DB
  if (/^postgres(ql)?:\/\//.test(v)) return { kind: "postgres", url: v }
  if (v.startsWith("sqlite:")) {
    const rest = v.slice("sqlite:".length).replace(/^\/\//, "")
    if (rest === "") throw new UsageError(`--db sqlite: needs a file path, e.g. sqlite:./liushou.db`)
    return { kind: "sqlite", path: rest === ":memory:" ? rest : resolve(cwd, rest) }
  }
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(v)) throw new UsageError(`--db must be a file path, a sqlite: URL or a postgres:// URL, got ${JSON.stringify(v.replace(/:[^:@/]*@/, ":***@"))}`)
  return { kind: "sqlite", path: resolve(cwd, v) }
}

/** Opens (and migrates) the ledger named by --db. */
export const openLedger = async (value: string | undefined, cwd: string): Promise<OpenedLedger> => {
  const target = parseDbUrl(value, cwd)
  if (target.kind === "sqlite" && target.path !== ":memory:") mkdirSync(dirname(target.path), { recursive: true })
  const db =
    target.kind === "postgres"
      ? new Kysely<any>({ dialect: new PostgresDialect({ pool: new pg.Pool({ connectionString: target.url, max: 4 }) }) })
      : new Kysely<any>({ dialect: new SqliteDialect({ database: new Database(target.path) }) })
  const description = target.kind === "postgres" ? target.url.replace(/:[^:@/]*@/, ":***@") : target.path
  try {
    const ledger = await Ledger.make({ db })
    await ledger.migrateToLatest()
    return { ledger, description, close: () => db.destroy() }
  } catch (e) {
    await db.destroy().catch(() => undefined)
    // a connection refused on the first query shows as a migration failure: name the cause
    const cause = e instanceof Migrations.MigrationError && e.migration === undefined && e.cause instanceof Error ? e.cause : (e as Error)
    const reason = (cause.message.split("\n")[0] ?? "").replace(/:[^:@/\s]*@/g, ":***@")
    throw new CommandFailure(`无法打开台账 cannot open the ledger at ${description}: ${reason}`)
  }
}
