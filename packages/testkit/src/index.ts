/**
 * @liushou/testkit: fast-check arbitraries, synthetic populations, policy law packs,
 * scenario tests as data, and rule-change impact reports for liushou policy plugins.
 *
 * @since 0.1.0
 */

export * as Population from "./Population.js"
export { syntheticCases, syntheticPopulation } from "./Population.js"
export type { PopulationOptions } from "./Population.js"
