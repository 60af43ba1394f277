/**
 * Evaluation: a policy and an as-of date compile to a plan (parameters resolved once, rules
 * compiled once, reasons built once); the plan evaluates case files on the hot path with no
 * Effect runtime, no closures per elder, no I/O, no clock.
 *
 * @since 0.1.0
 */
import * as CalendarDate from "./CalendarDate.js"
import { type CaseFile, version } from "./CaseFile.js"
import type { Basis, Citation, Decision, Reason } from "./Decision.js"
import { CONTINUED_LABEL, reason, weakest } from "./Decision.js"
import type { Evaluation, PolicyRef, RuleName, RuleOutputs } from "./Evaluation.js"
import { RULE_ORDER } from "./Evaluation.js"
import type { LoadedPolicy, Registry } from "./Loader.js"
import type { Outcome } from "./Outcome.js"
import { type Continuation, find, select } from "./Selection.js"
import * as Parameter from "./Parameter.js"
import type { CompileEnv, EvalContext, PolicyPlugin, RestsOn, Rule, RuleFn } from "./Policy.js"
import { key } from "./Policy.js"
import { CORE_VERSION } from "./Version.js"
import { recordedVersion } from "./internal/recorded.js"

/**
 * A policy compiled for one as-of date.
 *
 * @category models
 * @since 0.1.0
 */
export interface Plan {
  readonly policy: LoadedPolicy
  readonly asOf: CalendarDate.CalendarDate
  readonly ref: PolicyRef
  /** the parameters the rules read, resolved at the as-of date (regional ones are added per elder) */
  readonly parameters: ReadonlyArray<Parameter.Resolved>
  /**
   * `inputVersion`: the case file's version when the caller already knows it (a ledger does);
   * without it, the version the decoder recorded for this object (`Decode.versionOf`), else
   * the version computed from the content
   */
  readonly evaluate: (caseFile: CaseFile, selection: Decision<string>, inputVersion?: string) => Evaluation
  /**
   * The first id of the case file that the chain's vocabularies do not declare (a program in
   * `elder.receiving`, a concern of a visit, a fact in `elder.facts` or a fact of the wrong
   * type), as a decision naming the case, the field and the chain; `undefined` when there is
   * none. A recorded risk grade that is not one of the policy's levels comes first. `Engine.evaluate`
   * refuses such a case with this reason. @since 0.2.0
   */
  readonly undeclared: (caseFile: CaseFile) => Decision<string> | undefined
}

/**
 * A policy could not be compiled: a plugin defect (a parameter with no value at the date, a
 * rule citing a topic no plugin of the chain names). The loader compiles each plugin on the
 * days its values change and refuses one whose rules cite such a topic (check `topics`), so
 * a loaded plugin meets this only for a citation made while evaluating.
 *
 * @category errors
 * @since 0.1.0
 */
export class PolicyDefect extends Error {
  readonly _tag = "PolicyDefect"
  /** for a citation of a topic no plugin of the chain names: the citing rule and the topic @since 0.2.0 */
  readonly unnamedTopic: { readonly rule: RuleName; readonly topic: string } | undefined
  constructor(message: string, unnamedTopic?: { readonly rule: RuleName; readonly topic: string }) {
    super(message)
    this.unnamedTopic = unnamedTopic
  }
}

/**
 * The version (hash) of a case file's content: equal content, equal version.
 *
 * @category getters
 * @since 0.1.0
 */
export const inputVersion = (caseFile: CaseFile): string => version(caseFile)

/**
 * The value of a parameter at a date along a policy's chain (most specific plugin first).
 *
 * @category getters
 * @since 0.1.0
 */
export const resolveParameter = (
  policy: LoadedPolicy,
  id: string,
  asOf: CalendarDate.CalendarDate,
  region: string | null = null
): Parameter.Resolved | undefined => {
  for (let i = policy.chain.length - 1; i >= 0; i--) {
    const plugin = policy.chain[i]!
    const param = plugin.parameters.find((p) => p.id === id)
    if (param === undefined) continue
    const v = Parameter.valueAt(param, asOf, region)
    if (v !== undefined) return { id, value: v.value, from: v.from, region: v.region ?? null, source: key(plugin), status: v.status ?? param.status }
  }
  return undefined
}

/**
 * The most specific definition of a parameter along a policy's chain.
 *
 * @category getters
 * @since 0.2.0
 */
