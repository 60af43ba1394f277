/**
 * Reading county ledgers (.xlsx, .csv) into case files, with row-level errors that name the
 * sheet, the row and the column, in Chinese and English. Personal data in messages is masked.
 *
 * Layouts accepted: one sheet of elders with numbered supporter columns (子女1姓名, 子女1去向,
 * ...), or a sheet of elders plus a sheet of supporters (赡养人) linked by 老人编号; optional
 * sheets of visits (探访记录), risk assessments (风险评估) and village codes (区划代码表).
 *
 * @since 0.1.0
 */
import { createHash } from "node:crypto"
import { readFile } from "node:fs/promises"
import { basename, extname } from "node:path"
import { parse as parseCsv } from "csv-parse/sync"
import ExcelJS from "exceljs"
import { type CaseFile, Decode, type Decision, IdNumber, Mask } from "@liushou/core"
import * as Columns from "./Columns.js"
import type { Column } from "./Columns.js"
import * as N from "./Normalize.js"

/**
 * A problem with one cell or row of a ledger.
 *
 * @category errors
 * @since 0.1.0
 */
export interface LedgerIssue {
  readonly _tag: "LedgerIssue"
  readonly severity: "error" | "warning"
  readonly sheet: string
  /** 1-based row number as the spreadsheet shows it (0 for the file or sheet as a whole) */
  readonly row: number
  /** the header as written in the file, or null for the row as a whole */
  readonly column: string | null
  /** the case-file path the cell fills, when known */
  readonly field: string | null
  /** the value found, masked when personal */
  readonly found: string
  /** what the cell should hold */
  readonly expected: Decision.Text
  readonly message: Decision.Text
}

/**
 * One row of a ledger as it goes to the importer, in the order of the file: the case file of a
 * good elder row, or a rejected row (a bad elder row with the problems of its own and of its
 * linked rows, or a linked row naming no elder of the file) with its cells as found.
 *
 * @category models
 * @since 0.2.0
 */
export type LedgerRecord =
  | { readonly _tag: "case"; readonly sheet: string; readonly row: number; readonly caseFile: CaseFile.CaseFile }
  | {
      readonly _tag: "rejected"
      readonly sheet: string
      readonly row: number
      /** the elder's ledger id when the row gives one, as written (may be personal: mask before printing) */
      readonly elderId: string | null
      /** the row's cells by header, and its linked rows' (JSON), for fixing and re-importing */
      readonly raw: string
      readonly issues: ReadonlyArray<LedgerIssue>
    }

/**
 * What reading a ledger file gives: the case files of the good rows (each with where it came
 * from), the problems of the bad ones, and how many cells were normalised.
 *
 * @category models
 * @since 0.1.0
 */
export interface LedgerRead {
  readonly cases: ReadonlyArray<CaseFile.CaseFile>
  readonly sources: ReadonlyArray<{ readonly sheet: string; readonly row: number }>
  /** every data row (good and rejected) in file order: what an import stores, rejected rows included */
  readonly records: ReadonlyArray<LedgerRecord>
  readonly errors: ReadonlyArray<LedgerIssue>
  readonly warnings: ReadonlyArray<LedgerIssue>
  /** cells whose value was normalised (full-width digits, text numbers, date forms) */
  readonly normalized: number
  /** elder rows read (good and bad) */
  readonly rows: number
}

interface Sheet {
  readonly name: string
  /** hidden or very hidden in the workbook: never read, always named in a warning */
  readonly hidden: boolean
  /** the workbook counts dates from 1904 (Excel for Mac before 2011) */
  readonly date1904: boolean
  readonly rows: ReadonlyArray<{ readonly number: number; readonly hidden: boolean; readonly cells: ReadonlyArray<unknown> }>
  /** ranges of merged cells spanning several rows (their value is read in each row) */
  readonly mergedDown: ReadonlyArray<string>
  /** 0-based indexes of hidden columns */
  readonly hiddenColumns: ReadonlyArray<number>
}

const PERSONAL_FIELDS = /(name|idNumber|phone)$/

const maskFound = (field: string | null, v: unknown): string => {
  const s = N.cellText(v)
  if (s === "") return "(空 empty)"
  if (N.isBadCell(v)) return Decode.printable(s)
  if (field !== null && PERSONAL_FIELDS.test(field)) {
    return Decode.escapeControl(Mask.value(field.endsWith("idNumber") ? "idNumber" : field.endsWith("phone") ? "phone" : "name", s))
  }
  // a value of unknown meaning (an elder reference may be an ID number): long digit runs masked
  return Decode.printable(s.length > 40 ? s.slice(0, 37) + "..." : s)
}

