/**
 * One import measurement in its own process (so its peak RSS is its own): the ledger's
 * import of a JSON Lines file, or the raw driver inserting the same rows, prepared before
 * timing, in batched transactions. Prints one JSON line: {ms, cases, peakRssMiB}.
 *
 * Arguments: <sqlite|postgres> <ledger|raw> <jsonl file> <sqlite file | pg database>
 */
import { canonicalJson, hash64 } from "@liushou/core"
import type { CaseFile } from "@liushou/core"
import { Flags, Ledger } from "@liushou/storage"
import * as Drivers from "../lib/drivers.js"
import { lines } from "../lib/population.js"
import { now } from "../lib/stats.js"

const [dialect, mode, file, target] = process.argv.slice(2) as ["sqlite" | "postgres", "ledger" | "raw", string, string]
const AT = "2021-06-30T00:00:00.000Z"
const BATCH = 500

const open = async () => {
  const K = await Drivers.kysely()
  if (dialect === "sqlite") {
    const Database = Drivers.BetterSqlite3()
    const raw = new Database(target)
    return { db: new K.Kysely({ dialect: new K.SqliteDialect({ database: raw }) }), flags: Flags.sqlite, raw }
  }
  const pg = Drivers.pg()
  const pool = new pg.Pool({ connectionString: Drivers.pgUrl(target), max: 2 })
  return { db: new K.Kysely({ dialect: new K.PostgresDialect({ pool }) }), flags: Flags.postgres, pool }
}

type Row = Record<string, unknown>
interface Rows {
  elders: Array<Row>
  supporters: Array<Row>
  delegated_carers: Array<Row>
  visits: Array<Row>
  risk_assessments: Array<Row>
  elder_history: Array<Row>
}
const emptyRows = (): Rows => ({ elders: [], supporters: [], delegated_carers: [], visits: [], risk_assessments: [], elder_history: [] })

/** the rows of one new case file, as the ledger stores them (schema of @liushou/storage's Tables) */
const addRows = (into: Rows, cf: CaseFile.CaseFile): void => {
  const canonical = canonicalJson(cf)
  const version = hash64(canonical)
  const region_code = cf.elder.regionCode
  const elder_id = cf.elder.id
  into.elders.push({ region_code, elder_id, name: cf.elder.name, id_number: cf.elder.idNumber ?? null, phone: cf.elder.phone ?? null, sex: cf.elder.sex, birth_date: cf.elder.birthDate, case_file: canonical, input_version: version, revision: 1, import_id: "raw", updated_at: AT })
  cf.supporters.forEach((s, position) =>
    into.supporters.push({ region_code, elder_id, position, supporter_id: s.id, relation: s.relation, whereabouts: s.whereabouts, away_since: s.awaySince, reported_to_village: s.reportedToVillage ? 1 : 0, last_contact: s.lastContact, name: s.name ?? null, phone: s.phone ?? null })
  )
  if (cf.delegatedCarer !== null) {
    const c = cf.delegatedCarer
    into.delegated_carers.push({ region_code, elder_id, name: c.name, relation: c.relation, since: c.since, phone: c.phone ?? null })
  }
  cf.visits.forEach((v, seq) => into.visits.push({ region_code, elder_id, seq, date: v.date, mode: v.mode, visitor: v.by, concerns: JSON.stringify(v.concerns), recorded_by: null, recorded_at: null }))
  cf.riskAssessments.forEach((r, seq) => into.risk_assessments.push({ region_code, elder_id, seq, date: r.date, level: r.level }))
  into.elder_history.push({ region_code, elder_id, revision: 1, change: "created", import_id: "raw", actor: "bench", at: AT, input_version: version, changed_paths: "[]", case_file: canonical })
}

const main = async (): Promise<void> => {
  const { db, flags, raw, pool } = (await open()) as { db: any; flags: Flags.DialectFlags; raw?: any; pool?: any }
  const ledger = await Ledger.make({ db, flags, clock: () => AT })
  await ledger.migrateToLatest()
  let ms = 0
  let cases = 0
  if (mode === "ledger") {
    const t = now()
    const r = await ledger.importCaseFiles(lines(file), { importId: "bench", source: file, actor: "bench", at: AT, batchSize: BATCH })
    ms = now() - t
    cases = r.stored + r.updated + r.unchanged + r.rejected
  } else {
    // rows prepared batch by batch, untimed; only the inserting is timed
    const batches: Array<Rows> = []
    let cur = emptyRows()
    let n = 0
    const flushTimed = async (rows: Rows): Promise<void> => {
      const t = now()
      if (raw !== undefined) insertSqlite(raw, rows)
      else await insertPg(pool!, rows)
      ms += now() - t
    }
    for await (const line of lines(file)) {
      if (line === "") continue
      addRows(cur, JSON.parse(line) as CaseFile.CaseFile)
      cases++
      if (++n === BATCH) {
        batches.push(cur)
        cur = emptyRows()
        n = 0
        // insert as we go so memory stays bounded, like the ledger
        await flushTimed(batches.pop()!)
      }
    }
    if (n > 0) await flushTimed(cur)
  }
  await db.destroy()
  const peakRssMiB = process.resourceUsage().maxRSS / 1024
  process.stdout.write(JSON.stringify({ ms, cases, peakRssMiB }) + "\n")
}

const statements = new Map<string, any>()
const insertSqlite = (raw: any, rows: Rows): void => {
  raw.transaction(() => {
    for (const [table, list] of Object.entries(rows) as Array<[string, Array<Row>]>) {
      if (list.length === 0) continue
      const cols = Object.keys(list[0]!)
      let st = statements.get(table)
      if (st === undefined) {
        st = raw.prepare(`insert into ${table} (${cols.join(", ")}) values (${cols.map(() => "?").join(", ")})`)
        statements.set(table, st)
      }
      for (const r of list) st.run(...cols.map((c) => r[c]))
    }
  }).immediate()
}

const insertPg = async (pool: any, rows: Rows): Promise<void> => {
  const client = await pool.connect()
  try {
    await client.query("begin")
    for (const [table, list] of Object.entries(rows) as Array<[string, Array<Row>]>) {
      if (list.length === 0) continue
      const cols = Object.keys(list[0]!)
      const per = Math.floor(60000 / cols.length)
      for (let i = 0; i < list.length; i += per) {
        const chunk = list.slice(i, i + per)
        const values: Array<unknown> = []
        const tuples = chunk.map((r) => `(${cols.map((c) => (values.push(r[c]), `$${values.length}`)).join(", ")})`)
        await client.query(`insert into ${table} (${cols.join(", ")}) values ${tuples.join(", ")}`, values)
      }
    }
    await client.query("commit")
  } finally {
    client.release()
  }
}

main().catch((e) => {
  console.error(e)
  process.exit(1)
})
