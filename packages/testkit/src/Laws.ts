/**
 * Law packs: the properties every policy plugin must satisfy, run with fast-check over cases
 * shaped by the plugin's own thresholds. Each law is one value (`laws/`): its id, its
 * statement in words a policy author understands (zh and en), when it applies and its
 * property. A broken law reports the shrunk case, what happened, and the seed to replay it; a
 * law whose comparison was made in too few runs fails too, naming the precondition rarely met.
 *
 * Use {@link run} to get results, or `checkPolicyLaws` from `@liushou/testkit/vitest` to
 * register one vitest test per law with a single call.
 *
 * @since 0.1.0
 */
import fc from "fast-check"
import { indent, maskInput, type Text, Violation } from "./internal/lawkit.js"
import * as Subject from "./internal/subject.js"
import type * as LawTypes from "./laws/index.js"
import { LAWS } from "./laws/index.js"

// Type aliases rather than `export type { … } from`: the declaration bundle turns re-exported
// types inside the `Laws` namespace into values, which breaks consumers' typechecks.
export type PolicyInput = Subject.PolicyInput
export type Law = LawTypes.Law
export type LawContext = LawTypes.LawContext
export type LawId = LawTypes.LawId
export type LawOptions = LawTypes.LawOptions
export type Property = LawTypes.Property
export type RiskFactor = LawTypes.RiskFactor
export type SampledProperty<A = any> = LawTypes.SampledProperty<A>
export type StaticProperty = LawTypes.StaticProperty
export { LAW_IDS, LAWS, RISK_FACTORS } from "./laws/index.js"

/**
 * The outcome of one law.
 *
 * @category models
 * @since 0.1.0
 */
export interface LawResult {
  readonly law: Law
  readonly policy: string
  readonly ok: boolean
  /** cases generated (1 for a law checked once on the plugins), plus the days of the date law's sweep */
  readonly runs: number
  /** the runs where the law's comparison was actually made */
  readonly exercised: number
  /** the fewest exercised runs the law accepts */
  readonly floor: number
  /** exercised runs that reached each part of the input the law names (`SampledProperty.features`) @since 0.4.0 */
  readonly features?: Readonly<Record<string, number>>
  /** the failure report (zh and en), when not ok */
  readonly message: Text | null
  readonly seed: number | null
  readonly path: string | null
  /** the shrunk counterexample (case files masked), when not ok */
  readonly counterexample: unknown
}

/** The seed used when neither the options nor LIUSHOU_LAW_SEED give one, so runs repeat. */
export const DEFAULT_SEED = 20181030

const env = (name: string): string | undefined => (typeof process !== "undefined" ? process.env?.[name] : undefined)

/**
 * Runs per property law: `options.numRuns` (default 300), raised by LIUSHOU_LAW_RUNS when that
 * is larger.
 *
 * @category getters
 * @since 0.1.0
 */
export const runsFor = (options: LawOptions = {}): number => {
  const n = Number.parseInt(env("LIUSHOU_LAW_RUNS") ?? "", 10)
  const base = options.numRuns ?? 300
  return Number.isFinite(n) && n > base ? n : base
}

/**
 * The seed of a run: `options.seed`, else LIUSHOU_LAW_SEED, else {@link DEFAULT_SEED}.
 *
 * @category getters
 * @since 0.1.0
 */
export const seedFor = (options: LawOptions = {}): number => {
  if (options.seed !== undefined) return options.seed
  const n = Number.parseInt(env("LIUSHOU_LAW_SEED") ?? "", 10)
  return Number.isFinite(n) ? n : DEFAULT_SEED
}

const header = (law: Law, policy: string): Text => ({
  en: `Law broken: ${law.id} (policy ${policy})\n  ${law.statement.en}`,
  zh: `违反规律：${law.id}（政策 ${policy}）\n  ${law.statement.zh}`
})

