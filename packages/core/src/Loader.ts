/**
 * Loading policy plugins: checks at load time, in a fixed order, each failure an error value
 * naming the plugin, what was expected and what was found. Then selection: which plugin
 * governs an elder at a date.
 *
 * Check order: 1 metadata schema, 2 core version range, 3 duplicate id and version,
 * 4 missing parent, 5 overlapping validity for the same region, 6 overrides (declared
 * overrides the parent lacks, and parent rules replaced without being declared),
 * 7 parameters (rules read only parameters that exist; series without gaps or overlaps;
 * risk rules with risk levels).
 *
 * @since 0.1.0
 */
import { Result, Schema, SchemaIssue } from "effect"
import * as CalendarDate from "./CalendarDate.js"
import type { Decision, Text } from "./Decision.js"
import { reason } from "./Decision.js"
import { RULE_ORDER, type RuleName } from "./Evaluation.js"
import { canonicalJson, hash64 } from "./internal/hash.js"
import { compareVersions, isVersion, satisfies } from "./internal/semver.js"
import * as Parameter from "./Parameter.js"
import type { PolicyPlugin, RiskLevel, Rule } from "./Policy.js"
import { key } from "./Policy.js"
import * as RegionCode from "./RegionCode.js"
import { CORE_VERSION } from "./Version.js"

/**
 * The load-time checks, in the order they run.
 *
 * @category models
 * @since 0.1.0
 */
export const CHECKS = [
  "metadata",
  "core-version",
  "duplicate",
  "missing-parent",
  "overlapping-validity",
  "overrides",
  "parameters"
] as const

/**
 * @category models
 * @since 0.1.0
 */
export type Check = (typeof CHECKS)[number]

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
const MetadataSchema = Schema.Struct({
  id: Schema.String.check(Schema.makeFilter<string>((s) => /^[a-z0-9][a-z0-9-]*$/.test(s) || "Expected a lower-case id of letters, digits and dashes")),
  version: Schema.String.check(Schema.makeFilter<string>((s) => isVersion(s) || "Expected a semver version x.y.z")),
  document: Schema.Struct({ number: Schema.String.check(Schema.isMinLength(1)), title: TextSchema }),
  region: Schema.NullOr(Schema.String.check(Schema.makeFilter<string>((s) => RegionCode.isValid(s) || "Expected a region code prefix of 2, 4, 6, 9 or 12 digits"))),
  effectiveFrom: DateSchema,
  effectiveUntil: Schema.NullOr(DateSchema),
  core: Schema.String.check(Schema.makeFilter<string>((s) => satisfies("0.0.0", s) !== undefined || "Expected a semver range")),
  extends: Schema.NullOr(Schema.Struct({ id: Schema.String, version: Schema.String })),
  riskLevels: Schema.optionalKey(Schema.Array(Schema.Struct({ id: Schema.String, name: TextSchema })).check(Schema.isMinLength(1))),
  parameters: Schema.Array(Schema.Struct({ id: Schema.String, kind: Schema.Literals(["law", "local", "regional"]), values: Schema.Array(Schema.Any) })),
  rules: Schema.Struct(
    Object.fromEntries(
      RULE_ORDER.map((name) => [name, Schema.optionalKey(Schema.Struct({ parameters: Schema.Array(Schema.String), compile: Schema.Any }))])
    ) as Record<RuleName, Schema.optionalKey<Schema.Struct<{ parameters: Schema.$Array<Schema.String>; compile: Schema.Any }>>>
  ),
  overrides: Schema.Array(Schema.Literals(RULE_ORDER)),
  clauses: Schema.optionalKey(Schema.Record(Schema.String, Schema.String))
})
const decodeMetadata = Schema.decodeUnknownResult(MetadataSchema)

const error = (plugin: string, check: Check, expected: string, found: string, zh: string): PolicyLoadError => ({
  _tag: "PolicyLoadError",
  plugin,
  check,
  expected,
  found,
  message: {
    en: `plugin ${plugin} refused (${check}): expected ${expected}, found ${found}`,
    zh: `插件 ${plugin} 未加载（${check}）：${zh}`
  }
})

const overlaps = (a: PolicyPlugin, b: PolicyPlugin): boolean =>
  a.effectiveFrom <= (b.effectiveUntil ?? "9999-12-31") && b.effectiveFrom <= (a.effectiveUntil ?? "9999-12-31")

