import { type CaseFile, Decode, hash64, IdNumber } from "@liushou/core"
import type { ElderHistoryTable, EldersTable, RejectedRecordsTable } from "../Tables.js"
import type { ImportOptions, ImportResult, Ledger, Progress } from "../Ledger.js"
import { appendAudit } from "./audit.js"
import { canonicalJson, changedPaths } from "./json.js"
import { addChildren, CHILD_TABLES, elderRow, emptyChildren, insertMany, visitKey } from "./rows.js"
import { regionRange, writeTransaction } from "./tx.js"

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
export const importCaseFiles = async (ledger: Ledger, source: AsyncIterable<unknown> | Iterable<unknown>, options: ImportOptions): Promise<ImportResult> => {
  const at = options.at ?? ledger.now()
  const importId = options.importId ?? `import-${at}`
  const actor = options.actor ?? "system"
  const batchSize = Math.max(1, options.batchSize ?? 500)
  await ledger.db
    .insertInto("imports")
    .values({ import_id: importId, source: options.source ?? "", actor, started_at: at, finished_at: null, status: "running", stored: 0, updated: 0, unchanged: 0, rejected: 0 })
    .onConflict((oc) => oc.column("import_id").doNothing())
    .execute()
  const counts = { read: 0, stored: 0, updated: 0, unchanged: 0, rejected: 0 }
  const errors: Array<Decode.CaseFileError> = []
  let batch: Array<Item> = []
  let position = 0
  const report = (): void => options.onProgress?.({ ...counts } satisfies Progress)
  const flush = async (): Promise<void> => {
    if (batch.length === 0) return
    const items = batch
    batch = []
    await importBatch(ledger, items, { importId, actor, at }, counts, errors)
    report()
  }
  for await (const value of source as AsyncIterable<unknown>) {
    const p = position++
    if (typeof value === "string" && value.trim() === "") continue
    batch.push({ position: p, value })
    counts.read++
    if (batch.length >= batchSize) await flush()
  }
  await flush()
  const finishedAt = options.at ?? ledger.now()
  await ledger.db
    .updateTable("imports")
    .set({ status: "done", finished_at: finishedAt, stored: counts.stored, updated: counts.updated, unchanged: counts.unchanged, rejected: counts.rejected })
    .where("import_id", "=", importId)
    .execute()
  await appendAudit(ledger.db, ledger, {
    actor,
    action: "import",
    subject: importId,
    detail: { source: options.source ?? "", ...counts },
    at: finishedAt
  })
  return {
    importId,
    ...counts,
    rejectedTo: `rejected_records where import_id = '${importId.replace(/'/g, "''")}'`,
    errors
  }
}

const decodeItem = (item: Item): { ok: true; value: CaseFile.CaseFile } | { ok: false; raw: string; error: Decode.CaseFileError } => {
  let value = item.value
  const raw = typeof value === "string" ? value : (JSON.stringify(value) ?? String(value))
  if (typeof value === "string") {
    try {
      value = JSON.parse(value)
    } catch (e) {
      return { ok: false, raw, error: Decode.jsonError(item.position, (e as Error).message) }
    }
  }
  const r = Decode.caseFile(value, item.position)
  return r.ok ? r : { ok: false, raw, error: r.error }
}

