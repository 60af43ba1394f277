#!/usr/bin/env node
// Mutation testing: `pnpm mutate [package | file ...]`.
//
//   pnpm mutate                                      every source file of core, policy-national, policy-hunan
//   pnpm mutate policy-hunan                         one package
//   pnpm mutate packages/policy-hunan/src/rules/risk.ts packages/core/src/Decision.ts   only these files
//   pnpm mutate --sample 60 [--seed 20181030] policy-hunan   a random sample of 60 mutated nodes
//   pnpm mutate --sample 20 --concurrency 1 core            one test runner at a time (a busy machine)
//   pnpm mutate --sample 25 --seed 7 --disjoint core        a new sample without the earlier samples' nodes
//
// Each target (a package, a directory or a file) is mutated by its own Stryker run against its
// package's tests, with its own incremental file (reports/mutation/incremental/<target>.json), so
// reruns only test mutants whose code or tests changed, and a run cut short loses one target, not
// the lot. After every target the reports (reports/mutation/runs/<target>.json) are merged file by
// file, the newest run of a file winning, into reports/mutation/mutation.json, and the score per
// package is printed and written to reports/mutation/scores.json.
//
// A sampled run (--sample N) lists every mutant of each target with Stryker's own instrumenter,
// picks N mutated nodes (source locations) at random with a seeded generator, and tests every
// mutant of those nodes and no other (scripts/stryker-sample.mjs); its reports go to
// reports/mutation/sampled/ (mutation.json, scores.json, the sample itself), apart from the
// full runs'. It estimates a score when testing every mutant would take hours.
import { spawnSync } from "node:child_process"
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs"
import { createRequire } from "node:module"
import { join, relative } from "node:path"
import { fileURLToPath } from "node:url"

const ROOT = new URL("..", import.meta.url).pathname
const PACKAGES = ["core", "policy-national", "policy-hunan"]
const option = (name) => {
  const i = process.argv.indexOf(`--${name}`)
  return i === -1 ? undefined : process.argv[i + 1]
}
const SAMPLE = option("sample") === undefined ? undefined : Number(option("sample"))
const SEED = Number(option("seed") ?? 20181030)
// --force: test every mutant of the targets again, reusing nothing from the incremental file
const FORCE = process.argv.includes("--force")
// --retest-survivors: with --sample, test again, against all of the package's tests
// (coverageAnalysis "all"), the mutants that survived the last run of the sample, keeping the
// other results. Per-test coverage is cheap but wrong for code that runs once and is cached: a
// rule's compile step runs inside the first test that compiles a plan, so Stryker counts only that
// test as covering it, and a mutant there is tried against that test alone. (Stryker's vitest
// runner records per-test coverage whatever coverageAnalysis says; vitest.mutate.setup.ts stops
// that in a retest, so that every survivor runs against every test.)
const RETEST = process.argv.includes("--retest-survivors")
// --also "file:line:col-line:col,...": with --sample, test the mutants of these nodes too (Stryker's
// range notation: 1-based lines, 0-based columns), e.g. to confirm that survivors of an earlier
// sample are killed; they are reported apart ("also" in scores.json) and not counted in the score.
// With --retest-survivors they are retested with the survivors (against all tests).
const ALSO = (option("also") ?? "")
  .split(",")
  .filter((x) => x !== "")
  .map((r) => {
    const m = /^(.+):(\d+):(\d+)-(\d+):(\d+)$/.exec(r)
    if (m === null) throw new Error(`--also: expected file:line:column-line:column, found ${r}`)
    return { file: m[1], l: [Number(m[2]) - 1, Number(m[3]), Number(m[4]) - 1, Number(m[5])] }
  })
// --disjoint: with --sample, leave out the nodes that an earlier sample of the target tested (the
// kept sample and those in reports/mutation/sampled/earlier/), in the files unchanged since that
// sample was drawn, so that a new seed measures the code the earlier tests were not written for
const DISJOINT = process.argv.includes("--disjoint")
// --concurrency N: Stryker's test runners at once (stryker.config.mjs: 2); 1 on a busy machine
const CONCURRENCY = option("concurrency")
if (CONCURRENCY !== undefined && !(Number(CONCURRENCY) >= 1)) throw new Error(`--concurrency: expected a number of at least 1, found ${CONCURRENCY}`)
const OUT = join(ROOT, SAMPLE === undefined ? "reports/mutation" : "reports/mutation/sampled")