export const findParameter = (policy: LoadedPolicy, id: string): Parameter.Parameter | undefined => {
  for (let i = policy.chain.length - 1; i >= 0; i--) {
    const param = policy.chain[i]!.parameters.find((p) => p.id === id)
    if (param !== undefined) return param
  }
  return undefined
}

/**
 * Options of `compile`. `continuedPastExpiry`: the policy is applied after its last day in
 * force (a host's explicit, audited choice); every reason is marked so.
 *
 * @category models
 * @since 0.2.0
 */
export interface CompileOptions {
  readonly continuedPastExpiry?: boolean
}

/**
 * Compiles a policy for an as-of date.
 *
 * @category constructors
 * @since 0.1.0
 */
export const compile = (policy: LoadedPolicy, asOf: CalendarDate.CalendarDate, options: CompileOptions = {}): Plan => {
  const continued = options.continuedPastExpiry === true
  const asOfDay = CalendarDate.toDayNumber(asOf)
  const used = new Map<string, Parameter.Resolved>()
  const param = <A>(id: string): A => {
    const r = resolveParameter(policy, id, asOf)
    if (r === undefined) throw new PolicyDefect(`${policy.key}: parameter ${id} has no value on ${asOf}`)
    used.set(id, r)
    return r.value as A
  }
  // Regional values, resolved once per region code and id; and one object per dated value, so
  // that every village of a county with the same figure gets the very same object (rules and
  // provenance can key their caches on it). One row per region code holds every regional id's
  // value (by the id's index), and the row of the last code asked for is kept: the rules of one
  // elder ask about the same code several times, and find it with one comparison instead of a
  // lookup in a large map each time. A value applies to a region-code prefix, so the values for
  // a code depend only on its first `significant` digits (the longest prefix any value of the
  // chain names: 6 when the figures are set per county): rows are kept per prefix, a map as
  // small as the number of counties with figures.
  let significant = 0
  for (const plugin of policy.chain) for (const p of plugin.parameters) for (const v of p.values) significant = Math.max(significant, v.region?.length ?? 0)
  const regionalIds: Array<string> = []
  const shared = new Map<string, Parameter.Resolved>()
  const rows = new Map<string, Array<Parameter.Resolved | null | undefined>>()
  let rowCode: string | undefined
  let row: Array<Parameter.Resolved | null | undefined> = []
  const regional = <A>(id: string) => {
    const k = regionalIds.includes(id) ? regionalIds.indexOf(id) : regionalIds.push(id) - 1
    return (regionCode: string): Parameter.Resolved<A> | undefined => {
      if (regionCode !== rowCode) {
        const key = regionCode.slice(0, significant)
        let found = rows.get(key)
        if (found === undefined) rows.set(key, (found = []))
        row = found
        rowCode = regionCode
      }
      let r = row[k]
      if (r === undefined) {
        const found = resolveParameter(policy, id, asOf, regionCode)
        const key = `${id}|${found?.source}|${found?.region}|${found?.from}`
        r = row[k] = found === undefined ? null : (shared.get(key) ?? found)
        if (found !== undefined) shared.set(key, r!)
      }
      return (r ?? undefined) as Parameter.Resolved<A> | undefined
    }
  }
  const cite = (rule: RuleName, topic: string) => {
    for (let i = policy.chain.length - 1; i >= 0; i--) {
      const plugin = policy.chain[i]!
      const clause = plugin.clauses?.[topic]
      if (clause !== undefined) return { document: plugin.document.number, clause }
    }
    throw new PolicyDefect(`${policy.key}: rule "${rule}" cites topic "${topic}", for which no plugin of the chain names a clause`, { rule, topic })
  }
  const basisOf = (restsOn: RestsOn | undefined, ruleReading: Basis): Basis => {
    let b: Basis = restsOn?.reading ?? ruleReading
    for (const p of restsOn?.params ?? []) {
      if (p === undefined) continue
      if (typeof p === "string") {
        const r = used.get(p) ?? resolveParameter(policy, p, asOf)
        if (r === undefined) {
          // a regional parameter with no value everywhere: the reason says it is missing, and
          // rests on the parameter's own status
          const def = findParameter(policy, p)
          if (def === undefined) throw new PolicyDefect(`${policy.key}: a reason rests on parameter ${p}, which no plugin of the chain defines`)
          b = weakest(b, def.status)
        } else b = weakest(b, r.status)
      } else b = weakest(b, p.status)
    }
    return b
  }
  const compileRule = <K extends RuleName>(name: K, defs: ReadonlyArray<Rule<K>>, index: number): RuleFn<K> | undefined => {
    const def = defs[index]
    if (def === undefined) return undefined
    const ruleReading: Basis = def.reading ?? "law"
    const env: CompileEnv<K> = {
      reason: (code: string, citation: Citation, zh: string, en: string, restsOn?: RestsOn): Reason => {
        const r = reason(code, citation, zh, en, basisOf(restsOn, ruleReading))
        return continued ? { ...r, text: { zh: r.text.zh + CONTINUED_LABEL.zh, en: r.text.en + CONTINUED_LABEL.en }, continuedPastExpiry: true } : r
      },
      asOf,
      asOfDay,
      policy: policy.plugin,
      param,
      regional,
      riskLevels: policy.riskLevels,
      vocabularies: policy.vocabularies,
      parent: compileRule(name, defs, index + 1),
      cite: (topic) => cite(name, topic)
    }
    return def.compile(env)
  }
  // parallel arrays (no tuple destructuring on the hot path)
  const names: Array<RuleName> = []
  const fns: Array<RuleFn<RuleName>> = []
  for (const name of RULE_ORDER) {
    const defs = policy.rules.get(name)
    if (defs === undefined) continue
    const fn = compileRule(name, defs as ReadonlyArray<Rule<RuleName>>, 0)
    if (fn !== undefined) {
      names.push(name)
      fns.push(fn)
    }
  }
  const ref: PolicyRef = { id: policy.plugin.id, version: policy.plugin.version, document: policy.plugin.document.number }
  const runRules = makeRunner(names, fns, asOf, ref)
  const parameters = [...used.values()].sort((a, b) => (a.id < b.id ? -1 : 1))
  const chain = policy.chain.map(key)
  // The regional values one elder's rules used, each once, in first-use order: the first
  // `usedCount` entries of one array, reused from elder to elder.
  const regionalUsed: Array<Parameter.Resolved> = []
  let usedCount = 0
  const ctx: { asOf: string; asOfDay: number; age: number; use: (r: Parameter.Resolved) => void } = {
    asOf,
    asOfDay,
    age: 0,
    use: (r) => {
      for (let i = 0; i < usedCount; i++) if (regionalUsed[i] === r) return
      regionalUsed[usedCount++] = r
    }
  }
  // The provenance parameter list of each sequence of regional values, built once: regional
  // lookups return the same object for the same village, so elders of a village share a list.
  // A trie keyed by object identity, one level per regional value used.
  interface Node {
    readonly next: Map<Parameter.Resolved, Node>
    list: ReadonlyArray<Parameter.Resolved> | undefined
  }
  const root: Node = { next: new Map(), list: parameters }
  const provenanceParameters = (): ReadonlyArray<Parameter.Resolved> => {
    let node = root
    for (let i = 0; i < usedCount; i++) {
      const r = regionalUsed[i]!
      let child = node.next.get(r)
      if (child === undefined) {
        child = { next: new Map(), list: undefined }
        node.next.set(r, child)
      }
      node = child
    }
    return (node.list ??= dedupe([...parameters, ...regionalUsed.slice(0, usedCount)]))
  }
  const evaluate = (caseFile: CaseFile, selection: Decision<string>, knownVersion?: string): Evaluation => {
    ctx.age = CalendarDate.ageAt(caseFile.elder.birthDate, asOf)
    usedCount = 0
    const out = runRules(caseFile, ctx as EvalContext, selection)
    out.provenance = {
      policy: ref,
      chain,
      parametersHash: policy.parametersHash,
      parameters: usedCount === 0 ? parameters : provenanceParameters(),
      asOf,
      inputVersion: knownVersion ?? recordedVersion(caseFile) ?? version(caseFile),
      coreVersion: CORE_VERSION
    }
    if (continued) (out.provenance as Record<string, unknown>).continuedPastExpiry = true
    return out as unknown as Evaluation
  }
  return { policy, asOf, ref, parameters, evaluate, undeclared: undeclaredIds(policy) }
}

