/**
 * The host configuration (`liushou.config.json`): which plugins and county override files to
 * load, the database, the users and API tokens with their role and region scope, and names of
 * regions for reports. Defined once with Effect Schema; the JSON Schema in
 * docs/schema/liushou-config.schema.json is generated from it (`liushou config --schema`).
 */
import { existsSync } from "node:fs"
import { readFile } from "node:fs/promises"
import { dirname, resolve } from "node:path"
import { Result, Schema, SchemaIssue } from "effect"
import { CalendarDate, RegionCode } from "@liushou/core"

const regionScope = Schema.String.check(
  Schema.makeFilter<string>((s) => RegionCode.isValid(s) || "Expected a region code of 2, 4, 6, 9 or 12 digits (province, prefecture, county, township, village)")
).annotate({ description: "A region code: 2 (province), 4 (prefecture), 6 (county), 9 (township) or 12 (village) digits", examples: ["430121"] })

/** The roles a user or token may have, from the least allowed. */
export const ROLES = ["viewer", "visitor", "caseworker", "officer"] as const
export type Role = (typeof ROLES)[number]

/** What each role may do (reads are always allowed within the scope). */
export const PERMISSIONS: Readonly<Record<Role, ReadonlyArray<Permission>>> = {
  viewer: ["read"],
  visitor: ["read", "record-visit"],
  caseworker: ["read", "record-visit", "referral", "assign", "ledger"],
  officer: ["read", "record-visit", "referral", "assign", "ledger", "evaluate", "report", "export", "import", "assess"]
}
/** `assign`: name a responsible visitor or a pairing for an elder, and end one. `ledger`: record an elder's entry into or exit from the active ledger. */
export type Permission = "read" | "record-visit" | "referral" | "assign" | "ledger" | "evaluate" | "report" | "export" | "import" | "assess"

/** A user of the CLI or the API. */
export const User = Schema.Struct({
  name: Schema.String.check(Schema.makeFilter<string>((s) => /^[A-Za-z0-9_.@-]{1,64}$/.test(s) || "Expected a user name of 1-64 letters, digits, _ . @ -")).annotate({
    description: "Who acts: recorded in the audit log (use a staff id, not a personal name)"
  }),
  role: Schema.Literals(ROLES).annotate({
    description: "viewer: read; visitor: read and record visits; caseworker: also move referral cases; officer: also evaluate, report, export, import and assess"
  }),
  region: regionScope.annotate({ description: "The region the user sees and writes: a village worker their village (12 digits), a county officer their county (6 digits)" }),
  token: Schema.optionalKey(Schema.String.check(Schema.isMinLength(16)).annotate({ description: "API bearer token in clear text (for trials; prefer tokenSha256 or tokenEnv)" })),
  tokenSha256: Schema.optionalKey(
    Schema.String.check(Schema.makeFilter<string>((s) => /^[0-9a-f]{64}$/.test(s) || "Expected 64 lower-case hex digits")).annotate({ description: "SHA-256 (hex) of the API bearer token" })
  ),
  tokenEnv: Schema.optionalKey(Schema.String.annotate({ description: "Name of an environment variable holding the API bearer token" }))
}).annotate({ identifier: "User", description: "A user of the CLI (--user NAME) or the API (Authorization: Bearer TOKEN)" })
export type User = typeof User.Type

const isoDate = Schema.String.check(Schema.makeFilter<string>((s) => CalendarDate.isValid(s) || "Expected a calendar date YYYY-MM-DD"))

/** Keeping an expired plugin in force past its last day: which, until when, on whose decision. */
export const Continuation = Schema.Struct({
  plugin: Schema.String.check(Schema.isMinLength(1)).annotate({ description: "Id of the expired plugin to keep applying (e.g. hunan-2018-30)" }),
  until: Schema.optionalKey(isoDate.annotate({ description: "Last day to keep applying it (inclusive), YYYY-MM-DD; absent: until a successor is in force" })),
  decision: Schema.String.check(Schema.isMinLength(1)).annotate({ description: "The decision that orders it (document number or minute), recorded in the audit log and the selection reason" })
}).annotate({ identifier: "ContinuePastExpiry", description: "An expired plugin kept in force by an explicit, audited decision" })
export type Continuation = typeof Continuation.Type

