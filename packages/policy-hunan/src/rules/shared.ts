import type { CaseFile, Evaluation, Parameter, Policy } from "@liushou/core"
import { ABILITY_RANK, PROGRAMS, type ProgramId } from "@liushou/policy-national"
import * as P from "../parameters/index.js"

export { ABILITY_RANK }

/**
 * The last visit on or before the as-of date in one of the counting modes (the latest date;
 * on a tie, the one recorded last), or `undefined`.
 *
 * @category visits
 * @since 0.1.0
 */
export const lastCountingVisit = (
  visits: ReadonlyArray<CaseFile.Visit>,
  asOf: string,
  modes: ReadonlySet<string>
): CaseFile.Visit | undefined => {
  let best: CaseFile.Visit | undefined
  for (let i = 0; i < visits.length; i++) {
    const v = visits[i]!
    if (v.date > asOf || !modes.has(v.mode)) continue
    if (best === undefined || v.date >= best.date) best = v
  }
  return best
}

/**
 * Whether a visit recorded any of the concerns in a set.
 *
 * @category predicates
 * @since 0.1.0
 */
export const hasConcern = (visit: CaseFile.Visit | undefined, concerns: ReadonlySet<string>): boolean => {
  if (visit === undefined) return false
  for (const c of visit.concerns) if (concerns.has(c)) return true
  return false
}

/**
 * Economic difficulty (经济困难) of an elder's household: by a program received or the
 * extreme-poverty category (`"program"`), by income below the low-income line (`"income"`),
 * not (`"no"`), or unknown because the county's dibao standard is missing (`"unknown"`).
 *
 * @category eligibility
 * @since 0.1.0
 */
export type Economic = "program" | "income" | "no" | "unknown"

/**
 * The economic-difficulty test shared by priority, risk and eligibility, compiled once per
 * plan. `line` gives the low-income line (dibao standard × multiplier) for a region, recording
 * the regional value it used.
 *
 * @category eligibility
 * @since 0.1.0
 */
export interface EconomicTest {
  readonly programs: ReadonlySet<string>
  readonly multiplier: number
  readonly dibao: (regionCode: string) => Parameter.Resolved<number> | undefined
}

/**
 * Compiles the economic-difficulty test.
 *
 * @category constructors
 * @since 0.1.0
 */
export const compileEconomic = <K extends Evaluation.RuleName>(env: Policy.CompileEnv<K>): EconomicTest => ({
  programs: new Set(env.param<ReadonlyArray<string>>("national.priority.economicDifficultyPrograms")),
  multiplier: env.param<number>(P.lowIncomeMultiplier.id),
  dibao: env.regional<number>(P.dibaoStandard.id)
})

/**
 * Applies the economic-difficulty test to an elder.
 *
 * @category eligibility
 * @since 0.1.0
 */
export const economic = (test: EconomicTest, elder: CaseFile.Elder, ctx: Policy.EvalContext): Economic => {
  for (const p of elder.receiving) if (test.programs.has(p)) return "program"
  if (elder.categories !== undefined && elder.categories.includes("extreme-poverty")) return "program"
  const d = test.dibao(elder.regionCode)
  if (d === undefined) return "unknown"
  ctx.use(d)
  return elder.annualIncome < d.value * test.multiplier ? "income" : "no"
}

/**
 * Field paths `supporters[i].awaySince`, built once.
 *
 * @category getters
 * @since 0.1.0
 */
export const awaySinceField = (supporters: ReadonlyArray<CaseFile.Supporter>): string => {
  for (let i = 0; i < supporters.length; i++) {
    const s = supporters[i]!
    if (s.awaySince === null && s.whereabouts !== "with-elder") return i < FIELDS.length ? FIELDS[i]! : `supporters[${i}].awaySince`
  }
  return "supporters[].awaySince"
}
const FIELDS = Array.from({ length: 32 }, (_, i) => `supporters[${i}].awaySince`)

/**
 * The programs' names in Chinese and English (the national baseline's declared programs).
 *
 * @category models
 * @since 0.1.0
 */
export const PROGRAM_NAMES: Readonly<Record<ProgramId, { readonly zh: string; readonly en: string }>> = Object.fromEntries(PROGRAMS.map((p) => [p.id, p.name])) as Record<
  ProgramId,
  { readonly zh: string; readonly en: string }
>

const NO_CONCERNS: ReadonlyArray<Evaluation.OpenConcern> = []

/**
 * The concerns of the given kinds still open at the as-of date. A concern is noted at a visit
 * (`visits[].concerns`, observed by the visitor, not verified) or recorded in `concerns[]`; it
 * stays open until a record of the same concern is resolved (`resolvedOn` on or before the
 * as-of date), which closes every earlier note of it. A later visit that notes nothing does
 * not close it. Facts dated after the as-of date are not known at it.
 *
 * @category visits
 * @since 0.3.0
 */
export const openConcerns = (cf: CaseFile.CaseFile, asOf: string, kinds: ReadonlyArray<string>): ReadonlyArray<Evaluation.OpenConcern> => {
  const records = cf.concerns
  const visits = cf.visits
  if (records === undefined || records.length === 0) {
    // nothing recorded and no visit noted a concern: nothing is open (most case files)
    let noted = false
    for (let i = 0; i < visits.length; i++) {
      if (visits[i]!.concerns.length !== 0) {
        noted = true
        break
      }
    }
    if (!noted) return NO_CONCERNS
  }
  let out: Array<Evaluation.OpenConcern> | undefined
  for (const k of kinds) {
    let closed = ""
    if (records !== undefined) {
      for (const r of records) {
        if (r.concern === k && r.date <= asOf && r.resolvedOn != null && r.resolvedOn <= asOf && r.resolvedOn > closed) closed = r.resolvedOn
      }
    }
    let since = ""
    let observedBy = ""
    let verified = false
    let serious = false
    let grounds = false
    for (let i = 0; i < visits.length; i++) {
      const v = visits[i]!
      if (v.concerns.length === 0 || v.date > asOf || v.date <= closed || !v.concerns.includes(k)) continue
      if (since === "" || v.date < since) {
        since = v.date
        observedBy = v.by
      }
    }
    if (records !== undefined) {
      for (const r of records) {
        if (r.concern !== k || r.date > asOf || r.date <= closed) continue
        if (r.resolvedOn != null && r.resolvedOn <= asOf) continue
        if (since === "" || r.date < since) {
          since = r.date
          observedBy = r.observedBy
        }
        if (r.verified === true) {
          verified = true
          if (r.serious === true) {
            serious = true
            if (r.grounds !== undefined) grounds = true
          }
        }
      }
    }
    if (since !== "") (out ??= []).push({ concern: k, since, observedBy, verified, serious, groundsRecorded: grounds })
  }
  return out ?? NO_CONCERNS
}

/**
 * The latest follow-up on record on or before the as-of date (on a tie, the one recorded last).
 *
 * @category visits
 * @since 0.3.0
 */
export const lastFollowUp = (cf: CaseFile.CaseFile, asOf: string): CaseFile.FollowUpRecord | undefined => {
  let best: CaseFile.FollowUpRecord | undefined
  for (const f of cf.followUps ?? []) if (f.date <= asOf && (best === undefined || f.date >= best.date)) best = f
  return best
}
