import { type CalendarDate, type CaseFile, type Engine, type Evaluation, hash64 } from "@liushou/core"
import type { Context } from "./context.js"
import type { AssessOptions, AssessResult, EvaluationKey, ReplayReport, ReplayResult } from "./types/assessment.js"
import { type Kysely, sql } from "kysely"
import type { Database, ElderStatusTable, EvaluationFailuresTable, EvaluationsTable, ParameterSetsTable, ReasonsTable } from "../Tables.js"
import { appendAudit } from "./audit.js"
import { evaluationLine, setDigest } from "./chain.js"
import { canonicalJson, differences } from "./json.js"
import { bulkInsert } from "./rows.js"
import { elderKey, int, LedgerInputError, refreshStatistics, regionRange, STATISTICS_AFTER, writeTransaction } from "./tx.js"

const minDate = (a: string | null | undefined, b: string | null | undefined): string | null =>
  a == null ? (b ?? null) : b == null ? a : a <= b ? a : b

/** the part of a status row an evaluation gives (the rest is the elder as the due lists show it) */
type EvaluatedStatus = Omit<ElderStatusTable, "elder_name" | "elder_version" | "elder_revision">

/**
 * The status row of an evaluation. An elder out of the active ledger at the as-of date (the
 * upkeep rule says `exited`) keeps the row, with `exited_on` set and nothing due, so that
 * due lists and worklists leave the elder out while the history stays.
 */
export const statusRow = (e: Evaluation.Evaluation, runId: string): EvaluatedStatus => (e.upkeep?.status === "exited" ? exitedRow(e, runId) : activeRow(e, runId))

const exitedRow = (e: Evaluation.Evaluation, runId: string): EvaluatedStatus => ({
  ...activeRow(e, runId),
  assessment_next_due: null,
  assessment_overdue: 0,
  visit_next_due: null,
  visit_extra_due: null,
  visit_due: null,
  exited_on: e.upkeep!.ledger.since
})

const activeRow = (e: Evaluation.Evaluation, runId: string): EvaluatedStatus => ({
  region_code: e.regionCode,
  elder_id: e.elderId,
  run_id: runId,
  as_of: e.asOf,
  input_version: e.provenance.inputVersion,
  policy_id: `${e.policy.id}@${e.policy.version}`,
  left_behind: int(e.leftBehind.value),
  priority: int(e.priority.value),
  unmet_duties: e.duties.filter((d) => d.status === "unmet").length,
  risk_level: e.risk?.level ?? null,
  assessment_next_due: e.risk?.nextAssessmentDue ?? null,
  assessment_overdue: e.risk?.assessmentOverdue === true ? 1 : 0,
  visit_window: e.visits?.window ?? null,
  visit_next_due: e.visits?.nextDue ?? null,
  visit_extra_due: e.visits?.extraVisitDue ?? null,
  visit_due: minDate(e.visits?.nextDue, e.visits?.extraVisitDue),
  exited_on: null
})

/**
 * The parameter set rows of parameter lists already seen: a plan shares one list object per
 * policy and village, so the canonical JSON and its hash are computed once per list, not per elder.
 */
const setRows = new WeakMap<ReadonlyArray<unknown>, ParameterSetsTable>()

const parameterSet = (parameters: ReadonlyArray<unknown>): ParameterSetsTable => {
  let row = setRows.get(parameters)
  if (row === undefined) {
    const text = canonicalJson(parameters)
    row = { set_hash: hash64(text), parameters: text }
    setRows.set(parameters, row)
  }
  return row
}

/**
 * The `reasons` rows of reason objects already seen: a plan builds its reasons once and every
 * evaluation shares them, so each is serialised and hashed once per process, not per elder.
 */
const reasonRows = new WeakMap<object, ReasonsTable>()

const reasonRow = (reason: object): ReasonsTable => {
  let row = reasonRows.get(reason)
  if (row === undefined) {
    row = { reason_hash: hash64(canonicalJson(reason)), reason: JSON.stringify(reason) }
    reasonRows.set(reason, row)
  }
  return row
}

/**
 * The date-dependent fields of an evaluation, by path: what changes from one as-of date to the
 * next for an elder whose case file and policy stay the same (the as-of dates, the selection
 * decision that names its date, the recheck, visit and assessment dates and overdue flags).
 * Everything else is the evaluation's date-independent part.
 */
const DATED: ReadonlyArray<ReadonlyArray<string>> = [
  ["asOf"],
  ["selection"],
  ["provenance", "asOf"],
  ["upkeep", "recheckDue"],
  ["visits", "overdue"],
  ["visits", "nextDue"],
  ["visits", "extraVisitDue"],
  ["risk", "assessmentOverdue"],
  ["risk", "nextAssessmentDue"]
]

const isRecord = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === "object" && !Array.isArray(v)

/** the dated fields by parent: "" for the evaluation itself, else its member of that name */
const DATED_BY_PARENT: ReadonlyMap<string, ReadonlyMap<string, number>> = (() => {
  const out = new Map<string, Map<string, number>>()
  DATED.forEach((path, i) => {
    const parent = path.length === 1 ? "" : path[0]!
    let m = out.get(parent)
    if (m === undefined) out.set(parent, (m = new Map()))
    m.set(path[path.length - 1]!, i)
  })
  return out
})()
const DATED_TOP = DATED_BY_PARENT.get("")!
const DATED_KEYS = DATED.map((p) => p.join("."))

/** puts date-dependent fields (by path) back into a parsed evaluation */
const putDated = (o: Record<string, unknown>, dated: Record<string, unknown>): void => {
  for (const [key, value] of Object.entries(dated)) {
    const path = key.split(".")
    let parent: unknown = o
    for (let i = 0; i < path.length - 1 && isRecord(parent); i++) parent = parent[path[i]!]
    if (isRecord(parent)) parent[path[path.length - 1]!] = value
  }
}

