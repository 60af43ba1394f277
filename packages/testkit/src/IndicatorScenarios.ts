/**
 * Evaluation-indicator scenarios (考评) as data: a small population of case files (bases and
 * patches, as in `Scenarios`), referral cases, and named checks of an indicator's numerator and
 * denominator for a region (and a risk level) over a period. Each elder is evaluated at the
 * period's last day with the policy the registry selects; the indicators are the ones that
 * govern the region (`Indicator.forRegion`).
 *
 * ```yaml
 * # 湘民发〔2018〕30号 §10 ...
 * region: "430121"
 * from: "2019-01-01"
 * to: "2019-03-31"
 * asOf: "2019-04-10"
 * bases: { elder: { elder: {...}, supporters: [...], ... } }
 * elders:
 *   - { base: elder, patch: { elder: { id: e1, regionCode: "430121101201" } } }
 * referrals:
 *   - { elderId: e1, caseId: r1, workflowId: hunan-2018-30.referral, history: [[discovered, "2019-02-01"], [reported, "2019-02-02"]] }
 * scenarios:
 *   - name: "§10 visit timeliness counts ..."
 *     expect:
 *       hunan.evaluation.visit-timeliness: { numerator: 1, denominator: 2 }
 *       hunan.evaluation.visit-timeliness@430121101: { numerator: 1, denominator: 1 }
 *       hunan.evaluation.visit-timeliness#high: { numerator: 0, denominator: 1 }
 * ```
 *
 * A scenario may give its own `from`, `to` and `asOf` (a trend over periods), and `rank`: the
 * township codes of a ranking on one indicator, best first (`rank: { indicator: id, townships: [...] }`).
 *
 * @since 0.3.0
 */
import { readFileSync } from "node:fs"
import { basename } from "node:path"
import { Decode, Engine, Indicator } from "@liushou/core"
import type { CalendarDate, Loader, Workflow } from "@liushou/core"
import { parse } from "yaml"
import * as Cases from "./internal/cases.js"

/**
 * One check of an indicator scenario file.
 *
 * @category models
 * @since 0.3.0
 */
export interface IndicatorScenario {
  readonly name: string
  readonly from: CalendarDate.CalendarDate
  readonly to: CalendarDate.CalendarDate
  readonly asOf: CalendarDate.CalendarDate
  /** `id`, `id@region` or `id#riskLevel` (or `id@region#riskLevel`) → the expected counts */
  readonly expect: Readonly<Record<string, { readonly numerator: number; readonly denominator: number }>>
  readonly rank?: { readonly indicator: string; readonly townships: ReadonlyArray<string> }
}

/**
 * A parsed indicator scenario file.
 *
 * @category models
 * @since 0.3.0
 */
export interface IndicatorScenarioFile {
  readonly name: string
  readonly region: string
  readonly inputs: ReadonlyArray<{ readonly caseFile: unknown; readonly referrals: ReadonlyArray<Indicator.ReferralRecord> }>
  readonly scenarios: ReadonlyArray<IndicatorScenario>
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v)

/**
 * Parses an indicator scenario file (YAML or JSON); throws an error naming the file and what is wrong.
 *
 * @category constructors
 * @since 0.3.0
 */
