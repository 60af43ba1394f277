/**
 * Normalising cell values from county ledgers: full-width digits, stray spaces, numbers stored
 * as text, and the date forms people type (Excel serial numbers, 1959/1/1, 1959年1月1日,
 * 1959.1.1, 19590101). Each function returns a value, or a problem when the cell cannot be
 * read safely (never a guess).
 *
 * @since 0.1.0
 */
import { CalendarDate, type Decision, type Outcome } from "@liushou/core"

type Text = Decision.Text

/**
 * A normalised value, or why the cell could not be read: core's `Outcome` with the expectation
 * as its error (zh and en), the success also saying whether reading changed the cell's text.
 *
 * @category models
 * @since 0.1.0
 */
export type Normalized<A> = (Outcome.Success<A> & { readonly changed: boolean }) | Outcome.Failure<Text>

const ok = <A>(value: A, changed = false): Normalized<A> => ({ ok: true, value, changed })
const fail = (zh: string, en: string): Normalized<never> => ({ ok: false, error: { zh, en } })

/**
 * Full-width ASCII (０-９, Ａ-Ｚ, ／, －, ．, full-width space) to half-width; all kinds of spaces
 * (incl. U+3000 and no-break space) collapsed and trimmed.
 *
 * @category constructors
 * @since 0.1.0
 */
