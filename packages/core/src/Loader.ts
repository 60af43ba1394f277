/**
 * Loading policy plugins: the load-time checks, run in the order of {@link CHECKS}; each
 * failure is an error value naming the plugin, the check, what was expected and what was
 * found, in Chinese and English. Selection (which loaded plugin governs an elder at a date)
 * is in `Selection`.
 *
 * The checks, in order (the list below is {@link CHECKS}; a test keeps the two the same):
 * 1. metadata: the plugin has the documented shape
 * 2. core-version: the plugin's core range accepts this core
 * 3. duplicate: one plugin per id and version
 * 4. missing-parent: the parent it extends is loaded
 * 5. region: its region lies inside its parent's
 * 6. overlapping-validity: no other plugin governs the same region at the same time
 * 7. overrides: it replaces exactly the parent rules it declares
 * 8. parameters: its rules read parameters of the chain; series without gaps or overlaps
 * 9. topics: every topic its rules and programs cite is named in the chain's clauses
 * 10. vocabularies: vocabulary ids declared once; the ids rules use are declared
 * 11. vocabulary-tables: tables keyed by a vocabulary cover every id; ids in values declared
 *
 * @since 0.1.0
 */
import { Result, Schema, SchemaIssue } from "effect"
import * as CalendarDate from "./CalendarDate.js"
import type { Text } from "./Decision.js"
import * as Engine from "./Engine.js"
import { RULE_ORDER, type RuleName } from "./Evaluation.js"
import { canonicalJson, hash64 } from "./internal/hash.js"
import { compareVersions, isVersion, satisfies } from "./internal/semver.js"
import type { Outcome } from "./Outcome.js"
import * as Parameter from "./Parameter.js"
import type { PolicyPlugin, RiskLevel, Rule, Term, Vocabularies, VocabularyName } from "./Policy.js"
import { key, VOCABULARY_NAMES } from "./Policy.js"
import * as RegionCode from "./RegionCode.js"
import * as Selection from "./Selection.js"
import { CORE_VERSION } from "./Version.js"

/**
 * A load-time check: its id (the `check` of an error) and what it makes sure of.
 *
 * @category models
 * @since 0.2.0
 */
export interface CheckDefinition<C extends string = string> {
  readonly id: C
  readonly title: Text
}

/**
 * The load-time checks, in the order they run. The module header, docs/architecture.md and
 * the error messages come from this list.
 *
 * @category models
 * @since 0.1.0
 */
export const CHECKS = [
  { id: "metadata", title: { zh: "元数据符合规定格式", en: "the plugin has the documented shape" } },
  { id: "core-version", title: { zh: "所需的 core 版本范围包含当前版本", en: "the plugin's core range accepts this core" } },
  { id: "duplicate", title: { zh: "同一 id 和版本只加载一次", en: "one plugin per id and version" } },
  { id: "missing-parent", title: { zh: "所扩展的父插件已加载", en: "the parent it extends is loaded" } },
  { id: "region", title: { zh: "区划在父插件区划之内", en: "its region lies inside its parent's" } },
  { id: "overlapping-validity", title: { zh: "同一区划同一时间只有一个插件", en: "no other plugin governs the same region at the same time" } },
  { id: "overrides", title: { zh: "恰好覆盖所声明的父插件规则", en: "it replaces exactly the parent rules it declares" } },
  { id: "parameters", title: { zh: "规则读取的参数存在，参数序列无间断无重叠", en: "its rules read parameters of the chain; series without gaps or overlaps" } },
  { id: "topics", title: { zh: "规则和项目引用的主题均在条款表中", en: "every topic its rules and programs cite is named in the chain's clauses" } },
  { id: "vocabularies", title: { zh: "词表中每个 id 只声明一次，规则使用的 id 均已声明", en: "vocabulary ids declared once; the ids rules use are declared" } },
  {
    id: "vocabulary-tables",
    title: { zh: "按词表分项的参数覆盖每一项，取值中的 id 均已声明", en: "tables keyed by a vocabulary cover every id; ids in values declared" }
  }
] as const satisfies ReadonlyArray<CheckDefinition>

/**
 * @category models
 * @since 0.1.0
 */
export type Check = (typeof CHECKS)[number]["id"]

/**
 * A plugin refused at load time.
 *
 * @category errors
 * @since 0.1.0
 */