const importBatch = async (
  ledger: Ledger,
  items: ReadonlyArray<Item>,
  ctx: { readonly importId: string; readonly actor: string; readonly at: string },
  counts: { read: number; stored: number; updated: number; unchanged: number; rejected: number },
  errors: Array<Decode.CaseFileError>
): Promise<void> => {
  const good: Array<{ cf: CaseFile.CaseFile; canonical: string; version: string }> = []
  const rejected: Array<RejectedRecordsTable> = []
  for (const item of items) {
    const r = decodeItem(item)
    if (r.ok) {
      const canonical = canonicalJson(r.value)
      good.push({ cf: r.value, canonical, version: hash64(canonical) })
    }
    else {
      rejected.push({ import_id: ctx.importId, position: item.position, elder_id: r.error.elderId, raw: r.raw, error: JSON.stringify(r.error), at: ctx.at })
      if (errors.length < MAX_ERRORS) errors.push(r.error)
    }
  }
  const ids = [...new Set(good.map((g) => g.cf.elder.id))]
  const delta = { stored: 0, updated: 0, unchanged: 0 }
  await writeTransaction(ledger.db, ledger.flags, async (trx) => {
    delta.stored = delta.updated = delta.unchanged = 0
    const current = new Map<string, Current>()
    if (ids.length > 0) {
      for (let i = 0; i < ids.length; i += 1000) {
        const rows = await trx
          .selectFrom("elders")
          .select(["region_code", "elder_id", "case_file", "revision"])
          .where("elder_id", "in", ids.slice(i, i + 1000))
          .$if(ledger.flags.lockRows, (q) => q.forUpdate())
          .execute()
        for (const r of rows) {
          current.set(r.elder_id, { dbRegion: r.region_code, region: r.region_code, caseFile: r.case_file, version: "", revision: Number(r.revision), changed: false, decoded: null })
        }
      }
    }
    const history: Array<ElderHistoryTable> = []
    for (const { cf, canonical, version } of good) {
      const id = cf.elder.id
      const cur = current.get(id)
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
        import_id: ctx.importId,
        actor: ctx.actor,
        at: ctx.at,
        input_version: version,
        changed_paths: JSON.stringify(cur === undefined ? [] : changedPaths(JSON.parse(cur.caseFile), cf)),
        case_file: canonical
      })
      if (cur === undefined) {
        delta.stored++
        current.set(id, { dbRegion: null, region: cf.elder.regionCode, caseFile: canonical, version, revision, changed: true, decoded: cf })
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
    // carry over who recorded a visit through recordVisit when the same visit comes back
    const stored = changed.filter(([, c]) => c.dbRegion !== null)
    const recorded = new Map<string, Map<string, { recorded_by: string | null; recorded_at: string | null }>>()
    if (stored.length > 0) {
      for (let i = 0; i < stored.length; i += 500) {
        const keys = stored.slice(i, i + 500)
        const rows = await trx
          .selectFrom("visits")
          .select(["elder_id", "seq", "date", "mode", "visitor", "concerns", "recorded_by", "recorded_at"])
          .where((eb) => eb(eb.refTuple("region_code", "elder_id"), "in", keys.map(([id, c]) => eb.tuple(c.dbRegion!, id))))
          .where("recorded_by", "is not", null)
          .execute()
        for (const r of rows) {
          let m = recorded.get(r.elder_id)
          if (m === undefined) recorded.set(r.elder_id, (m = new Map()))
          m.set(visitKey(Number(r.seq), r.date, r.mode, r.visitor, r.concerns), { recorded_by: r.recorded_by, recorded_at: r.recorded_at })
        }
      }
      for (let i = 0; i < stored.length; i += 500) {
        const keys = stored.slice(i, i + 500)
        for (const t of CHILD_TABLES) {
          await trx
            .deleteFrom(t)
            .where((eb) => eb(eb.refTuple("region_code", "elder_id"), "in", keys.map(([id, c]) => eb.tuple(c.dbRegion!, id))))
            .execute()
        }
        const moved = keys.filter(([, c]) => c.dbRegion !== c.region)
        if (moved.length > 0) {
          for (const t of ["elders", "elder_status"] as const) {
            await trx
              .deleteFrom(t)
              .where((eb) => eb(eb.refTuple("region_code", "elder_id"), "in", moved.map(([id, c]) => eb.tuple(c.dbRegion!, id))))
              .execute()
          }
        }
      }
    }
    const elders: Array<EldersTable> = []
    const children = emptyChildren()
    for (const [id, c] of changed) {
      const cf = c.decoded!
      elders.push(elderRow(cf, c.caseFile, c.version, c.revision, ctx.importId, ctx.at))
      addChildren(children, cf, recorded.get(id))
    }
    if (elders.length > 0) {
      for (let i = 0; i < elders.length; i += 500) {
        await trx
          .insertInto("elders")
          .values(elders.slice(i, i + 500))
          .onConflict((oc) =>
            oc.columns(["region_code", "elder_id"]).doUpdateSet((eb) => ({
              name: eb.ref("excluded.name"),
              id_number: eb.ref("excluded.id_number"),
              phone: eb.ref("excluded.phone"),
              sex: eb.ref("excluded.sex"),
              birth_date: eb.ref("excluded.birth_date"),
              case_file: eb.ref("excluded.case_file"),
              input_version: eb.ref("excluded.input_version"),
              revision: eb.ref("excluded.revision"),
              import_id: eb.ref("excluded.import_id"),
              updated_at: eb.ref("excluded.updated_at")
            }))
          )
          .execute()
      }
    }
    await insertMany(trx, ledger.flags, "supporters", children.supporters)
    await insertMany(trx, ledger.flags, "delegated_carers", children.carers)
    await insertMany(trx, ledger.flags, "visits", children.visits)
    await insertMany(trx, ledger.flags, "risk_assessments", children.risks)
    await insertMany(trx, ledger.flags, "elder_history", history)
    for (const r of rejected) {
      await trx.insertInto("rejected_records").values(r).onConflict((oc) => oc.columns(["import_id", "position"]).doNothing()).execute()
    }
  })
  counts.stored += delta.stored
  counts.updated += delta.updated
  counts.unchanged += delta.unchanged
  counts.rejected += rejected.length
}

const maskCaseFile = (cf: CaseFile.CaseFile): CaseFile.CaseFile => ({
  ...cf,
  elder: {
    ...cf.elder,
    ...(cf.elder.idNumber !== undefined ? { idNumber: IdNumber.mask(cf.elder.idNumber) } : {}),
    ...(cf.elder.phone !== undefined ? { phone: IdNumber.maskPhone(cf.elder.phone) } : {})
  },
  supporters: cf.supporters.map((s) => (s.phone !== undefined ? { ...s, phone: IdNumber.maskPhone(s.phone) } : s)),
  delegatedCarer:
    cf.delegatedCarer !== null && cf.delegatedCarer.phone !== undefined ? { ...cf.delegatedCarer, phone: IdNumber.maskPhone(cf.delegatedCarer.phone) } : cf.delegatedCarer
})

/** Streams the stored case files of a region in code order, a page at a time. */
export async function* exportCaseFiles(
  ledger: Ledger,
  options: { readonly region?: string; readonly mask?: boolean; readonly pageSize?: number }
): AsyncIterable<CaseFile.CaseFile> {
  const [lo, hi] = regionRange(options.region)
  const pageSize = options.pageSize ?? 500
  let after: readonly [string, string] | null = null
  for (;;) {
    const cursor: readonly [string, string] | null = after
    const rows: Array<{ region_code: string; elder_id: string; case_file: string }> = await ledger.db
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
      yield options.mask === true ? maskCaseFile(cf) : cf
    }
    if (rows.length < pageSize) return
    const last: { region_code: string; elder_id: string } = rows[rows.length - 1]!
    after = [last.region_code, last.elder_id]
  }
}
