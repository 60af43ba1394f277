/**
 * The ledger's migrations, run by Kysely's `Migrator`. Each has `up` and `down`; the result
 * of every run is checked and a failure is thrown as a `MigrationError` naming the migration.
 * The migrator's own tables are `liushou_migration` and `liushou_migration_lock`.
 *
 * The `Migrator` is the application's Kysely's: kysely 0.28 exports it from `kysely`, 0.29 from
 * `kysely/migration` only, so it is looked up at run time and typed here structurally.
 *
 * @since 0.1.0
 */
import type { CaseFile } from "@liushou/core"
import * as kysely from "kysely"
import { type CreateTableBuilder, type Kysely, sql } from "kysely"
import type { DialectFlags } from "./Flags.js"
import { parseStored, type StoredRow } from "./internal/assess.js"
import { AUDIT_GENESIS, auditHash } from "./internal/chain.js"
import { addChildren, elderRow, emptyChildren } from "./internal/rows.js"

/**
 * A migration run that failed.
 *
 * @category errors
 * @since 0.1.0
 */
export class MigrationError extends Error {
  readonly _tag = "MigrationError"
  constructor(
    readonly migration: string | undefined,
    readonly direction: "Up" | "Down" | undefined,
    override readonly cause: unknown
  ) {
    super(`ledger migration ${migration ?? "(none)"} ${direction ?? ""} failed: ${cause instanceof Error ? cause.message : String(cause)}`)
  }
}

const text = "text" as const
const int = "integer" as const

type Builder = CreateTableBuilder<string, string>

const table = async (db: Kysely<any>, name: string, build: (t: Builder) => Builder): Promise<void> => {
  await build(db.schema.createTable(name) as Builder).execute()
}

const elderKey = (t: Builder): Builder =>
  t.addColumn("region_code", text, (c) => c.notNull()).addColumn("elder_id", text, (c) => c.notNull())

