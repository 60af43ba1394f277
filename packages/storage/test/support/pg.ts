/**
 * Loads `pg` for the tests. Vitest starts its workers with `--conditions import`, under which
 * Node's `require("pg-pool")` inside pg resolves to pg-pool's ES module and pg's
 * `class extends Pool` fails; pg-pool's CommonJS entry is put in the require cache first.
 */
import { createRequire } from "node:module"
import { dirname, join } from "node:path"

const require = createRequire(import.meta.url)
const pgMain = require.resolve("pg")
const fromPg = createRequire(pgMain)
const poolResolved = fromPg.resolve("pg-pool")
if (poolResolved.endsWith(".mjs")) {
  const cjs = join(dirname(poolResolved), "..", "index.js")
  fromPg(cjs)
  require.cache[poolResolved] = require.cache[cjs]
}

const pg = require("pg") as typeof import("pg")
export default pg
