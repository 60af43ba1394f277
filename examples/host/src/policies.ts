/**
 * The plugins the host loads when no configuration names others.
 */
import { Loader } from "@liushou/core"
import { national } from "@liushou/policy-national"
import { hunan } from "@liushou/policy-hunan"

/** The built-in plugins, baseline first: the national baseline and the Hunan reference plugin. */
export const BUILTIN_PLUGINS: ReadonlyArray<unknown> = [national, hunan]

/** The packages of the example plugins: in the repository, not published with `@liushou/cli`. */
export const EXAMPLE_PACKAGES = ["@liushou/example-three-tier-province", "@liushou/example-changsha-county"] as const

/**
 * The example plugins (a sample three-tier province, and a sample county override of Changsha
 * County 430121), imported only when asked for (`"examples": true` in the configuration, or by
 * `liushou diff`): a sample must never govern real elders by default. They live in the
 * repository's workspace; the published `@liushou/cli` does not carry them, so there they are
 * reported missing (and `diff` goes on without them).
 */
export const loadExamplePlugins = async (): Promise<{ readonly plugins: ReadonlyArray<unknown>; readonly missing: ReadonlyArray<string> }> => {
  const plugins: Array<unknown> = []
  const missing: Array<string> = []
  // literal specifiers, so a bundler leaves each import to run time
  const loaders: ReadonlyArray<readonly [string, () => Promise<unknown>]> = [
    [EXAMPLE_PACKAGES[0], async () => (await import("@liushou/example-three-tier-province")).threeTierProvince],
    [EXAMPLE_PACKAGES[1], async () => (await import("@liushou/example-changsha-county")).changshaCounty]
  ]
  for (const [name, load] of loaders) {
    try {
      plugins.push(await load())
    } catch {
      missing.push(name)
    }
  }
  return { plugins, missing }
}

/** Loads the built-in plugins. */
export const builtinRegistry = (): Loader.Registry => Loader.load(BUILTIN_PLUGINS)
