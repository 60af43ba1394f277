/**
 * Rule-change impact: evaluate a population under two policies (or two versions of one) and
 * report who changes left-behind status, priority, risk level, visit interval or program
 * eligibility, counted by change and by county, with example cases and the reasons before
 * and after. Text and a self-contained HTML report (zh and en).
 *
 * @since 0.1.0
 */
import { Engine, RegionCode } from "@liushou/core"
import { nameOf } from "./internal/regions.js"
import type { CalendarDate, CaseFile, Decision, Evaluation, Loader, Outcome } from "@liushou/core"

type Text = Decision.Text

/**
 * One side of a comparison: a loaded policy (compiled directly), or an engine with an
 * optional policy spec (`id` or `id@range`; without it the engine selects per elder).
 *
 * @category models
 * @since 0.1.0
 */
export type Side = Loader.LoadedPolicy | { readonly engine: Engine.Engine; readonly policy?: string }

/**
 * What is compared.
 *
 * @category models
 * @since 0.1.0
 */
export type Aspect = "leftBehind" | "priority" | "risk" | "visits" | "eligibility"

/**
 * An elder whose result changed, with the reasons on each side.
 *
 * @category models
 * @since 0.1.0
 */
export interface Example {
  readonly elderId: string
  readonly regionCode: string
  readonly before: { readonly value: string; readonly reasons: ReadonlyArray<Decision.Reason> }
  readonly after: { readonly value: string; readonly reasons: ReadonlyArray<Decision.Reason> }
}

/**
 * One kind of change (aspect, program, from → to) with its count by county.
 *
 * @category models
 * @since 0.1.0
 */
export interface Change {
  readonly aspect: Aspect
  /** the program, for eligibility changes */
  readonly program: string | null
  readonly from: string
  readonly to: string
  /**
   * `both`: both policies decide this output and the result changed (a real change);
   * `after-only` / `before-only`: only one policy has a rule for it (the other says "not
   * decided"), which is a change of coverage, not of result. @since 0.2.0
   */
  readonly decided: "both" | "after-only" | "before-only"
  readonly count: number
  readonly byRegion: Readonly<Record<string, number>>
  readonly examples: ReadonlyArray<Example>
}

/**
 * Per county: how many elders were compared and how many changed in any aspect.
 *
 * @category models
 * @since 0.1.0
 */
export interface RegionSummary {
  readonly region: string
  readonly total: number
  readonly changed: number
  /** elders with an output only one policy decides @since 0.2.0 */
  readonly decidedOnOneSide: number
}

/**
 * The impact of a rule change on a population.
 *
 * @category models
 * @since 0.1.0
 */
export interface ImpactReport {
  readonly asOf: CalendarDate.CalendarDate
  readonly before: string
  readonly after: string
  /** elders in the population */
  readonly total: number
  /** elders evaluated on both sides */
  readonly compared: number
  /** elders with at least one real change: an output both policies decide, with another result */
  readonly changed: number
  /**
   * elders with at least one output only one of the policies decides (the other has no rule
   * for it): reported apart from real changes @since 0.2.0
   */
  readonly decidedOnOneSide: number
  readonly changes: ReadonlyArray<Change>
  readonly regions: ReadonlyArray<RegionSummary>
  /** elders that could not be evaluated on a side (no policy in force, unknown policy) */
  readonly errors: ReadonlyArray<{ readonly elderId: string; readonly side: "before" | "after"; readonly message: Text }>
}

/**
 * Options of an impact run.
 *
 * @category models
 * @since 0.1.0
 */
export interface ImpactOptions {
  /** example elders kept per change; default 3 */
  readonly examples?: number
  /** the level changes are counted by; default county */
  readonly regionLevel?: RegionCode.RegionLevel
}

const NO_VERSION = "(not computed)"

const isLoaded = (s: Side): s is Loader.LoadedPolicy => "plugin" in s && "chain" in s

const evaluator = (side: Side, asOf: CalendarDate.CalendarDate) => {
  if (isLoaded(side)) {
    const plan = Engine.compile(side, asOf)
    const selection = { value: side.key, reasons: [] }
    return {
      name: side.key,
      // the report never reads provenance, so no input version is computed
      evaluate: (cf: CaseFile.CaseFile): Outcome.Outcome<Evaluation.Evaluation, Text> => ({ ok: true, value: plan.evaluate(cf, selection, NO_VERSION) })
    }
  }
  const opts = side.policy === undefined ? { inputVersion: NO_VERSION } : { policy: side.policy, inputVersion: NO_VERSION }
  return {
    name: side.policy ?? "(selected per elder)",
    evaluate: (cf: CaseFile.CaseFile): Outcome.Outcome<Evaluation.Evaluation, Text> => {
      const r = side.engine.evaluate(cf, asOf, opts)
      if (r.ok) return r
      const rs = r.error.reason.reasons
      return { ok: false, error: { en: rs.map((x) => x.text.en).join("; "), zh: rs.map((x) => x.text.zh).join("；") } }
    }
  }
}

