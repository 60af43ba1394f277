/**
 * Law packs: the properties every policy plugin must satisfy, run with fast-check over
 * realistic cases. Each law is stated in words a policy author understands (zh and en); a
 * broken law reports the shrunk case, what happened, and the seed to replay it.
 *
 * Use {@link run} to get results, or `checkPolicyLaws` from `@liushou/testkit/vitest` to
 * register one vitest test per law with a single call.
 *
 * @since 0.1.0
 */
import { CalendarDate, canonicalJson, CaseFile, Engine, Parameter } from "@liushou/core"
import type { Decision, Evaluation, Policy } from "@liushou/core"
import fc from "fast-check"
import * as Arbitraries from "./Arbitraries.js"
import * as Cases from "./internal/cases.js"
import * as Subject from "./internal/subject.js"

export type { PolicyInput } from "./internal/subject.js"

type Text = Decision.Text

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
  "reasons.cited",
  "identification.monotone-age",
  "identification.monotone-absence",
  ...RISK_FACTORS.map((f) => `risk.monotone-${f}` as const),
  "visits.interval-by-level",
  "eligibility.consistent",
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
  /** runs per property law; default 300 (or the LIUSHOU_LAW_RUNS environment variable) */
  readonly numRuns?: number
  /** fast-check seed (replay a failure with the seed and path it printed) */
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
  /** yuan per year the generated incomes cluster around; default 5000 */
  readonly incomeAround?: number
  /** only these laws; default every law that applies to the plugin's rules */
  readonly laws?: ReadonlyArray<LawId>
}

/**
 * A law: what must hold, in words.
 *
 * @category models
 * @since 0.1.0
 */
export interface Law {
  readonly id: LawId
  readonly statement: Text
}

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
  readonly runs: number
  /** the failure report (zh and en), when not ok */
  readonly message: Text | null
  readonly seed: number | null
  readonly path: string | null
  /** the shrunk counterexample (case files masked), when not ok */
  readonly counterexample: unknown
}

const STATEMENTS: Record<LawId, Text> = {
  loads: { zh: "插件能通过加载检查", en: "The plugin passes the load-time checks" },
  "parameters.no-gaps-or-overlaps": {
    zh: "每个参数在政策有效期内每天恰有一个取值：没有空档，没有重叠",
    en: "Every parameter has exactly one value on every day the policy is in force: no gaps, no overlaps"
  },
  "reasons.cited": {
    zh: "每项决定都附有理由，每条理由都有代码、所引文件和条款、中英文说明",
    en: "Every decision has reasons, each with a code, a cited document and clause, and text in Chinese and English"
  },
  "identification.monotone-age": {
    zh: "其他情况不变，老年人年龄越大，留守认定和重点对象认定都不应由“是”变“否”",
    en: "All else equal, an older elder is never less left-behind nor less of a priority case"
  },
  "identification.monotone-absence": {
    zh: "其他情况不变，赡养人外出越久、越远，留守认定和重点对象认定都不应由“是”变“否”",
    en: "All else equal, supporters being away longer or farther never makes an elder less left-behind nor less of a priority case"
  },
  "risk.monotone-age": { zh: "其他情况不变，年龄越大，风险等级不应降低", en: "All else equal, the risk level never drops when the elder is older" },
  "risk.monotone-income": { zh: "其他情况不变，收入越低，风险等级不应降低", en: "All else equal, the risk level never drops when income is lower" },
  "risk.monotone-ability": { zh: "其他情况不变，能力越差，风险等级不应降低", en: "All else equal, the risk level never drops when ability is worse" },
  "risk.monotone-supporters-at-home": {
    zh: "其他情况不变，在家的赡养人越少，风险等级不应降低",
    en: "All else equal, the risk level never drops when fewer supporters are at home"
  },
  "risk.monotone-contact": {
    zh: "其他情况不变，赡养人越久未看望或问候，风险等级不应降低",
    en: "All else equal, the risk level never drops when a supporter has not been in touch for longer"
  },
  "risk.monotone-living-alone": { zh: "其他情况不变，独居时风险等级不应降低", en: "All else equal, the risk level never drops when the elder lives alone" },
  "visits.interval-by-level": {
    zh: "风险等级较高的老年人，探访间隔不应比等级较低的更长",
    en: "An elder at a higher risk level never gets a longer visit interval than one at a lower level"
  },
  "eligibility.consistent": {
    zh: "每个项目只有一个资格结论且只出现一次；“需补充信息”时写明缺少什么；“正在享受”时确在享受",
    en: "Each program has one eligibility status and appears once; needs-information names what is missing; receiving means the elder receives it"
  },
  "dates.change-only-at-policy-dates": {
    zh: "结论只在政策自身的参数日期变化；其他日子里，案卷与评估日期同时后移一天，结论不变",
    en: "Results change only at the policy's own parameter dates: on any other day, moving the case and the as-of date forward by one day changes nothing"
  },
  deterministic: {
    zh: "同一案卷在同一日期评估，结果总是相同，且不修改输入",
    en: "Evaluating the same case at the same date always gives the same result and never changes the input"
  }
}

