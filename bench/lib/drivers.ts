/**
 * The database drivers, loaded from where @liushou/storage resolves them (the benchmark is
 * not a package of its own): better-sqlite3, pg and Kysely's ES module build (the same module
 * instance the storage package uses).
 */
import { createRequire } from "node:module"
import * as path from "node:path"
import { fileURLToPath, pathToFileURL } from "node:url"

const storageDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../packages/storage")
const require = createRequire(path.join(storageDir, "package.json"))

/** better-sqlite3's constructor */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the bench has no type packages of its own
export const BetterSqlite3 = (): any => require("better-sqlite3")

/** the pg module */
export const pg = (): any => require("pg")

/** Kysely (ES module build) */
export const kysely = async (): Promise<any> => {
  // kysely's CommonJS entry is <package>/dist/cjs/index.js; its ES module build sits beside it
  const cjs = require.resolve("kysely")
  return (await import(pathToFileURL(path.join(path.dirname(cjs), "../esm/index.js")).href)) as any
}

/** the PostgreSQL server URL for a database name (from LIUSHOU_PG_URL, database replaced) */
export const pgUrl = (database: string): string => {
  const base = new URL(process.env.LIUSHOU_PG_URL ?? "postgres://postgres:postgres@127.0.0.1:5432/liushou_test")
  base.pathname = `/${database}`
  return base.href
}

/** whether a PostgreSQL server answers; creates `database` (dropping an old one) when it does */
export const preparePg = async (database: string): Promise<boolean> => {
  const { Client } = pg()
  const admin = new Client({ connectionString: pgUrl("postgres"), connectionTimeoutMillis: 3000 })
  try {
    await admin.connect()
  } catch {
    return false
  }
  try {
    await admin.query(`drop database if exists ${database} with (force)`)
    await admin.query(`create database ${database}`)
    return true
  } finally {
    await admin.end()
  }
}
