/**
 * Hunan's reading of who is left behind (§1): the national parameters of the same ids, overridden.
 *
 * @since 0.1.0
 */
import type { CaseFile, Parameter } from "@liushou/core"
import { hn, parameter } from "./shared.js"

/**
 * Hunan's definition: all children or other supporters "全部离开县域范围外出" — only whereabouts
 * outside the county count as away. Overrides the national parameter of the same id.
 *
 * @category parameters
 * @since 0.1.0
 */
export const awayWhereabouts: Parameter.Parameter<ReadonlyArray<CaseFile.Whereabouts>> = parameter("national.leftBehind.awayWhereabouts", "law", hn("1"), ["out-of-county"],
  { zh: "视为“外出”的去向：离开县域范围", en: "Whereabouts that count as away: out of the county" })

/**
 * "外出半年以上": six months, inclusive. Overrides the national parameter of the same id (a
 * local choice there, the text of the law here).
 *
 * @category parameters
 * @since 0.1.0
 */
export const minAbsenceMonths: Parameter.Parameter<number> = parameter("national.leftBehind.minAbsenceMonths", "law", hn("1"), 6,
  { zh: "赡养人外出最短时长（月，含本数）", en: "Minimum time supporters have been away (months, inclusive)" }, { unit: "months" })