/**
 * Every law with its statement.
 *
 * @category models
 * @since 0.1.0
 */
export const LAWS: ReadonlyArray<Law> = LAW_IDS.map((id) => ({ id, statement: STATEMENTS[id] }))

class Violation extends Error {
  constructor(readonly text: Text) {
    super(text.en)
  }
}

const fail = (en: string, zh: string): never => {
  throw new Violation({ en, zh })
}

const yesNo = (v: boolean | null): Text => (v === null ? { zh: "待定", en: "unknown" } : v ? { zh: "是", en: "yes" } : { zh: "否", en: "no" })
const order = (v: boolean | null): number => (v === null ? 1 : v ? 2 : 0)

type Ctx = { readonly subject: Subject.Subject; readonly options: LawOptions }
type Prop = { readonly arbitrary: fc.Arbitrary<unknown>; readonly check: (input: never) => void }

const caseArb = (ctx: Ctx, extra: Arbitraries.CaseOptions = {}) =>
  Arbitraries.caseAtDate(ctx.subject.from, ctx.subject.until, {
    region: ctx.subject.region,
    riskLevels: ctx.subject.policy?.riskLevels.map((l) => l.id) ?? [],
    ...(ctx.options.incomeAround !== undefined ? { incomeAround: ctx.options.incomeAround } : {}),
    ...extra
  })

type Dated = { readonly asOf: string; readonly caseFile: CaseFile.CaseFile }

const REASON_PARTS = (r: Decision.Reason): boolean =>
  typeof r.code === "string" && r.code.length > 0 &&
  typeof r.citation?.document === "string" && r.citation.document.length > 0 &&
  typeof r.citation?.clause === "string" && r.citation.clause.length > 0 &&
  typeof r.text?.zh === "string" && r.text.zh.length > 0 &&
  typeof r.text?.en === "string" && r.text.en.length > 0

const checkReasons = (what: string, reasons: ReadonlyArray<Decision.Reason> | undefined, required: boolean): void => {
  if (reasons === undefined || reasons.length === 0) {
    if (required) fail(`the decision "${what}" has no reasons`, `决定“${what}”没有理由`)
    return
  }
  for (const r of reasons) {
    if (!REASON_PARTS(r)) {
      fail(
        `a reason of "${what}" lacks a code, a cited document and clause, or text in both languages: ${JSON.stringify(r)}`,
        `决定“${what}”的一条理由缺少代码、所引文件和条款或中英文说明：${JSON.stringify(r)}`
      )
    }
  }
}