const ledger0001 = (flags: DialectFlags): Migration => ({
  up: async (db) => {
    await table(db, "elders", (t) =>
      elderKey(t)
        .addColumn("name", text, (c) => c.notNull())
        .addColumn("id_number", text)
        .addColumn("phone", text)
        .addColumn("sex", text, (c) => c.notNull())
        .addColumn("birth_date", text, (c) => c.notNull())
        .addColumn("case_file", text, (c) => c.notNull())
        .addColumn("input_version", text, (c) => c.notNull())
        .addColumn("revision", int, (c) => c.notNull())
        .addColumn("import_id", text)
        .addColumn("updated_at", text, (c) => c.notNull())
        .addPrimaryKeyConstraint("elders_pk", ["region_code", "elder_id"])
    )
    await db.schema.createIndex("elders_elder_id").on("elders").column("elder_id").execute()
    await table(db, "supporters", (t) =>
      elderKey(t)
        .addColumn("position", int, (c) => c.notNull())
        .addColumn("supporter_id", text, (c) => c.notNull())
        .addColumn("relation", text, (c) => c.notNull())
        .addColumn("whereabouts", text, (c) => c.notNull())
        .addColumn("away_since", text)
        .addColumn("reported_to_village", int, (c) => c.notNull())
        .addColumn("last_contact", text)
        .addColumn("name", text)
        .addColumn("phone", text)
        .addPrimaryKeyConstraint("supporters_pk", ["region_code", "elder_id", "position"])
    )
    await table(db, "delegated_carers", (t) =>
      elderKey(t)
        .addColumn("name", text, (c) => c.notNull())
        .addColumn("relation", text, (c) => c.notNull())
        .addColumn("since", text, (c) => c.notNull())
        .addColumn("phone", text)
        .addPrimaryKeyConstraint("delegated_carers_pk", ["region_code", "elder_id"])
    )
    await table(db, "visits", (t) =>
      elderKey(t)
        .addColumn("seq", int, (c) => c.notNull())
        .addColumn("date", text, (c) => c.notNull())
        .addColumn("mode", text, (c) => c.notNull())
        .addColumn("visitor", text, (c) => c.notNull())
        .addColumn("concerns", text, (c) => c.notNull())
        .addColumn("recorded_by", text)
        .addColumn("recorded_at", text)
        .addPrimaryKeyConstraint("visits_pk", ["region_code", "elder_id", "seq"])
    )
    await db.schema.createIndex("visits_region_date").on("visits").columns(["region_code", "date"]).execute()
    await table(db, "risk_assessments", (t) =>
      elderKey(t)
        .addColumn("seq", int, (c) => c.notNull())
        .addColumn("date", text, (c) => c.notNull())
        .addColumn("level", text, (c) => c.notNull())
        .addPrimaryKeyConstraint("risk_assessments_pk", ["region_code", "elder_id", "seq"])
    )
    await table(db, "elder_history", (t) =>
      elderKey(t)
        .addColumn("revision", int, (c) => c.notNull())
        .addColumn("change", text, (c) => c.notNull())
        .addColumn("import_id", text)
        .addColumn("actor", text, (c) => c.notNull())
        .addColumn("at", text, (c) => c.notNull())
        .addColumn("input_version", text, (c) => c.notNull())
        .addColumn("changed_paths", text, (c) => c.notNull())
        .addColumn("case_file", text, (c) => c.notNull())
        .addPrimaryKeyConstraint("elder_history_pk", ["region_code", "elder_id", "revision"])
    )
    await db.schema.createIndex("elder_history_elder").on("elder_history").columns(["elder_id", "revision"]).execute()
    await table(db, "imports", (t) =>
      t
        .addColumn("import_id", text, (c) => c.primaryKey())
        .addColumn("source", text, (c) => c.notNull())
        .addColumn("actor", text, (c) => c.notNull())
        .addColumn("started_at", text, (c) => c.notNull())
        .addColumn("finished_at", text)
        .addColumn("status", text, (c) => c.notNull())
        .addColumn("stored", int, (c) => c.notNull())
        .addColumn("updated", int, (c) => c.notNull())
        .addColumn("unchanged", int, (c) => c.notNull())
        .addColumn("rejected", int, (c) => c.notNull())
    )
    await table(db, "rejected_records", (t) =>
      t
        .addColumn("import_id", text, (c) => c.notNull())
        .addColumn("position", int, (c) => c.notNull())
        .addColumn("elder_id", text)
        .addColumn("raw", text, (c) => c.notNull())
        .addColumn("error", text, (c) => c.notNull())
        .addColumn("at", text, (c) => c.notNull())
        .addPrimaryKeyConstraint("rejected_records_pk", ["import_id", "position"])
    )
    await table(db, "assessment_runs", (t) =>
      t
        .addColumn("run_id", text, (c) => c.primaryKey())
        .addColumn("as_of", text, (c) => c.notNull())
        .addColumn("region_scope", text, (c) => c.notNull())
        .addColumn("actor", text, (c) => c.notNull())
        .addColumn("started_at", text, (c) => c.notNull())
        .addColumn("finished_at", text)
        .addColumn("status", text, (c) => c.notNull())
        .addColumn("evaluated", int, (c) => c.notNull())
        .addColumn("skipped", int, (c) => c.notNull())
        .addColumn("failed", int, (c) => c.notNull())
    )
    await table(db, "parameter_sets", (t) =>
      t.addColumn("set_hash", text, (c) => c.primaryKey()).addColumn("parameters", text, (c) => c.notNull())
    )
    await table(db, "evaluations", (t) =>
      elderKey(t)
        .addColumn("run_id", text, (c) => c.notNull())
        .addColumn("as_of", text, (c) => c.notNull())
        .addColumn("policy_id", text, (c) => c.notNull())
        .addColumn("policy_version", text, (c) => c.notNull())
        .addColumn("chain", text, (c) => c.notNull())
        .addColumn("parameters_hash", text, (c) => c.notNull())
        .addColumn("parameter_set", text, (c) => c.notNull())
        .addColumn("input_version", text, (c) => c.notNull())
        .addColumn("input_revision", int, (c) => c.notNull())
        .addColumn("core_version", text, (c) => c.notNull())
        .addColumn("evaluation", text, (c) => c.notNull())
        .addColumn("created_at", text, (c) => c.notNull())
        .addPrimaryKeyConstraint("evaluations_pk", ["region_code", "elder_id", "run_id"])
    )
    await db.schema.createIndex("evaluations_run").on("evaluations").columns(["run_id", "region_code", "elder_id"]).execute()
    await table(db, "evaluation_failures", (t) =>
      elderKey(t)
        .addColumn("run_id", text, (c) => c.notNull())
        .addColumn("input_version", text, (c) => c.notNull())
        .addColumn("reason", text, (c) => c.notNull())
        .addColumn("created_at", text, (c) => c.notNull())
        .addPrimaryKeyConstraint("evaluation_failures_pk", ["region_code", "elder_id", "run_id"])
    )
    await table(db, "elder_status", (t) =>
      elderKey(t)
        .addColumn("run_id", text, (c) => c.notNull())
        .addColumn("as_of", text, (c) => c.notNull())
        .addColumn("input_version", text, (c) => c.notNull())
        .addColumn("policy_id", text, (c) => c.notNull())
        .addColumn("left_behind", int)
        .addColumn("priority", int)
        .addColumn("unmet_duties", int, (c) => c.notNull())
        .addColumn("risk_level", text)
        .addColumn("assessment_next_due", text)
        .addColumn("assessment_overdue", int, (c) => c.notNull())
        .addColumn("visit_window", text)
        .addColumn("visit_next_due", text)
        .addColumn("visit_extra_due", text)
        .addColumn("visit_due", text)
        .addPrimaryKeyConstraint("elder_status_pk", ["region_code", "elder_id"])
    )
    await db.schema.createIndex("elder_status_visit_due").on("elder_status").columns(["region_code", "visit_due"]).execute()
    await db.schema.createIndex("elder_status_assessment_due").on("elder_status").columns(["region_code", "assessment_next_due"]).execute()
    await db.schema.createIndex("elder_status_risk").on("elder_status").columns(["region_code", "risk_level"]).execute()
    await table(db, "referral_cases", (t) =>
      t
        .addColumn("region_code", text, (c) => c.notNull())
        .addColumn("case_id", text, (c) => c.notNull())
        .addColumn("elder_id", text, (c) => c.notNull())
        .addColumn("workflow_id", text, (c) => c.notNull())
        .addColumn("state", text, (c) => c.notNull())
        .addColumn("since", text, (c) => c.notNull())
        .addColumn("to_body", text)
        .addColumn("trigger", text)
        .addColumn("opened_by", text, (c) => c.notNull())
        .addColumn("opened_at", text, (c) => c.notNull())
        .addPrimaryKeyConstraint("referral_cases_pk", ["region_code", "case_id"])
    )
    await db.schema.createIndex("referral_cases_case").on("referral_cases").column("case_id").execute()
    await db.schema.createIndex("referral_cases_state").on("referral_cases").columns(["state", "region_code"]).execute()
    await table(db, "referral_transitions", (t) =>
      t
        .addColumn("region_code", text, (c) => c.notNull())
        .addColumn("case_id", text, (c) => c.notNull())
        .addColumn("seq", int, (c) => c.notNull())
        .addColumn("from_state", text)
        .addColumn("to_state", text, (c) => c.notNull())
        .addColumn("action", text, (c) => c.notNull())
        .addColumn("at", text, (c) => c.notNull())
        .addColumn("by", text, (c) => c.notNull())
        .addColumn("recorded_at", text, (c) => c.notNull())
        .addPrimaryKeyConstraint("referral_transitions_pk", ["region_code", "case_id", "seq"])
    )
    await table(db, "audit_log", (t) =>
      t
        .addColumn("id", flags.serial === "autoincrement" ? "integer" : "bigint", (c) =>
          flags.serial === "autoincrement" ? c.primaryKey().autoIncrement() : c.primaryKey().generatedAlwaysAsIdentity()
        )
        .addColumn("at", text, (c) => c.notNull())
        .addColumn("actor", text, (c) => c.notNull())
        .addColumn("action", text, (c) => c.notNull())
        .addColumn("region_code", text)
        .addColumn("subject", text)
        .addColumn("detail", text, (c) => c.notNull())
    )
    await db.schema.createIndex("audit_log_region").on("audit_log").columns(["region_code", "id"]).execute()
    await db.schema.createIndex("audit_log_subject").on("audit_log").columns(["subject", "id"]).execute()
    for (const statement of appendOnly(flags, "audit_log")) await sql.raw(statement).execute(db)
  },
  down: async (db) => {
    for (const statement of dropAppendOnly(flags, "audit_log")) await sql.raw(statement).execute(db)
    for (const name of [
      "audit_log",
      "referral_transitions",
      "referral_cases",
      "elder_status",
      "evaluation_failures",
      "evaluations",
      "parameter_sets",
      "assessment_runs",
      "rejected_records",
      "imports",
      "elder_history",
      "risk_assessments",
      "visits",
      "delegated_carers",
      "supporters",
      "elders"
    ]) {
      await db.schema.dropTable(name).execute()
    }
  }
})

