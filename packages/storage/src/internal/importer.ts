import { hash, randomBytes } from "node:crypto"
import { CaseFile, Decode, hash64, Mask, type Outcome, RegionCode } from "@liushou/core"
import type { ElderHistoryTable, EldersTable, RejectedRecordsTable } from "../Tables.js"
import type { Context } from "./context.js"
import type { ImportOptions, ImportResult, Progress, RecordedVisits, ReimportPolicy, Unreadable } from "./types/import.js"
import { isUnreadableValue } from "./unreadable.js"

const isUnreadable = (v: unknown): v is Unreadable => isUnreadableValue(v)
import { appendAudit } from "./audit.js"
import { addDigests, historyDigest } from "./chain.js"
import { changedPaths } from "./json.js"
import { acquireImportLock } from "./lock.js"
import { addChildren, bulkInsert, CHILD_TABLES, elderRow, emptyChildren, visitKey } from "./rows.js"
import { elderKey, regionRange, writeTransaction, refreshStatistics, STATISTICS_AFTER } from "./tx.js"

interface Item {
  readonly position: number
  readonly value: unknown
}

interface Current {
  /** region of the row in the database at the start of the batch (null: not stored) */
  readonly dbRegion: string | null
  region: string
  caseFile: string
  version: string
  revision: number
  changed: boolean
  decoded: CaseFile.CaseFile | null
}

const MAX_ERRORS = 20

/** Imports case files in batches, one write transaction per batch. */
export const importCaseFiles = async (ctx: Context, source: AsyncIterable<unknown> | Iterable<unknown>, options: ImportOptions): Promise<ImportResult> => {
  // take the iterator before the first await: a lazily pushed source (a readline interface)
  // buffers from this moment, so no line emitted while the import starts is lost
  const iterator = pull(source)
  const at = options.at ?? ctx.now()
  const importId = options.importId ?? `import-${at}`
  const actor = options.actor ?? "system"
  const batchSize = Math.max(1, options.batchSize ?? 500)
  const reimport = options.reimport ?? "merge"
  const counts = { read: 0, stored: 0, updated: 0, unchanged: 0, rejected: 0, merged: 0, discarded: 0 }
  const errors: Array<Decode.CaseFileError> = []
  const recordedVisits: Array<RecordedVisits> = []
  // the first position of each elder (county and id) in this input: a second record of the same elder is rejected
  const seen = new SeenElders()
  let batch: Array<Item> = []
  let position = 0
  const progress = (): void => options.onProgress?.({ read: counts.read, stored: counts.stored, updated: counts.updated, unchanged: counts.unchanged, rejected: counts.rejected } satisfies Progress)
  // one import at a time per ledger: a second one is refused (ImportRunningError) before it
  // writes anything; the lock of a crashed import is taken over (see acquireImportLock)
  let lock
  try {
    lock = await acquireImportLock(ctx, importId, actor, options.lockStaleAfterMs ?? DEFAULT_STALE_MS)
  } catch (e) {
    await Promise.resolve(iterator.return?.()).catch(() => undefined)
    throw e
  }
  const flush = async (): Promise<void> => {
    if (batch.length === 0) return
    const items = batch
    batch = []
    await importBatch(ctx, items, { importId, actor, at, reimport, scope: options.scope }, counts, errors, seen, recordedVisits)
    await lock.heartbeat()
    progress()
  }
  try {
    return await run()
  } finally {
    await lock.release().catch(() => undefined)
  }

  async function run(): Promise<ImportResult> {
    await ctx.db
      .insertInto("imports")
      .values({ import_id: importId, source: options.source ?? "", actor, started_at: at, finished_at: null, status: "running", stored: 0, updated: 0, unchanged: 0, rejected: 0 })
      .onConflict((oc) => oc.column("import_id").doUpdateSet({ status: "running", finished_at: null }))
      .execute()
    try {
      for (;;) {
        const next = await iterator.next()
        if (next.done === true) break
        const value: unknown = next.value
        const p = position++
        if (typeof value === "string" && value.trim() === "") continue
        batch.push({ position: p, value })
        counts.read++
        if (batch.length >= batchSize) await flush()
      }
      await flush()
      if (counts.read !== counts.stored + counts.updated + counts.unchanged + counts.rejected) {
        throw new ImportCountError(counts)
      }
    } catch (e) {
      await Promise.resolve(iterator.return?.()).catch(() => undefined)
      // the import is not left "running": it failed here and a rerun with the same id resumes it
      await ctx.db
        .updateTable("imports")
        .set({ status: "failed", finished_at: options.at ?? ctx.now(), stored: counts.stored, updated: counts.updated, unchanged: counts.unchanged, rejected: counts.rejected })
        .where("import_id", "=", importId)
        .execute()
        .catch(() => undefined)
      throw e
    }
    const finishedAt = options.at ?? ctx.now()
    await ctx.db
      .updateTable("imports")
      .set({ status: "done", finished_at: finishedAt, stored: counts.stored, updated: counts.updated, unchanged: counts.unchanged, rejected: counts.rejected })
      .where("import_id", "=", importId)
      .execute()
    const digest = await ctx.db.selectFrom("imports").select("history_digest").where("import_id", "=", importId).executeTakeFirst()
    await appendAudit(ctx.db, ctx, {
      actor,
      action: "import",
      subject: importId,
      detail: { source: options.source ?? "", reimport, ...counts, historyDigest: digest?.history_digest ?? null },
      at: finishedAt
    })
    if (counts.stored + counts.updated >= STATISTICS_AFTER) {
      await refreshStatistics(ctx.db, ctx.flags, ["elders", "supporters", "delegated_carers", "visits", "risk_assessments", "assignments", "elder_history"])
    }
    return {
      importId,
      ...counts,
      reimport,
      recordedVisits,
      rejectedTo: `rejected_records where import_id = '${importId.replace(/'/g, "''")}'`,
      errors,
      recoveredLock: lock!.recovered
    }
  }
}

