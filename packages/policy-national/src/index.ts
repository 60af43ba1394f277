/**
 * @liushou/policy-national: the national baseline (民发〔2017〕193号). Provinces extend it.
 *
 * @since 0.1.0
 */

export { CIVIL_CODE, DOCUMENT, ELDERLY_RIGHTS_LAW, LEGAL_AID_LAW, VISITS_GUIDANCE_2022 } from "./document.js"
export { CLAUSES, national } from "./national.js"
export * as NationalParameters from "./parameters.js"
export { DUTIES, duties } from "./rules/duties.js"
export { leftBehind } from "./rules/leftBehind.js"
export { priority } from "./rules/priority.js"
export { notApplicableSchedule, VISIT_WINDOWS, visits } from "./rules/visits.js"
export { ABILITY_RANK, hasDirectObligor, isObligor, type Obligors, receivesAny } from "./rules/shared.js"
export * from "./vocabularies.js"