/** the JSON text of a plan's chain, by chain: a plan shares one chain between its evaluations */
const chainTexts = new WeakMap<object, string>()

const chainText = (chain: unknown): string => {
  if (chain === null || typeof chain !== "object") return JSON.stringify(chain)
  let text = chainTexts.get(chain)
  if (text === undefined) {
    text = JSON.stringify(chain)
    chainTexts.set(chain, text)
  }
  return text
}

/**
 * The evaluation as stored: without `provenance.parameters` (stored once per distinct set),
 * with each reason of a `reasons` list replaced by its key (stored once in `reasons`), and split
 * into its date-independent part (`body`) and its date-dependent fields (`dated`, JSON by path).
 * `bodyHash` covers the plan (policy, chain, parameters, core), the input version, the paths
 * present in `dated` and the body: equal hashes mean the same evaluation but for its dates.
 * `reasons` collects the reason rows this evaluation refers to.
 *
 * One walk copies the evaluation with the reasons as keys and leaves the parameters and the
 * dated fields out of the copy (collected on the side, in `DATED` order), then the native
 * serialiser writes the body: no key is deleted afterwards (a deleted key turns an object into
 * a slow dictionary) and no replacer function is called back for every key.
 */
const split = (
  e: Evaluation.Evaluation,
  reasons: Map<string, ReasonsTable>
): { body: string; dated: string; bodyHash: string; chain: string; set: ParameterSetsTable } => {
  const set = parameterSet(e.provenance.parameters)
  const slots: Array<unknown> = new Array(DATED.length)
  const body: Record<string, unknown> = {}
  const source = e as unknown as Record<string, unknown>
  for (const k in source) {
    const x = source[k]
    if (x === undefined || typeof x === "function") continue
    const at = DATED_TOP.get(k)
    if (at !== undefined) {
      slots[at] = member(k, x, reasons)
      continue
    }
    const inner = DATED_BY_PARENT.get(k)
    if (inner !== undefined && isRecord(x)) {
      const out: Record<string, unknown> = {}
      for (const j in x) {
        const y = x[j]
        if (y === undefined || typeof y === "function" || (k === "provenance" && j === "parameters")) continue
        const slot = inner.get(j)
        if (slot !== undefined) slots[slot] = member(j, y, reasons)
        else out[j] = member(j, y, reasons)
      }
      body[k] = out
    } else body[k] = member(k, x, reasons)
  }
  const datedFields: Record<string, unknown> = {}
  const present: Array<string> = []
  for (let i = 0; i < slots.length; i++) {
    if (slots[i] === undefined) continue
    datedFields[DATED_KEYS[i]!] = slots[i]
    present.push(DATED_KEYS[i]!)
  }
  const text = JSON.stringify(body)
  const p = e.provenance
  const chain = chainText(p.chain)
  // hash64 of `${policy}|${chain}|${parameters hash}|${set}|${core}|${input version}|${dated paths}\n${body}`,
  // fed in parts (the plan's part once per plan) instead of building and flattening that text
  const h = planHash(`${p.policy.id}@${p.policy.version}|${chain}|${p.parametersHash}|${set.set_hash}|${p.coreVersion}|`).copy()
  const bodyHash = h.add(p.inputVersion).add("|").add(present.join(",")).add("\n").add(text).value()
  return { body: text, dated: JSON.stringify(datedFields), bodyHash, chain, set }
}

/**
 * core's `hash64`, fed a text in parts: `new Hash64().add(a).add(b).value() === hash64(a + b)`
 * (a test holds the two together).
 */
export class Hash64 {
  constructor(
    private h1 = 0xdeadbeef | 0,
    private h2 = 0x41c6ce57
  ) {}

  add(text: string): this {
    let h1 = this.h1
    let h2 = this.h2
    for (let i = 0; i < text.length; i++) {
      const ch = text.charCodeAt(i)
      h1 = Math.imul(h1 ^ ch, -1640531535)
      h2 = Math.imul(h2 ^ ch, 1597334677)
    }
    this.h1 = h1
    this.h2 = h2
    return this
  }

  copy(): Hash64 {
    return new Hash64(this.h1, this.h2)
  }

  value(): string {
    let h1 = this.h1
    let h2 = this.h2
    h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507)
    h1 ^= Math.imul(h2 ^ (h2 >>> 13), 3266489909)
    h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507)
    h2 ^= Math.imul(h1 ^ (h1 >>> 13), 3266489909)
    return (h2 >>> 0).toString(16).padStart(8, "0") + (h1 >>> 0).toString(16).padStart(8, "0")
  }
}

/** the hash state after a plan's part of the body hash input, by that text (a few plans at a time) */
const planHashes = new Map<string, Hash64>()

const planHash = (text: string): Hash64 => {
  let h = planHashes.get(text)
  if (h === undefined) {
    h = new Hash64().add(text)
    if (planHashes.size >= 64) planHashes.clear()
    planHashes.set(text, h)
  }
  return h
}

/** a member of an object as stored: a `reasons` list as its keys, anything else stripped */
const member = (k: string, x: unknown, reasons: Map<string, ReasonsTable>): unknown => (k === "reasons" && Array.isArray(x) ? reasonKeyList(x, reasons) : strip(x, reasons))

/** the keys of a list of reasons and their rows, by list: a plan shares its reason lists between elders */
const keyLists = new WeakMap<ReadonlyArray<unknown>, { readonly keys: ReadonlyArray<unknown>; readonly rows: ReadonlyArray<ReasonsTable> }>()