const properties = (ctx: Ctx): Partial<Record<LawId, Prop>> => {
  const s = ctx.subject
  const rules = s.policy?.rules ?? new Map()
  const out: Partial<Record<LawId, Prop>> = {}
  const ev = s.evaluate

  out["reasons.cited"] = {
    arbitrary: caseArb(ctx),
    check: ({ asOf, caseFile }: Dated) => {
      const e = ev(caseFile, asOf)
      checkReasons("leftBehind", e.leftBehind.reasons, true)
      checkReasons("priority", e.priority.reasons, true)
      e.duties.forEach((d, i) => checkReasons(`duties[${i}] ${d.duty}`, d.reasons, true))
      if (e.followUp !== undefined) checkReasons("followUp", e.followUp.reasons, e.followUp.step !== "none")
      if (e.risk !== undefined) checkReasons("risk", e.risk.reasons, true)
      if (e.visits !== undefined) checkReasons("visits", e.visits.reasons, e.visits.window !== "not-applicable")
      e.eligibility?.forEach((x) => checkReasons(`eligibility ${x.program}`, x.reasons, true))
      e.referrals?.forEach((x) => checkReasons(`referral to ${x.to}`, x.reasons, true))
    }
  }

  const compareIdentification = (what: Text, before: Evaluation.Evaluation, after: Evaluation.Evaluation) => {
    for (const k of ["leftBehind", "priority"] as const) {
      if (order(after[k].value) < order(before[k].value)) {
        const zhName = k === "leftBehind" ? "留守认定" : "重点对象"
        fail(
          `${k} was ${yesNo(before[k].value).en} (${before[k].reasons.map((r) => r.code).join(", ")}) but became ${yesNo(after[k].value).en} (${after[k].reasons.map((r) => r.code).join(", ")}) when ${what.en}`,
          `${zhName}原为“${yesNo(before[k].value).zh}”，${what.zh}后变为“${yesNo(after[k].value).zh}”`
        )
      }
    }
  }

  out["identification.monotone-age"] = {
    arbitrary: fc.tuple(caseArb(ctx), fc.integer({ min: 1, max: 3650 })),
    check: ([{ asOf, caseFile }, days]: [Dated, number]) => {
      const older = { ...caseFile, elder: Cases.withBirthDate(caseFile.elder, CalendarDate.addDays(caseFile.elder.birthDate, -days)) }
      compareIdentification({ en: `the birth date moved ${days} days earlier`, zh: `出生日期提前${days}天` }, ev(caseFile, asOf), ev(older, asOf))
    }
  }

  out["identification.monotone-absence"] = {
    arbitrary: fc.tuple(caseArb(ctx, { supporters: { min: 1, max: 6 } }), fc.nat(), fc.integer({ min: 1, max: 3650 }), fc.boolean()),
    check: ([{ asOf, caseFile }, pick, days, farther]: [Dated, number, number, boolean]) => {
      const i = pick % caseFile.supporters.length
      const sup = caseFile.supporters[i]!
      let moved: CaseFile.Supporter
      let what: Text
      if (farther || sup.awaySince === null) {
        const next = sup.whereabouts === "with-elder" ? "in-county" : "out-of-county"
        // leaving home starts an absence on a known date; moving farther keeps what is known of it
        const since = sup.whereabouts === "with-elder" ? CalendarDate.addDays(asOf, -days) : sup.awaySince
        moved = { ...sup, whereabouts: next, awaySince: since }
        what = { en: `supporters[${i}] moved from ${sup.whereabouts} to ${next} (away since ${since ?? "an unknown date"})`, zh: `赡养人 supporters[${i}] 由 ${sup.whereabouts} 改为 ${next}（外出时间：${since ?? "不详"}）` }
      } else {
        const since = CalendarDate.addDays(sup.awaySince, -days)
        moved = { ...sup, awaySince: since }
        what = { en: `supporters[${i}] left ${days} days earlier (${since})`, zh: `赡养人 supporters[${i}] 外出时间提前${days}天（${since}）` }
      }
      const after = { ...caseFile, supporters: caseFile.supporters.map((x, j) => (j === i ? moved : x)) }
      compareIdentification(what, ev(caseFile, asOf), ev(after, asOf))
    }
  }

  if (rules.has("risk")) {
    const factors = ctx.options.riskFactors ?? RISK_FACTORS
    const riskLaw = (
      factor: RiskFactor,
      arbitrary: fc.Arbitrary<[Dated, number, number]>,
      worsen: (cf: CaseFile.CaseFile, asOf: string, pick: number, n: number) => { readonly caseFile: CaseFile.CaseFile; readonly what: Text } | undefined
    ) => {
      if (!factors.includes(factor)) return
      out[`risk.monotone-${factor}`] = {
        arbitrary,
        check: ([{ asOf, caseFile }, pick, n]: [Dated, number, number]) => {
          const w = worsen(caseFile, asOf, pick, n)
          if (w === undefined) return
          const before = ev(caseFile, asOf).risk!
          const after = ev(w.caseFile, asOf).risk!
          if (before.level === null || after.level === null) return
          if (s.rank(after.level) < s.rank(before.level)) {
            fail(
              `the risk level dropped from ${s.levelName(before.level).en} to ${s.levelName(after.level).en} when ${w.what.en} (reasons before: ${before.reasons.map((r) => r.code).join(", ")}; after: ${after.reasons.map((r) => r.code).join(", ")})`,
              `${w.what.zh}后，风险等级由${s.levelName(before.level).zh}降为${s.levelName(after.level).zh}`
            )
          }
        }
      }
    }
    const base = (extra: Arbitraries.CaseOptions = {}) => fc.tuple(caseArb(ctx, extra), fc.nat(), fc.integer({ min: 1, max: 3650 }))
    riskLaw("age", base(), (cf, asOf, _p, days) => {
      const birth = CalendarDate.addDays(cf.elder.birthDate, -days)
      const from = CalendarDate.ageAt(cf.elder.birthDate, asOf)
      const to = CalendarDate.ageAt(birth, asOf)
      return {
        caseFile: { ...cf, elder: Cases.withBirthDate(cf.elder, birth) },
        what: { en: `the elder is ${days} days older (aged ${from} → ${to})`, zh: `老年人年长${days}天（${from}岁 → ${to}岁）` }
      }
    })
    riskLaw("income", base(), (cf, _asOf, pick) => {
      const to = Math.floor((cf.elder.annualIncome * (pick % 100)) / 100)
      if (to >= cf.elder.annualIncome) return undefined
      return {
        caseFile: { ...cf, elder: { ...cf.elder, annualIncome: to } },
        what: { en: `annual income fell from ${cf.elder.annualIncome} to ${to} yuan`, zh: `年收入由${cf.elder.annualIncome}元降至${to}元` }
      }
    })
    riskLaw("ability", base(), (cf, _asOf, pick) => {
      const r = CaseFile.ABILITY_LEVELS.indexOf(cf.elder.ability)
      if (r === CaseFile.ABILITY_LEVELS.length - 1) return undefined
      const to = CaseFile.ABILITY_LEVELS[r + 1 + (pick % (CaseFile.ABILITY_LEVELS.length - 1 - r))]!
      return { caseFile: { ...cf, elder: { ...cf.elder, ability: to } }, what: { en: `ability worsened from ${cf.elder.ability} to ${to}`, zh: `能力等级由 ${cf.elder.ability} 降为 ${to}` } }
    })
    riskLaw("supporters-at-home", base({ supporters: { min: 1, max: 6 } }), (cf, asOf, pick, days) => {
      const home = cf.supporters.map((x, i) => [x, i] as const).filter(([x]) => x.whereabouts === "with-elder")
      if (home.length === 0) return undefined
      const [sup, i] = home[pick % home.length]!
      const since = CalendarDate.addDays(asOf, -days)
      return {
        caseFile: { ...cf, supporters: cf.supporters.map((x, j) => (j === i ? { ...sup, whereabouts: "out-of-county" as const, awaySince: since } : x)) },
        what: { en: `supporters[${i}] (${sup.relation}) left home for out of the county on ${since}`, zh: `在家的赡养人 supporters[${i}]（${sup.relation}）于 ${since} 离县外出` }
      }
    })
    riskLaw("contact", base({ supporters: { min: 1, max: 6 } }), (cf, _asOf, pick, days) => {
      const known = cf.supporters.map((x, i) => [x, i] as const).filter(([x]) => x.lastContact !== null)
      if (known.length === 0) return undefined
      const [sup, i] = known[pick % known.length]!
      const to = CalendarDate.addDays(sup.lastContact!, -days)
      return {
        caseFile: { ...cf, supporters: cf.supporters.map((x, j) => (j === i ? { ...sup, lastContact: to } : x)) },
        what: { en: `supporters[${i}] was last in touch ${days} days earlier (${to})`, zh: `赡养人 supporters[${i}] 最近一次看望或问候提前${days}天（${to}）` }
      }
    })
    riskLaw("living-alone", base(), (cf) =>
      cf.elder.livingArrangement === "alone"
        ? undefined
        : { caseFile: { ...cf, elder: { ...cf.elder, livingArrangement: "alone" } }, what: { en: `the elder lives alone instead of ${cf.elder.livingArrangement}`, zh: `老年人由 ${cf.elder.livingArrangement} 改为独居` } }
    )
  }

  if (rules.has("risk") && rules.has("visits")) {
    out["visits.interval-by-level"] = {
      arbitrary: Arbitraries.asOfDate(s.from, s.until).chain((asOf) =>
        fc.tuple(fc.constant(asOf), fc.array(Arbitraries.caseFile({ asOf, region: s.region, riskLevels: s.policy!.riskLevels.map((l) => l.id) }), { minLength: 2, maxLength: 8 }))
      ),
      check: ([asOf, cases]: [string, Array<CaseFile.CaseFile>]) => {
        const graded = cases
          .map((cf) => ev(cf, asOf))
          .filter((e) => e.risk?.level != null && e.visits?.intervalDays != null)
        for (const a of graded) {
          for (const b of graded) {
            if (s.rank(a.risk!.level) > s.rank(b.risk!.level) && a.visits!.intervalDays! > b.visits!.intervalDays!) {
              fail(
                `elder ${a.elderId} at the higher level ${s.levelName(a.risk!.level).en} gets a visit every ${a.visits!.intervalDays} days, but elder ${b.elderId} at the lower level ${s.levelName(b.risk!.level).en} every ${b.visits!.intervalDays} days`,
                `老年人 ${a.elderId} 风险等级较高（${s.levelName(a.risk!.level).zh}），探访间隔${a.visits!.intervalDays}天，反而长于等级较低（${s.levelName(b.risk!.level).zh}）的 ${b.elderId} 的${b.visits!.intervalDays}天`
              )
            }
          }
        }
      }
    }
  }

  if (rules.has("eligibility")) {
    const statuses = new Set(["eligible", "ineligible", "needs-information", "receiving"])
    out["eligibility.consistent"] = {
      arbitrary: fc.tuple(caseArb(ctx), caseArb(ctx)),
      check: ([a, b]: [Dated, Dated]) => {
        const sets: Array<string> = []
        for (const { asOf, caseFile } of [a, b]) {
          const list = ev(caseFile, asOf).eligibility ?? []
          const seen = new Set<string>()
          for (const d of list) {
            if (seen.has(d.program)) fail(`program ${d.program} is decided twice for elder ${caseFile.elder.id}`, `项目 ${d.program} 对老年人 ${caseFile.elder.id} 有两个资格结论`)
            seen.add(d.program)
            if (!statuses.has(d.status)) fail(`program ${d.program} has an unknown status ${JSON.stringify(d.status)}`, `项目 ${d.program} 的资格状态 ${JSON.stringify(d.status)} 不存在`)
            if (d.status === "needs-information" && d.missing.length === 0) fail(`program ${d.program} needs information but does not name what is missing`, `项目 ${d.program} 需补充信息，但未写明缺少什么`)
            if (d.status !== "needs-information" && d.missing.length > 0) fail(`program ${d.program} is ${d.status} yet lists missing information ${d.missing.join(", ")}`, `项目 ${d.program} 结论为 ${d.status}，却列出缺少的信息 ${d.missing.join("、")}`)
            if (d.status === "receiving" && !caseFile.elder.receiving.includes(d.program)) fail(`program ${d.program} is "receiving" but the case file does not list it in elder.receiving`, `项目 ${d.program} 结论为“正在享受”，但案卷 elder.receiving 中没有该项目`)
          }
          sets.push([...seen].sort().join(","))
        }
        if (sets[0] !== "" && sets[1] !== "" && sets[0] !== sets[1]) {
          fail(`two elders get decisions on different programs: [${sets[0]}] and [${sets[1]}]`, `两位老年人的资格结论涉及不同项目：[${sets[0]}] 与 [${sets[1]}]`)
        }
      }
    }
  }

  out["dates.change-only-at-policy-dates"] = {
    arbitrary: caseArb(ctx),
    check: ({ asOf, caseFile }: Dated) => {
      const next = CalendarDate.addDays(asOf, 1)
      if (s.changeDates.has(next) || next > s.until) return
      const cf = Cases.clampDaysOfMonth(caseFile)
      const a = digest(ev(cf, asOf), asOf)
      const b = digest(ev(Cases.shift(cf, 1), next), next)
      if (a !== b) {
        const [pa, pb] = firstDifference(JSON.parse(a), JSON.parse(b))
        fail(
          `evaluated at ${asOf} and, with every date of the case one day later, at ${next} (not a date of the policy), the results differ at ${pa}: ${pb}`,
          `在 ${asOf} 评估，与案卷所有日期后移一天后在 ${next}（并非政策的参数日期）评估，结论不同：${pa}：${pb}`
        )
      }
    }
  }

  out.deterministic = {
    arbitrary: fc.tuple(caseArb(ctx), caseArb(ctx)),
    check: ([{ asOf, caseFile }, other]: [Dated, Dated]) => {
      const input = canonicalJson(caseFile)
      const first = canonicalJson(ev(caseFile, asOf))
      ev(other.caseFile, asOf)
      const second = canonicalJson(ev(caseFile, asOf))
      const fresh = canonicalJson(Engine.compile(s.policy!, asOf).evaluate(caseFile, { value: s.policy!.key, reasons: [] }))
      if (canonicalJson(caseFile) !== input) fail("evaluating the case changed the case file", "评估修改了输入的案卷")
      if (first !== second) {
        const [p, d] = firstDifference(JSON.parse(first), JSON.parse(second))
        fail(`evaluating the same case twice (with another elder in between) gave different results at ${p}: ${d}`, `同一案卷评估两次（中间评估了另一位老年人）结果不同：${p}：${d}`)
      }
      if (first !== fresh) {
        const [p, d] = firstDifference(JSON.parse(first), JSON.parse(fresh))
        fail(`a freshly compiled policy gave a different result at ${p}: ${d}`, `重新编译政策后结果不同：${p}：${d}`)
      }
    }
  }
  return out
}

