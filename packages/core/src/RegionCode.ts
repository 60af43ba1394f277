/**
 * Chinese administrative division codes (统计用区划代码), 12 digits for a village:
 * the first 2 / 4 / 6 / 9 digits name the province / prefecture / county / township.
 * A region *scope* is any such prefix: "43" is Hunan, "430121" is Changsha County.
 *
 * @since 0.1.0
 */

/**
 * A region code or prefix of 2, 4, 6, 9 or 12 digits.
 *
 * @category models
 * @since 0.1.0
 */
export type RegionCode = string

/**
 * The administrative levels, from the widest.
 *
 * @category models
 * @since 0.1.0
 */
export type RegionLevel = "province" | "prefecture" | "county" | "township" | "village"

/**
 * The levels in order, with the length of their code prefix.
 *
 * @category models
 * @since 0.1.0
 */
export const LEVELS: ReadonlyArray<{ readonly level: RegionLevel; readonly length: number }> = [
  { level: "province", length: 2 },
  { level: "prefecture", length: 4 },
  { level: "county", length: 6 },
  { level: "township", length: 9 },
  { level: "village", length: 12 }
]

const PREFIX_RE = /^(?:\d{2}|\d{4}|\d{6}|\d{9}|\d{12})$/

/**
 * Whether a string is a region code or prefix of a valid length (digits only, no wildcards).
 *
 * @category predicates
 * @since 0.1.0
 */
export const isValid = (code: string): boolean => PREFIX_RE.test(code) && !code.startsWith("00")

/**
 * Whether a string is a full 12-digit village code.
 *
 * @category predicates
 * @since 0.1.0
 */
export const isVillage = (code: string): boolean => code.length === 12 && isValid(code)

/**
 * The level of a code or prefix, or `undefined` when its length is not a level's.
 *
 * @category getters
 * @since 0.1.0
 */
export const level = (code: RegionCode): RegionLevel | undefined => LEVELS.find((l) => l.length === code.length)?.level

/**
 * The code of the region at a level that contains `code` (its prefix), or `undefined` if
 * `code` is coarser than that level.
 *
 * **Example**
 * ```ts
 * import { RegionCode } from "@liushou/core"
 * RegionCode.at("430121101201", "county") // "430121"
 * ```
 *
 * @category getters
 * @since 0.1.0
 */
export const at = (code: RegionCode, lvl: RegionLevel): RegionCode | undefined => {
  const len = LEVELS.find((l) => l.level === lvl)!.length
  return code.length >= len ? code.slice(0, len) : undefined
}

/**
 * The parent region's code, or `undefined` for a province.
 *
 * @category getters
 * @since 0.1.0
 */
export const parent = (code: RegionCode): RegionCode | undefined => {
  const i = LEVELS.findIndex((l) => l.length === code.length)
  return i > 0 ? code.slice(0, LEVELS[i - 1]!.length) : undefined
}

/**
 * Whether the region `scope` contains `code` (a region contains itself). A `null` scope is the
 * whole country.
 *
 * **Example**
 * ```ts
 * import { RegionCode } from "@liushou/core"
 * RegionCode.contains("4301", "430121101201") // true
 * RegionCode.contains("4302", "430121101201") // false
 * ```
 *
 * @category predicates
 * @since 0.1.0
 */
export const contains = (scope: RegionCode | null, code: RegionCode): boolean =>
  scope === null || (code.length >= scope.length && code.startsWith(scope))
