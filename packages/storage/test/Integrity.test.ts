/**
 * Nothing lost: elder identity across counties, the same elder twice in one input, visits
 * recorded through the API under a re-import, lazily pushed sources, and the import's counts.
 * Every case runs on SQLite and PostgreSQL.
 */
import type { CaseFile } from "@liushou/core"
import { Migrator, sql } from "kysely"
import { Readable } from "node:stream"
import { createInterface } from "node:readline"
import { describe, expect, it } from "vitest"
import { Ledger, Migrations } from "../src/index.js"
import { population } from "./support/arbitraries.js"
import { DIALECTS } from "@liushou/test-databases"
import { withLedger } from "./support/ledger.js"
import { AUDIT_LOCK } from "../src/internal/audit.js"

const clock = () => "2019-07-01T08:00:00.000Z"

const TABLES = ["supporters", "delegated_carers", "visits", "risk_assessments", "elder_history", "elder_status", "evaluations", "evaluation_failures", "rejected_records", "imports", "elders", "referral_transitions", "referral_cases"]

/** `n` case files of one village, ids P0000001..., in a county's own numbering. */
const county = (village: string, n: number, offset = 0): Array<CaseFile.CaseFile> =>
  [...population(n, 7 + offset)].map((c) => {
    const { idNumber: _, ...elder } = c.elder
    return { ...c, elder: { ...elder, regionCode: village, name: `${c.elder.name}${village.slice(4, 6)}` } }
  })

const collect = async <A>(it: AsyncIterable<A>): Promise<Array<A>> => {
  const out: Array<A> = []
  for await (const a of it) out.push(a)
  return out
}