const selectLaws = (subject: Subject.Subject, options: LawOptions): ReadonlyArray<Law> =>
  LAWS.filter((l) => {
    if (options.laws !== undefined && !options.laws.includes(l.id)) return false
    if (options.riskFactors !== undefined && l.id.startsWith("risk.monotone-") && !options.riskFactors.includes(l.id.slice("risk.monotone-".length) as never)) return false
    // a policy that did not load fails `loads` once; only the checks on the raw plugins apply besides
    return l.appliesTo(subject)
  })

/**
 * The laws that apply to the policy under test (those whose rules it has), filtered by
 * `options.laws`. A policy that does not load gets `loads` and the checks made on the raw
 * plugins only.
 *
 * @category getters
 * @since 0.1.0
 */
export const applicable = (input: Subject.PolicyInput, options: LawOptions = {}): ReadonlyArray<Law> => selectLaws(Subject.make(input, options), options)

/**
 * Runs one law.
 *
 * @category constructors
 * @since 0.1.0
 */
export const runLaw = (input: Subject.PolicyInput, id: LawId, options: LawOptions = {}): LawResult => runWith(Subject.make(input, options), id, options)

const runWith = (subject: Subject.Subject, id: LawId, options: LawOptions): LawResult => {
  const law = LAWS.find((l) => l.id === id)!
  const h = header(law, subject.name)
  const base = { law, policy: subject.name, path: null, counterexample: null }
  if (!law.appliesTo(subject) && subject.policy === undefined) {
    return { ...base, ok: false, runs: 0, exercised: 0, floor: 0, seed: null, message: { en: `${h.en}\n  policy ${subject.name} did not load: see the law "loads"`, zh: `${h.zh}\n  政策 ${subject.name} 未能加载：见规律 “loads”` } }
  }
  const prop = law.property({ subject, options })
  if (prop.kind === "static") {
    const problems = prop.check()
    return problems === null
      ? { ...base, ok: true, runs: 1, exercised: 1, floor: 1, seed: null, message: null }
      : { ...base, ok: false, runs: 1, exercised: 1, floor: 1, seed: null, message: { en: `${h.en}\n${problems.en}`, zh: `${h.zh}\n${problems.zh}` } }
  }
  return runSampled(subject, law, prop, options, h)
}

