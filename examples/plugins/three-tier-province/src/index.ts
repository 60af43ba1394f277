/**
 * A second province, to show the plugin contract fits provinces that differ from Hunan: a model
 * of the three-tier visit scheme reported by 北方新报 on 2022-06-23 (an 《意见》 on visits to
 * elders in special difficulty, region taken to be Inner Mongolia, "15"). It is a MODEL of that
 * scheme for demonstration, not the text of a verified document.
 *
 * - Who is covered: left-behind elders (national definition) and empty-nest elders (living
 *   alone or with a spouse only) aged 60 or over.
 * - Tiers by category rules, not scores: 高风险对象 (80+ and living alone, empty-nest or left
 *   behind; or a condition that can suddenly threaten life: dementia, a serious illness), 重点对象
 *   (disabled or demented; extreme poverty; family-planning special families), 一般对象 (the rest).
 * - Visits at least weekly / monthly / quarterly, and within 24 hours after a major event.
 */
import { CalendarDate, CaseFile, Decision, Parameter, Policy } from "@liushou/core"
import { ABILITY_RANK } from "@liushou/policy-national"

const DOC = "内蒙古特殊困难老年人探访关爱意见（三级分类模型）"
const FROM = "2022-06-23"
const cite = (clause: string) => Decision.cite(DOC, clause)
type Tier = "general" | "key" | "high"

const advancedAge = Parameter.define<number>({
  id: "threeTier.risk.advancedAge",
  description: { zh: "高风险对象年龄线（周岁）", en: "Age for the high-risk tier (full years)" },
  status: "law",
  reference: cite("tiers"),
  values: [{ from: FROM, value: 80 }]
})
const intervalDays = Parameter.define<Readonly<Record<Tier, number>>>({
  id: "threeTier.visits.intervalDays",
  description: { zh: "各类对象探访间隔（天）", en: "Visit interval by tier (days)" },
  status: "interpretation",
  reference: cite("frequency"),
  values: [{ from: FROM, value: { general: 91, key: 30, high: 7 }, reference: "每季度、每月、每周至少1次" }]
})
const eventDays = Parameter.define<number>({
  id: "threeTier.visits.eventDays",
  description: { zh: "重大事件后探访期限（天）", en: "Days to a visit after a major event" },
  status: "law",
  reference: cite("frequency"),
  values: [{ from: FROM, value: 1, reference: "24小时内" }]
})

/**
 * The tiers, lowest first.
 *
 * @category risk
 */
export const TIERS: ReadonlyArray<Policy.RiskLevel> = [
  { id: "general", name: { zh: "一般对象", en: "general" } },
  { id: "key", name: { zh: "重点对象", en: "key" } },
  { id: "high", name: { zh: "高风险对象", en: "high risk" } }
]

const risk = Policy.rule("risk", {
  parameters: [advancedAge.id],
  topics: ["risk"],
  compile: (env) => {
    const age = env.param<number>(advancedAge.id)
    const c = env.cite("risk")
    const r = (code: string, zh: string, en: string, params: ReadonlyArray<string> = []) => env.reason(`three-tier.${code}`, c, zh, en, { params })
    const R = {
      notCovered: r("not-covered", "非留守、非空巢老年人，不纳入探访关爱", "neither left behind nor empty-nest: not covered"),
      oldAlone: r("high.old", `${age}周岁以上独居、空巢或留守`, `aged ${age}+ and living alone, empty-nest or left behind`, [advancedAge.id]),
      condition: r("high.condition", "患可能突发危及生命的疾病（失智、严重疾病）", "a condition that can suddenly threaten life (dementia, serious illness)"),
      key: r("key", "失能失智、分散供养特困或计划生育特殊家庭老年人", "disabled or demented, in extreme poverty, or of a family-planning special family"),
      general: r("general", "其他探访对象", "other covered elders")
    }
    const make = (level: string | null, reasons: ReadonlyArray<Decision.Reason>) => ({ level, reasons, whyNot: [] })
    const D = { none: make(null, [R.notCovered]), oldAlone: make("high", [R.oldAlone]), condition: make("high", [R.condition]), key: make("key", [R.key]), general: make("general", [R.general]) }
    return (cf, ctx, prior) => {
      const e = cf.elder
      const lb = prior.leftBehind!.value === true
      const emptyNest = e.livingArrangement === "alone" || e.livingArrangement === "with-spouse"
      const cats = e.categories ?? []
      let last: string | null = null
      for (const a of cf.riskAssessments) if (a.date <= env.asOf && (last === null || a.date > last)) last = a.date
      const d = !(lb || (emptyNest && ctx.age >= 60))
        ? D.none
        : ctx.age >= age
          ? D.oldAlone
          : e.seriousIllness || cats.includes("dementia")
            ? D.condition
            : ABILITY_RANK[e.ability] >= ABILITY_RANK.moderate || cats.includes("extreme-poverty") || cats.includes("family-planning-special")
              ? D.key
              : D.general
      return { ...d, lastAssessed: last, nextAssessmentDue: null, assessmentOverdue: false }
    }
  }
})