for (const dialect of DIALECTS) {
  describe(`Ledger integrity on ${dialect.name}`, () => {
    let ledger: Ledger.Ledger
    withLedger(dialect, "integrity", { clock }, (l) => {
      ledger = l
    })
    const reset = async () => {
      for (const t of TABLES) await ledger.db.deleteFrom(t as never).execute()
    }

    it("the same ledger id in two counties is two elders: an import never overwrites another county's elder", async () => {
      await reset()
      const changsha = county("430121101201", 20)
      const liuyang = county("430181103204", 20, 1)
      expect(changsha.map((c) => c.elder.id)).toEqual(liuyang.map((c) => c.elder.id))
      expect(await ledger.importCaseFiles(changsha, { importId: "a" })).toMatchObject({ read: 20, stored: 20, updated: 0 })
      expect(await ledger.importCaseFiles(liuyang, { importId: "b" })).toMatchObject({ read: 20, stored: 20, updated: 0, unchanged: 0 })
      const exported = await collect(ledger.exportCaseFiles())
      expect(exported).toHaveLength(40)
      expect(await collect(ledger.exportCaseFiles({ region: "430121" }))).toEqual(changsha)
      expect(await collect(ledger.exportCaseFiles({ region: "430181" }))).toEqual(liuyang)
      // re-importing either county changes nothing in the other
      expect(await ledger.importCaseFiles(changsha, { importId: "c" })).toMatchObject({ unchanged: 20, stored: 0, updated: 0 })
      expect(await collect(ledger.exportCaseFiles({ region: "430181" }))).toEqual(liuyang)
      // a move between villages of one county is the same elder
      const moved = { ...changsha[0]!, elder: { ...changsha[0]!.elder, regionCode: "430121101203" } }
      expect(await ledger.importCaseFiles([moved], { importId: "d" })).toMatchObject({ updated: 1 })
      expect((await ledger.history(moved.elder.id, { region: "430121" })).map((r) => r.change)).toEqual(["created", "moved"])
      expect((await ledger.history(moved.elder.id, { region: "430181" })).map((r) => r.change)).toEqual(["created"])
      // a lookup by id alone is ambiguous, and says so
      const id = liuyang[1]!.elder.id
      await expect(ledger.history(id)).rejects.toMatchObject({ _tag: "LedgerInputError", message: expect.stringContaining("430121, 430181") })
      await expect(ledger.elder(id)).rejects.toMatchObject({ _tag: "LedgerInputError" })
      expect((await ledger.elder(id, { region: "430181" }))!.caseFile).toEqual(liuyang[1])
      const visit: CaseFile.Visit = { date: "2019-07-02", mode: "home", by: "township", concerns: [] }
      const ambiguous = await ledger.recordVisit({ elderId: id, visit, actor: "x" })
      expect(ambiguous.ok === false && ambiguous.error).toMatchObject({ _tag: "AmbiguousElder", counties: ["430121", "430181"] })
      const ok = await ledger.recordVisit({ elderId: id, region: "430181103204", visit, actor: "x" })
      expect(ok.ok).toBe(true)
      if (dialect.name === "postgres") {
        // a visit by id alone locks every county's row before the audit chain, and an ambiguous
        // one never takes the chain: holding the chain between two rows' locks let it deadlock
        // with a visit to the second county's elder, which takes its row and then the chain
        let waiting: ReturnType<typeof ledger.recordVisit> | undefined
        await ledger.db.transaction().execute(async (trx) => {
          await sql`select 1 from elders where region_code = '430181103204' and elder_id = ${id} for update`.execute(trx)
          waiting = ledger.recordVisit({ elderId: id, visit, actor: "x" })
          await new Promise((r) => setTimeout(r, 300))
          const chain = await sql<{ free: boolean }>`select pg_try_advisory_xact_lock(${AUDIT_LOCK}::bigint) as free`.execute(ledger.db)
          expect(chain.rows[0]!.free).toBe(true)
        })
        const waited = await waiting!
        expect(waited.ok === false && waited.error).toMatchObject({ _tag: "AmbiguousElder" })
      }
      expect((await ledger.elder(id, { region: "430121" }))!.caseFile).toEqual(changsha[1])
      // the database refuses a second elder with the same county and id, whatever writes it
      const row = await ledger.db.selectFrom("elders").selectAll().where("region_code", "=", "430181103204").where("elder_id", "=", id).executeTakeFirstOrThrow()
      await expect(ledger.db.insertInto("elders").values({ ...row, region_code: "430181103299" }).execute()).rejects.toThrow()
    })

    it("migration 0003 restores the elders an earlier import moved across counties", async () => {
      const fresh = await dialect.create("identity-migration")
      try {
        const m = await Ledger.make({ db: fresh.db, clock })
        const migrator = new Migrator({ db: fresh.db, provider: { getMigrations: async () => Migrations.migrations(m.flags) }, migrationTableName: "liushou_migration", migrationLockTableName: "liushou_migration_lock" })
        expect((await migrator.migrateTo("0002_reasons")).error).toBeUndefined()
        // the state the old importer left: 430121's P0000001 overwritten by 430181's and "moved"
        const [a] = county("430121101201", 1)
        const [b] = county("430181103204", 1, 1)
        const history = (cf: CaseFile.CaseFile, revision: number, change: string) => ({
          region_code: cf.elder.regionCode,
          elder_id: cf.elder.id,
          revision,
          change,
          import_id: `i${revision}`,
          actor: "clerk",
          at: clock(),
          input_version: `v${revision}`,
          changed_paths: "[]",
          case_file: JSON.stringify(cf)
        })
        await fresh.db.insertInto("elder_history").values([history(a!, 1, "created"), history(b!, 2, "moved")]).execute()
        await fresh.db
          .insertInto("elders")
          .values({ region_code: b!.elder.regionCode, elder_id: b!.elder.id, name: b!.elder.name, id_number: null, phone: null, sex: b!.elder.sex, birth_date: b!.elder.birthDate, case_file: JSON.stringify(b), input_version: "v2", revision: 2, import_id: "i2", updated_at: clock() })
          .execute()
        expect(await m.migrateToLatest()).toEqual(["0003_identity Up", "0004_tamper_evidence Up", "0005_assignments Up", "0006_partitions Up", "0007_import_lock Up", "0008_compression Up", "0009_ledger_events Up", "0010_evaluation_refs Up", "0011_services Up", "0012_county_due Up", "0013_due_list Up"])
        expect((await m.elder(a!.elder.id, { region: "430121" }))!).toMatchObject({ regionCode: "430121101201", revision: 1, caseFile: a })
        expect((await m.elder(a!.elder.id, { region: "430181" }))!).toMatchObject({ regionCode: "430181103204", revision: 2, caseFile: b })
        const supporters = await fresh.db.selectFrom("supporters").select("position").where("region_code", "=", "430121101201").execute()
        expect(supporters).toHaveLength(a!.supporters.length)
        expect(await collect(m.exportCaseFiles())).toEqual([a, b])
      } finally {
        await fresh.close()
      }
    })

    it("the same elder twice in one input: the second is rejected, not an update", async () => {
      await reset()
      const [a, b] = county("430121101201", 2)
      const again = { ...a!, elder: { ...a!.elder, annualIncome: a!.elder.annualIncome + 100 } }
      const elsewhere = { ...a!, elder: { ...a!.elder, regionCode: "430121101203" } }
      const otherCounty = { ...a!, elder: { ...a!.elder, regionCode: "430181103204" } }
      const r = await ledger.importCaseFiles([a, b, again, elsewhere, otherCounty], { importId: "dup", batchSize: 2 })
      expect(r).toMatchObject({ read: 5, stored: 3, updated: 0, unchanged: 0, rejected: 2 })
      expect(r.errors.map((e) => [e.position, e.issues[0]!.path])).toEqual([
        [2, "elder.id"],
        [3, "elder.id"]
      ])
      expect(r.errors[0]!.message.en).toContain("#1")
      expect(r.errors[0]!.message.zh).toContain("第 1 条")
      const rejected = await ledger.db.selectFrom("rejected_records").select(["position", "raw"]).where("import_id", "=", "dup").orderBy("position").execute()
      expect(rejected.map((x) => x.position)).toEqual([2, 3])
      expect(JSON.parse(rejected[0]!.raw)).toEqual(again)
      expect((await ledger.elder(a!.elder.id, { region: "430121" }))!.caseFile).toEqual(a)
    })

    it("a re-import keeps the visits recorded through the API (merge), or drops them only when asked (file), and reports them per elder", async () => {
      await reset()
      const cases = county("430121101201", 5)
      await ledger.importCaseFiles(cases, { importId: "r1" })
      const visits: Array<CaseFile.Visit> = [
        { date: "2019-07-02", mode: "home", by: "township", concerns: ["health"] },
        { date: "2019-07-09", mode: "phone", by: "volunteer", concerns: [] }
      ]
      for (const v of visits) expect((await ledger.recordVisit({ elderId: cases[0]!.elder.id, visit: v, actor: "村委会" })).ok).toBe(true)
      expect((await ledger.recordVisit({ elderId: cases[1]!.elder.id, visit: visits[0]!, actor: "村委会" })).ok).toBe(true)
      const withVisits = (await ledger.elder(cases[0]!.elder.id))!.caseFile
      // the same file again: nothing lost, nothing changed
      const again = await ledger.importCaseFiles(cases, { importId: "r2" })
      expect(again).toMatchObject({ read: 5, unchanged: 5, updated: 0, reimport: "merge", merged: 3, discarded: 0 })
      expect(again.recordedVisits.map((r) => [r.elderId, r.visits.length, r.policy])).toEqual([
        [cases[0]!.elder.id, 2, "merge"],
        [cases[1]!.elder.id, 1, "merge"]
      ])
      expect((await ledger.elder(cases[0]!.elder.id))!.caseFile).toEqual(withVisits)
      // a changed file: its changes are taken and the recorded visits kept, still marked as recorded
      const changed = cases.map((c) => ({ ...c, elder: { ...c.elder, annualIncome: c.elder.annualIncome + 1 } }))
      const merged = await ledger.importCaseFiles(changed, { importId: "r3" })
      expect(merged).toMatchObject({ updated: 5, merged: 3, discarded: 0 })
      const now = (await ledger.elder(cases[0]!.elder.id))!.caseFile
      expect(now.elder.annualIncome).toBe(changed[0]!.elder.annualIncome)
      expect(now.visits.slice(-2)).toEqual(visits)
      const recordedRows = await ledger.db.selectFrom("visits").select(["recorded_by"]).where("elder_id", "=", cases[0]!.elder.id).where("recorded_by", "is not", null).execute()
      expect(recordedRows).toHaveLength(2)
      // the file authoritative, on request: dropped, reported, and kept in the history
      const file = await ledger.importCaseFiles(changed, { importId: "r4", reimport: "file" })
      expect(file).toMatchObject({ updated: 2, unchanged: 3, merged: 0, discarded: 3 })
      expect(file.recordedVisits.map((r) => [r.elderId, r.visits, r.policy])).toEqual([
        [cases[0]!.elder.id, visits, "file"],
        [cases[1]!.elder.id, [visits[0]], "file"]
      ])
      expect((await ledger.elder(cases[0]!.elder.id))!.caseFile).toEqual(changed[0])
      const h = await ledger.history(cases[0]!.elder.id)
      expect(h.some((r) => r.caseFile.visits.length === changed[0]!.visits.length + 2)).toBe(true)
    })

    it("takes a lazily pushed source (readline) from the start, and the counts add up", async () => {
      await reset()
      const cases = county("430121101201", 50)
      const text = cases.map((c) => JSON.stringify(c)).join("\n") + "\n{bad\n\n"
      // the stream starts flowing at once: lines are emitted before the importer's first await
      const rl = createInterface({ input: Readable.from([text]), crlfDelay: Infinity })
      const r = await ledger.importCaseFiles(rl, { importId: "lazy", batchSize: 7 })
      expect(r).toMatchObject({ read: 51, stored: 50, rejected: 1 })
      expect(r.read).toBe(r.stored + r.updated + r.unchanged + r.rejected)
      const status = await ledger.db.selectFrom("imports").select(["status", "stored", "rejected"]).where("import_id", "=", "lazy").executeTakeFirstOrThrow()
      expect(status).toEqual({ status: "done", stored: 50, rejected: 1 })
    })

    it("an import that fails is marked failed, not left running, and a rerun resumes it", async () => {
      await reset()
      const cases = county("430121101201", 30)
      async function* failing() {
        for (let i = 0; i < 20; i++) yield cases[i]
        throw new Error("source went away")
      }
      await expect(ledger.importCaseFiles(failing(), { importId: "f", batchSize: 10 })).rejects.toThrow("source went away")
      const row = await ledger.db.selectFrom("imports").select(["status", "stored"]).where("import_id", "=", "f").executeTakeFirstOrThrow()
      expect(row).toEqual({ status: "failed", stored: 20 })
      const rerun = await ledger.importCaseFiles(cases, { importId: "f", batchSize: 10 })
      expect(rerun).toMatchObject({ read: 30, unchanged: 20, stored: 10 })
      expect((await ledger.db.selectFrom("imports").select("status").where("import_id", "=", "f").executeTakeFirstOrThrow()).status).toBe("done")
    })

    it("bad bytes are rejected like any other record, kept in rejected_records, and the import completes (the same records on every dialect)", async () => {
      await reset()
      const [base] = county("430121101201", 1)
      const line = (f: (cf: any) => void) => {
        const cf = JSON.parse(JSON.stringify(base)) as any
        f(cf)
        return JSON.stringify(cf)
      }
      const corpus: ReadonlyArray<readonly [string, boolean]> = [
        ["\ufeff" + line((cf) => (cf.elder.id = "BOM1")), true],
        [line((cf) => (cf.elder.id = "NUL\u0000ID")), false],
        [line((cf) => (cf.elder.id = "RAW1")).replace("RAW1", "RAW\u00001"), false],
        ["{\u0000 not json", false],
        [line((cf) => (cf.elder.id = "L".repeat(5000))), false],
        [line((cf) => (cf.elder.id = "E\u001b[2J\u001b[31mred\nline")), false],
        [line((cf) => (cf.elder.name = "\u200b\u200b")), false],
        [line((cf) => (cf.elder.id = "OLD").toString() + (cf.elder.birthDate = "1879-12-31")), false],
        [line((cf) => (cf.elder.id = "FUTURE").toString() + (cf.elder.birthDate = "2020-01-01")), false],
        [line((cf) => (cf.elder.id = "RICH").toString() + (cf.elder.annualIncome = 1e12)), false],
        [line((cf) => (cf.elder.id = "SUPP").toString() + (cf.supporters = [{ id: "S1", relation: "son", whereabouts: "in-county", awaySince: null, reportedToVillage: false, lastContact: null }, { id: "S1", relation: "daughter", whereabouts: "in-county", awaySince: null, reportedToVillage: false, lastContact: null }])), false],
        [line((cf) => (cf.elder.id = "OK2")), true],
        [line((cf) => (cf.elder.id = "OK2").toString() + (cf.elder.annualIncome = 1)), false]
      ]
      const r = await ledger.importCaseFiles(corpus.map(([l]) => l), { importId: "bytes", batchSize: 4 })
      const accepted = corpus.flatMap(([, ok], i) => (ok ? [i] : []))
      expect(r).toMatchObject({ read: corpus.length, stored: accepted.length, rejected: corpus.length - accepted.length })
      const rows = await ledger.db.selectFrom("rejected_records").select(["position", "elder_id", "raw", "error"]).where("import_id", "=", "bytes").orderBy("position").execute()
      expect(rows.map((x) => x.position)).toEqual(corpus.flatMap(([, ok], i) => (ok ? [] : [i])))
      // NUL is kept as the escape \u0000 (PostgreSQL text cannot hold it); everything else as given
      expect(rows.find((x) => x.position === 2)!.raw).toBe(corpus[2]![0].replace("\u0000", "\\u0000"))
      expect(rows.find((x) => x.position === 5)!.raw).toBe(corpus[5]![0])
      expect(rows.every((x) => (x.elder_id ?? "").length <= 101)).toBe(true)
      for (const x of rows) expect(JSON.parse(x.error).message.en).not.toMatch(/[\u0000-\u0009\u000b-\u001f]/)
      expect((await ledger.db.selectFrom("imports").select("status").where("import_id", "=", "bytes").executeTakeFirstOrThrow()).status).toBe("done")
      expect((await collect(ledger.exportCaseFiles())).map((c) => c.elder.id).sort()).toEqual(["BOM1", "OK2"])
      // the rerun completes the same way
      expect(await ledger.importCaseFiles(corpus.map(([l]) => l), { importId: "bytes" })).toMatchObject({ unchanged: accepted.length, rejected: corpus.length - accepted.length })
    })

    it("masks every echoed value that could be personal data", async () => {
      await reset()
      const [base] = county("430121101201", 1)
      const line = (f: (cf: any) => void) => {
        const cf = JSON.parse(JSON.stringify(base)) as any
        f(cf)
        return JSON.stringify(cf)
      }
      const secrets = ["430121195901010020", "13812345678", "王秀英"]
      const corpus = [
        line((cf) => (cf.elder.phone = 13812345678)),
        line((cf) => (cf.elder.idNumber = 430121195901010020)),
        line((cf) => (cf.elder.idCard = "430121195901010020")),
        line((cf) => (cf.elder.mobile = "13812345678")),
        line((cf) => (cf.elder.fullName = "王秀英")),
        line((cf) => (cf.elder.name = ["王秀英"])),
        line((cf) => (cf.elder.id = "430121195901010020").toString() + (cf.elder.sex = "x")),
        line((cf) => (cf.supporters = [{ id: "S1", relation: "son", whereabouts: "in-county", awaySince: null, reportedToVillage: false, lastContact: null, telephone: "13812345678" }])),
        '{"elder":{"name":"王秀英","idNumber":"430121195901010020" oops',
        '{"elder":{"phone":13812345678,,}}'
      ]
      const r = await ledger.importCaseFiles(corpus, { importId: "leaks" })
      expect(r.rejected).toBe(corpus.length)
      const printed = [
        ...r.errors.flatMap((e) => [e.message.en, e.message.zh, JSON.stringify(e)]),
        ...(await ledger.db.selectFrom("rejected_records").select(["elder_id", "error"]).where("import_id", "=", "leaks").execute()).flatMap((x) => [x.elder_id ?? "", x.error])
      ].join("\n")
      for (const secret of secrets) expect(printed).not.toContain(secret)
      expect(printed).toContain("430121********0020")
    })
  })
}
