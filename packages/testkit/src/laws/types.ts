/**
 * The shape of a law: one value holding its id, its statement in words, when it applies and the
 * property that checks it.
 */
import type { CalendarDate } from "@liushou/core"
import type fc from "fast-check"
import type { Text } from "../internal/lawkit.js"
import type { Subject } from "../internal/subject.js"

/**
 * The risk factors a plugin's risk rule may declare; the risk level must not drop when one
 * gets worse with everything else equal.
 *
 * @category risk
 * @since 0.1.0
 */
export const RISK_FACTORS = ["age", "income", "ability", "supporters-at-home", "contact", "living-alone"] as const

/**
 * @category risk
 * @since 0.1.0
 */
export type RiskFactor = (typeof RISK_FACTORS)[number]

/**
 * Law ids, stable across versions.
 *
 * @category models
 * @since 0.1.0
 */
export const LAW_IDS = [
  "loads",
  "parameters.no-gaps-or-overlaps",
  "parameters.regional-inside-region",
  "reasons.cited",
  "vocabulary.declared",
  "identification.monotone-age",
  "identification.monotone-absence",
  ...RISK_FACTORS.map((f) => `risk.monotone-${f}` as const),
  "visits.interval-by-level",
  "followUp.no-de-escalation",
  "eligibility.consistent",
  "referrals.declared-bodies",
  "dates.change-only-at-policy-dates",
  "deterministic"
] as const

/**
 * @category models
 * @since 0.1.0
 */
export type LawId = (typeof LAW_IDS)[number]

/**
 * Options of a law-pack run.
 *
 * @category models
 * @since 0.1.0
 */
export interface LawOptions {
  /**
   * runs per property law; default 300. The LIUSHOU_LAW_RUNS environment variable raises it
   * (never lowers it), so CI can run more without editing tests.
   */
  readonly numRuns?: number
  /**
   * fast-check seed; default the LIUSHOU_LAW_SEED environment variable, else a fixed seed (so
   * test runs repeat). Replay a failure with the seed and path it printed.
   */
  readonly seed?: number
  readonly path?: string
  /** id or `id@range` of the policy under test; default the last plugin given */
  readonly policy?: string
  /** first and last as-of date drawn; default the plugin's validity (3 years past its last change when open) */
  readonly from?: CalendarDate.CalendarDate
  readonly until?: CalendarDate.CalendarDate
  /** region prefix elders are drawn from; default the plugin's region */
  readonly region?: string | null
  /** risk factors to check; default all of {@link RISK_FACTORS} */
  readonly riskFactors?: ReadonlyArray<RiskFactor>
  /** yuan per year generated incomes cluster around besides the policy's own income lines; default its lowest line */
  readonly incomeAround?: number
  /** only these laws; default every law that applies to the plugin's rules */
  readonly laws?: ReadonlyArray<LawId>
  /** cases the date law follows through every day of the validity; default 3 */
  readonly sweepCases?: number
}

/** What a law's property gets: the policy under test and the options. */
export interface LawContext {
  readonly subject: Subject
  readonly options: LawOptions
}

/**
 * A check made once on the plugins (no cases): returns the problems found, or null.
 *
 * @category models
 * @since 0.1.0
 */
export interface StaticProperty {
  readonly kind: "static"
  readonly check: () => Text | null
}

/**
 * A check run on generated cases. `check` throws a violation when the law is broken and
 * returns whether the comparison the law speaks about was made (the run "exercised" the law).
 * The law fails when fewer than `floor` of the runs (a fraction) exercised it, naming the
 * `precondition` that was rarely met.
 *
 * @category models
 * @since 0.1.0
 */
export interface SampledProperty<A = any> {
  readonly kind: "sampled"
  readonly arbitrary: fc.Arbitrary<A>
  readonly check: (input: A) => boolean
  readonly floor: number
  readonly precondition: Text
  /**
   * parts of the input the law must reach, each counted over the exercised runs with its own
   * floor (a fraction of the runs): the law fails naming a part reached too rarely @since 0.4.0
   */
  readonly features?: ReadonlyArray<{ readonly name: string; readonly floor: number; readonly has: (input: A) => boolean }>
  /** an exhaustive pass after the sampled runs: returns the runs made and the first problem */
  readonly sweep?: (seed: number) => { readonly runs: number; readonly exercised: number; readonly problem: Text | null }
}

/**
 * @category models
 * @since 0.1.0
 */
export type Property = StaticProperty | SampledProperty

/**
 * A law: its id, what must hold in words, whether it applies to the policy under test (it has
 * the rules the law speaks about) and its property.
 *
 * @category models
 * @since 0.1.0
 */
export interface Law {
  readonly id: LawId
  readonly statement: Text
  /** `loaded`: whether the policy loaded; static laws also apply to the raw plugins the loader refused */
  readonly appliesTo: (subject: Subject) => boolean
  readonly property: (ctx: LawContext) => Property
}

/** Whether the loaded policy has all of these rules. */
export const hasRules = (subject: Subject, ...names: ReadonlyArray<string>): boolean =>
  subject.policy !== undefined && names.every((n) => subject.policy!.rules.has(n as never))
