/**
 * Writing ledgers: the empty template counties fill in, and an export of case files back to
 * the same layout (ID numbers and phone numbers masked unless asked otherwise).
 *
 * @since 0.1.0
 */
import ExcelJS from "exceljs"
import { type CaseFile, Mask } from "@liushou/core"
import * as Columns from "./Columns.js"
import type { Column } from "./Columns.js"

const HEADER_FILL: ExcelJS.Fill = { type: "pattern", pattern: "solid", fgColor: { argb: "FF1F4E79" } }
const REQUIRED_FILL: ExcelJS.Fill = { type: "pattern", pattern: "solid", fgColor: { argb: "FF9C2A2A" } }
const EXAMPLE_FILL: ExcelJS.Fill = { type: "pattern", pattern: "solid", fgColor: { argb: "FFFFF2CC" } }

const styleHeader = (ws: ExcelJS.Worksheet, required: ReadonlyArray<boolean>): void => {
  const row = ws.getRow(1)
  row.height = 22
  row.eachCell((cell, i) => {
    cell.font = { bold: true, color: { argb: "FFFFFFFF" } }
    cell.fill = required[i - 1] === true ? REQUIRED_FILL : HEADER_FILL
    cell.alignment = { vertical: "middle", horizontal: "center" }
  })
  ws.views = [{ state: "frozen", ySplit: 1 }]
}

const elderHeaders = (supporters: number): Array<{ header: string; column: Column; n?: number }> => [
  ...Columns.ELDER_COLUMNS.filter((c) => c.key !== "village").map((column) => ({ header: column.header, column })),
  ...Array.from({ length: supporters }, (_, i) =>
    Columns.SUPPORTER_COLUMNS.slice(1).map((column) => ({ header: Columns.wideHeader(i + 1, column), column, n: i + 1 }))
  ).flat()
]

const TEXT_COLUMNS = new Set(["idNumber", "phone", "regionCode", "carerPhone", "id", "supporterId"])

const addElderSheet = (wb: ExcelJS.Workbook, supporters: number): { ws: ExcelJS.Worksheet; headers: ReturnType<typeof elderHeaders> } => {
  const ws = wb.addWorksheet(Columns.SHEETS.elders)
  const headers = elderHeaders(supporters)
  ws.columns = headers.map((h) => ({
    header: h.header,
    key: h.n === undefined ? h.column.key : `s${h.n}.${h.column.key}`,
    width: Math.max(10, h.header.length * 2 + 4, h.column.key === "idNumber" ? 22 : 0),
    // text format keeps ID numbers, phones and codes from turning into numbers
    style: TEXT_COLUMNS.has(h.column.key) ? { numFmt: "@" } : {}
  }))
  styleHeader(ws, headers.map((h) => h.n === undefined && h.column.required))
  return { ws, headers }
}

const EXAMPLE_SUPPORTERS: ReadonlyArray<Record<string, string>> = [
  { supporterId: "示例-0001-1", name: "李明", relation: "儿子", whereabouts: "县外务工", awaySince: "2017-02-10", reported: "是", lastContact: "2021-02-12", phone: "13900000000" },
  { supporterId: "示例-0001-2", name: "李芳", relation: "女儿", whereabouts: "县外务工", awaySince: "2016-03-01", reported: "否", lastContact: "", phone: "" }
]

/**
 * Writes the empty ledger template: the elder sheet (headers, required ones in red, and one
 * filled example row whose 编号 starts with 示例 and is skipped on import), an empty supporter
 * sheet, visit and assessment sheets, a village-code sheet, and a sheet explaining each column
 * in Chinese and English.
 *
 * @category constructors
 * @since 0.1.0
 */
