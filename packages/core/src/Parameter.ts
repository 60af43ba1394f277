/**
 * Dated parameters: law and code stay apart. A parameter is a series of values, each in force
 * from a date (and optionally for a region), each with a reference to the clause it comes
 * from. A change in the law is a new dated value, never an edit of an old one.
 *
 * @since 0.1.0
 */
import * as CalendarDate from "./CalendarDate.js"
import type { Basis, Citation, Text } from "./Decision.js"
import type { VocabularyName } from "./Policy.js"
import * as RegionCode from "./RegionCode.js"

/**
 * One value of a parameter, in force from `from` (inclusive) until the next value's `from`
 * for the same region, or until `until` (inclusive) when given.
 *
 * @category models
 * @since 0.1.0
 */
export interface DatedValue<A> {
  readonly from: CalendarDate.CalendarDate
  readonly until?: CalendarDate.CalendarDate
  readonly value: A
  /** region-code prefix this value applies to; absent = everywhere the plugin governs */
  readonly region?: RegionCode.RegionCode
  /** where the number comes from, when not the parameter's own reference */
  readonly reference?: string
  /** this value's status when it differs from the parameter's (e.g. a sample figure in a series) */
  readonly status?: Status
}

/**
 * What a parameter's value rests on (the same scale as a reason's basis): `law` only when the
 * cited article itself sets the value (the reference names that article); `interpretation` a
 * reading of open text; `local` a choice where the text is silent (a prefecture or county may
 * override it); `sample` a placeholder figure for demonstration.
 *
 * @category models
 * @since 0.2.0
 */
export type Status = Basis

/**
 * A parameter of a policy plugin.
 *
 * @category models
 * @since 0.1.0
 */
export interface Parameter<A = unknown> {
  /** stable, namespaced id, e.g. `national.leftBehind.minAge` */
  readonly id: string
  readonly description: Text
  readonly unit?: string
  readonly reference: Citation
  /**
   * What the value rests on: `law` (set by the cited article; a county cannot override it),
   * `interpretation`, `local` or `sample` (all overridable by a prefecture or county). A value
   * may carry its own `status` (sample figures in a regional series).
   */
  readonly status: Status
  /**
   * A figure set per region, such as the county dibao standard, that may be missing for a
   * region (then a decision that needs it says needs-information, never guesses).
   */
  readonly regional?: boolean
  readonly values: ReadonlyArray<DatedValue<A>>
  /**
   * A table keyed by a vocabulary of the chain (e.g. visit intervals by `riskLevels`): the
   * loader checks that each value has exactly one entry per id of the governing chain.
   * @since 0.2.0
   */
  readonly keyedBy?: VocabularyName
  /**
   * The value's strings (a string, a list, or a table's values) are ids of a vocabulary of
   * the chain (e.g. the concerns that trigger a referral): the loader checks they are declared.
   * @since 0.2.0
   */
  readonly valuesFrom?: VocabularyName
}

/**
 * A parameter value as resolved at a date (and region): what provenance records.
 *
 * @category models
 * @since 0.1.0
 */
export interface Resolved<A = unknown> {
  readonly id: string
  readonly value: A
  readonly from: CalendarDate.CalendarDate
  readonly region: RegionCode.RegionCode | null
  /** the plugin (id@version) whose value this is */
  readonly source: string
  /** what the value rests on (the value's own status, else the parameter's) */
  readonly status: Status
}

/**
 * Defines a parameter (an identity function that checks the type).
 *
 * **Example**
 * ```ts
 * import { Decision, Parameter } from "@liushou/core"
 * export const minAge = Parameter.define<number>({
 *   id: "national.leftBehind.minAge",
 *   description: { zh: "留守老年人最低年龄（周岁）", en: "Minimum age of a left-behind elder (full years)" },
 *   unit: "years",
 *   status: "law",
 *   reference: Decision.cite("老年人权益保障法", "2"),
 *   values: [{ from: "2018-02-24", value: 60 }]
 * })
 * ```
 *
 * @category constructors
 * @since 0.1.0
 */
export const define = <A>(parameter: Parameter<A>): Parameter<A> => parameter

/**
 * The value in force at `date` for `region` (the most specific region wins, then the latest
 * start), or `undefined`.
 *
 * @category getters
 * @since 0.1.0
 */