const reasonKeyList = (list: ReadonlyArray<unknown>, reasons: Map<string, ReasonsTable>): ReadonlyArray<unknown> => {
  let known = keyLists.get(list)
  if (known === undefined) {
    const keys: Array<unknown> = new Array(list.length)
    const rows: Array<ReasonsTable> = []
    for (let i = 0; i < list.length; i++) {
      const reason: unknown = list[i]
      if (reason !== null && typeof reason === "object") {
        const row = reasonRow(reason)
        keys[i] = row.reason_hash
        rows.push(row)
      } else keys[i] = reason
    }
    known = { keys, rows }
    keyLists.set(list, known)
  }
  // the batch's reason rows: each list adds its rows once per batch
  for (const row of known.rows) if (!reasons.has(row.reason_hash)) reasons.set(row.reason_hash, row)
  return known.keys
}

/** a copy of a JSON value with every `reasons` list replaced by its reason keys (undefined members dropped, as JSON.stringify does) */
const strip = (v: unknown, reasons: Map<string, ReasonsTable>): unknown => {
  if (v === null || typeof v !== "object") return v
  if (Array.isArray(v)) {
    const out: Array<unknown> = new Array(v.length)
    for (let i = 0; i < v.length; i++) out[i] = strip(v[i], reasons)
    return out
  }
  const out: Record<string, unknown> = {}
  for (const k in v as Record<string, unknown>) {
    const x = (v as Record<string, unknown>)[k]
    if (x === undefined || typeof x === "function") continue
    out[k] = member(k, x, reasons)
  }
  return out
}

/** The reason keys a stored evaluation refers to (strings in `reasons` lists). */
const reasonKeys = (value: unknown, into: Set<string>): void => {
  if (value === null || typeof value !== "object") return
  if (Array.isArray(value)) {
    for (const v of value) reasonKeys(v, into)
    return
  }
  for (const [k, v] of Object.entries(value)) {
    if (k === "reasons" && Array.isArray(v)) {
      for (const r of v) if (typeof r === "string") into.add(r)
    } else reasonKeys(v, into)
  }
}

/** Puts the reasons back in place of their keys. */
const expand = (value: unknown, reasons: ReadonlyMap<string, unknown>): unknown => {
  if (value === null || typeof value !== "object") return value
  if (Array.isArray(value)) return value.map((v) => expand(v, reasons))
  const out: Record<string, unknown> = {}
  for (const [k, v] of Object.entries(value)) {
    out[k] = k === "reasons" && Array.isArray(v) ? v.map((r) => (typeof r === "string" ? (reasons.get(r) ?? r) : r)) : expand(v, reasons)
  }
  return out
}

/** A reader of the `reasons` table that remembers what it has read. */
export const reasonReader = (db: Kysely<Database>) => {
  const known = new Map<string, unknown>()
  return async (parsed: ReadonlyArray<unknown>): Promise<ReadonlyMap<string, unknown>> => {
    const wanted = new Set<string>()
    for (const p of parsed) reasonKeys(p, wanted)
    const missing = [...wanted].filter((k) => !known.has(k))
    for (let i = 0; i < missing.length; i += 500) {
      const rows = await db.selectFrom("reasons").select(["reason_hash", "reason"]).where("reason_hash", "in", missing.slice(i, i + 500)).execute()
      for (const r of rows) known.set(r.reason_hash, JSON.parse(r.reason))
    }
    return known
  }
}

/** A stored evaluation row as read: its own text, its dated fields, and the text of the row it references (if any). */
export interface StoredRow {
  readonly evaluation: string
  readonly dated: string | null
  readonly base_run: string | null
  readonly base_evaluation: string | null
}

/**
 * The stored evaluation of a row, parsed (reasons still as keys): the date-independent part from
 * the row itself or from the row it references, with its own date-dependent fields put back;
 * undefined when the referenced row is not stored.
 */
export const parseStored = (row: StoredRow): unknown => {
  const text = row.base_run === null ? row.evaluation : row.base_evaluation
  if (text === null || text === undefined) return undefined
  const o = JSON.parse(text) as unknown
  if (row.dated !== null && isRecord(o)) putDated(o, JSON.parse(row.dated) as Record<string, unknown>)
  return o
}

/**
 * The parameter lists of stored parameter sets, parsed once by text: the evaluations restored
 * from one set share its list, as the evaluations of one plan do when they are made (a report
 * over a county of 55,000 elders held 55,000 parsed copies of a few lists). A few sets are in
 * use at a time; the memo is emptied when it holds more.
 */
const parsedSets = new Map<string, unknown>()

const parsedParameters = (text: string): unknown => {
  let parsed = parsedSets.get(text)
  if (parsed === undefined) {
    parsed = JSON.parse(text) as unknown
    if (parsedSets.size >= 32) parsedSets.clear()
    parsedSets.set(text, parsed)
  }
  return parsed
}

/** Restores a stored evaluation (its reasons from `reasons`, read with `reasonReader`). */
export const restore = (evaluation: unknown, parameters: string, reasons: ReadonlyMap<string, unknown>): Evaluation.Evaluation => {
  const e = expand(evaluation, reasons) as Evaluation.Evaluation
  return { ...e, provenance: { ...e.provenance, parameters: parsedParameters(parameters) as Evaluation.Evaluation["provenance"]["parameters"] } }
}

/**
 * The rows of other runs that reference this run's rows of the given elders get their own copy
 * of the date-independent part (the referenced rows are about to be replaced). Their body hash
 * and dates stay, so their run's digest does not change.
 */
