// Mutation testing of the rules and their machinery. Run it through `pnpm mutate` (scripts/mutate.mjs),
// which mutates one target (package, directory or file) at a time with its own incremental file
// and merges the reports.
const glob = process.env.MUTATE_GLOB
const name = process.env.MUTATE_NAME ?? glob
const pkg = process.env.MUTATE_PACKAGE ?? "core"
// a sampled run (pnpm mutate --sample N): the sampled nodes' exact ranges, and where its reports go
const ranges = process.env.MUTATE_RANGES === undefined ? undefined : JSON.parse(process.env.MUTATE_RANGES)
const out = process.env.MUTATE_OUT ?? "reports/mutation"

/** @type {import("@stryker-mutator/api/core").PartialStrykerOptions} */
export default {
  packageManager: "pnpm",
  // resolved from here: with pnpm, Stryker's own "@stryker-mutator/*" lookup does not see its siblings
  plugins: [import.meta.resolve("@stryker-mutator/vitest-runner"), import.meta.resolve("@stryker-mutator/typescript-checker"), import.meta.resolve("./scripts/stryker-sample.mjs")],
  ...(ranges !== undefined ? { ignorers: ["sample"] } : {}),
  testRunner: "vitest",
  vitest: { configFile: "vitest.mutate.config.ts", related: false },
  checkers: ["typescript"],
  // per test by default; "all" (every mutant against all the package's tests) for
  // `pnpm mutate --retest-survivors` (scripts/mutate.mjs says why). The vitest runner ignores this
  // setting and records coverage per test anyway: in a retest vitest.mutate.setup.ts keeps the
  // coverage from being credited to tests, so every mutant reached reads as static...
  coverageAnalysis: process.env.MUTATE_COVERAGE ?? "perTest",
  // ...and a static mutant, with ignoreStatic off, runs against every test. In a first run static
  // mutants (reached only while modules load) are ignored.
  ignoreStatic: process.env.MUTATE_COVERAGE === undefined,
  incremental: true,
  concurrency: 2,
  // A mutant's time limit is timeoutFactor × the covering tests' time in the dry run + timeoutMS.
  // Generous on purpose: on a shared machine a slow kill must not read as a timeout (an infinite
  // loop still ends as one, a minute later). Timeouts are counted apart in scores.json.
  timeoutFactor: 3,
  timeoutMS: 45000,
  reporters: ["json", "clear-text", "progress-append-only"],
  clearTextReporter: { allowColor: false, logTests: false, reportMutants: false },
  ...(glob !== undefined
    ? {
        mutate: ranges ?? [glob],
        incrementalFile: `reports/mutation/incremental/${name}.json`,
        jsonReporter: { fileName: `${out}/runs/${name}.json` }
      }
    : {}),
  // the dry run runs the package's unit and scenario tests (vitest.mutate.config.ts) with per-test coverage
  dryRunTimeoutMinutes: 30,
  tsconfigFile: `packages/${pkg}/tsconfig.mutate.json`,
  typescriptChecker: { prioritizePerformanceOverAccuracy: true },
  tempDirName: "tmp/stryker",
  cleanTempDir: "always"
}
