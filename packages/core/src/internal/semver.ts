/** A small semver range check: `*`, `x.y.z`, `^x.y.z`, `~x.y.z`, `>=x.y.z`, `<x.y.z`, space-joined (and), `||`-joined (or). */
type V = readonly [number, number, number]
const parse = (v: string): V | undefined => {
  const m = /^v?(\d+)\.(\d+)\.(\d+)(?:[-+].*)?$/.exec(v.trim())
  return m ? [+m[1]!, +m[2]!, +m[3]!] : undefined
}
const cmp = (a: V, b: V): number => a[0] - b[0] || a[1] - b[1] || a[2] - b[2]

export const isVersion = (v: string): boolean => parse(v) !== undefined

const one = (v: V, c: string): boolean | undefined => {
  if (c === "*" || c === "") return true
  const op = /^(\^|~|>=|<=|>|<|=)?(.*)$/.exec(c)!
  const t = parse(op[2]!)
  if (t === undefined) return undefined
  switch (op[1]) {
    case "^":
      return cmp(v, t) >= 0 && (t[0] > 0 ? v[0] === t[0] : t[1] > 0 ? v[0] === 0 && v[1] === t[1] : cmp(v, t) === 0)
    case "~":
      return cmp(v, t) >= 0 && v[0] === t[0] && v[1] === t[1]
    case ">=":
      return cmp(v, t) >= 0
    case "<=":
      return cmp(v, t) <= 0
    case ">":
      return cmp(v, t) > 0
    case "<":
      return cmp(v, t) < 0
    default:
      return cmp(v, t) === 0
  }
}

/** Whether `version` satisfies `range`; `undefined` when either does not parse. */
export const satisfies = (version: string, range: string): boolean | undefined => {
  const v = parse(version)
  if (v === undefined) return undefined
  let any = false
  for (const alt of range.split("||")) {
    let all = true
    for (const c of alt.trim().split(/\s+/)) {
      const r = one(v, c)
      if (r === undefined) return undefined
      all &&= r
    }
    any ||= all
  }
  return any
}

export const compareVersions = (a: string, b: string): number => cmp(parse(a) ?? [0, 0, 0], parse(b) ?? [0, 0, 0])
