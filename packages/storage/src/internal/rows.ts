import { type CaseFile, Service } from "@liushou/core"
import { CompiledQuery, type Kysely, sql } from "kysely"
import type { AssignmentsTable, DelegatedCarersTable, Database, EldersTable, LedgerEventsTable, RiskAssessmentsTable, ServicesTable, SupportersTable, VisitsTable } from "../Tables.js"
import { chunks } from "./tx.js"
import type { DialectFlags } from "../Flags.js"

export interface ChildRows {
  supporters: Array<SupportersTable>
  carers: Array<DelegatedCarersTable>
  visits: Array<VisitsTable>
  risks: Array<RiskAssessmentsTable>
  assignments: Array<AssignmentsTable>
  ledgerEvents: Array<LedgerEventsTable>
  services: Array<ServicesTable>
}

export const emptyChildren = (): ChildRows => ({ supporters: [], carers: [], visits: [], risks: [], assignments: [], ledgerEvents: [], services: [] })

export const elderRow = (
  cf: CaseFile.CaseFile,
  canonical: string,
  version: string,
  revision: number,
  importId: string | null,
  at: string
): EldersTable => ({
  region_code: cf.elder.regionCode,
  elder_id: cf.elder.id,
  name: cf.elder.name,
  id_number: cf.elder.idNumber ?? null,
  phone: cf.elder.phone ?? null,
  sex: cf.elder.sex,
  birth_date: cf.elder.birthDate,
  case_file: canonical,
  input_version: version,
  revision,
  import_id: importId,
  updated_at: at
})

/**
 * Adds the child rows of a case file; `recorded` carries visit metadata over from earlier rows.
 * `current`: rows for the latest schema (visits with `visitor_id`, assignments, ledger events);
 * a migration before `0005_assignments` passes nothing and gets the rows of its own schema.
 */
export const addChildren = (
  into: ChildRows,
  cf: CaseFile.CaseFile,
  recorded: ReadonlyArray<{ readonly key: string; readonly meta: { readonly recorded_by: string | null; readonly recorded_at: string | null } }> | undefined,
  current = false
): void => {
  const unused = recorded === undefined ? undefined : [...recorded]
  const region_code = cf.elder.regionCode
  const elder_id = cf.elder.id
  cf.supporters.forEach((s, position) =>
    into.supporters.push({
      region_code,
      elder_id,
      position,
      supporter_id: s.id,
      relation: s.relation,
      whereabouts: s.whereabouts,
      away_since: s.awaySince,
      reported_to_village: s.reportedToVillage ? 1 : 0,
      last_contact: s.lastContact,
      name: s.name ?? null,
      phone: s.phone ?? null
    })
  )
  if (cf.delegatedCarer !== null) {
    const c = cf.delegatedCarer
    into.carers.push({ region_code, elder_id, name: c.name, relation: c.relation, since: c.since, phone: c.phone ?? null })
  }
  cf.visits.forEach((v, seq) => {
    const concerns = JSON.stringify(v.concerns)
    const k = visitKey(v.date, v.mode, v.by, concerns)
    const at = unused === undefined ? -1 : unused.findIndex((r) => r.key === k)
    const meta = at < 0 ? undefined : unused!.splice(at, 1)[0]!.meta
    const row = {
      region_code,
      elder_id,
      seq,
      date: v.date,
      mode: v.mode,
      visitor: v.by,
      concerns,
      recorded_by: meta?.recorded_by ?? null,
      recorded_at: meta?.recorded_at ?? null
    }
    into.visits.push(current ? { ...row, visitor_id: v.visitorId ?? null } : (row as VisitsTable))
  })
  cf.riskAssessments.forEach((r, seq) => into.risks.push({ region_code, elder_id, seq, date: r.date, level: r.level }))
  if (current) for (const a of cf.assignments ?? []) into.assignments.push(assignmentRow(region_code, elder_id, a))
  if (current) (cf.ledgerEvents ?? []).forEach((e, seq) => into.ledgerEvents.push(ledgerEventRow(region_code, elder_id, seq, e)))
  if (current) into.services.push(...serviceRows(region_code, elder_id, cf))
}

