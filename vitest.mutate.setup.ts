import { fc } from "@fast-check/vitest"

// A property test without its own seed is named "<label> (with seed=<random>)". Stryker records
// the tests of its dry run by name and runs a mutant's covering tests by name, so with a new
// random seed in every worker no property test ever ran against a mutant. One fixed seed keeps
// the names (and the generated cases) the same in the dry run and in every mutant run.
fc.configureGlobal({ ...fc.readConfigureGlobal(), seed: 20181030 })