const DATE_RE = /^\d{4}-\d{2}-\d{2}$/
const DROP = new Set(["text", "asOf", "provenance", "selection"])

/** The decisions of an evaluation with dates made relative to the as-of date and texts dropped. */
const digest = (e: Evaluation.Evaluation, asOf: string): string => {
  const walk = (v: unknown): unknown => {
    if (typeof v === "string") return DATE_RE.test(v) && CalendarDate.isValid(v) ? `asOf${CalendarDate.daysBetween(asOf, v) >= 0 ? "+" : ""}${CalendarDate.daysBetween(asOf, v)}d` : v
    if (Array.isArray(v)) return v.map(walk)
    if (typeof v === "object" && v !== null) {
      const o: Record<string, unknown> = {}
      for (const [k, x] of Object.entries(v)) if (!DROP.has(k)) o[k] = walk(x)
      return o
    }
    return v
  }
  return canonicalJson(walk(e))
}

const firstDifference = (a: unknown, b: unknown, path = ""): [string, string] => {
  if (typeof a === "object" && a !== null && typeof b === "object" && b !== null) {
    const keys = new Set([...Object.keys(a), ...Object.keys(b)])
    for (const k of keys) {
      const x = (a as Record<string, unknown>)[k]
      const y = (b as Record<string, unknown>)[k]
      if (canonicalJson(x ?? null) !== canonicalJson(y ?? null)) return firstDifference(x, y, Array.isArray(a) ? `${path}[${k}]` : path === "" ? k : `${path}.${k}`)
    }
  }
  return [path === "" ? "(evaluation)" : path, `${JSON.stringify(a)} → ${JSON.stringify(b)}`]
}

