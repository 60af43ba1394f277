import { dirname, relative } from "node:path"
import { fileURLToPath } from "node:url"
import { defineConfig } from "vitest/config"
import { BaseSequencer, type TestSpecification } from "vitest/node"
import base from "./vitest.config.js"

// The tests Stryker runs against the mutants of one package (scripts/mutate.mjs sets
// MUTATE_PACKAGE): that package's own unit and scenario tests, which are the ones meant to pin
// its behaviour. Left out:
// - the law packs (laws.test.ts): each covers every rule, so every mutant would run all of them
//   (tens of seconds each on a shared machine); the score measures the unit and scenario tests;
// - the browser test (browser.test.ts): it bundles the sources with esbuild and runs them in
//   Chromium, where no mutant is ever active, so it can kill none and costs seconds per mutant;
// - core's purity test (Purity.test.ts): it reads the source text for I/O, clock and global
//   state, and Stryker's instrumented copy reads a global by design, so it fails the dry run
//   (it checks what the code says, not what it does: it can kill no mutant).
// (Not mergeConfig: it would concatenate the include lists.)
const pkg = process.env.MUTATE_PACKAGE ?? "core"
// Stryker copies the repository into a sandbox and mutates the copy, but a workspace package
// imported by name ("@liushou/core") resolves through packages/*/node_modules to the original
// sources, where no mutant is ever active: every workspace import goes to the sandbox's sources.
const root = dirname(fileURLToPath(import.meta.url))
const alias = [
  { find: /^@liushou\/testkit\/vitest$/, replacement: `${root}/packages/testkit/src/vitest.ts` },
  { find: /^@liushou\/(core|policy-national|policy-hunan|testkit|storage)$/, replacement: `${root}/packages/$1/src/index.ts` }
]

/**
 * Files that failed the last run first (the test that killed one mutant often kills the next),
 * then the fastest first: Stryker stops at the first failing test, so a mutant a scenario
 * kills never waits for the slow property tests. Vitest's own order runs the longest first.
 */
class FastFirst extends BaseSequencer {
  override async sort(files: Array<TestSpecification>): Promise<Array<TestSpecification>> {
    const cache = this.ctx.cache
    const stats = (f: TestSpecification) => {
      const key = `${f.project.name}:${relative(this.ctx.config.root, f.moduleId)}`
      const r = cache.getFileTestResults(key)
      return { failed: r?.failed === true ? 0 : 1, duration: r?.duration ?? Number.POSITIVE_INFINITY, size: cache.getFileStats(key)?.size ?? 0 }
    }
    return [...files]
      .map((f) => ({ f, s: stats(f) }))
      .sort((a, b) => a.s.failed - b.s.failed || a.s.duration - b.s.duration || a.s.size - b.s.size)
      .map((x) => x.f)
  }
}

export default defineConfig({
  ...base,
  resolve: { ...base.resolve, alias },
  test: {
    ...base.test,
    include: [`packages/${pkg}/test/**/*.test.ts`],
    // property tests keep one name from the dry run to the mutant runs (see the file)
    setupFiles: [`${root}/vitest.mutate.setup.ts`],
    exclude: ["**/node_modules/**", "**/laws.test.ts", "**/browser.test.ts", "**/Purity.test.ts"],
    // the instrumented code reads the active mutant at each call, so the modules need not be
    // imported afresh for every test file
    isolate: false,
    // Stryker times a mutant out by its own clock (stryker.config.mjs); vitest's limit is set far
    // above it so that a test slowed by the load never fails, which would read as a kill (and a
    // property test under coverage instrumentation can pass a minute in the dry run)
    testTimeout: 900_000,
    hookTimeout: 900_000,
    // the same for tests that set their own limit (they read it)
    env: { ...base.test?.env, LIUSHOU_TEST_TIMEOUT: "900000" },
    sequence: { ...base.test?.sequence, sequencer: FastFirst }
  }
})