const materialise = async (trx: Kysely<Database>, runId: string, keys: ReadonlyArray<readonly [string, string]>): Promise<void> => {
  const refs = await trx
    .selectFrom("evaluations as v")
    .innerJoin("evaluations as b", (j) => j.onRef("b.region_code", "=", "v.region_code").onRef("b.elder_id", "=", "v.elder_id").onRef("b.run_id", "=", "v.base_run"))
    .select(["v.region_code", "v.elder_id", "v.run_id", "b.evaluation"])
    .where("v.base_run", "=", runId)
    .where("b.run_id", "=", runId)
    .where((eb) => eb(eb.refTuple("v.region_code", "v.elder_id"), "in", keys.map(([a, b]) => eb.tuple(a, b))))
    .execute()
  for (const r of refs) {
    await trx.updateTable("evaluations").set({ evaluation: r.evaluation, base_run: null }).where("region_code", "=", r.region_code).where("elder_id", "=", r.elder_id).where("run_id", "=", r.run_id).execute()
  }
}

/** Refuses a run id that exists with another as-of date or region (what `assess` would refuse). */
export const checkRun = async (ctx: Context, runId: string, asOf: CalendarDate.CalendarDate, region: string | undefined): Promise<void> => {
  const existing = await ctx.db.selectFrom("assessment_runs").select(["as_of", "region_scope"]).where("run_id", "=", runId).executeTakeFirst()
  if (existing !== undefined && (existing.as_of !== asOf || existing.region_scope !== (region ?? ""))) {
    throw new LedgerInputError(
      `assessment run ${runId} exists with as-of ${existing.as_of} and region ${existing.region_scope || "(all)"}`,
      `评估批次 ${runId} 已存在（评估日期 ${existing.as_of}，区划 ${existing.region_scope || "全部"}）`
    )
  }
}

