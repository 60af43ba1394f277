/**
 * Scenario tests as data: named cases with an as-of date, a case file (or a patch of a base
 * case) and the decisions expected, in YAML or JSON. One runner runs them for any plugin.
 *
 * ```yaml
 * policy: national-2017-193          # optional: evaluate under this policy, else the one selected
 * bases:
 *   two-sons-away: { elder: {...}, supporters: [...], delegatedCarer: null, visits: [], riskAssessments: [] }
 * scenarios:
 *   - name: both sons away for a year
 *     asOf: "2019-06-30"
 *     base: two-sons-away
 *     age: 72                          # optional: sets elder.birthDate (and the ID number) for this age
 *     patch: { supporters: { 0: { whereabouts: in-county } } }
 *     expect:
 *       leftBehind: true
 *       priority: false
 *       risk: medium                   # risk.level
 *       visits: { intervalDays: 30 }   # subset of the visit schedule
 *       eligibility: { dibao: eligible }
 *       duties: [{ duty: regular-contact, supporterId: S1, status: unmet }]
 *       followUp: reminder
 *       referrals: [civil-affairs]
 *       reasons: [left-behind.all-away]          # codes that must appear somewhere
 *       absentReasons: [left-behind.under-age]   # codes that must not appear
 *       match:                                    # any path of the evaluation, matched as a subset
 *         "visits.nextDue": "2019-07-30"
 *         "eligibility[program=dibao].whyNot[0]": { field: elder.annualIncome, to: 5160 }
 *         "referrals[trigger=no-pension]": null      # [key=value]: the first element with key = value
 * ```
 *
 * @since 0.1.0
 */
import { readdirSync, readFileSync, statSync } from "node:fs"
import { basename, join } from "node:path"
import { fileURLToPath } from "node:url"
import { canonicalJson, Decode, Engine, Loader } from "@liushou/core"
import type { CalendarDate, Decision, Evaluation } from "@liushou/core"
import { parse } from "yaml"
import * as Cases from "./internal/cases.js"

type Text = Decision.Text

/**
 * What a scenario expects; every key is optional and matched as a subset.
 *
 * @category models
 * @since 0.1.0
 */
export interface Expectation {
  readonly leftBehind?: boolean | null
  readonly priority?: boolean | null
  readonly risk?: string | null
  readonly visits?: Readonly<Record<string, unknown>>
  readonly eligibility?: Readonly<Record<string, string>>
  readonly duties?: ReadonlyArray<Readonly<Record<string, unknown>>>
  readonly followUp?: string
  readonly referrals?: ReadonlyArray<string>
  readonly reasons?: ReadonlyArray<string>
  readonly absentReasons?: ReadonlyArray<string>
  readonly policy?: string
  readonly match?: Readonly<Record<string, unknown>>
}

/**
 * One named scenario, resolved to a full case.
 *
 * @category models
 * @since 0.1.0
 */
export interface Scenario {
  readonly name: string
  readonly file: string
  readonly asOf: CalendarDate.CalendarDate
  readonly policy: string | undefined
  /** the case after merging base, age and patch (not yet decoded) */
  readonly caseFile: unknown
  readonly expect: Expectation
}

/**
 * A scenario file: its scenarios, or why it could not be read.
 *
 * @category models
 * @since 0.1.0
 */
export interface ScenarioFile {
  readonly name: string
  readonly path: string
  readonly scenarios: ReadonlyArray<Scenario>
  readonly error: Text | null
}

/**
 * Files or directories of scenario files (`.yaml`, `.yml`, `.json`).
 *
 * @category models
 * @since 0.1.0
 */
export type Paths = string | URL | ReadonlyArray<string | URL>

/**
 * A registry, or plugins to load (baseline first).
 *
 * @category models
 * @since 0.1.0
 */
export type RegistryInput = Loader.Registry | ReadonlyArray<unknown>

/**
 * Options of a scenario run.
 *
 * @category models
 * @since 0.1.0
 */
export interface RunOptions {
  /** evaluate every scenario under this policy unless the file or scenario names one */
  readonly policy?: string
}

