/**
 * The figures of a region report, computed from case files and their evaluations with core
 * `Summary.summarize` plus per-township and per-village breakdowns, visits done, and open
 * referral cases. Pure: the caller passes the rows, the date and the referral cases.
 */
import type { IndicatorsView } from "../indicators/View.js"
import { Assignment, CalendarDate, type CaseFile, Divisions, type Evaluation, type Loader, Membership, Recheck, RegionCode, Summary } from "@liushou/core"

/** One township (or the next level down) row of the report. */
export interface SubregionRow {
  readonly code: string
  readonly elders: number
  readonly leftBehind: number
  readonly priority: number
  readonly byRiskLevel: Readonly<Record<string, number>>
  readonly visitsOverdue: number
  readonly assessmentsOverdue: number
  readonly eligibleNotReceiving: number
  readonly villages: number
  /** elders who must have a named responsible visitor (§1 §3), and those without one */
  readonly needVisitor: number
  readonly visitorMissing: number
  /** elders who must be paired (§4), and those of them not paired */
  readonly needPairing: number
  readonly pairingMissing: number
}

/** Named responsibility across the region (§1 §3 §4). */
export interface ResponsibilityFigures {
  readonly needVisitor: number
  readonly visitorMissing: number
  readonly needPairing: number
  readonly pairingMissing: number
  /** priority undetermined, so whether a pairing is required is not known */
  readonly pairingUnknown: number
  /** visits in the 365 days up to the as-of date, and those made by a person assigned to the elder at the time */
  readonly visits365: number
  readonly attributed365: number
}

/** Open referral cases in one state. */
export interface ReferralRow {
  readonly state: string
  readonly name: { readonly zh: string; readonly en: string }
  readonly open: number
  readonly overdue: number
}

/** Ledger upkeep (§1): what must be checked again, for the region and its villages with the most. */
export interface RecheckFigures {
  /** elders with something to check (a stale or unknown group of facts, identification unknown, a field eligibility needs) */
  readonly elders: number
  readonly byAsk: Readonly<Record<string, number>>
  /** the villages with the most elders to check */
  readonly villages: ReadonlyArray<{ readonly code: string; readonly elders: number; readonly byAsk: Readonly<Record<string, number>> }>
  /** elders out of the active ledger at the date (left out of every other figure; their case files and history are kept) */
  readonly exited: number
  /** entries and exits dated in the 12 months to the date, by reason id */
  readonly entries365: Readonly<Record<string, number>>
  readonly exits365: Readonly<Record<string, number>>
  /** the names of the reasons (the loaded policies' ledger reasons) */
  readonly reasonNames: Readonly<Record<string, { readonly zh: string; readonly en: string }>>
}

/** Care services received against those needed (§10 §4), per kind, for the elders in the active ledger. */
export interface ServiceFigures {
  /** one row per kind of the governing policies, in their order */
  readonly kinds: ReadonlyArray<{
    readonly kind: string
    readonly name: { readonly zh: string; readonly en: string }
    /** elders who need the kind, those of them who received it within the window, those who did not */
    readonly needed: number
    readonly received: number
    readonly missing: number
    /** elders whose need of the kind is undetermined (facts unknown) */
    readonly unknown: number
  }>
  /** elders with at least one needed kind missing */
  readonly unmet: number
  /** subregions with the most elders whose needs are unmet */
  readonly subregions: ReadonlyArray<{ readonly code: string; readonly elders: number; readonly unmet: number }>
}