export const issue = (
  severity: "error" | "warning",
  sheet: string,
  row: number,
  column: string | null,
  field: string | null,
  found: string,
  expected: Decision.Text
): LedgerIssue => {
  const [sheetShown, columnShown] = [Decode.printable(sheet), column === null ? null : Decode.printable(column)]
  const whereZh = `工作表“${sheetShown}”第${row}行${columnShown !== null ? `“${columnShown}”列` : ""}`
  const whereEn = `sheet "${sheetShown}" row ${row}${columnShown !== null ? ` column "${columnShown}"` : ""}`
  return {
    _tag: "LedgerIssue",
    severity,
    sheet,
    row,
    column,
    field,
    found,
    expected,
    message: { zh: `${whereZh}：应为${expected.zh}，实际为 ${found}`, en: `${whereEn}${column !== null ? ` (${field ?? "?"})` : ""}: expected ${expected.en}, found ${found}` }
  }
}

/**
 * Formats a ledger issue on one line.
 *
 * @category errors
 * @since 0.1.0
 */
export const formatIssue = (i: LedgerIssue, lang: "zh" | "en" = "zh"): string => i.message[lang]

const decodeText = (buf: Buffer): string => {
  const bytes = buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf ? buf.subarray(3) : buf
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(bytes)
  } catch {
    // Excel on Chinese Windows saves CSV in GB18030 (GBK)
    return new TextDecoder("gb18030").decode(bytes)
  }
}

const readSheets = async (path: string): Promise<ReadonlyArray<Sheet>> => {
  const ext = extname(path).toLowerCase()
  if (ext === ".csv" || ext === ".txt") {
    const text = decodeText(await readFile(path))
    const records = parseCsv(text, { relax_column_count: true, skip_empty_lines: false, bom: true }) as Array<Array<string>>
    // an Excel error saved into the CSV (#N/A, #VALUE!, ...) is a bad cell, not text
    return [{ name: basename(path), hidden: false, date1904: false, mergedDown: [], hiddenColumns: [], rows: records.map((cells, i) => ({ number: i + 1, hidden: false, cells: cells.map(N.cellValue) })) }]
  }
  if (ext === ".xlsx" || ext === ".xlsm") {
    const wb = new ExcelJS.Workbook()
    await wb.xlsx.readFile(path)
    const date1904 = (wb.properties as { date1904?: boolean } | undefined)?.date1904 === true
    const sheets: Array<Sheet> = []
    wb.eachSheet((ws) => {
      // cells a merge across columns covers (other than its first) are bad cells: which column
      // the one value belongs to is a guess. A merge down a column gives its value to each row.
      const across = new Map<string, string>()
      const mergedDown: Array<string> = []
      for (const range of ((ws.model as { merges?: ReadonlyArray<string> }).merges ?? [])) {
        const m = /^([A-Z]+)(\d+):([A-Z]+)(\d+)$/.exec(range)
        if (m === null) continue
        const [c1, r1, c2, r2] = [columnIndex(m[1]!), Number(m[2]), columnIndex(m[3]!), Number(m[4])]
        if (r2 > r1) mergedDown.push(range)
        for (let r = r1; r <= r2; r++) for (let c = c1 + 1; c <= c2; c++) across.set(`${r}:${c}`, range)
      }
      const hiddenColumns: Array<number> = []
      for (let c = 1; c <= ws.columnCount; c++) if (ws.getColumn(c).hidden === true) hiddenColumns.push(c - 1)
      const rows: Array<{ number: number; hidden: boolean; cells: Array<unknown> }> = []
      ws.eachRow({ includeEmpty: false }, (row) => {
        const values = (row.values as Array<unknown>).slice(1)
        const cells: Array<unknown> = []
        for (let i = 0; i < values.length; i++) {
          const range = across.get(`${row.number}:${i + 1}`)
          cells.push(range !== undefined ? ({ _tag: "BadCell", kind: "merged-across", shown: `(合并单元格 merged ${range})` } satisfies N.BadCell) : N.cellValue(values[i]))
        }
        rows.push({ number: row.number, hidden: row.hidden === true, cells })
      })
      sheets.push({ name: ws.name, hidden: ws.state !== undefined && ws.state !== "visible", date1904, rows, mergedDown, hiddenColumns })
    })
    return sheets
  }
  throw new Error(`unsupported ledger file type ${JSON.stringify(ext)} (expected .xlsx or .csv) / 不支持的台账文件类型`)
}

interface Header {
  readonly row: number
  readonly index: number
  readonly text: string
}

/** Finds the header row (the first of the first 10 rows naming at least two known columns). */
const findHeaderRow = (sheet: Sheet, columns: ReadonlyArray<Column>, wide: boolean): { row: number; headers: ReadonlyArray<Header> } | undefined => {
  for (const r of sheet.rows.slice(0, 10)) {
    const headers = r.cells.map((c, index) => ({ row: r.number, index, text: N.cellText(c) }))
    const known = headers.filter((h) => h.text !== "" && (Columns.findColumn(columns, h.text) !== undefined || (wide && Columns.parseWideHeader(h.text) !== undefined)))
    if (known.length >= 2) return { row: r.number, headers }
  }
  return undefined
}