export const assess = async (ctx: Context, engine: Engine.Engine, asOf: CalendarDate.CalendarDate, options: AssessOptions): Promise<AssessResult> => {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(asOf)) throw new LedgerInputError(`asOf must be a date YYYY-MM-DD, got ${JSON.stringify(asOf)}`, `评估日期须为 YYYY-MM-DD，实际为 ${JSON.stringify(asOf)}`)
  const [lo, hi] = regionRange(options.region)
  const runId = options.runId ?? `${asOf}@${options.region ?? "all"}`
  const actor = options.actor ?? "system"
  const at = options.at ?? ctx.now()
  const batchSize = Math.max(1, options.batchSize ?? 500)
  await checkRun(ctx, runId, asOf, options.region)
  // in a write transaction (retried when busy), as every write of a run: workers of one run
  // start and finish while others hold the write lock
  await writeTransaction(ctx.db, ctx.flags, (trx) =>
    trx
      .insertInto("assessment_runs")
      .values({ run_id: runId, as_of: asOf, region_scope: options.region ?? "", actor, started_at: at, finished_at: null, status: "running", evaluated: 0, skipped: 0, failed: 0 })
      .onConflict((oc) => oc.column("run_id").doNothing())
      .execute()
  )
  const counts = { evaluated: 0, skipped: 0, failed: 0, referenced: 0 }
  // reasons and parameter sets committed by this call: later batches need not write them again
  const written = new Set<string>()
  const claim = options.claim === true
  type Row = {
    region_code: string
    elder_id: string
    case_file: string
    input_version: string
    revision: number | string
    name: string
    done_version: string | null
    failed_version: string | null
    /** the elder's last stored evaluation (the one its status names): its body hash, a space, and the run holding its body */
    previous: string | null
  }
  // A page reads one span of region codes at most one province wide (PostgreSQL's partitions,
  // see Migrations.PARTITIONED_TABLES), every table of the query limited to the span: each page
  // is planned for one partition per table, not all of them (planning a query over every
  // partition of three tables took longer than running it, and its cost estimate switched on
  // the JIT compiler for every page).
  const spanEnd = (from: string): string => {
    const end = `${from.slice(0, 2)}9999999999`
    return end < hi ? end : hi
  }
  /** the span after one: from the next region code stored (empty provinces are skipped in one query) */
  const nextSpan = async (end: string): Promise<string | null> => {
    if (end >= hi) return null
    const r = await ctx.db
      .selectFrom("elders")
      .select((eb) => eb.fn.min("region_code").as("next"))
      .where("region_code", ">", end)
      .where("region_code", "<=", hi)
      .executeTakeFirst()
    return (r?.next as string | null | undefined) ?? null
  }
  /** a page of elders of a span after a key; with `claim`, only those not yet done in this run, locked (skipping rows other workers hold) */
  const page = (db: Kysely<Database>, from: string, to: string, after: readonly [string, string] | null): Promise<Array<Row>> =>
    db
      .selectFrom("elders as e")
      .select((eb) => [
        "e.region_code",
        "e.elder_id",
        "e.case_file",
        "e.input_version",
        "e.revision",
        "e.name",
        eb.selectFrom("evaluations as v").select("v.input_version").where("v.region_code", ">=", from).where("v.region_code", "<=", to).whereRef("v.region_code", "=", "e.region_code").whereRef("v.elder_id", "=", "e.elder_id").where("v.run_id", "=", runId).as("done_version"),
        eb.selectFrom("evaluation_failures as f").select("f.input_version").where("f.region_code", ">=", from).where("f.region_code", "<=", to).whereRef("f.region_code", "=", "e.region_code").whereRef("f.elder_id", "=", "e.elder_id").where("f.run_id", "=", runId).as("failed_version"),
        eb
          .selectFrom("elder_status as s")
          .innerJoin("evaluations as pv", (j) => j.onRef("pv.region_code", "=", "s.region_code").onRef("pv.elder_id", "=", "s.elder_id").onRef("pv.run_id", "=", "s.run_id"))
          .select(sql<string | null>`pv.body_hash || ' ' || coalesce(pv.base_run, pv.run_id)`.as("p"))
          .where("s.region_code", ">=", from)
          .where("s.region_code", "<=", to)
          .where("pv.region_code", ">=", from)
          .where("pv.region_code", "<=", to)
          .whereRef("s.region_code", "=", "e.region_code")
          .whereRef("s.elder_id", "=", "e.elder_id")
          .as("previous")
      ])
      .where("e.region_code", ">=", from)
      .where("e.region_code", "<=", to)
      .$if(after !== null, (q) => q.where((eb) => eb(eb.refTuple("e.region_code", "e.elder_id"), ">", eb.tuple(after![0], after![1]))))
      // an elder not yet done in the run: a lookup of the run's row by its key for each elder read.
      // Not `not exists`: PostgreSQL made that an anti-join that, with the run's rows counted as
      // none (no statistics until the run ends), read every row the run had stored for each elder.
      .$if(claim, (q) =>
        q
          .where((eb) => eb(eb.fn.coalesce(eb.selectFrom("evaluations as v").select("v.input_version").where("v.region_code", ">=", from).where("v.region_code", "<=", to).whereRef("v.region_code", "=", "e.region_code").whereRef("v.elder_id", "=", "e.elder_id").where("v.run_id", "=", runId), sql.lit("")), "<>", eb.ref("e.input_version")))
          .where((eb) => eb(eb.fn.coalesce(eb.selectFrom("evaluation_failures as f").select("f.input_version").where("f.region_code", ">=", from).where("f.region_code", "<=", to).whereRef("f.region_code", "=", "e.region_code").whereRef("f.elder_id", "=", "e.elder_id").where("f.run_id", "=", runId), sql.lit("")), "<>", eb.ref("e.input_version")))
      )
      .orderBy("e.region_code")
      .orderBy("e.elder_id")
      .limit(batchSize)
      .$if(claim && ctx.flags.lockRows, (q) => q.forUpdate().skipLocked())
      .execute() as Promise<Array<Row>>

  interface Batch {
    readonly evaluations: Array<EvaluationsTable>
    readonly sets: Map<string, ParameterSetsTable>
    readonly reasons: Map<string, ReasonsTable>
    readonly statuses: Array<ElderStatusTable>
    readonly failures: Array<EvaluationFailuresTable>
    /** elders this run evaluated before from an older input (a resumed run after a re-import) */
    readonly stale: Array<readonly [string, string]>
    skipped: number
    /** evaluations stored as a reference to the elder's last one (same plan, input and date-independent part) */
    referenced: number
    /** the status rows of elders with none yet (assessed for the first time), by index in `statuses` */
    readonly first: Array<number>
  }
  const prepare = (rows: ReadonlyArray<Row>): Batch => {
    const batch: Batch = { evaluations: [], sets: new Map(), reasons: new Map(), statuses: [], failures: [], stale: [], skipped: 0, referenced: 0, first: [] }
    for (const r of rows) {
      if (r.done_version === r.input_version || r.failed_version === r.input_version) {
        batch.skipped++
        continue
      }
      if (r.done_version !== null || r.failed_version !== null) batch.stale.push([r.region_code, r.elder_id])
      const cf = JSON.parse(r.case_file) as CaseFile.CaseFile
      // the stored input version is the hash of the stored case file: the engine need not hash it again
      const result = engine.evaluate(cf, asOf, { inputVersion: r.input_version })
      if (!result.ok) {
        batch.failures.push({ region_code: r.region_code, elder_id: r.elder_id, run_id: runId, input_version: r.input_version, reason: JSON.stringify(result.error.reason), created_at: at })
        continue
      }
      const e = result.value
      const { body, dated, bodyHash, chain, set } = split(e, batch.reasons)
      if (!written.has(set.set_hash)) batch.sets.set(set.set_hash, set)
      // store less: the same plan, input and date-independent part as the elder's last stored
      // evaluation is a reference to the row holding that part, with this run's dates
      let base: string | null = null
      if (r.previous !== null) {
        const space = r.previous.indexOf(" ")
        const holder = r.previous.slice(space + 1)
        // never this run's own row: a resumed run replaces it
        if (r.previous.slice(0, space) === bodyHash && holder !== runId) base = holder
      }
      if (base !== null) batch.referenced++
      batch.evaluations.push({
        region_code: r.region_code,
        elder_id: r.elder_id,
        run_id: runId,
        as_of: asOf,
        policy_id: e.provenance.policy.id,
        policy_version: e.provenance.policy.version,
        chain,
        parameters_hash: e.provenance.parametersHash,
        parameter_set: set.set_hash,
        input_version: e.provenance.inputVersion,
        input_revision: Number(r.revision),
        core_version: e.provenance.coreVersion,
        evaluation: base === null ? body : "",
        dated,
        base_run: base,
        body_hash: bodyHash,
        created_at: at
      })
      // what the due lists show of the elder, as read with the case file (see `write`)
      if (r.previous === null) batch.first.push(batch.statuses.length)
      batch.statuses.push({ ...statusRow(e, runId), elder_name: r.name, elder_version: r.input_version, elder_revision: Number(r.revision) })
    }
    return batch
  }
  const write = async (trx: Kysely<Database>, batch: Batch): Promise<void> => {
    if (batch.evaluations.length === 0 && batch.failures.length === 0) return
    await bulkInsert(trx, ctx.flags, "parameter_sets", [...batch.sets.values()], { columns: ["set_hash"] })
    const newReasons = [...batch.reasons.values()].filter((r) => !written.has(r.reason_hash))
    await bulkInsert(trx, ctx.flags, "reasons", newReasons, { columns: ["reason_hash"] })
    // a resumed run replaces what it evaluated before from an older input; a later run's row
    // that references one of those rows takes a copy of its date-independent part first
    const keys = batch.stale
    if (keys.length > 0) await materialise(trx, runId, keys)
    for (const t of keys.length === 0 ? [] : (["evaluations", "evaluation_failures"] as const)) {
      await trx
        .deleteFrom(t)
        .where("run_id", "=", runId)
        .where((eb) => eb(eb.refTuple("region_code", "elder_id"), "in", keys.map(([a, b]) => eb.tuple(a, b))))
        .execute()
    }
    await bulkInsert(trx, ctx.flags, "evaluations", batch.evaluations)
    await bulkInsert(trx, ctx.flags, "evaluation_failures", batch.failures)
    // one read of the batch's elders inside the transaction when some are assessed for the
    // first time: it gives their rows as they are now and the elders gone since the page was read
    const gone = !claim && batch.first.length > 0 ? await current(trx, batch) : undefined
    await bulkInsert(trx, ctx.flags, "elder_status", batch.statuses, {
      columns: ["region_code", "elder_id"],
      update: ["run_id", "as_of", "input_version", "policy_id", "left_behind", "priority", "unmet_duties", "risk_level", "assessment_next_due", "assessment_overdue", "visit_window", "visit_next_due", "visit_extra_due", "visit_due", "exited_on"],
      // the elder as the due lists show it: the higher revision wins (a change to the elder after
      // this batch read it is already in the row, written by the trigger of 0013_due_list)
      set: Object.fromEntries(
        (["elder_name", "elder_version", "elder_revision"] as const).map((k) => [k, `case when $table.elder_revision > excluded.elder_revision then $table.${k} else excluded.${k} end`])
      ),
      // the latest as-of date wins; an assessment of an older date does not regress the status
      where: "excluded.as_of >= $table.as_of"
    })
    // an elder moved to another region (or gone) after this batch read it: the import removed its
    // status row under the old key, which the upsert above wrote again; the due lists read the
    // status rows alone, so it goes again (the stored evaluation stays, as history)
    if (!claim) await dropOrphans(trx, gone ?? batch.statuses)
  }
  const dropOrphans = async (trx: Kysely<Database>, statuses: ReadonlyArray<Pick<EvaluatedStatus, "region_code" | "elder_id">>): Promise<void> => {
    for (let i = 0; i < statuses.length; i += 500) {
      const keys = statuses.slice(i, i + 500)
      await trx
        .deleteFrom("elder_status")
        .where((eb) =>
          eb.and([
            eb(eb.refTuple("region_code", "elder_id"), "in", keys.map((k) => eb.tuple(k.region_code, k.elder_id))),
            eb.not(eb.exists(eb.selectFrom("elders as e").select("e.elder_id").whereRef("e.region_code", "=", "elder_status.region_code").whereRef("e.elder_id", "=", "elder_status.elder_id")))
          ])
        )
        .execute()
    }
  }
  /**
   * An elder assessed for the first time has no status row for the trigger of 0013_due_list to
   * update when it changes after this batch read it (outside the write transaction), so its new
   * row takes the elder as it is now: read inside the write transaction, which on SQLite holds
   * the write lock and on PostgreSQL locks those elders' rows until the commit (a change waits,
   * and its trigger then finds the row). Claim mode read them under the row lock already.
   * The same read covers every elder of the batch and returns those no longer stored under
   * their key (moved or gone since the page was read), whose status rows `dropOrphans` then
   * removes: one read per batch instead of a read and a delete over every key.
   */
  const current = async (trx: Kysely<Database>, batch: Batch): Promise<Array<ElderStatusTable>> => {
    const gone: Array<ElderStatusTable> = []
    for (let i = 0; i < batch.statuses.length; i += 500) {
      const rows = batch.statuses.slice(i, i + 500)
      const now = await trx
        .selectFrom("elders")
        .select(["region_code", "elder_id", "name", "input_version", "revision"])
        .where((eb) => eb(eb.refTuple("region_code", "elder_id"), "in", rows.map((r) => eb.tuple(r.region_code, r.elder_id))))
        .$if(ctx.flags.lockRows, (q) => q.forShare())
        .execute()
      const byKey = new Map(now.map((e) => [`${e.region_code}|${e.elder_id}`, e]))
      for (const r of rows) {
        const e = byKey.get(`${r.region_code}|${r.elder_id}`)
        if (e === undefined) {
          gone.push(r)
          continue
        }
        if (Number(e.revision) <= (r.elder_revision ?? 0)) continue
        r.elder_name = e.name
        r.elder_version = e.input_version
        r.elder_revision = Number(e.revision)
      }
    }
    return gone
  }
  const committed = (batch: Batch): void => {
    for (const key of batch.sets.keys()) written.add(key)
    for (const key of batch.reasons.keys()) written.add(key)
    counts.evaluated += batch.evaluations.length
    counts.failed += batch.failures.length
    counts.skipped += batch.skipped
    counts.referenced += batch.referenced
    options.onProgress?.({ ...counts })
  }

  let cursor: readonly [string, string] | null = null
  let from: string | null = lo
  if (!claim) {
    while (from !== null) {
      const to = spanEnd(from)
      const rows = await page(ctx.db, from, to, cursor)
      if (rows.length > 0) {
        cursor = [rows[rows.length - 1]!.region_code, rows[rows.length - 1]!.elder_id]
        const batch = prepare(rows)
        if (batch.evaluations.length > 0 || batch.failures.length > 0) await writeTransaction(ctx.db, ctx.flags, (trx) => write(trx, batch))
        committed(batch)
      }
      if (rows.length < batchSize) {
        from = await nextSpan(to)
        cursor = null
      }
    }
  } else {
    // claim mode: each batch is claimed, evaluated and stored in one write transaction; rows
    // other workers hold are skipped (PostgreSQL: for update skip locked; SQLite: the write
    // lock serialises the workers). A worker that dies rolls its batch back and the rows are
    // free again; when its forward pass ends, a worker sweeps once more from the start.
    let sweeps = 0
    let found = false
    for (;;) {
      if (from === null) {
        // the forward pass ended: one more from the start, unless this pass found nothing
        if (!found || sweeps > 0) break
        sweeps++
        found = false
        from = lo
        cursor = null
        continue
      }
      const after = cursor
      const span = from
      const to = spanEnd(span)
      const done = await writeTransaction(ctx.db, ctx.flags, async (trx) => {
        const rows = await page(trx, span, to, after)
        if (rows.length === 0) return { n: 0, batch: undefined }
        // the page's snapshot predates the locks: a worker that held some of these rows may
        // have stored them and committed since. Now that the rows are ours, a new statement
        // (a new snapshot under read committed) sees its work; those elders are left out.
        let mine = rows
        const older = new Set<string>()
        if (ctx.flags.lockRows) {
          const keys = rows.map((r) => [r.region_code, r.elder_id] as const)
          const done = new Set<string>()
          for (const t of ["evaluations", "evaluation_failures"] as const) {
            // the keys joined as two arrays, one lookup each in the span's partition: the same keys
            // as an `in` list of row values took half a second to plan over the partitions, for every batch
            const found = (
              await sql<{ region_code: string; elder_id: string; input_version: string }>`select v.region_code, v.elder_id, v.input_version from unnest(${keys.map((k) => k[0])}::text[], ${keys.map((k) => k[1])}::text[]) as k(r, e) join ${sql.table(t)} as v on v.region_code = k.r and v.elder_id = k.e where v.run_id = ${runId} and v.region_code >= ${span} and v.region_code <= ${to}`.execute(trx)
            ).rows
            for (const f of found) done.add(`${f.region_code}|${f.elder_id}|${f.input_version}`)
            for (const f of found) older.add(`${f.region_code}|${f.elder_id}`)
          }
          if (done.size > 0) mine = rows.filter((r) => !done.has(`${r.region_code}|${r.elder_id}|${r.input_version}`))
        }
        const batch = prepare(mine)
        // an evaluation from an older input stored since the snapshot is replaced too
        for (const r of mine) {
          const key = `${r.region_code}|${r.elder_id}`
          if (older.has(key) && r.done_version === null && r.failed_version === null) batch.stale.push([r.region_code, r.elder_id])
        }
        await write(trx, batch)
        return { n: rows.length, batch, last: [rows[rows.length - 1]!.region_code, rows[rows.length - 1]!.elder_id] as const }
      })
      if (done.batch !== undefined) committed(done.batch)
      if (done.n === 0) {
        from = await nextSpan(to)
        cursor = null
        continue
      }
      found = true
      cursor = done.last ?? null
    }
  }
  const finishedAt = options.at ?? ctx.now()
  await writeTransaction(ctx.db, ctx.flags, (trx) =>
    trx
      .updateTable("assessment_runs")
      .set((eb) => ({
        status: "done",
        finished_at: finishedAt,
        evaluated: eb("evaluated", "+", counts.evaluated),
        skipped: counts.skipped,
        failed: counts.failed
      }))
      .where("run_id", "=", runId)
      .execute()
  )
  // the due lists and the next run read what this one wrote
  if (counts.evaluated + counts.failed >= STATISTICS_AFTER) await refreshStatistics(ctx.db, ctx.flags, ["evaluations", "evaluation_failures", "elder_status"])
  // the digest and count of the run's stored evaluations, kept in the chained audit log: verify
  // finds an evaluation deleted (or added) later, also of an older run no status points to
  const stored = await runDigest(ctx.db, runId)
  await appendAudit(ctx.db, ctx, { actor, action: "assess", regionCode: options.region ?? null, subject: runId, detail: { asOf, ...counts, evaluationsStored: stored.count, evaluationsDigest: stored.digest }, at: finishedAt })
  return { runId, asOf, ...counts }
}