/** The service rows of a case file: every service received (`Service.received`), numbered in its order. */
export const serviceRows = (region_code: string, elder_id: string, cf: CaseFile.CaseFile): Array<ServicesTable> =>
  Service.received(cf).map((s, seq) => ({
    region_code,
    elder_id,
    seq,
    source: s.source,
    source_index: s.index,
    date: s.date,
    kind: s.kind,
    person_kind: s.personKind,
    person_id: s.personId,
    program: s.program,
    organisation: s.organisation
  }))

export const ledgerEventRow = (region_code: string, elder_id: string, seq: number, e: CaseFile.LedgerEvent): LedgerEventsTable => ({
  region_code,
  elder_id,
  seq,
  date: e.date,
  event: e.event,
  reason: e.reason
})

export const assignmentRow = (region_code: string, elder_id: string, a: CaseFile.Assignment): AssignmentsTable => ({
  region_code,
  elder_id,
  assignment_id: a.id,
  role: a.role,
  person_id: a.personId,
  person_kind: a.personKind,
  from_date: a.from,
  until_date: a.until
})

/** A visit's identity for carrying over who recorded it: its fields (not its position). */
export const visitKey = (date: string, mode: string, by: string, concerns: string): string => `${date}|${mode}|${by}|${concerns}`

export const CHILD_TABLES = ["supporters", "delegated_carers", "visits", "risk_assessments", "assignments", "ledger_events", "services"] as const

/** what an insert does when a row's key is already stored */
export interface OnConflict {
  readonly columns: ReadonlyArray<string>
  /** columns set from the new row (`excluded`); none: `do nothing` */
  readonly update?: ReadonlyArray<string>
  /** a condition on the update, in SQL over `excluded` and the table (trusted text, never user input) */
  readonly where?: string
  /** columns set by an expression over `excluded` and the table (`$table`; trusted text, never user input) */
  readonly set?: Readonly<Record<string, string>>
}

const assignments = (table: string, c: OnConflict): Array<[string, string]> => [
  ...(c.update ?? []).map((k): [string, string] => [k, `excluded.${quote(k)}`]),
  ...Object.entries(c.set ?? {}).map(([k, e]): [string, string] => [k, e.replace(/\$table\b/g, quote(table))])
]

const conflictSql = (table: string, c: OnConflict | undefined): string => {
  if (c === undefined) return ""
  const target = `on conflict (${c.columns.map(quote).join(", ")})`
  const set = assignments(table, c)
  if (set.length === 0) return ` ${target} do nothing`
  return ` ${target} do update set ${set.map(([k, e]) => `${quote(k)} = ${e}`).join(", ")}${c.where !== undefined ? ` where ${c.where.replace(/\$table\b/g, quote(table))}` : ""}`
}

const quote = (name: string): string => {
  if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`not a plain SQL name: ${name}`)
  return `"${name}"`
}

/** JSON text of rows, each as an array of its column values in `columns` order */
const rowsJson = (rows: ReadonlyArray<object>, columns: ReadonlyArray<string>): string => {
  const out: Array<ReadonlyArray<unknown>> = new Array(rows.length)
  for (let i = 0; i < rows.length; i++) {
    const r = rows[i] as Record<string, unknown>
    const v: Array<unknown> = new Array(columns.length)
    for (let j = 0; j < columns.length; j++) v[j] = r[columns[j]!] ?? null
    out[i] = v
  }
  return JSON.stringify(out)
}

/** rows per bulk statement: a statement's JSON parameter stays within a few megabytes */
const BULK_ROWS = 5000

/** rows per statement with bound values (fewer when the columns would pass `maxParameters`) */
const BOUND_ROWS = 1000

/** whether a dialect numbers its placeholders (`$1`, PostgreSQL) or writes `?` (SQLite), from the SQL Kysely compiles */
const numbered = new WeakMap<object, boolean>()

const numbersPlaceholders = (db: Kysely<Database>): boolean => {
  const adapter = db.getExecutor().adapter
  let n = numbered.get(adapter)
  if (n === undefined) {
    n = sql`select ${1}`.compile(db).sql.includes("$1")
    numbered.set(adapter, n)
  }
  return n
}

/** the text of a multi-row insert of `rows` rows with bound values, by table, columns, row count and conflict */
const boundText = new Map<string, string>()