const runSampled = (subject: Subject.Subject, law: Law, prop: SampledProperty, options: LawOptions, h: Text): LawResult => {
  const numRuns = runsFor(options)
  const seed = seedFor(options)
  let exercised = 0
  const reached: Record<string, number> = {}
  for (const f of prop.features ?? []) reached[f.name] = 0
  const details = fc.check(
    fc.property(prop.arbitrary, (x) => {
      if (!prop.check(x)) return
      exercised++
      for (const f of prop.features ?? []) if (f.has(x)) reached[f.name]!++
    }),
    { numRuns, seed, ...(options.path !== undefined ? { path: options.path } : {}) }
  )
  const base = { law, policy: subject.name, seed }
  if (details.failed) {
    const err = details.errorInstance
    const what: Text = err instanceof Violation ? err.text : { en: `the rules threw: ${String((err as Error)?.stack ?? err)}`, zh: `规则抛出异常：${String((err as Error)?.message ?? err)}` }
    const counterexample = maskInput(details.counterexample?.[0])
    const shown = JSON.stringify(counterexample, null, 2)
    const replay = `seed ${details.seed}, path "${details.counterexamplePath}"`
    return {
      ...base,
      ok: false,
      runs: details.numRuns,
      exercised,
      floor: 0,
      seed: details.seed,
      path: details.counterexamplePath,
      counterexample,
      message: {
        en: `${h.en}\n  What happened: ${what.en}\n  Smallest case found (after ${details.numShrinks} shrinks; personal data masked):\n${indent(shown)}\n  Replay: ${replay} (options { seed: ${details.seed}, path: "${details.counterexamplePath}" })`,
        zh: `${h.zh}\n  问题：${what.zh}\n  最小反例（收缩 ${details.numShrinks} 次，个人信息已脱敏）：\n${indent(shown)}\n  重放：${replay}（选项 { seed: ${details.seed}, path: "${details.counterexamplePath}" }）`
      }
    }
  }
  const floor = Math.ceil(prop.floor * details.numRuns)
  const ok = { ...base, path: null, counterexample: null, ...(prop.features === undefined ? {} : { features: reached }) }
  const rare = (prop.features ?? []).find((f) => reached[f.name]! < Math.ceil(f.floor * details.numRuns))
  const failed = (message: { readonly en: string; readonly zh: string }) => ({ ...ok, ok: false as const, runs: details.numRuns, exercised, floor, message })
  if (rare !== undefined && exercised >= floor) {
    const need = Math.ceil(rare.floor * details.numRuns)
    return failed({
      en: `${h.en}\n  Too few exercised runs reached ${rare.name}: ${reached[rare.name]} of ${details.numRuns} (the floor is ${need}). The generated cases do not carry it for this policy. (seed ${seed})`,
      zh: `${h.zh}\n  触及 ${rare.name} 的检验次数不足：${details.numRuns} 次中只有 ${reached[rare.name]} 次（下限 ${need}）。生成的案卷对该政策没有带上这部分内容。（种子 ${seed}）`
    })
  }
  if (exercised < floor) {
    return failed({
      en: `${h.en}\n  Too few runs exercised the law: ${exercised} of ${details.numRuns} (the floor is ${floor}). The precondition rarely met: ${prop.precondition.en}. The generated cases do not reach what the law speaks about for this policy; pass options (region, incomeAround, from/until) that fit it. (seed ${seed})`,
      zh: `${h.zh}\n  检验次数不足：${details.numRuns} 次中只有 ${exercised} 次真正做了比较（下限 ${floor}）。很少满足的前提：${prop.precondition.zh}。生成的案卷没有触及该规律针对的情形，请传入适合该政策的选项（region、incomeAround、from/until）。（种子 ${seed}）`
    })
  }
  if (prop.sweep !== undefined && options.path === undefined) {
    const sweep = prop.sweep(seed)
    const runs = details.numRuns + sweep.runs
    if (sweep.problem !== null) {
      return {
        ...ok,
        ok: false,
        runs,
        exercised: exercised + sweep.exercised,
        floor,
        message: { en: `${h.en}\n  What happened: ${sweep.problem.en}\n  Replay: seed ${seed}`, zh: `${h.zh}\n  问题：${sweep.problem.zh}\n  重放：种子 ${seed}` }
      }
    }
    return { ...ok, ok: true, runs, exercised: exercised + sweep.exercised, floor, message: null }
  }
  return { ...ok, ok: true, runs: details.numRuns, exercised, floor, message: null }
}

/**
 * Runs the law pack on a policy: given its plugins (baseline first, the plugin under test
 * last), a registry, or a registry and a policy id. Returns one result per law.
 *
 * **Example**
 * ```ts
 * import { Laws } from "@liushou/testkit"
 * import { national } from "@liushou/policy-national"
 * const results = Laws.run([national], { numRuns: 500 })
 * const broken = results.filter((r) => !r.ok)
 * ```
 *
 * @category constructors
 * @since 0.1.0
 */
export const run = (input: Subject.PolicyInput, options: LawOptions = {}): ReadonlyArray<LawResult> => {
  const subject = Subject.make(input, options)
  return selectLaws(subject, options).map((law) => runWith(subject, law.id, options))
}

/**
 * The name of the policy the laws run on (`id@version`, or the id asked for when it did not load).
 *
 * @category getters
 * @since 0.1.0
 */
export const policyName = (input: Subject.PolicyInput, options: LawOptions = {}): string => Subject.make(input, options).name

/**
 * A prepared law pack: the policy resolved once, the laws that apply, the seed and runs, and a
 * function to run each (what `checkPolicyLaws` registers as tests).
 *
 * @category constructors
 * @since 0.1.0
 */
export const prepare = (
  input: Subject.PolicyInput,
  options: LawOptions = {}
): { readonly policy: string; readonly laws: ReadonlyArray<Law>; readonly seed: number; readonly numRuns: number; readonly run: (id: LawId) => LawResult } => {
  const subject = Subject.make(input, options)
  return { policy: subject.name, laws: selectLaws(subject, options), seed: seedFor(options), numRuns: runsFor(options), run: (id) => runWith(subject, id, options) }
}
