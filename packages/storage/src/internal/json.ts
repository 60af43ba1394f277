import { canonicalJson } from "@liushou/core"

export { canonicalJson }

const isObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === "object" && !Array.isArray(v)

const join = (path: string, key: string | number): string =>
  typeof key === "number" ? `${path}[${key}]` : path === "" ? key : `${path}.${key}`

/**
 * The paths where two JSON values differ (leaves, array items by index, missing keys), at
 * most `limit` of them, with the values on each side.
 */
export const differences = (a: unknown, b: unknown, limit = 50): Array<{ path: string; stored: unknown; recomputed: unknown }> => {
  const out: Array<{ path: string; stored: unknown; recomputed: unknown }> = []
  const walk = (x: unknown, y: unknown, path: string): void => {
    if (out.length >= limit) return
    if (Array.isArray(x) && Array.isArray(y)) {
      const n = Math.max(x.length, y.length)
      for (let i = 0; i < n; i++) walk(x[i], y[i], join(path, i))
      return
    }
    if (isObject(x) && isObject(y)) {
      const keys = new Set([...Object.keys(x), ...Object.keys(y)])
      for (const k of [...keys].sort()) walk(x[k], y[k], join(path, k))
      return
    }
    if (canonicalJson(x) !== canonicalJson(y)) out.push({ path: path === "" ? "(root)" : path, stored: x, recomputed: y })
  }
  walk(a, b, "")
  return out
}

/** The field paths that differ between two case files (for history): values are not kept here. */
export const changedPaths = (before: unknown, after: unknown): Array<string> => differences(before, after, 200).map((d) => d.path)
