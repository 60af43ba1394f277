/**
 * The dialects every storage test runs against: SQLite in-process (better-sqlite3) and a real
 * PostgreSQL server. Each test file gets its own PostgreSQL database (`liushou_t_<file>_<pid>`)
 * created from the server at LIUSHOU_PG_URL and dropped afterwards, so files running in
 * parallel never touch each other's rows; SQLite uses a fresh file in a temporary directory.
 *
 * LIUSHOU_DIALECTS=sqlite,postgres selects dialects. Without a reachable server PostgreSQL is
 * skipped with a message, except when CI=true: then the suite fails.
 */
import Database from "better-sqlite3"
import { Kysely, PostgresDialect, SqliteDialect } from "kysely"
import { mkdtempSync, rmSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import pg from "./pg.js"

export const PG_URL = process.env.LIUSHOU_PG_URL ?? "postgres://postgres:postgres@127.0.0.1:5432/liushou_test"

export interface Opened {
  readonly db: Kysely<any>
  /** what the host's --db option takes for this database */
  readonly url: string
  readonly close: () => Promise<void>
}

export interface TestDialect {
  readonly name: "sqlite" | "postgres"
  /** creates an empty database for one test file (or one test) */
  readonly create: (tag: string) => Promise<Opened>
  /** opens another connection to a database made by `create` */
  readonly connect: (url: string) => Kysely<any>
}

const sqliteConnect = (url: string): Kysely<any> => new Kysely<any>({ dialect: new SqliteDialect({ database: new Database(url) }) })

const sqlite: TestDialect = {
  name: "sqlite",
  connect: sqliteConnect,
  create: async (tag) => {
    const dir = mkdtempSync(join(tmpdir(), `liushou-${tag}-`))
    const url = join(dir, "ledger.db")
    const db = sqliteConnect(url)
    return {
      db,
      url,
      close: async () => {
        await db.destroy()
        rmSync(dir, { recursive: true, force: true })
      }
    }
  }
}

const pgConnect = (url: string, max = 4): Kysely<any> =>
  new Kysely<any>({ dialect: new PostgresDialect({ pool: new pg.Pool({ connectionString: url, max }) }) })

let counter = 0
const postgres: TestDialect = {
  name: "postgres",
  connect: (url) => pgConnect(url),
  create: async (tag) => {
    const name = `liushou_t_${tag.replace(/[^a-z0-9]/gi, "_").toLowerCase()}_${process.pid}_${counter++}`
    const admin = new pg.Client({ connectionString: PG_URL })
    await admin.connect()
    await admin.query(`drop database if exists ${name} with (force)`)
    await admin.query(`create database ${name}`)
    await admin.end()
    const u = new URL(PG_URL)
    u.pathname = `/${name}`
    const url = u.toString()
    const db = pgConnect(url)
    return {
      db,
      url,
      close: async () => {
        await db.destroy()
        const a = new pg.Client({ connectionString: PG_URL })
        await a.connect()
        await a.query(`drop database if exists ${name} with (force)`)
        await a.end()
      }
    }
  }
}

const pgReachable = async (): Promise<string | undefined> => {
  const c = new pg.Client({ connectionString: PG_URL, connectionTimeoutMillis: 3000 })
  try {
    await c.connect()
    await c.query("select 1")
    return undefined
  } catch (e) {
    return (e as Error).message
  } finally {
    await c.end().catch(() => undefined)
  }
}

const wanted = (process.env.LIUSHOU_DIALECTS ?? "sqlite,postgres").split(",").map((s) => s.trim())

const pgProblem = wanted.includes("postgres") ? await pgReachable() : undefined
if (pgProblem !== undefined) {
  const masked = PG_URL.replace(/:[^:@/]*@/, ":***@")
  if (process.env.CI === "true") {
    throw new Error(`PostgreSQL is not reachable at ${masked} (${pgProblem}); CI requires it (run packages/storage/scripts/start-postgres.sh)`)
  }
  console.warn(`[storage tests] skipping PostgreSQL: not reachable at ${masked} (${pgProblem}). Start it with packages/storage/scripts/start-postgres.sh`)
}

/** The dialects to run, in order. */
export const DIALECTS: ReadonlyArray<TestDialect> = [
  ...(wanted.includes("sqlite") ? [sqlite] : []),
  ...(wanted.includes("postgres") && pgProblem === undefined ? [postgres] : [])
]
