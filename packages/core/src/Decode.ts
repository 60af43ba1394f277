/**
 * Decoding case files from unknown input, with errors a person can act on: each names the
 * case (position and elder id when known), the field path, what was expected and what was
 * found, in Chinese and English. Personal data is masked in what is reported.
 *
 * @since 0.1.0
 */
import { Result, Schema, SchemaIssue } from "effect"
import * as CaseFile from "./CaseFile.js"
import type { Text } from "./Decision.js"
import * as Mask from "./Mask.js"
import type { Outcome } from "./Outcome.js"
import { record, recordedVersion } from "./internal/recorded.js"
import * as Validator from "./internal/validator.js"

/**
 * One problem in one case file.
 *
 * @category errors
 * @since 0.1.0
 */
export interface FieldIssue {
  /** dotted path with array indices, e.g. `supporters[0].awaySince` */
  readonly path: string
  readonly expected: Text
  /** the value found, JSON-encoded and masked if personal; `"(missing)"` when absent */
  readonly found: string
}

/**
 * A case file that did not decode.
 *
 * @category errors
 * @since 0.1.0
 */
export interface CaseFileError {
  readonly _tag: "CaseFileError"
  /** 0-based position in the input (array index or line number - 1), when known */
  readonly position: number | null
  readonly elderId: string | null
  readonly issues: ReadonlyArray<FieldIssue>
  readonly message: Text
}

/**
 * The outcome of decoding one case file.
 *
 * @category models
 * @since 0.1.0
 */
export type DecodeResult = Outcome<CaseFile.CaseFile, CaseFileError>

const PERSONAL = /(^|\.)(name|idNumber|phone|note|grounds)$/

const ZH_IDENTIFIERS: Record<string, string> = {
  CalendarDate: "日历上存在的日期（YYYY-MM-DD）",
  "a calendar date YYYY-MM-DD": "日历上存在的日期（YYYY-MM-DD）",
  VillageCode: "12位村级区划代码",
  "a 12-digit village code": "12位村级区划代码",
  Id: "不超过64个字符、非空、首尾无空格且不含控制字符的标识",
  "a non-empty identifier of at most 64 characters, without surrounding spaces or control characters": "不超过64个字符、非空、首尾无空格且不含控制字符的标识",
  Name: "不超过64个字符、含可见字符、首尾无空格且不含控制字符的姓名",
  "a name of at most 64 characters with a visible character, without surrounding spaces or control characters": "不超过64个字符、含可见字符、首尾无空格且不含控制字符的姓名",
  Yuan: "有限、非负且不超过 10000000 的金额（元）",
  "a finite, non-negative amount of yuan, at most 10000000": "有限、非负且不超过 10000000 的金额（元）",
  "a birth date on or after 1880-01-01": "不早于 1880-01-01 的出生日期",
  "supporters with distinct ids": "编号互不相同的赡养人",
  "an end date on or after from": "不早于起始日期（from）的结束日期",
  "ledger events in date order (on or after the event before)": "按日期排列的台账进出记录（不早于前一条）",
  "entries and exits to alternate (an entry after an exit, an exit after an entry)": "纳入与退出交替出现（退出之后为纳入，纳入之后为退出）",
  "a note of at most 500 characters without control characters": "不超过500个字符且不含控制字符的备注",
  "a schema URL of at most 200 characters without control characters": "不超过200个字符且不含控制字符的格式地址",
  "an 18-character ID number with a valid check character": "校验位正确的18位身份证号",
  "a disability grade 1, 2, 3 or 4": "残疾等级 1、2、3 或 4",
  "a phone number": "电话号码",
  "an ID number whose birth date agrees with birthDate": "出生日期与 birthDate 一致的身份证号",
  "an ID number whose sex digit agrees with sex": "性别位与 sex 一致的身份证号",
  Note: "1至500个字符、不含控制字符（可换行）的说明",
  "a note of 1 to 500 characters without control characters (line breaks allowed)": "1至500个字符、不含控制字符（可换行）的说明",
  "a resolution date on or after date": "不早于 date 的解决日期",
  "serious only on a verified concern (verified: true)": "仅对已核实（verified: true）的关注事项认定情节严重",
  string: "字符串",
  number: "数字",
  boolean: "布尔值（true 或 false）",
  "an integer": "整数",
  null: "null",
  object: "对象",
  array: "数组",
  "ReadonlyArray<unknown>": "数组",
  "{ readonly [x: string]: unknown }": "对象",
  CaseFile: "案卷对象"
}