const yn = (v: boolean | null): string => (v === null ? "unknown" : v ? "yes" : "no")

interface Facet {
  readonly aspect: Aspect
  readonly program: string | null
  readonly value: string
  readonly reasons: ReadonlyArray<Decision.Reason>
}

const facets = (e: Evaluation.Evaluation, withEligibility = true): Map<string, Facet> => {
  const out = new Map<string, Facet>()
  out.set("leftBehind", { aspect: "leftBehind", program: null, value: yn(e.leftBehind.value), reasons: e.leftBehind.reasons })
  out.set("priority", { aspect: "priority", program: null, value: yn(e.priority.value), reasons: e.priority.reasons })
  if (e.risk !== undefined) out.set("risk", { aspect: "risk", program: null, value: e.risk.level ?? "not graded", reasons: e.risk.reasons })
  if (e.visits !== undefined) out.set("visits", { aspect: "visits", program: null, value: e.visits.intervalDays === null ? "none" : `${e.visits.intervalDays} days`, reasons: e.visits.reasons })
  if (withEligibility) for (const [k, f] of eligibilityFacets(e.eligibility ?? EMPTY)) out.set(k, f)
  return out
}

const EMPTY: ReadonlyArray<Evaluation.EligibilityDecision> = []

const eligibilityFacet = (d: Evaluation.EligibilityDecision): Facet => ({ aspect: "eligibility", program: d.program, value: d.status, reasons: d.reasons })

const eligibilityFacets = (list: ReadonlyArray<Evaluation.EligibilityDecision>): Map<string, Facet> => {
  const out = new Map<string, Facet>()
  for (const d of list) out.set(`eligibility:${d.program}`, eligibilityFacet(d))
  return out
}

const ABSENT: Omit<Facet, "aspect" | "program"> = { value: "not decided", reasons: [] }

/**
 * Compares a population's results under two policies at one as-of date.
 *
 * **Example**
 * ```ts
 * import { Engine, Loader } from "@liushou/core"
 * import { Impact, syntheticPopulation } from "@liushou/testkit"
 * const engine = Engine.make(Loader.load([national, hunan, countyOverride]))
 * const report = Impact.diffPolicies(
 *   { engine, policy: "hunan-2018-30" },
 *   { engine, policy: "changsha-county-2019" },
 *   syntheticPopulation(20_000, { region: "430121", seed: 1, asOf: "2024-06-30" }),
 *   "2024-06-30"
 * )
 * console.log(Impact.formatText(report, "en"))
 * ```
 *
 * @category constructors
 * @since 0.1.0
 */
