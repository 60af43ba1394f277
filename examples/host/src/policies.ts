/**
 * The plugins the host loads when no configuration names others.
 */
import { Loader } from "@liushou/core"
import { national } from "@liushou/policy-national"
import { hunan } from "@liushou/policy-hunan"
import { threeTierProvince } from "@liushou/example-three-tier-province"
import { changshaCounty } from "@liushou/example-changsha-county"

/** The built-in plugins, baseline first: the national baseline and the Hunan reference plugin. */
export const BUILTIN_PLUGINS: ReadonlyArray<unknown> = [national, hunan]

/**
 * The example plugins (a sample three-tier province, and a sample county override of Changsha
 * County 430121). Loaded only when asked for (`"examples": true` in the configuration, or by
 * `liushou diff`): a sample must never govern real elders by default.
 */
export const EXAMPLE_PLUGINS: ReadonlyArray<unknown> = [threeTierProvince, changshaCounty]

/** Loads the built-in plugins (and the examples when asked for). */
export const builtinRegistry = (options: { readonly examples?: boolean } = {}): Loader.Registry =>
  Loader.load(options.examples === true ? [...BUILTIN_PLUGINS, ...EXAMPLE_PLUGINS] : BUILTIN_PLUGINS)