/**
 * Loads plugins: checks each in a fixed order and returns the accepted ones with the errors
 * of the refused ones. A plugin whose parent is refused is refused too.
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
  const candidates: Array<PolicyPlugin> = []
  // 1. metadata schema
  plugins.forEach((p, i) => {
    const r = decodeMetadata(p, { errors: "all", onExcessProperty: "ignore" })
    if (Result.isFailure(r)) {
      const name =
        p !== null && typeof p === "object" && typeof (p as { id?: unknown }).id === "string"
          ? `${(p as { id: string }).id}@${String((p as { version?: unknown }).version ?? "?")}`
          : `#${i}`
      const found = SchemaIssue.makeFormatterStandardSchemaV1()(r.failure.issue)
        .issues.map((x) => `${(x.path ?? []).map((k) => (typeof k === "object" && k !== null && "key" in k ? String(k.key) : String(k))).join(".") || "(plugin)"}: ${x.message}`)
        .join("; ")
      errors.push(error(name, "metadata", "plugin metadata of the documented shape", found, `元数据不符合规定格式：${found}`))
      return
    }
    const plugin = p as PolicyPlugin
    if (plugin.effectiveUntil !== null && plugin.effectiveUntil < plugin.effectiveFrom) {
      errors.push(error(key(plugin), "metadata", "effectiveUntil on or after effectiveFrom", `${plugin.effectiveFrom}..${plugin.effectiveUntil}`, `失效日 ${plugin.effectiveUntil} 早于生效日 ${plugin.effectiveFrom}`))
      return
    }
    candidates.push(plugin)
  })
  // 2. core version range
  const inRange = candidates.filter((p) => {
    if (satisfies(coreVersion, p.core) === true) return true
    errors.push(error(key(p), "core-version", `@liushou/core ${p.core}`, `@liushou/core ${coreVersion}`, `需要 @liushou/core ${p.core}，实际为 ${coreVersion}`))
    return false
  })
  // 3. duplicate id and version
  const seen = new Set<string>()
  const unique = inRange.filter((p) => {
    const k = key(p)
    if (!seen.has(k)) {
      seen.add(k)
      return true
    }
    errors.push(error(k, "duplicate", "one plugin per id and version", `${k} given twice`, `${k} 重复加载`))
    return false
  })
  // 4. missing parent (parents first; a refused parent refuses its children)
  const loaded = new Map<string, LoadedPolicy>()
  const pending = [...unique]
  const accepted: Array<LoadedPolicy> = []
  const findParent = (p: PolicyPlugin): LoadedPolicy | undefined => {
    let best: LoadedPolicy | undefined
    for (const l of loaded.values()) {
      if (l.plugin.id === p.extends!.id && satisfies(l.plugin.version, p.extends!.version) === true) {
        if (best === undefined || compareVersions(l.plugin.version, best.plugin.version) > 0) best = l
      }
    }
    return best
  }
  let progress = true
  while (progress) {
    progress = false
    for (let i = 0; i < pending.length; i++) {
      const p = pending[i]!
      const parent = p.extends === null ? null : findParent(p)
      if (parent === undefined) continue
      pending.splice(i--, 1)
      progress = true
      const result = checkPlugin(p, parent, accepted)
      if (result._tag === "error") errors.push(...result.errors)
      else {
        loaded.set(key(p), result.loaded)
        accepted.push(result.loaded)
      }
    }
  }
  for (const p of pending) {
    const available = unique.filter((u) => u.id === p.extends!.id).map(key)
    errors.push(
      error(
        key(p),
        "missing-parent",
        `a loaded parent ${p.extends!.id}@${p.extends!.version}`,
        available.length > 0 ? `only ${available.join(", ")} (refused or out of range)` : "no such plugin loaded",
        `缺少父插件 ${p.extends!.id}@${p.extends!.version}`
      )
    )
  }
  return { policies: accepted, errors }
}

const checkPlugin = (
  p: PolicyPlugin,
  parent: LoadedPolicy | null,
  accepted: ReadonlyArray<LoadedPolicy>
): { _tag: "ok"; loaded: LoadedPolicy } | { _tag: "error"; errors: ReadonlyArray<PolicyLoadError> } => {
  const k = key(p)
  // 5. overlapping validity for the same region (another plugin id)
  for (const other of accepted) {
    if (other.plugin.id !== p.id && other.plugin.region === p.region && overlaps(other.plugin, p)) {
      return {
        _tag: "error",
        errors: [
          error(
            k,
            "overlapping-validity",
            `no other plugin governing region ${p.region ?? "(national)"} between ${p.effectiveFrom} and ${p.effectiveUntil ?? "(open)"}`,
            `${other.key} in force ${other.plugin.effectiveFrom}..${other.plugin.effectiveUntil ?? "(open)"}`,
            `与 ${other.key} 在同一区划 ${p.region ?? "（全国）"} 的有效期重叠`
          )
        ]
      }
    }
  }
  if (parent !== null && p.region !== null && parent.plugin.region !== null && !RegionCode.contains(parent.plugin.region, p.region)) {
    return {
      _tag: "error",
      errors: [error(k, "metadata", `a region inside the parent's region ${parent.plugin.region}`, `region ${p.region}`, `区划 ${p.region} 不在父插件区划 ${parent.plugin.region} 之内`)]
    }
  }
  // 6. overrides
  const errs: Array<PolicyLoadError> = []
  const parentRules = parent?.rules ?? new Map<RuleName, ReadonlyArray<Rule<RuleName>>>()
  for (const o of p.overrides) {
    if (!parentRules.has(o)) {
      errs.push(error(k, "overrides", `a rule "${o}" in the parent ${parent?.key ?? "(none)"} to override`, `the parent has only ${[...parentRules.keys()].join(", ") || "no rules"}`, `声明覆盖的规则 "${o}" 在父插件中不存在`))
    }
  }
  for (const name of Object.keys(p.rules) as Array<RuleName>) {
    if (parentRules.has(name) && !p.overrides.includes(name)) {
      errs.push(error(k, "overrides", `"${name}" listed in overrides (it replaces the parent's rule)`, `"${name}" defined but not declared`, `规则 "${name}" 覆盖了父插件的规则但未在 overrides 中声明`))
    }
  }
  if (errs.length > 0) return { _tag: "error", errors: errs }
  // 7. parameters
  const chain = parent === null ? [p] : [...parent.chain, p]
  const paramIds = new Set(chain.flatMap((c) => c.parameters.map((x) => x.id)))
  for (const param of p.parameters) {
    for (const problem of Parameter.checkSeries(param, parent === null || !parent.chain.some((c) => c.parameters.some((x) => x.id === param.id)) ? p.effectiveFrom : null)) {
      errs.push(error(k, "parameters", "a parameter series without gaps or overlaps", problem.text.en, problem.text.zh))
    }
  }
  const ownIds = new Set<string>()
  for (const param of p.parameters) {
    if (ownIds.has(param.id)) errs.push(error(k, "parameters", "each parameter id once per plugin", `${param.id} twice`, `参数 ${param.id} 重复定义`))
    ownIds.add(param.id)
  }
  for (const [name, r] of Object.entries(p.rules) as Array<[RuleName, Rule<RuleName>]>) {
    for (const id of r.parameters) {
      if (!paramIds.has(id)) errs.push(error(k, "parameters", `parameter ${id} (read by rule "${name}") defined in the chain`, "no such parameter", `规则 "${name}" 读取的参数 ${id} 不存在`))
    }
  }
  const riskLevels = p.riskLevels ?? parent?.riskLevels ?? []
  if ((p.rules.risk !== undefined || parentRules.has("risk")) && riskLevels.length === 0) {
    errs.push(error(k, "parameters", "riskLevels for a plugin with a risk rule", "no risk levels", "有风险评估规则但未定义风险等级"))
  }
  if (errs.length > 0) return { _tag: "error", errors: errs }
  const rules = new Map<RuleName, ReadonlyArray<Rule<RuleName>>>(parentRules)
  for (const [name, r] of Object.entries(p.rules) as Array<[RuleName, Rule<RuleName>]>) {
    rules.set(name, [r, ...(parentRules.get(name) ?? [])])
  }
  const dates = new Set<string>()
  for (const c of chain) for (const param of c.parameters) for (const d of Parameter.changeDates(param)) dates.add(d)
  dates.add(p.effectiveFrom)
  if (p.effectiveUntil !== null) dates.add(CalendarDate.addDays(p.effectiveUntil, 1))
  return {
    _tag: "ok",
    loaded: {
      plugin: p,
      key: k,
      chain,
      parent,
      rules,
      riskLevels,
      parametersHash: hash64(canonicalJson(chain.map((c) => ({ policy: key(c), parameters: c.parameters })))),
      changeDates: [...dates].sort()
    }
  }
}

/**
 * Finds a loaded plugin by id, optionally with a version range (the highest matching version).
 *
 * @category getters
 * @since 0.1.0
 */