/**
 * The elders (county and id) of one input so far, each with its first position: a 64-bit
 * fingerprint of the key and the position in typed arrays (open addressing), about 12 bytes an
 * elder instead of about 160 for a map of strings (a 1M-elder input held 160 MB until its end).
 * The fingerprint is SHA-256 of the key under a secret drawn for each import, so no input can be
 * crafted to make two elders collide: two different elders share a fingerprint with a
 * probability below 1e-7 in an input of two million, whatever their ids. The second would be
 * rejected as a duplicate of the first, with both positions named in its error, never dropped
 * silently.
 */
export class SeenElders {
  private h1 = new Int32Array(1024)
  private h2 = new Int32Array(1024)
  /** position + 1; 0 marks an empty slot */
  private at = new Int32Array(1024)
  private count = 0

  /** `secret`: the fingerprints' key (default: 16 random bytes); tests pass a fixed one */
  constructor(private readonly secret: string = randomBytes(16).toString("hex")) {}

  /** the first position of the key, if seen */
  get(key: string): number | undefined {
    const [a, b] = fingerprint(this.secret, key)
    const mask = this.at.length - 1
    for (let i = (a ^ b) & mask; this.at[i] !== 0; i = (i + 1) & mask) {
      if (this.h1[i] === a && this.h2[i] === b) return this.at[i]! - 1
    }
    return undefined
  }

  /** records the first position of a key not seen before */
  set(key: string, position: number): void {
    if (!Number.isInteger(position) || position < 0 || position >= 0x7fffffff) throw new RangeError(`record position out of range: ${position}`)
    if ((this.count + 1) * 4 > this.at.length * 3) this.grow()
    const [a, b] = fingerprint(this.secret, key)
    this.put(a, b, position + 1)
    this.count++
  }

  private put(a: number, b: number, at: number): void {
    const mask = this.at.length - 1
    let i = (a ^ b) & mask
    while (this.at[i] !== 0) i = (i + 1) & mask
    this.h1[i] = a
    this.h2[i] = b
    this.at[i] = at
  }