const staticParameters = (subject: Subject.Subject): Text | null => {
  const problems: Array<Text> = []
  const plugins: Array<Policy.PolicyPlugin> =
    subject.policy !== undefined ? [...subject.policy.chain] : (subject.plugins.filter((p) => typeof p === "object" && p !== null && Array.isArray((p as Policy.PolicyPlugin).parameters)) as Array<Policy.PolicyPlugin>)
  const definedBefore = new Set<string>()
  for (const p of plugins) {
    for (const param of p.parameters) {
      const start = definedBefore.has(param.id) ? null : p.effectiveFrom
      for (const problem of Parameter.checkSeries(param, start)) problems.push(problem.text)
      // a series that ends (its last value has `until`) before the plugin does leaves a gap at the end
      if (param.kind !== "regional") {
        const global = param.values.filter((v) => v.region === undefined).sort((a, b) => CalendarDate.compare(a.from, b.from))
        const last = global[global.length - 1]
        if (last?.until !== undefined && (p.effectiveUntil === null || last.until < p.effectiveUntil)) {
          const gap = CalendarDate.addDays(last.until, 1)
          problems.push({
            en: `parameter ${param.id} has no value from ${gap} on, while ${p.id}@${p.version} is in force until ${p.effectiveUntil ?? "further notice"}`,
            zh: `参数 ${param.id} 自 ${gap} 起没有取值，而 ${p.id}@${p.version} 的有效期至 ${p.effectiveUntil ?? "另行通知"}`
          })
        }
      }
    }
    for (const param of p.parameters) definedBefore.add(param.id)
  }
  if (subject.policy !== undefined) {
    // every parameter the rules read resolves on every date the policy's parameters change
    for (const d of subject.changeDates) {
      if (d < subject.from || d > subject.until) continue
      try {
        Engine.compile(subject.policy, d)
      } catch (e) {
        problems.push({ en: `compiling on ${d} failed: ${(e as Error).message}`, zh: `在 ${d} 编译失败：${(e as Error).message}` })
      }
    }
  }
  if (problems.length === 0) return null
  return { en: problems.map((p) => `  - ${p.en}`).join("\n"), zh: problems.map((p) => `  - ${p.zh}`).join("\n") }
}