/**
 * The outcome of one scenario.
 *
 * @category models
 * @since 0.1.0
 */
export interface ScenarioResult {
  readonly scenario: Scenario
  readonly ok: boolean
  readonly message: Text | null
  readonly evaluation: Evaluation.Evaluation | null
}

const toPath = (p: string | URL): string => (p instanceof URL ? fileURLToPath(p) : p)
const isScenarioFile = (f: string): boolean => /\.(ya?ml|json)$/i.test(f)

const listFiles = (paths: Paths): Array<string> => {
  const list = (Array.isArray(paths) ? paths : [paths]) as ReadonlyArray<string | URL>
  const out: Array<string> = []
  for (const raw of list) {
    const p = toPath(raw)
    if (statSync(p).isDirectory()) {
      for (const f of readdirSync(p).sort()) if (isScenarioFile(f)) out.push(join(p, f))
    } else out.push(p)
  }
  return out
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v)

/**
 * Parses the text of a scenario file (YAML or JSON).
 *
 * @category constructors
 * @since 0.1.0
 */
export const parseFile = (text: string, path = "(text)"): ScenarioFile => {
  const name = basename(path)
  const bad = (en: string, zh: string): ScenarioFile => ({ name, path, scenarios: [], error: { en: `${path}: ${en}`, zh: `${path}：${zh}` } })
  let doc: unknown
  try {
    doc = parse(text)
  } catch (e) {
    return bad(`not valid YAML or JSON: ${(e as Error).message}`, `不是合法的 YAML 或 JSON：${(e as Error).message}`)
  }
  if (!isObject(doc) || !Array.isArray(doc.scenarios)) return bad("expected an object with a `scenarios` list", "应为含 `scenarios` 列表的对象")
  const bases = isObject(doc.bases) ? doc.bases : {}
  const filePolicy = typeof doc.policy === "string" ? doc.policy : undefined
  const scenarios: Array<Scenario> = []
  for (let i = 0; i < doc.scenarios.length; i++) {
    const s = doc.scenarios[i] as unknown
    if (!isObject(s) || typeof s.name !== "string") return bad(`scenarios[${i}] needs a name`, `scenarios[${i}] 缺少 name`)
    const asOf = s.asOf ?? doc.asOf
    if (typeof asOf !== "string") return bad(`scenario "${s.name}" needs asOf (a date YYYY-MM-DD)`, `情景“${s.name}”缺少 asOf（日期 YYYY-MM-DD）`)
    let base: unknown = s.case
    if (base === undefined && typeof s.base === "string") {
      base = bases[s.base]
      if (base === undefined) return bad(`scenario "${s.name}" names an unknown base "${s.base}"`, `情景“${s.name}”引用了不存在的基础案卷“${s.base}”`)
    }
    if (base === undefined && isObject(doc.base)) base = doc.base
    if (base === undefined) return bad(`scenario "${s.name}" needs a case, a base, or a file-level base`, `情景“${s.name}”缺少 case、base 或文件级 base`)
    let caseFile = s.patch === undefined ? base : Cases.deepMerge(base, s.patch)
    if (typeof s.age === "number" && isObject(caseFile) && isObject(caseFile.elder)) {
      const elder = caseFile.elder as never
      caseFile = { ...caseFile, elder: Cases.withBirthDate(elder, Cases.birthDateForAge(asOf, s.age)) }
    }
    scenarios.push({
      name: s.name,
      file: name,
      asOf,
      policy: typeof s.policy === "string" ? s.policy : filePolicy,
      caseFile,
      expect: isObject(s.expect) ? (s.expect as Expectation) : {}
    })
  }
  return { name, path, scenarios, error: null }
}

/**
 * Reads scenario files from files and directories.
 *
 * @category constructors
 * @since 0.1.0
 */
export const loadFiles = (paths: Paths): ReadonlyArray<ScenarioFile> =>
  listFiles(paths).map((p) => {
    try {
      return parseFile(readFileSync(p, "utf8"), p)
    } catch (e) {
      return { name: basename(p), path: p, scenarios: [], error: { en: `${p}: cannot read: ${(e as Error).message}`, zh: `${p}：无法读取：${(e as Error).message}` } }
    }
  })