export const diffPolicies = (
  before: Side,
  after: Side,
  population: Iterable<CaseFile.CaseFile>,
  asOf: CalendarDate.CalendarDate,
  options: ImpactOptions = {}
): ImpactReport => {
  const a = evaluator(before, asOf)
  const b = evaluator(after, asOf)
  const keep = options.examples ?? 3
  const level = options.regionLevel ?? "county"
  const changes = new Map<
    string,
    { aspect: Aspect; program: string | null; from: string; to: string; decided: Change["decided"]; count: number; byRegion: Record<string, number>; examples: Array<Example> }
  >()
  const regions = new Map<string, { total: number; changed: number; decidedOnOneSide: number }>()
  const errors: Array<ImpactReport["errors"][number]> = []
  let total = 0
  let compared = 0
  let changed = 0
  let oneSide = 0
  for (const cf of population) {
    total++
    const region = RegionCode.at(cf.elder.regionCode, level) ?? cf.elder.regionCode
    const ra = a.evaluate(cf)
    const rb = b.evaluate(cf)
    if (!ra.ok) errors.push({ elderId: cf.elder.id, side: "before", message: ra.error })
    if (!rb.ok) errors.push({ elderId: cf.elder.id, side: "after", message: rb.error })
    if (!ra.ok || !rb.ok) continue
    compared++
    let r = regions.get(region)
    if (r === undefined) regions.set(region, (r = { total: 0, changed: 0, decidedOnOneSide: 0 }))
    r.total++
    // compare plain values first; facets (with their reasons) are built only for a change
    let any = false
    let coverage = false
    const note = (k: string, x: Facet | undefined, y: Facet | undefined): void => {
      const aspect = (x ?? y)!.aspect
      const program = (x ?? y)!.program
      const from = x ?? ABSENT
      const to = y ?? ABSENT
      if (from.value === to.value) return
      const decided: Change["decided"] = x === undefined ? "after-only" : y === undefined ? "before-only" : "both"
      if (decided === "both") any = true
      else coverage = true
      const ck = `${k}|${from.value}|${to.value}`
      let c = changes.get(ck)
      if (c === undefined) changes.set(ck, (c = { aspect, program, from: from.value, to: to.value, decided, count: 0, byRegion: {}, examples: [] }))
      c.count++
      c.byRegion[region] = (c.byRegion[region] ?? 0) + 1
      if (c.examples.length < keep) {
        c.examples.push({
          elderId: cf.elder.id,
          regionCode: cf.elder.regionCode,
          before: { value: from.value, reasons: from.reasons },
          after: { value: to.value, reasons: to.reasons }
        })
      }
    }
    const ea = ra.value
    const eb = rb.value
    if (
      ea.leftBehind.value !== eb.leftBehind.value ||
      ea.priority.value !== eb.priority.value ||
      ea.risk?.level !== eb.risk?.level ||
      (ea.risk === undefined) !== (eb.risk === undefined) ||
      ea.visits?.intervalDays !== eb.visits?.intervalDays ||
      (ea.visits === undefined) !== (eb.visits === undefined)
    ) {
      const fa = facets(ea, false)
      const fb = facets(eb, false)
      for (const k of new Set([...fa.keys(), ...fb.keys()])) note(k, fa.get(k), fb.get(k))
    }
    const la = ea.eligibility ?? EMPTY
    const lb = eb.eligibility ?? EMPTY
    let aligned = la.length === lb.length
    for (let i = 0; aligned && i < la.length; i++) if (la[i]!.program !== lb[i]!.program) aligned = false
    if (aligned) {
      for (let i = 0; i < la.length; i++) {
        const x = la[i]!
        const y = lb[i]!
        if (x.status !== y.status) note(`eligibility:${x.program}`, eligibilityFacet(x), eligibilityFacet(y))
      }
    } else {
      const fa = eligibilityFacets(la)
      const fb = eligibilityFacets(lb)
      for (const k of new Set([...fa.keys(), ...fb.keys()])) note(k, fa.get(k), fb.get(k))
    }
    if (any) {
      changed++
      r.changed++
    }
    if (coverage) {
      oneSide++
      r.decidedOnOneSide++
    }
  }
  const ASPECTS: ReadonlyArray<Aspect> = ["leftBehind", "priority", "risk", "visits", "eligibility"]
  return {
    asOf,
    before: a.name,
    after: b.name,
    total,
    compared,
    changed,
    decidedOnOneSide: oneSide,
    changes: [...changes.values()].sort((x, y) => ASPECTS.indexOf(x.aspect) - ASPECTS.indexOf(y.aspect) || (x.program ?? "").localeCompare(y.program ?? "") || y.count - x.count),
    regions: [...regions.entries()].map(([region, v]) => ({ region, ...v })).sort((x, y) => x.region.localeCompare(y.region)),
    errors
  }
}

const ASPECT_NAMES: Record<Aspect, Text> = {
  leftBehind: { zh: "留守认定", en: "left-behind status" },
  priority: { zh: "重点对象", en: "priority" },
  risk: { zh: "风险等级", en: "risk level" },
  visits: { zh: "探访间隔", en: "visit interval" },
  eligibility: { zh: "项目资格", en: "eligibility" }
}

const VALUE_ZH: Record<string, string> = {
  yes: "是",
  no: "否",
  unknown: "待定",
  "not graded": "未评级",
  none: "无",
  "not decided": "未判定",
  eligible: "符合条件",
  ineligible: "不符合条件",
  "needs-information": "需补充信息",
  receiving: "正在享受"
}

const valueText = (v: string, lang: "zh" | "en"): string => (lang === "en" ? v : VALUE_ZH[v] ?? v.replace(/ days$/, "天"))

/**
 * The name of a change ("eligibility dibao: ineligible → eligible").
 *
 * @category getters
 * @since 0.1.0
 */
export const changeTitle = (c: Change, lang: "zh" | "en"): string =>
  `${ASPECT_NAMES[c.aspect][lang]}${c.program !== null ? ` ${c.program}` : ""}: ${valueText(c.from, lang)} → ${valueText(c.to, lang)}`

/** a region code with its name from the GB/T 2260 division list, when the list has it */
const named = (code: string): string => {
  const name = nameOf(code)
  return name === undefined ? code : `${code} ${name}`
}