const sources = (dir) =>
  readdirSync(join(ROOT, dir), { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? sources(join(dir, e.name)) : e.name.endsWith(".ts") && !e.name.endsWith(".d.ts") ? [join(dir, e.name)] : []
  )

const targets = process.argv.slice(2).filter((a, i, all) => !a.startsWith("--") && !["--sample", "--seed", "--also", "--concurrency"].includes(all[i - 1]))
// one Stryker run per target: a package, a directory or a file
const units = (targets.length === 0 ? PACKAGES : targets).map((t) => {
  if (PACKAGES.includes(t)) return { name: `packages/${t}/src`, pkg: t, glob: `packages/${t}/src/**/*.ts` }
  const rel = relative(ROOT, join(process.cwd(), t))
  if (!existsSync(join(ROOT, rel))) throw new Error(`no such package or file: ${t}`)
  const pkg = rel.split("/")[1]
  if (!rel.startsWith("packages/") || !PACKAGES.includes(pkg)) throw new Error(`${t} is not in ${PACKAGES.map((p) => `packages/${p}`).join(", ")}`)
  return { name: rel, pkg, glob: statSync(join(ROOT, rel)).isDirectory() ? `${rel}/**/*.ts` : rel }
})

// --sample: every mutated node of a target's files, from Stryker's instrumenter; N of them at random
const random = (seed) => () => {
  seed = (seed + 0x6d2b79f5) | 0
  let t = Math.imul(seed ^ (seed >>> 15), 1 | seed)
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296
}
const pickSample = async (u) => {
  const core = createRequire(fileURLToPath(import.meta.resolve("@stryker-mutator/core")))
  const { Instrumenter } = await import(core.resolve("@stryker-mutator/instrumenter"))
  const quiet = { isDebugEnabled: () => false, isTraceEnabled: () => false, debug() {}, trace() {}, info() {}, warn() {}, error() {} }
  const dir = u.glob.endsWith("/**/*.ts") ? u.glob.slice(0, -"/**/*.ts".length) : undefined
  const files = dir === undefined ? [u.glob] : sources(dir)
  const nodes = []
  let mutants = 0
  for (const file of files.sort()) {
    const r = await new Instrumenter(quiet).instrument([{ name: file, content: readFileSync(join(ROOT, file), "utf8"), mutate: true }], { plugins: null, excludedMutations: [], ignorers: [], noHeader: true })
    mutants += r.mutants.length
    const seen = new Set()
    for (const m of r.mutants) {
      const l = [m.location.start.line, m.location.start.column, m.location.end.line, m.location.end.column]
      if (!seen.has(l.join())) nodes.push({ file, l })
      seen.add(l.join())
    }
  }
  // --disjoint: the earlier samples' nodes, where the file is as that sample saw it
  const excluded = []
  if (DISJOINT) {
    const drop = new Set()
    for (const earlier of earlierSamples(u.name)) {
      const base = earlier.commit.replace(/\+changes$/, "")
      let dropped = 0
      let changed = 0
      for (const [file, ls] of Object.entries(earlier.locations)) {
        const then = spawnSync("git", ["show", `${base}:${file}`], { cwd: ROOT, encoding: "utf8", maxBuffer: 1 << 26 })
        const same = !earlier.commit.endsWith("+changes") && then.status === 0 && existsSync(join(ROOT, file)) && then.stdout === readFileSync(join(ROOT, file), "utf8")
        for (const l of ls) {
          if (same) {
            drop.add(`${file}:${l.join()}`)
            dropped++
          } else changed++
        }
      }
      excluded.push({ seed: earlier.seed, commit: earlier.commit, size: earlier.size, left_out: dropped, in_changed_files: changed })
    }
    for (let i = nodes.length - 1; i >= 0; i--) if (drop.has(`${nodes[i].file}:${nodes[i].l.join()}`)) nodes.splice(i, 1)
  }
  const next = random(SEED)
  for (let i = nodes.length - 1; i > 0; i--) {
    const j = Math.floor(next() * (i + 1))
    ;[nodes[i], nodes[j]] = [nodes[j], nodes[i]]
  }
  const picked = nodes.slice(0, SAMPLE)
  const locations = {}
  for (const { file, l } of picked) (locations[file] ??= []).push(l)
  const also = {}
  for (const { file, l } of ALSO.filter((x) => x.file.startsWith(u.name))) (also[file] ??= []).push(l)
  // the commit the sources were drawn from (a sample describes that code; "+changes" if the tree differed)
  const git = (...a) => spawnSync("git", a, { cwd: ROOT, encoding: "utf8" }).stdout.trim()
  const commit = `${git("rev-parse", "HEAD")}${git("status", "--porcelain", "--", ...files) === "" ? "" : "+changes"}`
  const sample = { target: u.name, seed: SEED, commit, size: picked.length, nodes: nodes.length, mutants, locations, also, ...(DISJOINT ? { excluded } : {}) }
  const path = join(OUT, "samples", `${u.name}.json`)
  mkdirSync(join(path, ".."), { recursive: true })
  writeFileSync(path, JSON.stringify(sample, null, 1) + "\n")
  // Stryker's ranges: 1-based lines, 0-based columns
  return { path, mutate: [...picked, ...ALSO.filter((x) => x.file.startsWith(u.name))].map(({ file, l }) => `${file}:${l[0] + 1}:${l[1]}-${l[2] + 1}:${l[3]}`), sample }
}


// Earlier samples of a target are kept, each with its run and its scores, in
// reports/mutation/sampled/earlier/<target>/seed<seed>-n<size>-<commit>/ (a new sample of the
// target replaces the one in samples/ and runs/)
const EARLIER = join(ROOT, "reports/mutation/sampled/earlier")
const earlierSamples = (name) => {
  const dir = join(EARLIER, name)
  return existsSync(dir) ? readdirSync(dir).filter((d) => existsSync(join(dir, d, "sample.json"))).map((d) => JSON.parse(readFileSync(join(dir, d, "sample.json"), "utf8"))) : []
}
const keepEarlier = (u) => {
  const out = join(ROOT, "reports/mutation/sampled")
  const kept = join(out, "samples", `${u.name}.json`)
  if (!existsSync(kept)) return
  const sample = JSON.parse(readFileSync(kept, "utf8"))
  const dir = join(EARLIER, u.name, `seed${sample.seed}-n${sample.size}-${sample.commit.slice(0, 7)}${sample.commit.endsWith("+changes") ? "+changes" : ""}`)
  if (existsSync(dir)) return
  mkdirSync(dir, { recursive: true })
  writeFileSync(join(dir, "sample.json"), readFileSync(kept))
  const run = join(out, "runs", `${u.name}.json`)
  if (existsSync(run)) writeFileSync(join(dir, "run.json"), readFileSync(run))
  const scores = join(out, "scores.json")
  const entry = existsSync(scores) ? JSON.parse(readFileSync(scores, "utf8"))[u.pkg] : undefined
  if (entry?.sample?.seed === sample.seed && entry.sample.nodesSampled === sample.size) writeFileSync(join(dir, "scores.json"), JSON.stringify(entry, null, 2) + "\n")
}

const walkJson = (dir) => (existsSync(dir) ? readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? walkJson(join(dir, e.name)) : [join(dir, e.name)])) : [])

