/**
 * The databases every ledger test runs on, for the storage package's tests and the host's:
 * SQLite in a fresh file in a temporary directory, and a real PostgreSQL server, where each
 * test file gets its own database (`liushou_t_<tag>_<pid>_<n>`) created from the server at
 * LIUSHOU_PG_URL and dropped afterwards, so files running in parallel never touch each other's
 * rows.
 *
 * LIUSHOU_DIALECTS=sqlite,postgres selects dialects. Without a reachable server PostgreSQL is
 * skipped with a message, except when CI=true: then the suite fails.
 */
import Database from "better-sqlite3"
import { Kysely, PostgresDialect, SqliteDialect } from "kysely"
import { mkdtempSync, rmSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import pg from "pg"

export { pg }

export const PG_URL = process.env.LIUSHOU_PG_URL ?? "postgres://postgres:postgres@127.0.0.1:5432/liushou_test"

/** A database made for a test, not yet opened: what the host's --db option takes, and a cleanup. */
export interface Fresh {
  readonly url: string
  readonly close: () => Promise<void>
}

/** A database made for a test and opened with Kysely. */
export interface Opened {
  readonly db: Kysely<any>
  /** what the host's --db option takes for this database */
  readonly url: string
  readonly close: () => Promise<void>
}

export interface TestDialect {
  readonly name: "sqlite" | "postgres"
  /** makes an empty database for one test file (or one test), without opening it */
  readonly fresh: (tag: string) => Promise<Fresh>
  /** makes an empty database for one test file (or one test) and opens it */
  readonly create: (tag: string) => Promise<Opened>
  /** opens another connection to a database made by `fresh` or `create` */
  readonly connect: (url: string) => Kysely<any>
}

/**
 * A pool whose connections going away (a server restart, a database dropped with `force`) fail
 * the queries that use them, as the host's pool does, instead of an `error` event with no
 * listener ending the test process with an error no test owns.
 */
const pool = (url: string, max: number): pg.Pool => {
  const p = new pg.Pool({ connectionString: url, max, connectionTimeoutMillis: CONNECT_TIMEOUT_MS })
  p.on("error", (e) => console.warn(`[ledger tests] an idle PostgreSQL connection failed: ${e.message}`))
  p.on("connect", (client) => void client.on("error", () => undefined))
  return p
}

/** generous: a loaded CI machine can take seconds to accept a connection */
const CONNECT_TIMEOUT_MS = 30_000

/** Opens a SQLite file path or a postgres:// URL (a pool of `max` connections). */
export const connect = (url: string, max = 4): Kysely<any> =>
  new Kysely<any>({
    dialect: url.startsWith("postgres") ? new PostgresDialect({ pool: pool(url, max) }) : new SqliteDialect({ database: new Database(url) })
  })

const opened = async (fresh: Fresh, max?: number): Promise<Opened> => {
  const db = connect(fresh.url, max)
  return {
    db,
    url: fresh.url,
    close: async () => {
      await db.destroy()
      await fresh.close()
    }
  }
}

const sqlite: TestDialect = {
  name: "sqlite",
  connect: (url) => connect(url),
  fresh: async (tag) => {
    const dir = mkdtempSync(join(tmpdir(), `liushou-${tag}-`))
    return { url: join(dir, "ledger.db"), close: async () => rmSync(dir, { recursive: true, force: true }) }
  },
  create: async (tag) => opened(await sqlite.fresh(tag))
}

const admin = async (statement: string): Promise<void> => {
  const c = new pg.Client({ connectionString: PG_URL, connectionTimeoutMillis: CONNECT_TIMEOUT_MS })
  // an error after the statement settled (the server closing the socket) is not the test's
  c.on("error", () => undefined)
  await c.connect()
  try {
    await c.query(statement)
  } finally {
    await c.end().catch(() => undefined)
  }
}

let counter = 0
const postgres: TestDialect = {
  name: "postgres",
  connect: (url) => connect(url),
  fresh: async (tag) => {
    const name = `liushou_t_${tag.replace(/[^a-z0-9]/gi, "_").toLowerCase()}_${process.pid}_${counter++}`
    await admin(`drop database if exists ${name} with (force)`)
    await admin(`create database ${name}`)
    const u = new URL(PG_URL)
    u.pathname = `/${name}`
    return { url: u.toString(), close: () => admin(`drop database if exists ${name} with (force)`) }
  },
  create: async (tag) => opened(await postgres.fresh(tag))
}

const wanted = (process.env.LIUSHOU_DIALECTS ?? "sqlite,postgres").split(",").map((s) => s.trim())

let pgProblem: string | undefined
if (wanted.includes("postgres")) {
  try {
    await admin("select 1")
  } catch (e) {
    pgProblem = (e as Error).message
    const masked = PG_URL.replace(/:[^:@/]*@/, ":***@")
    if (process.env.CI === "true") {
      throw new Error(`PostgreSQL is not reachable at ${masked} (${pgProblem}); CI requires it (run packages/storage/scripts/start-postgres.sh)`)
    }
    console.warn(`[ledger tests] skipping PostgreSQL: not reachable at ${masked} (${pgProblem}). Start it with packages/storage/scripts/start-postgres.sh`)
  }
}

/** The dialects to run, in order. */
export const DIALECTS: ReadonlyArray<TestDialect> = [
  ...(wanted.includes("sqlite") ? [sqlite] : []),
  ...(wanted.includes("postgres") && pgProblem === undefined ? [postgres] : [])
]
