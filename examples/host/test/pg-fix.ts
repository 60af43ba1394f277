/**
 * Vitest starts workers with `--conditions import`, under which pg's require("pg-pool")
 * resolves to pg-pool's ES module and pg's `class extends Pool` fails; put pg-pool's CommonJS
 * entry in the require cache before anything loads pg. Import this module first.
 */
import { createRequire } from "node:module"
import { dirname, join } from "node:path"

const require = createRequire(import.meta.url)
const fromPg = createRequire(require.resolve("pg"))
const poolResolved = fromPg.resolve("pg-pool")
if (poolResolved.endsWith(".mjs")) {
  const cjs = join(dirname(poolResolved), "..", "index.js")
  fromPg(cjs)
  require.cache[poolResolved] = require.cache[cjs]
}
