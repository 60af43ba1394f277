import { defineConfig, mergeConfig } from "vitest/config"
import base from "./vitest.config.js"

// The tests Stryker runs against the mutants of one package (scripts/mutate.mjs sets
// MUTATE_PACKAGE): that package's own tests, which are the ones meant to pin its behaviour.
const pkg = process.env.MUTATE_PACKAGE ?? "core"

export default mergeConfig(base, defineConfig({ test: { include: [`packages/${pkg}/test/**/*.test.ts`], pool: "threads" } }))
