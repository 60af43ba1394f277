import { fc } from "@fast-check/vitest"
import { beforeEach } from "vitest"

// A property test without its own seed is named "<label> (with seed=<random>)". Stryker records
// the tests of its dry run by name and runs a mutant's covering tests by name, so with a new
// random seed in every worker no property test ever ran against a mutant. One fixed seed keeps
// the names (and the generated cases) the same in the dry run and in every mutant run.
fc.configureGlobal({ ...fc.readConfigureGlobal(), seed: 20181030 })

// `pnpm mutate --retest-survivors` (MUTATE_COVERAGE=all) is meant to try each survivor against
// every test of the package. Stryker's vitest runner ignores `coverageAnalysis` and always records
// coverage per test: before each test of the dry run its own setup file (which runs before this
// one) names the current test, the instrumented code credits every mutant it reaches to that
// test, and Stryker then runs a mutant only against the tests credited with it. Forgetting the
// test's name here makes every reached mutant "static" (reached outside any test); with
// `ignoreStatic` off in a retest, Stryker runs a static mutant against all the tests.
if (process.env.MUTATE_COVERAGE === "all") {
  beforeEach(() => {
    const ns = (globalThis as { __stryker__?: { currentTestId?: string } }).__stryker__
    if (ns !== undefined) ns.currentTestId = undefined
  })
}
