import Database from "better-sqlite3"
import {
  DummyDriver,
  Kysely,
  MssqlAdapter,
  MssqlIntrospector,
  MssqlQueryCompiler,
  MysqlAdapter,
  MysqlIntrospector,
  MysqlQueryCompiler,
  PostgresAdapter,
  PostgresIntrospector,
  PostgresQueryCompiler,
  SqliteDialect
} from "kysely"
import { describe, expect, it } from "vitest"
import { Flags } from "../src/index.js"

// A Kysely instance that compiles queries but never connects: enough to detect the dialect.
const offline = (adapter: any, compiler: any, introspector: any) =>
  new Kysely<any>({
    dialect: {
      createAdapter: () => adapter,
      createDriver: () => new DummyDriver(),
      createIntrospector: (db) => new introspector(db),
      createQueryCompiler: () => new compiler()
    }
  })

describe("Flags.detect", () => {
  it("detects SQLite from a real better-sqlite3 instance", async () => {
    const db = new Kysely<any>({ dialect: new SqliteDialect({ database: new Database(":memory:") }) })
    expect(Flags.detect(db)).toBe(Flags.sqlite)
    await db.destroy()
  })

  it("detects PostgreSQL without connecting", () => {
    expect(Flags.detect(offline(new PostgresAdapter(), PostgresQueryCompiler, PostgresIntrospector))).toBe(Flags.postgres)
  })

  it("does not depend on the adapter's class: a PostgreSQL-compatible dialect with its own adapter object is PostgreSQL", () => {
    // what a second copy of kysely (or a wrapped adapter) looks like: not an instance of this copy's classes
    const foreignAdapter = Object.assign(Object.create(null), {
      supportsCreateIfNotExists: true,
      supportsTransactionalDdl: true,
      supportsReturning: true,
      supportsOutput: false,
      acquireMigrationLock: async () => {},
      releaseMigrationLock: async () => {}
    })
    expect(Flags.detect(offline(foreignAdapter, PostgresQueryCompiler, PostgresIntrospector))).toBe(Flags.postgres)
  })

  it("returns undefined for MySQL and SQL Server, whose flags must be passed in", () => {
    expect(Flags.detect(offline(new MysqlAdapter(), MysqlQueryCompiler, MysqlIntrospector))).toBeUndefined()
    expect(Flags.detect(offline(new MssqlAdapter(), MssqlQueryCompiler, MssqlIntrospector))).toBeUndefined()
  })
})
