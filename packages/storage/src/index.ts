/**
 * @liushou/storage: the information ledger (信息台账) of left-behind elders on SQLite or
 * PostgreSQL through Kysely, with lossless import, provenance, replay, visits, referral cases
 * and an append-only audit log. Pass your own Kysely instance in.
 *
 * @since 0.1.0
 */

export * as Flags from "./Flags.js"
export * as Ledger from "./Ledger.js"
export * as Migrations from "./Migrations.js"
export * as Sqlite from "./Sqlite.js"
export * as Tables from "./Tables.js"