/** A column letter (A, Z, AA) as a 1-based index. */
const columnIndex = (letters: string): number => [...letters].reduce((n, ch) => n * 26 + (ch.charCodeAt(0) - 64), 0)

/** A 0-based column index as its letter. */
const columnLetter = (index: number): string => {
  let s = ""
  for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s
  return s
}

/** The visible sheet of a kind (a hidden sheet is never read, even when its name fits). */
const sheetOf = (sheets: ReadonlyArray<Sheet>, kind: keyof typeof Columns.SHEETS): Sheet | undefined =>
  sheets.find((s) => !s.hidden && Columns.SHEET_ALIASES[kind].includes(s.name.trim()))

interface Cell {
  readonly value: unknown
  readonly header: string
}

type RowCells = ReadonlyMap<string, Cell>

const rowCells = (cells: ReadonlyArray<unknown>, map: ReadonlyArray<{ index: number; key: string; header: string }>): RowCells => {
  const out = new Map<string, Cell>()
  for (const m of map) {
    const v = cells[m.index]
    if (v === undefined || v === null || (!N.isBadCell(v) && N.cellText(v) === "")) continue
    out.set(m.key, { value: v, header: m.header })
  }
  return out
}

const isBlank = (cells: ReadonlyArray<unknown>): boolean => cells.every((c) => c === null || c === undefined || N.cellText(c) === "")

/** Per-row reader: collects values and issues for one row. */
class RowReader {
  readonly issues: Array<LedgerIssue> = []
  normalized = 0
  constructor(
    readonly sheet: string,
    readonly row: number,
    readonly cells: RowCells,
    readonly columns: ReadonlyArray<Column>,
    readonly prefix = "",
    readonly date1904 = false
  ) {}
  private column(key: string): Column {
    return this.columns.find((c) => c.key === key)!
  }
  header(key: string): string {
    return this.cells.get(key)?.header ?? this.prefix + this.column(key).header
  }
  has(key: string): boolean {
    return this.cells.has(key)
  }
  raw(key: string): unknown {
    return this.cells.get(key)?.value
  }
  fail(key: string, expected: Decision.Text): void {
    const c = this.column(key)
    this.issues.push(issue("error", this.sheet, this.row, this.header(key), c.field, this.has(key) ? maskFound(c.field, this.raw(key)) : "(空 empty)", expected))
  }
  read<A>(key: string, f: (v: unknown) => N.Normalized<A>): A | undefined {
    const cell = this.cells.get(key)
    if (cell === undefined) return undefined
    if (N.isBadCell(cell.value)) {
      this.fail(key, BAD_CELL[cell.value.kind])
      return undefined
    }
    const r = f(cell.value)
    if (!r.ok) {
      this.fail(key, r.error)
      return undefined
    }
    if (r.changed) this.normalized++
    return r.value
  }
  requireText(key: string): string | undefined {
    const v = this.read(key, (x) => ({ ok: true, value: N.cellText(x), changed: false }))
    if (v === undefined && !this.has(key)) this.fail(key, { zh: "非空值（此列必填）", en: "a value (this column is required)" })
    return v
  }
  text(key: string): string | undefined {
    return this.read(key, (x) => ({ ok: true, value: N.cellText(x), changed: false }))
  }
  date(key: string): string | undefined {
    return this.read(key, (v) => N.date(v, this.date1904))
  }
  choice<K extends Columns.LabelKind>(key: string, kind: K, required: boolean): (typeof Columns.LABELS)[K][number][0] | undefined {
    if (!this.has(key)) {
      if (required) this.fail(key, { zh: `以下之一：${Columns.allowed(kind).join("、")}（此列必填）`, en: `one of: ${Columns.allowed(kind).join(", ")} (this column is required)` })
      return undefined
    }
    return this.read(key, (v) => N.choice(v, Columns.lookup[kind], Columns.allowed(kind))) as never
  }
  choices<K extends Columns.LabelKind>(key: string, kind: K): ReadonlyArray<(typeof Columns.LABELS)[K][number][0]> {
    return (this.read(key, (v) => N.choices(v, Columns.lookup[kind], Columns.allowed(kind))) as never) ?? []
  }
}

/** What a bad cell should have held instead. */
const BAD_CELL: Readonly<Record<N.BadCell["kind"], Decision.Text>> = {
  error: { zh: "一个值（单元格是 Excel 错误值，请改正公式或填写数值）", en: "a value (the cell holds an Excel error; fix the formula or type the value)" },
  "formula-without-value": { zh: "一个值（公式没有保存计算结果：请在 Excel 中打开并保存，或填写数值）", en: "a value (the formula was saved without its result: open and save the file in Excel, or type the value)" },
  "merged-across": { zh: "单独的单元格（此格与左侧的列合并，无法确定值属于哪一列：请取消合并）", en: "a cell of its own (it is merged with the column to its left, so which column the value belongs to is unknown: unmerge the cells)" },
  unreadable: { zh: "文字、数字或日期", en: "text, a number or a date" }
}

