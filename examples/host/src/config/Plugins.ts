/**
 * Loading plugins named by the configuration: modules (packages or paths) and county override
 * files (plugin modules or JSON parameter files), checked and selected by core `Loader.load`.
 * Anything refused is reported with its source and the reason, never dropped silently.
 */
import { readFile } from "node:fs/promises"
import { extname, isAbsolute, resolve } from "node:path"
import { pathToFileURL } from "node:url"
import { type Decision, Loader, type Outcome, type Parameter, Policy, Version } from "@liushou/core"
import { BUILTIN_PLUGINS, loadExamplePlugins } from "../policies.js"
import { ConfigError, decodeOrThrow, type LoadedConfig, ParameterOverride } from "./Config.js"

/** A plugin source that could not be used, or a plugin the loader refused. */
export interface Refusal {
  readonly source: string
  readonly plugin: string | null
  readonly check: string
  readonly message: Decision.Text
}

/** The registry the host runs with, and where each plugin came from. */
export interface HostRegistry {
  readonly registry: Loader.Registry
  /** plugin key (id@version) → source ("built-in", a package name or a file) */
  readonly sources: ReadonlyMap<string, string>
  /** refusals: unreadable sources and plugins the loader refused */
  readonly refused: ReadonlyArray<Refusal>
  readonly configFile: string | null
}

const looksLikePlugin = (v: unknown): v is Policy.PolicyPlugin =>
  v !== null && typeof v === "object" && typeof (v as { id?: unknown }).id === "string" && typeof (v as { version?: unknown }).version === "string" && typeof (v as { rules?: unknown }).rules === "object" && Array.isArray((v as { parameters?: unknown }).parameters)

const pluginsOf = (mod: Record<string, unknown>): ReadonlyArray<unknown> => {
  const d = mod.default
  if (Array.isArray(d)) return d
  if (looksLikePlugin(d)) return [d]
  const out: Array<unknown> = []
  for (const v of Object.values(mod)) {
    if (looksLikePlugin(v)) out.push(v)
    else if (Array.isArray(v) && v.length > 0 && v.every(looksLikePlugin)) out.push(...v)
  }
  return out
}

const isPath = (spec: string): boolean => spec.startsWith(".") || spec.startsWith("/") || isAbsolute(spec) || /\.(m?[jt]s|json)$/.test(spec)

const importModule = async (spec: string, dir: string): Promise<Record<string, unknown>> =>
  (await import(isPath(spec) ? pathToFileURL(resolve(dir, spec)).href : spec)) as Record<string, unknown>

const text = (zh: string, en: string): Decision.Text => ({ zh, en })

/**
 * Turns a JSON parameter override into a plugin: each parameter takes its description, unit
 * and regional flag from the parent chain, with status `local` (the county's own choice); a parameter the chain lacks, one fixed by law, or a value of
 * another JSON type is refused.
 */
export const overridePlugin = (
  o: ParameterOverride,
  candidates: ReadonlyArray<unknown>
): Outcome.Outcome<Policy.PolicyPlugin, ReadonlyArray<Decision.Text>> => {
  const plugins = candidates.filter(looksLikePlugin)
  const chainParams = new Map<string, Parameter.Parameter>()
  // the parent and its ancestors, most specific definition first
  let cur: Policy.PolicyPlugin | undefined = plugins.find((p) => p.id === o.extends.id)
  const seen = new Set<string>()
  while (cur !== undefined && !seen.has(cur.id)) {
    seen.add(cur.id)
    for (const p of cur.parameters) if (!chainParams.has(p.id)) chainParams.set(p.id, p)
    const ext: Policy.PolicyPlugin["extends"] = cur.extends
    cur = ext === null ? undefined : plugins.find((p) => p.id === ext.id)
  }
  if (seen.size === 0) return { ok: false, error: [text(`找不到被覆盖的插件 ${o.extends.id}`, `the plugin it overrides, ${o.extends.id}, is not loaded`)] }
  const problems: Array<Decision.Text> = []
  const jsonType = (v: unknown): string => (v === null ? "null" : Array.isArray(v) ? "array" : typeof v)
  const parameters: Array<Parameter.Parameter> = []
  for (const p of o.parameters) {
    const parent = chainParams.get(p.id)
    if (parent === undefined) {
      problems.push(text(`参数 ${p.id} 不是 ${o.extends.id} 的参数`, `parameter ${p.id} is not a parameter of ${o.extends.id} or its parents`))
      continue
    }
    if (parent.status === "law") {
      problems.push(
        text(
          `参数 ${p.id} 由法规规定（law），县级不能覆盖`,
          `parameter ${p.id} is fixed by law (status "law"); a county may override only "interpretation", "local" and "sample" parameters`
        )
      )
      continue
    }
    const expected = parent.values[0] === undefined ? undefined : jsonType(parent.values[0].value)
    for (const v of p.values) {
      if (expected !== undefined && jsonType(v.value) !== expected) {
        problems.push(text(`参数 ${p.id} 在 ${v.from} 的值应为 ${expected}，实际为 ${jsonType(v.value)}`, `parameter ${p.id} from ${v.from}: expected a ${expected} value like the parent's, found ${jsonType(v.value)}`))
      }
    }
    // a county's own figure is its local choice (its values replace the parent's samples)
    parameters.push({
      ...parent,
      status: "local",
      reference: p.clause === undefined ? parent.reference : { document: o.document.number, clause: p.clause },
      values: p.values.map((v) => ({ ...v, reference: v.reference ?? o.document.number, status: "local" as const }))
    })
  }
  if (problems.length > 0) return { ok: false, error: problems }
  return {
    ok: true,
    value: Policy.define({
      id: o.id,
      version: o.version,
      document: o.document,
      region: o.region,
      effectiveFrom: o.effectiveFrom,
      effectiveUntil: o.effectiveUntil,
      core: `^${Version.CORE_VERSION}`,
      extends: o.extends,
      parameters,
      rules: {},
      overrides: [],
      description: text(`${o.document.number} 参数覆盖`, `parameter values of ${o.document.number}`)
    })
  }
}