export interface PolicyLoadError {
  readonly _tag: "PolicyLoadError"
  /** `id@version`, or `#position` when the metadata has no usable id */
  readonly plugin: string
  readonly check: Check
  readonly expected: string
  readonly found: string
  readonly message: Text
}

/**
 * A plugin that passed every check, with its resolved chain.
 *
 * @category models
 * @since 0.1.0
 */
export interface LoadedPolicy {
  readonly plugin: PolicyPlugin
  readonly key: string
  /** from the baseline to this plugin */
  readonly chain: ReadonlyArray<PolicyPlugin>
  readonly parent: LoadedPolicy | null
  /** each rule name to the chain's most specific definition */
  readonly rules: ReadonlyMap<RuleName, ReadonlyArray<Rule<RuleName>>>
  readonly riskLevels: ReadonlyArray<RiskLevel>
  /** the chain's vocabularies: programs, follow-up ladder, bodies, concerns, facts, ledger reasons, service kinds @since 0.2.0 */
  readonly vocabularies: Vocabularies
  /** hash of the parameters of the whole chain */
  readonly parametersHash: string
  /** all dates at which a parameter of the chain may change value, plus the validity bounds */
  readonly changeDates: ReadonlyArray<CalendarDate.CalendarDate>
}

/**
 * The accepted plugins.
 *
 * @category models
 * @since 0.1.0
 */
export interface Registry {
  readonly policies: ReadonlyArray<LoadedPolicy>
  readonly errors: ReadonlyArray<PolicyLoadError>
}

const TextSchema = Schema.Struct({ zh: Schema.String, en: Schema.String })
const DateSchema = Schema.String.check(Schema.makeFilter<string>((s) => CalendarDate.isValid(s) || `Expected a calendar date YYYY-MM-DD`))
const VocabularyId = Schema.String.check(Schema.makeFilter<string>((s) => /^[a-z0-9][a-z0-9.-]*$/.test(s) || "Expected an id of lower-case letters, digits, dots and dashes"))
const TermSchema = Schema.Struct({ id: VocabularyId, name: TextSchema })
const VocabularyNameSchema = Schema.Literals(VOCABULARY_NAMES as ReadonlyArray<VocabularyName>)
// a literal range: a string in the source, so the check can fail when core moves on
const CoreRange = Schema.String.check(Schema.makeFilter<string>((s) => satisfies("0.0.0", s) !== undefined || "Expected a semver range such as ^0.1.0"))
const RuleSchema = Schema.Struct({
  parameters: Schema.Array(Schema.String),
  topics: Schema.Array(Schema.String),
  uses: Schema.optionalKey(Schema.Struct(Object.fromEntries(VOCABULARY_NAMES.map((n) => [n, Schema.optionalKey(Schema.Array(Schema.String))])))),
  compile: Schema.Any
})
const MetadataSchema = Schema.Struct({
  id: Schema.String.check(Schema.makeFilter<string>((s) => /^[a-z0-9][a-z0-9-]*$/.test(s) || "Expected a lower-case id of letters, digits and dashes")),
  version: Schema.String.check(Schema.makeFilter<string>((s) => isVersion(s) || "Expected a semver version x.y.z")),
  document: Schema.Struct({ number: Schema.String.check(Schema.isMinLength(1)), title: TextSchema }),
  region: Schema.NullOr(Schema.String.check(Schema.makeFilter<string>((s) => RegionCode.isValid(s) || "Expected a region code prefix of 2, 4, 6, 9 or 12 digits"))),
  effectiveFrom: DateSchema,
  effectiveUntil: Schema.NullOr(DateSchema),
  core: CoreRange,
  extends: Schema.NullOr(Schema.Struct({ id: Schema.String, version: Schema.String })),
  riskLevels: Schema.optionalKey(Schema.Array(TermSchema).check(Schema.isMinLength(1))),
  vocabularies: Schema.optionalKey(
    Schema.Struct({
      programs: Schema.optionalKey(Schema.Array(Schema.Struct({ id: VocabularyId, name: TextSchema, topic: Schema.String }))),
      followUpSteps: Schema.optionalKey(Schema.Array(TermSchema).check(Schema.isMinLength(1))),
      bodies: Schema.optionalKey(Schema.Array(TermSchema)),
      concerns: Schema.optionalKey(Schema.Array(TermSchema)),
      facts: Schema.optionalKey(Schema.Array(Schema.Struct({ id: VocabularyId, name: TextSchema, type: Schema.Literals(["boolean", "number", "string", "date"]) }))),
      ledgerReasons: Schema.optionalKey(Schema.Array(Schema.Struct({ id: VocabularyId, name: TextSchema, event: Schema.Literals(["entered", "exited"]) }))),
      serviceKinds: Schema.optionalKey(Schema.Array(TermSchema))
    })
  ),
  parameters: Schema.Array(
    Schema.Struct({
      id: Schema.String,
      status: Schema.Literals(["law", "interpretation", "local", "sample"]),
      regional: Schema.optionalKey(Schema.Boolean),
      values: Schema.Array(Schema.Any),
      keyedBy: Schema.optional(VocabularyNameSchema),
      valuesFrom: Schema.optional(VocabularyNameSchema)
    })
  ),
  rules: Schema.Struct(Object.fromEntries(RULE_ORDER.map((name) => [name, Schema.optionalKey(RuleSchema)])) as Record<RuleName, Schema.optionalKey<typeof RuleSchema>>),
  overrides: Schema.Array(Schema.Literals(RULE_ORDER)),
  clauses: Schema.optionalKey(Schema.Record(Schema.String, Schema.String))
})
const decodeMetadata = Schema.decodeUnknownResult(MetadataSchema)

