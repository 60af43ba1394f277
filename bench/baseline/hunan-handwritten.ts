/**
 * The practical limit: 湘民发〔2018〕30号 as one hand-written, plain TypeScript function with
 * no framework at all (no plugin chain, no parameter store, no engine). Written from the
 * policy text and the documented parameter choices of @liushou/policy-hunan (its parameters
 * at the as-of date are constants here), it computes the same values and the same reason
 * codes as the plugin: identification, priority, family duties, follow-up, risk grading,
 * visits, eligibility for every program, referrals. It does not build texts, citations,
 * counterfactuals or provenance (a framework must; a hand-written function need not).
 *
 * Imports nothing from the library: its own date arithmetic, its own tables.
 */

/** a case file, as far as this function reads it (structurally the v1 case file) */
export interface Case {
  readonly elder: {
    readonly id: string
    readonly birthDate: string
    readonly regionCode: string
    readonly rural: boolean
    readonly livingArrangement: string
    readonly ability: string
    readonly seriousIllness: boolean
    readonly disabilityGrade: number | null
    readonly annualIncome: number
    readonly incomeSources: ReadonlyArray<string>
    readonly receiving: ReadonlyArray<string>
    readonly housingSafety?: string
    readonly categories?: ReadonlyArray<string>
    readonly facts?: { readonly [fact: string]: unknown }
  }
  readonly supporters: ReadonlyArray<{
    readonly id: string
    readonly relation: string
    readonly whereabouts: string
    readonly awaySince: string | null
    readonly reportedToVillage: boolean
    readonly lastContact: string | null
  }>
  readonly delegatedCarer: { readonly since: string } | null
  readonly visits: ReadonlyArray<{ readonly date: string; readonly mode: string; readonly concerns: ReadonlyArray<string> }>
  readonly riskAssessments: ReadonlyArray<{ readonly date: string; readonly level: string }>
  readonly followUps?: ReadonlyArray<{ readonly date: string; readonly step: string }>
  readonly concerns?: ReadonlyArray<{
    readonly concern: string
    readonly date: string
    readonly verified?: boolean
    readonly serious?: boolean
    readonly grounds?: string
    readonly resolvedOn?: string | null
  }>
}

/**
 * A concern's state at the as-of date: 0 when not open, else 1 (open) | 2 (verified) | 4
 * (found serious) | 8 (grounds recorded). A concern is noted at a visit or recorded in
 * `concerns[]` and stays open until a record of it is resolved, which closes every earlier note.
 */
export const concernState = (cf: Case, asOf: string, k: string): number => {
  const records = cf.concerns
  let closed = ""
  if (records !== undefined) {
    for (const r of records) if (r.concern === k && r.date <= asOf && r.resolvedOn != null && r.resolvedOn <= asOf && r.resolvedOn > closed) closed = r.resolvedOn
  }
  let s = 0
  for (const v of cf.visits) {
    if (v.date <= asOf && v.date > closed && v.concerns.includes(k)) {
      s = 1
      break
    }
  }
  if (records !== undefined) {
    for (const r of records) {
      if (r.concern !== k || r.date > asOf || r.date <= closed || (r.resolvedOn != null && r.resolvedOn <= asOf)) continue
      s |= 1
      if (r.verified === true) {
        s |= 2
        if (r.serious === true) {
          s |= 4
          if (r.grounds !== undefined) s |= 8
        }
      }
    }
  }
  return s
}

/** a duty finding */
export interface Duty {
  readonly duty: string
  readonly supporterId: string | null
  readonly status: string
  readonly codes: ReadonlyArray<string>
}

/** an eligibility decision */
export interface Eligibility {
  readonly program: string
  readonly status: string
  readonly codes: ReadonlyArray<string>
  readonly missing: ReadonlyArray<string>
}

/** a referral suggestion */
export interface Referral {
  readonly to: string
  readonly trigger: string
  readonly deadlineDays: number
  readonly codes: ReadonlyArray<string>
}

/** everything the function decides for one elder */
export interface HandResult {
  readonly leftBehind: boolean | null
  readonly leftBehindCodes: ReadonlyArray<string>
  readonly priority: boolean | null
  readonly priorityCodes: ReadonlyArray<string>
  readonly duties: ReadonlyArray<Duty>
  readonly followUp: { readonly step: string; readonly reportToTownship: boolean; readonly codes: ReadonlyArray<string> }
  readonly risk: { readonly level: string | null; readonly codes: ReadonlyArray<string>; readonly lastAssessed: string | null; readonly nextAssessmentDue: string | null; readonly assessmentOverdue: boolean }
  readonly visits: {
    readonly intervalDays: number | null
    readonly lastVisit: string | null
    readonly nextDue: string | null
    readonly overdue: boolean
    readonly window: string
    readonly extraVisitDue: string | null
    readonly codes: ReadonlyArray<string>
  }
  readonly eligibility: ReadonlyArray<Eligibility>
  readonly referrals: ReadonlyArray<Referral>
}

// ---------------------------------------------------------------------------------------------
// dates (proleptic Gregorian day numbers)

