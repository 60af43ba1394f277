/**
 * The policy under test: resolved from plugins, a registry or a registry and an id, with a
 * window of as-of dates, a region to draw elders from and a fast evaluator.
 */
import { CalendarDate, Engine, Loader, Selection } from "@liushou/core"
import type { CaseFile, Evaluation, Policy } from "@liushou/core"

/** Plugins (baseline first), a registry, or a registry and the id of the policy to test. */
export type PolicyInput =
  | ReadonlyArray<unknown>
  | Loader.Registry
  | { readonly registry: Loader.Registry; readonly policy: string }

export interface Subject {
  readonly registry: Loader.Registry
  /** the raw plugins when given (for static checks on plugins the loader refused) */
  readonly plugins: ReadonlyArray<unknown>
  readonly policy: Loader.LoadedPolicy | undefined
  /** `id@version` or the id asked for */
  readonly name: string
  readonly from: CalendarDate.CalendarDate
  readonly until: CalendarDate.CalendarDate
  readonly region: string | null
  readonly changeDates: ReadonlySet<string>
  readonly evaluate: (caseFile: CaseFile.CaseFile, asOf: CalendarDate.CalendarDate) => Evaluation.Evaluation
  readonly rank: (level: string | null) => number
  readonly levelName: (level: string | null) => { readonly zh: string; readonly en: string }
}

const isRegistry = (x: unknown): x is Loader.Registry =>
  typeof x === "object" && x !== null && !Array.isArray(x) && Array.isArray((x as Loader.Registry).policies) && Array.isArray((x as Loader.Registry).errors)

/** Resolves the input and options to the policy under test. */
export const make = (
  input: PolicyInput,
  options: { readonly policy?: string; readonly from?: string; readonly until?: string; readonly region?: string | null } = {}
): Subject => {
  let registry: Loader.Registry
  let plugins: ReadonlyArray<unknown> = []
  let wanted = options.policy
  if (Array.isArray(input)) {
    plugins = input
    registry = Loader.load(input)
    if (wanted === undefined) {
      const last = input[input.length - 1] as Policy.PolicyPlugin | undefined
      wanted = last?.id
    }
  } else if (isRegistry(input)) {
    registry = input
  } else {
    const r = input as { readonly registry: Loader.Registry; readonly policy: string }
    registry = r.registry
    wanted = wanted ?? r.policy
  }
  if (wanted === undefined) {
    // the most derived policy: the one no other extends
    const extended = new Set(registry.policies.map((p) => p.plugin.extends?.id).filter((x) => x !== undefined))
    wanted = registry.policies.find((p) => !extended.has(p.plugin.id))?.plugin.id ?? ""
  }
  const spec = Engine.parsePolicySpec(wanted)
  const policy = Selection.find(registry, spec.id, spec.version)
  const plugin = policy?.plugin
  const changeDates = new Set(policy?.changeDates ?? [])
  const from = options.from ?? plugin?.effectiveFrom ?? "2018-01-01"
  const lastChange = [...changeDates].filter((d) => d >= from).sort().pop() ?? from
  const until = options.until ?? plugin?.effectiveUntil ?? CalendarDate.addYears(CalendarDate.max(from, lastChange), 3)
  const engine = Engine.make(registry)
  const selection = { value: policy?.key ?? "", reasons: [] }
  const levels = policy?.riskLevels ?? []
  return {
    registry,
    plugins,
    policy,
    name: policy?.key ?? wanted,
    from,
    until,
    region: options.region !== undefined ? options.region : plugin?.region ?? null,
    changeDates,
    evaluate: (cf, asOf) => engine.plan(policy!, asOf).evaluate(cf, selection),
    rank: (level) => (level === null ? -1 : levels.findIndex((l) => l.id === level)),
    levelName: (level) => {
      if (level === null) return { zh: "未评级", en: "not graded" }
      const l = levels.find((x) => x.id === level)
      return l === undefined ? { zh: level, en: level } : { zh: `${l.name.zh}（${level}）`, en: `${l.name.en} (${level})` }
    }
  }
}

/** The plugins of the policy's chain, or the raw plugins given when the loader refused it (for the static laws). */
export const pluginsOf = (subject: Subject): ReadonlyArray<Policy.PolicyPlugin> =>
  subject.policy !== undefined
    ? subject.policy.chain
    : (subject.plugins.filter((p) => typeof p === "object" && p !== null && Array.isArray((p as Policy.PolicyPlugin).parameters)) as Array<Policy.PolicyPlugin>)
