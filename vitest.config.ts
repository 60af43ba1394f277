import { availableParallelism } from "node:os"
import { defineConfig } from "vitest/config"

// Workspace packages resolve to their TypeScript sources through the "@liushou/source"
// export condition, so tests, the CLI and the demo run without a build step.
export default defineConfig({
  resolve: { conditions: ["@liushou/source", "module", "node", "development|production"] },
  ssr: { resolve: { conditions: ["@liushou/source", "module", "node", "development|production"] } },
  test: {
    include: ["test/*.test.ts", "packages/*/test/**/*.test.ts", "examples/*/test/**/*.test.ts", "examples/plugins/*/test/**/*.test.ts"],
    // CI runs two suites beside other steps on 2 cores, so a test there gets longer before it counts as hung
    testTimeout: process.env.CI ? 180_000 : 60_000,
    hookTimeout: process.env.CI ? 300_000 : 120_000,
    pool: "forks",
    // Many test files wait on PostgreSQL, SQLite files and child processes rather than compute, so
    // the suite runs at least three files at a time (vitest's default is one fewer than the cores:
    // a single file at a time on a 2-core machine). LIUSHOU_TEST_WORKERS sets the number.
    maxWorkers: Number(process.env.LIUSHOU_TEST_WORKERS) || Math.max(3, availableParallelism()),
    // a worker keeps the modules it has loaded from one test file to the next (importing the
    // workspace's sources for every file took a third of the suite's time); test files set up
    // their own state. LIUSHOU_TEST_ISOLATE=1 gives each file fresh modules again.
    isolate: process.env.LIUSHOU_TEST_ISOLATE === "1",
    reporters: process.env.CI ? ["default"] : ["default"]
  }
})
