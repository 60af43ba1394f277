/**
 * A peer for comparison: Hunan's risk grading and assistance eligibility written as
 * json-rules-engine rules (rules as JSON, facts as a flat object, events carrying reason
 * codes), the way a team would write them with that library. Facts are derived from the
 * case file by plain code before the engine runs (counted in its time).
 */
import { PROGRAM_IDS } from "@liushou/policy-national"
import { Engine } from "json-rules-engine"
import type { RuleProperties } from "json-rules-engine"
import { type Case, concernState } from "./hunan-handwritten.js"

const RANK: Readonly<Record<string, number>> = { intact: 0, mild: 1, moderate: 2, severe: 3, total: 4 }
const DIBAO: Readonly<Record<string, number>> = { "430121": 6600, "430626": 4800, "431123": 4680 }
const CAP: Readonly<Record<string, number>> = { "430121": 38500, "430626": 14000, "431123": 13600 }

const fact = (f: string, operator: string, value: unknown) => ({ fact: f, operator, value })
const all = (...c: Array<unknown>) => ({ all: c })
const any = (...c: Array<unknown>) => ({ any: c })
const ev = (type: string, params: Record<string, unknown>) => ({ type, params })

const riskRules: Array<RuleProperties> = [
  // the county's grade governs while within its validity (12 months)
  ...["low", "medium", "high"].map((level) => ({ priority: 110, conditions: all(fact("graded", "equal", true), fact("recordedLevel", "equal", level)) as never, event: ev("risk-recorded", { level }) })),
  // high-risk conditions (§8, three-tier practice)
  { priority: 100, conditions: all(fact("graded", "equal", true), fact("rank", "greaterThanInclusive", 3)) as never, event: ev("risk-high", { code: "risk.high.severe-disability" }) },
  { priority: 99, conditions: all(fact("graded", "equal", true), fact("housing", "equal", "unsafe")) as never, event: ev("risk-high", { code: "risk.high.unsafe-housing" }) },
  { priority: 98, conditions: all(fact("graded", "equal", true), fact("age", "greaterThanInclusive", 80), fact("alone", "equal", true)) as never, event: ev("risk-high", { code: "risk.high.old-and-alone" }) },
  { priority: 97, conditions: all(fact("graded", "equal", true), fact("noOneAtHome", "equal", true), any(fact("seriousIllness", "equal", true), fact("rank", "greaterThanInclusive", 2))) as never, event: ev("risk-high", { code: "risk.high.no-carer" }) },
  { priority: 96, conditions: all(fact("graded", "equal", true), fact("lowIncome", "equal", true), any(fact("age", "greaterThanInclusive", 80), fact("rank", "greaterThanInclusive", 2))) as never, event: ev("risk-high", { code: "risk.high.poor-and-frail" }) },
  { priority: 95, conditions: all(fact("graded", "equal", true), fact("factorCount", "greaterThanInclusive", 3)) as never, event: ev("risk-high", { code: "risk.high.many-factors" }) },
  { priority: 90, conditions: all(fact("graded", "equal", true), fact("factorCount", "greaterThan", 0)) as never, event: ev("risk-some", { code: "risk.level.medium" }) },
  { priority: 90, conditions: all(fact("graded", "equal", true), fact("factorCount", "equal", 0)) as never, event: ev("risk-none", { code: "risk.level.low" }) },
  // factors, each with its reason code
  { priority: 50, conditions: all(fact("graded", "equal", true), fact("age", "greaterThanInclusive", 80)) as never, event: ev("factor", { code: "risk.factor.advanced-age" }) },
  { priority: 50, conditions: all(fact("graded", "equal", true), fact("rank", "greaterThanInclusive", 2)) as never, event: ev("factor", { code: "risk.factor.disabled" }) },
  { priority: 50, conditions: all(fact("graded", "equal", true), fact("seriousIllness", "equal", true)) as never, event: ev("factor", { code: "risk.factor.serious-illness" }) },
  { priority: 50, conditions: all(fact("graded", "equal", true), fact("alone", "equal", true)) as never, event: ev("factor", { code: "risk.factor.living-alone" }) },
  { priority: 50, conditions: all(fact("graded", "equal", true), fact("noOneAtHome", "equal", true)) as never, event: ev("factor", { code: "risk.factor.no-one-at-home" }) },
  { priority: 50, conditions: all(fact("graded", "equal", true), fact("lowIncome", "equal", true)) as never, event: ev("factor", { code: "risk.factor.low-income" }) },
  { priority: 50, conditions: all(fact("graded", "equal", true), fact("housing", "in", ["at-risk", "unsafe"])) as never, event: ev("factor", { code: "risk.factor.housing" }) },
  { priority: 50, conditions: all(fact("graded", "equal", true), fact("noRecentContact", "equal", true)) as never, event: ev("factor", { code: "risk.factor.no-recent-contact" }) }
]

