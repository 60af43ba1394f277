import { Policy } from "@liushou/core"
import { CLAUSES, DOCUMENT, EFFECTIVE_FROM, EFFECTIVE_UNTIL } from "./document.js"
import { INDICATORS } from "./indicators.js"
import { PARAMETERS } from "./parameters/index.js"
import { eligibility } from "./rules/eligibility.js"
import { followUp } from "./rules/followUp.js"
import { priority } from "./rules/priority.js"
import { referrals } from "./rules/referrals.js"
import { responsibility } from "./rules/responsibility.js"
import { upkeep } from "./rules/upkeep.js"
import { RISK_LEVELS, risk } from "./rules/risk.js"
import { services } from "./rules/services.js"
import { visits } from "./rules/visits.js"
import { SERVICE_KINDS } from "./vocabularies.js"

/**
 * The rules Hunan adds to the national baseline, and the ones it replaces (`priority`, `visits`).
 *
 * @category rules
 * @since 0.1.0
 */
export const RULES = { priority, followUp, risk, visits, eligibility, referrals, responsibility, upkeep, services } as const

/**
 * The Hunan plugin (湘民发〔2018〕30号), extending the national baseline: identification in
 * Hunan's words (away from the county), priority screening of economically difficult elders of
 * advanced age or disabled, the village committee's follow-up, annual risk grading, periodic
 * visits, assistance eligibility for every program, referrals, and the named responsibility
 * for each elder (responsible visitor, pairing), the care services each elder needs against
 * those received (§10, §4), and a reference evaluation method (考评, `INDICATORS`). In force 2018-08-03 to
 * 2023-08-02; outside that, the national baseline governs.
 *
 * **Example**
 * ```ts
 * import { Engine, Loader } from "@liushou/core"
 * import { hunan } from "@liushou/policy-hunan"
 * import { national } from "@liushou/policy-national"
 * const engine = Engine.make(Loader.load([national, hunan]))
 * const r = engine.evaluate(caseFile, "2019-06-30")
 * ```
 *
 * @category plugins
 * @since 0.1.0
 */
export const hunan: Policy.PolicyPlugin = Policy.define({
  id: "hunan-2018-30",
  version: "1.3.0",
  document: DOCUMENT,
  region: "43",
  effectiveFrom: EFFECTIVE_FROM,
  effectiveUntil: EFFECTIVE_UNTIL,
  core: "^0.1.0",
  extends: { id: "national-2017-193", version: "^1.0.0" },
  riskLevels: RISK_LEVELS,
  vocabularies: { serviceKinds: SERVICE_KINDS },
  parameters: PARAMETERS,
  rules: RULES,
  overrides: ["priority", "visits"],
  clauses: CLAUSES,
  indicators: INDICATORS,
  description: {
    zh: "湖南：留守认定（离开县域）、重点排查、村委会督促、年度风险等级评估、定期探访、关爱救助资格、发现报告转介救助",
    en: "Hunan: identification (away from the county), priority screening, village follow-up, annual risk grading, periodic visits, assistance eligibility, discover-report-refer-assist"
  }
})