const GRADE: Readonly<Record<string, 1 | 2 | 3 | 4>> = { "1": 1, "2": 2, "3": 3, "4": 4, 一级: 1, 二级: 2, 三级: 3, 四级: 4, 一: 1, 二: 2, 三: 3, 四: 4 }

const disabilityGrade = (v: unknown): N.Normalized<1 | 2 | 3 | 4 | null> => {
  const s = N.cellText(v).replace(/残疾$/, "")
  if (s === "" || s === "无") return { ok: true, value: null, changed: false }
  const g = GRADE[s]
  return g === undefined ? { ok: false, error: { zh: "残疾等级 1-4（或 一级…四级），无则留空", en: "a disability grade 1-4 (or 一级..四级), empty if none" } } : { ok: true, value: g, changed: false }
}

/**
 * A stable pseudonymous elder id derived from an ID number (used when the ledger has no 编号).
 * It is a pseudonym, not protection: keep ledgers with ID numbers under access control.
 *
 * @category constructors
 * @since 0.1.0
 */
export const derivedElderId = (idNumber: string): string => `sfz-${createHash("sha256").update(idNumber).digest("hex").slice(0, 16)}`

interface Draft {
  readonly sheet: string
  readonly row: number
  /** case-file path prefix → header in the file, for mapping decode errors back to columns */
  readonly columns: Map<string, string>
  caseFile: {
    elder: Record<string, unknown>
    supporters: Array<Record<string, unknown>>
    delegatedCarer: Record<string, unknown> | null
    visits: Array<Record<string, unknown>>
    riskAssessments: Array<Record<string, unknown>>
  }
  failed: boolean
  /** the problems of this row and of its linked rows */
  readonly issues: Array<LedgerIssue>
  /** the row's cells by header, then its linked rows', as found (for rejected_records) */
  readonly raw: { sheet: string; row: number; cells: Record<string, string>; linked: Array<{ sheet: string; row: number; cells: Record<string, string> }> }
}

/** A row's cells by header, as text (bad cells as they show). */
const rawCells = (cells: ReadonlyArray<unknown>, headers: ReadonlyArray<Header>): Record<string, string> => {
  const out: Record<string, string> = {}
  cells.forEach((c, i) => {
    const t = N.cellText(c)
    if (t === "") return
    const h = headers[i]?.text
    out[h !== undefined && h !== "" && !(h in out) ? h : columnLetter(i)] = t
  })
  return out
}

const readSupporter = (r: RowReader, draftColumns: Map<string, string>, index: number): Record<string, unknown> | undefined => {
  const relation = r.choice("relation", "relation", true)
  const whereabouts = r.choice("whereabouts", "whereabouts", true)
  const name = r.text("name")
  const supporterId = r.text("supporterId")
  const awaySince = r.date("awaySince")
  const reported = r.read("reported", N.yesNo)
  const lastContact = r.date("lastContact")
  const phone = r.read("phone", N.phone)
  for (const key of ["supporterId", "relation", "whereabouts", "name", "awaySince", "reported", "lastContact", "phone"]) {
    const field = Columns.SUPPORTER_COLUMNS.find((c) => c.key === key)!.field.replace("[]", `[${index}]`)
    draftColumns.set(field, r.header(key))
  }
  if (relation === undefined || whereabouts === undefined) return undefined
  const s: Record<string, unknown> = {
    id: supporterId ?? "",
    relation,
    whereabouts,
    awaySince: awaySince ?? null,
    reportedToVillage: reported ?? false,
    lastContact: lastContact ?? null
  }
  if (name !== undefined) s.name = name
  if (phone !== undefined) s.phone = phone
  return s
}

/**
 * Reads a county ledger file (.xlsx or .csv) into case files and row-level problems. Good
 * rows are returned even when others are bad; nothing is dropped silently.
 *
 * **Example**
 * ```ts
 * import { readLedgerFile } from "./ledger/index.js"
 * const { cases, errors } = await readLedgerFile("长沙县台账.xlsx")
 * for (const e of errors) console.error(e.message.zh)
 * ```
 *
 * @category constructors
 * @since 0.1.0
 */
export const readLedgerFile = async (path: string): Promise<LedgerRead> => readLedgerSheets(await readSheets(path))