const boundInsert = (table: string, columns: ReadonlyArray<string>, rows: number, numbers: boolean, onConflict: OnConflict | undefined): string => {
  const key = `${numbers ? "$" : "?"}|${table}|${columns.join(",")}|${rows}|${onConflict === undefined ? "" : JSON.stringify(onConflict)}`
  let text = boundText.get(key)
  if (text === undefined) {
    const tuples: Array<string> = new Array(rows)
    let p = 1
    for (let i = 0; i < rows; i++) {
      const marks: Array<string> = new Array(columns.length)
      for (let j = 0; j < columns.length; j++) marks[j] = numbers ? `$${p++}` : "?"
      tuples[i] = `(${marks.join(",")})`
    }
    text = `insert into ${quote(table)} (${columns.map(quote).join(", ")}) values ${tuples.join(",")}${conflictSql(table, onConflict)}`
    // a few hundred texts at most (tables × row counts of the last chunks); bounded all the same
    if (boundText.size >= 512) boundText.clear()
    boundText.set(key, text)
  }
  return text
}

/** rows per `unnest` statement: a batch of the import or assessment in one statement */
const UNNEST_ROWS = 5000

/** a control character or a UTF-16 surrogate: text whose JSON string is not its array element */
const NOT_PLAIN = /[\u0000-\u001f\ud800-\udfff]/

/**
 * A PostgreSQL array parameter, written as its text literal by the driver (`toPostgres`). Each
 * text element is double-quoted with `"` and `\` escaped by a backslash: for text without
 * control characters or surrogates that is exactly its JSON string, which the native JSON
 * writer makes about ten times faster than the driver's own escaping (two regular expression
 * replacements per element, most of the client's time for rows holding JSON documents).
 */
export class PgArray {
  constructor(readonly values: ReadonlyArray<unknown>) {}

  toPostgres(): string {
    const parts: Array<string> = new Array(this.values.length)
    for (let i = 0; i < this.values.length; i++) parts[i] = element(this.values[i])
    return `{${parts.join(",")}}`
  }
}

const element = (v: unknown): string => {
  if (v === null || v === undefined) return "NULL"
  const text = typeof v === "string" ? v : String(v)
  if (!NOT_PLAIN.test(text)) return JSON.stringify(text)
  return `"${text.split("\\").join("\\\\").split('"').join('\\"')}"`
}

/** the SQL types of a table's columns (PostgreSQL's catalog), by database adapter and table */
const typesOf = new WeakMap<object, Map<string, Promise<ReadonlyMap<string, string>>>>()

const columnTypes = (db: Kysely<Database>, table: string, fresh = false): Promise<ReadonlyMap<string, string>> => {
  const adapter = db.getExecutor().adapter
  let byTable = typesOf.get(adapter)
  if (byTable === undefined) typesOf.set(adapter, (byTable = new Map()))
  let types = fresh ? undefined : byTable.get(table)
  if (types === undefined) {
    // the type without its length or precision (`character varying`, not `character varying(12)`):
    // an explicit cast to a limited type cuts a longer text short without a word, where the
    // insert's own assignment refuses it; `character` without a length would mean one character
    types = sql<{ name: string; type: string }>`select attname as name, case when atttypid = 'bpchar'::regtype then 'bpchar' else format_type(atttypid, null) end as type from pg_attribute where attrelid = ${quote(table)}::regclass and attnum > 0 and not attisdropped`
      .execute(db)
      .then((r) => new Map(r.rows.map((c) => [c.name, c.type])))
    // a failed lookup (no such table yet) is not kept
    types.catch(() => byTable!.delete(table))
    byTable.set(table, types)
  }
  return types
}

/**
 * Inserts many rows in as few statements as the dialect allows (see `DialectFlags.bulkInsert`):
 * on SQLite and PostgreSQL a multi-row `insert ... values` with bound values, its text written
 * here once per table and row count (`parameters`); with `json_populate_recordset` or `json_each`
 * one JSON parameter per 5,000 rows; elsewhere multi-row `values` built by Kysely. Every row must
 * have the same columns (those of the first row).
 */