  private grow(): void {
    const { h1, h2, at } = this
    this.h1 = new Int32Array(at.length * 2)
    this.h2 = new Int32Array(at.length * 2)
    this.at = new Int32Array(at.length * 2)
    for (let i = 0; i < at.length; i++) if (at[i] !== 0) this.put(h1[i]!, h2[i]!, at[i]!)
  }
}

/** the first 64 bits of SHA-256 of the secret and the key, as two 32-bit integers (about 1 µs a key) */
export const fingerprint = (secret: string, key: string): readonly [number, number] => {
  const digest = hash("sha256", `${secret}|${key}`, "buffer")
  return [digest.readInt32LE(0), digest.readInt32LE(4)]
}

/** A lock whose heartbeat is older than this is taken over (default of `lockStaleAfterMs`). */
const DEFAULT_STALE_MS = 5 * 60_000

/** The iterator of a sync or async iterable, taken at once. */
const pull = (source: AsyncIterable<unknown> | Iterable<unknown>): AsyncIterator<unknown> | Iterator<unknown> => {
  const asyncIt = (source as AsyncIterable<unknown>)[Symbol.asyncIterator]
  if (typeof asyncIt === "function") return asyncIt.call(source)
  const syncIt = (source as Iterable<unknown>)[Symbol.iterator]
  if (typeof syncIt === "function") return syncIt.call(source)
  throw new TypeError("importCaseFiles: the source must be an Iterable or an AsyncIterable")
}

/** read = stored + updated + unchanged + rejected did not hold: a record was lost or counted twice. */
export class ImportCountError extends Error {
  readonly _tag = "ImportCountError"
  constructor(readonly counts: { readonly read: number; readonly stored: number; readonly updated: number; readonly unchanged: number; readonly rejected: number }) {
    super(`import counts do not add up: read ${counts.read} != stored ${counts.stored} + updated ${counts.updated} + unchanged ${counts.unchanged} + rejected ${counts.rejected}`)
  }
}

/** A visit recorded through `recordVisit`, as stored. */
interface RecordedVisit {
  readonly key: string
  readonly visit: CaseFile.Visit
  readonly meta: { readonly recorded_by: string | null; readonly recorded_at: string | null }
}

/** The recorded visits the imported case file lacks, in recording order (a multiset difference). */
const missingVisits = (cf: CaseFile.CaseFile, recorded: ReadonlyArray<RecordedVisit> | undefined): ReadonlyArray<RecordedVisit> => {
  if (recorded === undefined || recorded.length === 0) return []
  const inFile = new Map<string, number>()
  for (const v of cf.visits) {
    const k = visitKey(v.date, v.mode, v.by, JSON.stringify(v.concerns))
    inFile.set(k, (inFile.get(k) ?? 0) + 1)
  }
  const out: Array<RecordedVisit> = []
  for (const r of recorded) {
    const n = inFile.get(r.key) ?? 0
    if (n > 0) inFile.set(r.key, n - 1)
    else out.push(r)
  }
  return out
}

const MAX_REPORTED = 1000

const rawOf = (value: unknown): string => (typeof value === "string" ? value : isUnreadable(value) ? value.raw : (JSON.stringify(value) ?? String(value)))

/** The same elder (county and ledger id) a second time in one input. */
const duplicateError = (position: number, elderId: string, first: number): Decode.CaseFileError => {
  const error = {
    _tag: "CaseFileError" as const,
    position,
    elderId: Decode.printable(elderId),
    issues: [
      {
        path: "elder.id",
        expected: { en: `an elder not already given in this input (the same county and id are at #${first + 1})`, zh: `本次导入中未出现过的老年人（同一县、同一编号已在第 ${first + 1} 条）` },
        found: "(duplicate)"
      }
    ]
  }
  return { ...error, message: { en: Decode.formatError(error, "en"), zh: Decode.formatError(error, "zh") } }
}