/** Warnings for what a sheet hides: hidden rows below the header (they are read), hidden columns, merges down a column. */
const hiddenWarnings = (sheet: Sheet, headerRow: number, headers: ReadonlyArray<Header>, warnings: Array<LedgerIssue>): void => {
  const hiddenRows = sheet.rows.filter((r) => r.number > headerRow && r.hidden && !isBlank(r.cells)).map((r) => r.number)
  if (hiddenRows.length > 0) {
    const list = hiddenRows.slice(0, 20).join(", ") + (hiddenRows.length > 20 ? ` … (${hiddenRows.length})` : "")
    warnings.push(
      issue("warning", sheet.name, hiddenRows[0]!, null, null, `${hiddenRows.length} hidden: ${list}`, {
        zh: `所有行可见（${hiddenRows.length} 个隐藏行已照常读取，请核对：第 ${list} 行）`,
        en: `visible rows (${hiddenRows.length} hidden rows were read like the others; check rows ${list})`
      })
    )
  }
  for (const c of sheet.hiddenColumns) {
    const h = headers[c]?.text ?? ""
    if (h === "") continue
    warnings.push(issue("warning", sheet.name, headerRow, h, null, `(隐藏列 hidden column ${columnLetter(c)})`, { zh: "可见的列（此隐藏列已照常读取，请核对）", en: "a visible column (this hidden column was read like the others; check it)" }))
  }
  for (const range of sheet.mergedDown) {
    const first = Number(/\d+/.exec(range)?.[0] ?? 0)
    if (first < headerRow) continue
    warnings.push(issue("warning", sheet.name, first, null, null, `(合并单元格 merged ${range})`, { zh: `未合并的单元格（合并区域 ${range} 的值已用于其中每一行，请核对）`, en: `unmerged cells (the value of the merged range ${range} was used for each of its rows; check them)` }))
  }
}

