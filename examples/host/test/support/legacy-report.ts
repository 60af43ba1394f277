/**
 * The report's figures as they were computed before the report read the ledger as a stream:
 * the whole region's rows in one array, several passes. Kept as the oracle the streamed
 * builder (`ReportData.builder`) is checked against.
 */
import { Assignment, CalendarDate, type CaseFile, Divisions, type Evaluation, type Loader, Membership, Recheck, RegionCode, Summary } from "@liushou/core"
import type { RecheckFigures, ReferralRow, ReportData, ServiceFigures, SubregionRow } from "../../src/report/ReportData.js"

const inc = (m: Record<string, number>, k: string, by = 1): void => {
  m[k] = (m[k] ?? 0) + by
}

/** Computes the report's figures. */
export const legacyBuild = (
  rowsIn: ReadonlyArray<{ readonly caseFile: CaseFile.CaseFile; readonly evaluation: Evaluation.Evaluation }>,
  options: {
    readonly region: string
    readonly asOf: CalendarDate.CalendarDate
    readonly registry: Loader.Registry
    readonly referrals?: ReadonlyArray<ReferralRow>
    readonly regionNames?: Readonly<Record<string, string>>
    readonly source: { readonly zh: string; readonly en: string }
    readonly failed?: number
  }
): ReportData => {
  const { region, asOf } = options
  // elders out of the active ledger at the date are counted in section 8 only
  const all = rowsIn
  const rows = all.filter((r) => r.evaluation.upkeep?.status !== "exited")
  const summary = Summary.summarize(rows, { region, asOf })
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
  for (const { caseFile, evaluation } of rows) {
    const code = caseFile.elder.regionCode
    if (!RegionCode.contains(region, code)) continue
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
    if (evaluation.leftBehind.value !== true) continue
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
  const riskLevels = new Map<string, { id: string; name: { zh: string; en: string } }>()
  for (const l of options.registry.policies) {
    if (!policies.has(l.key)) continue
    for (const r of l.riskLevels) if (!riskLevels.has(r.id)) riskLevels.set(r.id, { id: r.id, name: r.name })
  }
  const regionNames: Record<string, string> = {}
  for (const code of [region, ...subs.keys(), ...vills.keys()]) {
    const name = options.regionNames?.[code] ?? Divisions.name(code)
    if (name !== undefined) regionNames[code] = name
  }
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
    referrals: options.referrals ?? [],
    responsibility: resp.seen ? { needVisitor: resp.needVisitor, visitorMissing: resp.visitorMissing, needPairing: resp.needPairing, pairingMissing: resp.pairingMissing, pairingUnknown: resp.pairingUnknown, visits365: resp.visits365, attributed365: resp.attributed365 } : null,
    recheck: recheckFigures(all, region, asOf, options.registry),
    services: serviceFigures(rows, region, subLength, options.registry),
    policies: [...policies.values()].sort((a, b) => b.elders - a.elders),
    regionNames,
    source: options.source,
    failed: options.failed ?? 0,
    sampleFigures: Object.entries(samples).map(([id, elders]) => ({ id, elders })).sort((a, b) => (a.id < b.id ? -1 : 1))
  }
}

const recheckFigures = (
  rows: ReadonlyArray<{ readonly caseFile: CaseFile.CaseFile; readonly evaluation: Evaluation.Evaluation }>,
  region: string,
  asOf: CalendarDate.CalendarDate,
  registry: Loader.Registry
): RecheckFigures | null => {
  if (!rows.some((r) => r.evaluation.upkeep !== undefined)) return null
  const from = CalendarDate.addDays(asOf, -364)
  const entries365: Record<string, number> = {}
  const exits365: Record<string, number> = {}
  let exited = 0
  for (const r of rows) {
    if (!RegionCode.contains(region, r.caseFile.elder.regionCode)) continue
    if (r.evaluation.upkeep?.status === "exited") exited++
    for (const e of Membership.between(r.caseFile, from, asOf)) inc(e.event === "exited" ? exits365 : entries365, e.reason)
  }
  const reasonNames: Record<string, { zh: string; en: string }> = {}
  for (const p of registry.policies) for (const t of p.vocabularies.ledgerReasons ?? []) reasonNames[t.id] = t.name
  const villages = Recheck.worklist(
    rows.map((r) => r.evaluation),
    region
  )
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
    exited,
    entries365,
    exits365,
    reasonNames
  }
}

/** Care services received against needed, per kind, and the subregions with the most unmet needs. */
const serviceFigures = (
  rows: ReadonlyArray<{ readonly caseFile: CaseFile.CaseFile; readonly evaluation: Evaluation.Evaluation }>,
  region: string,
  subLength: number,
  registry: Loader.Registry
): ServiceFigures | null => {
  if (!rows.some((r) => r.evaluation.services !== undefined)) return null
  const names = new Map<string, { zh: string; en: string }>()
  for (const p of registry.policies) for (const t of p.vocabularies.serviceKinds ?? []) if (!names.has(t.id)) names.set(t.id, t.name)
  const acc = new Map<string, { needed: number; received: number; missing: number; unknown: number }>()
  for (const id of names.keys()) acc.set(id, { needed: 0, received: 0, missing: 0, unknown: 0 })
  const subs = new Map<string, { elders: number; unmet: number }>()
  let unmet = 0
  for (const r of rows) {
    const s = r.evaluation.services
    if (s === undefined || s.status === "not-applicable" || !RegionCode.contains(region, r.caseFile.elder.regionCode)) continue
    const code = r.caseFile.elder.regionCode.slice(0, subLength)
    const sub = subs.get(code) ?? { elders: 0, unmet: 0 }
    sub.elders++
    if (s.status === "unmet") {
      unmet++
      sub.unmet++
    }
    subs.set(code, sub)
    for (const n of s.needs) {
      let a = acc.get(n.kind)
      if (a === undefined) acc.set(n.kind, (a = { needed: 0, received: 0, missing: 0, unknown: 0 }))
      if (n.needed === true) {
        a.needed++
        if (n.status === "received") a.received++
        else a.missing++
      } else if (n.needed === null) a.unknown++
    }
  }
  return {
    kinds: [...acc].map(([kind, a]) => ({ kind, name: names.get(kind) ?? { zh: kind, en: kind }, ...a })),
    unmet,
    subregions: [...subs]
      .map(([code, x]) => ({ code, ...x }))
      .sort((a, b) => b.unmet - a.unmet || (a.code < b.code ? -1 : 1))
      .slice(0, 10)
  }
}
