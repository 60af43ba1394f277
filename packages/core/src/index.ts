/**
 * @liushou/core: schemas and pure rules machinery for care services to rural left-behind
 * elders. No policy numbers live here; they live in policy plugins.
 *
 * @since 0.1.0
 */

export * as Assignment from "./Assignment.js"
export * as CalendarDate from "./CalendarDate.js"
export * as CaseFile from "./CaseFile.js"
export * as Decision from "./Decision.js"
export * as Decode from "./Decode.js"
export * as Divisions from "./Divisions.js"
export * as Engine from "./Engine.js"
export * as Evaluation from "./Evaluation.js"
export * as IdNumber from "./IdNumber.js"
export * as Indicator from "./Indicator.js"
export * as Loader from "./Loader.js"
export * as Mask from "./Mask.js"
export * as Membership from "./Membership.js"
export * as Outcome from "./Outcome.js"
export * as Parameter from "./Parameter.js"
export * as Policy from "./Policy.js"
export * as Recheck from "./Recheck.js"
export * as RegionCode from "./RegionCode.js"
export * as Selection from "./Selection.js"
export * as Service from "./Service.js"
export * as Summary from "./Summary.js"
export * as Version from "./Version.js"
export * as Workflow from "./Workflow.js"
export { canonicalJson, hash64 } from "./internal/hash.js"
