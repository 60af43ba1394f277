#!/usr/bin/env node
// Mutation testing: `pnpm mutate [package | file ...]`.
//
//   pnpm mutate                                      every source file of core, policy-national, policy-hunan
//   pnpm mutate policy-hunan                         one package
//   pnpm mutate packages/policy-hunan/src/rules/risk.ts packages/core/src/Decision.ts   only these files
//
// Each target (a package, a directory or a file) is mutated by its own Stryker run against its
// package's tests, with its own incremental file (reports/mutation/incremental/<target>.json), so
// reruns only test mutants whose code or tests changed, and a run cut short loses one target, not
// the lot. After every target the reports (reports/mutation/runs/<target>.json) are merged file by
// file, the newest run of a file winning, into reports/mutation/mutation.json, and the score per
// package is printed and written to reports/mutation/scores.json.
import { spawnSync } from "node:child_process"
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs"
import { dirname, join, relative } from "node:path"

const ROOT = new URL("..", import.meta.url).pathname
const PACKAGES = ["core", "policy-national", "policy-hunan"]
const OUT = join(ROOT, "reports/mutation")

const sources = (dir) =>
  readdirSync(join(ROOT, dir), { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? sources(join(dir, e.name)) : e.name.endsWith(".ts") && !e.name.endsWith(".d.ts") ? [join(dir, e.name)] : []
  )

const targets = process.argv.slice(2).filter((a) => !a.startsWith("--"))
// one Stryker run per target: a package, a directory or a file
const units = (targets.length === 0 ? PACKAGES : targets).map((t) => {
  if (PACKAGES.includes(t)) return { name: `packages/${t}/src`, pkg: t, glob: `packages/${t}/src/**/*.ts` }
  const rel = relative(ROOT, join(process.cwd(), t))
  if (!existsSync(join(ROOT, rel))) throw new Error(`no such package or file: ${t}`)
  const pkg = rel.split("/")[1]
  if (!rel.startsWith("packages/") || !PACKAGES.includes(pkg)) throw new Error(`${t} is not in ${PACKAGES.map((p) => `packages/${p}`).join(", ")}`)
  return { name: rel, pkg, glob: statSync(join(ROOT, rel)).isDirectory() ? `${rel}/**/*.ts` : rel }
})


const merge = () => {
  const merged = { schemaVersion: "1", thresholds: { high: 85, low: 80 }, files: {}, testFiles: {} }
  const walk = (dir) => (existsSync(dir) ? readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? walk(join(dir, e.name)) : [join(dir, e.name)])) : [])
  const runs = walk(join(OUT, "runs")).sort((a, b) => statSync(a).mtimeMs - statSync(b).mtimeMs)
  for (const file of runs) {
    const r = JSON.parse(readFileSync(file, "utf8"))
    Object.assign(merged.files, r.files)
    Object.assign(merged.testFiles, r.testFiles ?? {})
  }
  writeFileSync(join(OUT, "mutation.json"), JSON.stringify(merged))
  const scores = {}
  for (const [name, f] of Object.entries(merged.files)) {
    const pkg = relative(ROOT, join(ROOT, name)).split("/")[1]
    const s = (scores[pkg] ??= { files: [], killed: 0, timeout: 0, survived: 0, noCoverage: 0, compileError: 0, ignored: 0 })
    s.files.push(relative(join(ROOT, "packages", pkg), join(ROOT, name)))
    for (const m of f.mutants) {
      const k = { Killed: "killed", Timeout: "timeout", Survived: "survived", NoCoverage: "noCoverage", CompileError: "compileError", RuntimeError: "compileError", Ignored: "ignored" }[m.status]
      if (k !== undefined) s[k]++
    }
  }
  for (const s of Object.values(scores)) {
    const detected = s.killed + s.timeout
    const valid = detected + s.survived + s.noCoverage
    s.files.sort()
    s.score = valid === 0 ? null : Math.round((1000 * detected) / valid) / 10
  }
  writeFileSync(join(OUT, "scores.json"), JSON.stringify(scores, null, 2) + "\n")
  for (const [pkg, s] of Object.entries(scores)) {
    console.log(`${pkg}: ${s.score}% of ${s.killed + s.timeout + s.survived + s.noCoverage} mutants detected (killed ${s.killed}, timeout ${s.timeout}, survived ${s.survived}, no coverage ${s.noCoverage}) over ${s.files.length} files`)
  }
}

mkdirSync(OUT, { recursive: true })
let failed = 0
for (const u of units) {
  console.log(`\n== mutating ${u.glob}`)
  const r = spawnSync("pnpm", ["exec", "stryker", "run", "stryker.config.mjs"], {
    cwd: ROOT,
    stdio: "inherit",
    env: { ...process.env, MUTATE_PACKAGE: u.pkg, MUTATE_GLOB: u.glob, MUTATE_NAME: u.name }
  })
  if (r.status !== 0) failed++
  merge()
}
process.exit(failed === 0 ? 0 : 1)
