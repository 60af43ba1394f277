import { defineConfig } from "vitest/config"

// Workspace packages resolve to their TypeScript sources through the "@liushou/source"
// export condition, so tests, the CLI and the demo run without a build step.
export default defineConfig({
  resolve: { conditions: ["@liushou/source", "module", "node", "development|production"] },
  ssr: { resolve: { conditions: ["@liushou/source", "module", "node", "development|production"] } },
  test: {
    include: ["test/*.test.ts", "packages/*/test/**/*.test.ts", "examples/*/test/**/*.test.ts", "examples/plugins/*/test/**/*.test.ts"],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: "forks",
    reporters: process.env.CI ? ["default"] : ["default"]
  }
})
