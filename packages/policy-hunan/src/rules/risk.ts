import { CalendarDate, CaseFile, Decision, type Evaluation, type Parameter, Policy } from "@liushou/core"
import * as P from "../parameters/index.js"
import { ABILITY_RANK, awaySinceField, compileEconomic, economic } from "./shared.js"

/**
 * Hunan's risk levels, lowest first. §8 names the factors (经济收入、赡养、健康) but not the
 * levels: these three follow the three-tier practice reported by 北方新报 2022-06-23 (一般 / 重点 / 高风险) and
 * are a local choice.
 *
 * @category risk
 * @since 0.1.0
 */
export const RISK_LEVELS: ReadonlyArray<Policy.RiskLevel> = [
  { id: "low", name: { zh: "低风险（一般关爱对象）", en: "low (general care)" } },
  { id: "medium", name: { zh: "中风险（重点关爱对象）", en: "medium (key care)" } },
  { id: "high", name: { zh: "高风险", en: "high" } }
]

/**
 * The risk factors, as bits of a mask.
 *
 * @category risk
 * @since 0.1.0
 */
export const FACTOR = {
  advancedAge: 1,
  disabled: 2,
  severelyDisabled: 4,
  seriousIllness: 8,
  livingAlone: 16,
  noOneAtHome: 32,
  lowIncome: 64,
  housingAtRisk: 128,
  housingUnsafe: 256,
  noRecentContact: 512,
  incomeUnknown: 1024,
  housingUnknown: 2048,
  contactUnknown: 4096,
  economicByProgram: 8192
} as const

const F = FACTOR
const COUNTED = F.advancedAge | F.disabled | F.seriousIllness | F.livingAlone | F.lowIncome | F.housingAtRisk | F.noRecentContact
const ANY = COUNTED | F.severelyDisabled | F.housingUnsafe

const popcount = (n: number): number => {
  let c = 0
  for (let x = n; x !== 0; x &= x - 1) c++
  return c
}

/**
 * The level (0 low, 1 medium, 2 high) of a factor mask. Monotone: more factors never give a
 * lower level.
 *
 * High when any of: severe disability; unsafe housing; advanced age and living alone; a serious
 * illness or disability with no one at home (no supporter or spouse with the elder and no
 * delegated carer); low income with advanced age or disability (§1 and §10's key targets);
 * `highFactorCount` or more factors. Medium with any one factor. Low otherwise.
 *
 * @category risk
 * @since 0.1.0
 */
export const levelOf = (mask: number, highFactorCount: number): 0 | 1 | 2 => {
  if (
    mask & (F.severelyDisabled | F.housingUnsafe) ||
    (mask & F.advancedAge && mask & F.livingAlone) ||
    (mask & (F.seriousIllness | F.disabled) && mask & F.noOneAtHome) ||
    (mask & F.lowIncome && mask & (F.advancedAge | F.disabled)) ||
    popcount(mask & COUNTED) >= highFactorCount
  ) {
    return 2
  }
  return mask & ANY ? 1 : 0
}

interface Entry {
  readonly level: string
  readonly reasons: ReadonlyArray<Decision.Reason>
  readonly whyNot: ReadonlyArray<Decision.Counterfactual>
  readonly incomeLowers: boolean
  /** the governing reasons built for this entry: provisional, by assessment state; with an unknown field and no county grade, by field and state */
  readonly provisional: Array<ReadonlyArray<Decision.Reason> | undefined>
  readonly byRecorded: Map<string, Map<string, ReadonlyArray<Decision.Reason>>>
}

