import { defineConfig } from "tsup"

/** The build of every publishable package: ESM + CJS + .d.ts for Node 20, with source maps. */
export const packageBuild = (entry: ReadonlyArray<string> = ["src/index.ts"]) =>
  defineConfig({
    entry: [...entry],
    format: ["esm", "cjs"],
    dts: true,
    clean: true,
    sourcemap: true,
    target: "node20"
  })