const leap = (y: number): boolean => (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0
const monthDays = (y: number, m: number): number => (m === 2 ? (leap(y) ? 29 : 28) : m === 4 || m === 6 || m === 9 || m === 11 ? 30 : 31)
const civil = (y: number, m: number, d: number): number => {
  const yy = m <= 2 ? y - 1 : y
  const era = Math.floor(yy / 400)
  const yoe = yy - era * 400
  const doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1
  return era * 146097 + yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy - 719468
}
const day = (s: string): number => civil(+s.slice(0, 4), +s.slice(5, 7), +s.slice(8, 10))
const pad2 = (n: number): string => (n < 10 ? "0" + n : "" + n)
const ymd = (y: number, m: number, d: number): string => `${String(y).padStart(4, "0")}-${pad2(m)}-${pad2(d)}`
const date = (n: number): string => {
  const z = n + 719468
  const era = Math.floor(z / 146097)
  const doe = z - era * 146097
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365)
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100))
  const mp = Math.floor((5 * doy + 2) / 153)
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1
  const m = mp < 10 ? mp + 3 : mp - 9
  return ymd(yoe + era * 400 + (m <= 2 ? 1 : 0), m, d)
}
const plusMonths = (s: string, months: number): string => {
  const t = +s.slice(0, 4) * 12 + (+s.slice(5, 7) - 1) + months
  const y = Math.floor(t / 12)
  const m = t - y * 12 + 1
  return ymd(y, m, Math.min(+s.slice(8, 10), monthDays(y, m)))
}
/** the latest date d such that d + months <= at */
const latestStart = (at: string, months: number): string => {
  let n = day(plusMonths(at, -months))
  while (plusMonths(date(n), months) > at) n--
  while (plusMonths(date(n + 1), months) <= at) n++
  return date(n)
}
const age = (birth: string, at: string): number => {
  const bm = +birth.slice(5, 7)
  const bd = +birth.slice(8, 10)
  const am = +at.slice(5, 7)
  const ad = +at.slice(8, 10)
  const ay = +at.slice(0, 4)
  const eff = bm === 2 && bd === 29 && !leap(ay) ? 28 : bd
  return ay - +birth.slice(0, 4) - (am < bm || (am === bm && ad < eff) ? 1 : 0)
}

// ---------------------------------------------------------------------------------------------
// the policy's figures (national baseline + Hunan's choices), by date where they change

const RANK: Readonly<Record<string, number>> = { intact: 0, mild: 1, moderate: 2, severe: 3, total: 4 }
/** who owes support: children and others with a duty; grandchildren only when no child or other obligor is on record */
const DIRECT = new Set(["son", "daughter", "other"])
const SUBSTITUTE = "grandchild"
/** in-laws assist (care at home) but owe no support */
const ASSISTING = new Set(["son-in-law", "daughter-in-law"])
/** sample county figures, yuan per year, from 1 January of each year 2018..2023 */
const DIBAO: Readonly<Record<string, ReadonlyArray<number>>> = {
  "430121": [4560, 5160, 5760, 6600, 7200, 7560],
  "430626": [3600, 4000, 4440, 4800, 5040, 5400],
  "431123": [3480, 3840, 4320, 4680, 4920, 5280]
}
const CAP: Readonly<Record<string, ReadonlyArray<number>>> = {
  "430121": [30910, 33700, 36400, 38500, 41500, 44000],
  "430626": [10900, 11900, 13000, 14000, 15300, 16400],
  "431123": [10500, 11500, 12600, 13600, 14900, 15900]
}
const POVERTY_LINE: ReadonlyArray<readonly [string, number]> = [
  ["2020-01-01", 4000],
  ["2019-01-01", 3750],
  ["2018-01-01", 3500]
]
const PROGRAMS = [
  "temporary-assistance",
  "dibao",
  "elderly-service-subsidy",
  "medical-assistance",
  "rehab-aids",
  "disability-living-subsidy",
  "disability-care-subsidy",
  "poverty-registration",
  "nursing-home-low-fee-care",
  "health-management",
  "legal-aid"
] as const
const BODY: Readonly<Record<string, string>> = {
  "temporary-assistance": "civil-affairs",
  dibao: "civil-affairs",
  "elderly-service-subsidy": "civil-affairs",
  "medical-assistance": "civil-affairs",
  "rehab-aids": "disabled-persons-federation",
  "disability-living-subsidy": "disabled-persons-federation",
  "disability-care-subsidy": "disabled-persons-federation",
  "poverty-registration": "poverty-alleviation",
  "nursing-home-low-fee-care": "elderly-care",
  "health-management": "health",
  "legal-aid": "justice"
}
const DEADLINE: Readonly<Record<string, number>> = {
  "village-committee": 3,
  township: 3,
  "civil-affairs": 15,
  "public-security": 1,
  justice: 7,
  health: 15,
  "human-resources-social-security": 30,
  "poverty-alleviation": 30,
  "elderly-care": 15,
  "disabled-persons-federation": 30
}
const INTERVAL: Readonly<Record<string, number>> = { low: 90, medium: 30, high: 7 }
const GRACE: Readonly<Record<string, number>> = { low: 14, medium: 7, high: 2 }
const WINDOW = ["not-due", "due", "late", "overdue"] as const

const c1 = (code: string): ReadonlyArray<string> => [code]
const NONE: ReadonlyArray<string> = []

/**
 * Makes the hand-written Hunan function for an as-of date (the dated figures are looked up
 * here, once).
 */