/** The configuration file. */
export const Config = Schema.Struct({
  $schema: Schema.optionalKey(Schema.String),
  builtins: Schema.optionalKey(Schema.Boolean.annotate({ description: "Load the built-in plugins (national baseline, Hunan) as well; default true" })),
  examples: Schema.optionalKey(
    Schema.Boolean.annotate({ description: "Also load the example plugins (a sample three-tier province, a sample county override of 430121); default false: a sample never governs real elders unless asked for" })
  ),
  plugins: Schema.optionalKey(
    Schema.Array(Schema.String).annotate({
      description:
        "Plugin modules: package names (\"@liushou/example-three-tier-province\") or paths relative to this file (.js, .ts). Every export that is a plugin is loaded."
    })
  ),
  overrides: Schema.optionalKey(
    Schema.Array(Schema.String).annotate({
      description: "County override files, relative to this file: a plugin module (.js, .ts), or a JSON file of parameter values (see ParameterOverride)"
    })
  ),
  database: Schema.optionalKey(Schema.String.annotate({ description: "Database URL: sqlite:PATH (default sqlite:.liushou/liushou.db) or postgres://..." })),
  users: Schema.optionalKey(Schema.Array(User)),
  regionNames: Schema.optionalKey(
    Schema.Record(Schema.String, Schema.String).annotate({ description: "Names of regions by code, for reports (\"430121\": \"长沙县\")" })
  ),
  continuePastExpiry: Schema.optionalKey(
    Schema.Array(Continuation).annotate({
      description:
        "Expired plugins to keep applying after their last day in force (off by default): each until its date or until a successor is in force; a successor in force always wins. Every reason is marked （失效后继续适用）/(continued past expiry), provenance records it, and every assessment run and API evaluate request writes an audit entry."
    })
  )
}).annotate({ identifier: "LiushouConfig", title: "liushou host configuration", description: "liushou.config.json: plugins, county overrides, database, users and their region scopes" })
export type Config = typeof Config.Type

const DatedValue = Schema.Struct({
  from: Schema.String.annotate({ description: "First day in force, YYYY-MM-DD" }),
  until: Schema.optionalKey(Schema.String.annotate({ description: "Last day in force (inclusive), YYYY-MM-DD" })),
  value: Schema.Unknown.annotate({ description: "The value; the same JSON type as the parent's value" }),
  region: Schema.optionalKey(regionScope),
  reference: Schema.optionalKey(Schema.String)
})

/**
 * A county override as data: a plugin with parameter values only, extending a loaded plugin.
 * Each parameter must exist in the parent's chain and be `local` or `regional` (values fixed
 * by law cannot be overridden); description, unit and the regional flag are taken from the parent; the values are the county's local choice (status "local").
 */
export const ParameterOverride = Schema.Struct({
  $schema: Schema.optionalKey(Schema.String),
  id: Schema.String.annotate({ description: "Plugin id, lower-case letters, digits and dashes" }),
  version: Schema.String.annotate({ description: "semver x.y.z" }),
  extends: Schema.Struct({ id: Schema.String, version: Schema.String }).annotate({ description: "The plugin overridden and the version range needed" }),
  region: regionScope,
  document: Schema.Struct({
    number: Schema.String.check(Schema.isMinLength(1)),
    title: Schema.Struct({ zh: Schema.String, en: Schema.String })
  }).annotate({ description: "The county document that sets these values" }),
  effectiveFrom: Schema.String,
  effectiveUntil: Schema.NullOr(Schema.String),
  parameters: Schema.Array(
    Schema.Struct({
      id: Schema.String.annotate({ description: "Id of a parameter of the parent chain" }),
      clause: Schema.optionalKey(Schema.String.annotate({ description: "Clause of the county document; default: the parent's reference" })),
      values: Schema.Array(DatedValue)
    })
  )
}).annotate({ identifier: "ParameterOverride", title: "liushou county parameter override", description: "A JSON county override: parameter values only" })
export type ParameterOverride = typeof ParameterOverride.Type

const REGION_PATTERN = "^(\\d{2}|\\d{4}|\\d{6}|\\d{9}|\\d{12})$"

