/**
 * The plugins the host loads when no configuration names others.
 */
import { Loader } from "@liushou/core"
import { national } from "@liushou/policy-national"
import { hunan } from "@liushou/policy-hunan"
import { threeTierProvince } from "@liushou/example-three-tier-province"
import { changshaCounty } from "@liushou/example-changsha-county"

/** The built-in plugins, baseline first. */
export const BUILTIN_PLUGINS: ReadonlyArray<unknown> = [national, hunan, threeTierProvince, changshaCounty]

/** Loads the built-in plugins. */
export const builtinRegistry = (): Loader.Registry => Loader.load(BUILTIN_PLUGINS)
