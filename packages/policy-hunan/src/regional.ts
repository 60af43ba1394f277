/**
 * Sample regional figures for a few Hunan counties, 2018–2023. THEY ARE SAMPLE FIGURES, of a
 * realistic order of magnitude, for tests and demonstrations: replace them with the county's
 * official published figures before any real use. A county not listed here has no value, and
 * every decision that needs one answers needs-information, naming the parameter.
 *
 * @since 0.1.0
 */
import type { Parameter } from "@liushou/core"

/**
 * The counties with sample figures: 430121 长沙县 (Changsha County), 430626 平江县 (Pingjiang,
 * Yueyang), 431123 双牌县 (Shuangpai, Yongzhou). Other counties, such as 430124 宁乡 (Ningxiang),
 * deliberately have none.
 *
 * @category models
 * @since 0.1.0
 */
export const SAMPLE_COUNTIES = {
  "430121": { zh: "长沙县", en: "Changsha County" },
  "430626": { zh: "平江县", en: "Pingjiang County" },
  "431123": { zh: "双牌县", en: "Shuangpai County" }
} as const

const SAMPLE = "SAMPLE FIGURE (示例数值), to be replaced by the county's official figure"

const series = (region: string, byYear: ReadonlyArray<number>): Array<Parameter.DatedValue<number>> =>
  byYear.map((value, i) => ({ from: `${2018 + i}-01-01`, value, region, reference: SAMPLE, status: "sample" as const }))

/**
 * Sample rural dibao standards, yuan per person per year (monthly standard × 12), 2018–2023.
 *
 * @category parameters
 * @since 0.1.0
 */
export const DIBAO_STANDARD: ReadonlyArray<Parameter.DatedValue<number>> = [
  ...series("430121", [4560, 5160, 5760, 6600, 7200, 7560]),
  ...series("430626", [3600, 4000, 4440, 4800, 5040, 5400]),
  ...series("431123", [3480, 3840, 4320, 4680, 4920, 5280])
]

/**
 * Sample rural per-capita disposable income of the previous year, yuan per year, 2018–2023.
 *
 * @category parameters
 * @since 0.1.0
 */
export const TEMPORARY_INCOME_CAP: ReadonlyArray<Parameter.DatedValue<number>> = [
  ...series("430121", [30910, 33700, 36400, 38500, 41500, 44000]),
  ...series("430626", [10900, 11900, 13000, 14000, 15300, 16400]),
  ...series("431123", [10500, 11500, 12600, 13600, 14900, 15900])
]

/**
 * Sample poverty lines (yuan per person per year at current prices), 2018–2020; unchanged after
 * registration closed.
 *
 * @category parameters
 * @since 0.1.0
 */
export const POVERTY_LINE: ReadonlyArray<Parameter.DatedValue<number>> = [
  { from: "2018-01-01", value: 3500, reference: SAMPLE, status: "sample" },
  { from: "2019-01-01", value: 3750, reference: SAMPLE, status: "sample" },
  { from: "2020-01-01", value: 4000, reference: SAMPLE, status: "sample" }
]