export const parseFile = (text: string, path: string): IndicatorScenarioFile => {
  const name = basename(path)
  const fail = (en: string): never => {
    throw new Error(`${name}: ${en}`)
  }
  const doc = parse(text) as unknown
  if (!isObject(doc) || !Array.isArray(doc.scenarios) || !Array.isArray(doc.elders)) return fail("expected an object with `elders` and `scenarios` lists")
  if (typeof doc.region !== "string") return fail("expected `region` (a region-code prefix)")
  const bases = isObject(doc.bases) ? doc.bases : {}
  const referrals = Array.isArray(doc.referrals) ? doc.referrals : []
  const inputs = doc.elders.map((e: unknown, i: number) => {
    if (!isObject(e)) return fail(`elders[${i}] is not an object`)
    const base = typeof e.base === "string" ? bases[e.base] : e.case
    if (base === undefined) return fail(`elders[${i}] needs a known base or a case`)
    const caseFile = e.patch === undefined ? base : Cases.deepMerge(base, e.patch)
    const id = isObject(caseFile) && isObject(caseFile.elder) ? caseFile.elder.id : undefined
    const own = referrals
      .filter((r: unknown) => isObject(r) && r.elderId === id)
      .map((r: Record<string, unknown>) => ({
        caseId: String(r.caseId),
        workflowId: String(r.workflowId),
        history: (r.history as ReadonlyArray<[string, string]>).map(([to, at]) => ({ to, at }))
      }))
    return { caseFile, referrals: own }
  })
  const scenarios = doc.scenarios.map((s: unknown, i: number): IndicatorScenario => {
    if (!isObject(s) || typeof s.name !== "string") return fail(`scenarios[${i}] needs a name`)
    const from = s.from ?? doc.from
    const to = s.to ?? doc.to
    const asOf = s.asOf ?? doc.asOf ?? to
    if (typeof from !== "string" || typeof to !== "string" || typeof asOf !== "string") return fail(`scenario "${s.name}" needs from, to (and asOf) dates`)
    return {
      name: s.name,
      from,
      to,
      asOf,
      expect: (isObject(s.expect) ? s.expect : {}) as IndicatorScenario["expect"],
      ...(isObject(s.rank) ? { rank: s.rank as never } : {})
    }
  })
  return { name, region: doc.region, inputs, scenarios }
}

/**
 * Reads an indicator scenario file.
 *
 * @category constructors
 * @since 0.3.0
 */
export const loadFile = (path: string): IndicatorScenarioFile => parseFile(readFileSync(path, "utf8"), path)

/**
 * Computes the report of a scenario: each case file decoded and evaluated at the period's last
 * day, the region's indicators computed with the given workflows.
 *
 * @category constructors
 * @since 0.3.0
 */
export const report = (
  file: IndicatorScenarioFile,
  scenario: IndicatorScenario,
  registry: Loader.Registry,
  workflows: ReadonlyArray<Pick<Workflow.Workflow<string, string>, "id" | "states">>
): Indicator.Report => {
  const engine = Engine.make(registry)
  const inputs = file.inputs.map((x, i) => {
    const decoded = Decode.caseFile(x.caseFile)
    if (!decoded.ok) throw new Error(`${file.name}: elders[${i}] does not decode: ${JSON.stringify(decoded.error).slice(0, 400)}`)
    const e = engine.evaluate(decoded.value, scenario.to)
    return { caseFile: decoded.value, evaluation: e.ok ? e.value : null, referrals: x.referrals }
  })
  const indicators = Indicator.forRegion(registry, file.region, scenario.to)
  return Indicator.compute(indicators, inputs, { from: scenario.from, to: scenario.to, asOf: scenario.asOf, workflows }, file.region)
}

/**
 * Checks a scenario: the differences between what it expects and what was computed (empty
 * when it passes).
 *
 * @category getters
 * @since 0.3.0
 */
export const check = (r: Indicator.Report, scenario: IndicatorScenario): ReadonlyArray<string> => {
  const out: Array<string> = []
  for (const [key, want] of Object.entries(scenario.expect)) {
    const m = /^([^@#]+)(?:@(\d+))?(?:#(.+))?$/.exec(key)
    if (m === null) {
      out.push(`${key}: not an indicator key (id, id@region, id#level)`)
      continue
    }
    const [, id, region, level] = m
    const rv = region === undefined ? r.total : [r.total, ...r.townships, ...r.villages].find((x) => x.region === region)
    const v = rv?.values[id!]
    const got = level === undefined ? v : v?.byRiskLevel?.[level]
    const counts = got === undefined ? { numerator: 0, denominator: 0 } : { numerator: got.numerator, denominator: got.denominator }
    if (v === undefined) out.push(`${key}: no such indicator or region in the report`)
    else if (counts.numerator !== want.numerator || counts.denominator !== want.denominator) {
      out.push(`${key}: expected ${want.numerator}/${want.denominator}, computed ${counts.numerator}/${counts.denominator}`)
    }
  }
  if (scenario.rank !== undefined) {
    const got = Indicator.rank(r, scenario.rank.indicator).map((x) => x.region)
    if (JSON.stringify(got) !== JSON.stringify(scenario.rank.townships)) out.push(`ranking on ${scenario.rank.indicator}: expected ${scenario.rank.townships.join(", ")}, computed ${got.join(", ")}`)
  }
  return out
}
