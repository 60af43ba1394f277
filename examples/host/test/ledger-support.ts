/**
 * Databases for the ledger command tests: a SQLite file in a temporary directory and, when a
 * server is reachable at LIUSHOU_PG_URL, a fresh PostgreSQL database per test file (CI=true
 * requires the server). LIUSHOU_DIALECTS=sqlite,postgres selects dialects.
 */
import { mkdtempSync, rmSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import pg from "pg"

export const PG_URL = process.env.LIUSHOU_PG_URL ?? "postgres://postgres:postgres@127.0.0.1:5432/liushou_test"

export interface TestDb {
  readonly name: "sqlite" | "postgres"
  /** creates an empty database and returns its --db value and a cleanup */
  readonly create: (tag: string) => Promise<{ readonly url: string; readonly close: () => Promise<void> }>
}

const admin = async (statement: string): Promise<void> => {
  const c = new pg.Client({ connectionString: PG_URL, connectionTimeoutMillis: 3000 })
  await c.connect()
  try {
    await c.query(statement)
  } finally {
    await c.end()
  }
}

const sqlite: TestDb = {
  name: "sqlite",
  create: async (tag) => {
    const dir = mkdtempSync(join(tmpdir(), `liushou-${tag}-`))
    return { url: join(dir, "ledger.db"), close: async () => rmSync(dir, { recursive: true, force: true }) }
  }
}

const postgres: TestDb = {
  name: "postgres",
  create: async (tag) => {
    const name = `liushou_t_${tag}_${process.pid}`
    await admin(`drop database if exists ${name} with (force)`)
    await admin(`create database ${name}`)
    const u = new URL(PG_URL)
    u.pathname = `/${name}`
    return { url: u.toString(), close: () => admin(`drop database if exists ${name} with (force)`) }
  }
}

const wanted = (process.env.LIUSHOU_DIALECTS ?? "sqlite,postgres").split(",").map((s) => s.trim())
let problem: string | undefined
if (wanted.includes("postgres")) {
  try {
    await admin("select 1")
  } catch (e) {
    problem = (e as Error).message
    const masked = PG_URL.replace(/:[^:@/]*@/, ":***@")
    if (process.env.CI === "true") throw new Error(`PostgreSQL is not reachable at ${masked} (${problem}); CI requires it`)
    console.warn(`[host ledger tests] skipping PostgreSQL: not reachable at ${masked} (${problem})`)
  }
}

export const DATABASES: ReadonlyArray<TestDb> = [
  ...(wanted.includes("sqlite") ? [sqlite] : []),
  ...(wanted.includes("postgres") && problem === undefined ? [postgres] : [])
]

export { pg }