/** A birth date after the import's date. */
const futureBirthError = (position: number, elderId: string, birthDate: string, today: string): Decode.CaseFileError => {
  const error = {
    _tag: "CaseFileError" as const,
    position,
    elderId: Decode.printable(elderId),
    issues: [{ path: "elder.birthDate", expected: { en: `a birth date not after the import date ${today}`, zh: `不晚于导入日期 ${today} 的出生日期` }, found: JSON.stringify(birthDate) }]
  }
  return { ...error, message: { en: Decode.formatError(error, "en"), zh: Decode.formatError(error, "zh") } }
}

/**
 * An elder outside the importing user's region (`stored`: the record would move an elder
 * stored there). Region codes are not personal data; the elder id is masked like any other.
 */
const scopeError = (position: number, elderId: string, found: string, scope: { readonly region: string; readonly user: string }, stored: boolean): Decode.CaseFileError => {
  const user = Decode.printable(scope.user)
  const error = {
    _tag: "CaseFileError" as const,
    position,
    elderId: Decode.printable(elderId),
    issues: [
      {
        path: "elder.regionCode",
        expected: stored
          ? { en: `an elder of the region of user ${user} (${scope.region}); this elder is stored in ${found}, outside it`, zh: `用户 ${user} 辖区（${scope.region}）内的老年人；该老人在台账中登记于辖区外的 ${found}` }
          : { en: `a region code inside the region of user ${user} (${scope.region})`, zh: `用户 ${user} 辖区（${scope.region}）内的区划代码` },
        found: JSON.stringify(found)
      }
    ]
  }
  return { ...error, message: { en: Decode.formatError(error, "en"), zh: Decode.formatError(error, "zh") } }
}

/**
 * Text as it can be stored on every dialect: PostgreSQL text cannot hold NUL, so a NUL is kept
 * as the six characters `\u0000` (on SQLite too, so both hold the same).
 */
const storable = (s: string): string => (s.includes("\u0000") ? s.replace(/\u0000/g, "\\u0000") : s)

/** A decoded record: core's `Outcome`, its failure also keeping the record's raw text for `rejected_records`. */
type Decoded = Outcome.Success<CaseFile.CaseFile> | (Outcome.Failure<Decode.CaseFileError> & { readonly raw: string })

const decodeItem = (item: Item): Decoded => {
  let value = item.value
  if (isUnreadable(value)) {
    // a record the caller could not read (a spreadsheet row): rejected as it is, with where it came from
    const error = {
      _tag: "CaseFileError" as const,
      position: item.position,
      elderId: value.elderId === null ? null : Decode.printable(value.elderId),
      issues: value.issues.map((i) => ({ ...i, found: Decode.escapeControl(i.found) })),
      message: { en: Decode.escapeControl(value.message.en), zh: Decode.escapeControl(value.message.zh) },
      ...(value.source !== undefined ? { source: value.source } : {})
    }
    return { ok: false, raw: value.raw, error }
  }
  const raw = rawOf(value)
  if (typeof value === "string") {
    try {
      // a UTF-8 byte order mark (the first line of a file saved by some editors) is not part of the record
      value = JSON.parse(value.charCodeAt(0) === 0xfeff ? value.slice(1) : value)
    } catch (e) {
      return { ok: false, raw, error: Decode.jsonError(item.position, (e as Error).message) }
    }
  }
  const r = Decode.caseFile(value, item.position)
  return r.ok ? r : { ok: false, raw, error: r.error }
}

const rejectedRow = (job: { readonly importId: string; readonly at: string }, position: number, raw: string, error: Decode.CaseFileError): RejectedRecordsTable => ({
  import_id: job.importId,
  position,
  elder_id: error.elderId === null ? null : storable(error.elderId.length > 100 ? `${error.elderId.slice(0, 100)}…` : error.elderId),
  raw: storable(raw),
  error: JSON.stringify(error),
  at: job.at
})