const evaluationRows = (ctx: Context) =>
  ctx.db
    .selectFrom("evaluations as v")
    .innerJoin("parameter_sets as p", "p.set_hash", "v.parameter_set")
    .leftJoin("evaluations as b", (j) => j.onRef("b.region_code", "=", "v.region_code").onRef("b.elder_id", "=", "v.elder_id").onRef("b.run_id", "=", "v.base_run"))
    .select(["v.region_code", "v.elder_id", "v.run_id", "v.as_of", "v.policy_id", "v.policy_version", "v.input_revision", "v.evaluation", "v.dated", "v.base_run", "b.evaluation as base_evaluation", "p.parameters"])

type EvaluationRow = Awaited<ReturnType<ReturnType<typeof evaluationRows>["execute"]>>[number]

const replayRow = (engine: Engine.Engine, row: EvaluationRow, parsed: unknown, reasons: ReadonlyMap<string, unknown>, caseFile: string | undefined): ReplayResult => {
  const key: EvaluationKey = { regionCode: row.region_code, elderId: row.elder_id, runId: row.run_id }
  // a reference to a row that is not stored: nothing to compare with
  if (parsed === undefined) return { key, same: false, differences: [{ path: "(root)", stored: null, recomputed: `the evaluation of run ${row.base_run} it references` }] }
  const stored = restore(parsed, row.parameters, reasons)
  if (caseFile === undefined) {
    return { key, same: false, differences: [{ path: "provenance.inputVersion", stored: stored.provenance.inputVersion, recomputed: null }] }
  }
  const cf = JSON.parse(caseFile) as CaseFile.CaseFile
  // applied past its expiry when the stored provenance says so (the host's continuePastExpiry)
  const continued = stored.provenance.continuedPastExpiry === true
  const result = engine.evaluate(cf, row.as_of, { policy: `${row.policy_id}@${row.policy_version}`, ...(continued ? { continuedPastExpiry: true } : {}) })
  if (!result.ok) {
    return { key, same: false, differences: [{ path: "policy", stored: `${row.policy_id}@${row.policy_version}`, recomputed: null }] }
  }
  // the selection is not replayed: the policy is named explicitly from the provenance
  const { selection: _a, ...a } = stored
  const { selection: _b, ...b } = result.value
  const diffs = differences(a, b)
  return { key, same: diffs.length === 0, differences: diffs }
}

