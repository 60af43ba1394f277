import type { Kysely } from "kysely"
import type { DialectFlags } from "../Flags.js"
import type { Database } from "../Tables.js"

/**
 * What the internal functions need of an opened ledger: its database, its dialect flags and its
 * clock. `Ledger.make` passes this, so the internals never import the `Ledger` module (the arrows
 * run one way: `Ledger` → `internal/*` → `internal/types/*`).
 */
export interface Context {
  readonly db: Kysely<Database>
  readonly flags: DialectFlags
  readonly now: () => string
}