const EN_IDENTIFIERS: Record<string, string> = {
  CalendarDate: "a calendar date YYYY-MM-DD",
  VillageCode: "a 12-digit village code",
  Id: "a non-empty identifier of at most 64 characters, without surrounding spaces or control characters",
  Name: "a name of at most 64 characters with a visible character, without surrounding spaces or control characters",
  Yuan: "a finite, non-negative amount of yuan, at most 10000000",
  "ReadonlyArray<unknown>": "an array",
  "{ readonly [x: string]: unknown }": "an object",
  CaseFile: "a case file object"
}

const translate = (message: string, ofCaseFile = true): Text => {
  if (message === "Expected no excess property" || message.startsWith("Unexpected key")) {
    return ofCaseFile ? { en: "no such field (it is not part of the case file)", zh: "不存在该字段（不属于案卷格式）" } : { en: "no such field", zh: "不存在该字段" }
  }
  if (message === "Missing key") return { en: "a value (this field is required)", zh: "必填字段" }
  const body = message.startsWith("Expected ") ? message.slice(9) : message
  const alternatives = body.split(" | ")
  if (alternatives.length > 1 && alternatives.every((a) => a.startsWith('"'))) {
    return { en: `one of ${body}`, zh: `以下之一：${body}` }
  }
  const en = alternatives.map((a) => EN_IDENTIFIERS[a] ?? a).join(" or ")
  const zh = alternatives.map((a) => ZH_IDENTIFIERS[a] ?? a).join(" 或 ")
  return { en, zh }
}

const formatPath = (path: ReadonlyArray<PropertyKey>): string => {
  let s = ""
  for (const k of path) {
    if (typeof k === "number") s += `[${k}]`
    else s += s === "" ? String(k) : `.${String(k)}`
  }
  return s === "" ? "(case file)" : s
}

const valueAt = (input: unknown, path: ReadonlyArray<PropertyKey>): { found: boolean; value: unknown } => {
  let cur: unknown = input
  for (const k of path) {
    if (cur === null || typeof cur !== "object" || !Object.prototype.hasOwnProperty.call(cur, k as string)) {
      return { found: false, value: undefined }
    }
    cur = (cur as Record<PropertyKey, unknown>)[k]
  }
  return { found: true, value: cur }
}

const CONTROL = new RegExp(CaseFile.CONTROL_CHARACTERS.source, "g")
const LONG_DIGITS = /\d{11,}[Xx]?/g

/**
 * Text made safe to print: control characters (ESC, newlines, NUL, bidi overrides) written as
 * `\u` escapes of four hex digits, so nothing printed can move a terminal's cursor or forge a log line.
 *
 * @category formatting
 * @since 0.2.0
 */
