import { defineConfig } from "vitest/config"
import base from "./vitest.config.js"

// The tests Stryker runs against the mutants of one package (scripts/mutate.mjs sets
// MUTATE_PACKAGE): that package's own tests, which are the ones meant to pin its behaviour.
// The law packs (laws.test.ts) are left out: each covers every rule, so every mutant would run
// all of them (tens of seconds each on a shared machine); the score measures the unit and
// scenario tests. (Not mergeConfig: it would concatenate the include lists.)
const pkg = process.env.MUTATE_PACKAGE ?? "core"

export default defineConfig({ ...base, test: { ...base.test, include: [`packages/${pkg}/test/**/*.test.ts`], exclude: ["**/node_modules/**", "**/laws.test.ts"] } })
