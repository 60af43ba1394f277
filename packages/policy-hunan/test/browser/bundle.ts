/**
 * Bundles `entry.ts` for the browser with esbuild (minified ES module, from the packages'
 * sources) and measures it: raw and gzip bytes, and the share of `effect`.
 */
import { build } from "esbuild"
import { dirname, join } from "node:path"
import { fileURLToPath } from "node:url"
import { gzipSync } from "node:zlib"

const here = dirname(fileURLToPath(import.meta.url))

/**
 * The gzip budget of the evaluate-only bundle, in bytes. Measured 2026-12-02: see
 * bench/browser-results.json and docs/performance.md for the figure, why this budget and what
 * each raise bought.
 */
export const GZIP_BUDGET = 155 * 1024

/** Each raise of the budget, with what it bought and the sizes measured before and after (bytes gzip). */
export const BUDGET_RAISES: ReadonlyArray<{ readonly date: string; readonly fromKB: number; readonly toKB: number; readonly bought: string; readonly beforeBytes: number; readonly afterBytes: number }> = [
  {
    date: "2026-12-02",
    fromKB: 150,
    toKB: 155,
    bought: "care services: records in the case file, the `services` rule with its bilingual reasons, Hunan's service kinds",
    beforeBytes: 152_048,
    afterBytes: 154_173
  }
]

export interface Bundle {
  readonly code: string
  readonly rawBytes: number
  readonly gzipBytes: number
  /** bytes of the minified output that come from each top-level package */
  readonly byPackage: Readonly<Record<string, number>>
}

export const bundle = async (): Promise<Bundle> => {
  const result = await build({
    entryPoints: [join(here, "entry.ts")],
    bundle: true,
    format: "esm",
    platform: "browser",
    target: "es2022",
    minify: true,
    write: false,
    metafile: true,
    conditions: ["@liushou/source"],
    logLevel: "silent"
  })
  const output = result.outputFiles[0]!
  const code = output.text
  const byPackage: Record<string, number> = {}
  for (const out of Object.values(result.metafile.outputs)) {
    for (const [input, info] of Object.entries(out.inputs)) {
      const m = /node_modules\/(?:\.pnpm\/[^/]+\/node_modules\/)?((?:@[^/]+\/)?[^/]+)/.exec(input)
      const name = m !== null ? m[1]! : /packages\/([^/]+)\//.exec(input)?.[1] !== undefined ? `@liushou/${/packages\/([^/]+)\//.exec(input)![1]}` : "entry"
      byPackage[name] = (byPackage[name] ?? 0) + info.bytesInOutput
    }
  }
  return { code, rawBytes: Buffer.byteLength(code), gzipBytes: gzipSync(code, { level: 9 }).length, byPackage }
}