const FACT_TYPES = {
  boolean: (v: unknown) => typeof v === "boolean",
  number: (v: unknown) => typeof v === "number",
  string: (v: unknown) => typeof v === "string",
  date: (v: unknown) => typeof v === "string" && CalendarDate.isValid(v)
} as const

/**
 * The vocabulary check of a case file against a chain. An id no plugin of the governing chain
 * declares is an error, not needs-information: the case file speaks of a program, concern or
 * fact that this policy does not know, so no decision under it can account for it.
 */
const undeclaredIds = (policy: LoadedPolicy): ((caseFile: CaseFile) => Decision<string> | undefined) => {
  const programs = new Set(policy.vocabularies.programs.map((p) => p.id))
  const concerns = new Set(policy.vocabularies.concerns.map((c) => c.id))
  const facts = new Map(policy.vocabularies.facts.map((f) => [f.id, f.type] as const))
  const ledgerReasons = new Map((policy.vocabularies.ledgerReasons ?? []).map((r) => [r.id, r.event] as const))
  const serviceKinds = new Set((policy.vocabularies.serviceKinds ?? []).map((k) => k.id))
  // a recorded follow-up is an action taken: any step of the ladder but the first ("no follow-up")
  const steps = new Set(policy.vocabularies.followUpSteps.slice(1).map((s) => s.id))
  const chain = policy.chain.map(key).join(" → ")
  const citation = { document: "@liushou/core", clause: "vocabularies" }
  const refuse = (elderId: string, field: string, value: string, vocabulary: string, zhVocabulary: string, declared: Iterable<string>): Decision<string> => {
    const list = [...declared].join(", ") || "none"
    return {
      value: "",
      reasons: [
        reason(
          "vocabulary.undeclared",
          citation,
          `案卷 ${elderId} 的 ${field} = ${JSON.stringify(value)} 不是适用政策链（${chain}）声明的${zhVocabulary}（已声明：${list}）`,
          `case ${elderId}: ${field} = ${JSON.stringify(value)} is not a ${vocabulary} the governing policy chain (${chain}) declares (declared: ${list})`
        )
      ]
    }
  }
  // a recorded risk grade must be one of the governing plugin's levels: the county's grade
  // governs, so an unknown one cannot be silently ignored
  const levels = new Set(policy.riskLevels.map((l) => l.id))
  return (cf) => {
    const e = cf.elder
    const assessed = levels.size === 0 ? [] : cf.riskAssessments
    for (let i = 0; i < assessed.length; i++) {
      const level = assessed[i]!.level
      if (!levels.has(level)) {
        const ids = [...levels].join(", ")
        return {
          value: "",
          reasons: [
            reason(
              "evaluation.unknown-risk-level",
              { document: "@liushou/core", clause: "risk-levels" },
              `案卷 ${e.id} 的 riskAssessments[${i}].level 为“${level}”，不是 ${policy.key} 的风险等级（应为 ${ids} 之一）`,
              `case ${e.id}: riskAssessments[${i}].level is "${level}", which is not a risk level of ${policy.key} (expected one of ${ids})`
            )
          ]
        }
      }
    }
    for (let i = 0; i < e.receiving.length; i++) {
      const id = e.receiving[i]!
      if (!programs.has(id)) return refuse(e.id, `elder.receiving[${i}]`, id, "program", "项目", programs)
    }
    for (let v = 0; v < cf.visits.length; v++) {
      const cs = cf.visits[v]!.concerns
      for (let i = 0; i < cs.length; i++) {
        if (!concerns.has(cs[i]!)) return refuse(e.id, `visits[${v}].concerns[${i}]`, cs[i]!, "concern", "关注事项", concerns)
      }
    }
    if (cf.ledgerEvents !== undefined) {
      for (let i = 0; i < cf.ledgerEvents.length; i++) {
        const ev = cf.ledgerEvents[i]!
        const event = ledgerReasons.get(ev.reason)
        if (event === undefined) return refuse(e.id, `ledgerEvents[${i}].reason`, ev.reason, "ledger reason", "台账进出原因", ledgerReasons.keys())
        if (event !== ev.event) {
          const declared = [...ledgerReasons].filter(([, x]) => x === ev.event).map(([id]) => id)
          return refuse(e.id, `ledgerEvents[${i}].reason`, ev.reason, `reason for the event "${ev.event}"`, `“${ev.event === "entered" ? "纳入" : "退出"}”原因`, declared)
        }
      }
    }
    const records = cf.concerns ?? []
    for (let i = 0; i < records.length; i++) {
      if (!concerns.has(records[i]!.concern)) return refuse(e.id, `concerns[${i}].concern`, records[i]!.concern, "concern", "关注事项", concerns)
    }
    for (let v = 0; v < cf.visits.length; v++) {
      const ks = cf.visits[v]!.services
      if (ks === undefined) continue
      for (let i = 0; i < ks.length; i++) {
        if (!serviceKinds.has(ks[i]!)) return refuse(e.id, `visits[${v}].services[${i}]`, ks[i]!, "service kind", "关爱服务类别", serviceKinds)
      }
    }
    const services = cf.services ?? []
    for (let i = 0; i < services.length; i++) {
      const s = services[i]!
      if (!serviceKinds.has(s.kind)) return refuse(e.id, `services[${i}].kind`, s.kind, "service kind", "关爱服务类别", serviceKinds)
      if (s.program !== undefined && !programs.has(s.program)) return refuse(e.id, `services[${i}].program`, s.program, "program", "项目", programs)
    }
    const followUps = cf.followUps ?? []
    for (let i = 0; i < followUps.length; i++) {
      if (!steps.has(followUps[i]!.step)) return refuse(e.id, `followUps[${i}].step`, followUps[i]!.step, "follow-up step", "跟进步骤", steps)
    }
    if (e.facts !== undefined) {
      for (const id of Object.keys(e.facts)) {
        const type = facts.get(id)
        if (type === undefined) return refuse(e.id, `elder.facts.${id}`, id, "fact", "案卷事实", facts.keys())
        const value = e.facts[id]
        if (value !== null && !FACT_TYPES[type](value)) {
          return {
            value: "",
            reasons: [
              reason(
                "vocabulary.fact-type",
                citation,
                `案卷 ${e.id} 的 elder.facts.${id} 应为 ${type} 类型（或 null），实际为 ${typeof value}`,
                `case ${e.id}: elder.facts.${id} should be a ${type} (or null), found a ${typeof value}`
              )
            ]
          }
        }
      }
    }
    return undefined
  }
}

