/**
 * The plugins the host loads when no configuration names others.
 */
import { Loader } from "@liushou/core"
import { national } from "@liushou/policy-national"

/** The built-in plugins, baseline first. */
export const BUILTIN_PLUGINS: ReadonlyArray<unknown> = [national]

/** Loads the built-in plugins. */
export const builtinRegistry = (): Loader.Registry => Loader.load(BUILTIN_PLUGINS)