const pct = (n: number, d: number): string => (d === 0 ? "0%" : `${((100 * n) / d).toFixed(1)}%`)

/**
 * A plain-text report.
 *
 * @category getters
 * @since 0.1.0
 */
export const formatText = (report: ImpactReport, lang: "zh" | "en" = "en"): string => {
  const L = lang === "zh"
  const lines: Array<string> = []
  lines.push(
    L
      ? `规则变更影响：${report.before} → ${report.after}，评估日期 ${report.asOf}`
      : `Rule-change impact: ${report.before} → ${report.after}, as of ${report.asOf}`
  )
  lines.push(
    L
      ? `共 ${report.total} 人，比较 ${report.compared} 人，结论有变化 ${report.changed} 人（${pct(report.changed, report.compared)}）`
      : `${report.total} elders, ${report.compared} compared, ${report.changed} with a change (${pct(report.changed, report.compared)})`
  )
  if (report.decidedOnOneSide > 0) {
    lines.push(
      L
        ? `另有 ${report.decidedOnOneSide} 人的部分结论只有一方作出（另一方没有相应规则，记为“未判定”），不计为变化`
        : `${report.decidedOnOneSide} elders have outputs only one side decides (the other has no rule for them: "not decided"); these are not counted as changes`
    )
  }
  if (report.changes.length === 0) lines.push(L ? "没有任何结论变化。" : "No result changes.")
  for (const c of report.changes) {
    lines.push("")
    lines.push(`${changeTitle(c, lang)}  —  ${c.count}${c.decided === "both" ? "" : L ? "（仅一方作出结论）" : " (decided on one side only)"}`)
    lines.push(`  ${L ? "按县" : "by county"}: ${Object.entries(c.byRegion).sort().map(([r, n]) => `${named(r)} ${n}`).join(", ")}`)
    for (const ex of c.examples) {
      lines.push(`  ${L ? "例" : "e.g."} ${ex.elderId} (${ex.regionCode})`)
      lines.push(`    ${L ? "变更前" : "before"}: ${ex.before.reasons.map((r) => `${r.text[lang]} [${r.citation.document} ${r.citation.clause}]`).join("; ") || "-"}`)
      lines.push(`    ${L ? "变更后" : "after"}: ${ex.after.reasons.map((r) => `${r.text[lang]} [${r.citation.document} ${r.citation.clause}]`).join("; ") || "-"}`)
    }
  }
  if (report.errors.length > 0) {
    lines.push("")
    lines.push(L ? `未能评估 ${report.errors.length} 次：` : `${report.errors.length} evaluations failed:`)
    for (const e of report.errors.slice(0, 10)) lines.push(`  ${e.elderId} (${e.side}): ${e.message[lang]}`)
  }
  return lines.join("\n")
}

const esc = (s: string): string => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;")

const CSS = `
body{font-family:system-ui,-apple-system,"Noto Sans CJK SC","PingFang SC","Microsoft YaHei",sans-serif;margin:2rem auto;max-width:1100px;padding:0 1rem;color:#1f2328;line-height:1.5}
h1{font-size:1.5rem;margin-bottom:.25rem}h2{font-size:1.15rem;margin-top:2rem;border-bottom:1px solid #d0d7de;padding-bottom:.25rem}
.en{color:#57606a}.summary{display:flex;gap:1rem;flex-wrap:wrap;margin:1rem 0}.card{border:1px solid #d0d7de;border-radius:6px;padding:.75rem 1rem;min-width:10rem}
.card b{display:block;font-size:1.6rem}table{border-collapse:collapse;width:100%;margin:.5rem 0;font-size:.9rem}th,td{border:1px solid #d0d7de;padding:.3rem .5rem;text-align:left;vertical-align:top}
th{background:#f6f8fa}.num{text-align:right;font-variant-numeric:tabular-nums}.arrow{color:#cf222e;font-weight:600}
.bar{background:#0969da;height:.6rem;border-radius:2px;display:inline-block}details{margin:.25rem 0}summary{cursor:pointer}
.reason{font-size:.85rem}.cite{color:#57606a;font-size:.8rem}footer{margin-top:3rem;color:#57606a;font-size:.8rem}
`

/**
 * A self-contained HTML report (inline CSS, no scripts), in Chinese and English.
 *
 * @category getters
 * @since 0.1.0
 */