export const makeHunanHandwritten = (asOf: string): ((cf: Case) => HandResult) => {
  const asOfDay = day(asOf)
  const yearIndex = +asOf.slice(0, 4) - 2018
  const dibaoOf = (region: string): number | undefined => {
    const s = DIBAO[region.slice(0, 6)]
    return s === undefined || yearIndex < 0 ? undefined : s[Math.min(yearIndex, s.length - 1)]
  }
  const capOf = (region: string): number | undefined => {
    const s = CAP[region.slice(0, 6)]
    return s === undefined || yearIndex < 0 ? undefined : s[Math.min(yearIndex, s.length - 1)]
  }
  const povertyLine = POVERTY_LINE.find(([from]) => from <= asOf)![1]
  const povertyOpen = asOf < "2021-01-01"
  const abuseNoTest = asOf >= "2022-01-01"
  const awayCutoff = latestStart(asOf, 6)
  const contact30 = date(asOfDay - 30)
  const contact90 = date(asOfDay - 90)

  // fixed code lists
  const LB = {
    notRural: c1("left-behind.not-rural"),
    underAge: c1("left-behind.under-age"),
    atHand: ["left-behind.age", "left-behind.supporter-not-away"],
    none: ["left-behind.age", "left-behind.no-supporters"],
    short: ["left-behind.age", "left-behind.away-too-short"],
    unknown: ["left-behind.age", "left-behind.away-since-unknown"],
    all: ["left-behind.age", "left-behind.all-away"],
    allSpouse: ["left-behind.age", "left-behind.all-away", "left-behind.spouse-not-supporter"],
    allInLaw: ["left-behind.age", "left-behind.all-away", "left-behind.in-law-assists"],
    allSpouseInLaw: ["left-behind.age", "left-behind.all-away", "left-behind.spouse-not-supporter", "left-behind.in-law-assists"]
  }
  const DUTY = {
    contact: { met: c1("duties.contact.met"), unmet: c1("duties.contact.unmet"), unknown: c1("duties.contact.unknown") },
    report: { met: c1("duties.report.met"), unmet: c1("duties.report.unmet") },
    delegationMet: { duty: "delegated-carer", supporterId: null, status: "met", codes: c1("duties.delegation.met") },
    delegationUnmet: { duty: "delegated-carer", supporterId: null, status: "unmet", codes: c1("duties.delegation.unmet") },
    delegationFamily: { duty: "delegated-carer", supporterId: null, status: "met", codes: c1("duties.delegation.family-at-home") },
    homeMet: { duty: "carer-at-home", supporterId: null, status: "met", codes: c1("duties.carer-at-home.met") },
    homeUnmet: { duty: "carer-at-home", supporterId: null, status: "unmet", codes: c1("duties.carer-at-home.unmet") },
    homeUnmetCared: { duty: "carer-at-home", supporterId: null, status: "unmet", codes: c1("duties.carer-at-home.unmet-cared-for") },
    financialMet: { duty: "financial-support", supporterId: null, status: "met", codes: c1("duties.financial.met") },
    financialChildren: { duty: "financial-support", supporterId: null, status: "met", codes: c1("duties.financial.income-from-children") },
    financialUnmet: { duty: "financial-support", supporterId: null, status: "unmet", codes: c1("duties.financial.unmet") },
    financialUnknown: { duty: "financial-support", supporterId: null, status: "unknown", codes: c1("duties.financial.unknown") }
  }
  const ECON_CODE = ["priority.economic-difficulty", "priority.low-income", "priority.not-economic-difficulty", "priority.economic-unknown"]
  const followUpCache: Array<HandResult["followUp"] | undefined> = new Array(1024)
  const followUpNone = { step: "none", reportToTownship: false, codes: c1("follow-up.not-left-behind") }
  const riskCodes = new Map<number, ReadonlyArray<string>>()
  const provisionalCodes = new Map<number, ReadonlyArray<string>>()
  const recordedCodes = new Map<string, ReadonlyArray<string>>()
  const RISK_NOT_LB = c1("risk.not-left-behind")
  const visitCodes = new Map<number, ReadonlyArray<string>>()
  const notApplicable = { intervalDays: null, lastVisit: null, nextDue: null, overdue: false, window: "not-applicable", extraVisitDue: null, codes: c1("visits.not-applicable") }
  const el = (program: string, status: string, code: string, missing: ReadonlyArray<string> = NONE): Eligibility => ({
    program,
    status,
    codes: c1(code.startsWith("eligibility.") ? code : `eligibility.${program}.${code}`),
    missing
  })
  const receiving: Record<string, Eligibility> = {}
  for (const p of PROGRAMS) receiving[p] = el(p, "receiving", "receiving")
  const outOfScope = PROGRAMS.map((p) => el(p, "ineligible", "eligibility.out-of-scope"))
  const E = {
    tempNoEvent: el("temporary-assistance", "ineligible", "no-sudden-difficulty"),
    tempMissing: el("temporary-assistance", "needs-information", "missing-cap", ["hunan.assistance.temporaryIncomeCap"]),
    tempUnknownHardship: el("temporary-assistance", "needs-information", "hardship-unknown", ["visits[].note (the hardship: sudden or urgent, or a necessary expense, and its amount)"]),
    tempNo: el("temporary-assistance", "ineligible", "above-cap"),
    dibaoMissing: el("dibao", "needs-information", "missing-standard", ["hunan.assistance.dibaoStandard"]),
    dibaoYes: el("dibao", "eligible", "eligible"),
    dibaoNo: el("dibao", "ineligible", "above-standard"),
    svcNotLb: el("elderly-service-subsidy", "ineligible", "not-left-behind"),
    svcYes: el("elderly-service-subsidy", "eligible", "eligible"),
    svcMissing: el("elderly-service-subsidy", "needs-information", "missing-standard", ["hunan.assistance.dibaoStandard"]),
    svcNoIncome: el("elderly-service-subsidy", "ineligible", "not-economic-difficulty"),
    svcNoNeed: el("elderly-service-subsidy", "ineligible", "not-old-or-disabled"),
    medProgram: el("medical-assistance", "eligible", "eligible-program"),
    medIll: el("medical-assistance", "eligible", "eligible-illness"),
    medMissing: el("medical-assistance", "needs-information", "missing-standard", ["hunan.assistance.dibaoStandard"]),
    medNoIncome: el("medical-assistance", "ineligible", "not-economic-difficulty"),
    medNo: el("medical-assistance", "ineligible", "not-covered"),
    rehabYes: el("rehab-aids", "eligible", "eligible"),
    rehabNo: el("rehab-aids", "ineligible", "no-certificate"),
    livingYes: el("disability-living-subsidy", "eligible", "eligible"),
    livingNoDibao: el("disability-living-subsidy", "ineligible", "not-dibao-household"),
    livingNoGrade: el("disability-living-subsidy", "ineligible", "no-certificate"),
    livingNeither: { program: "disability-living-subsidy", status: "ineligible", codes: ["eligibility.disability-living-subsidy.no-certificate", "eligibility.disability-living-subsidy.not-dibao-household"], missing: NONE },
    careYes: el("disability-care-subsidy", "eligible", "eligible"),
    careNoNeed: el("disability-care-subsidy", "ineligible", "no-long-term-care"),
    careNo: el("disability-care-subsidy", "ineligible", "not-severe"),
    povClosed: el("poverty-registration", "ineligible", "closed"),
    povYes: el("poverty-registration", "eligible", "eligible"),
    povNo: el("poverty-registration", "ineligible", "above-line"),
    lowNotLb: el("nursing-home-low-fee-care", "ineligible", "not-left-behind"),
    lowYes: el("nursing-home-low-fee-care", "eligible", "eligible"),
    lowMissing: el("nursing-home-low-fee-care", "needs-information", "missing-standard", ["hunan.assistance.dibaoStandard"]),
    lowNoIncome: el("nursing-home-low-fee-care", "ineligible", "not-economic-difficulty"),
    lowNoNeed: el("nursing-home-low-fee-care", "ineligible", "not-disabled"),
    hmYes: el("health-management", "eligible", "eligible"),
    hmNo: el("health-management", "ineligible", "under-age"),
    legalNoTest: el("legal-aid", "eligible", "eligible-no-economic-test"),
    legalExempt: el("legal-aid", "eligible", "eligible-exempt"),
    legalMissing: el("legal-aid", "needs-information", "missing-economic-standard", ["hunan.assistance.legalAidEconomicStandard"]),
    legalNo: el("legal-aid", "ineligible", "no-legal-need")
  }
  const ref = (to: string, trigger: string): Referral => ({ to, trigger, deadlineDays: DEADLINE[to]!, codes: c1(`referrals.${to}.${trigger}`) })
  const REF = {
    abuse: ref("public-security", "concern:abuse"),
    neglect: ref("public-security", "concern:neglect"),
    verifyAbuse: ref("township", "verify:abuse"),
    verifyNeglect: ref("township", "verify:neglect"),
    mediation: ref("justice", "support-dispute"),
    followUp: ref("township", "follow-up"),
    highRisk: ref("township", "risk:high"),
    housing: ref("township", "housing:unsafe"),
    pension: ref("human-resources-social-security", "no-pension"),
    illness: ref("health", "concern:health")
  }
  const eligibleRef: Record<string, Referral> = {}
  for (const p of PROGRAMS) eligibleRef[p] = ref(BODY[p]!, `eligible:${p}`)

  return (cf) => {
    const e = cf.elder
    const years = age(e.birthDate, asOf)
    const rank = RANK[e.ability]!
    const sup = cf.supporters
    const recv = e.receiving
    const dibao = dibaoOf(e.regionCode)
    let direct = false
    for (let i = 0; i < sup.length; i++) if (DIRECT.has(sup[i]!.relation)) direct = true

    // §1 identification: rural, 60+, every supporter out of the county for 6 months or more
    let lb: boolean | null
    let lbCodes: ReadonlyArray<string>
    if (!e.rural) (lb = false), (lbCodes = LB.notRural)
    else if (years < 60) (lb = false), (lbCodes = LB.underAge)
    else {
      let n = 0
      let spouse = false
      let short = false
      let unknown = false
      let atHand = false
      let inLaw = false
      for (let i = 0; i < sup.length; i++) {
        const s = sup[i]!
        if (!(DIRECT.has(s.relation) || (!direct && s.relation === SUBSTITUTE))) {
          if (s.relation === "spouse") spouse = true
          else if (ASSISTING.has(s.relation) && s.whereabouts === "with-elder") inLaw = true
          continue
        }
        n++
        if (s.whereabouts !== "out-of-county" && s.whereabouts !== "out-of-province") {
          atHand = true
          break
        }
        if (s.awaySince === null) unknown = true
        else if (s.awaySince > awayCutoff) short = true
      }
      if (atHand) (lb = false), (lbCodes = LB.atHand)
      else if (n === 0) (lb = false), (lbCodes = LB.none)
      else if (short) (lb = false), (lbCodes = LB.short)
      else if (unknown) (lb = null), (lbCodes = LB.unknown)
      else (lb = true), (lbCodes = spouse ? (inLaw ? LB.allSpouseInLaw : LB.allSpouse) : inLaw ? LB.allInLaw : LB.all)
    }

    // economic difficulty: a program received, extreme poverty, or income below 1.5 × dibao
    let econProgram = e.categories !== undefined && e.categories.includes("extreme-poverty")
    let medProgram = econProgram
    let dibaoHousehold = false
    for (let i = 0; i < recv.length; i++) {
      const p = recv[i]
      if (p === "dibao") (econProgram = true), (medProgram = true), (dibaoHousehold = true)
      else if (p === "poverty-registration") (econProgram = true), (medProgram = true)
      else if (p === "temporary-assistance") econProgram = true
    }
    const line = dibao === undefined ? 0 : dibao * 1.5
    // 0 program, 1 income, 2 no, 3 unknown
    const econ = econProgram ? 0 : dibao === undefined ? 3 : e.annualIncome < line ? 1 : 2

    // §1/§10 priority: left behind, economically difficult, and 80+ or disabled
    let pr: boolean | null
    let prCodes: ReadonlyArray<string>
    if (lb === false) (pr = false), (prCodes = c1("priority.not-left-behind"))
    else {
      const old = years >= 80
      const dis = rank >= 2
      const ec = old || dis ? econ : 2
      const value = !(old || dis) || ec === 2 ? false : ec === 3 ? null : true
      const codes: Array<string> = lb === null ? ["priority.left-behind-unknown"] : []
      codes.push(value === true ? "priority.key-target" : value === false ? "priority.none" : "priority.economic-unknown")
      if (!(old || dis)) codes.push("priority.not-old-or-disabled")
      else {
        if (value !== null) codes.push(ECON_CODE[ec]!)
        if (old) codes.push("priority.advanced-age")
        if (dis) codes.push("priority.disabled")
      }
      pr = lb === null ? null : value
      prCodes = codes
    }

    // §2 family duties
    const duties: Array<Duty> = []
    let withDuty = 0
    let atHome = 0
    let anyAtHome = false
    let familyAtHome = false
    let lastContact: string | null = null
    for (let i = 0; i < sup.length; i++) {
      const s = sup[i]!
      const isSup = DIRECT.has(s.relation) || (!direct && s.relation === SUBSTITUTE)
      if (isSup) withDuty++
      if (s.whereabouts === "with-elder") {
        anyAtHome = true
        if (isSup) atHome++
        else if (s.relation === "spouse" || ASSISTING.has(s.relation)) familyAtHome = true
        continue
      }
      const lc = s.lastContact
      if (lc !== null && lc <= asOf) {
        if (lastContact === null || lc > lastContact) lastContact = lc
      }
      const st = lc === null || lc > asOf ? "unknown" : lc >= contact30 ? "met" : "unmet"
      duties.push({ duty: "regular-contact", supporterId: s.id, status: st, codes: DUTY.contact[st] })
      // reporting whereabouts is the duty of those who owe support; contact, of every family member living apart
      if (isSup) duties.push({ duty: "report-to-village", supporterId: s.id, status: s.reportedToVillage ? "met" : "unmet", codes: s.reportedToVillage ? DUTY.report.met : DUTY.report.unmet })
    }
    const carer = cf.delegatedCarer
    const carerInPlace = carer !== null && carer.since <= asOf
    if (withDuty > 0 && atHome === 0) duties.push(carerInPlace ? DUTY.delegationMet : familyAtHome ? DUTY.delegationFamily : DUTY.delegationUnmet)
    if (withDuty > 0 && (e.seriousIllness || rank >= 3)) duties.push(atHome > 0 ? DUTY.homeMet : familyAtHome || carerInPlace ? DUTY.homeUnmetCared : DUTY.homeUnmet)
    if (withDuty > 0) {
      // financial support: the village committee's finding, else children among the income sources, else unknown
      const found = e.facts === undefined ? undefined : e.facts["financial-support"]
      duties.push(found === true ? DUTY.financialMet : found === false ? DUTY.financialUnmet : e.incomeSources.includes("children") ? DUTY.financialChildren : DUTY.financialUnknown)
    }

    // the last visit that counts (home, phone, video), on or before the as-of date
    const vs = cf.visits
    let last: Case["visits"][number] | undefined
    let healthSeen = false
    // concerns noted at any visit so far (they stay open until a record resolves them)
    let nAbuse = false
    let nNeglect = false
    let nDispute = false
    let nLegal = false
    for (let i = 0; i < vs.length; i++) {
      const v = vs[i]!
      if (v.date > asOf) continue
      if (last === undefined || v.date >= last.date) last = v
      for (const k of v.concerns) {
        if (k === "health") healthSeen = true
        else if (k === "abuse") nAbuse = true
        else if (k === "neglect") nNeglect = true
        else if (k === "support-dispute") nDispute = true
        else if (k === "legal") nLegal = true
      }
    }
    const records = cf.concerns !== undefined && cf.concerns.length > 0
    const sAbuse = records ? concernState(cf, asOf, "abuse") : +nAbuse
    const sNeglect = records ? concernState(cf, asOf, "neglect") : +nNeglect
    const sDispute = records ? concernState(cf, asOf, "support-dispute") : +nDispute
    const sLegal = records ? concernState(cf, asOf, "legal") : +nLegal
    let cAbuse = false
    let cNeglect = false
    let cSafety = false
    let cHealth = false
    let cTemp = false
    let cExtra = false
    if (last !== undefined) {
      for (const k of last.concerns) {
        if (k === "abuse") cAbuse = true
        else if (k === "neglect") cNeglect = true
        else if (k === "safety") (cSafety = true), (cTemp = true)
        else if (k === "health") (cHealth = true), (cTemp = true), (cExtra = true)
        else if (k === "housing" || k === "income") (cTemp = true), (cExtra = true)
        else if (k === "loneliness") cExtra = true
        else if (k === "legal") cExtra = true
      }
    }

    // §3 follow-up by the village committee: a ladder that advances on the recorded history
    let followUp: HandResult["followUp"]
    if (lb === false) followUp = followUpNone
    else {
      // 1 a duty unmet, 2 care not arranged, 4 reminder ignored, 8 criticism continues, 16 an
      // unverified report, 32 verified, 64 serious without grounds, 128 serious with grounds,
      // 256 support dispute, 512 priority
      let m = 0
      for (const d of duties) {
        if (d.status !== "unmet") continue
        m |= 1
        if (d.duty === "carer-at-home" || d.duty === "delegated-carer") m |= 2
      }
      let lastStep: { readonly date: string; readonly step: string } | undefined
      if (cf.followUps !== undefined) for (const f of cf.followUps) if (f.date <= asOf && (lastStep === undefined || f.date >= lastStep.date)) lastStep = f
      if (lastStep !== undefined && m & 1) {
        if (lastStep.step === "reminder" && lastStep.date <= contact30) m |= 4
        else if (lastStep.step === "criticism-education" || lastStep.step === "law-enforcement") m |= 8
      }
      for (const st of [sAbuse, sNeglect]) {
        if (st === 0) continue
        m |= !(st & 2) ? 16 : st & 4 && st & 8 ? 128 : st & 4 ? 96 : 32
      }
      if (sDispute) m |= 256
      if (pr === true) m |= 512
      let f = followUpCache[m]
      if (f === undefined) {
        const step = m & 128 ? "law-enforcement" : m & (4 | 8 | 32 | 64) ? "criticism-education" : m & (1 | 256) ? "reminder" : "none"
        const report = step === "law-enforcement" || step === "criticism-education" || (step === "reminder" && (m & 512) !== 0) || (m & 16) !== 0
        const codes: Array<string> = []
        if (m & 1) codes.push("follow-up.reminder")
        if (m & 2) codes.push("follow-up.household-duty-unmet")
        if (m & 4) codes.push("follow-up.reminder-ignored")
        if (m & 8) codes.push("follow-up.criticism-continues")
        if (m & 256) codes.push("follow-up.support-dispute")
        if (m & 16) codes.push("follow-up.concern-unverified")
        if (m & 32) codes.push("follow-up.concern-verified")
        if (m & 64) codes.push("follow-up.serious-without-grounds")
        if (m & 128) codes.push("follow-up.law-enforcement")
        if (step === "none" && !(m & 16)) codes.push("follow-up.duties-met")
        if (report && !(m & 16)) codes.push("follow-up.report-to-township")
        f = followUpCache[m] = { step, reportToTownship: report, codes }
      }
      followUp = f
    }

    // §8 risk grading
    // the county's latest grade on or before the as-of date (on a tie, the one recorded last)
    let recorded: Case["riskAssessments"][number] | null = null
    for (const r of cf.riskAssessments) if (r.date <= asOf && (recorded === null || r.date >= recorded.date)) recorded = r
    const lastAssessed = recorded === null ? null : recorded.date
    let risk: HandResult["risk"]
    if (lb === false) {
      risk = { level: null, codes: RISK_NOT_LB, lastAssessed, nextAssessmentDue: null, assessmentOverdue: false }
    } else {
      const old = years >= 80
      const dis = rank >= 2
      const severe = rank >= 3
      const ill = e.seriousIllness
      const alone = e.livingArrangement === "alone"
      const hs = e.housingSafety
      const unsafe = hs === "unsafe"
      const atRisk = unsafe || hs === "at-risk"
      const noOne = !anyAtHome && !carerInPlace
      const contactUnknown = !anyAtHome && lastContact === null
      const noContact = !anyAtHome && lastContact !== null && lastContact < contact90
      const low = econ <= 1
      const count = +old + +dis + +ill + +alone + +low + +atRisk + +noContact
      const next = lastAssessed === null ? null : plusMonths(lastAssessed, 12)
      const state = next === null ? 0 : asOf > next ? 2 : 1
      const high = severe || unsafe || (old && alone) || ((ill || dis) && noOne) || (low && (old || dis)) || count >= 3
      const level = high ? 2 : count > 0 ? 1 : 0
      const key =
        +old | (+dis << 1) | (+severe << 2) | (+ill << 3) | (+alone << 4) | (+noOne << 5) | (+low << 6) | (+atRisk << 7) | (+unsafe << 8) | (+noContact << 9) | (+(econ === 3) << 10) | (+(hs === undefined) << 11) | (+contactUnknown << 12)
      let codes = riskCodes.get(key)
      if (codes === undefined) {
        const cs: Array<string> = []
        if (level === 2) {
          if (severe) cs.push("risk.high.severe-disability")
          if (unsafe) cs.push("risk.high.unsafe-housing")
          if (old && alone) cs.push("risk.high.old-and-alone")
          if ((ill || dis) && noOne) cs.push("risk.high.no-carer")
          if (low && (old || dis)) cs.push("risk.high.poor-and-frail")
          if (count >= 3) cs.push("risk.high.many-factors")
        } else cs.push(level === 1 ? "risk.level.medium" : "risk.level.low")
        if (old) cs.push("risk.factor.advanced-age")
        if (dis) cs.push("risk.factor.disabled")
        if (ill) cs.push("risk.factor.serious-illness")
        if (alone) cs.push("risk.factor.living-alone")
        if (noOne) cs.push("risk.factor.no-one-at-home")
        if (low) cs.push("risk.factor.low-income")
        if (atRisk) cs.push("risk.factor.housing")
        if (noContact) cs.push("risk.factor.no-recent-contact")
        if (econ === 3) cs.push("risk.income-not-assessed")
        if (hs === undefined) cs.push("risk.housing-not-recorded")
        if (contactUnknown) cs.push("risk.contact-unknown")
        codes = cs
        riskCodes.set(key, codes)
      }
      const computed = level === 2 ? "high" : level === 1 ? "medium" : "low"
      // §8: the county's grade governs while within its validity; otherwise the computed level, provisionally
      const unknown = lb === null ? 1 : 0
      if (state === 1) {
        const governing = recorded!.level
        const gkey = `${governing}|${computed}|${unknown}`
        let gc = recordedCodes.get(gkey)
        if (gc === undefined) {
          gc = [...(unknown ? ["risk.left-behind-unknown"] : []), "risk.governing.recorded", ...(governing === computed ? [] : ["risk.governing.differs-from-suggested"]), "risk.assessment.current"]
          recordedCodes.set(gkey, gc)
        }
        risk = { level: governing, codes: gc, lastAssessed, nextAssessmentDue: next, assessmentOverdue: false }
      } else {
        const pkey = key * 8 + state * 2 + unknown
        let pc = provisionalCodes.get(pkey)
        if (pc === undefined) {
          pc = [...(unknown ? ["risk.left-behind-unknown"] : []), "risk.governing.provisional", ...codes, state === 0 ? "risk.assessment.never" : "risk.assessment.overdue"]
          provisionalCodes.set(pkey, pc)
        }
        risk = { level: computed, codes: pc, lastAssessed, nextAssessmentDue: next, assessmentOverdue: true }
      }
    }

    // §1/§3 periodic visits
    let visits: HandResult["visits"]
    const level = risk.level
    if (level === null) visits = notApplicable
    else {
      const interval = INTERVAL[level]!
      const grace = GRACE[level]!
      let extra = 0
      let extraDue = -1
      if (last !== undefined && (cAbuse || cNeglect || cSafety || cExtra)) {
        const urgent = cAbuse || cNeglect || cSafety
        extra = urgent ? 2 : 1
        extraDue = day(last.date) + (urgent ? 1 : 7)
      }
      if (e.seriousIllness && !healthSeen) {
        extra |= 4
        extraDue = extraDue < 0 ? asOfDay : Math.min(extraDue, asOfDay)
      }
      const extraVisitDue = extraDue < 0 ? null : date(extraDue)
      const w = last === undefined ? 3 : 0
      let window = 3
      let lastDay = 0
      if (last !== undefined) {
        lastDay = day(last.date)
        const due = lastDay + interval
        window = asOfDay < due ? 0 : asOfDay <= due + grace ? 1 : asOfDay <= due + interval ? 2 : 3
      }
      const key = (level === "high" ? 2 : level === "medium" ? 1 : 0) * 64 + window * 16 + (w === 3 && last === undefined ? 8 : 0) + extra
      let codes = visitCodes.get(key)
      if (codes === undefined) {
        const cs = [`visits.interval.${level}`, "visits.counting-modes"]
        if (last === undefined) cs.push("visits.never-visited")
        cs.push(`visits.window.${WINDOW[window]}`)
        if (extra & 1) cs.push("visits.extra.concern")
        if (extra & 2) cs.push("visits.extra.urgent")
        if (extra & 4) cs.push("visits.extra.illness")
        codes = cs
        visitCodes.set(key, codes)
      }
      visits =
        last === undefined
          ? { intervalDays: interval, lastVisit: null, nextDue: asOf, overdue: true, window: "overdue", extraVisitDue, codes }
          : { intervalDays: interval, lastVisit: last.date, nextDue: date(lastDay + interval), overdue: window >= 2, window: WINDOW[window]!, extraVisitDue, codes }
    }

    // §5/§7/§10 eligibility
    let eligibility: ReadonlyArray<Eligibility>
    if (!e.rural || years < 60) eligibility = outOfScope
    else {
      const income = e.annualIncome
      const cap = capOf(e.regionCode)
      const grade = e.disabilityGrade
      const out: Array<Eligibility> = new Array(11)
      let missingAway = ""
      if (lb === null) {
        missingAway = "supporters[].awaySince"
        for (let i = 0; i < sup.length; i++) {
          if (sup[i]!.awaySince === null && sup[i]!.whereabouts !== "with-elder") {
            missingAway = `supporters[${i}].awaySince`
            break
          }
        }
      }
      const econYes = econ <= 1
      let legalExempt = e.categories !== undefined && e.categories.includes("extreme-poverty")
      for (let i = 0; i < recv.length; i++) if (recv[i] === "dibao" || recv[i] === "temporary-assistance" || recv[i] === "medical-assistance") legalExempt = true
      out[0] = recv.includes("temporary-assistance")
        ? receiving["temporary-assistance"]!
        : !(e.housingSafety === "unsafe" || cTemp)
          ? E.tempNoEvent
          : cap === undefined
            ? E.tempMissing
            : income <= cap
              ? E.tempUnknownHardship // whether the hardship is sudden or urgent, and its cost, is not recorded
              : E.tempNo
      out[1] = recv.includes("dibao") ? receiving.dibao! : dibao === undefined ? E.dibaoMissing : income < dibao ? E.dibaoYes : E.dibaoNo
      out[2] = recv.includes("elderly-service-subsidy")
        ? receiving["elderly-service-subsidy"]!
        : lb === false
          ? E.svcNotLb
          : lb === null
            ? el("elderly-service-subsidy", "needs-information", "left-behind-unknown", [missingAway])
            : years >= 80 || rank >= 2
              ? econYes
                ? E.svcYes
                : econ === 3
                  ? E.svcMissing
                  : E.svcNoIncome
              : E.svcNoNeed
      out[3] = recv.includes("medical-assistance")
        ? receiving["medical-assistance"]!
        : medProgram
          ? E.medProgram
          : e.seriousIllness
            ? dibao === undefined
              ? E.medMissing
              : income < line
                ? E.medIll
                : E.medNoIncome
            : E.medNo
      out[4] = recv.includes("rehab-aids") ? receiving["rehab-aids"]! : grade !== null ? E.rehabYes : E.rehabNo
      out[5] = recv.includes("disability-living-subsidy")
        ? receiving["disability-living-subsidy"]!
        : grade !== null
          ? dibaoHousehold
            ? E.livingYes
            : E.livingNoDibao
          : dibaoHousehold
            ? E.livingNoGrade
            : E.livingNeither
      out[6] = recv.includes("disability-care-subsidy") ? receiving["disability-care-subsidy"]! : grade !== null && grade <= 2 ? (rank >= 2 ? E.careYes : E.careNoNeed) : E.careNo
      out[7] = recv.includes("poverty-registration") ? receiving["poverty-registration"]! : !povertyOpen ? E.povClosed : income < povertyLine ? E.povYes : E.povNo
      out[8] = recv.includes("nursing-home-low-fee-care")
        ? receiving["nursing-home-low-fee-care"]!
        : lb === false
          ? E.lowNotLb
          : lb === null
            ? el("nursing-home-low-fee-care", "needs-information", "left-behind-unknown", [missingAway])
            : rank >= 1
              ? econYes
                ? E.lowYes
                : econ === 3
                  ? E.lowMissing
                  : E.lowNoIncome
              : E.lowNoNeed
      // basic public health service: every resident of 65 or over, left behind or not
      out[9] = recv.includes("health-management") ? receiving["health-management"]! : years >= 65 ? E.hmYes : E.hmNo
      // legal aid: a legal need, then the economic test (no test for victims of abuse from 2022;
      // social-assistance recipients exempt); no county has an economic-difficulty standard
      out[10] = recv.includes("legal-aid")
        ? receiving["legal-aid"]!
        : abuseNoTest && sAbuse & 2
          ? E.legalNoTest
          : !(sLegal || sAbuse || sNeglect || sDispute || followUp.step === "criticism-education" || followUp.step === "law-enforcement")
            ? E.legalNo
            : legalExempt
              ? E.legalExempt
              : E.legalMissing
      eligibility = out
    }

    // §8/§10 referrals
    const referrals: Array<Referral> = []
    // open concerns: an unverified report of abuse or neglect to the township for verification,
    // a verified serious one with grounds to the police, a support dispute to mediation
    let verifying = false
    if (lb !== false) {
      if (sAbuse !== 0 && (sAbuse & 2) === 0) (verifying = true), referrals.push(REF.verifyAbuse)
      else if ((sAbuse & 12) === 12) referrals.push(REF.abuse)
      if (sNeglect !== 0 && (sNeglect & 2) === 0) (verifying = true), referrals.push(REF.verifyNeglect)
      else if ((sNeglect & 12) === 12) referrals.push(REF.neglect)
      if (sDispute) referrals.push(REF.mediation)
    }
    if (followUp.reportToTownship && !(verifying && followUp.step === "none")) referrals.push(REF.followUp)
    if (level === "high") referrals.push(REF.highRisk)
    if (lb === true && e.housingSafety === "unsafe") referrals.push(REF.housing)
    for (let i = 0; i < eligibility.length; i++) if (eligibility[i]!.status === "eligible") referrals.push(eligibleRef[eligibility[i]!.program]!)
    if (lb === true && !e.incomeSources.includes("pension")) referrals.push(REF.pension)
    if (e.seriousIllness && cHealth) referrals.push(REF.illness)

    return { leftBehind: lb, leftBehindCodes: lbCodes, priority: pr, priorityCodes: prCodes, duties, followUp, risk, visits, eligibility, referrals }
  }
}