/** Writes the template as .xlsx (every sheet, with the instructions) or, for a path ending in .csv, the elder sheet as CSV. */
export const writeTemplate = async (path: string): Promise<void> => {
  const wb = new ExcelJS.Workbook()
  wb.creator = "liushou"
  const { ws, headers } = addElderSheet(wb, Columns.WIDE_SUPPORTERS)
  const example: Record<string, string> = {}
  for (const h of headers) {
    if (h.n === undefined) example[h.column.key] = h.column.key === "id" ? "示例-0001" : h.column.example
    else {
      const s = EXAMPLE_SUPPORTERS[h.n - 1]
      if (s !== undefined) example[`s${h.n}.${h.column.key}`] = s[h.column.key] ?? ""
    }
  }
  const row = ws.addRow(example)
  row.eachCell((c) => (c.fill = EXAMPLE_FILL))

  const linkedSheet = (name: string, columns: ReadonlyArray<Column>): void => {
    const s = wb.addWorksheet(name)
    s.columns = columns.map((c) => ({ header: c.header, key: c.key, width: Math.max(12, c.header.length * 2 + 4), style: c.key === "elderRef" || c.key === "phone" ? { numFmt: "@" } : {} }))
    styleHeader(s, columns.map((c) => c.required))
  }
  linkedSheet(Columns.SHEETS.supporters, Columns.SUPPORTER_COLUMNS)
  linkedSheet(Columns.SHEETS.visits, Columns.VISIT_COLUMNS)
  linkedSheet(Columns.SHEETS.assessments, Columns.ASSESSMENT_COLUMNS)
  const regions = wb.addWorksheet(Columns.SHEETS.regions)
  regions.columns = [
    { header: "村", key: "name", width: 16 },
    { header: "区划代码", key: "code", width: 18, style: { numFmt: "@" } }
  ]
  styleHeader(regions, [false, false])
  regions.addRow({ name: "安沙村", code: "430121101201" })

  const help = wb.addWorksheet(Columns.SHEETS.help)
  help.columns = [
    { header: "工作表 sheet", key: "sheet", width: 14 },
    { header: "列名 column", key: "header", width: 18 },
    { header: "English", key: "en", width: 22 },
    { header: "必填 required", key: "required", width: 12 },
    { header: "说明", key: "zh", width: 60 },
    { header: "Explanation", key: "help", width: 70 },
    { header: "示例 example", key: "example", width: 20 },
    { header: "可填写的值 allowed values", key: "allowed", width: 60 }
  ]
  styleHeader(help, [])
  const helpRow = (sheet: string, c: Column, header = c.header): void => {
    const r = help.addRow({
      sheet,
      header,
      en: c.en,
      required: c.required ? "是 yes" : "",
      zh: c.help.zh,
      help: c.help.en,
      example: c.example,
      allowed: c.kind === undefined ? "" : Columns.allowed(c.kind).join("、")
    })
    r.alignment = { wrapText: true, vertical: "top" }
  }
  for (const c of Columns.ELDER_COLUMNS) helpRow(Columns.SHEETS.elders, c)
  for (const c of Columns.SUPPORTER_COLUMNS.slice(1)) helpRow(Columns.SHEETS.elders, c, `子女N${c.header}`)
  for (const c of Columns.SUPPORTER_COLUMNS) helpRow(Columns.SHEETS.supporters, c)
  for (const c of Columns.VISIT_COLUMNS) helpRow(Columns.SHEETS.visits, c)
  for (const c of Columns.ASSESSMENT_COLUMNS) helpRow(Columns.SHEETS.assessments, c)
  const notes: ReadonlyArray<readonly [string, string]> = [
    ["子女可以写在“老年人”表同一行（子女1…、子女2…，可按需增加列），也可以写在“赡养人”表，用“老人编号”关联。", "Supporters go on the elder's row (子女1..., 子女2..., add columns as needed) or in the 赡养人 sheet, linked by 老人编号 (elder id)."],
    ["日期可写作 1959-01-01、1959/1/1、1959年1月1日，或 Excel 日期格式；不接受两位年份。", "Dates may be 1959-01-01, 1959/1/1, 1959年1月1日 or Excel dates; two-digit years are refused."],
    ["身份证号、电话请用文本格式，否则 Excel 会丢失末位数字。全角数字和多余空格会自动更正。", "Enter ID numbers and phones as text, or Excel drops the last digits. Full-width digits and stray spaces are corrected."],
    ["编号以“示例”开头的行是示例，导入时跳过。", "Rows whose 编号 starts with 示例 are examples and are skipped on import."]
  ]
  help.addRow({})
  for (const [zh, en] of notes) help.addRow({ sheet: "说明 note", zh, help: en }).alignment = { wrapText: true, vertical: "top" }
  if (path.toLowerCase().endsWith(".csv")) {
    // a CSV file holds one sheet: the elders, supporters on the same row; UTF-8 with BOM so Excel reads the Chinese headers
    await wb.csv.writeFile(path, { sheetName: Columns.SHEETS.elders, formatterOptions: { writeBOM: true } })
  } else await wb.xlsx.writeFile(path)
}

