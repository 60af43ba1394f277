/**
 * Recorded risk grades of a county ledger checked against the governing plugin's levels: a grade
 * written as a level's name (中风险, 中风险（重点关爱对象）, "medium") becomes its id and counts as normalised; any
 * other value is an error on that row, so the row is not imported (the engine would refuse the
 * elder at every assessment otherwise).
 */
import { type CaseFile, type Loader, Selection } from "@liushou/core"
import type { LedgerIssue, LedgerRead, LedgerRecord } from "./Read.js"

const norm = (s: string): string => s.trim().toLowerCase().replace(/\s+/g, " ")
/** A level's name without its explanation in brackets: 中风险（重点关爱对象） → 中风险. */
const short = (s: string): string => norm(s.replace(/[（(].*$/, ""))

/** The ledger read with each recorded risk level checked against the plugin governing the elder on the assessment's date. */
export const checkRiskLevels = (read: LedgerRead, registry: Loader.Registry): LedgerRead => {
  const errors: Array<LedgerIssue> = [...read.errors]
  let normalized = read.normalized
  /** the case file with its levels as ids, or the issues of the levels the plugin does not have */
  const check = (cf: CaseFile.CaseFile, source: { readonly sheet: string; readonly row: number }): CaseFile.CaseFile | ReadonlyArray<LedgerIssue> => {
    const issues: Array<LedgerIssue> = []
    const riskAssessments = cf.riskAssessments.map((ra, j) => {
      const policy = Selection.select(registry, cf.elder.regionCode, ra.date).policy
      if (policy === undefined || policy.riskLevels.length === 0) return ra
      const levels = policy.riskLevels
      if (levels.some((l) => l.id === ra.level)) return ra
      const v = norm(ra.level)
      const byName = levels.find((l) => [l.id, l.name.zh, l.name.en].some((n) => norm(n) === v || short(n) === v))
      if (byName !== undefined) {
        normalized++
        return { ...ra, level: byName.id }
      }
      const list = { zh: levels.map((l) => `${l.id}（${l.name.zh}）`).join("、"), en: levels.map((l) => `${l.id} (${l.name.en})`).join(", ") }
      const found = JSON.stringify(ra.level.length > 40 ? ra.level.slice(0, 37) + "..." : ra.level)
      const expected = { zh: `${policy.key} 的风险等级 ${list.zh} 之一`, en: `a risk level of ${policy.key}, one of ${list.en}` }
      issues.push({
        _tag: "LedgerIssue",
        severity: "error",
        sheet: source.sheet,
        row: source.row,
        column: "风险等级",
        field: `riskAssessments[${j}].level`,
        found,
        expected,
        message: {
          zh: `工作表“${source.sheet}”第${source.row}行“风险等级”列（${ra.date} 的评估）：应为${expected.zh}，实际为 ${found}`,
          en: `sheet "${source.sheet}" row ${source.row} column "风险等级" (riskAssessments[${j}].level, the assessment of ${ra.date}): expected ${expected.en}, found ${found}`
        }
      })
      return ra
    })
    if (issues.length > 0) return issues
    return riskAssessments.every((ra, j) => ra === cf.riskAssessments[j]) ? cf : { ...cf, riskAssessments }
  }
  const cases: Array<CaseFile.CaseFile> = []
  const sources: Array<{ readonly sheet: string; readonly row: number }> = []
  const checked = new Map<CaseFile.CaseFile, CaseFile.CaseFile | ReadonlyArray<LedgerIssue>>()
  read.cases.forEach((cf, i) => {
    const source = read.sources[i] ?? { sheet: "", row: 0 }
    const r = check(cf, source)
    checked.set(cf, r)
    if (Array.isArray(r)) errors.push(...(r as ReadonlyArray<LedgerIssue>))
    else {
      cases.push(r as CaseFile.CaseFile)
      sources.push(source)
    }
  })
  // the records the importer stores: a row with an unknown level is kept as a rejected record with its issue
  const records: Array<LedgerRecord> = read.records.map((rec) => {
    if (rec._tag !== "case") return rec
    const r = checked.get(rec.caseFile) ?? check(rec.caseFile, rec)
    if (!Array.isArray(r)) return { ...rec, caseFile: r as CaseFile.CaseFile }
    return { _tag: "rejected", sheet: rec.sheet, row: rec.row, elderId: rec.caseFile.elder.id, raw: JSON.stringify(rec.caseFile), issues: r as ReadonlyArray<LedgerIssue> }
  })
  return { ...read, cases, sources, records, errors, normalized }
}