/** Adds what filters cannot express in JSON Schema (patterns), and closes objects (unknown keys are errors). */
const refine = (node: unknown, key?: string): unknown => {
  if (Array.isArray(node)) return node.map((n) => refine(n))
  if (node === null || typeof node !== "object") return node
  const out: Record<string, unknown> = {}
  for (const [k, v] of Object.entries(node)) out[k] = k === "properties" ? Object.fromEntries(Object.entries(v as object).map(([pk, pv]) => [pk, refine(pv, pk)])) : refine(v)
  if (out.additionalProperties === true && out.properties !== undefined) out.additionalProperties = false
  if (out.type === "string") {
    if (key === "region") Object.assign(out, { pattern: REGION_PATTERN, description: out.description ?? "Region code: 2 (province), 4 (prefecture), 6 (county), 9 (township) or 12 (village) digits" })
    if (key === "name" && out.pattern === undefined) Object.assign(out, { pattern: "^[A-Za-z0-9_.@-]{1,64}$", description: out.description ?? "Who acts, as recorded in the audit log (a staff id, not a personal name)" })
    if (key === "tokenSha256") Object.assign(out, { pattern: "^[0-9a-f]{64}$", description: "SHA-256 (hex) of the API bearer token" })
  }
  return out
}

/** The JSON Schema document of the configuration (docs/schema/liushou-config.schema.json). */
export const jsonSchema = (): unknown => {
  const doc = Schema.toJsonSchemaDocument(Config)
  const override = Schema.toJsonSchemaDocument(ParameterOverride)
  return refine({
    $schema: "https://json-schema.org/draft/2020-12/schema",
    $id: "https://liushou.dev/schema/liushou-config.schema.json",
    ...(doc.schema as object),
    $defs: { ...doc.definitions, ...override.definitions, ParameterOverride: override.schema }
  })
}

/** A configuration problem: the file, the field path and what was expected. */
export class ConfigError extends Error {
  readonly _tag = "ConfigError"
  constructor(
    readonly file: string,
    readonly issues: ReadonlyArray<{ readonly path: string; readonly message: string }>
  ) {
    super(`${file}: ${issues.map((i) => `${i.path}: ${i.message}`).join("; ")} / 配置文件有误`)
  }
}

const formatter = SchemaIssue.makeFormatterStandardSchemaV1()

/** Decodes unknown input against a schema, or throws a ConfigError naming the paths. */
export const decodeOrThrow = <S extends Schema.Top>(schema: S, input: unknown, file: string): S["Type"] => {
  const r = Schema.decodeUnknownResult(schema as never)(input, { errors: "all", onExcessProperty: "error" }) as Result.Result<S["Type"], Schema.SchemaError>
  if (Result.isSuccess(r)) return r.success
  const issues = formatter(r.failure.issue).issues.map((i) => ({
    path: (i.path ?? []).map((k) => (typeof k === "object" && k !== null && "key" in k ? String((k as { key: unknown }).key) : String(k))).join(".") || "(root)",
    message: i.message
  }))
  throw new ConfigError(file, issues)
}

/** A loaded configuration with the directory its relative paths start from. */
export interface LoadedConfig {
  readonly file: string | null
  readonly dir: string
  readonly config: Config
}

/** The default file name looked up in the working directory. */
export const DEFAULT_FILE = "liushou.config.json"

/**
 * Finds and reads the configuration: `--config FILE`, else `$LIUSHOU_CONFIG`, else
 * `./liushou.config.json` when it exists, else an empty configuration (built-ins only).
 */
export const loadConfig = async (explicit: string | undefined, cwd: string): Promise<LoadedConfig> => {
  const candidate = explicit ?? process.env.LIUSHOU_CONFIG ?? (existsSync(resolve(cwd, DEFAULT_FILE)) ? DEFAULT_FILE : undefined)
  if (candidate === undefined) return { file: null, dir: cwd, config: {} }
  const file = resolve(cwd, candidate)
  let text: string
  try {
    text = await readFile(file, "utf8")
  } catch (e) {
    throw new ConfigError(file, [{ path: "(file)", message: `cannot read: ${(e as Error).message}` }])
  }
  let json: unknown
  try {
    json = JSON.parse(text)
  } catch (e) {
    throw new ConfigError(file, [{ path: "(file)", message: `not JSON: ${(e as Error).message}` }])
  }
  return { file, dir: dirname(file), config: decodeOrThrow(Config, json, file) }
}