export const text = (s: string): string =>
  s
    .replace(/[\uFF01-\uFF5E]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
    .replace(/[\u3000\u00A0\u2002-\u200B\uFEFF\t\r\n]+/g, " ")
    .replace(/ {2,}/g, " ")
    .trim()

/**
 * A cell that holds no usable value: an Excel error (`#N/A`, `#VALUE!`, ...), a formula saved
 * without its result, or a cell that a merge across columns covers. Reading one is always an
 * error naming the cell, never a guess (and never the text "[object Object]").
 *
 * @category models
 * @since 0.2.0
 */
export interface BadCell {
  readonly _tag: "BadCell"
  readonly kind: "error" | "formula-without-value" | "merged-across" | "unreadable"
  /** what the cell shows: `#N/A`, `=VLOOKUP(...)`, the merged range */
  readonly shown: string
}

/** The error values Excel writes into cells (and into CSV files saved from them). */
export const EXCEL_ERRORS: ReadonlySet<string> = new Set(["#N/A", "#VALUE!", "#REF!", "#DIV/0!", "#NUM!", "#NAME?", "#NULL!", "#SPILL!", "#CALC!", "#GETTING_DATA", "#FIELD!", "#BLOCKED!", "#UNKNOWN!", "#CONNECT!", "#BUSY!"])

/**
 * Whether a cell value is a `BadCell`.
 *
 * @category predicates
 * @since 0.2.0
 */
export const isBadCell = (v: unknown): v is BadCell => typeof v === "object" && v !== null && (v as { _tag?: unknown })._tag === "BadCell"

/**
 * What a cell read by exceljs (or a CSV field) holds: plain values pass through, rich text and
 * hyperlinks become their text, a formula becomes its saved result, and an error value, a
 * formula saved without a result or any other object becomes a `BadCell`.
 *
 * @category constructors
 * @since 0.2.0
 */
export const cellValue = (v: unknown): unknown => {
  if (v === null || v === undefined || typeof v === "number" || typeof v === "boolean" || v instanceof Date) return v
  if (typeof v === "string") return EXCEL_ERRORS.has(v.trim().toUpperCase()) ? { _tag: "BadCell", kind: "error", shown: v.trim() } satisfies BadCell : v
  if (isBadCell(v)) return v
  if (typeof v === "object") {
    const o = v as { richText?: ReadonlyArray<{ text?: unknown }>; text?: unknown; hyperlink?: unknown; formula?: unknown; sharedFormula?: unknown; result?: unknown; error?: unknown }
    if (typeof o.error === "string") return { _tag: "BadCell", kind: "error", shown: o.error } satisfies BadCell
    if (typeof o.formula === "string" || typeof o.sharedFormula === "string") {
      const formula = `=${String(o.formula ?? o.sharedFormula)}`
      if (o.result === undefined || o.result === null) return { _tag: "BadCell", kind: "formula-without-value", shown: formula.length > 40 ? formula.slice(0, 37) + "..." : formula } satisfies BadCell
      return cellValue(o.result)
    }
    if (Array.isArray(o.richText)) return o.richText.map((r) => (typeof r.text === "string" ? r.text : "")).join("")
    if (typeof o.text === "string") return o.text
    if (typeof o.text === "object" && o.text !== null) return cellValue(o.text)
  }
  return { _tag: "BadCell", kind: "unreadable", shown: typeof v } satisfies BadCell
}

/**
 * A cell as a trimmed string ("" for empty). Numbers are printed without exponent; dates as
 * YYYY-MM-DD.
 *
 * @category constructors
 * @since 0.1.0
 */
export const cellText = (v: unknown): string => {
  if (v === null || v === undefined) return ""
  if (typeof v === "string") return text(v)
  if (typeof v === "number") return Number.isInteger(v) ? v.toFixed(0) : String(v)
  if (typeof v === "boolean") return v ? "是" : "否"
  if (v instanceof Date) return dateOfJs(v)
  if (isBadCell(v)) return v.shown
  if (typeof v === "object") {
    // exceljs rich text, hyperlinks and formula results
    const o = v as { richText?: ReadonlyArray<{ text: string }>; text?: unknown; result?: unknown }
    if (Array.isArray(o.richText)) return text(o.richText.map((r) => r.text).join(""))
    if (o.result !== undefined) return cellText(o.result)
    if (typeof o.text === "string") return text(o.text)
    return "?"
  }
  return text(String(v))
}

const dateOfJs = (d: Date): string => CalendarDate.make(d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate())

/**
 * An Excel serial day number (1900 date system, with its 1900-02-29 bug) to a date.
 *
 * @category constructors
 * @since 0.1.0
 */
export const fromExcelSerial = (serial: number, date1904 = false): string => {
  // serial 25569 is 1970-01-01; serials are whole days (a time part is dropped). Excel counts a
  // 1900-02-29 that never was (serial 60), so serials before it are one day later than their date;
  // workbooks in the 1904 date system count from 1904-01-01 (1462 days later)
  const n = Math.floor(serial)
  if (date1904) return CalendarDate.fromDayNumber(n + 1462 - 25569)
  return CalendarDate.fromDayNumber(n < 60 ? n + 1 - 25569 : n - 25569)
}

/**
 * Reads a date cell. Accepted: a JS Date (exceljs date cells), an Excel serial number between
 * 1900 and 2100 (in the workbook's date system: `date1904` for workbooks counting from 1904),
 * and text as 1959-01-01, 1959/1/1, 1959.1.1, 1959年1月1日, 19590101. Two-digit years and
 * day-first forms are refused (they are ambiguous), and so is serial 60 (Excel's 1900-02-29,
 * a day that never was).
 *
 * @category constructors
 * @since 0.1.0
 */
export const date = (v: unknown, date1904 = false): Normalized<string> => {
  if (v instanceof Date) {
    if (Number.isNaN(v.getTime())) return fail("日期（如 1959-01-01）", "a date (e.g. 1959-01-01)")
    return ok(dateOfJs(v), true)
  }
  if (typeof v === "number" || (typeof v === "string" && /^\s*\d{5}(\.\d+)?\s*$/.test(text(v)))) {
    const n = typeof v === "number" ? v : Number(text(v))
    // 1 = 1900-01-01 ... 73050 = 2099-12-31 (1904 system: 0 = 1904-01-01 ... 71588 = 2099-12-31)
    if (Math.floor(n) === 60 && !date1904) return fail("日历上存在的日期（Excel 日期序号 60 是不存在的 1900-02-29）", "a date that exists (Excel serial 60 is 1900-02-29, a day that never was)")
    if (date1904 ? n >= 0 && n < 71589 : n >= 1 && n < 73051) return ok(fromExcelSerial(n, date1904), true)
    return fail("日期（如 1959-01-01）或 Excel 日期序号", "a date (e.g. 1959-01-01) or an Excel date serial number")
  }
  const s = cellText(v)
  let m = /^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?$/.exec(s)
  if (m === null) m = /^(\d{4})(\d{2})(\d{2})$/.exec(s)
  if (m === null) {
    return fail("日期，写作 1959-01-01、1959/1/1 或 1959年1月1日（四位年份）", "a date written 1959-01-01, 1959/1/1 or 1959年1月1日 (four-digit year)")
  }
  const d = CalendarDate.make(+m[1]!, +m[2]!, +m[3]!)
  if (!CalendarDate.isValid(d)) return fail("日历上存在的日期", "a date that exists in the calendar")
  return ok(d, d !== s)
}

/**
 * Reads a non-negative amount: numbers, or text such as "3,600", "3600元", "３６００".
 *
 * @category constructors
 * @since 0.1.0
 */
export const amount = (v: unknown): Normalized<number> => {
  if (typeof v === "number") return Number.isFinite(v) && v >= 0 ? ok(v) : fail("非负金额（元）", "a non-negative amount of yuan")
  const s = cellText(v).replace(/[,，\s]/g, "").replace(/元$/, "")
  if (!/^\d+(\.\d+)?$/.test(s)) return fail("非负金额（元），如 3600", "a non-negative amount of yuan, e.g. 3600")
  return ok(Number(s), true)
}

/**
 * Reads a resident ID number: digits and spaces normalised, a lower-case x upper-cased. A
 * masked number (with `*`) is refused with its own message.
 *
 * @category constructors
 * @since 0.1.0
 */
export const idNumber = (v: unknown): Normalized<string> => {
  // a number cell loses the last digits (more than 15 significant digits): refuse it
  if (typeof v === "number") return fail("以文本格式保存的18位身份证号（数字格式会丢失末位）", "an 18-character ID number stored as text (a number cell loses the last digits)")
  const s = cellText(v).replace(/[\s-]/g, "").replace(/x$/, "X")
  if (s.includes("*")) return fail("完整的身份证号（这是脱敏后的号码；请用 --unmasked 导出后再导入）", "a full ID number (this one is masked; export with --unmasked to re-import)")
  return ok(s, s !== cellText(v))
}

/**
 * Reads a phone number: full-width digits and spaces normalised.
 *
 * @category constructors
 * @since 0.1.0
 */
export const phone = (v: unknown): Normalized<string> => {
  const s = (typeof v === "number" ? v.toFixed(0) : cellText(v)).replace(/\s/g, "")
  if (s.includes("*")) return fail("完整的电话号码（这是脱敏后的号码）", "a full phone number (this one is masked)")
  return ok(s)
}

/**
 * Reads yes/no: 是/否, 有/无, Y/N, 1/0, true/false, √/×.
 *
 * @category constructors
 * @since 0.1.0
 */
export const yesNo = (v: unknown): Normalized<boolean> => {
  if (typeof v === "boolean") return ok(v)
  const s = cellText(v).toLowerCase()
  if (["是", "有", "y", "yes", "1", "true", "√", "✓", "对"].includes(s)) return ok(true)
  if (["否", "无", "没有", "n", "no", "0", "false", "×", "✗", "不是"].includes(s)) return ok(false)
  return fail("是 或 否", "是 (yes) or 否 (no)")
}

/**
 * Reads one value from a table of labels (Chinese labels and the English ids both accepted).
 *
 * @category constructors
 * @since 0.1.0
 */
export const choice = <A extends string>(v: unknown, labels: Readonly<Record<string, A>>, allowed: ReadonlyArray<string>): Normalized<A> => {
  const s = cellText(v)
  const found = labels[s] ?? labels[s.toLowerCase()]
  if (found !== undefined) return ok(found)
  return fail(`以下之一：${allowed.join("、")}`, `one of: ${allowed.join(", ")}`)
}

/**
 * Reads a list of values separated by 、，,;；/ or spaces.
 *
 * @category constructors
 * @since 0.1.0
 */
export const choices = <A extends string>(v: unknown, labels: Readonly<Record<string, A>>, allowed: ReadonlyArray<string>): Normalized<ReadonlyArray<A>> => {
  const s = cellText(v)
  if (s === "" || s === "无") return ok([])
  const out: Array<A> = []
  for (const part of s.split(/[、，,;；/\s]+/).filter((p) => p !== "")) {
    const r = choice(part, labels, allowed)
    if (!r.ok) return fail(`以下一项或多项（用“、”分隔）：${allowed.join("、")}；无法识别“${part}”`, `one or more of (separated by 、): ${allowed.join(", ")}; "${part}" is not one`)
    if (!out.includes(r.value)) out.push(r.value)
  }
  return ok(out)
}

/**
 * Reads a region code: 12 digits (full-width digits and spaces normalised).
 *
 * @category constructors
 * @since 0.1.0
 */
export const regionCode = (v: unknown): Normalized<string> => {
  const s = (typeof v === "number" ? v.toFixed(0) : cellText(v)).replace(/\s/g, "")
  return /^\d{12}$/.test(s) ? ok(s) : fail("12位村级区划代码", "a 12-digit village code")
}