/**
 * Follows a path of the evaluation: `a.b`, `a[0]`, and `a[key=value]` (the first element of the
 * list `a` whose `key`, as text, is `value`; dots and colons may appear in `value`).
 */
const get = (v: unknown, path: string): unknown => {
  let cur = v
  for (const m of path.matchAll(/\[([^\]]*)\]|([^.[\]]+)/g)) {
    if (cur === null || typeof cur !== "object") return undefined
    const inBrackets = m[1]
    const eq = inBrackets === undefined ? -1 : inBrackets.indexOf("=")
    if (inBrackets !== undefined && eq > 0) {
      if (!Array.isArray(cur)) return undefined
      const key = inBrackets.slice(0, eq).trim()
      const want = inBrackets.slice(eq + 1).trim()
      cur = cur.find((x: unknown) => isObject(x) && x[key] !== undefined && String(x[key]) === want)
    } else cur = (cur as Record<string, unknown>)[(inBrackets ?? m[2]!).trim()]
  }
  return cur
}

/** Objects match key by key (extra keys allowed), arrays element by element (same length). */
const subset = (expected: unknown, actual: unknown): boolean => {
  if (Array.isArray(expected)) return Array.isArray(actual) && actual.length === expected.length && expected.every((x, i) => subset(x, actual[i]))
  if (isObject(expected)) return isObject(actual) && Object.entries(expected).every(([k, v]) => subset(v, actual[k]))
  return canonicalJson(expected ?? null) === canonicalJson(actual ?? null)
}

const allReasonCodes = (e: Evaluation.Evaluation): Set<string> => {
  const out = new Set<string>()
  const walk = (v: unknown): void => {
    if (Array.isArray(v)) v.forEach(walk)
    else if (isObject(v)) {
      if (typeof v.code === "string" && isObject(v.citation)) out.add(v.code)
      for (const x of Object.values(v)) walk(x)
    }
  }
  walk({ ...e, provenance: null, selection: null })
  return out
}

const codes = (d: { readonly reasons: ReadonlyArray<Decision.Reason> } | undefined): string => (d === undefined ? "" : ` (reasons: ${d.reasons.map((r) => r.code).join(", ")})`)
const show = (v: unknown): string => JSON.stringify(v === undefined ? null : v)

/**
 * Compares an evaluation with what a scenario expects: the list of mismatches (empty when it
 * matches), each in both languages.
 *
 * @category predicates
 * @since 0.1.0
 */
export const mismatches = (e: Evaluation.Evaluation, x: Expectation): ReadonlyArray<Text> => {
  const out: Array<Text> = []
  const miss = (what: string, expected: unknown, actual: unknown, extra = "") =>
    out.push({ en: `${what}: expected ${show(expected)}, got ${show(actual)}${extra}`, zh: `${what}：应为 ${show(expected)}，实为 ${show(actual)}${extra}` })
  if (x.leftBehind !== undefined && e.leftBehind.value !== x.leftBehind) miss("leftBehind", x.leftBehind, e.leftBehind.value, codes(e.leftBehind))
  if (x.priority !== undefined && e.priority.value !== x.priority) miss("priority", x.priority, e.priority.value, codes(e.priority))
  if (x.risk !== undefined && (e.risk?.level ?? null) !== x.risk) miss("risk.level", x.risk, e.risk?.level, codes(e.risk))
  if (x.visits !== undefined && !subset(x.visits, e.visits)) miss("visits", x.visits, e.visits === undefined ? undefined : { ...e.visits, reasons: undefined }, codes(e.visits))
  if (x.followUp !== undefined && e.followUp?.step !== x.followUp) miss("followUp.step", x.followUp, e.followUp?.step, codes(e.followUp))
  if (x.policy !== undefined && e.policy.id !== x.policy && `${e.policy.id}@${e.policy.version}` !== x.policy) miss("policy", x.policy, `${e.policy.id}@${e.policy.version}`)
  for (const [program, status] of Object.entries(x.eligibility ?? {})) {
    const d = e.eligibility?.find((y) => y.program === program)
    if (d?.status !== status) miss(`eligibility.${program}`, status, d?.status, codes(d))
  }
  for (const duty of x.duties ?? []) {
    if (!e.duties.some((d) => subset(duty, d))) miss("duties (a finding)", duty, e.duties.map((d) => ({ duty: d.duty, supporterId: d.supporterId, status: d.status })))
  }
  for (const to of x.referrals ?? []) {
    if (!(e.referrals ?? []).some((r) => r.to === to)) miss("referrals (a referral to)", to, (e.referrals ?? []).map((r) => r.to))
  }
  const present = allReasonCodes(e)
  for (const code of x.reasons ?? []) if (!present.has(code)) miss("reason code", code, [...present].sort(), "")
  for (const code of x.absentReasons ?? []) if (present.has(code)) out.push({ en: `reason code ${code} must not appear, but does`, zh: `理由代码 ${code} 不应出现，但出现了` })
  for (const [path, v] of Object.entries(x.match ?? {})) {
    const actual = get(e, path)
    if (!subset(v, actual)) miss(path, v, actual)
  }
  return out
}