export const toHtml = (report: ImpactReport): string => {
  const both = (zh: string, en: string) => `${esc(zh)} <span class="en">${esc(en)}</span>`
  const reasons = (rs: ReadonlyArray<Decision.Reason>) =>
    rs.length === 0
      ? "-"
      : rs.map((r) => `<div class="reason">${esc(r.text.zh)}<br><span class="en">${esc(r.text.en)}</span> <span class="cite">[${esc(r.citation.document)} ${esc(r.citation.clause)} · ${esc(r.code)}]</span></div>`).join("")
  const max = Math.max(1, ...report.changes.map((c) => c.count))
  const rows = report.changes
    .map(
      (c) => `<tr><td>${both(ASPECT_NAMES[c.aspect].zh, ASPECT_NAMES[c.aspect].en)}${c.program !== null ? ` <code>${esc(c.program)}</code>` : ""}</td>
<td>${both(valueText(c.from, "zh"), c.from)} <span class="arrow">→</span> ${both(valueText(c.to, "zh"), c.to)}</td>
<td class="num">${c.count}</td><td><span class="bar" style="width:${Math.max(2, Math.round((120 * c.count) / max))}px"></span> ${pct(c.count, report.compared)}</td>
<td>${Object.entries(c.byRegion).sort().map(([r, n]) => `${esc(r)}: ${n}`).join("<br>")}</td></tr>`
    )
    .join("\n")
  const examples = report.changes
    .map(
      (c) => `<details><summary>${esc(changeTitle(c, "zh"))} <span class="en">${esc(changeTitle(c, "en"))}</span> (${c.count})</summary>
<table><tr><th>${both("老年人", "Elder")}</th><th>${both("变更前理由", "Reasons before")}</th><th>${both("变更后理由", "Reasons after")}</th></tr>
${c.examples.map((ex) => `<tr><td>${esc(ex.elderId)}<br><span class="cite">${esc(ex.regionCode)}</span></td><td>${reasons(ex.before.reasons)}</td><td>${reasons(ex.after.reasons)}</td></tr>`).join("\n")}
</table></details>`
    )
    .join("\n")
  const regions = report.regions
    .map((r) => `<tr><td>${esc(named(r.region))}</td><td class="num">${r.total}</td><td class="num">${r.changed}</td><td class="num">${pct(r.changed, r.total)}</td></tr>`)
    .join("\n")
  const errors =
    report.errors.length === 0
      ? ""
      : `<h2>${both("未能评估", "Not evaluated")} (${report.errors.length})</h2><table><tr><th>${both("老年人", "Elder")}</th><th>${both("一侧", "Side")}</th><th>${both("原因", "Why")}</th></tr>
${report.errors.slice(0, 50).map((e) => `<tr><td>${esc(e.elderId)}</td><td>${e.side === "before" ? both("变更前", "before") : both("变更后", "after")}</td><td>${both(e.message.zh, e.message.en)}</td></tr>`).join("\n")}</table>`
  return `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>规则变更影响 Rule-change impact: ${esc(report.before)} → ${esc(report.after)}</title>
<style>${CSS}</style></head><body>
<h1>${both("规则变更影响报告", "Rule-change impact report")}</h1>
<p><code>${esc(report.before)}</code> → <code>${esc(report.after)}</code> · ${both("评估日期", "as of")} ${esc(report.asOf)}</p>
<div class="summary">
<div class="card"><b>${report.total}</b>${both("人", "elders")}</div>
<div class="card"><b>${report.compared}</b>${both("已比较", "compared")}</div>
<div class="card"><b>${report.changed}</b>${both("结论有变化", "with a change")} (${pct(report.changed, report.compared)})</div>
<div class="card"><b>${report.decidedOnOneSide}</b>${both("仅一方作出结论", "decided on one side only")}</div>
<div class="card"><b>${report.errors.length}</b>${both("未能评估", "not evaluated")}</div>
</div>
<h2>${both("变化汇总", "Changes")}</h2>
${report.changes.length === 0 ? `<p>${both("没有任何结论变化。", "No result changes.")}</p>` : `<table><tr><th>${both("方面", "Aspect")}</th><th>${both("变化", "Change")}</th><th>${both("人数", "Elders")}</th><th>${both("占比", "Share")}</th><th>${both("按县", "By county")}</th></tr>
${rows}</table>`}
<h2>${both("示例与理由", "Examples and reasons")}</h2>
${examples || `<p>-</p>`}
<h2>${both("按县", "By county")}</h2>
<table><tr><th>${both("区划", "Region")}</th><th>${both("比较人数", "Compared")}</th><th>${both("有变化", "Changed")}</th><th>${both("占比", "Share")}</th></tr>
${regions}</table>
${errors}
<footer>${both("由 @liushou/testkit 生成；理由引用政策文件条款。", "Generated by @liushou/testkit; reasons cite the clauses of the policy documents.")}</footer>
</body></html>
`
}
