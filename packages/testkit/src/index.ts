/**
 * @liushou/testkit: fast-check arbitraries, synthetic populations, policy law packs,
 * scenario tests as data, and rule-change impact reports for liushou policy plugins.
 * vitest helpers (`checkPolicyLaws`, `runScenarios`) live in `@liushou/testkit/vitest`.
 *
 * @since 0.1.0
 */

export * as Arbitraries from "./Arbitraries.js"
export { caseFile as caseFileArb } from "./Arbitraries.js"
export type { CaseOptions } from "./Arbitraries.js"
export * as Impact from "./Impact.js"
export { diffPolicies } from "./Impact.js"
export * as IndicatorScenarios from "./IndicatorScenarios.js"
export * as Laws from "./Laws.js"
export * as Population from "./Population.js"
export { syntheticCases, syntheticPopulation } from "./Population.js"
export type { PopulationOptions } from "./Population.js"
export * as Scenarios from "./Scenarios.js"