const TITLES = new Map<string, Text>(CHECKS.map((c) => [c.id, c.title]))

/** one problem a check found: what was expected, what was found, and the finding in Chinese */
interface Problem {
  readonly expected: string
  readonly found: string
  readonly zh: string
}

const error = (plugin: string, check: Check, problem: Problem): PolicyLoadError => ({
  _tag: "PolicyLoadError",
  plugin,
  check,
  expected: problem.expected,
  found: problem.found,
  message: {
    en: `plugin ${plugin} refused (${check}: ${TITLES.get(check)!.en}): expected ${problem.expected}, found ${problem.found}`,
    zh: `插件 ${plugin} 未加载（${check}：${TITLES.get(check)!.zh}）：${problem.zh}`
  }
})

const overlaps = (a: PolicyPlugin, b: PolicyPlugin): boolean =>
  a.effectiveFrom <= (b.effectiveUntil ?? "9999-12-31") && b.effectiveFrom <= (a.effectiveUntil ?? "9999-12-31")

const inheritVocabularies = (parent: Vocabularies, own: Partial<Vocabularies> | undefined): Vocabularies =>
  own === undefined
    ? parent
    : {
        programs: [...parent.programs, ...(own.programs ?? [])],
        followUpSteps: own.followUpSteps ?? parent.followUpSteps,
        bodies: [...parent.bodies, ...(own.bodies ?? [])],
        concerns: [...parent.concerns, ...(own.concerns ?? [])],
        facts: [...parent.facts, ...(own.facts ?? [])],
        ledgerReasons: [...(parent.ledgerReasons ?? []), ...(own.ledgerReasons ?? [])],
        serviceKinds: [...(parent.serviceKinds ?? []), ...(own.serviceKinds ?? [])]
      }

const EMPTY: Vocabularies = { programs: [], followUpSteps: [], bodies: [], concerns: [], facts: [], ledgerReasons: [], serviceKinds: [] }

/** What a check sees of a plugin whose parent is resolved. */
interface InChain {
  readonly plugin: PolicyPlugin
  readonly parent: LoadedPolicy | null
  readonly accepted: ReadonlyArray<LoadedPolicy>
  readonly chain: ReadonlyArray<PolicyPlugin>
  readonly parentRules: ReadonlyMap<RuleName, ReadonlyArray<Rule<RuleName>>>
  readonly rules: ReadonlyMap<RuleName, ReadonlyArray<Rule<RuleName>>>
  readonly riskLevels: ReadonlyArray<Term>
  readonly vocabularies: Vocabularies
  /** the plugin as it loads if every check passes (for the checks that compile it) */
  readonly loaded: () => LoadedPolicy
}

const idsOf = (c: InChain, name: VocabularyName): ReadonlyArray<string> => (name === "riskLevels" ? c.riskLevels : (c.vocabularies[name] ?? [])).map((t) => t.id)

const ownRules = (p: PolicyPlugin) => Object.entries(p.rules) as Array<[RuleName, Rule<RuleName>]>