const importBatch = async (
  ctx: Context,
  items: ReadonlyArray<Item>,
  job: { readonly importId: string; readonly actor: string; readonly at: string; readonly reimport: ReimportPolicy; readonly scope: ImportOptions["scope"] },
  counts: { read: number; stored: number; updated: number; unchanged: number; rejected: number; merged: number; discarded: number },
  errors: Array<Decode.CaseFileError>,
  seen: SeenElders,
  report: Array<RecordedVisits>
): Promise<void> => {
  const good: Array<{ cf: CaseFile.CaseFile; canonical: string; version: string; item: Item }> = []
  const rejected: Array<RejectedRecordsTable> = []
  for (const item of items) {
    let r = decodeItem(item)
    if (r.ok) {
      const key = elderKey(r.value.elder.regionCode, r.value.elder.id)
      const first = seen.get(key)
      if (job.scope !== undefined && !RegionCode.contains(job.scope.region, r.value.elder.regionCode)) r = { ok: false, raw: rawOf(item.value), error: scopeError(item.position, r.value.elder.id, r.value.elder.regionCode, job.scope, false) }
      else if (r.value.elder.birthDate > job.at.slice(0, 10)) r = { ok: false, raw: rawOf(item.value), error: futureBirthError(item.position, r.value.elder.id, r.value.elder.birthDate, job.at.slice(0, 10)) }
      else if (first === undefined) seen.set(key, item.position)
      else r = { ok: false, raw: rawOf(item.value), error: duplicateError(item.position, r.value.elder.id, first) }
    }
    if (r.ok) {
      // the case file's own canonical writer (field lists from the Schema): the same text as the
      // generic canonical JSON of a decoded case file, a few times faster
      const canonical = CaseFile.canonical(r.value)
      // the decoder recorded the version of the content (hash64 of this canonical text): not hashed twice
      good.push({ cf: r.value, canonical, version: Decode.versionOf(r.value) ?? hash64(canonical), item })
    }
    else {
      rejected.push(rejectedRow(job, item.position, r.raw, r.error))
      if (errors.length < MAX_ERRORS) errors.push(r.error)
    }
  }
  const ids = [...new Set(good.map((g) => g.cf.elder.id))]
  const wanted = new Set(good.map((g) => elderKey(g.cf.elder.regionCode, g.cf.elder.id)))
  // the span of the batch's counties: the lookup by id stays inside it, so that it reads (and
  // locks) only the region partitions (or Citus shards) the batch touches
  let spanLo = "999999"
  let spanHi = "000000"
  for (const g of good) {
    const county = g.cf.elder.regionCode.slice(0, 6)
    if (county < spanLo) spanLo = county
    if (county > spanHi) spanHi = county
  }
  const delta = { stored: 0, updated: 0, unchanged: 0, merged: 0, discarded: 0 }
  const recordedReport: Array<RecordedVisits> = []
  // records that would move an elder stored outside the importing user's region (known once the stored rows are read)
  const outside: Array<{ readonly row: RejectedRecordsTable; readonly error: Decode.CaseFileError }> = []
  await writeTransaction(ctx.db, ctx.flags, async (trx) => {
    delta.stored = delta.updated = delta.unchanged = delta.merged = delta.discarded = 0
    recordedReport.length = 0
    outside.length = 0
    // an elder is its county and its ledger id: the same id in another county is another elder
    const current = new Map<string, Current>()
    if (ids.length > 0) {
      for (let i = 0; i < ids.length; i += 1000) {
        const rows = await trx
          .selectFrom("elders")
          .select(["region_code", "elder_id", "case_file", "revision"])
          .where("elder_id", "in", ids.slice(i, i + 1000))
          .where("region_code", ">=", `${spanLo}000000`)
          .where("region_code", "<=", `${spanHi}999999`)
          .$if(ctx.flags.lockRows, (q) => q.forUpdate())
          .execute()
        for (const r of rows) {
          const key = elderKey(r.region_code, r.elder_id)
          if (!wanted.has(key)) continue
          current.set(key, { dbRegion: r.region_code, region: r.region_code, caseFile: r.case_file, version: "", revision: Number(r.revision), changed: false, decoded: null })
        }
      }
    }
    // visits recorded through recordVisit for the elders whose case file differs from the file's
    const differing = good.filter((g) => {
      const cur = current.get(elderKey(g.cf.elder.regionCode, g.cf.elder.id))
      return cur !== undefined && cur.caseFile !== g.canonical
    })
    const recorded = new Map<string, Array<RecordedVisit>>()
    for (let i = 0; i < differing.length; i += 500) {
      const keys = differing.slice(i, i + 500).map((g) => [current.get(elderKey(g.cf.elder.regionCode, g.cf.elder.id))!.dbRegion!, g.cf.elder.id] as const)
      const rows = await trx
        .selectFrom("visits")
        .select(["region_code", "elder_id", "seq", "date", "mode", "visitor", "concerns", "recorded_by", "recorded_at"])
        .where((eb) => eb(eb.refTuple("region_code", "elder_id"), "in", keys.map(([region, id]) => eb.tuple(region, id))))
        .where("recorded_by", "is not", null)
        .orderBy("seq")
        .execute()
      for (const r of rows) {
        const key = elderKey(r.region_code, r.elder_id)
        let list = recorded.get(key)
        if (list === undefined) recorded.set(key, (list = []))
        list.push({
          key: visitKey(r.date, r.mode, r.visitor, r.concerns),
          visit: { date: r.date, mode: r.mode, by: r.visitor, concerns: JSON.parse(r.concerns) } as CaseFile.Visit,
          meta: { recorded_by: r.recorded_by, recorded_at: r.recorded_at }
        })
      }
    }
    const history: Array<ElderHistoryTable> = []
    for (const g of good) {
      let { cf, canonical, version } = g
      const id = cf.elder.id
      const key = elderKey(cf.elder.regionCode, id)
      const cur = current.get(key)
      if (job.scope !== undefined && cur !== undefined && cur.dbRegion !== null && !RegionCode.contains(job.scope.region, cur.dbRegion)) {
        const error = scopeError(g.item.position, id, cur.dbRegion, job.scope, true)
        outside.push({ row: rejectedRow(job, g.item.position, rawOf(g.item.value), error), error })
        continue
      }
      const missing = cur !== undefined && cur.caseFile !== canonical ? missingVisits(cf, recorded.get(key)) : []
      if (missing.length > 0) {
        const entry = { regionCode: cf.elder.regionCode, elderId: id, visits: missing.map((m) => m.visit), policy: job.reimport }
        if (recordedReport.length < MAX_REPORTED) recordedReport.push(entry)
        if (job.reimport === "merge") {
          delta.merged += missing.length
          cf = { ...cf, visits: [...cf.visits, ...missing.map((m) => m.visit)] }
          canonical = CaseFile.canonical(cf)
          version = hash64(canonical)
        } else delta.discarded += missing.length
      }
      if (cur !== undefined && cur.caseFile === canonical) {
        delta.unchanged++
        continue
      }
      const revision = (cur?.revision ?? 0) + 1
      const change = cur === undefined ? "created" : cur.region !== cf.elder.regionCode ? "moved" : "updated"
      history.push({
        region_code: cf.elder.regionCode,
        elder_id: id,
        revision,
        change,
        import_id: job.importId,
        actor: job.actor,
        at: job.at,
        input_version: version,
        changed_paths: JSON.stringify(cur === undefined ? [] : changedPaths(JSON.parse(cur.caseFile), cf)),
        case_file: canonical
      })
      if (cur === undefined) {
        delta.stored++
        current.set(key, { dbRegion: null, region: cf.elder.regionCode, caseFile: canonical, version, revision, changed: true, decoded: cf })
      } else {
        delta.updated++
        cur.region = cf.elder.regionCode
        cur.caseFile = canonical
        cur.version = version
        cur.revision = revision
        cur.changed = true
        cur.decoded = cf
      }
    }
    const changed = [...current.entries()].filter(([, c]) => c.changed)
    const stored = changed.filter(([, c]) => c.dbRegion !== null)
    for (let i = 0; i < stored.length; i += 500) {
      const keys = stored.slice(i, i + 500)
      for (const t of CHILD_TABLES) {
        await trx
          .deleteFrom(t)
          .where((eb) => eb(eb.refTuple("region_code", "elder_id"), "in", keys.map(([, c]) => eb.tuple(c.dbRegion!, c.decoded!.elder.id))))
          .execute()
      }
      const moved = keys.filter(([, c]) => c.dbRegion !== c.region)
      if (moved.length > 0) {
        for (const t of ["elders", "elder_status"] as const) {
          await trx
            .deleteFrom(t)
            .where((eb) => eb(eb.refTuple("region_code", "elder_id"), "in", moved.map(([, c]) => eb.tuple(c.dbRegion!, c.decoded!.elder.id))))
            .execute()
        }
      }
    }
    const elders: Array<EldersTable> = []
    const children = emptyChildren()
    for (const [key, c] of changed) {
      const cf = c.decoded!
      elders.push(elderRow(cf, c.caseFile, c.version, c.revision, job.importId, job.at))
      // who recorded a visit through recordVisit is carried over when the same visit comes back
      addChildren(children, cf, recorded.get(key), true)
    }
    await bulkInsert(trx, ctx.flags, "elders", elders, {
      columns: ["region_code", "elder_id"],
      update: ["name", "id_number", "phone", "sex", "birth_date", "case_file", "input_version", "revision", "import_id", "updated_at"]
    })
    await bulkInsert(trx, ctx.flags, "supporters", children.supporters)
    await bulkInsert(trx, ctx.flags, "delegated_carers", children.carers)
    await bulkInsert(trx, ctx.flags, "visits", children.visits)
    await bulkInsert(trx, ctx.flags, "risk_assessments", children.risks)
    await bulkInsert(trx, ctx.flags, "assignments", children.assignments)
    await bulkInsert(trx, ctx.flags, "ledger_events", children.ledgerEvents)
    await bulkInsert(trx, ctx.flags, "services", children.services)
    await bulkInsert(trx, ctx.flags, "elder_history", history)
    if (history.length > 0) {
      // the import's history digest moves with the rows it covers (same transaction)
      const row = await trx.selectFrom("imports").select("history_digest").where("import_id", "=", job.importId).executeTakeFirst()
      await trx
        .updateTable("imports")
        .set({ history_digest: addDigests(row?.history_digest ?? null, historyDigest(history)) })
        .where("import_id", "=", job.importId)
        .execute()
    }
    await bulkInsert(trx, ctx.flags, "rejected_records", [...rejected, ...outside.map((o) => o.row)], { columns: ["import_id", "position"] })
  })
  for (const o of outside) if (errors.length < MAX_ERRORS) errors.push(o.error)
  counts.rejected += outside.length
  counts.stored += delta.stored
  counts.updated += delta.updated
  counts.unchanged += delta.unchanged
  counts.merged += delta.merged
  counts.discarded += delta.discarded
  for (const r of recordedReport) if (report.length < MAX_REPORTED) report.push(r)
  counts.rejected += rejected.length
}

