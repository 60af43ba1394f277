/**
 * Writes bench/browser-results.json: the size of the evaluate-only browser bundle (core + national
 * + Hunan), raw and gzip, by package. Run with `pnpm bench:browser`.
 */
import { writeFileSync } from "node:fs"
import { join } from "node:path"
import { BUDGET_RAISES, bundle, GZIP_BUDGET } from "./bundle.js"

const b = await bundle()
const kb = (n: number) => Math.round((n / 1024) * 10) / 10
const results = {
  date: new Date().toISOString().slice(0, 10),
  bundle: "core + policy-national + policy-hunan, evaluate only (Decode.parseText, Loader.load, Engine.evaluate); esbuild, minified ESM, es2022",
  rawBytes: b.rawBytes,
  gzipBytes: b.gzipBytes,
  rawKB: kb(b.rawBytes),
  gzipKB: kb(b.gzipBytes),
  gzipBudgetKB: GZIP_BUDGET / 1024,
  budgetRaises: BUDGET_RAISES,
  byPackageKB: Object.fromEntries(Object.entries(b.byPackage).sort((x, y) => y[1] - x[1]).map(([k, v]) => [k, kb(v)]))
}
const file = join(process.cwd(), "bench", "browser-results.json")
writeFileSync(file, JSON.stringify(results, null, 2) + "\n")
console.log(JSON.stringify(results, null, 2))