/** the case files at the given revisions, by county, id and revision (an elder is its county and id) */
const caseFilesAt = async (ctx: Context, wanted: ReadonlyArray<readonly [string, string, number]>): Promise<Map<string, string>> => {
  const out = new Map<string, string>()
  const keys = new Set(wanted.map(([region, id, rev]) => fileKey(region, id, rev)))
  for (let i = 0; i < wanted.length; i += 500) {
    const chunk = wanted.slice(i, i + 500)
    const rows = await ctx.db
      .selectFrom("elder_history")
      .select(["region_code", "elder_id", "revision", "case_file"])
      .where((eb) => eb(eb.refTuple("elder_id", "revision"), "in", chunk.map(([, id, rev]) => eb.tuple(id, rev))))
      .execute()
    for (const r of rows) {
      const key = fileKey(r.region_code, r.elder_id, Number(r.revision))
      if (keys.has(key)) out.set(key, r.case_file)
    }
  }
  return out
}

const fileKey = (region: string, id: string, revision: number): string => `${elderKey(region, id)}|${revision}`

export const replayOne = async (ctx: Context, engine: Engine.Engine, key: EvaluationKey): Promise<ReplayResult | undefined> => {
  const row = await evaluationRows(ctx)
    .where("v.region_code", "=", key.regionCode)
    .where("v.elder_id", "=", key.elderId)
    .where("v.run_id", "=", key.runId)
    .executeTakeFirst()
  if (row === undefined) return undefined
  const files = await caseFilesAt(ctx, [[row.region_code, row.elder_id, Number(row.input_revision)]])
  const parsed: unknown = parseStored(row)
  const reasons = await reasonReader(ctx.db)(parsed === undefined ? [] : [parsed])
  return replayRow(engine, row, parsed, reasons, files.get(fileKey(row.region_code, row.elder_id, Number(row.input_revision))))
}