type Runner = (caseFile: CaseFile, ctx: EvalContext, selection: Decision<string>) => Record<string, unknown>

/**
 * The rules of a plan as one straight-line function: a call site per rule and static property
 * names keep each call and store monomorphic, and the output object is made with every part
 * in place (one shape, no growth as the parts are added). Falls back to a loop where code
 * generation is refused (a content security policy).
 */
const makeRunner = (names: ReadonlyArray<RuleName>, fns: ReadonlyArray<RuleFn<RuleName>>, asOf: string, ref: PolicyRef): Runner => {
  try {
    return new Function(
      "f",
      "a",
      "r",
      `"use strict";const g=f;return function run(c,x,s){const f=g,o={elderId:c.elder.id,regionCode:c.elder.regionCode,asOf:a,policy:r,selection:s,${names.map((n) => `${n}:void 0,`).join("")}provenance:void 0}\n${names.map((n, i) => `o.${n}=f[${i}](c,x,o)`).join("\n")}\nreturn o}`
    )(fns, asOf, ref) as Runner
  } catch {
    return (c, x, selection) => {
      const out: Record<string, unknown> = { elderId: c.elder.id, regionCode: c.elder.regionCode, asOf, policy: ref, selection }
      for (let i = 0; i < fns.length; i++) out[names[i]!] = fns[i]!(c, x, out as Partial<RuleOutputs>)
      return out
    }
  }
}