/**
 * A function that runs one scenario against a registry (the engine is built once).
 *
 * @category constructors
 * @since 0.1.0
 */
export const runner = (registry: RegistryInput, options: RunOptions = {}): ((scenario: Scenario) => ScenarioResult) => {
  const reg = Array.isArray(registry) ? Loader.load(registry) : (registry as Loader.Registry)
  const engine = Engine.make(reg)
  return (scenario) => {
    const title = `scenario "${scenario.name}" (${scenario.file}, as of ${scenario.asOf})`
    const titleZh = `情景“${scenario.name}”（${scenario.file}，评估日期 ${scenario.asOf}）`
    const decoded = Decode.caseFile(scenario.caseFile)
    if (!decoded.ok) {
      return { scenario, ok: false, evaluation: null, message: { en: `${title}: the case file is invalid\n${Decode.formatError(decoded.error, "en")}`, zh: `${titleZh}：案卷无效\n${Decode.formatError(decoded.error, "zh")}` } }
    }
    const policy = scenario.policy ?? options.policy
    const r = engine.evaluate(decoded.value, scenario.asOf, policy === undefined ? {} : { policy })
    if (!r.ok) {
      const why = r.error.reason.reasons
      return { scenario, ok: false, evaluation: null, message: { en: `${title}: not evaluated: ${why.map((x) => x.text.en).join("; ")}`, zh: `${titleZh}：未能评估：${why.map((x) => x.text.zh).join("；")}` } }
    }
    const problems = mismatches(r.value, scenario.expect)
    if (problems.length === 0) return { scenario, ok: true, evaluation: r.value, message: null }
    return {
      scenario,
      ok: false,
      evaluation: r.value,
      message: {
        en: `${title} under ${r.value.policy.id}@${r.value.policy.version}:\n${problems.map((p) => `  - ${p.en}`).join("\n")}`,
        zh: `${titleZh}，政策 ${r.value.policy.id}@${r.value.policy.version}：\n${problems.map((p) => `  - ${p.zh}`).join("\n")}`
      }
    }
  }
}

/**
 * Runs every scenario of the given files and directories; unreadable files are reported as
 * failed results of a pseudo-scenario named after the file.
 *
 * @category constructors
 * @since 0.1.0
 */
export const run = (paths: Paths, registry: RegistryInput, options: RunOptions = {}): ReadonlyArray<ScenarioResult> => {
  const run1 = runner(registry, options)
  const out: Array<ScenarioResult> = []
  for (const f of loadFiles(paths)) {
    if (f.error !== null) {
      out.push({ scenario: { name: f.name, file: f.name, asOf: "", policy: undefined, caseFile: null, expect: {} }, ok: false, evaluation: null, message: f.error })
    } else for (const s of f.scenarios) out.push(run1(s))
  }
  return out
}
