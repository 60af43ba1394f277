/**
 * The ledger a describe block of the storage tests works on: a fresh database of one dialect
 * (`@liushou/test-databases`), a ledger on it, migrated, and closed again after the block.
 */
import type { Opened, TestDialect } from "@liushou/test-databases"
import { afterAll, afterEach, beforeAll, beforeEach } from "vitest"
import { Ledger } from "../../src/index.js"

/** How the ledger is made: its clock, and whether every test gets a fresh one (`each`). */
export interface LedgerOptions {
  readonly clock?: () => string
  readonly each?: boolean
}

/**
 * Registers the hooks that open a database named `name` on `dialect` before the block's tests
 * (before each test with `each`), make a ledger on it with `clock`, migrate it to the latest
 * version and hand it to `use` (which keeps it and adds the block's own data), and close the
 * database after them.
 */
export const withLedger = (
  dialect: TestDialect,
  name: string,
  options: LedgerOptions,
  use: (ledger: Ledger.Ledger, opened: Opened) => void | Promise<void>
): void => {
  let opened: Opened | undefined
  ;(options.each === true ? beforeEach : beforeAll)(async () => {
    opened = await dialect.create(name)
    const ledger = await Ledger.make({ db: opened.db, ...(options.clock === undefined ? {} : { clock: options.clock }) })
    await ledger.migrateToLatest()
    await use(ledger, opened)
  })
  ;(options.each === true ? afterEach : afterAll)(async () => {
    await opened?.close()
  })
}
