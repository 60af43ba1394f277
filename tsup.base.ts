import { defineConfig } from "tsup"

/**
 * The build of every publishable package: ESM only + .d.ts, with source maps. `effect` is ESM-only,
 * so a CommonJS build could not load it; CommonJS applications `require()` these ESM builds on
 * Node ^20.19 / >=22.12 (see docs/migration.md).
 */
export const packageBuild = (entry: ReadonlyArray<string> = ["src/index.ts"]) =>
  defineConfig({
    entry: [...entry],
    format: ["esm"],
    dts: true,
    clean: true,
    sourcemap: true,
    target: "node20"
  })