/** The values of each parameter that can be in force while the plugin governs: the most specific definition's, and a parent's where the child's does not yet cover the plugin's first day. */
const valuesInForce = (c: InChain): ReadonlyArray<{ readonly parameter: Parameter.Parameter; readonly value: Parameter.DatedValue<unknown> }> => {
  const out: Array<{ parameter: Parameter.Parameter; value: Parameter.DatedValue<unknown> }> = []
  const ids = new Set(c.chain.flatMap((x) => x.parameters.map((q) => q.id)))
  const until = c.plugin.effectiveUntil ?? "9999-12-31"
  for (const id of ids) {
    for (let i = c.chain.length - 1; i >= 0; i--) {
      const param = c.chain[i]!.parameters.find((q) => q.id === id)
      if (param === undefined) continue
      for (const v of param.values) if (v.from <= until && (v.until === undefined || v.until >= c.plugin.effectiveFrom)) out.push({ parameter: param, value: v })
      if (param.values.some((v) => v.region === undefined && v.from <= c.plugin.effectiveFrom)) break
    }
  }
  return out
}

const stringsIn = (v: unknown): ReadonlyArray<string> =>
  typeof v === "string" ? [v] : Array.isArray(v) ? v.filter((x): x is string => typeof x === "string") : v !== null && typeof v === "object" ? Object.values(v).flatMap(stringsIn) : []

/**
 * A rule may cite a topic its `topics` leave out (one it only tries, with a fallback); if no
 * plugin of the chain names it, the citation fails when the plan is compiled. So the plugin is
 * compiled, as the engine will, on its first day and on every day a value of the chain changes
 * while it is in force, and a citation of an unnamed topic that escapes a rule refuses it here
 * rather than at evaluation. (A rule that cites only while evaluating is not seen: rules build
 * their reasons when compiled.) Other compile failures are left to the engine, which reports
 * them with the date.
 */
const citedAtCompile = (c: InChain, where: string): ReadonlyArray<Problem> => {
  const policy = c.loaded()
  const until = c.plugin.effectiveUntil ?? "9999-12-31"
  for (const date of policy.changeDates) {
    if (date < c.plugin.effectiveFrom || date > until) continue
    try {
      Engine.compile(policy, date)
    } catch (e) {
      if (!(e instanceof Engine.PolicyDefect) || e.unnamedTopic === undefined) continue
      // (a topic the rule's `topics` list is named: the static part of the check passed)
      const { rule, topic } = e.unnamedTopic
      return [
        {
          expected: `topic "${topic}" (cited by rule "${rule}" when compiled for ${date}, not listed in its topics) named in ${where}`,
          found: "no clause for it",
          zh: `规则 "${rule}" 在编译（${date}）时引用的主题 "${topic}" 未列入其 topics，且在条款表中不存在`
        }
      ]
    }
  }
  return []
}

/**
 * The checks that need the plugin's parent, by id; `load` runs them in the order of CHECKS.
 * Each returns the problems it finds (none: the check passed).
 */
