import { Policy } from "@liushou/core"
import { DOCUMENT } from "./document.js"
import { EFFECTIVE_FROM, PARAMETERS } from "./parameters.js"
import { duties } from "./rules/duties.js"
import { leftBehind } from "./rules/leftBehind.js"
import { priority } from "./rules/priority.js"
import { visits } from "./rules/visits.js"
import { VOCABULARIES } from "./vocabularies.js"

/**
 * Where 民发〔2017〕193号 says what each topic means (section numbers of the opinion's main
 * tasks as publicly reported; see docs/clause-map.md).
 *
 * @category models
 * @since 0.1.0
 */
export const CLAUSES = {
  identification: "2",
  priority: "2",
  "duties.contact": "2",
  "duties.report": "2",
  "duties.delegation": "2",
  "duties.carer-at-home": "2",
  "duties.financial": "2",
  assistance: "2",
  visits: "2",
  "visits.modes": "2"
} as const

/**
 * The national baseline plugin (民发〔2017〕193号): left-behind identification, priority
 * screening, family-duty findings and the periodic-visit duty (定期探访, with the 2022 guidance on
 * visits to elders in special difficulty). It sets no risk grade: the opinion only encourages
 * places that can to build a risk-assessment system. Governs every region (region `null`) from
 * 2018-02-24, with no end date.
 *
 * **Example**
 * ```ts
 * import { Engine, Loader } from "@liushou/core"
 * import { national } from "@liushou/policy-national"
 * const engine = Engine.make(Loader.load([national]))
 * ```
 *
 * @category plugins
 * @since 0.1.0
 */
export const national: Policy.PolicyPlugin = Policy.define({
  id: "national-2017-193",
  version: "1.0.0",
  document: DOCUMENT,
  region: null,
  effectiveFrom: EFFECTIVE_FROM,
  effectiveUntil: null,
  core: "^0.1.0",
  extends: null,
  vocabularies: VOCABULARIES,
  parameters: PARAMETERS,
  rules: { leftBehind, priority, duties, visits },
  overrides: [],
  clauses: CLAUSES,
  description: {
    zh: "全国基线：农村留守老年人认定、重点排查、家庭赡养责任、定期探访",
    en: "National baseline: left-behind identification, priority screening, family duties, periodic visits"
  }
})