export const find = (registry: Registry, id: string, versionRange?: string): LoadedPolicy | undefined => {
  let best: LoadedPolicy | undefined
  for (const l of registry.policies) {
    if (l.plugin.id !== id) continue
    if (versionRange !== undefined && satisfies(l.plugin.version, versionRange) !== true) continue
    if (best === undefined || compareVersions(l.plugin.version, best.plugin.version) > 0) best = l
  }
  return best
}

const inForce = (p: PolicyPlugin, date: CalendarDate.CalendarDate): boolean =>
  p.effectiveFrom <= date && (p.effectiveUntil === null || date <= p.effectiveUntil)

const CORE_DOC = "@liushou/core"

/**
 * Selects the policy for an elder at a date: the most specific plugin whose region contains
 * the elder's region code and whose validity contains the date (the highest version of an
 * id); otherwise its parent, down to the national baseline. The decision says why.
 *
 * @category constructors
 * @since 0.1.0
 */
export const select = (
  registry: Registry,
  regionCode: string,
  asOf: CalendarDate.CalendarDate
): { readonly policy: LoadedPolicy | undefined; readonly decision: Decision<string> } => {
  let best: LoadedPolicy | undefined
  const skipped: Array<LoadedPolicy> = []
  for (const l of registry.policies) {
    const p = l.plugin
    if (!RegionCode.contains(p.region, regionCode)) continue
    if (!inForce(p, asOf)) {
      skipped.push(l)
      continue
    }
    if (
      best === undefined ||
      (p.region?.length ?? 0) > (best.plugin.region?.length ?? 0) ||
      ((p.region?.length ?? 0) === (best.plugin.region?.length ?? 0) && p.id === best.plugin.id && compareVersions(p.version, best.plugin.version) > 0)
    ) {
      best = l
    }
  }
  if (best === undefined) {
    return {
      policy: undefined,
      decision: {
        value: "",
        reasons: [reason("selection.none-in-force", { document: CORE_DOC, clause: "selection" }, `${asOf} 时没有适用于区划 ${regionCode} 的有效政策`, `no policy governing region ${regionCode} is in force on ${asOf}`)]
      }
    }
  }
  const reasons = [
    reason(
      "selection.most-specific",
      { document: best.plugin.document.number, clause: "validity" },
      `${best.plugin.document.number}（${best.key}）适用于区划 ${best.plugin.region ?? "全国"}，有效期 ${best.plugin.effectiveFrom} 至 ${best.plugin.effectiveUntil ?? "今"}，包含 ${asOf}`,
      `${best.plugin.document.number} (${best.key}) governs region ${best.plugin.region ?? "(national)"} and is in force ${best.plugin.effectiveFrom} to ${best.plugin.effectiveUntil ?? "(open)"}, which contains ${asOf}`
    )
  ]
  const bestRegionLength = best.plugin.region?.length ?? 0
  for (const s of skipped) {
    if ((s.plugin.region?.length ?? 0) > bestRegionLength) {
      reasons.push(
        reason(
          "selection.fallback-out-of-validity",
          { document: s.plugin.document.number, clause: "validity" },
          `更具体的 ${s.plugin.document.number}（${s.key}）在 ${asOf} 不在有效期（${s.plugin.effectiveFrom} 至 ${s.plugin.effectiveUntil ?? "今"}）内，改用 ${best.plugin.document.number}`,
          `the more specific ${s.plugin.document.number} (${s.key}) is not in force on ${asOf} (in force ${s.plugin.effectiveFrom} to ${s.plugin.effectiveUntil ?? "(open)"}), so ${best.plugin.document.number} applies`
        )
      )
    }
  }
  return { policy: best, decision: { value: best.key, reasons } }
}