const dedupe = (list: ReadonlyArray<Parameter.Resolved>): ReadonlyArray<Parameter.Resolved> => {
  const seen = new Map<string, Parameter.Resolved>()
  for (const r of list) seen.set(`${r.id}|${r.region ?? ""}`, r)
  return [...seen.values()]
}

/**
 * Why an evaluation could not be made.
 *
 * @category errors
 * @since 0.1.0
 */
export interface EvaluationError {
  readonly _tag: "EvaluationError"
  readonly elderId: string
  readonly reason: Decision<string>
}

/**
 * An engine over a registry: selects the policy for each case, caches compiled plans per
 * policy and date.
 *
 * @category models
 * @since 0.1.0
 */
export interface Engine {
  readonly registry: Registry
  /** the expired plugins this engine keeps applying (`EngineOptions.continuePastExpiry`), so that what else selects a plugin (the evaluation indicators) selects as it does @since 0.4.0 */
  readonly continuePastExpiry?: ReadonlyArray<Continuation>
  readonly plan: (policy: LoadedPolicy, asOf: CalendarDate.CalendarDate) => Plan
  /**
   * Evaluates one case file at a date, with the selected policy or the one named in
   * `options.policy` (`id` or `id@range`). The provenance names the case file's input version:
   * `options.inputVersion` when given, else the version the decoder recorded when it returned
   * this object (`Decode.versionOf`: computed once where the data entered), else the version
   * computed from the content (`inputVersion`). A decoded case file changed in place keeps its
   * recorded version: change a copy or decode it again (see `Decode.versionOf`).
   */
  readonly evaluate: (
    caseFile: CaseFile,
    asOf: CalendarDate.CalendarDate,
    options?: {
      readonly policy?: string
      readonly inputVersion?: string
      /** with `policy`: apply it as continued past expiry (a replay of an evaluation whose provenance says so) */
      readonly continuedPastExpiry?: boolean
    }
  ) => Outcome<Evaluation, EvaluationError>
}

