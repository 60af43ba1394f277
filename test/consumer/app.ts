// An integrator's application: every published entry point, used as the README shows.
import { readFileSync } from "node:fs"
import { Decode, Engine, Loader } from "@liushou/core"
import { hunan } from "@liushou/policy-hunan"
import { national } from "@liushou/policy-national"
import { Flags, Ledger } from "@liushou/storage"
import { syntheticPopulation } from "@liushou/testkit"
import { Kysely, PostgresDialect } from "kysely"
import pg from "pg"

const registry = Loader.load([national, hunan])
if (registry.errors.length > 0) throw new Error(registry.errors.map((e) => e.message.en).join("\n"))
const engine = Engine.make(registry)

const cases: ReadonlyArray<unknown> = JSON.parse(readFileSync("hunan-villages.json", "utf8"))
let evaluated = 0
for (const input of cases) {
  const decoded = Decode.caseFile(input)
  if (!decoded.ok) throw new Error(decoded.error.message.en)
  const result = engine.evaluate(decoded.value, "2019-06-30")
  if (!result.ok) throw new Error(`${result.error.elderId}: ${result.error.reason.reasons.map((r) => r.text.en).join("; ")}`)
  const leftBehind: boolean | null = result.value.leftBehind.value
  if (typeof leftBehind !== "boolean" && leftBehind !== null) throw new Error("leftBehind is not a boolean")
  evaluated++
}

const population = syntheticPopulation(50, { region: "430121", seed: 7, asOf: "2021-06-30" })

// The ledger on the application's own Kysely (whatever version it has): a PostgreSQL database made for this run.
const adminUrl = process.env.LIUSHOU_PG_URL ?? "postgres://postgres:postgres@127.0.0.1:5432/liushou_test"
const database = `liushou_consumer_${process.pid}`
const admin = new pg.Client({ connectionString: adminUrl })
await admin.connect()
await admin.query(`create database ${database}`)
const url = new URL(adminUrl)
url.pathname = `/${database}`
const db = new Kysely<any>({ dialect: new PostgresDialect({ pool: new pg.Pool({ connectionString: url.toString(), max: 2 }) }) })
try {
  if (Flags.detect(db) !== Flags.postgres) throw new Error("the application's Kysely was not detected as PostgreSQL")
  const ledger = await Ledger.make({ db })
  await ledger.migrateToLatest()
  const imported = await ledger.importCaseFiles(population, { source: "synthetic", actor: "consumer-test" })
  if (imported.stored !== population.length) throw new Error(`stored ${imported.stored} of ${population.length}`)
  const run = await ledger.assess(engine, "2021-06-30")
  if (run.evaluated !== population.length) throw new Error(`assessed ${run.evaluated} of ${population.length}`)
  const replay = await ledger.replayAll(engine)
  if (replay.differ.length !== 0) throw new Error(`${replay.differ.length} stored evaluations differ on replay`)
  console.log(`consumer: evaluated ${evaluated} case files; ledger on kysely ${process.env.KYSELY_VERSION ?? "?"}: stored ${imported.stored}, assessed ${run.evaluated}, replayed ${replay.checked}`)
} finally {
  await db.destroy()
  await admin.query(`drop database if exists ${database}`)
  await admin.end()
}