const program = (p: string, priority: number, conditions: unknown, status: string, code: string): RuleProperties => ({
  priority,
  conditions: conditions as never,
  event: ev("eligibility", { program: p, status, code: code.startsWith("eligibility.") ? code : `eligibility.${p}.${code}` })
})
const inScope = fact("inScope", "equal", true)
const notReceiving = (p: string) => fact("receiving", "doesNotContain", p)


const eligibilityRules: Array<RuleProperties> = [
  // outside the policy's scope (not rural, or under 60): ineligible for every program
  ...PROGRAM_IDS.map((p) => program(p, 40, all(fact("inScope", "equal", false)), "ineligible", "eligibility.out-of-scope")),
  // a difficulty is recorded, but whether it is sudden or urgent, and its cost, is not
  program("temporary-assistance", 30, all(inScope, notReceiving("temporary-assistance"), fact("suddenDifficulty", "equal", true), fact("cap", "greaterThan", 0), fact("incomeOverCap", "equal", false)), "needs-information", "hardship-unknown"),
  program("temporary-assistance", 29, all(inScope, notReceiving("temporary-assistance"), fact("suddenDifficulty", "equal", true), fact("cap", "greaterThan", 0), fact("incomeOverCap", "equal", true)), "ineligible", "above-cap"),
  program("temporary-assistance", 28, all(inScope, notReceiving("temporary-assistance"), fact("suddenDifficulty", "equal", true), fact("cap", "equal", 0)), "needs-information", "missing-cap"),
  program("temporary-assistance", 27, all(inScope, notReceiving("temporary-assistance"), fact("suddenDifficulty", "equal", false)), "ineligible", "no-sudden-difficulty"),
  program("dibao", 30, all(inScope, notReceiving("dibao"), fact("dibao", "greaterThan", 0), fact("belowDibao", "equal", true)), "eligible", "eligible"),
  program("dibao", 29, all(inScope, notReceiving("dibao"), fact("dibao", "greaterThan", 0), fact("belowDibao", "equal", false)), "ineligible", "above-standard"),
  program("dibao", 28, all(inScope, notReceiving("dibao"), fact("dibao", "equal", 0)), "needs-information", "missing-standard"),
  program("elderly-service-subsidy", 30, all(inScope, notReceiving("elderly-service-subsidy"), fact("leftBehind", "equal", true), fact("oldOrDisabled", "equal", true), fact("economic", "equal", "yes")), "eligible", "eligible"),
  program("elderly-service-subsidy", 29, all(inScope, notReceiving("elderly-service-subsidy"), fact("leftBehind", "equal", true), fact("oldOrDisabled", "equal", true), fact("economic", "equal", "unknown")), "needs-information", "missing-standard"),
  program("elderly-service-subsidy", 28, all(inScope, notReceiving("elderly-service-subsidy"), fact("leftBehind", "equal", true), fact("oldOrDisabled", "equal", true), fact("economic", "equal", "no")), "ineligible", "not-economic-difficulty"),
  program("elderly-service-subsidy", 27, all(inScope, notReceiving("elderly-service-subsidy"), fact("leftBehind", "equal", true), fact("oldOrDisabled", "equal", false)), "ineligible", "not-old-or-disabled"),
  program("elderly-service-subsidy", 26, all(inScope, notReceiving("elderly-service-subsidy"), fact("leftBehind", "equal", false)), "ineligible", "not-left-behind"),
  program("elderly-service-subsidy", 25, all(inScope, notReceiving("elderly-service-subsidy"), fact("leftBehind", "equal", null)), "needs-information", "left-behind-unknown"),
  program("medical-assistance", 30, all(inScope, notReceiving("medical-assistance"), fact("medicalProgram", "equal", true)), "eligible", "eligible-program"),
  program("medical-assistance", 29, all(inScope, notReceiving("medical-assistance"), fact("medicalProgram", "equal", false), fact("seriousIllness", "equal", true), fact("dibao", "greaterThan", 0), fact("belowLine", "equal", true)), "eligible", "eligible-illness"),
  program("medical-assistance", 28, all(inScope, notReceiving("medical-assistance"), fact("medicalProgram", "equal", false), fact("seriousIllness", "equal", true), fact("dibao", "greaterThan", 0), fact("belowLine", "equal", false)), "ineligible", "not-economic-difficulty"),
  program("medical-assistance", 27, all(inScope, notReceiving("medical-assistance"), fact("medicalProgram", "equal", false), fact("seriousIllness", "equal", true), fact("dibao", "equal", 0)), "needs-information", "missing-standard"),
  program("medical-assistance", 26, all(inScope, notReceiving("medical-assistance"), fact("medicalProgram", "equal", false), fact("seriousIllness", "equal", false)), "ineligible", "not-covered"),
  program("rehab-aids", 30, all(inScope, notReceiving("rehab-aids"), fact("certificate", "equal", true)), "eligible", "eligible"),
  program("rehab-aids", 29, all(inScope, notReceiving("rehab-aids"), fact("certificate", "equal", false)), "ineligible", "no-certificate"),
  program("disability-living-subsidy", 30, all(inScope, notReceiving("disability-living-subsidy"), fact("certificate", "equal", true), fact("receiving", "contains", "dibao")), "eligible", "eligible"),
  program("disability-living-subsidy", 29, all(inScope, notReceiving("disability-living-subsidy"), fact("certificate", "equal", true), fact("receiving", "doesNotContain", "dibao")), "ineligible", "not-dibao-household"),
  program("disability-living-subsidy", 28, all(inScope, notReceiving("disability-living-subsidy"), fact("certificate", "equal", false)), "ineligible", "no-certificate"),
  program("disability-care-subsidy", 30, all(inScope, notReceiving("disability-care-subsidy"), fact("grade", "lessThanInclusive", 2), fact("certificate", "equal", true), fact("rank", "greaterThanInclusive", 2)), "eligible", "eligible"),
  program("disability-care-subsidy", 30, all(inScope, notReceiving("disability-care-subsidy"), fact("grade", "lessThanInclusive", 2), fact("certificate", "equal", true), fact("rank", "lessThan", 2)), "ineligible", "no-long-term-care"),
  program("disability-care-subsidy", 29, all(inScope, notReceiving("disability-care-subsidy"), any(fact("certificate", "equal", false), fact("grade", "greaterThan", 2))), "ineligible", "not-severe"),
  program("poverty-registration", 30, all(inScope, notReceiving("poverty-registration"), fact("povertyOpen", "equal", false)), "ineligible", "closed"),
  program("poverty-registration", 29, all(inScope, notReceiving("poverty-registration"), fact("povertyOpen", "equal", true), fact("belowPovertyLine", "equal", true)), "eligible", "eligible"),
  program("poverty-registration", 28, all(inScope, notReceiving("poverty-registration"), fact("povertyOpen", "equal", true), fact("belowPovertyLine", "equal", false)), "ineligible", "above-line"),
  program("nursing-home-low-fee-care", 30, all(inScope, notReceiving("nursing-home-low-fee-care"), fact("leftBehind", "equal", true), fact("rank", "greaterThanInclusive", 1), fact("economic", "equal", "yes")), "eligible", "eligible"),
  program("nursing-home-low-fee-care", 29, all(inScope, notReceiving("nursing-home-low-fee-care"), fact("leftBehind", "equal", true), fact("rank", "greaterThanInclusive", 1), fact("economic", "equal", "unknown")), "needs-information", "missing-standard"),
  program("nursing-home-low-fee-care", 28, all(inScope, notReceiving("nursing-home-low-fee-care"), fact("leftBehind", "equal", true), fact("rank", "greaterThanInclusive", 1), fact("economic", "equal", "no")), "ineligible", "not-economic-difficulty"),
  program("nursing-home-low-fee-care", 27, all(inScope, notReceiving("nursing-home-low-fee-care"), fact("leftBehind", "equal", true), fact("rank", "equal", 0)), "ineligible", "not-disabled"),
  program("nursing-home-low-fee-care", 26, all(inScope, notReceiving("nursing-home-low-fee-care"), fact("leftBehind", "equal", false)), "ineligible", "not-left-behind"),
  program("nursing-home-low-fee-care", 25, all(inScope, notReceiving("nursing-home-low-fee-care"), fact("leftBehind", "equal", null)), "needs-information", "left-behind-unknown"),
  // a basic public health service: every resident of 65 or over
  program("health-management", 30, all(inScope, notReceiving("health-management"), fact("age", "greaterThanInclusive", 65)), "eligible", "eligible"),
  program("health-management", 29, all(inScope, notReceiving("health-management"), fact("age", "lessThan", 65)), "ineligible", "under-age"),
  // a legal need, then the economic test (none for victims of abuse from 2022; social-assistance
  // recipients exempt; no county has an economic-difficulty standard)
  program("legal-aid", 30, all(inScope, notReceiving("legal-aid"), fact("abuseNoTest", "equal", true)), "eligible", "eligible-no-economic-test"),
  program("legal-aid", 29, all(inScope, notReceiving("legal-aid"), fact("abuseNoTest", "equal", false), fact("legalNeed", "equal", true), fact("legalExempt", "equal", true)), "eligible", "eligible-exempt"),
  program("legal-aid", 28, all(inScope, notReceiving("legal-aid"), fact("abuseNoTest", "equal", false), fact("legalNeed", "equal", true), fact("legalExempt", "equal", false)), "needs-information", "missing-economic-standard"),
  program("legal-aid", 27, all(inScope, notReceiving("legal-aid"), fact("abuseNoTest", "equal", false), fact("legalNeed", "equal", false)), "ineligible", "no-legal-need")
]