/**
 * Bounds of an engine's caches. The engine compiles one plan per policy and as-of date and
 * remembers one selection per governed region prefix (a county, where counties have plugins) and date; a host that evaluates at any date a request
 * names would otherwise grow them without end. When a cache is full, the entries of the date
 * added first are dropped (rebuilt if asked for again: compiling a plan takes about a
 * millisecond).
 *
 * @category models
 * @since 0.2.0
 */
export interface EngineOptions {
  /** compiled plans kept (policy and as-of date); default 64 */
  readonly maxPlans?: number
  /** selections kept (region prefix, or village where no policy governs, and as-of date); default 100,000 */
  readonly maxSelections?: number
  /**
   * Expired plugins to keep applying after their last day (a host's explicit, audited choice;
   * none by default): each until its date, or until a successor is in force. A successor in
   * force always wins. Evaluations made so mark every reason `continuedPastExpiry` (text
   * （失效后继续适用）/ (continued past expiry)) and record it in their provenance. @since 0.4.0
   */
  readonly continuePastExpiry?: ReadonlyArray<Continuation>
}

/**
 * Makes room in a cache keyed by date: drops the entries of the date added first (one date's
 * entries at a time, so that a host evaluating today's date keeps today's entries).
 */
const dropOldest = <K, V>(cache: Map<string, Map<K, V>>, count: () => number, setCount: (n: number) => void): void => {
  const oldest = cache.keys().next()
  if (oldest.done === true) return
  setCount(count() - (cache.get(oldest.value)?.size ?? 0))
  cache.delete(oldest.value)
}

/**
 * Parses `id` or `id@versionRange`.
 *
 * @category getters
 * @since 0.1.0
 */
export const parsePolicySpec = (spec: string): { readonly id: string; readonly version: string | undefined } => {
  const at = spec.indexOf("@")
  return at < 0 ? { id: spec, version: undefined } : { id: spec.slice(0, at), version: spec.slice(at + 1) }
}

/**
 * Makes an engine.
 *
 * **Example**
 * ```ts
 * import { Engine, Loader } from "@liushou/core"
 * import { hunan } from "@liushou/policy-hunan"
 * import { national } from "@liushou/policy-national"
 * const engine = Engine.make(Loader.load([national, hunan]))
 * const r = engine.evaluate(caseFile, "2019-06-30")
 * ```
 *
 * @category constructors
 * @since 0.1.0
 */