export const escapeControl = (s: string): string =>
  CONTROL.test(s) ? ((CONTROL.lastIndex = 0), s.replace(CONTROL, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`)) : s

/**
 * A value of unknown meaning (a ledger id, an excerpt) made safe to echo in an error or a log:
 * every run of 11 or more digits (a phone or an ID number) masked, control characters escaped,
 * at most 64 characters.
 *
 * @category formatting
 * @since 0.2.0
 */
export const printable = (s: string): string => {
  const cut = s.length > 64 ? s.slice(0, 64) + "…" : s
  return escapeControl(cut.replace(LONG_DIGITS, (m) => (m.length >= 15 ? Mask.idNumber(m) : Mask.phone(m))))
}

/** Field names that hold personal data, also under common misspellings (they are then unknown fields). */
const PERSONAL_KEY = /(name|idnumber|idcard|idno|identity|sfz|shenfen|phone|mobile|tel|contact|手机|电话|姓名|身份)/i

/** Two to six Han characters (with an optional middle dot): the shape of Chinese names. */
const NAME_SHAPED = /^[\u3400-\u9fff]{1,3}[·•]?[\u3400-\u9fff]{1,3}$/u

const describeFound = (path: string, input: unknown, rawPath: ReadonlyArray<PropertyKey>): string => {
  const { found, value } = valueAt(input, rawPath)
  if (!found) return "(missing)"
  const key = String(rawPath[rawPath.length - 1] ?? "")
  const personal = PERSONAL.test(path) || PERSONAL_KEY.test(key)
  if (personal && (typeof value === "string" || typeof value === "number")) {
    // any type: a phone given as a number is still a phone
    const v = String(value)
    const masked = Mask.value(Mask.kindOfKey(key), v)
    return typeof value === "string" ? JSON.stringify(escapeControl(masked)) : escapeControl(masked)
  }
  if (value !== null && typeof value === "object") return Array.isArray(value) ? `an array of ${value.length}` : "an object"
  // a value shaped like a Chinese name (2 to 6 Han characters) in a field that is not a name is
  // still masked: a name typed into the wrong field is personal data all the same
  if (typeof value === "string" && NAME_SHAPED.test(value.trim())) return JSON.stringify(Mask.name(value.trim()))
  if (typeof value === "string") return JSON.stringify(printable(value.length > 60 ? value.slice(0, 57) + "..." : value))
  const s = JSON.stringify(value)
  return s === undefined ? String(value) : printable(s.length > 60 ? s.slice(0, 57) + "..." : s)
}

const decodeResult = Schema.decodeUnknownResult(CaseFile.CaseFile)
// the fast path: a predicate compiled from the same Schema; valid input needs no decoding work
const isValidCaseFile = Validator.compile(CaseFile.CaseFile.ast)
const formatter = SchemaIssue.makeFormatterStandardSchemaV1()
const OPTIONS = { errors: "all", onExcessProperty: "error" } as const

/** The elder id of a rejected case, as it may be printed (masked if it looks like an ID number or phone, control characters escaped). */
const elderIdOf = (input: unknown): string | null => {
  const elder = (input as { elder?: { id?: unknown } } | null)?.elder
  return elder !== null && typeof elder === "object" && typeof elder.id === "string" ? printable(elder.id) : null
}

/**
 * Describes a case-file error on one line per issue, in one language.
 *
 * @category errors
 * @since 0.1.0
 */
export const formatError = (error: Omit<CaseFileError, "message">, lang: "zh" | "en" = "en"): string => {
  const id = error.elderId === null ? null : printable(error.elderId)
  const where =
    lang === "zh"
      ? `案卷${error.position !== null ? ` #${error.position + 1}` : ""}${id !== null ? `（elder.id=${id}）` : ""}`
      : `case${error.position !== null ? ` #${error.position + 1}` : ""}${id !== null ? ` (elder.id=${id})` : ""}`
  return error.issues
    .map((i) =>
      lang === "zh"
        ? `${where} ${escapeControl(i.path)}：应为${i.expected.zh}，实际为 ${escapeControl(i.found)}`
        : `${where} ${escapeControl(i.path)}: expected ${i.expected.en}, found ${escapeControl(i.found)}`
    )
    .join("\n")
}

/** a decoded case file, with the version of its content recorded (see {@link versionOf}) */
const recorded = (cf: CaseFile.CaseFile): CaseFile.CaseFile => {
  record(cf, CaseFile.version(cf))
  return cf
}

/**
 * The input version of a case file the decoder returned (`caseFile`, `parseText`): the version
 * of its content (`CaseFile.version`), computed once where the data entered; `undefined` for
 * an object the decoder did not return. `Engine.evaluate` takes it from here, so a decoded case
 * file is hashed once however often it is evaluated.
 *
 * A decoded case file is readonly (its type says so). Changed in place after decoding (a cast,
 * or a change to the object that was passed in: the decoder returns valid input itself), it no
 * longer matches the version recorded here, and an evaluation of it would name the old version
 * in its provenance. Change a copy (`{ ...cf, visits: [...] }` is a new object, whose version is
 * computed when it is evaluated), decode the changed object again (which records its new
 * version), or pass `inputVersion` to `Engine.evaluate`.
 *
 * @category getters
 * @since 0.4.0
 */
export const versionOf = (caseFile: CaseFile.CaseFile): string | undefined => recordedVersion(caseFile)

/**
 * Decodes one case file from unknown input (already parsed JSON). Unknown fields are errors,
 * so a typo is never silently dropped. Valid input is checked by a validator compiled from the
 * Schema and returned as it is (the case-file Schema has no transformations); invalid input
 * goes through the full decoder, which reports every issue. The version of a valid case file's
 * content is computed here, once, and recorded for its evaluations ({@link versionOf}).
 *
 * **Example**
 * ```ts
 * import { Decode } from "@liushou/core"
 * const r = Decode.caseFile(JSON.parse(text), 0)
 * if (!r.ok) console.error(Decode.formatError(r.error))
 * ```
 *
 * @category constructors
 * @since 0.1.0
 */
export const caseFile = (input: unknown, position: number | null = null): DecodeResult => {
  if (isValidCaseFile !== undefined && isValidCaseFile(input)) return { ok: true, value: recorded(input as CaseFile.CaseFile) }
  const r = decodeResult(input, OPTIONS)
  if (Result.isSuccess(r)) return { ok: true, value: recorded(r.success) }
  const formatted = formatter(r.failure.issue)
  const issues: Array<FieldIssue> = formatted.issues.map((i) => {
    const rawPath = (i.path ?? []).map((p) => (typeof p === "object" && p !== null && "key" in p ? (p as { key: PropertyKey }).key : p)) as ReadonlyArray<PropertyKey>
    const path = formatPath(rawPath)
    return { path, expected: translate(i.message), found: describeFound(path, input, rawPath) }
  })
  const error: Omit<CaseFileError, "message"> = { _tag: "CaseFileError", position, elderId: elderIdOf(input), issues }
  return {
    ok: false,
    error: { ...error, message: { en: formatError(error, "en"), zh: formatError(error, "zh") } }
  }
}

/**
 * The field issues of any Schema's decoding error, in the same form as a case file's: each
 * names the path, what was expected in Chinese and English, and the value found (JSON-encoded,
 * masked if personal, `"(missing)"` when absent). For hosts that decode their own request
 * bodies with Schemas built from core's (a visit, an assignment).
 *
 * **Example**
 * ```ts
 * import { Decode } from "@liushou/core"
 * import { Result, Schema } from "effect"
 * const Body = Schema.Struct({ date: Schema.String })
 * const input: unknown = { date: 1 }
 * const r = Schema.decodeUnknownResult(Body)(input, { errors: "all" })
 * if (Result.isFailure(r)) console.error(Decode.fieldIssues(r.failure, input, { root: "(body)" }))
 * ```
 *
 * @category errors
 * @since 0.2.0
 */
export const fieldIssues = (error: Schema.SchemaError, input: unknown, options: { readonly prefix?: string; readonly root?: string } = {}): ReadonlyArray<FieldIssue> =>
  formatter(error.issue).issues.map((i) => {
    const rawPath = (i.path ?? []).map((p) => (typeof p === "object" && p !== null && "key" in p ? (p as { key: PropertyKey }).key : p)) as ReadonlyArray<PropertyKey>
    const own = formatPath(rawPath)
    const path = rawPath.length === 0 ? (options.prefix ?? options.root ?? own) : `${options.prefix === undefined ? "" : options.prefix + (typeof rawPath[0] === "number" ? "" : ".")}${own}`
    return { path, expected: translate(i.message, false), found: describeFound(own, input, rawPath) }
  })

/**
 * Parses and decodes JSON text holding a JSON array of case files or JSON Lines (one case
 * file per line). A line that is not JSON is reported like any other invalid case. Each case
 * file returned has its input version recorded ({@link versionOf}).
 *
 * @category constructors
 * @since 0.1.0
 */
export const parseText = (input: string): { readonly cases: ReadonlyArray<CaseFile.CaseFile>; readonly errors: ReadonlyArray<CaseFileError>; readonly positions: ReadonlyArray<number> } => {
  // a UTF-8 byte order mark at the start is not part of the text
  const text = input.charCodeAt(0) === 0xfeff ? input.slice(1) : input
  const cases: Array<CaseFile.CaseFile> = []
  const positions: Array<number> = []
  const errors: Array<CaseFileError> = []
  const first = firstNonSpace(text, 0, text.length)
  if (text.charCodeAt(first) === 91 /* [ */) {
    let parsed: unknown
    try {
      parsed = JSON.parse(text)
    } catch (e) {
      return { cases, positions, errors: [jsonError(null, (e as Error).message)] }
    }
    if (!Array.isArray(parsed)) return { cases, positions, errors: [jsonError(null, "expected a JSON array of case files")] }
    for (let i = 0; i < parsed.length; i++) {
      if (isValidCaseFile !== undefined && isValidCaseFile(parsed[i])) {
        cases.push(recorded(parsed[i] as CaseFile.CaseFile))
        positions.push(i)
        continue
      }
      const r = caseFile(parsed[i], i)
      if (r.ok) {
        cases.push(r.value)
        positions.push(i)
      } else errors.push(r.error)
    }
  } else {
    // JSON Lines: one pass over the text, no copies beyond each line
    let lineStart = 0
    for (let line = 0; lineStart <= text.length; line++) {
      let lineEnd = text.indexOf("\n", lineStart)
      if (lineEnd < 0) lineEnd = text.length
      if (firstNonSpace(text, lineStart, lineEnd) < lineEnd) {
        let value: unknown
        let parsedOk = true
        try {
          value = JSON.parse(text.slice(lineStart, lineEnd))
        } catch (e) {
          parsedOk = false
          errors.push(jsonError(line, (e as Error).message))
        }
        if (parsedOk && isValidCaseFile !== undefined && isValidCaseFile(value)) {
          cases.push(recorded(value as CaseFile.CaseFile))
          positions.push(line)
        } else if (parsedOk) {
          const r = caseFile(value, line)
          if (r.ok) {
            cases.push(r.value)
            positions.push(line)
          } else errors.push(r.error)
        }
      }
      lineStart = lineEnd + 1
    }
  }
  errors.sort((a, b) => (a.position ?? -1) - (b.position ?? -1))
  return { cases, positions, errors }
}

const firstNonSpace = (text: string, from: number, to: number): number => {
  let i = from
  while (i < to) {
    const c = text.charCodeAt(i)
    if (c !== 32 && c !== 9 && c !== 13 && c !== 10 && c !== 0xfeff) break
    i++
  }
  return i
}

/**
 * A case-file error for text that is not JSON.
 *
 * @category errors
 * @since 0.1.0
 */
export const jsonError = (position: number | null, detail: string): CaseFileError => {
  const error = {
    _tag: "CaseFileError" as const,
    position,
    elderId: null,
    // the parser's message quotes the text around the error: the excerpt may be personal data, so it is left out
    issues: [{ path: "(case file)", expected: { en: "valid JSON", zh: "合法的 JSON" }, found: printable(detail.replace(/"(?:[^"\\]|\\.)*("|$)/g, "(excerpt hidden)").replace(/'[^']*'/g, "(token hidden)")).slice(0, 80) }]
  }
  return { ...error, message: { en: formatError(error, "en"), zh: formatError(error, "zh") } }
}