const defaultRuns = (): number => {
  const env = typeof process !== "undefined" ? process.env?.LIUSHOU_LAW_RUNS : undefined
  const n = env === undefined ? NaN : Number.parseInt(env, 10)
  return Number.isFinite(n) && n > 0 ? n : 300
}

const header = (law: Law, policy: string): Text => ({
  en: `Law broken: ${law.id} (policy ${policy})\n  ${law.statement.en}`,
  zh: `违反规律：${law.id}（政策 ${policy}）\n  ${law.statement.zh}`
})

const maskInput = (v: unknown): unknown => {
  if (Array.isArray(v)) return v.map(maskInput)
  if (typeof v === "object" && v !== null) {
    if ("elder" in v && "supporters" in v) return Cases.masked(v as CaseFile.CaseFile)
    const o: Record<string, unknown> = {}
    for (const [k, x] of Object.entries(v)) o[k] = maskInput(x)
    return o
  }
  return v
}

/**
 * The laws that apply to the policy under test (those whose rules it has), filtered by
 * `options.laws`.
 *
 * @category getters
 * @since 0.1.0
 */
export const applicable = (input: Subject.PolicyInput, options: LawOptions = {}): ReadonlyArray<Law> => {
  const subject = Subject.make(input, options)
  return selectLaws(subject, options)
}

