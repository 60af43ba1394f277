/**
 * Plausible region codes for test data: real county-level codes (统计用区划代码, from the
 * GB/T 2260 list, core's `Divisions`) and synthetic township (3 digits, 1xx) and village (3 digits,
 * 2xx) suffixes.
 */
import { Divisions } from "@liushou/core"

/** The name of a province, prefecture or county code (the first 2, 4 or 6 digits of a longer code), or undefined. */
export const nameOf = (code: string): string | undefined => Divisions.name(code) ?? (code.length > 6 ? Divisions.name(code.slice(0, 6)) : undefined)

/** The real counties inside a province or prefecture prefix, from the division list. */
export const realCountiesIn = Divisions.countiesIn

/** Hunan counties and county-level cities used by default (code, English name). */
export const HUNAN_COUNTIES: ReadonlyArray<string> = [
  "430121", // Changsha County
  "430124", // Ningxiang (county code before 2017)
  "430181", // Liuyang
  "430182", // Ningxiang
  "430221", // Zhuzhou County
  "430321", // Xiangtan County
  "430421", // Hengyang County
  "430521", // Shaodong
  "430621", // Yueyang County
  "430721", // Anxiang
  "430821", // Cili
  "430921", // Nan County
  "431021", // Guiyang (Chenzhou)
  "431121", // Qiyang
  "431124", // Dao County
  "431221", // Zhongfang
  "431321", // Shuangfeng
  "433122" // Luxi (Xiangxi)
]

/** Counties of other provinces, for national populations. */
export const OTHER_COUNTIES: ReadonlyArray<string> = [
  "130121", // Jingxing, Hebei
  "340121", // Changfeng, Anhui
  "360121", // Nanchang County, Jiangxi
  "410122", // Zhongmou, Henan
  "420115", // Jiangxia, Hubei
  "500228", // Liangping, Chongqing
  "510121", // Jintang, Sichuan
  "520121" // Kaiyang, Guizhou
]

const ALL = [...HUNAN_COUNTIES, ...OTHER_COUNTIES]

/**
 * The county codes a population in `region` is spread over: for Hunan the hand-picked counties
 * above; for any other province or prefecture its real counties (GB/T 2260 list); counties made
 * up inside it only for a prefix the list does not know.
 */
export const countiesIn = (region: string | null): ReadonlyArray<string> => {
  if (region === null || region === "") return ALL
  if (region.length >= 6) return [region.slice(0, 6)]
  // Hunan keeps its hand-picked counties (the demo data and its figures rest on them); any other
  // province or prefecture spreads over its real counties
  const known = ALL.filter((c) => c.startsWith(region))
  if (region.startsWith("43") && known.length > 0) return known
  const real = realCountiesIn(region)
  if (real.length > 0) return real
  if (known.length > 0) return known
  if (region.length === 2) return ["0121", "0181", "0221", "0321", "0421"].map((s) => region + s)
  return ["21", "22", "23", "81"].map((s) => region + s)
}

/** A village code inside `region` from a township index (0-based) and village index (0-based). */
export const village = (region: string | null, county: string, township: number, villageIndex: number): string => {
  if (region !== null && region.length === 12) return region
  if (region !== null && region.length === 9) return region + String(201 + villageIndex).padStart(3, "0")
  return county + String(101 + township).padStart(3, "0") + String(201 + villageIndex).padStart(3, "0")
}