/** Everything the report shows. */
export interface ReportData {
  readonly region: string
  readonly regionName: string | null
  readonly asOf: CalendarDate.CalendarDate
  readonly summary: Summary.RegionSummary
  readonly riskLevels: ReadonlyArray<{ readonly id: string; readonly name: { readonly zh: string; readonly en: string } }>
  readonly subregions: ReadonlyArray<SubregionRow>
  /** villages with the most overdue visits */
  readonly villages: ReadonlyArray<SubregionRow>
  /** visits to left-behind elders in the 30 / 90 / 365 days up to the as-of date */
  readonly visitsDone: { readonly days30: number; readonly days90: number; readonly days365: number; readonly eldersVisited365: number }
  /** left-behind elders whose risk assessment falls due in the next 30 days (not yet overdue) */
  readonly assessmentsDueSoon: number
  readonly referrals: ReadonlyArray<ReferralRow>
  /** present when the governing policies have the responsibility rule */
  readonly responsibility: ResponsibilityFigures | null
  /** present when the governing policies have the upkeep rule */
  readonly recheck: RecheckFigures | null
  /** present when the governing policies have the services rule */
  readonly services: ServiceFigures | null
  readonly policies: ReadonlyArray<{ readonly key: string; readonly document: string; readonly elders: number }>
  /**
   * the names of the report's region, subregions and villages: the host's own (`regionNames` of
   * the config) first, else the GB/T 2260 list (core's `Divisions`: provinces, prefectures,
   * counties); a code in neither is shown as the code
   */
  readonly regionNames: Readonly<Record<string, string>>
  /** where the evaluations come from, e.g. "assessment run 2021-06-30@all (2021-06-30)", in Chinese and English */
  readonly source: { readonly zh: string; readonly en: string }
  readonly failed: number
  /**
   * Sample figures (placeholders shipped for demonstration) the evaluations used: each parameter
   * id with the number of elders whose evaluation read one. The report shows a banner when any.
   */
  readonly sampleFigures: ReadonlyArray<{ readonly id: string; readonly elders: number }>
  /** the evaluation indicators (考评, §10) for the year to the as-of date, when computed */
  readonly indicators?: IndicatorsView
}

const inc = (m: Record<string, number>, k: string, by = 1): void => {
  m[k] = (m[k] ?? 0) + by
}

type Row = { readonly caseFile: CaseFile.CaseFile; readonly evaluation: Evaluation.Evaluation }

/** What a report's figures need besides the rows. */
export interface BuildOptions {
  readonly region: string
  readonly asOf: CalendarDate.CalendarDate
  readonly registry: Loader.Registry
  readonly referrals?: ReadonlyArray<ReferralRow>
  readonly regionNames?: Readonly<Record<string, string>>
  readonly source: { readonly zh: string; readonly en: string }
  readonly failed?: number
}

/**
 * Takes the rows one at a time and keeps only counts (per township, per village, per kind):
 * its memory depends on the number of villages and kinds, not on the number of elders, so a
 * county of any size is read as a stream.
 */
export interface Builder {
  readonly add: (row: Row) => void
  /** the figures of the rows added so far; the referral cases, source and count of failed evaluations may be given here instead of to `builder` */
  readonly finish: (more?: Partial<Pick<BuildOptions, "referrals" | "source" | "failed">>) => ReportData
}

/** How many rows the region summary (core `Summary.summarize`) takes at once; the page's counts are added to the running ones. */
const SUMMARY_PAGE = 512

/** Adds one region summary's figures to another's (every figure is a count). */
export const mergeSummary = (into: Summary.RegionSummary, from: Summary.RegionSummary): Summary.RegionSummary => {
  const counts = (a: Summary.Counts, b: Summary.Counts): Summary.Counts => {
    const out: Record<string, number> = { ...a }
    for (const [k, n] of Object.entries(b)) inc(out, k, n)
    return out
  }
  return {
    region: into.region,
    asOf: into.asOf,
    elders: into.elders + from.elders,
    exited: into.exited + from.exited,
    leftBehind: into.leftBehind + from.leftBehind,
    leftBehindUnknown: into.leftBehindUnknown + from.leftBehindUnknown,
    priority: into.priority + from.priority,
    bySubregion: counts(into.bySubregion, from.bySubregion),
    byVillage: counts(into.byVillage, from.byVillage),
    byRiskLevel: counts(into.byRiskLevel, from.byRiskLevel),
    byAgeBand: counts(into.byAgeBand, from.byAgeBand),
    byAbility: counts(into.byAbility, from.byAbility),
    byLivingArrangement: counts(into.byLivingArrangement, from.byLivingArrangement),
    visitsOverdue: into.visitsOverdue + from.visitsOverdue,
    visitsByWindow: counts(into.visitsByWindow, from.visitsByWindow),
    assessmentsOverdue: into.assessmentsOverdue + from.assessmentsOverdue,
    dutiesUnmet: counts(into.dutiesUnmet, from.dutiesUnmet),
    eligibleNotReceiving: counts(into.eligibleNotReceiving, from.eligibleNotReceiving),
    receiving: counts(into.receiving, from.receiving),
    needsInformation: counts(into.needsInformation, from.needsInformation),
    referralsSuggested: counts(into.referralsSuggested, from.referralsSuggested)
  }
}