/**
 * Writes case files as a ledger in the template's layout, with every visit and assessment in
 * their own sheets. ID numbers and phone numbers are masked unless `unmasked` is set (a masked
 * export cannot be imported again).
 *
 * @category constructors
 * @since 0.1.0
 */
export const writeLedger = async (path: string, cases: Iterable<CaseFile.CaseFile>, options: { readonly unmasked?: boolean } = {}): Promise<number> => {
  const list = [...cases]
  const unmasked = options.unmasked === true
  const id = (s: string | undefined): string => (s === undefined ? "" : unmasked ? s : Mask.idNumber(s))
  const phone = (s: string | undefined): string => (s === undefined ? "" : unmasked ? s : Mask.phone(s))
  const maxSupporters = Math.max(1, ...list.map((c) => c.supporters.length))
  const wb = new ExcelJS.Workbook()
  wb.creator = "liushou"
  const { ws } = addElderSheet(wb, maxSupporters)
  const visits = wb.addWorksheet(Columns.SHEETS.visits)
  visits.columns = Columns.VISIT_COLUMNS.map((c) => ({ header: c.header, key: c.key, width: 14 }))
  styleHeader(visits, Columns.VISIT_COLUMNS.map((c) => c.required))
  const assessments = wb.addWorksheet(Columns.SHEETS.assessments)
  assessments.columns = Columns.ASSESSMENT_COLUMNS.map((c) => ({ header: c.header, key: c.key, width: 14 }))
  styleHeader(assessments, Columns.ASSESSMENT_COLUMNS.map((c) => c.required))
  const L = Columns.labelOf
  for (const cf of list) {
    const e = cf.elder
    const row: Record<string, string | number> = {
      id: e.id,
      name: e.name,
      idNumber: id(e.idNumber),
      sex: L("sex", e.sex),
      birthDate: e.birthDate,
      regionCode: e.regionCode,
      rural: e.rural ? "是" : "否",
      livingArrangement: L("livingArrangement", e.livingArrangement),
      ability: L("ability", e.ability),
      seriousIllness: e.seriousIllness ? "是" : "否",
      disabilityGrade: e.disabilityGrade ?? "",
      annualIncome: e.annualIncome,
      incomeSources: e.incomeSources.map((x) => L("incomeSources", x)).join("、"),
      receiving: e.receiving.map((x) => L("receiving", x)).join("、"),
      phone: phone(e.phone),
      housingSafety: e.housingSafety === undefined ? "" : L("housingSafety", e.housingSafety),
      categories: (e.categories ?? []).map((x) => L("categories", x)).join("、")
    }
    if (cf.delegatedCarer !== null) {
      row.carerName = cf.delegatedCarer.name
      row.carerRelation = cf.delegatedCarer.relation
      row.carerSince = cf.delegatedCarer.since
      row.carerPhone = phone(cf.delegatedCarer.phone)
    }
    cf.supporters.forEach((s, i) => {
      const p = `s${i + 1}.`
      row[p + "supporterId"] = s.id
      row[p + "name"] = s.name ?? ""
      row[p + "relation"] = L("relation", s.relation)
      row[p + "whereabouts"] = L("whereabouts", s.whereabouts)
      row[p + "awaySince"] = s.awaySince ?? ""
      row[p + "reported"] = s.reportedToVillage ? "是" : "否"
      row[p + "lastContact"] = s.lastContact ?? ""
      row[p + "phone"] = phone(s.phone)
    })
    ws.addRow(row)
    for (const v of cf.visits) visits.addRow({ elderRef: e.id, date: v.date, mode: L("visitMode", v.mode), by: L("visitor", v.by), concerns: v.concerns.map((c) => L("concerns", c)).join("、") })
    for (const a of cf.riskAssessments) assessments.addRow({ elderRef: e.id, date: a.date, level: a.level })
  }
  await wb.xlsx.writeFile(path)
  return list.length
}