const IN_CHAIN: { readonly [C in Check]?: (c: InChain) => ReadonlyArray<Problem> } = {
  region: ({ plugin: p, parent }) =>
    parent !== null && p.region !== null && parent.plugin.region !== null && !RegionCode.contains(parent.plugin.region, p.region)
      ? [{ expected: `a region inside the parent's region ${parent.plugin.region}`, found: `region ${p.region}`, zh: `区划 ${p.region} 不在父插件区划 ${parent.plugin.region} 之内` }]
      : [],
  "overlapping-validity": ({ plugin: p, accepted }) => {
    const other = accepted.find((o) => o.plugin.id !== p.id && o.plugin.region === p.region && overlaps(o.plugin, p))
    return other === undefined
      ? []
      : [
          {
            expected: `no other plugin governing region ${p.region ?? "(national)"} between ${p.effectiveFrom} and ${p.effectiveUntil ?? "(open)"}`,
            found: `${other.key} in force ${other.plugin.effectiveFrom}..${other.plugin.effectiveUntil ?? "(open)"}`,
            zh: `与 ${other.key} 在同一区划 ${p.region ?? "（全国）"} 的有效期重叠`
          }
        ]
  },
  overrides: ({ plugin: p, parent, parentRules }) => [
    ...p.overrides
      .filter((o) => !parentRules.has(o))
      .map((o) => ({
        expected: `a rule "${o}" in the parent ${parent?.key ?? "(none)"} to override`,
        found: `the parent has only ${[...parentRules.keys()].join(", ") || "no rules"}`,
        zh: `声明覆盖的规则 "${o}" 在父插件中不存在`
      })),
    ...ownRules(p)
      .filter(([name]) => parentRules.has(name) && !p.overrides.includes(name))
      .map(([name]) => ({
        expected: `"${name}" listed in overrides (it replaces the parent's rule)`,
        found: `"${name}" defined but not declared`,
        zh: `规则 "${name}" 覆盖了父插件的规则但未在 overrides 中声明`
      }))
  ],
  parameters: ({ plugin: p, parent, chain }) => {
    const out: Array<Problem> = []
    const paramIds = new Set(chain.flatMap((c) => c.parameters.map((x) => x.id)))
    for (const param of p.parameters) {
      const inherited = parent !== null && parent.chain.some((c) => c.parameters.some((x) => x.id === param.id))
      for (const problem of Parameter.checkSeries(param, inherited ? null : p.effectiveFrom)) {
        out.push({ expected: "a parameter series without gaps or overlaps", found: problem.text.en, zh: problem.text.zh })
      }
    }
    const own = new Set<string>()
    for (const param of p.parameters) {
      if (own.has(param.id)) out.push({ expected: "each parameter id once per plugin", found: `${param.id} twice`, zh: `参数 ${param.id} 重复定义` })
      own.add(param.id)
    }
    for (const [name, r] of ownRules(p)) {
      for (const id of r.parameters) {
        if (!paramIds.has(id)) out.push({ expected: `parameter ${id} (read by rule "${name}") defined in the chain`, found: "no such parameter", zh: `规则 "${name}" 读取的参数 ${id} 不存在` })
      }
    }
    return out
  },
  topics: (c) => {
    const { plugin: p, chain } = c
    const named = new Set(chain.flatMap((x) => Object.keys(x.clauses ?? {})))
    const out: Array<Problem> = []
    const where = `the clauses of ${chain.map(key).join(" → ")}`
    for (const [name, r] of ownRules(p)) {
      for (const topic of r.topics) {
        if (!named.has(topic)) out.push({ expected: `topic "${topic}" (cited by rule "${name}") named in ${where}`, found: "no clause for it", zh: `规则 "${name}" 引用的主题 "${topic}" 在条款表中不存在` })
      }
    }
    for (const program of p.vocabularies?.programs ?? []) {
      if (!named.has(program.topic)) {
        out.push({ expected: `topic "${program.topic}" (of program ${program.id}) named in ${where}`, found: "no clause for it", zh: `项目 ${program.id} 的主题 "${program.topic}" 在条款表中不存在` })
      }
    }
    return out.length > 0 ? out : citedAtCompile(c, where)
  },
  vocabularies: (c) => {
    const out: Array<Problem> = []
    for (const name of VOCABULARY_NAMES) {
      const seen = new Set<string>()
      for (const id of idsOf(c, name)) {
        if (seen.has(id)) out.push({ expected: `each id of ${name} declared once in the chain`, found: `${id} declared twice`, zh: `词表 ${name} 中的 ${id} 重复声明` })
        seen.add(id)
      }
    }
    if (c.rules.has("risk") && c.riskLevels.length === 0) out.push({ expected: "riskLevels for a plugin with a risk rule", found: "no risk levels", zh: "有风险评估规则但未定义风险等级" })
    if (c.rules.has("followUp") && c.vocabularies.followUpSteps.length === 0) {
      out.push({ expected: "a follow-up ladder (vocabularies.followUpSteps) for a plugin with a follow-up rule", found: "no follow-up steps", zh: "有跟进规则但未定义跟进阶梯" })
    }
    for (const [name, defs] of c.rules) {
      for (const def of defs) {
        for (const [vocabulary, ids] of Object.entries(def.uses ?? {}) as Array<[VocabularyName, ReadonlyArray<string>]>) {
          const declared = new Set(idsOf(c, vocabulary))
          for (const id of ids) {
            if (!declared.has(id)) {
              out.push({ expected: `${vocabulary} "${id}" (used by rule "${name}") declared in the chain`, found: `only ${[...declared].join(", ") || "none"}`, zh: `规则 "${name}" 使用的 ${vocabulary} "${id}" 未声明` })
            }
          }
        }
      }
    }
    return out
  },
  "vocabulary-tables": (c) => {
    const out: Array<Problem> = []
    for (const { parameter, value } of valuesInForce(c)) {
      const at = `${parameter.id} from ${value.from}${value.region !== undefined ? ` (region ${value.region})` : ""}`
      if (parameter.keyedBy !== undefined) {
        const ids = idsOf(c, parameter.keyedBy)
        const keys = value.value !== null && typeof value.value === "object" && !Array.isArray(value.value) ? Object.keys(value.value) : []
        const missing = ids.filter((id) => !keys.includes(id))
        const unknown = keys.filter((k) => !ids.includes(k))
        if (missing.length > 0 || unknown.length > 0) {
          out.push({
            expected: `${at}: one entry for each of ${parameter.keyedBy} ${ids.join(", ")}`,
            found: [missing.length > 0 ? `missing ${missing.join(", ")}` : "", unknown.length > 0 ? `undeclared ${unknown.join(", ")}` : ""].filter((x) => x !== "").join("; "),
            zh: `参数 ${at} 应按 ${parameter.keyedBy} 逐项取值：${missing.length > 0 ? `缺少 ${missing.join("、")}` : ""}${unknown.length > 0 ? ` 未声明 ${unknown.join("、")}` : ""}`
          })
        }
      }
      if (parameter.valuesFrom !== undefined) {
        const ids = new Set(idsOf(c, parameter.valuesFrom))
        const unknown = stringsIn(value.value).filter((x) => !ids.has(x))
        if (unknown.length > 0) {
          out.push({ expected: `${at}: ids of ${parameter.valuesFrom} declared in the chain`, found: `undeclared ${unknown.join(", ")}`, zh: `参数 ${at} 的取值 ${unknown.join("、")} 不在 ${parameter.valuesFrom} 中` })
        }
      }
    }
    return out
  }
}