/** A report's figures built from rows given one at a time (see {@link Builder}). */
export const builder = (options: Omit<BuildOptions, "source"> & { readonly source?: BuildOptions["source"] }): Builder => {
  const { region, asOf, registry } = options
  const subLength = RegionCode.LEVELS.find((l) => l.length > region.length)?.length ?? 12
  type Acc = {
    elders: number
    leftBehind: number
    priority: number
    byRiskLevel: Record<string, number>
    visitsOverdue: number
    assessmentsOverdue: number
    eligibleNotReceiving: number
    villages: Set<string>
    needVisitor: number
    visitorMissing: number
    needPairing: number
    pairingMissing: number
  }
  const mk = (): Acc => ({ elders: 0, leftBehind: 0, priority: 0, byRiskLevel: {}, visitsOverdue: 0, assessmentsOverdue: 0, eligibleNotReceiving: 0, villages: new Set(), needVisitor: 0, visitorMissing: 0, needPairing: 0, pairingMissing: 0 })
  const resp = { seen: false, needVisitor: 0, visitorMissing: 0, needPairing: 0, pairingMissing: 0, pairingUnknown: 0, visits365: 0, attributed365: 0 }
  const subs = new Map<string, Acc>()
  const vills = new Map<string, Acc>()
  const policies = new Map<string, { key: string; document: string; elders: number }>()
  const asOfDay = CalendarDate.toDayNumber(asOf)
  const soon = CalendarDate.addDays(asOf, 30)
  let days30 = 0
  let days90 = 0
  let days365 = 0
  let visited = 0
  let dueSoon = 0
  const samples: Record<string, number> = {}
  // the region summary, a page at a time
  let summary = Summary.summarize([], { region, asOf })
  let page: Array<Row> = []
  const flush = (): void => {
    if (page.length === 0) return
    summary = mergeSummary(summary, Summary.summarize(page, { region, asOf }))
    page = []
  }
  // ledger upkeep (section 8): every row, exited ones included
  const recheck = { seen: false, exited: 0, entries365: {} as Record<string, number>, exits365: {} as Record<string, number>, villages: new Map<string, { elders: number; byAsk: Record<string, number> }>() }
  const from365 = CalendarDate.addDays(asOf, -364)
  // care services (section 10)
  const serviceNames = new Map<string, { zh: string; en: string }>()
  for (const p of registry.policies) for (const t of p.vocabularies.serviceKinds ?? []) if (!serviceNames.has(t.id)) serviceNames.set(t.id, t.name)
  const services = { seen: false, unmet: 0, kinds: new Map<string, { needed: number; received: number; missing: number; unknown: number }>(), subs: new Map<string, { elders: number; unmet: number }>() }
  for (const id of serviceNames.keys()) services.kinds.set(id, { needed: 0, received: 0, missing: 0, unknown: 0 })

  const addUpkeep = ({ caseFile, evaluation }: Row): void => {
    if (evaluation.upkeep !== undefined) recheck.seen = true
    if (RegionCode.contains(region, caseFile.elder.regionCode)) {
      if (evaluation.upkeep?.status === "exited") recheck.exited++
      for (const e of Membership.between(caseFile, from365, asOf)) inc(e.event === "exited" ? recheck.exits365 : recheck.entries365, e.reason)
    }
    // the village worklist (core `Recheck.worklist`) keeps the elders; the report needs the counts
    if (!RegionCode.contains(region, evaluation.regionCode)) return
    const asks = Recheck.asks(evaluation)
    if (asks.length === 0) return
    let v = recheck.villages.get(evaluation.regionCode)
    if (v === undefined) recheck.villages.set(evaluation.regionCode, (v = { elders: 0, byAsk: {} }))
    v.elders++
    for (const k of asks) inc(v.byAsk, k)
  }

  const addServices = ({ caseFile, evaluation }: Row): void => {
    const s = evaluation.services
    if (s !== undefined) services.seen = true
    if (s === undefined || s.status === "not-applicable" || !RegionCode.contains(region, caseFile.elder.regionCode)) return
    const code = caseFile.elder.regionCode.slice(0, subLength)
    const sub = services.subs.get(code) ?? { elders: 0, unmet: 0 }
    sub.elders++
    if (s.status === "unmet") {
      services.unmet++
      sub.unmet++
    }
    services.subs.set(code, sub)
    for (const n of s.needs) {
      let a = services.kinds.get(n.kind)
      if (a === undefined) services.kinds.set(n.kind, (a = { needed: 0, received: 0, missing: 0, unknown: 0 }))
      if (n.needed === true) {
        a.needed++
        if (n.status === "received") a.received++
        else a.missing++
      } else if (n.needed === null) a.unknown++
    }
  }

  const add = (row: Row): void => {
    addUpkeep(row)
    // elders out of the active ledger at the date are counted in section 8 only
    if (row.evaluation.upkeep?.status === "exited") return
    addServices(row)
    page.push(row)
    if (page.length >= SUMMARY_PAGE) flush()
    const { caseFile, evaluation } = row
    const code = caseFile.elder.regionCode
    if (!RegionCode.contains(region, code)) return
    for (const p of evaluation.provenance.parameters) if (p.status === "sample") inc(samples, p.id)
    const sub = code.slice(0, subLength)
    const accs = [subs.get(sub) ?? mk(), vills.get(code) ?? mk()]
    subs.set(sub, accs[0]!)
    vills.set(code, accs[1]!)
    for (const a of accs) {
      a.elders++
      a.villages.add(code)
    }
    const pk = `${evaluation.policy.id}@${evaluation.policy.version}`
    const p = policies.get(pk) ?? { key: pk, document: evaluation.policy.document, elders: 0 }
    p.elders++
    policies.set(pk, p)
    const r = evaluation.responsibility
    if (r !== undefined) {
      resp.seen = true
      const need = r.visitorRequired
      if (need) resp.needVisitor++
      if (r.visitor === "missing") resp.visitorMissing++
      if (r.pairing === "missing") resp.pairingMissing++
      if (r.pairing === "needs-information") resp.pairingUnknown++
      if (r.pairingRequired === true) resp.needPairing++
      for (const a of accs) {
        if (need) a.needVisitor++
        if (r.visitor === "missing") a.visitorMissing++
        if (r.pairing === "missing") a.pairingMissing++
        if (r.pairingRequired === true) a.needPairing++
      }
      if (need) {
        for (const v of caseFile.visits) {
          const d = asOfDay - CalendarDate.toDayNumber(v.date)
          if (d < 0 || d >= 365) continue
          resp.visits365++
          if (Assignment.isAttributed(caseFile, v)) resp.attributed365++
        }
      }
    }
    if (evaluation.leftBehind.value !== true) return
    const overdueVisit = evaluation.visits?.overdue === true
    const overdueAssessment = evaluation.risk?.assessmentOverdue === true
    const eligible = (evaluation.eligibility ?? []).filter((e) => e.status === "eligible").length
    for (const a of accs) {
      a.leftBehind++
      if (evaluation.priority.value === true) a.priority++
      if (evaluation.risk !== undefined) inc(a.byRiskLevel, evaluation.risk.level ?? "ungraded")
      if (overdueVisit) a.visitsOverdue++
      if (overdueAssessment) a.assessmentsOverdue++
      a.eligibleNotReceiving += eligible
    }
    let any = false
    for (const v of caseFile.visits) {
      const d = asOfDay - CalendarDate.toDayNumber(v.date)
      if (d < 0) continue
      if (d < 30) days30++
      if (d < 90) days90++
      if (d < 365) {
        days365++
        any = true
      }
    }
    if (any) visited++
    const next = evaluation.risk?.nextAssessmentDue
    if (!overdueAssessment && next !== null && next !== undefined && next <= soon) dueSoon++
  }

  const toRow = ([code, a]: [string, Acc]): SubregionRow => ({
    code,
    elders: a.elders,
    leftBehind: a.leftBehind,
    priority: a.priority,
    byRiskLevel: a.byRiskLevel,
    visitsOverdue: a.visitsOverdue,
    assessmentsOverdue: a.assessmentsOverdue,
    eligibleNotReceiving: a.eligibleNotReceiving,
    villages: a.villages.size,
    needVisitor: a.needVisitor,
    visitorMissing: a.visitorMissing,
    needPairing: a.needPairing,
    pairingMissing: a.pairingMissing
  })

  const recheckFigures = (): RecheckFigures | null => {
    if (!recheck.seen) return null
    const reasonNames: Record<string, { zh: string; en: string }> = {}
    for (const p of registry.policies) for (const t of p.vocabularies.ledgerReasons ?? []) reasonNames[t.id] = t.name
    const villages = [...recheck.villages.entries()].map(([village, v]) => ({ village, elders: v.elders, byAsk: v.byAsk })).sort((x, y) => (x.village < y.village ? -1 : x.village > y.village ? 1 : 0))
    const byAsk: Record<string, number> = {}
    let elders = 0
    for (const v of villages) {
      elders += v.elders
      for (const [k, n] of Object.entries(v.byAsk)) inc(byAsk, k, n)
    }
    return {
      elders,
      byAsk,
      villages: [...villages]
        .sort((a, b) => b.elders - a.elders || (a.village < b.village ? -1 : 1))
        .slice(0, 10)
        .map((v) => ({ code: v.village, elders: v.elders, byAsk: v.byAsk })),
      exited: recheck.exited,
      entries365: recheck.entries365,
      exits365: recheck.exits365,
      reasonNames
    }
  }

  const serviceFigures = (): ServiceFigures | null => {
    if (!services.seen) return null
    return {
      kinds: [...services.kinds].map(([kind, a]) => ({ kind, name: serviceNames.get(kind) ?? { zh: kind, en: kind }, ...a })),
      unmet: services.unmet,
      subregions: [...services.subs]
        .map(([code, x]) => ({ code, ...x }))
        .sort((a, b) => b.unmet - a.unmet || (a.code < b.code ? -1 : 1))
        .slice(0, 10)
    }
  }

  const finish = (more: Partial<Pick<BuildOptions, "referrals" | "source" | "failed">> = {}): ReportData => {
    flush()
    const riskLevels = new Map<string, { id: string; name: { zh: string; en: string } }>()
    for (const l of registry.policies) {
      if (!policies.has(l.key)) continue
      for (const r of l.riskLevels) if (!riskLevels.has(r.id)) riskLevels.set(r.id, { id: r.id, name: r.name })
    }
    const regionNames: Record<string, string> = {}
    for (const code of [region, ...subs.keys(), ...vills.keys()]) {
      const name = options.regionNames?.[code] ?? Divisions.name(code)
      if (name !== undefined) regionNames[code] = name
    }
    const source = more.source ?? options.source
    if (source === undefined) throw new Error("ReportData.builder: the report's source is missing")
    return {
      region,
      regionName: regionNames[region] ?? null,
      asOf,
      summary,
      riskLevels: [...riskLevels.values()],
      subregions: [...subs.entries()].map(toRow).sort((a, b) => (a.code < b.code ? -1 : 1)),
      villages: [...vills.entries()]
        .map(toRow)
        .filter((v) => v.leftBehind > 0)
        .sort((a, b) => b.visitsOverdue - a.visitsOverdue || b.leftBehind - a.leftBehind || (a.code < b.code ? -1 : 1))
        .slice(0, 15),
      visitsDone: { days30, days90, days365, eldersVisited365: visited },
      assessmentsDueSoon: dueSoon,
      referrals: more.referrals ?? options.referrals ?? [],
      responsibility: resp.seen ? { needVisitor: resp.needVisitor, visitorMissing: resp.visitorMissing, needPairing: resp.needPairing, pairingMissing: resp.pairingMissing, pairingUnknown: resp.pairingUnknown, visits365: resp.visits365, attributed365: resp.attributed365 } : null,
      recheck: recheckFigures(),
      services: serviceFigures(),
      policies: [...policies.values()].sort((a, b) => b.elders - a.elders),
      regionNames,
      source,
      failed: more.failed ?? options.failed ?? 0,
      sampleFigures: Object.entries(samples).map(([id, elders]) => ({ id, elders })).sort((a, b) => (a.id < b.id ? -1 : 1))
    }
  }
  return { add, finish }
}

/** Computes the report's figures from rows already in memory (the same figures as {@link builder} fed the rows in order). */
export const build = (rows: Iterable<Row>, options: BuildOptions): ReportData => {
  const b = builder(options)
  for (const r of rows) b.add(r)
  return b.finish()
}