/** Streams the stored case files of a region in code order, a page at a time. */
export async function* exportCaseFiles(
  ctx: Context,
  options: { readonly region?: string; readonly mask?: boolean; readonly pageSize?: number }
): AsyncIterable<CaseFile.CaseFile> {
  const [lo, hi] = regionRange(options.region)
  const pageSize = options.pageSize ?? 500
  let after: readonly [string, string] | null = null
  for (;;) {
    const cursor: readonly [string, string] | null = after
    const rows: Array<{ region_code: string; elder_id: string; case_file: string }> = await ctx.db
      .selectFrom("elders")
      .select(["region_code", "elder_id", "case_file"])
      .where("region_code", ">=", lo)
      .where("region_code", "<=", hi)
      .$if(cursor !== null, (q) => q.where((eb) => eb(eb.refTuple("region_code", "elder_id"), ">", eb.tuple(cursor![0], cursor![1]))))
      .orderBy("region_code")
      .orderBy("elder_id")
      .limit(pageSize)
      .execute()
    for (const r of rows) {
      const cf = JSON.parse(r.case_file) as CaseFile.CaseFile
      yield options.mask === true ? Mask.caseFile(cf, { names: false }) : cf
    }
    if (rows.length < pageSize) return
    const last: { region_code: string; elder_id: string } = rows[rows.length - 1]!
    after = [last.region_code, last.elder_id]
  }
}