const readLedgerSheets = (sheets: ReadonlyArray<Sheet>): LedgerRead => {
  const errors: Array<LedgerIssue> = []
  const warnings: Array<LedgerIssue> = []
  let normalized = 0
  // a hidden sheet is never read (a hidden copy named 老年人 must not replace the visible sheet)
  for (const s of sheets) {
    if (s.hidden) warnings.push(issue("warning", s.name, 0, null, null, "(隐藏工作表 hidden sheet)", { zh: "可见的工作表（隐藏的工作表未读取；如需导入请先取消隐藏）", en: "a visible sheet (hidden sheets are not read; unhide it to import it)" }))
  }
  const visible = sheets.filter((s) => !s.hidden)
  const elderSheet =
    sheetOf(sheets, "elders") ?? visible.find((s) => findHeaderRow(s, Columns.ELDER_COLUMNS.filter((c) => c.key !== "name" && c.key !== "phone"), true) !== undefined)
  if (elderSheet === undefined) {
    errors.push(
      issue("error", visible[0]?.name ?? sheets[0]?.name ?? "(none)", 0, null, null, sheets.map((s) => (s.hidden ? `${s.name} (hidden)` : s.name)).join(", ") || "(no sheets)", {
        zh: "一个可见的老年人工作表（名为“老年人”，或表头含“姓名”“身份证号”“出生日期”等列）",
        en: 'a visible sheet of elders (named 老年人, or with headers such as 姓名, 身份证号, 出生日期)'
      })
    )
    return { cases: [], sources: [], records: [], errors, warnings, normalized, rows: 0 }
  }
  const head = findHeaderRow(elderSheet, Columns.ELDER_COLUMNS, true)
  if (head === undefined) {
    errors.push(issue("error", elderSheet.name, 1, null, null, "(no header row)", { zh: "前10行中有一行表头（如 姓名、身份证号、性别、出生日期）", en: "a header row in the first 10 rows (such as 姓名, 身份证号, 性别, 出生日期)" }))
    return { cases: [], sources: [], records: [], errors, warnings, normalized, rows: 0 }
  }
  hiddenWarnings(elderSheet, head.row, head.headers, warnings)
  // map headers to column keys
  const elderMap: Array<{ index: number; key: string; header: string }> = []
  const wideMap = new Map<number, Array<{ index: number; key: string; header: string }>>()
  for (const h of head.headers) {
    if (h.text === "") continue
    const c = Columns.findColumn(Columns.ELDER_COLUMNS, h.text)
    if (c !== undefined) {
      if (elderMap.some((m) => m.key === c.key)) {
        warnings.push(issue("warning", elderSheet.name, head.row, h.text, c.field, h.text, { zh: "每列只出现一次（重复的列被忽略）", en: "each column once (the repeated column is ignored)" }))
        continue
      }
      elderMap.push({ index: h.index, key: c.key, header: h.text })
      continue
    }
    const w = Columns.parseWideHeader(h.text)
    if (w !== undefined) {
      const list = wideMap.get(w.n) ?? []
      list.push({ index: h.index, key: w.column.key, header: h.text })
      wideMap.set(w.n, list)
      continue
    }
    warnings.push(issue("warning", elderSheet.name, head.row, h.text, null, h.text, { zh: "已知的列名（此列未导入）", en: "a known column (this column was not imported)" }))
  }
  for (const required of ["name", "livingArrangement", "ability", "annualIncome"]) {
    if (!elderMap.some((m) => m.key === required)) {
      const c = Columns.ELDER_COLUMNS.find((x) => x.key === required)!
      errors.push(issue("error", elderSheet.name, head.row, c.header, c.field, "(缺少此列 column missing)", { zh: `表头中有“${c.header}”列`, en: `a "${c.header}" (${c.en}) column in the header row` }))
    }
  }
  if (!elderMap.some((m) => m.key === "regionCode" || m.key === "village")) {
    errors.push(issue("error", elderSheet.name, head.row, "区划代码", "elder.regionCode", "(缺少此列 column missing)", { zh: "表头中有“区划代码”或“村”列", en: 'a "区划代码" (village code) or "村" (village) column in the header row' }))
  }
  if (errors.length > 0) return { cases: [], sources: [], records: [], errors, warnings, normalized, rows: 0 }

  // village names → codes
  const villages = new Map<string, string>()
  const regionSheet = sheetOf(sheets, "regions")
  if (regionSheet !== undefined) {
    for (const r of regionSheet.rows) {
      const [a, b] = [N.cellText(r.cells[0]), N.cellText(r.cells[1])]
      const code = /^\d{12}$/.test(b) ? b : /^\d{12}$/.test(a) ? a : undefined
      const name = code === b ? a : b
      if (code !== undefined && name !== "") {
        if (villages.has(name) && villages.get(name) !== code) {
          warnings.push(issue("warning", regionSheet.name, r.number, null, null, name, { zh: "每个村名只对应一个代码（同名村请直接填写区划代码）", en: "one code per village name (for villages of the same name fill the code itself)" }))
          villages.set(name, "")
        } else villages.set(name, code)
      }
    }
  }

  const drafts: Array<Draft> = []
  const byRef = new Map<string, Draft>()
  let rows = 0
  for (const r of elderSheet.rows) {
    if (r.number <= head.row || isBlank(r.cells)) continue
    rows++
    const cells = rowCells(r.cells, elderMap)
    const rr = new RowReader(elderSheet.name, r.number, cells, Columns.ELDER_COLUMNS, "", elderSheet.date1904)
    const id0 = rr.text("id")
    if (id0 !== undefined && (id0.startsWith("示例") || id0.toUpperCase().startsWith("EXAMPLE"))) {
      rows--
      warnings.push(issue("warning", elderSheet.name, r.number, rr.header("id"), "elder.id", id0, { zh: "真实数据（编号以“示例”开头的示例行已跳过）", en: "real data (the example row, whose id starts with 示例, was skipped)" }))
      continue
    }
    const idNumber = rr.read("idNumber", N.idNumber)
    const elder: Record<string, unknown> = {}
    const id = id0 ?? (idNumber !== undefined && IdNumber.validate(idNumber) === undefined ? derivedElderId(idNumber) : undefined)
    if (id === undefined) rr.fail("id", { zh: "编号，或有效的身份证号（用来生成编号）", en: "a ledger id, or a valid ID number to derive it from" })
    elder.id = id
    const name = rr.requireText("name")
    elder.name = name
    if (idNumber !== undefined) elder.idNumber = idNumber
    const validId = idNumber !== undefined && IdNumber.validate(idNumber) === undefined
    let sex = rr.choice("sex", "sex", false)
    if (sex === undefined && !rr.has("sex")) {
      if (validId) sex = IdNumber.sex(idNumber)
      else rr.fail("sex", { zh: "男 或 女（或有效的身份证号）", en: "男 or 女 (or a valid ID number)" })
    }
    elder.sex = sex
    let birthDate = rr.date("birthDate")
    if (birthDate === undefined && !rr.has("birthDate")) {
      if (validId) birthDate = IdNumber.birthDate(idNumber)
      else rr.fail("birthDate", { zh: "出生日期（或有效的身份证号）", en: "a birth date (or a valid ID number)" })
    }
    elder.birthDate = birthDate
    let regionCode = rr.read("regionCode", N.regionCode)
    if (regionCode === undefined && !rr.has("regionCode")) {
      const v = rr.text("village")
      if (v === undefined) rr.fail("regionCode", { zh: "12位村级区划代码（或“村”列）", en: "a 12-digit village code (or the 村 column)" })
      else if (/^\d{12}$/.test(v.replace(/\s/g, ""))) regionCode = v.replace(/\s/g, "")
      else {
        const code = villages.get(v)
        if (code === undefined || code === "") {
          rr.fail("village", {
            zh: code === "" ? "在“区划代码表”中只对应一个代码的村名" : "在“区划代码表”工作表中列出的村名，或12位区划代码",
            en: code === "" ? "a village name with one code in the 区划代码表 sheet" : "a village name listed in the 区划代码表 sheet, or a 12-digit village code"
          })
        } else regionCode = code
      }
    }
    elder.regionCode = regionCode
    elder.rural = rr.read("rural", N.yesNo) ?? true
    elder.livingArrangement = rr.choice("livingArrangement", "livingArrangement", true)
    elder.ability = rr.choice("ability", "ability", true)
    elder.seriousIllness = rr.read("seriousIllness", N.yesNo) ?? false
    elder.disabilityGrade = rr.read("disabilityGrade", disabilityGrade) ?? null
    const income = rr.read("annualIncome", N.amount)
    if (income === undefined && !rr.has("annualIncome")) rr.fail("annualIncome", { zh: "非负金额（元）（此列必填）", en: "a non-negative amount of yuan (this column is required)" })
    elder.annualIncome = income
    elder.incomeSources = rr.choices("incomeSources", "incomeSources")
    elder.receiving = rr.choices("receiving", "receiving")
    const phone = rr.read("phone", N.phone)
    if (phone !== undefined) elder.phone = phone
    const housing = rr.choice("housingSafety", "housingSafety", false)
    if (housing !== undefined) elder.housingSafety = housing
    if (rr.has("categories")) elder.categories = rr.choices("categories", "categories")
    // delegated carer
    let delegatedCarer: Record<string, unknown> | null = null
    if (rr.has("carerName") || rr.has("carerRelation") || rr.has("carerSince")) {
      const since = rr.date("carerSince")
      delegatedCarer = { name: rr.requireText("carerName"), relation: rr.requireText("carerRelation"), since }
      if (since === undefined && !rr.has("carerSince")) rr.fail("carerSince", { zh: "委托日期（填写了委托照顾人时必填）", en: "the date care was delegated (required with a delegated carer)" })
      const cp = rr.read("carerPhone", N.phone)
      if (cp !== undefined) delegatedCarer.phone = cp
    }
    const visits: Array<Record<string, unknown>> = []
    if (rr.has("visitDate")) {
      visits.push({ date: rr.date("visitDate"), mode: rr.choice("visitMode", "visitMode", true), by: rr.choice("visitBy", "visitor", true), concerns: rr.choices("visitConcerns", "concerns") })
    }
    const riskAssessments: Array<Record<string, unknown>> = []
    if (rr.has("assessedOn") || rr.has("riskLevel")) {
      riskAssessments.push({ date: rr.date("assessedOn"), level: rr.requireText("riskLevel") })
      if (!rr.has("assessedOn")) rr.fail("assessedOn", { zh: "评估日期（填写了风险等级时必填）", en: "the assessment date (required with a risk level)" })
    }
    const columns = new Map<string, string>()
    for (const m of elderMap) {
      const c = Columns.ELDER_COLUMNS.find((x) => x.key === m.key)!
      columns.set(c.field, m.header)
    }
    const draft: Draft = {
      sheet: elderSheet.name,
      row: r.number,
      columns,
      caseFile: { elder, supporters: [], delegatedCarer, visits, riskAssessments },
      failed: false,
      issues: [],
      raw: { sheet: elderSheet.name, row: r.number, cells: rawCells(r.cells, head.headers), linked: [] }
    }
    // numbered supporter columns
    for (const [n, map] of [...wideMap.entries()].sort((a, b) => a[0] - b[0])) {
      const sc = rowCells(r.cells, map)
      if (sc.size === 0) continue
      const sr = new RowReader(elderSheet.name, r.number, sc, Columns.SUPPORTER_COLUMNS, `子女${n}`, elderSheet.date1904)
      const s = readSupporter(sr, columns, draft.caseFile.supporters.length)
      rr.issues.push(...sr.issues)
      rr.normalized += sr.normalized
      if (s !== undefined) draft.caseFile.supporters.push(s)
    }
    normalized += rr.normalized
    if (rr.issues.length > 0) {
      errors.push(...rr.issues)
      draft.issues.push(...rr.issues)
      draft.failed = true
    }
    if (typeof id === "string") {
      if (byRef.has(id)) {
        const dup = issue("error", elderSheet.name, r.number, rr.header("id"), "elder.id", maskFound("elder.id", id), { zh: `不重复的编号（与第${byRef.get(id)!.row}行重复）`, en: `a unique id (row ${byRef.get(id)!.row} has the same)` })
        errors.push(dup)
        draft.issues.push(dup)
        draft.failed = true
      } else byRef.set(id, draft)
    }
    if (validId && !byRef.has(idNumber)) byRef.set(idNumber, draft)
    drafts.push(draft)
  }

  // linked sheets: supporters, visits, assessments
  const orphans: Array<LedgerRecord & { _tag: "rejected" }> = []
  const linked = (kind: "supporters" | "visits" | "assessments", columns: ReadonlyArray<Column>, apply: (d: Draft, rr: RowReader) => void): void => {
    const sheet = sheetOf(sheets, kind)
    if (sheet === undefined) return
    const h = findHeaderRow(sheet, columns, false)
    if (h === undefined) {
      errors.push(issue("error", sheet.name, 1, null, null, "(no header row)", { zh: `表头（${columns.map((c) => c.header).join("、")}）`, en: `a header row (${columns.map((c) => c.header).join(", ")})` }))
      return
    }
    hiddenWarnings(sheet, h.row, h.headers, warnings)
    const map: Array<{ index: number; key: string; header: string }> = []
    for (const x of h.headers) {
      const c = Columns.findColumn(columns, x.text)
      if (c !== undefined && !map.some((m) => m.key === c.key)) map.push({ index: x.index, key: c.key, header: x.text })
    }
    for (const r of sheet.rows) {
      if (r.number <= h.row || isBlank(r.cells)) continue
      const rr = new RowReader(sheet.name, r.number, rowCells(r.cells, map), columns, "", sheet.date1904)
      const ref = rr.read("elderRef", (v) => ({ ok: true, value: N.cellText(v).replace(/x$/, "X"), changed: false }))
      const d = ref === undefined ? undefined : byRef.get(ref)
      const cells = rawCells(r.cells, h.headers)
      if (ref === undefined && !rr.has("elderRef")) rr.fail("elderRef", { zh: "老人编号（此列必填）", en: "the elder's ledger id (this column is required)" })
      else if (ref !== undefined && d === undefined) rr.fail("elderRef", { zh: `“${elderSheet.name}”表中某位老人的编号或身份证号`, en: `the id or ID number of an elder in sheet "${elderSheet.name}"` })
      if (d !== undefined) {
        apply(d, rr)
        d.raw.linked.push({ sheet: sheet.name, row: r.number, cells })
      }
      normalized += rr.normalized
      if (rr.issues.length > 0) {
        errors.push(...rr.issues)
        if (d !== undefined) {
          d.failed = true
          d.issues.push(...rr.issues)
        } else {
          // a row naming no elder of the file is kept as a rejected row of its own
          orphans.push({ _tag: "rejected", sheet: sheet.name, row: r.number, elderId: ref ?? null, raw: JSON.stringify({ sheet: sheet.name, row: r.number, cells }), issues: rr.issues })
        }
      }
    }
  }
  linked("supporters", Columns.SUPPORTER_COLUMNS, (d, rr) => {
    const s = readSupporter(rr, new Map(), d.caseFile.supporters.length)
    if (s !== undefined) {
      d.columns.set(`supporters[${d.caseFile.supporters.length}]`, `${rr.sheet}!${rr.row}`)
      d.caseFile.supporters.push(s)
    }
  })
  linked("visits", Columns.VISIT_COLUMNS, (d, rr) => {
    d.caseFile.visits.push({ date: rr.date("date"), mode: rr.choice("mode", "visitMode", true), by: rr.choice("by", "visitor", true), concerns: rr.choices("concerns", "concerns") })
  })
  linked("assessments", Columns.ASSESSMENT_COLUMNS, (d, rr) => {
    d.caseFile.riskAssessments.push({ date: rr.date("date"), level: rr.requireText("level") })
  })

  // assemble and decode
  const cases: Array<CaseFile.CaseFile> = []
  const sources: Array<{ sheet: string; row: number }> = []
  const records: Array<LedgerRecord> = []
  const rejectDraft = (d: Draft): void => {
    const id = d.caseFile.elder.id
    records.push({ _tag: "rejected", sheet: d.sheet, row: d.row, elderId: typeof id === "string" ? id : null, raw: JSON.stringify(d.raw), issues: d.issues })
  }
  for (const d of drafts) {
    if (d.failed) {
      rejectDraft(d)
      continue
    }
    const cf = d.caseFile
    const elderId = cf.elder.id as string
    cf.supporters.forEach((s, i) => {
      if (s.id === "") s.id = `${elderId}-${i + 1}`
    })
    cf.visits = sortByDate(cf.visits)
    cf.riskAssessments = sortByDate(cf.riskAssessments)
    const r = Decode.caseFile(cf)
    if (r.ok) {
      cases.push(r.value)
      sources.push({ sheet: d.sheet, row: d.row })
      records.push({ _tag: "case", sheet: d.sheet, row: d.row, caseFile: r.value })
      continue
    }
    for (const i of r.error.issues) {
      const column = columnFor(d.columns, i.path)
      const e = issue("error", d.sheet, d.row, column, i.path, i.found, i.expected)
      errors.push(e)
      d.issues.push(e)
    }
    rejectDraft(d)
  }
  records.push(...orphans)
  errors.sort((a, b) => (a.sheet === b.sheet ? a.row - b.row : a.sheet < b.sheet ? -1 : 1))
  return { cases, sources, records, errors, warnings, normalized, rows }
}

const sortByDate = (list: Array<Record<string, unknown>>): Array<Record<string, unknown>> =>
  // stable: records of the same day keep their order (two visits on one day are two visits)
  list.map((x, i) => [x, i] as const).sort((a, b) => (String(a[0].date) < String(b[0].date) ? -1 : String(a[0].date) > String(b[0].date) ? 1 : a[1] - b[1])).map(([x]) => x)

const columnFor = (columns: ReadonlyMap<string, string>, path: string): string | null => {
  const exact = columns.get(path)
  if (exact !== undefined) return exact
  // supporters[0].relation → supporters[].relation in the two-sheet layout
  for (const [k, v] of columns) if (path.startsWith(k)) return v
  return null
}