// 95% Wilson score interval of a proportion x/n (sound for small n and for x near 0 or n)
const wilson = (x, n) => {
  if (n === 0) return null
  const z = 1.959964
  const p = x / n
  const d = 1 + (z * z) / n
  const c = (p + (z * z) / (2 * n)) / d
  const h = (z * Math.sqrt((p * (1 - p)) / n + (z * z) / (4 * n * n))) / d
  return [Math.round(1000 * Math.max(0, c - h)) / 10, Math.round(1000 * Math.min(1, c + h)) / 10]
}
const pct = (x, n) => (n === 0 ? null : Math.round((1000 * x) / n) / 10)
// Survivors judged equivalent (no test can tell them from the original), each with its argument:
// reports/mutation/equivalent.json, keyed "file:line:column mutator replacement" (the report's
// 1-based line and column). They stay "survived" in Stryker's counts and are counted apart.
const EQUIVALENT_FILE = join(ROOT, "reports/mutation/equivalent.json")
const equivalents = existsSync(EQUIVALENT_FILE) ? JSON.parse(readFileSync(EQUIVALENT_FILE, "utf8")) : {}
const mutantKey = (file, m) => `${file}:${m.location.start.line}:${m.location.start.column} ${m.mutatorName} ${m.replacement}`

const merge = () => {
  const merged = { schemaVersion: "1", thresholds: { high: 85, low: 80 }, files: {}, testFiles: {} }
  const samples = SAMPLE === undefined ? [] : walkJson(join(OUT, "samples")).map((f) => JSON.parse(readFileSync(f, "utf8")))
  const runs = walkJson(join(OUT, "runs")).sort((a, b) => statSync(a).mtimeMs - statSync(b).mtimeMs)
  for (const file of runs) {
    const r = JSON.parse(readFileSync(file, "utf8"))
    Object.assign(merged.files, r.files)
    Object.assign(merged.testFiles, r.testFiles ?? {})
  }
  const scores = {}
  const survivors = []
  for (const [name, f] of Object.entries(merged.files)) {
    const pkg = relative(ROOT, join(ROOT, name)).split("/")[1]
    const s = (scores[pkg] ??= { files: [], killed: 0, timeout: 0, survived: 0, noCoverage: 0, compileError: 0, ignored: 0 })
    const sample = samples.find((x) => name.startsWith(x.target))
    // a sampled report also carries results the incremental file kept from earlier runs (other
    // sizes, older code): only the mutants at the sample's locations count
    const picked = sample === undefined ? undefined : new Set((sample.locations[name] ?? []).map((l) => [l[0] + 1, l[1] + 1, l[2] + 1, l[3] + 1].join()))
    if (sample !== undefined) s.sample = { seed: sample.seed, nodesSampled: sample.size, nodes: sample.nodes, mutants: sample.mutants }
    const at = (m) => [m.location.start.line, m.location.start.column, m.location.end.line, m.location.end.column].join()
    const extra = new Set((sample?.also?.[name] ?? []).map((l) => [l[0] + 1, l[1] + 1, l[2] + 1, l[3] + 1].join()))
    for (const m of f.mutants.filter((m) => extra.has(at(m)))) (s.also ??= []).push({ mutant: mutantKey(name, m), status: m.status })
    f.mutants = f.mutants.filter((m) => picked === undefined || picked.has(at(m)))
    if (f.mutants.length > 0) s.files.push(relative(join(ROOT, "packages", pkg), join(ROOT, name)))
    for (const m of f.mutants) {
      const k = { Killed: "killed", Timeout: "timeout", Survived: "survived", NoCoverage: "noCoverage", CompileError: "compileError", RuntimeError: "compileError", Ignored: "ignored" }[m.status]
      if (k !== undefined) s[k]++
      if (m.status === "Survived" || m.status === "NoCoverage") {
        const key = mutantKey(name, m)
        survivors.push({ package: pkg, key, status: m.status, equivalent: equivalents[key] ?? null })
      }
    }
  }
  writeFileSync(join(OUT, "mutation.json"), JSON.stringify(merged))
  for (const [pkg, s] of Object.entries(scores)) {
    const detected = s.killed + s.timeout
    const valid = detected + s.survived + s.noCoverage
    const equivalent = survivors.filter((x) => x.package === pkg && x.equivalent !== null).length
    s.files.sort()
    s.valid = valid
    // Stryker's score: killed and timed out over valid mutants (not static, compiling)
    s.score = pct(detected, valid)
    s.interval95 = wilson(detected, valid)
    // timeouts counted as survivors: the score if no timeout were a detection
    s.killedOnly = { score: pct(s.killed, valid), interval95: wilson(s.killed, valid) }
    // equivalent survivors left out of the valid mutants (reports/mutation/equivalent.json)
    s.equivalent = equivalent
    s.withoutEquivalent = { valid: valid - equivalent, score: pct(detected, valid - equivalent), interval95: wilson(detected, valid - equivalent) }
    s.survivors = survivors.filter((x) => x.package === pkg).map(({ key, status, equivalent }) => ({ mutant: key, status, ...(equivalent !== null ? { equivalent } : {}) }))
  }
  writeFileSync(join(OUT, "scores.json"), JSON.stringify(scores, null, 2) + "\n")
  for (const [pkg, s] of Object.entries(scores)) {
    console.log(
      `${pkg}: ${s.score}% of ${s.valid} mutants detected (95% interval ${s.interval95?.join("–")}%; killed ${s.killed}, timeout ${s.timeout}, survived ${s.survived}, no coverage ${s.noCoverage}; ${s.equivalent} survivors equivalent: ${s.withoutEquivalent.score}% without them) over ${s.files.length} files`
    )
  }
}