export const make = (registry: Registry, options: EngineOptions = {}): Engine => {
  const maxPlans = Math.max(1, options.maxPlans ?? 64)
  const maxSelections = Math.max(1, options.maxSelections ?? 100_000)
  // caches keyed by date first, then by object or code: no key strings built per evaluation
  const plans = new Map<string, Map<LoadedPolicy, Plan>>()
  let planCount = 0
  const continuations = options.continuePastExpiry ?? []
  // plans of policies applied past their expiry, apart (their reasons are marked)
  const continuedPlans = new Map<string, Map<LoadedPolicy, Plan>>()
  let continuedCount = 0
  const continuedPlan = (policy: LoadedPolicy, asOf: CalendarDate.CalendarDate): Plan => {
    let byPolicy = continuedPlans.get(asOf)
    let p = byPolicy?.get(policy)
    if (p === undefined) {
      p = compile(policy, asOf, { continuedPastExpiry: true })
      if (continuedCount >= maxPlans) dropOldest(continuedPlans, () => continuedCount, (n) => (continuedCount = n))
      if (byPolicy === undefined || !continuedPlans.has(asOf)) continuedPlans.set(asOf, (byPolicy = new Map()))
      byPolicy.set(policy, p)
      continuedCount++
    }
    return p
  }
  const plan = (policy: LoadedPolicy, asOf: CalendarDate.CalendarDate): Plan => {
    let byPolicy = plans.get(asOf)
    let p = byPolicy?.get(policy)
    if (p === undefined) {
      p = compile(policy, asOf)
      if (planCount >= maxPlans) dropOldest(plans, () => planCount, (n) => (planCount = n))
      if (byPolicy === undefined || !plans.has(asOf)) plans.set(asOf, (byPolicy = new Map()))
      byPolicy.set(policy, p)
      planCount++
    }
    return p
  }
  const selections = new Map<string, Map<string, ReturnType<typeof select>>>()
  let selectionCount = 0
  // A plugin governs a region-code prefix, so which policy governs a code depends only on its
  // first `significant` digits (the longest region of a loaded plugin): selections are kept per
  // prefix (per county when counties have plugins), not per village.
  let significant = 0
  for (const l of registry.policies) significant = Math.max(significant, l.plugin.region?.length ?? 0)
  const selectFor = (regionCode: string, asOf: CalendarDate.CalendarDate): ReturnType<typeof select> => {
    let byRegion = selections.get(asOf)
    const key = regionCode.slice(0, significant)
    let s = byRegion?.get(key)
    if (s === undefined) {
      s = select(registry, regionCode, asOf, continuations)
      // no policy in force: the decision names the code itself, so it is not kept for the prefix
      if (s.policy === undefined) return s
      if (selectionCount >= maxSelections) dropOldest(selections, () => selectionCount, (n) => (selectionCount = n))
      if (byRegion === undefined || !selections.has(asOf)) selections.set(asOf, (byRegion = new Map()))
      byRegion.set(key, s)
      selectionCount++
    }
    return s
  }
  const evaluate: Engine["evaluate"] = (caseFile, asOf, options = {}) => {
    // a date that is not on the calendar would be read as a plausible other date
    if (!CalendarDate.isValid(asOf)) {
      const doc = { document: "@liushou/core", clause: "as-of" }
      return {
        ok: false,
        error: { _tag: "EvaluationError", elderId: caseFile.elder.id, reason: { value: "", reasons: [reason("evaluation.invalid-as-of", doc, `评估日期 ${String(asOf)} 不是日历上存在的日期（YYYY-MM-DD）`, `the as-of date ${String(asOf)} is not a calendar date (YYYY-MM-DD)`)] } }
      }
    }
    let policy: LoadedPolicy | undefined
    let selection: Decision<string>
    let continued = false
    if (options.policy !== undefined) {
      continued = options.continuedPastExpiry === true
      const spec = parsePolicySpec(options.policy)
      policy = find(registry, spec.id, spec.version)
      const doc = { document: "@liushou/core", clause: "selection" }
      if (policy === undefined) {
        return {
          ok: false,
          error: {
            _tag: "EvaluationError",
            elderId: caseFile.elder.id,
            reason: { value: "", reasons: [reason("selection.unknown-policy", doc, `未加载政策 ${options.policy}`, `no loaded policy matches ${options.policy}`)] }
          }
        }
      }
      selection = { value: policy.key, reasons: [reason("selection.chosen-by-caller", doc, `调用方指定政策 ${policy.key}`, `policy ${policy.key} chosen by the caller`)] }
    } else {
      // selection depends only on the region code and the date: cache it per village
      const s = selectFor(caseFile.elder.regionCode, asOf)
      policy = s.policy
      selection = s.decision
      continued = s.continued !== undefined
      if (policy === undefined) return { ok: false, error: { _tag: "EvaluationError", elderId: caseFile.elder.id, reason: selection } }
    }
    const p = continued ? continuedPlan(policy, asOf) : plan(policy, asOf)
    const undeclared = p.undeclared(caseFile)
    if (undeclared !== undefined) return { ok: false, error: { _tag: "EvaluationError", elderId: caseFile.elder.id, reason: undeclared } }
    return { ok: true, value: p.evaluate(caseFile, selection, options.inputVersion) }
  }
  return { registry, plan, evaluate, continuePastExpiry: continuations }
}

export type { PolicyPlugin }