const selectLaws = (subject: Subject.Subject, options: LawOptions): ReadonlyArray<Law> => {
  const ids = new Set<LawId>(["loads", "parameters.no-gaps-or-overlaps"])
  if (subject.policy !== undefined) for (const id of Object.keys(properties({ subject, options }))) ids.add(id as LawId)
  else for (const id of LAW_IDS) ids.add(id)
  return LAWS.filter((l) => ids.has(l.id) && (options.laws === undefined || options.laws.includes(l.id)))
}

/**
 * Runs one law.
 *
 * @category constructors
 * @since 0.1.0
 */
export const runLaw = (input: Subject.PolicyInput, id: LawId, options: LawOptions = {}): LawResult => runWith(Subject.make(input, options), id, options)

const runWith = (subject: Subject.Subject, id: LawId, options: LawOptions): LawResult => {
  const law = LAWS.find((l) => l.id === id)!
  const base = { law, policy: subject.name, seed: null, path: null, counterexample: null }
  const h = header(law, subject.name)
  if (id === "parameters.no-gaps-or-overlaps") {
    const problems = staticParameters(subject)
    return problems === null
      ? { ...base, ok: true, runs: 1, message: null }
      : { ...base, ok: false, runs: 1, message: { en: `${h.en}\n${problems.en}`, zh: `${h.zh}\n${problems.zh}` } }
  }
  const loadErrors = subject.registry.errors.filter((e) => subject.policy === undefined || subject.policy.chain.some((p) => e.plugin.startsWith(`${p.id}@`)))
  if (subject.policy === undefined) {
    const errs = subject.registry.errors.map((e) => e.message)
    return {
      ...base,
      ok: false,
      runs: 0,
      message: {
        en: `${h.en}\n  policy ${subject.name} did not load${errs.length > 0 ? ":\n" + errs.map((e) => `  - ${e.en}`).join("\n") : " (no such policy)"}`,
        zh: `${h.zh}\n  政策 ${subject.name} 未能加载${errs.length > 0 ? "：\n" + errs.map((e) => `  - ${e.zh}`).join("\n") : "（没有该政策）"}`
      }
    }
  }
  if (id === "loads") {
    return loadErrors.length === 0
      ? { ...base, ok: true, runs: 1, message: null }
      : { ...base, ok: false, runs: 1, message: { en: `${h.en}\n${loadErrors.map((e) => `  - ${e.message.en}`).join("\n")}`, zh: `${h.zh}\n${loadErrors.map((e) => `  - ${e.message.zh}`).join("\n")}` } }
  }
  const prop = properties({ subject, options })[id]
  if (prop === undefined) return { ...base, ok: true, runs: 0, message: null }
  const numRuns = options.numRuns ?? defaultRuns()
  const details = fc.check(
    fc.property(prop.arbitrary, (x) => {
      prop.check(x as never)
    }),
    { numRuns, ...(options.seed !== undefined ? { seed: options.seed } : {}), ...(options.path !== undefined ? { path: options.path } : {}) }
  )
  if (!details.failed) return { ...base, ok: true, runs: details.numRuns, message: null }
  const err = details.errorInstance
  const what: Text = err instanceof Violation ? err.text : { en: `the rules threw: ${String((err as Error)?.stack ?? err)}`, zh: `规则抛出异常：${String((err as Error)?.message ?? err)}` }
  const counterexample = maskInput(details.counterexample?.[0])
  const shown = JSON.stringify(counterexample, null, 2)
  const replay = `seed ${details.seed}, path "${details.counterexamplePath}"`
  return {
    ...base,
    ok: false,
    runs: details.numRuns,
    seed: details.seed,
    path: details.counterexamplePath,
    counterexample,
    message: {
      en: `${h.en}\n  What happened: ${what.en}\n  Smallest case found (after ${details.numShrinks} shrinks; personal data masked):\n${indent(shown)}\n  Replay: ${replay} (options { seed: ${details.seed}, path: "${details.counterexamplePath}" })`,
      zh: `${h.zh}\n  问题：${what.zh}\n  最小反例（收缩 ${details.numShrinks} 次，个人信息已脱敏）：\n${indent(shown)}\n  重放：${replay}（选项 { seed: ${details.seed}, path: "${details.counterexamplePath}" }）`
    }
  }
}

const indent = (s: string): string => s.split("\n").map((l) => `    ${l}`).join("\n")

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
 * A prepared law pack: the policy resolved once, the laws that apply, and a function to run
 * each (what `checkPolicyLaws` registers as tests).
 *
 * @category constructors
 * @since 0.1.0
 */
export const prepare = (
  input: Subject.PolicyInput,
  options: LawOptions = {}
): { readonly policy: string; readonly laws: ReadonlyArray<Law>; readonly run: (id: LawId) => LawResult } => {
  const subject = Subject.make(input, options)
  return { policy: subject.name, laws: selectLaws(subject, options), run: (id) => runWith(subject, id, options) }
}
