/**
 * The agreement check run before timing: the hand-written baseline and the Hunan plugin must
 * give the same values and the same reason codes for every case of a sample, or the ratio
 * between them means nothing.
 */
import type { CaseFile, Evaluation } from "@liushou/core"
import type { HandResult } from "../baseline/hunan-handwritten.js"

const codes = (rs: ReadonlyArray<{ readonly code: string }>): ReadonlyArray<string> => rs.map((r) => r.code)

/** the plugin's evaluation projected onto the baseline's shape (values and reason codes) */
export const project = (ev: Evaluation.Evaluation): HandResult => ({
  leftBehind: ev.leftBehind.value,
  leftBehindCodes: codes(ev.leftBehind.reasons),
  priority: ev.priority.value,
  priorityCodes: codes(ev.priority.reasons),
  duties: ev.duties.map((d) => ({ duty: d.duty, supporterId: d.supporterId, status: d.status, codes: codes(d.reasons) })),
  followUp: { step: ev.followUp!.step, reportToTownship: ev.followUp!.reportToTownship, codes: codes(ev.followUp!.reasons) },
  risk: {
    level: ev.risk!.level,
    codes: codes(ev.risk!.reasons),
    lastAssessed: ev.risk!.lastAssessed,
    nextAssessmentDue: ev.risk!.nextAssessmentDue,
    assessmentOverdue: ev.risk!.assessmentOverdue
  },
  visits: {
    intervalDays: ev.visits!.intervalDays,
    lastVisit: ev.visits!.lastVisit,
    nextDue: ev.visits!.nextDue,
    overdue: ev.visits!.overdue,
    window: ev.visits!.window,
    extraVisitDue: ev.visits!.extraVisitDue,
    codes: codes(ev.visits!.reasons)
  },
  eligibility: ev.eligibility!.map((d) => ({ program: d.program, status: d.status, codes: codes(d.reasons), missing: d.missing })),
  referrals: ev.referrals!.map((r) => ({ to: r.to, trigger: r.trigger, deadlineDays: r.deadlineDays, codes: codes(r.reasons) }))
})

/** the first path where two plain values differ, or undefined */
export const firstDifference = (a: unknown, b: unknown, path = ""): string | undefined => {
  if (a === b) return undefined
  if (typeof a !== "object" || typeof b !== "object" || a === null || b === null) return `${path || "(root)"}: plugin ${JSON.stringify(a)} vs baseline ${JSON.stringify(b)}`
  if (Array.isArray(a) !== Array.isArray(b)) return `${path}: array vs object`
  const keys = new Set([...Object.keys(a), ...Object.keys(b)])
  for (const k of keys) {
    const d = firstDifference((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k], Array.isArray(a) ? `${path}[${k}]` : path ? `${path}.${k}` : k)
    if (d !== undefined) return d
  }
  return undefined
}

/** the outcome of a check */
export interface Agreement {
  readonly checked: number
  readonly agreed: number
  readonly rate: number
  /** the first disagreements (elder id and the first differing path) */
  readonly examples: ReadonlyArray<{ readonly elderId: string; readonly difference: string }>
  /** disagreements counted by the part of the result that differs */
  readonly byPart: Readonly<Record<string, number>>
}

/** compares the plugin and the baseline on every case */
export const agreement = (cases: ReadonlyArray<CaseFile.CaseFile>, plugin: (cf: CaseFile.CaseFile) => Evaluation.Evaluation, baseline: (cf: CaseFile.CaseFile) => HandResult): Agreement => {
  let agreed = 0
  const examples: Array<{ elderId: string; difference: string }> = []
  const byPart: Record<string, number> = {}
  for (const cf of cases) {
    const d = firstDifference(project(plugin(cf)), baseline(cf))
    if (d === undefined) agreed++
    else {
      const part = d.split(/[.[:]/)[0]!
      byPart[part] = (byPart[part] ?? 0) + 1
      if (examples.length < 5) examples.push({ elderId: cf.elder.id, difference: d })
    }
  }
  return { checked: cases.length, agreed, rate: cases.length === 0 ? 1 : agreed / cases.length, examples, byPart }
}