/** Loads the registry for a configuration (built-ins only when there is none). */
export const loadRegistry = async (loaded: LoadedConfig): Promise<HostRegistry> => {
  const { config, dir } = loaded
  const refused: Array<Refusal> = []
  const entries: Array<{ plugin: unknown; source: string }> = []
  const add = (plugin: unknown, source: string): void => {
    // the same module object reached twice (a built-in also named in the config) loads once
    if (!entries.some((e) => e.plugin === plugin)) entries.push({ plugin, source })
  }
  if (config.builtins !== false) for (const p of BUILTIN_PLUGINS) add(p, "built-in")
  if (config.examples === true) {
    const examples = await loadExamplePlugins()
    for (const p of examples.plugins) add(p, "example")
    for (const name of examples.missing) {
      refused.push({
        source: name,
        plugin: null,
        check: "module",
        message: text(`示例插件 ${name} 未安装：示例插件在代码仓库中，不随 @liushou/cli 发布`, `the example plugin ${name} is not installed: the example plugins live in the repository and are not published with @liushou/cli`)
      })
    }
  }
  for (const spec of config.plugins ?? []) {
    try {
      const found = pluginsOf(await importModule(spec, dir))
      if (found.length === 0) refused.push({ source: spec, plugin: null, check: "module", message: text(`模块 ${spec} 没有导出插件`, `module ${spec} exports no plugin`) })
      for (const p of found) add(p, spec)
    } catch (e) {
      refused.push({ source: spec, plugin: null, check: "module", message: text(`无法加载模块 ${spec}：${(e as Error).message}`, `cannot load module ${spec}: ${(e as Error).message}`) })
    }
  }
  for (const spec of config.overrides ?? []) {
    try {
      if (extname(spec).toLowerCase() === ".json") {
        const file = resolve(dir, spec)
        let json: unknown
        try {
          json = JSON.parse(await readFile(file, "utf8"))
        } catch (e) {
          throw new ConfigError(file, [{ path: "(file)", message: (e as Error).message }])
        }
        const o = decodeOrThrow(ParameterOverride, json, file)
        const r = overridePlugin(o, entries.map((e) => e.plugin))
        if (r.ok) add(r.value, spec)
        else for (const m of r.error) refused.push({ source: spec, plugin: `${o.id}@${o.version}`, check: "parameters", message: m })
      } else {
        const found = pluginsOf(await importModule(spec, dir))
        if (found.length === 0) refused.push({ source: spec, plugin: null, check: "module", message: text(`模块 ${spec} 没有导出插件`, `module ${spec} exports no plugin`) })
        for (const p of found) add(p, spec)
      }
    } catch (e) {
      const m = e instanceof ConfigError ? e.issues.map((i) => `${i.path}: ${i.message}`).join("; ") : (e as Error).message
      refused.push({ source: spec, plugin: null, check: "file", message: text(`无法读取覆盖文件 ${spec}：${m}`, `cannot read override file ${spec}: ${m}`) })
    }
  }
  const registry = Loader.load(entries.map((e) => e.plugin))
  const sources = new Map<string, string>()
  for (const l of registry.policies) {
    const e = entries.find((x) => x.plugin === l.plugin)
    sources.set(l.key, e?.source ?? "?")
  }
  for (const err of registry.errors) {
    const e = entries.find((x) => looksLikePlugin(x.plugin) && Policy.key(x.plugin) === err.plugin)
    refused.push({ source: e?.source ?? "?", plugin: err.plugin, check: err.check, message: err.message })
  }
  return { registry, sources, refused, configFile: loaded.file }
}