/**
 * Loads plugins: runs the checks of {@link CHECKS} in order and returns the accepted plugins
 * with the errors of the refused ones. A plugin whose parent is refused is refused too.
 *
 * **Example**
 * ```ts
 * import { Loader } from "@liushou/core"
 * import { national } from "@liushou/policy-national"
 * const registry = Loader.load([national])
 * if (registry.errors.length > 0) console.error(registry.errors.map((e) => e.message.en))
 * ```
 *
 * @category constructors
 * @since 0.1.0
 */
export const load = (plugins: ReadonlyArray<unknown>, options: { readonly coreVersion?: string } = {}): Registry => {
  const coreVersion = options.coreVersion ?? CORE_VERSION
  const errors: Array<PolicyLoadError> = []
  // metadata
  const candidates: Array<PolicyPlugin> = []
  plugins.forEach((p, i) => {
    const problem = checkMetadata(p)
    if (problem === undefined) candidates.push(p as PolicyPlugin)
    else {
      const name =
        p !== null && typeof p === "object" && typeof (p as { id?: unknown }).id === "string"
          ? `${(p as { id: string }).id}@${String((p as { version?: unknown }).version ?? "?")}`
          : `#${i}`
      errors.push(error(name, "metadata", problem))
    }
  })
  // core-version
  const inRange = candidates.filter((p) => {
    if (satisfies(coreVersion, p.core) === true) return true
    errors.push(error(key(p), "core-version", { expected: `@liushou/core ${p.core}`, found: `@liushou/core ${coreVersion}`, zh: `需要 @liushou/core ${p.core}，实际为 ${coreVersion}` }))
    return false
  })
  // duplicate
  const seen = new Set<string>()
  const unique = inRange.filter((p) => {
    const k = key(p)
    if (!seen.has(k)) {
      seen.add(k)
      return true
    }
    errors.push(error(k, "duplicate", { expected: "one plugin per id and version", found: `${k} given twice`, zh: `${k} 重复加载` }))
    return false
  })
  // missing-parent: parents first, then the in-chain checks for each plugin whose parent is loaded
  const accepted: Array<LoadedPolicy> = []
  const findParent = (p: PolicyPlugin): LoadedPolicy | undefined => {
    let best: LoadedPolicy | undefined
    for (const l of accepted) {
      if (l.plugin.id === p.extends!.id && satisfies(l.plugin.version, p.extends!.version) === true) {
        if (best === undefined || compareVersions(l.plugin.version, best.plugin.version) > 0) best = l
      }
    }
    return best
  }
  const pending = [...unique]
  let progress = true
  while (progress) {
    progress = false
    for (let i = 0; i < pending.length; i++) {
      const p = pending[i]!
      const parent = p.extends === null ? null : findParent(p)
      if (parent === undefined) continue
      pending.splice(i--, 1)
      progress = true
      const result = checkInChain(p, parent, accepted)
      if (result.ok) accepted.push(result.value)
      else errors.push(...result.error)
    }
  }
  for (const p of pending) {
    const available = unique.filter((u) => u.id === p.extends!.id).map(key)
    errors.push(
      error(key(p), "missing-parent", {
        expected: `a loaded parent ${p.extends!.id}@${p.extends!.version}`,
        found: available.length > 0 ? `only ${available.join(", ")} (refused or out of range)` : "no such plugin loaded",
        zh: `缺少父插件 ${p.extends!.id}@${p.extends!.version}`
      })
    )
  }
  return { policies: accepted, errors }
}