/**
 * Annual risk grading (§8): every left-behind elder is graded from income, support and health
 * (and living alone, age, housing safety and recent contact where the case file has them), and
 * must be assessed at least once every `hunan.risk.assessmentIntervalMonths` months (the next
 * assessment is due that long after the last recorded one; overdue when past it or never
 * assessed). Not left behind: level `null`.
 *
 * The county's grade governs (§8 makes the annual grading the county government's act): `level`
 * is the level of the latest recorded assessment (`riskAssessments[]`) while it is within its
 * validity (`hunan.risk.assessmentIntervalMonths`); with none, it is the level these rules compute,
 * marked `provisional`. `suggested` is always the computed level with its reasons, and a reason
 * says when the county's grade and the suggestion differ. An elder whose left-behind status is
 * unknown is graded provisionally too, with a reason naming the missing fact, so that the
 * elder stays in the visit schedule.
 *
 * The three tiers (no factor, some factor, a high-risk case) give the chain's levels named by
 * `hunan.risk.tierLevels`. For a tier above the lowest, `whyNot` lists each single change of facts that would lower it.
 * Topics cited: `risk`, `risk.assessment`.
 *
 * @category rules
 * @since 0.1.0
 */
export const risk = Policy.rule("risk", {
  parameters: [
    P.riskAdvancedAge.id,
    P.riskDisabledFromAbility.id,
    P.riskSevereFromAbility.id,
    P.lowIncomeMultiplier.id,
    P.riskNoContactDays.id,
    P.riskHighFactorCount.id,
    P.assessmentIntervalMonths.id,
    P.riskTierLevels.id,
    P.dibaoStandard.id,
    "national.priority.economicDifficultyPrograms"
  ],
  topics: ["risk", "risk.assessment"],
  compile: (env) => {
    const advancedAge = env.param<number>(P.riskAdvancedAge.id)
    const disabledRank = ABILITY_RANK[env.param<CaseFile.Ability>(P.riskDisabledFromAbility.id)]
    const severeRank = Math.max(disabledRank, ABILITY_RANK[env.param<CaseFile.Ability>(P.riskSevereFromAbility.id)])
    const noContactDays = env.param<number>(P.riskNoContactDays.id)
    const k = env.param<number>(P.riskHighFactorCount.id)
    const months = env.param<number>(P.assessmentIntervalMonths.id)
    const econ = compileEconomic(env)
    const contactCutoff = CalendarDate.addDays(env.asOf, -noContactDays)
    const c = env.cite("risk")
    const a = env.cite("risk.assessment")
    // the chain's level for each tier (the loader checks they are levels of the chain)
    const tiers = env.param<Readonly<Record<"none" | "some" | "high", string>>>(P.riskTierLevels.id)
    const ids = [tiers.none, tiers.some, tiers.high]
    const belowSevere = CaseFile.ABILITY_LEVELS[severeRank - 1]!
    const belowDisabled = CaseFile.ABILITY_LEVELS[disabledRank - 1]!
    const reason = env.reason
    const MULT = P.lowIncomeMultiplier.id
    const ECON = "national.priority.economicDifficultyPrograms"
    // the grading scheme (levels and what makes each) is a local choice: §8 names the factors only
    const SCHEME = { params: [P.riskHighFactorCount.id] }
    const levelNames = new Map(env.riskLevels.map((l) => [l.id, l.name]))
    const R = {
      notLeftBehind: reason("risk.not-left-behind", c, "不属于留守老年人，不进行风险等级评估", "not left behind, so not graded"),
      low: reason("risk.level.low", c, "无风险因素：低风险", "no risk factor: low risk", SCHEME),
      medium: reason("risk.level.medium", c, "有风险因素：中风险", "at least one risk factor: medium risk", SCHEME),
      highSevere: reason("risk.high.severe-disability", c, "重度失能及以上：高风险", "severely disabled or worse: high risk", { params: [P.riskHighFactorCount.id, P.riskSevereFromAbility.id] }),
      highUnsafe: reason("risk.high.unsafe-housing", c, "住房不安全：高风险", "unsafe housing: high risk", SCHEME),
      highAloneOld: reason("risk.high.old-and-alone", c, `${advancedAge}周岁以上且独居：高风险`, `aged ${advancedAge} or over and living alone: high risk`, { params: [P.riskHighFactorCount.id, P.riskAdvancedAge.id] }),
      highNoCarer: reason("risk.high.no-carer", c, "患严重疾病或失能，且家中无人照料：高风险", "seriously ill or disabled with no one at home to care: high risk", { params: [P.riskHighFactorCount.id, P.riskDisabledFromAbility.id] }),
      
      highCount: reason("risk.high.many-factors", c, `同时具备${k}项及以上风险因素：高风险`, `${k} or more risk factors together: high risk`, SCHEME),
      age: reason("risk.factor.advanced-age", c, `高龄（${advancedAge}周岁以上）`, `advanced age (${advancedAge} or over)`, { params: [P.riskAdvancedAge.id] }),
      disabled: reason("risk.factor.disabled", c, "失能（健康）", "disabled (health)", { params: [P.riskDisabledFromAbility.id] }),
      illness: reason("risk.factor.serious-illness", c, "患严重疾病（健康）", "seriously ill (health)"),
      alone: reason("risk.factor.living-alone", c, "独居", "lives alone"),
      noOneHome: reason("risk.factor.no-one-at-home", c, "家中无赡养人、配偶或受委托人照料（赡养）", "no supporter, spouse or delegated carer at home (support)"),
      
      housing: reason("risk.factor.housing", c, "住房存在安全隐患", "housing safety at risk"),
      noContact: reason("risk.factor.no-recent-contact", c, `赡养人超过${noContactDays}天未看望或问候（赡养）`, `no visit or call from any supporter for more than ${noContactDays} days (support)`, { params: [P.riskNoContactDays.id] }),
      incomeUnknown: reason("risk.income-not-assessed", c, "当地低保标准缺失（hunan.assistance.dibaoStandard），未评估收入因素", "the local dibao standard is missing (hunan.assistance.dibaoStandard): the income factor was not assessed"),
      housingUnknown: reason("risk.housing-not-recorded", c, "案卷未记录住房安全状况（elder.housingSafety）", "housing safety is not recorded (elder.housingSafety)"),
      contactUnknown: reason("risk.contact-unknown", c, "赡养人最近联系时间均不详（supporters[].lastContact）", "no supporter's last contact is known (supporters[].lastContact)"),
      never: reason("risk.assessment.never", a, "从未进行风险等级评估：县级人民政府每年至少评估1次，应立即评估", "never assessed: the county must assess at least once a year, so an assessment is due now"),
      current: reason("risk.assessment.current", a, `最近一次评估在${months}个月内`, `last assessed within ${months} months`, { params: [P.assessmentIntervalMonths.id] }),
      overdue: reason("risk.assessment.overdue", a, `距最近一次评估已超过${months}个月，应重新评估`, `last assessed more than ${months} months ago: a new assessment is overdue`, { params: [P.assessmentIntervalMonths.id] })
    }
    const counterfactual = (field: string, operator: Decision.Counterfactual["operator"], to: Decision.Counterfactual["to"], zh: string, en: string): Decision.Counterfactual => ({
      field,
      operator,
      to,
      result: "lower-risk",
      text: { zh, en }
    })
    const CF = {
      abilitySevere: counterfactual("elder.ability", "=", belowSevere, `如能力等级为“${belowSevere}”或更好，风险等级将降低`, `risk would be lower if ability were "${belowSevere}" or better`),
      abilityDisabled: counterfactual("elder.ability", "=", belowDisabled, `如能力等级为“${belowDisabled}”或更好，风险等级将降低`, `risk would be lower if ability were "${belowDisabled}" or better`),
      housingAtRisk: counterfactual("elder.housingSafety", "=", "at-risk", "如住房消除不安全状况（至少为“存在隐患”），风险等级将降低", 'risk would be lower if housing were made no worse than "at-risk"'),
      housingSafe: counterfactual("elder.housingSafety", "=", "safe", "如住房安全，风险等级将降低", "risk would be lower if housing were safe"),
      illness: counterfactual("elder.seriousIllness", "=", false, "如不再患严重疾病，风险等级将降低", "risk would be lower without a serious illness"),
      alone: counterfactual("elder.livingArrangement", "=", "with-relatives", "如有亲属同住，风险等级将降低", "risk would be lower if relatives lived with the elder"),
      carer: counterfactual("delegatedCarer.since", "<=", env.asOf, "如委托亲属等有能力的人代为照顾，风险等级将降低", "risk would be lower if a relative or other capable person were entrusted with the elder's care"),
      contact: counterfactual("supporters[].lastContact", ">=", contactCutoff, `如有赡养人在${contactCutoff}或之后看望或问候，风险等级将降低`, `risk would be lower if a supporter visited or called on or after ${contactCutoff}`)
    }
    const lowIncomeReasons = (fig: Parameter.Resolved<number> | undefined, byProgram: boolean) => {
      const rests = byProgram ? [ECON] : [MULT, fig ?? P.dibaoStandard.id]
      return {
        factor: reason("risk.factor.low-income", c, "经济困难（经济收入）", "economic difficulty (income)", { params: rests }),
        high: reason("risk.high.poor-and-frail", c, "经济困难家庭的高龄或失能老年人：高风险", "of advanced age or disabled in an economically difficult household: high risk", {
          params: [P.riskHighFactorCount.id, ...rests]
        })
      }
    }
    const build = (mask: number, state: number, fig: Parameter.Resolved<number> | undefined): Entry => {
      const L = lowIncomeReasons(fig, (mask & F.economicByProgram) !== 0)
      const level = levelOf(mask, k)
      const reasons: Array<Decision.Reason> = []
      if (level === 2) {
        if (mask & F.severelyDisabled) reasons.push(R.highSevere)
        if (mask & F.housingUnsafe) reasons.push(R.highUnsafe)
        if (mask & F.advancedAge && mask & F.livingAlone) reasons.push(R.highAloneOld)
        if (mask & (F.seriousIllness | F.disabled) && mask & F.noOneAtHome) reasons.push(R.highNoCarer)
        if (mask & F.lowIncome && mask & (F.advancedAge | F.disabled)) reasons.push(L.high)
        if (popcount(mask & COUNTED) >= k) reasons.push(R.highCount)
      } else reasons.push(level === 1 ? R.medium : R.low)
      if (mask & F.advancedAge) reasons.push(R.age)
      if (mask & F.disabled) reasons.push(R.disabled)
      if (mask & F.seriousIllness) reasons.push(R.illness)
      if (mask & F.livingAlone) reasons.push(R.alone)
      if (mask & F.noOneAtHome) reasons.push(R.noOneHome)
      if (mask & F.lowIncome) reasons.push(L.factor)
      if (mask & F.housingAtRisk) reasons.push(R.housing)
      if (mask & F.noRecentContact) reasons.push(R.noContact)
      if (mask & F.incomeUnknown) reasons.push(R.incomeUnknown)
      if (mask & F.housingUnknown) reasons.push(R.housingUnknown)
      if (mask & F.contactUnknown) reasons.push(R.contactUnknown)
      const whyNot: Array<Decision.Counterfactual> = []
      const lowers = (clear: number) => levelOf(mask & ~clear, k) < level
      if (level > 0) {
        if (mask & F.severelyDisabled && lowers(F.severelyDisabled)) whyNot.push(CF.abilitySevere)
        else if (mask & F.disabled && lowers(F.disabled | F.severelyDisabled)) whyNot.push(CF.abilityDisabled)
        if (mask & F.housingUnsafe && lowers(F.housingUnsafe)) whyNot.push(CF.housingAtRisk)
        else if (mask & F.housingAtRisk && lowers(F.housingAtRisk | F.housingUnsafe)) whyNot.push(CF.housingSafe)
        if (mask & F.seriousIllness && lowers(F.seriousIllness)) whyNot.push(CF.illness)
        if (mask & F.livingAlone && lowers(F.livingAlone)) whyNot.push(CF.alone)
        if (mask & F.noOneAtHome && lowers(F.noOneAtHome)) whyNot.push(CF.carer)
        if (mask & F.noRecentContact && lowers(F.noRecentContact)) whyNot.push(CF.contact)
      }
      const incomeLowers = level > 0 && (mask & F.lowIncome) !== 0 && (mask & F.economicByProgram) === 0 && lowers(F.lowIncome)
      return { level: ids[level]!, reasons, whyNot, incomeLowers, provisional: [], byRecorded: new Map() }
    }
    // entries by mask and assessment state; one table per county figure where the income test
    // decided (its status is part of the reasons' basis), one shared table otherwise
    const tables = new Map<Parameter.Resolved<number> | undefined, Array<Entry | undefined>>()
    const tableFor = (fig: Parameter.Resolved<number> | undefined): Array<Entry | undefined> => {
      let t = tables.get(fig)
      if (t === undefined) tables.set(fig, (t = new Array(16384 * 3)))
      return t
    }
    const dates = CalendarDate.memo()
    // the income why-not depends on the entry and the county's line: built once for each pair
    const incomeWhyNot = new Map<Entry, Map<number, ReadonlyArray<Decision.Counterfactual>>>()
    const notLeftBehind = { level: null, reasons: [R.notLeftBehind], whyNot: [] }
    const ASSESS = [R.never, R.current, R.overdue]
    // the reasons of the governing level, by case: built once per (recorded level, computed level,
    // assessment state, provisional-because-unknown field), kept on the entry (a recorded grade
    // that governs is current: state 1)
    const nameOf = (id: string) => levelNames.get(id) ?? { zh: id, en: id }
    const recordedReason = (level: string, date: string) =>
      reason(
        "risk.governing.recorded",
        a,
        `县级人民政府${date}评定的风险等级为${nameOf(level).zh}，以此为准`,
        `the county government graded the elder ${nameOf(level).en} on ${date}: that grade governs`
      )
    const disagreeReason = (recorded: string, computed: string) =>
      reason(
        "risk.governing.differs-from-suggested",
        a,
        `按本系统规则计算的建议等级为${nameOf(computed).zh}，与县级评定不同，请在下次评估时复核`,
        `the level these rules suggest is ${nameOf(computed).en}, which differs from the county's grade: review it at the next assessment`,
        SCHEME
      )
    const provisionalReason = reason(
      "risk.governing.provisional",
      a,
      "没有在有效期内的县级风险等级评估：暂按本系统建议等级（临时），待县级评定",
      "no county risk assessment within its validity: the suggested level applies provisionally until the county grades the elder",
      { params: [P.assessmentIntervalMonths.id] }
    )
    const unknownReasons = new Map<string, Decision.Reason>()
    const unknownReason = (field: string) => {
      let r = unknownReasons.get(field)
      if (r === undefined) {
        r = reason(
          "risk.left-behind-unknown",
          c,
          `留守认定所需信息不全（缺少 ${field}）：补齐前仍按留守老年人评定风险、纳入定期探访，请补充该信息`,
          `left-behind status is unknown (${field} is missing): until it is recorded the elder is still graded and kept in the visit schedule as a left-behind elder; please record it`,
          { reading: "interpretation" }
        )
        unknownReasons.set(field, r)
      }
      return r
    }
    // a county grade's reasons depend on its date and level and the computed level, not on the
    // entry: one table for every entry (one per entry held a list per entry and date, and grew
    // with the population)
    const shared: Entry["byRecorded"] = new Map()
    const governing = (entry: Entry, recorded: CaseFile.RiskAssessment | null, state: number, unknownField: string | null): ReadonlyArray<Decision.Reason> => {
      if (recorded === null && unknownField === null) return (entry.provisional[state] ??= [provisionalReason, ...entry.reasons, ASSESS[state]!])
      const byDate = recorded === null ? entry.byRecorded : shared
      const date = recorded?.date ?? ""
      let byKey = byDate.get(date)
      if (byKey === undefined) {
        if (byDate.size >= 1024) byDate.clear()
        byDate.set(date, (byKey = new Map()))
      }
      const key = `${recorded?.level}|${entry.level}|${unknownField}|${state}`
      let rs = byKey.get(key)
      if (rs === undefined) {
        rs = [
          ...(unknownField === null ? [] : [unknownReason(unknownField)]),
          ...(recorded === null
            ? [provisionalReason, ...entry.reasons]
            : [recordedReason(recorded.level, recorded.date), ...(recorded.level === entry.level ? [] : [disagreeReason(recorded.level, entry.level)])]),
          ASSESS[state]!
        ]
        byKey.set(key, rs)
      }
      return rs
    }
    return (cf, ctx, prior): Evaluation.RiskDecision => {
      const asOf = env.asOf
      // the latest recorded assessment on or before the as-of date (on a tie, the one recorded last)
      let recorded: CaseFile.RiskAssessment | null = null
      for (const r of cf.riskAssessments) if (r.date <= asOf && (recorded === null || r.date >= recorded.date)) recorded = r
      const last = recorded === null ? null : recorded.date
      const lb = prior.leftBehind!.value
      if (lb === false) {
        // built field by field: an object spread here was a third of all evaluation time
        return { level: null, reasons: notLeftBehind.reasons, whyNot: notLeftBehind.whyNot, lastAssessed: last, nextAssessmentDue: null, assessmentOverdue: false }
      }
      const e = cf.elder
      const rank = ABILITY_RANK[e.ability]
      let mask = 0
      if (ctx.age >= advancedAge) mask |= F.advancedAge
      if (rank >= disabledRank) mask |= F.disabled
      if (rank >= severeRank) mask |= F.severelyDisabled | F.disabled
      if (e.seriousIllness) mask |= F.seriousIllness
      if (e.livingArrangement === "alone") mask |= F.livingAlone
      const hs = e.housingSafety
      if (hs === undefined) mask |= F.housingUnknown
      else if (hs === "unsafe") mask |= F.housingUnsafe | F.housingAtRisk
      else if (hs === "at-risk") mask |= F.housingAtRisk
      let atHome = false
      let lastContact: string | null = null
      for (const s of cf.supporters) {
        if (s.whereabouts === "with-elder") atHome = true
        else if (s.lastContact !== null && s.lastContact <= asOf && (lastContact === null || s.lastContact > lastContact)) lastContact = s.lastContact
      }
      if (!atHome && (cf.delegatedCarer === null || cf.delegatedCarer.since > asOf)) mask |= F.noOneAtHome
      if (!atHome) {
        if (lastContact === null) mask |= F.contactUnknown
        else if (lastContact < contactCutoff) mask |= F.noRecentContact
      }
      const ec = economic(econ, e, ctx)
      if (ec === "program") mask |= F.lowIncome | F.economicByProgram
      else if (ec === "income") mask |= F.lowIncome
      else if (ec === "unknown") mask |= F.incomeUnknown
      const next = last === null ? null : dates.addMonths(last, months)
      const state = next === null ? 0 : asOf > next ? 2 : 1
      const fig = ec === "income" || ec === "no" ? econ.dibao(e.regionCode) : undefined
      const table = tableFor(ec === "income" ? fig : undefined)
      const i = mask * 3 + state
      const entry = (table[i] ??= build(mask, state, ec === "income" ? fig : undefined))
      let whyNot = entry.whyNot
      if (entry.incomeLowers) {
        const line = econ.dibao(e.regionCode)!.value * econ.multiplier
        let byLine = incomeWhyNot.get(entry)
        if (byLine === undefined) incomeWhyNot.set(entry, (byLine = new Map()))
        let list = byLine.get(line)
        if (list === undefined) {
          list = [
            ...entry.whyNot,
            counterfactual("elder.annualIncome", ">=", line, `如人均年收入不低于${Decision.formatYuan(line)}元，风险等级将降低`, `risk would be lower if annual income were ≥ ${Decision.formatYuan(line)} yuan`)
          ]
          byLine.set(line, list)
        }
        whyNot = list
      }
      // §8: the county's grade governs while within its validity; otherwise the computed level,
      // marked provisional. An elder whose left-behind status is unknown stays in care.
      const governs = state === 1 ? recorded : null
      const unknownField = lb === null ? awaySinceField(cf.supporters) : null
      return {
        level: governs === null ? entry.level : governs.level,
        reasons: governing(entry, governs, state, unknownField),
        whyNot,
        lastAssessed: last,
        nextAssessmentDue: next,
        assessmentOverdue: state !== 1,
        suggested: { level: entry.level, reasons: entry.reasons, whyNot },
        provisional: governs === null
      }
    }
  }
})