/** the facts of one elder, derived by plain code (left-behind status and follow-up step are inputs here) */
export const facts = (cf: Case, asOf: string, leftBehind: boolean | null, seriousFollowUp: boolean): Record<string, unknown> => {
  const e = cf.elder
  const by = +e.birthDate.slice(0, 4)
  const age = +asOf.slice(0, 4) - by - (asOf.slice(5) < e.birthDate.slice(5) ? 1 : 0)
  const county = e.regionCode.slice(0, 6)
  const dibao = DIBAO[county] ?? 0
  const cap = CAP[county] ?? 0
  const cutoff90 = addDays(asOf, -90)
  let atHome = false
  let lastContact: string | null = null
  for (const s of cf.supporters) {
    if (s.whereabouts === "with-elder") atHome = true
    else if (s.lastContact !== null && s.lastContact <= asOf && (lastContact === null || s.lastContact > lastContact)) lastContact = s.lastContact
  }
  let last: Case["visits"][number] | undefined
  for (const v of cf.visits) if (v.date <= asOf && (last === undefined || v.date >= last.date)) last = v
  const concerns = last?.concerns ?? []
  const extreme = e.categories?.includes("extreme-poverty") === true
  const econProgram = extreme || e.receiving.some((p) => p === "dibao" || p === "poverty-registration" || p === "temporary-assistance")
  const economic = econProgram ? "yes" : dibao === 0 ? "unknown" : e.annualIncome < dibao * 1.5 ? "yes" : "no"
  const rank = RANK[e.ability]!
  const lowIncome = economic === "yes"
  const noOneAtHome = !atHome && (cf.delegatedCarer === null || cf.delegatedCarer.since > asOf)
  const noRecentContact = !atHome && lastContact !== null && lastContact < cutoff90
  const housing = e.housingSafety ?? "unrecorded"
  // the county's latest grade, while within 12 months
  let recorded: Case["riskAssessments"][number] | undefined
  for (const r of cf.riskAssessments) if (r.date <= asOf && (recorded === undefined || r.date >= recorded.date)) recorded = r
  const recordedLevel = recorded !== undefined && asOf <= addMonths(recorded.date, 12) ? recorded.level : "none"
  const factorCount = +(age >= 80) + +(rank >= 2) + +e.seriousIllness + +(e.livingArrangement === "alone") + +lowIncome + +(housing === "at-risk" || housing === "unsafe") + +noRecentContact
  return {
    leftBehind,
    inScope: e.rural && age >= 60,
    age,
    rank,
    seriousIllness: e.seriousIllness,
    alone: e.livingArrangement === "alone",
    housing,
    noOneAtHome,
    noRecentContact,
    lowIncome,
    factorCount,
    economic,
    dibao,
    cap,
    belowDibao: e.annualIncome < dibao,
    belowLine: e.annualIncome < dibao * 1.5,
    incomeOverCap: e.annualIncome > cap,
    suddenDifficulty: housing === "unsafe" || concerns.some((k) => k === "health" || k === "safety" || k === "housing" || k === "income"),
    oldOrDisabled: age >= 80 || rank >= 2,
    medicalProgram: extreme || e.receiving.includes("dibao") || e.receiving.includes("poverty-registration"),
    certificate: e.disabilityGrade !== null,
    grade: e.disabilityGrade ?? 99,
    receiving: e.receiving,
    povertyOpen: asOf < "2021-01-01",
    belowPovertyLine: e.annualIncome < 4000,
    // a legal need: an open concern (noted at a visit or on record, until resolved) or a serious follow-up
    legalNeed: seriousFollowUp || ["legal", "abuse", "neglect", "support-dispute"].some((k) => concernState(cf, asOf, k) !== 0),
    abuseNoTest: asOf >= "2022-01-01" && (concernState(cf, asOf, "abuse") & 2) !== 0,
    legalExempt: extreme || e.receiving.some((p) => p === "dibao" || p === "temporary-assistance" || p === "medical-assistance"),
    graded: leftBehind !== false,
    recordedLevel
  }
}

