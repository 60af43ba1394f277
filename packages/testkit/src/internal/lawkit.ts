/**
 * What every law shares: the violation a check throws, the digest of an evaluation compared
 * across dates, the first difference between two results, and masking of the cases printed in
 * failure messages.
 */
import { CalendarDate, canonicalJson, Mask } from "@liushou/core"
import type { CaseFile, Decision, Evaluation } from "@liushou/core"

export type Text = Decision.Text

/** Thrown by a check when the law does not hold; carries the explanation in both languages. */
export class Violation extends Error {
  constructor(readonly text: Text) {
    super(text.en)
  }
}

export const fail = (en: string, zh: string): never => {
  throw new Violation({ en, zh })
}

export const yesNo = (v: boolean | null): Text => (v === null ? { zh: "待定", en: "unknown" } : v ? { zh: "是", en: "yes" } : { zh: "否", en: "no" })

/** no < unknown < yes */
export const order = (v: boolean | null): number => (v === null ? 1 : v ? 2 : 0)

const DATE_RE = /^\d{4}-\d{2}-\d{2}$/
const DROP = new Set(["text", "asOf", "provenance", "selection"])

/**
 * The decisions of an evaluation with dates made relative to the as-of date and texts dropped.
 * With `datesAsOne`, every date reads the same ("a date"): for comparisons across a month end,
 * where a date computed from the as-of date in months is not a translation.
 */
export const digest = (e: Evaluation.Evaluation, asOf: string, datesAsOne = false): string => {
  const walk = (v: unknown): unknown => {
    if (typeof v === "string") {
      if (!DATE_RE.test(v) || !CalendarDate.isValid(v)) return v
      return datesAsOne ? "a date" : `asOf${CalendarDate.daysBetween(asOf, v) >= 0 ? "+" : ""}${CalendarDate.daysBetween(asOf, v)}d`
    }
    if (Array.isArray(v)) return v.map(walk)
    if (typeof v === "object" && v !== null) {
      const o: Record<string, unknown> = {}
      for (const [k, x] of Object.entries(v)) if (!DROP.has(k)) o[k] = walk(x)
      return o
    }
    return v
  }
  return canonicalJson(walk(e))
}

/** The path of the first difference between two JSON values and the change there. */
export const firstDifference = (a: unknown, b: unknown, path = ""): [string, string] => {
  if (typeof a === "object" && a !== null && typeof b === "object" && b !== null) {
    const keys = new Set([...Object.keys(a), ...Object.keys(b)])
    for (const k of keys) {
      const x = (a as Record<string, unknown>)[k]
      const y = (b as Record<string, unknown>)[k]
      if (canonicalJson(x ?? null) !== canonicalJson(y ?? null)) return firstDifference(x, y, Array.isArray(a) ? `${path}[${k}]` : path === "" ? k : `${path}.${k}`)
    }
  }
  return [path === "" ? "(evaluation)" : path, `${JSON.stringify(a)} → ${JSON.stringify(b)}`]
}

/** A law's input with every case file in it masked (names, ID numbers, phones). */
export const maskInput = (v: unknown): unknown => {
  if (Array.isArray(v)) return v.map(maskInput)
  if (typeof v === "object" && v !== null) {
    if ("elder" in v && "supporters" in v) return Mask.caseFile(v as CaseFile.CaseFile)
    const o: Record<string, unknown> = {}
    for (const [k, x] of Object.entries(v)) o[k] = maskInput(x)
    return o
  }
  return v
}

export const indent = (s: string): string => s.split("\n").map((l) => `    ${l}`).join("\n")
