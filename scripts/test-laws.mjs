#!/usr/bin/env node
// The law packs of every plugin in the repository: `pnpm test:laws [--random] [--runs N] [--seed N]`.
//
// By default the fixed seed of the law packs (what CI runs); `--random` draws a new seed and
// prints it, to explore cases CI never tried (a failure prints the seed and path to replay it
// with `--seed`). `--runs` raises the runs per law (LIUSHOU_LAW_RUNS). Each law prints how many of
// its runs exercised it.
import { spawnSync } from "node:child_process"
import { randomInt } from "node:crypto"

const args = process.argv.slice(2)
const value = (flag) => {
  const i = args.indexOf(flag)
  return i >= 0 ? args[i + 1] : undefined
}
const env = { ...process.env, LIUSHOU_LAW_VERBOSE: "1" }
if (args.includes("--random")) env.LIUSHOU_LAW_SEED = String(randomInt(1, 2 ** 31 - 1))
if (value("--seed") !== undefined) env.LIUSHOU_LAW_SEED = value("--seed")
if (value("--runs") !== undefined) env.LIUSHOU_LAW_RUNS = value("--runs")
console.log(`law packs: seed ${env.LIUSHOU_LAW_SEED ?? "fixed (20181030)"}, runs ${env.LIUSHOU_LAW_RUNS ?? "as each test file sets (300 by default)"}`)
const r = spawnSync("pnpm", ["exec", "vitest", "run", "packages/policy-national/test/laws.test.ts", "packages/policy-hunan/test/laws.test.ts", "examples/plugins/three-tier-province/test/laws.test.ts", "examples/plugins/changsha-county/test/laws.test.ts"], { stdio: "inherit", env })
console.log(`law packs: seed ${env.LIUSHOU_LAW_SEED ?? "fixed (20181030)"}`)
process.exit(r.status ?? 1)