const pathText = (path: ReadonlyArray<unknown> | undefined): string =>
  (path ?? []).map((k) => (typeof k === "object" && k !== null && "key" in k ? String(k.key) : String(k))).join(".") || "(plugin)"

const checkMetadata = (p: unknown): Problem | undefined => {
  const r = decodeMetadata(p, { errors: "all", onExcessProperty: "ignore" })
  if (Result.isFailure(r)) {
    const found = SchemaIssue.makeFormatterStandardSchemaV1()(r.failure.issue)
      .issues.map((x) => `${pathText(x.path)}: ${x.message}`)
      .join("; ")
    return { expected: "plugin metadata of the documented shape", found, zh: `元数据不符合规定格式：${found}` }
  }
  const plugin = p as PolicyPlugin
  if (plugin.effectiveUntil !== null && plugin.effectiveUntil < plugin.effectiveFrom) {
    return { expected: "effectiveUntil on or after effectiveFrom", found: `${plugin.effectiveFrom}..${plugin.effectiveUntil}`, zh: `失效日 ${plugin.effectiveUntil} 早于生效日 ${plugin.effectiveFrom}` }
  }
  return undefined
}

const checkInChain = (
  p: PolicyPlugin,
  parent: LoadedPolicy | null,
  accepted: ReadonlyArray<LoadedPolicy>
): Outcome<LoadedPolicy, ReadonlyArray<PolicyLoadError>> => {
  const k = key(p)
  const chain = parent === null ? [p] : [...parent.chain, p]
  const parentRules = parent?.rules ?? new Map<RuleName, ReadonlyArray<Rule<RuleName>>>()
  const rules = new Map<RuleName, ReadonlyArray<Rule<RuleName>>>(parentRules)
  for (const [name, r] of ownRules(p)) rules.set(name, [r, ...(parentRules.get(name) ?? [])])
  const riskLevels = p.riskLevels ?? parent?.riskLevels ?? []
  const vocabularies = inheritVocabularies(parent?.vocabularies ?? EMPTY, p.vocabularies)
  let value: LoadedPolicy | undefined
  const loaded = (): LoadedPolicy => {
    if (value !== undefined) return value
    const dates = new Set<string>()
    for (const c of chain) for (const param of c.parameters) for (const d of Parameter.changeDates(param)) dates.add(d)
    dates.add(p.effectiveFrom)
    if (p.effectiveUntil !== null) dates.add(CalendarDate.addDays(p.effectiveUntil, 1))
    value = {
      plugin: p,
      key: k,
      chain,
      parent,
      rules,
      riskLevels,
      vocabularies,
      parametersHash: hash64(canonicalJson(chain.map((c) => ({ policy: key(c), parameters: c.parameters })))),
      changeDates: [...dates].sort()
    }
    return value
  }
  const ctx: InChain = { plugin: p, parent, accepted, chain, parentRules, rules, riskLevels, vocabularies, loaded }
  for (const check of CHECKS) {
    const run = IN_CHAIN[check.id]
    if (run === undefined) continue
    const problems = run(ctx)
    if (problems.length > 0) return { ok: false, error: problems.map((x) => error(k, check.id, x)) }
  }
  return { ok: true, value: loaded() }
}

/**
 * Finds a loaded plugin by id (moved to `Selection.find`; kept here as an alias).
 *
 * @deprecated use `Selection.find`
 * @category getters
 * @since 0.1.0
 */
export const find = Selection.find

/**
 * Selects the policy for an elder at a date (moved to `Selection.select`; kept here as an alias).
 *
 * @deprecated use `Selection.select`
 * @category constructors
 * @since 0.1.0
 */
export const select = Selection.select