const visits = Policy.rule("visits", {
  parameters: [intervalDays.id, eventDays.id],
  topics: ["visits"],
  compile: (env) => {
    const days = env.param<Readonly<Record<Tier, number>>>(intervalDays.id)
    const event = env.param<number>(eventDays.id)
    const c = env.cite("visits")
    const reasons = Object.fromEntries(
      TIERS.map((t) => [t.id, [env.reason(`three-tier.visits.${t.id}`, c, `${t.name.zh}每${days[t.id as Tier]}天至少探访1次`, `${t.name.en}: at least one visit every ${days[t.id as Tier]} days`, { params: [intervalDays.id] })]])
    )
    const none = { intervalDays: null, lastVisit: null, nextDue: null, overdue: false, window: "not-applicable" as const, extraVisitDue: null, reasons: [env.reason("three-tier.visits.none", c, "不纳入探访", "not covered")] }
    return (cf, _ctx, prior) => {
      const tier = prior.risk?.level as Tier | null | undefined
      if (tier === null || tier === undefined) return none
      const interval = days[tier]
      let last: CaseFile.Visit | undefined
      for (const v of cf.visits) if (v.date <= env.asOf && (last === undefined || v.date >= last.date)) last = v
      const due = last === undefined ? env.asOfDay : CalendarDate.toDayNumber(last.date) + interval
      const w = last === undefined ? "overdue" : env.asOfDay < due ? "not-due" : env.asOfDay <= due + 1 ? "due" : env.asOfDay <= due + interval ? "late" : "overdue"
      return {
        intervalDays: interval,
        lastVisit: last?.date ?? null,
        nextDue: CalendarDate.fromDayNumber(due),
        overdue: w === "late" || w === "overdue",
        window: w,
        extraVisitDue: last !== undefined && last.concerns.length > 0 ? CalendarDate.addDays(last.date, event) : null,
        reasons: reasons[tier]!
      }
    }
  }
})

/**
 * The three-tier province plugin (a model of the Inner Mongolia scheme, region "15").
 *
 * @category plugins
 */
export const threeTierProvince: Policy.PolicyPlugin = Policy.define({
  id: "three-tier-province-2022",
  version: "1.0.0",
  document: { number: DOC, title: { zh: "特殊困难老年人探访关爱：三级分类（模型）", en: "Visits to elders in special difficulty: three tiers (model)" }, url: "http://szb.northnews.cn/bfxb/html/2022-06/23/content_37070_184039.htm" },
  region: "15",
  effectiveFrom: FROM,
  effectiveUntil: null,
  core: "^0.1.0",
  extends: { id: "national-2017-193", version: "^1.0.0" },
  riskLevels: TIERS,
  parameters: [advancedAge, intervalDays, eventDays] as ReadonlyArray<Parameter.Parameter>,
  rules: { risk, visits },
  overrides: ["visits"],
  clauses: { risk: "tiers", visits: "frequency" }
})