const addDays = (d: string, n: number): string => new Date(Date.parse(d + "T00:00:00Z") + n * 86400000).toISOString().slice(0, 10)
const addMonths = (d: string, n: number): string => {
  const t = +d.slice(0, 4) * 12 + (+d.slice(5, 7) - 1) + n
  const y = Math.floor(t / 12)
  const m = t - y * 12 + 1
  const last = new Date(Date.UTC(y, m, 0)).getUTCDate()
  return `${String(y).padStart(4, "0")}-${String(m).padStart(2, "0")}-${String(Math.min(+d.slice(8, 10), last)).padStart(2, "0")}`
}

/** what the engine decided for one elder */
export interface JreResult {
  readonly riskLevel: string | null
  readonly riskCodes: ReadonlyArray<string>
  readonly eligibility: ReadonlyArray<{ readonly program: string; readonly status: string; readonly code: string }>
}

/** an engine holding the risk and eligibility rules, and a function running it on one elder */
export const makeJre = (): ((f: Record<string, unknown>) => Promise<JreResult>) => {
  const engine = new Engine([...riskRules, ...eligibilityRules], { allowUndefinedFacts: true })
  return async (f) => {
    const { events } = await engine.run(f)
    const highs: Array<string> = []
    const factors: Array<string> = []
    let some = false
    let none = false
    let recordedLevel: string | null = null
    const el = new Map<string, { program: string; status: string; code: string }>()
    for (const e of events) {
      const p = e.params as Record<string, string>
      if (e.type === "risk-recorded") recordedLevel = p.level!
      else if (e.type === "risk-high") highs.push(p.code!)
      else if (e.type === "risk-some") some = true
      else if (e.type === "risk-none") none = true
      else if (e.type === "factor") factors.push(p.code!)
      else if (e.type === "eligibility" && !el.has(p.program!)) el.set(p.program!, { program: p.program!, status: p.status!, code: p.code! })
    }
    const computed = highs.length > 0 ? "high" : some ? "medium" : none ? "low" : null
    const riskLevel = recordedLevel ?? computed
    return { riskLevel, riskCodes: [...(highs.length > 0 ? highs : some ? ["risk.level.medium"] : none ? ["risk.level.low"] : []), ...factors], eligibility: [...el.values()] }
  }
}