export const replay = async (
  ctx: Context,
  engine: Engine.Engine,
  options: { readonly runId?: string; readonly region?: string; readonly onProgress?: (checked: number) => void }
): Promise<ReplayReport> => {
  const [lo, hi] = regionRange(options.region)
  let checked = 0
  let same = 0
  const differ: Array<ReplayResult> = []
  const readReasons = reasonReader(ctx.db)
  let cursor: readonly [string, string, string] | null = null
  for (;;) {
    const after: readonly [string, string, string] | null = cursor
    const rows: Array<EvaluationRow> = await evaluationRows(ctx)
      .where("v.region_code", ">=", lo)
      .where("v.region_code", "<=", hi)
      .$if(options.runId !== undefined, (q) => q.where("v.run_id", "=", options.runId!))
      .$if(after !== null, (q) =>
        q.where((eb) => eb(eb.refTuple("v.region_code", "v.elder_id", "v.run_id"), ">", eb.tuple(after![0], after![1], after![2])))
      )
      .orderBy("v.region_code")
      .orderBy("v.elder_id")
      .orderBy("v.run_id")
      .limit(500)
      .execute()
    if (rows.length === 0) break
    const last: EvaluationRow = rows[rows.length - 1]!
    cursor = [last.region_code, last.elder_id, last.run_id]
    const files = await caseFilesAt(ctx, rows.map((r) => [r.region_code, r.elder_id, Number(r.input_revision)] as const))
    const parsed: Array<unknown> = rows.map((r) => parseStored(r))
    const reasons = await readReasons(parsed.filter((p) => p !== undefined))
    for (let i = 0; i < rows.length; i++) {
      const r = rows[i]!
      const result = replayRow(engine, r, parsed[i], reasons, files.get(fileKey(r.region_code, r.elder_id, Number(r.input_revision))))
      checked++
      if (result.same) same++
      else differ.push(result)
    }
    options.onProgress?.(checked)
    if (rows.length < 500) break
  }
  return { checked, same, differ }
}

/** The order-independent digest and the count of a run's stored evaluations (one read, a page at a time). */
export const runDigest = async (db: Kysely<Database>, runId: string): Promise<{ readonly count: number; readonly digest: string }> => {
  const d = setDigest()
  let count = 0
  let cursor: readonly [string, string] | null = null
  for (;;) {
    const after: readonly [string, string] | null = cursor
    const rows: Array<{ region_code: string; elder_id: string; input_version: string; n: string }> = await db
      .selectFrom("evaluations")
      // stored before 0010: the evaluation's length; since, its body hash and the length of its
      // dates (the same whether the row holds its body or references another's)
      .select(["region_code", "elder_id", "input_version", sql<string>`coalesce(body_hash || ':' || length(dated), cast(length(evaluation) as text))`.as("n")])
      .where("run_id", "=", runId)
      .$if(after !== null, (q) => q.where((eb) => eb(eb.refTuple("region_code", "elder_id"), ">", eb.tuple(after![0], after![1]))))
      .orderBy("region_code")
      .orderBy("elder_id")
      .limit(5000)
      .execute()
    for (const r of rows) {
      d.add(evaluationLine(r))
      count++
    }
    if (rows.length < 5000) break
    const last = rows[rows.length - 1]!
    cursor = [last.region_code, last.elder_id]
  }
  return { count, digest: d.value() }
}