export const bulkInsert = async <T extends keyof Database & string>(
  db: Kysely<Database>,
  flags: DialectFlags,
  table: T,
  rows: ReadonlyArray<Database[T]>,
  onConflict?: OnConflict
): Promise<void> => {
  if (rows.length === 0) return
  const mode = flags.bulkInsert ?? "values"
  const columns = Object.keys(rows[0] as object)
  if (mode === "parameters") {
    // the statement's text is written here (no query builder on the hot path) and kept per row
    // count; the values go as bound parameters, with no JSON text to write and parse again
    const numbers = numbersPlaceholders(db)
    const size = Math.max(1, Math.min(BOUND_ROWS, Math.floor(flags.maxParameters / columns.length)))
    for (let i = 0; i < rows.length; i += size) {
      const n = Math.min(size, rows.length - i)
      const params: Array<unknown> = new Array(n * columns.length)
      let k = 0
      for (let r = i; r < i + n; r++) {
        const row = rows[r] as unknown as Record<string, unknown>
        for (let j = 0; j < columns.length; j++) params[k++] = row[columns[j]!] ?? null
      }
      await db.executeQuery(CompiledQuery.raw(boundInsert(table, columns, n, numbers, onConflict), params))
    }
    return
  }
  if (mode === "unnest") {
    // one statement per batch: each column as one array parameter, typed by the table's own
    // column types; the server parses a few array literals instead of binding thousands of values
    let types = await columnTypes(db, table)
    // a column added since the types were read (a migration in the same process): read again
    if (columns.some((c) => !types.has(c))) types = await columnTypes(db, table, true)
    const casts = columns.map((c, j) => {
      const t = types.get(c)
      if (t === undefined) throw new Error(`bulk insert: no column ${c} in ${table}`)
      return `$${j + 1}::${t}[]`
    })
    const text = `insert into ${quote(table)} (${columns.map(quote).join(", ")}) select * from unnest(${casts.join(", ")})${conflictSql(table, onConflict)}`
    for (let i = 0; i < rows.length; i += UNNEST_ROWS) {
      const n = Math.min(UNNEST_ROWS, rows.length - i)
      const arrays: Array<PgArray> = new Array(columns.length)
      for (let j = 0; j < columns.length; j++) {
        const column = columns[j]!
        const values: Array<unknown> = new Array(n)
        for (let r = 0; r < n; r++) values[r] = (rows[i + r] as unknown as Record<string, unknown>)[column]
        arrays[j] = new PgArray(values)
      }
      await db.executeQuery(CompiledQuery.raw(text, arrays))
    }
    return
  }
  if (mode === "values") {
    for (const chunk of chunks(rows as ReadonlyArray<object>, flags)) {
      await db
        .insertInto(table)
        .values(chunk as never)
        .$call((q) => (onConflict === undefined ? q : q.onConflict((oc) => {
          const target = oc.columns(onConflict.columns as never)
          const assigned = assignments(table, onConflict)
          if (assigned.length === 0) return target.doNothing()
          const set = target.doUpdateSet(Object.fromEntries(assigned.map(([k, e]) => [k, sql.raw(e)])) as never)
          return onConflict.where === undefined ? set : set.where(sql.raw(onConflict.where.replace(/\$table\b/g, quote(table))) as never)
        })))
        .execute()
    }
    return
  }
  const cols = columns.map(quote).join(", ")
  const conflict = conflictSql(table, onConflict)
  for (let i = 0; i < rows.length; i += BULK_ROWS) {
    const chunk = (rows as ReadonlyArray<object>).slice(i, i + BULK_ROWS)
    if (mode === "json_each") {
      // `where true` keeps SQLite from reading `on conflict` as part of the select
      const select = columns.map((_, j) => `value ->> ${j}`).join(", ")
      await sql`${sql.raw(`insert into ${quote(table)} (${cols}) select ${select} from json_each(`)}${rowsJson(chunk, columns)}${sql.raw(`) where true${conflict}`)}`.execute(db)
    } else {
      // the table's own row type types every column
      await sql`${sql.raw(`insert into ${quote(table)} (${cols}) select ${cols} from json_populate_recordset(null::${quote(table)}, `)}${JSON.stringify(chunk)}${sql.raw(`::json)${conflict}`)}`.execute(db)
    }
  }
}