// --report: merge the reports and write the scores again, without running Stryker
if (process.argv.includes("--report")) {
  merge()
  process.exit(0)
}

mkdirSync(OUT, { recursive: true })
let failed = 0
for (const u of units) {
  let sampled = {}
  if (SAMPLE !== undefined) {
    // a retest keeps the sample it retests (the sources may have moved on since it was drawn)
    const kept = join(OUT, "samples", `${u.name}.json`)
    if (!(RETEST && existsSync(kept))) keepEarlier(u)
    const { path, mutate, sample } = RETEST && existsSync(kept) ? { path: kept, mutate: [], sample: JSON.parse(readFileSync(kept, "utf8")) } : await pickSample(u)
    console.log(`\n== sampling ${u.glob}: ${sample.size} of ${sample.nodes} mutated nodes (${sample.mutants} mutants), seed ${SEED}`)
    sampled = { MUTATE_SAMPLE: path, MUTATE_RANGES: JSON.stringify(mutate), MUTATE_OUT: relative(ROOT, OUT) }
    if (RETEST) {
      const last = join(OUT, "runs", `${u.name}.json`)
      const previous = existsSync(last) ? JSON.parse(readFileSync(last, "utf8")).files : {}
      const ranges = new Set()
      for (const [file, f] of Object.entries(previous)) {
        const picked = new Set((sample.locations[file] ?? []).map((l) => [l[0] + 1, l[1] + 1, l[2] + 1, l[3] + 1].join()))
        for (const m of f.mutants) {
          const at = [m.location.start.line, m.location.start.column, m.location.end.line, m.location.end.column]
          if (!((m.status === "Survived" || m.status === "NoCoverage") && picked.has(at.join()))) continue
          // only where the file is as the sample saw it: elsewhere the same place is other code
          if (readFileSync(join(ROOT, file), "utf8") !== f.source) console.log(`== ${file} changed since the sample was run: its survivors are not retested`)
          else ranges.add(`${file}:${at[0]}:${at[1] - 1}-${at[2]}:${at[3] - 1}`)
        }
      }
      // --also in a retest: these nodes too, e.g. a survivor's node at its place in a file changed
      // since the sample was drawn; they are added to the sample's "also" (reported apart)
      const extra = ALSO.filter((x) => x.file.startsWith(u.name))
      if (extra.length > 0) {
        sample.also ??= {}
        for (const { file, l } of extra) {
          ranges.add(`${file}:${l[0] + 1}:${l[1]}-${l[2] + 1}:${l[3]}`)
          if (!(sample.also[file] ??= []).some((x) => x.join() === l.join())) sample.also[file].push(l)
        }
        writeFileSync(path, JSON.stringify(sample, null, 1) + "\n")
      }
      console.log(`== retesting the survivors of ${ranges.size - extra.length} sampled nodes${extra.length > 0 ? ` and ${extra.length} more (--also)` : ""} against all tests`)
      if (ranges.size === 0) continue
      sampled = { ...sampled, MUTATE_RANGES: JSON.stringify([...ranges]), MUTATE_COVERAGE: "all" }
    }
  }
  console.log(`\n== mutating ${u.glob}`)
  const r = spawnSync("pnpm", ["exec", "stryker", "run", "stryker.config.mjs", ...(FORCE || RETEST ? ["--force"] : []), ...(CONCURRENCY !== undefined ? ["--concurrency", CONCURRENCY] : [])], {
    cwd: ROOT,
    stdio: "inherit",
    env: { ...process.env, MUTATE_PACKAGE: u.pkg, MUTATE_GLOB: u.glob, MUTATE_NAME: u.name, ...sampled }
  })
  if (r.status !== 0) failed++
  merge()
}
process.exit(failed === 0 ? 0 : 1)