const appendOnly = (flags: DialectFlags, name: string): ReadonlyArray<string> =>
  flags.triggers === "sqlite"
    ? [
        `create trigger ${name}_no_update before update on ${name} begin select raise(abort, '${name} is append-only'); end`,
        `create trigger ${name}_no_delete before delete on ${name} begin select raise(abort, '${name} is append-only'); end`
      ]
    : [
        `create function ${name}_append_only() returns trigger language plpgsql as $$ begin raise exception '${name} is append-only'; end $$`,
        `create trigger ${name}_no_change before update or delete on ${name} for each row execute function ${name}_append_only()`
      ]

const dropAppendOnly = (flags: DialectFlags, name: string): ReadonlyArray<string> =>
  flags.triggers === "sqlite"
    ? [`drop trigger ${name}_no_update`, `drop trigger ${name}_no_delete`]
    : [`drop trigger ${name}_no_change on ${name}`, `drop function ${name}_append_only()`]

/**
 * The reasons of stored evaluations, once each: a plan builds its reasons once, so the same
 * reason (code, citation, text) recurs in nearly every evaluation; `evaluations.evaluation`
 * keeps each reason as its key here.
 */
const reasons0002: Migration = {
  up: async (db) => {
    await table(db, "reasons", (t) => t.addColumn("reason_hash", text, (c) => c.primaryKey()).addColumn("reason", text, (c) => c.notNull()))
  },
  down: async (db) => {
    await db.schema.dropTable("reasons").execute()
  }
}

/**
 * An elder is its county and its ledger id (ledger ids are numbered by each county). Before
 * this migration an import looked elders up by id alone and moved a same-numbered elder of
 * another county to the importing county; the history kept the other county's revisions. This
 * migration restores each such elder in its own county from its latest revision there (the
 * current case file, its child rows and its revision number; no status until the next
 * assessment), then makes the identity a unique index on (county, id).
 */
const identity0003: Migration = {
  up: async (db) => {
    const rows = await db
      .selectFrom("elder_history")
      .select(["region_code", "elder_id", "revision", "input_version", "import_id", "at", "case_file"])
      .where("elder_id", "in", db.selectFrom("elder_history").select("elder_id").groupBy("elder_id").having(sql<number>`count(distinct substr(region_code, 1, 6))`, ">", 1))
      .orderBy("elder_id")
      .orderBy("revision")
      .execute()
    const latest = new Map<string, (typeof rows)[number]>()
    for (const r of rows) latest.set(`${String(r.region_code).slice(0, 6)}|${r.elder_id}`, r)
    for (const r of latest.values()) {
      const county = String(r.region_code).slice(0, 6)
      const present = await db
        .selectFrom("elders")
        .select("region_code")
        .where("elder_id", "=", r.elder_id)
        .where("region_code", ">=", county + "000000")
        .where("region_code", "<=", county + "999999")
        .executeTakeFirst()
      if (present !== undefined) continue
      const cf = JSON.parse(r.case_file) as CaseFile.CaseFile
      await db.insertInto("elders").values(elderRow(cf, r.case_file, r.input_version, Number(r.revision), r.import_id, r.at)).execute()
      const children = emptyChildren()
      addChildren(children, cf, undefined)
      for (const [t, list] of [["supporters", children.supporters], ["delegated_carers", children.carers], ["visits", children.visits], ["risk_assessments", children.risks]] as const) {
        for (const row of list) await db.insertInto(t).values(row as never).execute()
      }
    }
    await sql`create unique index elders_identity on elders (substr(region_code, 1, 6), elder_id)`.execute(db)
  },
  down: async (db) => {
    await sql`drop index elders_identity`.execute(db)
  }
}

