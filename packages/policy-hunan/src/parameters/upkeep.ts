/**
 * Ledger upkeep (§1): how long verified facts stay valid.
 *
 * @since 0.1.0
 */
import type { Parameter } from "@liushou/core"
import { hn, parameter } from "./shared.js"

/**
 * How long a verification of each group of facts stays valid, in days (§1 "定期排查…及时更新
 * 信息台账"; the text names no period). Supporters' whereabouts change most often (migrant work
 * is seasonal): half a year; income, health and housing: a year, in step with the annual risk
 * assessment of §8. Local choices a county may override.
 *
 * @category parameters
 * @since 0.2.0
 */
export const factValidityDays: Parameter.Parameter<Readonly<Record<"supporters" | "income" | "health" | "housing", number>>> = parameter("hunan.upkeep.validityDays", "local", hn("1"), { supporters: 183, income: 365, health: 365, housing: 365 },
  { zh: "各类信息核实后的有效期（天）", en: "How long each group of facts stays valid after it is verified (days)" },
  { unit: "days", note: "§1 定期排查、及时更新 without a period: half a year for whereabouts, a year for the rest (with §8's annual assessment)" })