export const valueAt = <A>(
  parameter: Parameter<A>,
  date: CalendarDate.CalendarDate,
  region: RegionCode.RegionCode | null = null
): DatedValue<A> | undefined => {
  let best: DatedValue<A> | undefined
  let bestNextFrom: string | undefined
  for (const v of parameter.values) {
    if (v.from > date) continue
    if (v.until !== undefined && v.until < date) continue
    if (v.region !== undefined && (region === null || !RegionCode.contains(v.region, region))) continue
    if (
      best === undefined ||
      (v.region?.length ?? 0) > (best.region?.length ?? 0) ||
      ((v.region?.length ?? 0) === (best.region?.length ?? 0) && v.from > best.from)
    ) {
      best = v
      bestNextFrom = undefined
    }
  }
  if (best === undefined) return undefined
  // a value without `until` ends where the next value for the same region starts
  for (const v of parameter.values) {
    if (v.region === best.region && v.from > best.from && (bestNextFrom === undefined || v.from < bestNextFrom)) bestNextFrom = v.from
  }
  return bestNextFrom !== undefined && bestNextFrom <= date ? undefined : best
}

/**
 * A problem found in a parameter's series of values.
 *
 * @category errors
 * @since 0.1.0
 */
export interface SeriesProblem {
  readonly parameter: string
  readonly kind: "overlap" | "gap" | "starts-late" | "empty" | "bad-date"
  readonly region: RegionCode.RegionCode | null
  readonly at: CalendarDate.CalendarDate | null
  readonly text: Text
}

/**
 * Checks a series: real dates, no two values in force at once for the same region (overlap),
 * no days without a value between two values (gap), and, for parameters that are not regional,
 * a value in force from `start` (the plugin's effective date) on.
 *
 * @category predicates
 * @since 0.1.0
 */
export const checkSeries = (parameter: Parameter, start: CalendarDate.CalendarDate | null): ReadonlyArray<SeriesProblem> => {
  const problems: Array<SeriesProblem> = []
  const id = parameter.id
  if (parameter.values.length === 0 && parameter.regional !== true) {
    problems.push({ parameter: id, kind: "empty", region: null, at: null, text: { zh: `参数 ${id} 没有任何取值`, en: `parameter ${id} has no values` } })
    return problems
  }
  const byRegion = new Map<string, Array<DatedValue<unknown>>>()
  for (const v of parameter.values) {
    if (!CalendarDate.isValid(v.from) || (v.until !== undefined && (!CalendarDate.isValid(v.until) || v.until < v.from))) {
      problems.push({
        parameter: id,
        kind: "bad-date",
        region: v.region ?? null,
        at: v.from,
        text: { zh: `参数 ${id} 的日期无效：${v.from}..${v.until ?? ""}`, en: `parameter ${id} has an invalid date range ${v.from}..${v.until ?? ""}` }
      })
      continue
    }
    const key = v.region ?? ""
    const list = byRegion.get(key) ?? []
    list.push(v)
    byRegion.set(key, list)
  }
  for (const [key, list] of byRegion) {
    const region = key === "" ? null : key
    list.sort((a, b) => CalendarDate.compare(a.from, b.from))
    for (let i = 1; i < list.length; i++) {
      const prev = list[i - 1]!
      const cur = list[i]!
      if (cur.from === prev.from || (prev.until !== undefined && prev.until >= cur.from)) {
        problems.push({
          parameter: id,
          kind: "overlap",
          region,
          at: cur.from,
          text: {
            zh: `参数 ${id}${region ? `（区划 ${region}）` : ""} 在 ${cur.from} 有两个同时生效的取值`,
            en: `parameter ${id}${region ? ` (region ${region})` : ""} has two values in force on ${cur.from}`
          }
        })
      } else if (prev.until !== undefined && CalendarDate.addDays(prev.until, 1) < cur.from) {
        const gapStart = CalendarDate.addDays(prev.until, 1)
        problems.push({
          parameter: id,
          kind: "gap",
          region,
          at: gapStart,
          text: {
            zh: `参数 ${id}${region ? `（区划 ${region}）` : ""} 从 ${gapStart} 到 ${CalendarDate.addDays(cur.from, -1)} 没有取值`,
            en: `parameter ${id}${region ? ` (region ${region})` : ""} has no value from ${gapStart} to ${CalendarDate.addDays(cur.from, -1)}`
          }
        })
      }
    }
    if (region === null && start !== null && parameter.regional !== true && list.length > 0 && list[0]!.from > start) {
      problems.push({
        parameter: id,
        kind: "starts-late",
        region: null,
        at: start,
        text: {
          zh: `参数 ${id} 的第一个取值从 ${list[0]!.from} 起，晚于政策生效日 ${start}`,
          en: `parameter ${id} starts on ${list[0]!.from}, after the policy's effective date ${start}`
        }
      })
    }
  }
  return problems
}

/**
 * Every date at which a parameter's value may change (value starts and the day after an end).
 *
 * @category getters
 * @since 0.1.0
 */
export const changeDates = (parameter: Parameter): ReadonlyArray<CalendarDate.CalendarDate> => {
  const out = new Set<string>()
  for (const v of parameter.values) {
    out.add(v.from)
    if (v.until !== undefined && CalendarDate.isValid(v.until)) out.add(CalendarDate.addDays(v.until, 1))
  }
  return [...out].sort()
}