/** the tables that grow with the number of elders, partitioned by region on PostgreSQL */
export const PARTITIONED_TABLES = ["elders", "supporters", "delegated_carers", "visits", "risk_assessments", "assignments", "elder_history", "evaluations", "evaluation_failures", "elder_status", "ledger_events", "services"] as const
/** the tables `0006_partitions` partitions (later migrations partition the tables they create) */
const PARTITIONED_0006 = PARTITIONED_TABLES.filter((t) => t !== "ledger_events" && t !== "services")

/** the province-level codes of GB/T 2260 (31 provinces, Taiwan, Hong Kong, Macao): one partition each */
export const PROVINCES = ["11", "12", "13", "14", "15", "21", "22", "23", "31", "32", "33", "34", "35", "36", "37", "41", "42", "43", "44", "45", "46", "50", "51", "52", "53", "54", "61", "62", "63", "64", "65", "71", "81", "82"] as const

interface IndexDef {
  readonly name: string
  readonly def: string
}

const rows = async <R>(db: Kysely<any>, query: ReturnType<typeof sql<R>>): Promise<Array<R>> => (await query.execute(db)).rows

/** the primary key and the other indexes of a table, as PostgreSQL writes their definitions */
const indexesOf = async (db: Kysely<any>, table: string): Promise<{ pk: { name: string; def: string }; others: Array<IndexDef & { unique: boolean }> }> => {
  const [pk] = await rows<{ name: string; def: string }>(db, sql`select conname as name, pg_get_constraintdef(oid) as def from pg_constraint where conrelid = ${table}::regclass and contype = 'p'`)
  const others = await rows<{ name: string; def: string; unique: boolean }>(
    db,
    sql`select c.relname as name, pg_get_indexdef(i.indexrelid) as def, i.indisunique as unique
        from pg_index i join pg_class c on c.oid = i.indexrelid
        where i.indrelid = ${table}::regclass and not i.indisprimary order by c.relname`
  )
  return { pk: pk!, others }
}

const partitionNames = (table: string): Array<readonly [string, string]> => [...PROVINCES.map((p) => [p, `${table}_p${p}`] as const), ["other", `${table}_pother`] as const]

/**
 * Partitions a table by region on PostgreSQL: `partition by range (region_code)` with one
 * partition per province (`'43' <= region_code < '44'`) and a default one, the rows copied, the
 * primary key and indexes rebuilt under their names. A unique index that cannot hold on a
 * partitioned table (an expression, or no `region_code`, as the identity index on county and
 * id) is built on each partition instead: a county lies inside one province, so it is as unique.
 */
