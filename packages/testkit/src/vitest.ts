/**
 * vitest integration: one call in a plugin's test file registers a test per law, or per
 * scenario. Import from `@liushou/testkit/vitest` (vitest is a peer dependency).
 *
 * @since 0.1.0
 */
import { describe, it } from "vitest"
import * as IndicatorScenarios from "./IndicatorScenarios.js"
import * as Laws from "./Laws.js"
import * as Scenarios from "./Scenarios.js"

/**
 * Registers one vitest test per law of the law pack for a policy. A broken law fails its
 * test with the law in words (en and zh), the shrunk case and the seed to replay.
 *
 * **Example**
 * ```ts
 * // test/laws.test.ts of a plugin package
 * import { checkPolicyLaws } from "@liushou/testkit/vitest"
 * import { national } from "@liushou/policy-national"
 * import { myProvince } from "../src/index.js"
 * checkPolicyLaws([national, myProvince], { numRuns: 500 })
 * ```
 *
 * @category constructors
 * @since 0.1.0
 */
const verbose = typeof process !== "undefined" && process.env?.LIUSHOU_LAW_VERBOSE === "1"
/** each law's time limit unless `timeout` is given: 60 s, or 4 min where CI is set (shared, busy machines) */
const defaultTimeout = typeof process !== "undefined" && process.env?.CI ? 240_000 : 60_000

export const checkPolicyLaws = (input: Laws.PolicyInput, options: Laws.LawOptions & { readonly timeout?: number } = {}): void => {
  const pack = Laws.prepare(input, options)
  // the seed and runs are in the suite's name, so every test report shows what to replay
  describe(`policy laws: ${pack.policy} (seed ${pack.seed}, ${pack.numRuns} runs)`, () => {
    for (const law of pack.laws) {
      it(`${law.id}: ${law.statement.en}`, () => {
        const r = pack.run(law.id)
        if (verbose) console.log(`${pack.policy} ${law.id}: ${r.exercised} of ${r.runs} runs exercised (floor ${r.floor})${r.features === undefined ? "" : `; reached ${Object.entries(r.features).map(([k, n]) => `${k} ${n}`).join(", ")}`}`)
        if (!r.ok) throw new Error(`${r.message!.en}\n\n${r.message!.zh}`)
      }, options.timeout ?? defaultTimeout)
    }
  })
}

/**
 * Registers one vitest test per scenario found in the given files or directories (YAML or
 * JSON, see docs/testing-rules.md).
 *
 * **Example**
 * ```ts
 * import { runScenarios } from "@liushou/testkit/vitest"
 * import { Loader } from "@liushou/core"
 * import { national } from "@liushou/policy-national"
 * runScenarios(new URL("./scenarios", import.meta.url), Loader.load([national]))
 * ```
 *
 * @category constructors
 * @since 0.1.0
 */
export const runScenarios = (paths: Scenarios.Paths, registry: Scenarios.RegistryInput, options: Scenarios.RunOptions = {}): void => {
  const files = Scenarios.loadFiles(paths)
  const runner = Scenarios.runner(registry, options)
  for (const file of files) {
    describe(`scenarios: ${file.name}`, () => {
      if (file.error !== null) {
        it("loads", () => {
          throw new Error(`${file.error!.en}\n${file.error!.zh}`)
        })
        return
      }
      for (const scenario of file.scenarios) {
        it(scenario.name, () => {
          const r = runner(scenario)
          if (!r.ok) throw new Error(`${r.message!.en}\n\n${r.message!.zh}`)
        })
      }
    })
  }
}

/**
 * Registers one vitest test per evaluation-indicator scenario (考评) of the given files (see
 * `IndicatorScenarios`): the numerators and denominators it expects, and rankings.
 *
 * **Example**
 * ```ts
 * import { runIndicatorScenarios } from "@liushou/testkit/vitest"
 * runIndicatorScenarios([new URL("./indicators/s10-evaluation.yaml", import.meta.url).pathname], Loader.load([national, hunan]), [referralWorkflow])
 * ```
 *
 * @category constructors
 * @since 0.3.0
 */
export const runIndicatorScenarios = (
  paths: ReadonlyArray<string>,
  registry: Parameters<typeof IndicatorScenarios.report>[2],
  workflows: Parameters<typeof IndicatorScenarios.report>[3]
): void => {
  for (const path of paths) {
    const file = IndicatorScenarios.loadFile(path)
    describe(`indicator scenarios: ${file.name}`, () => {
      for (const scenario of file.scenarios) {
        it(scenario.name, () => {
          const problems = IndicatorScenarios.check(IndicatorScenarios.report(file, scenario, registry, workflows), scenario)
          if (problems.length > 0) throw new Error(problems.join("\n"))
        })
      }
    })
  }
}
