/**
 * Ledger upkeep (§1): how long verified facts stay valid.
 *
 * @since 0.1.0
 */
import { Parameter } from "@liushou/core"
import { from, hn } from "./shared.js"

/**
 * How long a verification of each group of facts stays valid, in days (§1 "定期排查…及时更新
 * 信息台账"; the text names no period). Supporters' whereabouts change most often (migrant work
 * is seasonal): half a year; income, health and housing: a year, in step with the annual risk
 * assessment of §8. Local choices a county may override.
 *
 * @category parameters
 * @since 0.2.0
 */
export const factValidityDays = Parameter.define<Readonly<Record<"supporters" | "income" | "health" | "housing", number>>>({
  id: "hunan.upkeep.validityDays",
  description: { zh: "各类信息核实后的有效期（天）", en: "How long each group of facts stays valid after it is verified (days)" },
  unit: "days",
  status: "local",
  reference: hn("1"),
  values: [{ from, value: { supporters: 183, income: 365, health: 365, housing: 365 }, reference: "§1 定期排查、及时更新 without a period: half a year for whereabouts, a year for the rest (with §8's annual assessment)" }]
})