const partition = async (db: Kysely<any>, table: string): Promise<void> => {
  const { pk, others } = await indexesOf(db, table)
  const temp = `${table}__partitioned`
  await sql.raw(`create table ${temp} (like ${table} including defaults including generated) partition by range (region_code)`).execute(db)
  for (const [p, name] of partitionNames(table)) {
    const bound = p === "other" ? "default" : `for values from ('${p}') to ('${String(Number(p) + 1)}')`
    await sql.raw(`create table ${name} partition of ${temp} ${bound}`).execute(db)
  }
  await sql.raw(`insert into ${temp} select * from ${table}`).execute(db)
  await sql.raw(`drop table ${table}`).execute(db)
  await sql.raw(`alter table ${temp} rename to ${table}`).execute(db)
  await sql.raw(`alter table ${table} add constraint ${pk.name} ${pk.def}`).execute(db)
  for (const ix of others) {
    const local = ix.unique && (!/\bregion_code\b/.test(ix.def.slice(ix.def.indexOf("("))) || /\(\s*\w+\(/.test(ix.def.slice(ix.def.indexOf("USING"))))
    if (!local) {
      await sql.raw(ix.def).execute(db)
      continue
    }
    for (const [p, name] of partitionNames(table)) {
      await sql.raw(ix.def.replace(` INDEX ${ix.name} ON `, ` INDEX ${ix.name}_p${p} ON `).replace(new RegExp(` ON ((?:\\w+\\.)?)${table} USING `), ` ON $1${name} USING `)).execute(db)
    }
  }
}

/** Turns a partitioned table back into a plain one (the indexes built per partition become one). */
const unpartition = async (db: Kysely<any>, table: string): Promise<void> => {
  const { pk, others } = await indexesOf(db, table)
  const first = partitionNames(table)[0]![1]
  const local = (await indexesOf(db, first)).others.filter((ix) => ix.name.endsWith(`_p${PROVINCES[0]}`))
  const temp = `${table}__plain`
  await sql.raw(`create table ${temp} (like ${table} including defaults including generated)`).execute(db)
  await sql.raw(`insert into ${temp} select * from ${table}`).execute(db)
  await sql.raw(`drop table ${table}`).execute(db)
  await sql.raw(`alter table ${temp} rename to ${table}`).execute(db)
  await sql.raw(`alter table ${table} add constraint ${pk.name} ${pk.def}`).execute(db)
  for (const ix of others) await sql.raw(ix.def.replace(" ON ONLY ", " ON ")).execute(db)
  for (const ix of local) {
    const name = ix.name.slice(0, -`_p${PROVINCES[0]}`.length)
    await sql.raw(ix.def.replace(` INDEX ${ix.name} ON `, ` INDEX ${name} ON `).replace(new RegExp(` ON ((?:\\w+\\.)?)${first} USING `), ` ON $1${table} USING `)).execute(db)
  }
}

/**
 * PostgreSQL: the tables that grow with the elders partitioned by region code, one partition
 * per province and a default one (see docs/storage.md for prefectures, counties and Citus).
 * SQLite has no partitioning: there the migration changes nothing.
 */
const partitions0006 = (flags: DialectFlags): Migration => ({
  up: async (db) => {
    if (flags.name !== "postgres") return
    for (const t of PARTITIONED_0006) await partition(db, t)
  },
  down: async (db) => {
    if (flags.name !== "postgres") return
    for (const t of PARTITIONED_0006) await unpartition(db, t)
  }
})

/** the large JSON text columns: a case file (about 1 kB) and a stored evaluation (about 4 kB) per row */
export const COMPRESSED_COLUMNS = [
  ["elders", "case_file"],
  ["elder_history", "case_file"],
  ["evaluations", "evaluation"]
] as const

/** a table and its partitions, at every level */
const withPartitions = async (db: Kysely<any>, table: string): Promise<Array<string>> =>
  (
    await rows<{ name: string }>(
      db,
      sql`with recursive t(oid) as (select ${table}::regclass::oid union all select i.inhrelid from pg_inherits i join t on i.inhparent = t.oid)
          select c.relname as name from t join pg_class c on c.oid = t.oid order by 1`
    )
  ).map((r) => r.name)

const setCompression = async (db: Kysely<any>, method: "lz4" | "default"): Promise<void> => {
  for (const [table, column] of COMPRESSED_COLUMNS) {
    // PostgreSQL 15 does not pass a column's compression down to existing partitions
    for (const name of await withPartitions(db, table)) await sql.raw(`alter table "${name}" alter column "${column}" set compression ${method}`).execute(db)
  }
}

/**
 * PostgreSQL 14+ built with LZ4: the large JSON columns compressed with LZ4 instead of pglz.
 * Storing 500 evaluations (about 2 MB of JSON text) took about 210 ms with pglz and 90 ms with
 * LZ4 on the reference machine. Rows already stored keep their compression until rewritten;
 * a server without LZ4 (or SQLite) is left as it is.
 */
const compression0008 = (flags: DialectFlags): Migration => ({
  up: async (db) => {
    if (flags.name !== "postgres") return
    const lz4 = await rows<{ ok: boolean }>(db, sql`select 'lz4' = any(enumvals) as ok from pg_settings where name = 'default_toast_compression'`)
    if (lz4[0]?.ok !== true) return
    await setCompression(db, "lz4")
  },
  down: async (db) => {
    if (flags.name !== "postgres") return
    const has = await rows<{ ok: boolean }>(db, sql`select count(*) > 0 as ok from pg_settings where name = 'default_toast_compression'`)
    if (has[0]?.ok !== true) return
    await setCompression(db, "default")
  }
})

/**
 * The audit log as a hash chain, and closed to the remaining ways of rewriting it: each entry
 * keeps the hash of the entry before it and its own (SHA-256 over the previous hash and the
 * entry's content), so an edited, removed or inserted entry breaks the chain (`ledger.verify()`).
 * Existing entries are chained in id order. SQLite: an insert reusing an id (`REPLACE INTO`,
 * whose delete does not fire delete triggers) is refused. PostgreSQL: `TRUNCATE` is refused by a
 * statement trigger (the application's role should not own the table either: docs/storage.md).
 */
const auditChain0004 = (flags: DialectFlags): Migration => ({
  up: async (db) => {
    await db.schema.alterTable("audit_log").addColumn("prev_hash", text).execute()
    await db.schema.alterTable("audit_log").addColumn("hash", text).execute()
    // the digest of the history rows each import wrote, kept with each batch (ledger.verify compares)
    await db.schema.alterTable("imports").addColumn("history_digest", text).execute()
    for (const statement of dropAppendOnly(flags, "audit_log")) await sql.raw(statement).execute(db)
    let prev = AUDIT_GENESIS
    let after = -1
    for (;;) {
      const rows = await db.selectFrom("audit_log").selectAll().where("id", ">", after).orderBy("id").limit(1000).execute()
      if (rows.length === 0) break
      for (const r of rows) {
        const hash = auditHash(prev, r as never)
        await db.updateTable("audit_log").set({ prev_hash: prev, hash }).where("id", "=", r.id).execute()
        prev = hash
        after = Number(r.id)
      }
    }
    for (const statement of appendOnly(flags, "audit_log")) await sql.raw(statement).execute(db)
    for (const statement of closed(flags, "audit_log")) await sql.raw(statement).execute(db)
  },
  down: async (db) => {
    for (const statement of dropClosed(flags, "audit_log")) await sql.raw(statement).execute(db)
    await db.schema.alterTable("imports").dropColumn("history_digest").execute()
    await db.schema.alterTable("audit_log").dropColumn("hash").execute()
    await db.schema.alterTable("audit_log").dropColumn("prev_hash").execute()
  }
})

const closed = (flags: DialectFlags, name: string): ReadonlyArray<string> =>
  flags.triggers === "sqlite"
    ? [`create trigger ${name}_no_replace before insert on ${name} when exists (select 1 from ${name} where id = new.id) begin select raise(abort, '${name} is append-only'); end`]
    : [`create trigger ${name}_no_truncate before truncate on ${name} for each statement execute function ${name}_append_only()`]

const dropClosed = (flags: DialectFlags, name: string): ReadonlyArray<string> =>
  flags.triggers === "sqlite" ? [`drop trigger ${name}_no_replace`] : [`drop trigger ${name}_no_truncate on ${name}`]

/**
 * Named responsibility: the responsible visitor and pairings of each elder, and who made each
 * visit. Existing case files have no assignments; visits keep a null `visitor_id`.
 */
const assignments0005: Migration = {
  up: async (db) => {
    await table(db, "assignments", (t) =>
      elderKey(t)
        .addColumn("assignment_id", text, (c) => c.notNull())
        .addColumn("role", text, (c) => c.notNull())
        .addColumn("person_id", text, (c) => c.notNull())
        .addColumn("person_kind", text, (c) => c.notNull())
        .addColumn("from_date", text, (c) => c.notNull())
        .addColumn("until_date", text)
        .addPrimaryKeyConstraint("assignments_pk", ["region_code", "elder_id", "assignment_id"])
    )
    await db.schema.createIndex("assignments_person").on("assignments").columns(["person_id", "region_code"]).execute()
    await db.schema.alterTable("visits").addColumn("visitor_id", text).execute()
  },
  down: async (db) => {
    await db.schema.alterTable("visits").dropColumn("visitor_id").execute()
    await db.schema.dropTable("assignments").execute()
  }
}

/**
 * The import lock: one row while an import runs, naming it and its process, with a heartbeat
 * (wall-clock milliseconds) renewed after every batch. See `importCaseFiles`.
 */
const importLock0007: Migration = {
  up: async (db) => {
    await table(db, "import_lock", (t) =>
      t
        .addColumn("name", text, (c) => c.primaryKey())
        .addColumn("holder", text, (c) => c.notNull())
        .addColumn("import_id", text, (c) => c.notNull())
        .addColumn("host", text, (c) => c.notNull())
        .addColumn("pid", int, (c) => c.notNull())
        .addColumn("acquired_at", text, (c) => c.notNull())
        .addColumn("heartbeat_ms", "bigint", (c) => c.notNull())
    )
  },
  down: async (db) => {
    await db.schema.dropTable("import_lock").execute()
  }
}

/**
 * Ledger upkeep: entries into and exits from the active ledger (one row per event, kept in step
 * with the case file's `ledgerEvents`; partitioned by region on PostgreSQL), and on each status
 * the exit in force at its date. Existing elders have no events (in the ledger) and statuses no exit.
 */
const ledgerEvents0009 = (flags: DialectFlags): Migration => ({
  up: async (db) => {
    await table(db, "ledger_events", (t) =>
      elderKey(t)
        .addColumn("seq", int, (c) => c.notNull())
        .addColumn("date", text, (c) => c.notNull())
        .addColumn("event", text, (c) => c.notNull())
        .addColumn("reason", text, (c) => c.notNull())
        .addPrimaryKeyConstraint("ledger_events_pk", ["region_code", "elder_id", "seq"])
    )
    await db.schema.createIndex("ledger_events_date").on("ledger_events").columns(["date", "region_code"]).execute()
    // partitioned by region on PostgreSQL like the other per-elder tables (0006_partitions)
    if (flags.name === "postgres") await partition(db, "ledger_events")
    await db.schema.alterTable("elder_status").addColumn("exited_on", text).execute()
  },
  down: async (db) => {
    await db.schema.alterTable("elder_status").dropColumn("exited_on").execute()
    await db.schema.dropTable("ledger_events").execute()
  }
})

/**
 * Store less: an evaluation keeps its date-dependent fields in `dated`, its hash of plan, input
 * and date-independent part in `body_hash`, and names in `base_run` the row that holds that
 * part when it is not stored again. Rows stored before keep nulls (their `evaluation` is whole).
 */
const evaluationRefs0010: Migration = {
  up: async (db) => {
    for (const column of ["dated", "base_run", "body_hash"]) await db.schema.alterTable("evaluations").addColumn(column, text).execute()
  },
  down: async (db) => {
    // every evaluation whole again (its dates put back, its referenced part copied) before the columns go
    for (let after: readonly [string, string, string] | null = null; ; ) {
      const cursor: readonly [string, string, string] | null = after
      const rows: Array<StoredRow & { region_code: string; elder_id: string; run_id: string }> = await db
        .selectFrom("evaluations as v")
        .leftJoin("evaluations as b", (j) => j.onRef("b.region_code", "=", "v.region_code").onRef("b.elder_id", "=", "v.elder_id").onRef("b.run_id", "=", "v.base_run"))
        .select(["v.region_code", "v.elder_id", "v.run_id", "v.evaluation", "v.dated", "v.base_run", "b.evaluation as base_evaluation"])
        .where("v.dated", "is not", null)
        .$if(cursor !== null, (q) => q.where((eb) => eb(eb.refTuple("v.region_code", "v.elder_id", "v.run_id"), ">", eb.tuple(cursor![0], cursor![1], cursor![2]))))
        .orderBy("v.region_code")
        .orderBy("v.elder_id")
        .orderBy("v.run_id")
        .limit(500)
        .execute()
      const whole = rows.map((r) => parseStored(r))
      for (let i = 0; i < rows.length; i++) {
        const r = rows[i]!
        // a reference whose row is gone stays empty: verify reports it either way
        if (whole[i] === undefined) continue
        await db.updateTable("evaluations").set({ evaluation: JSON.stringify(whole[i]) }).where("region_code", "=", r.region_code).where("elder_id", "=", r.elder_id).where("run_id", "=", r.run_id).execute()
      }
      if (rows.length < 500) break
      const last = rows[rows.length - 1]!
      after = [last.region_code, last.elder_id, last.run_id]
    }
    for (const column of ["body_hash", "base_run", "dated"]) await db.schema.alterTable("evaluations").dropColumn(column).execute()
  }
}

/**
 * Care services: one row per service an elder received (a service record of the case file, or a
 * service recorded at a visit), kept in step with the case file (`Service.received`);
 * partitioned by region on PostgreSQL like the other per-elder tables. Existing elders have none.
 */
const services0011 = (flags: DialectFlags): Migration => ({
  up: async (db) => {
    await table(db, "services", (t) =>
      elderKey(t)
        .addColumn("seq", int, (c) => c.notNull())
        .addColumn("source", text, (c) => c.notNull())
        .addColumn("source_index", int, (c) => c.notNull())
        .addColumn("date", text, (c) => c.notNull())
        .addColumn("kind", text, (c) => c.notNull())
        .addColumn("person_kind", text)
        .addColumn("person_id", text)
        .addColumn("program", text)
        .addColumn("organisation", text)
        .addPrimaryKeyConstraint("services_pk", ["region_code", "elder_id", "seq"])
    )
    await db.schema.createIndex("services_date").on("services").columns(["date", "region_code"]).execute()
    // partitioned by region on PostgreSQL like the other per-elder tables (0006_partitions)
    if (flags.name === "postgres") await partition(db, "services")
  },
  down: async (db) => {
    await db.schema.dropTable("services").execute()
  }
})

/**
 * The county due lists served in order by an index: a county's visits due (and assessments
 * due) come out of one index range — county code (the region code's first 6 digits), due date,
 * region, elder — so the query stops at its limit instead of sorting every due row of the county
 * (SQLite's plan had a temporary B-tree for the ORDER BY, PostgreSQL's a sort above the region
 * range). Expression indexes on both databases; on PostgreSQL created on the partitioned table,
 * so on every partition.
 */
const countyDue0012: Migration = {
  up: async (db) => {
    await sql`create index elder_status_county_visit_due on elder_status (substr(region_code, 1, 6), visit_due, region_code, elder_id)`.execute(db)
    await sql`create index elder_status_county_assessment_due on elder_status (substr(region_code, 1, 6), assessment_next_due, region_code, elder_id)`.execute(db)
  },
  down: async (db) => {
    await db.schema.dropIndex("elder_status_county_assessment_due").execute()
    await db.schema.dropIndex("elder_status_county_visit_due").execute()
  }
}

/**
 * The due lists without a lookup per row: the status row carries what a due list shows of its
 * elder — the name, and the elder's current input version and revision (a status is stale when
 * the version it was assessed from is not the elder's current one). Kept in step by a trigger
 * on `elders` (every write of a case file: import, edit, recorded visit, assignment) and by the
 * assessment, which writes them with the status (the higher revision wins, so an assessment
 * that read an elder before a change does not undo what the trigger wrote). Existing rows are
 * filled from `elders`.
 */
const dueList0013 = (flags: DialectFlags): Migration => ({
  up: async (db) => {
    for (const [column, type] of [["elder_name", text], ["elder_version", text], ["elder_revision", int]] as const) {
      await db.schema.alterTable("elder_status").addColumn(column, type).execute()
    }
    await sql`update elder_status set elder_name = e.name, elder_version = e.input_version, elder_revision = e.revision from elders e where e.region_code = elder_status.region_code and e.elder_id = elder_status.elder_id`.execute(db)
    // a status row with no elder behind it (an elder moved while an assessment that had read it
    // was writing) was hidden by the lists' join with elders; they now read the status rows alone
    await sql`delete from elder_status where not exists (select 1 from elders e where e.region_code = elder_status.region_code and e.elder_id = elder_status.elder_id)`.execute(db)
    const set = "elder_name = new.name, elder_version = new.input_version, elder_revision = new.revision"
    const key = "region_code = new.region_code and elder_id = new.elder_id"
    const changed = "old.name is not new.name or old.input_version is not new.input_version or old.revision is not new.revision"
    if (flags.triggers === "sqlite") {
      await sql.raw(`create trigger elders_due_list after update of name, input_version, revision on elders when ${changed} begin update elder_status set ${set} where ${key}; end`).execute(db)
    } else {
      await sql.raw(`create function elders_due_list() returns trigger language plpgsql as $$ begin update elder_status set ${set} where ${key}; return null; end $$`).execute(db)
      await sql
        .raw(`create trigger elders_due_list after update of name, input_version, revision on elders for each row when (${changed.replace(/ is not /g, " is distinct from ")}) execute function elders_due_list()`)
        .execute(db)
    }
  },
  down: async (db) => {
    if (flags.triggers === "sqlite") await sql.raw("drop trigger elders_due_list").execute(db)
    else {
      await sql.raw("drop trigger elders_due_list on elders").execute(db)
      await sql.raw("drop function elders_due_list()").execute(db)
    }
    for (const column of ["elder_revision", "elder_version", "elder_name"]) await db.schema.alterTable("elder_status").dropColumn(column).execute()
  }
})

/**
 * The ledger's migrations for a dialect, by name (applied in name order).
 *
 * @category constructors
 * @since 0.1.0
 */
export const migrations = (flags: DialectFlags): Record<string, Migration> => ({
  "0001_ledger": ledger0001(flags),
  "0002_reasons": reasons0002,
  "0003_identity": identity0003,
  "0004_tamper_evidence": auditChain0004(flags),
  "0005_assignments": assignments0005,
  "0006_partitions": partitions0006(flags),
  "0007_import_lock": importLock0007,
  "0008_compression": compression0008(flags),
  "0009_ledger_events": ledgerEvents0009(flags),
  "0010_evaluation_refs": evaluationRefs0010,
  "0011_services": services0011(flags),
  "0012_county_due": countyDue0012,
  "0013_due_list": dueList0013(flags)
})

/**
 * A ledger migration (the shape of Kysely's `Migration`).
 *
 * @category models
 * @since 0.2.0
 */
export interface Migration {
  readonly up: (db: Kysely<any>) => Promise<void>
  readonly down?: (db: Kysely<any>) => Promise<void>
}

/**
 * What a migration run did (the shape of Kysely's `MigrationResultSet`).
 *
 * @category models
 * @since 0.2.0
 */
export interface MigrationResultSet {
  readonly error?: unknown
  readonly results?: ReadonlyArray<{ readonly migrationName: string; readonly direction: "Up" | "Down"; readonly status: "Success" | "Error" | "NotExecuted" }>
}

/**
 * The part of Kysely's `Migrator` the ledger uses.
 *
 * @category models
 * @since 0.2.0
 */
export interface LedgerMigrator {
  readonly migrateToLatest: () => Promise<MigrationResultSet>
  readonly migrateUp: () => Promise<MigrationResultSet>
  readonly migrateDown: () => Promise<MigrationResultSet>
  /** a migration name, or Kysely's `NO_MIGRATIONS` */
  readonly migrateTo: (target: any) => Promise<MigrationResultSet>
}

interface MigrationModule {
  readonly Migrator: new (config: {
    readonly db: Kysely<any>
    readonly provider: { readonly getMigrations: () => Promise<Record<string, Migration>> }
    readonly migrationTableName: string
    readonly migrationLockTableName: string
    readonly disableTransactions?: boolean
  }) => LedgerMigrator
  readonly NO_MIGRATIONS: unknown
}

let migrationModule: Promise<MigrationModule> | undefined

/** Kysely's migration module: `kysely` itself (0.28) or `kysely/migration` (0.29 and later). */
const loadMigrationModule = (): Promise<MigrationModule> => {
  if (migrationModule === undefined) {
    const root = kysely as unknown as Record<string, unknown>
    if (typeof root["Migrator"] === "function") migrationModule = Promise.resolve(root as unknown as MigrationModule)
    else {
      const specifier = "kysely/migration"
      migrationModule = import(specifier) as Promise<MigrationModule>
    }
  }
  return migrationModule
}

/**
 * A Kysely `Migrator` over the ledger's migrations, from the application's Kysely.
 *
 * @category constructors
 * @since 0.1.0
 */
export const migrator = async (db: Kysely<any>, flags: DialectFlags, options: { readonly disableTransactions?: boolean } = {}): Promise<LedgerMigrator> => {
  const { Migrator } = await loadMigrationModule()
  return new Migrator({
    db,
    provider: { getMigrations: async () => migrations(flags) },
    migrationTableName: "liushou_migration",
    migrationLockTableName: "liushou_migration_lock",
    ...(options.disableTransactions === true ? { disableTransactions: true } : {})
  })
}

/** Whether every migration is recorded as applied (a read: it takes no lock). */
const upToDate = async (db: Kysely<any>, flags: DialectFlags): Promise<boolean> => {
  try {
    const rows = await db.selectFrom("liushou_migration").select("name").execute()
    const applied = new Set(rows.map((r) => r.name as string))
    return Object.keys(migrations(flags)).every((name) => applied.has(name))
  } catch {
    return false
  }
}

/** How long a SQLite migration waits for another process migrating the same file. */
const SQLITE_MIGRATION_WAIT_MS = 60_000

/**
 * Runs the migrator. PostgreSQL: Kysely's migrator holds an advisory lock inside one
 * transaction. SQLite: Kysely takes no lock across processes, so several processes opening a
 * fresh file would each start the same migrations; here the whole run is one `begin immediate`
 * transaction (SQLite's DDL is transactional): one process migrates, the others wait for it
 * and then find nothing left to do, and a crash leaves no half-migrated file.
 */
const run = async (db: Kysely<any>, flags: DialectFlags, go: (m: LedgerMigrator) => Promise<MigrationResultSet>): Promise<MigrationResultSet> => {
  if (flags.triggers !== "sqlite") return go(await migrator(db, flags))
  return db.connection().execute(async (conn) => {
    const deadline = Date.now() + SQLITE_MIGRATION_WAIT_MS
    for (let attempt = 0; ; attempt++) {
      try {
        await sql.raw("begin immediate").execute(conn)
        break
      } catch (e) {
        const code = (e as { code?: unknown }).code
        if (!(typeof code === "string" && code.startsWith("SQLITE_BUSY")) || Date.now() > deadline) throw e
        await new Promise((resolve) => setTimeout(resolve, Math.min(500, 10 * 2 ** attempt)))
      }
    }
    try {
      const result = await go(await migrator(conn, flags, { disableTransactions: true }))
      if (result.error !== undefined) await sql.raw("rollback").execute(conn)
      else await sql.raw("commit").execute(conn)
      return result
    } catch (e) {
      await sql.raw("rollback").execute(conn).catch(() => undefined)
      throw e
    }
  })
}

const check = (result: MigrationResultSet): ReadonlyArray<string> => {
  if (result.error !== undefined) {
    const failed = result.results?.find((r) => r.status === "Error")
    throw new MigrationError(failed?.migrationName, failed?.direction, result.error)
  }
  return (result.results ?? []).map((r) => `${r.migrationName} ${r.direction}`)
}

/**
 * Runs the migrations up to the latest; returns what ran (`0001_ledger Up`), throws a
 * `MigrationError` if one failed.
 *
 * **Example**
 * ```ts
 * import { Flags, Migrations } from "@liushou/storage"
 * await Migrations.migrateToLatest(db, Flags.sqlite)
 * ```
 *
 * @category constructors
 * @since 0.1.0
 */
export const migrateToLatest = async (db: Kysely<any>, flags: DialectFlags): Promise<ReadonlyArray<string>> =>
  (await upToDate(db, flags)) ? [] : check(await run(db, flags, (m) => m.migrateToLatest()))

/**
 * Undoes every migration (drops the ledger's tables); throws a `MigrationError` on failure.
 *
 * @category constructors
 * @since 0.1.0
 */
export const migrateDownAll = async (db: Kysely<any>, flags: DialectFlags): Promise<ReadonlyArray<string>> =>
  check(await run(db, flags, async (m) => m.migrateTo((await loadMigrationModule()).NO_MIGRATIONS)))
