import { defineConfig } from "tsup"

/**
 * The CLI is an application: one ESM file, dist/bin.js, bundling the reference host's sources
 * (examples/host, a private workspace package). Everything in `dependencies` stays an import;
 * the example plugins are never bundled (they are imported at run time, only when asked for).
 */
export default defineConfig({
  entry: { bin: "src/bin.ts" },
  format: ["esm"],
  dts: false,
  clean: true,
  sourcemap: true,
  target: "node20",
  platform: "node",
  external: [/^@liushou\/example-/]
})
