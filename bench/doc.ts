/**
 * Writes docs/performance.md from the results files: bench/results.json (every figure, each
 * with the run that measured it), bench/machine.json (the machine of the last run),
 * bench/profile.json (where the time goes, `bench/profile.ts`) when there is one, and
 * bench/browser-results.json. Every figure in the page comes from those files; the prose here
 * holds no measured number.
 *
 *   pnpm bench:doc            writes docs/performance.md
 *   pnpm bench:doc --check    exits 1 when docs/performance.md is not what the results files give
 */
import { existsSync, readFileSync, writeFileSync } from "node:fs"
import * as path from "node:path"
import { fileURLToPath } from "node:url"
import type { Result } from "./lib/results.js"

const here = path.dirname(fileURLToPath(import.meta.url))
const DOC = path.join(here, "../docs/performance.md")

const read = (file: string): unknown => JSON.parse(readFileSync(path.join(here, file), "utf8"))

const fmt = (n: number | null | undefined): string => {
  if (n === null || n === undefined) return "-"
  if (Math.abs(n) >= 1000) return Math.round(n).toLocaleString("en-US")
  if (Math.abs(n) >= 10) return n.toFixed(1)
  return n.toFixed(3).replace(/\.?0+$/, "") || "0"
}

const range = (r: readonly [number, number] | undefined): string => (r === undefined ? "" : ` (${fmt(r[0])}–${fmt(r[1])})`)

/** when a figure was measured and the load then: "2026-12-03 03:10 UTC, load 19.5" */
const when = (r: Result): string => (r.measured === undefined ? "-" : `${r.measured.at.slice(0, 16).replace("T", " ")} UTC, load ${fmt(r.measured.loadAverage[0] ?? null)}`)

const table = (results: ReadonlyArray<Result>): string =>
  [
    "| figure | value (range) | baseline (range) | ratio | runs | target | met | measured |",
    "| --- | ---: | ---: | --- | ---: | --- | --- | --- |",
    ...results.map(
      (r) =>
        `| ${r.name} | ${fmt(r.value)} ${r.unit}${range(r.range?.value)} | ${fmt(r.baseline)}${range(r.range?.baseline)} | ${fmt(r.ratio)}${r.ratioMeaning !== undefined ? ` (${r.ratioMeaning})` : ""} | ${r.runs ?? (r.single !== undefined ? 1 : "-")} | ${r.target ?? ""} | ${r.met === true ? "yes" : r.met === false ? "**no**" : "-"} | ${when(r)} |`
    )
  ].join("\n")

/** the commands that measured the figures, each with how many figures it holds */
const runs = (results: ReadonlyArray<Result>): string => {
  const by = new Map<string, Array<Result>>()
  for (const r of results) {
    const key = r.measured?.args ?? "(not recorded)"
    by.set(key, [...(by.get(key) ?? []), r])
  }
  return [...by]
    .map(([args, rs]) => {
      const at = rs.map((r) => r.measured?.at ?? "").sort()
      return `- \`pnpm bench ${args}\`: ${rs.length} figure${rs.length === 1 ? "" : "s"}, ${at[0]!.slice(0, 16).replace("T", " ")}${at.at(-1)!.slice(0, 16) !== at[0]!.slice(0, 16) ? ` to ${at.at(-1)!.slice(0, 16).replace("T", " ")}` : ""} UTC`
    })
    .join("\n")
}

interface ProfileFile {
  readonly generatedAt: string
  readonly command: string
  readonly loadAverage: ReadonlyArray<number>
  readonly sampling: string
  readonly runs: ReadonlyArray<{
    readonly dialect: string
    readonly population: number
    readonly phases: Record<string, Summary & { readonly wallMs: number }>
  } & Partial<Stamp>>
  /** the HTTP server under the load test (`bench/profile.ts --only=http`) */
  readonly http?: Stamp &
    Summary & {
      readonly sampling: string
      readonly population: number
      readonly workers: number
      readonly profiledFiles: number
      readonly load: { readonly connections: number; readonly seconds: number; readonly requests: number; readonly perSecond: number; readonly p50: number; readonly p99: number; readonly errors: number; readonly timeouts: number; readonly non2xx: number }
    }
  /** Engine.evaluate and the hand-written function (`bench/profile.ts --only=evaluate`) */
  /** the assessment's memory at two sizes (`bench/profile.ts --only=memory`) */
  readonly memory?: Stamp & { readonly dialect: string; readonly heapLimit: string; readonly runs: ReadonlyArray<MemoryRun> }
  readonly evaluate?: Stamp & { readonly sampling: string; readonly population: number; readonly rounds: number; readonly ratio: number; readonly ratios: ReadonlyArray<number>; readonly public: Summary & { readonly cpuMs: number }; readonly hand: Summary & { readonly cpuMs: number } }
}

interface MemoryReading {
  readonly heapUsed: number
  readonly heapTotal: number
  readonly external: number
  readonly arrayBuffers: number
  readonly rss: number
}

interface MemoryRun {
  readonly population: number
  readonly step: number
  readonly importMs: number
  readonly assessMs: number
  readonly afterImport: MemoryReading & { readonly peakRss: number }
  readonly assessStart: MemoryReading
  readonly steps: ReadonlyArray<{ readonly elders: number; readonly ms: number; readonly before: MemoryReading; readonly after: MemoryReading; readonly sampledPeak: { readonly heapUsed: number; readonly rss: number } }>
  readonly peakRssMiB: number
  readonly held: { readonly totalMiB: number; readonly byConstructor: ReadonlyArray<{ name: string; count: number; mib: number }>; readonly holders: ReadonlyArray<{ name: string; count: number; mib: number }> }
}

interface Stamp {
  readonly generatedAt: string
  readonly command: string
  readonly loadAverage: ReadonlyArray<number>
}

interface Summary {
  readonly sampledMs: number
  readonly groups: ReadonlyArray<{ group: string; ms: number; percent: number }>
  readonly top: ReadonlyArray<{ function: string; group: string; ms: number; percent: number }>
}

const stamped = (s: Stamp): string => `\`${s.command}\`, ${s.generatedAt.slice(0, 16).replace("T", " ")} UTC, load average at the end ${s.loadAverage.map((x) => x.toFixed(2)).join(", ")}`

const groupTable = (v: Summary, top: number): string => `| group | self time | share |
| --- | ---: | ---: |
${v.groups.map((g) => `| ${g.group} | ${fmt(g.ms)} ms | ${fmt(g.percent)} % |`).join("\n")}

Most self time: ${v.top
  .slice(0, top)
  .map((t) => `\`${t.function}\` ${fmt(t.percent)} %`)
  .join(", ")}.`

/** the HTTP server's profile under load, when profile.json has one */
const httpProfile = (h: NonNullable<ProfileFile["http"]>): string => `#### HTTP server under load, PostgreSQL, ${h.population.toLocaleString("en-US")} elders

${stamped(h)}: ${h.sampling}. The load test of the \`http\` figure (\`bench/lib/load.ts\`: ${h.load.connections} connections for ${h.load.seconds} s, 40 % visits due, 20 % assessments due, 20 % one case file, 20 % visit writes) against \`liushou serve\`'s app in ${h.workers} worker process${h.workers === 1 ? "" : "es"}, each profiled from the end of the warm-up until it stops (\`bench/children/serve.ts\` with \`LIUSHOU_BENCH_PROFILE_DIR\`): ${h.load.requests.toLocaleString("en-US")} requests, ${Math.round(h.load.perSecond)} per second, p50 ${Math.round(h.load.p50).toLocaleString("en-US")} ms, p99 ${Math.round(h.load.p99).toLocaleString("en-US")} ms, ${h.load.errors + h.load.timeouts + h.load.non2xx} errors, timeouts or non-2xx answers. ${fmt(h.sampledMs / 1000)} s sampled over the workers; "idle" is a worker waiting: for PostgreSQL's answers, for the next request, or for a core (the load generator, the database server and the workers share the machine's cores).

${groupTable(h, 10)}`

/** the evaluation's profile, when profile.json has one */
const evaluateProfile = (e: NonNullable<ProfileFile["evaluate"]>): string => `#### \`Engine.evaluate\` and the hand-written function, ${e.population.toLocaleString("en-US")} decoded case files

${stamped(e)}: ${e.sampling}. The public \`engine.evaluate(caseFile, asOf)\` on case files that came through \`Decode.caseFile\` (each with the input version the decoder recorded) took ${fmt(e.public.cpuMs)} ms of CPU, the hand-written Hunan function on the same cases ${fmt(e.hand.cpuMs)} ms (medians of ${e.rounds} profiled rounds): ${fmt(e.ratio)}× (the rounds: ${e.ratios.map((x) => `${fmt(x)}×`).join(", ")}; the figure in the table above is the median of unprofiled interleaved runs, of the built packages, where this profile runs the sources through tsx). Self time by source file, summed over the rounds:

\`Engine.evaluate\`:

${groupTable(e.public, 8)}

The hand-written function:

${groupTable(e.hand, 5)}`

/** the assessment's memory at two sizes, when profile.json has it */
const memoryProfile = (m: NonNullable<ProfileFile["memory"]>): string => {
  const n = (x: number) => x.toLocaleString("en-US")
  // the live heap's growth per 100,000 elders over the second half of the run (the first fills the caches)
  const growth = (r: MemoryRun) => {
    const a = r.steps[Math.floor((r.steps.length - 1) / 2)]!
    const b = r.steps.at(-1)!
    return b.elders === a.elders ? 0 : ((b.after.heapUsed - a.after.heapUsed) / (b.elders - a.elders)) * 100_000
  }
  const rows = m.runs.flatMap((r) =>
    r.steps.map((x) => `| ${n(r.population)} | ${n(x.elders)} | ${fmt(x.sampledPeak.heapUsed)} | ${fmt(x.before.heapUsed)} | **${fmt(x.after.heapUsed)}** | ${fmt(x.before.heapTotal)} | ${fmt(x.before.external)} | ${fmt(Math.max(x.sampledPeak.rss, x.before.rss))} |`)
  )
  // what grew from the smaller size to the larger: the holders and constructors that hold more
  const grew = (pick: (r: MemoryRun) => ReadonlyArray<{ name: string; mib: number }>): string => {
    const [a, b] = [m.runs[0], m.runs.at(-1)]
    if (a === undefined || b === undefined || a === b) return ""
    const small = new Map(pick(a).map((x) => [x.name, x.mib]))
    return pick(b)
      .map((x) => ({ name: x.name, more: x.mib - (small.get(x.name) ?? 0) }))
      .filter((x) => x.more >= 0.5)
      .sort((x, y) => y.more - x.more)
      .slice(0, 10)
      .map((x) => `${x.name} +${fmt(x.more)} MiB`)
      .join(", ")
  }
  const grewHolders = grew((r) => r.held.holders)
  const grewConstructors = grew((r) => r.held.byConstructor)
  const held = m.runs.map(
    (r) => `- ${n(r.population)} elders, ${fmt(r.held.totalMiB)} MiB in the heap. By constructor: ${r.held.byConstructor
      .slice(0, 6)
      .map((c) => `${c.name} ${fmt(c.mib)} MiB (${n(c.count)})`)
      .join(", ")}. Largest holders: ${r.held.holders
      .slice(0, 10)
      .map((h) => `${h.name} ${fmt(h.mib)} MiB`)
      .join(", ")}.`
  )
  return `#### Memory of the assessment, ${m.dialect === "sqlite" ? "SQLite" : "PostgreSQL"}, ${m.runs.map((r) => n(r.population)).join(" and ")} elders

${stamped(m)}. Each size imports into a fresh ledger and assesses every elder in one run (\`bench/children/memory.ts\`, heap limit ${m.heapLimit}), forcing a full garbage collection every tenth of the population: the heap used before it is live objects and garbage not yet collected, after it what the process holds. "Sampled peak" is the largest heap used in the tenth before (read twice a second); RSS is the largest seen there. Over the second half of each run the heap after the collection grew by ${m.runs.map((r) => `${fmt(growth(r))} MiB per 100,000 elders at ${n(r.population)}`).join(" and ")}; the peak RSS of the whole process (import and assessment) was ${m.runs.map((r) => `${fmt(r.peakRssMiB)} MiB at ${n(r.population)}`).join(" and ")}.

| population | elders assessed | heap used, sampled peak (MiB) | before the collection | after it | heap reserved | outside the heap | RSS |
| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |
${rows.join("\n")}

What the heap holds after the last batch, inside the run (a heap snapshot; a holder is a variable or property and counts what lies under it on each object's first path from the roots; the module loaders' own holders are left out):

${held.join("\n")}

Held at ${n(m.runs.at(-1)!.population)} beyond what ${n(m.runs[0]!.population)} held (0.5 MiB or more; a holder inside another counts in both): ${grewHolders === "" ? "no holder" : grewHolders}; by constructor: ${grewConstructors === "" ? "none" : grewConstructors}.`
}

/** the profile section, from bench/profile.json (written by `bench/profile.ts`) */
const profile = (): string => {
  if (!existsSync(path.join(here, "profile.json"))) return ""
  const p = read("profile.json") as ProfileFile
  const parts = p.runs.flatMap((r) =>
    Object.entries(r.phases).map(([phase, v]) => {
      const name = `${phase === "import" ? "Import" : "Assessment"}, ${r.dialect === "sqlite" ? "SQLite" : "PostgreSQL"}, ${r.population.toLocaleString("en-US")} elders`
      return `#### ${name}

${r.generatedAt !== undefined && r.command !== undefined && r.loadAverage !== undefined ? `Profiled by its own run (${stamped(r as Stamp)}). ` : ""}${fmt(v.wallMs / 1000)} s on the wall clock, ${fmt(v.sampledMs / 1000)} s of it sampled (the profiler's "idle" is the process waiting: for the database server's answers, or for a core on the loaded machine).

| group | self time | share |
| --- | ---: | ---: |
${v.groups.map((g) => `| ${g.group} | ${fmt(g.ms)} ms | ${fmt(g.percent)} % |`).join("\n")}

Most self time: ${v.top
        .slice(0, 8)
        .map((t) => `\`${t.function}\` ${fmt(t.percent)} %`)
        .join(", ")}.`
    })
  )
  const more = [...(p.http === undefined ? [] : [httpProfile(p.http)]), ...(p.evaluate === undefined ? [] : [evaluateProfile(p.evaluate)]), ...(p.memory === undefined ? [] : [memoryProfile(p.memory)])]
  return `## Where the time goes: profiles

From [\`bench/profile.json\`](../bench/profile.json) (\`${p.command}\`, ${p.generatedAt.slice(0, 16).replace("T", " ")} UTC, load average at the end ${p.loadAverage.map((x) => x.toFixed(2)).join(", ")}): ${p.sampling}, of the import and of the assessment in the end-to-end child process (\`bench/children/e2e.ts\` with \`LIUSHOU_BENCH_PROFILE_DIR\`). Self time is grouped by where the function lives: evaluation (core's engine and the policy rules, with the plan's generated function), input hashing and canonical JSON (\`CaseFile.ts\`, \`internal/hash.ts\`), decoding, SQL building (Kysely and the ledger's bulk rows), the database driver (pg, better-sqlite3's native calls), JSON parse and stringify, the ledger's own code, garbage collection.${more.length > 0 ? " The HTTP server under load, the evaluation against the hand-written function and the assessment's memory follow, each measured by its own run of \`bench/profile.ts\` (`--only=http`, `--only=evaluate`, `--only=memory`)." : ""}

${[...parts, ...more].join("\n\n")}

`
}

const notes = (results: ReadonlyArray<Result>): string =>
  results
    .filter((r) => r.note !== undefined || r.single !== undefined)
    .map((r) => `- **${r.name}**: ${[r.note, r.single !== undefined ? `fewer than 5 runs: ${r.single}` : undefined].filter((x) => x !== undefined).join("; ")}`)
    .join("\n")

const targets = (results: ReadonlyArray<Result>): string => {
  const judged = results.filter((r) => r.met === true || r.met === false)
  const missed = judged.filter((r) => r.met === false)
  return [
    `${judged.length - missed.length} of ${judged.length} figures with a target meet it.`,
    "",
    ...(missed.length === 0 ? [] : ["Missed:", "", ...missed.map((r) => `- ${r.name}: ${fmt(r.value)} ${r.unit}${r.ratio !== null ? `, ratio ${fmt(r.ratio)}` : ""} against \`${r.target}\``)])
  ].join("\n")
}

/** the browser bundle section, from bench/browser-results.json (written by `pnpm bench:browser`) */
const browser = (): string => {
  if (!existsSync(path.join(here, "browser-results.json"))) return ""
  const b = read("browser-results.json") as {
    date: string
    bundle: string
    rawKB: number
    gzipKB: number
    gzipBudgetKB: number
    budgetRaises?: ReadonlyArray<{ date: string; fromKB: number; toKB: number; bought: string; beforeBytes: number; afterBytes: number }>
    byPackageKB: Record<string, number>
  }
  const rawTotal = Object.values(b.byPackageKB).reduce((x, y) => x + y, 0)
  const effectShare = Math.round(((b.byPackageKB["effect"] ?? 0) / rawTotal) * 100)
  const raises = (b.budgetRaises ?? [])
    .map((r) => ` Raised from ${r.fromKB} to **${r.toKB} KB** on ${r.date} for ${r.bought}: the bundle went from ${r.beforeBytes.toLocaleString("en-US")} to ${r.afterBytes.toLocaleString("en-US")} bytes gzip (\`bundle()\` before and after), over the ${(r.fromKB * 1024).toLocaleString("en-US")} bytes of ${r.fromKB} KB.`)
    .join("")
  const parts = Object.entries(b.byPackageKB)
    .map(([k, v]) => `\`${k}\` ${v} KB`)
    .join(", ")
  return `## In the browser: bundle size

From [\`bench/browser-results.json\`](../bench/browser-results.json) (\`pnpm bench:browser\`, ${b.date}): the
${b.bundle} bundle is **${b.rawKB} KB raw, ${b.gzipKB} KB gzip**. Of the raw bytes: ${parts}.

**Budget: ${b.gzipBudgetKB} KB gzip** (\`GZIP_BUDGET\` in \`packages/policy-hunan/test/browser/bundle.ts\`; the
browser test fails above it). Why this number: ${effectShare} % of the raw bytes are Effect (its Schema),
which the decoder needs to give bilingual errors naming the field path (a principle of the project,
not an option); the rest is the rules and their bilingual reasons. The budget was first set at the size
then measured plus about 15 % for the rules a province adds over the years (the raises named next used that
room up; today's bundle is ${b.gzipKB} KB of ${b.gzipBudgetKB}); the bundle is loaded once and cached. A
change that passes it must say what it bought.${raises} CI loads the bundle in Chromium from a local server,
switches the network off and checks that the browser's decisions equal Node's
(\`packages/policy-hunan/test/browser.test.ts\`).

`
}

export const render = (): string => {
  const results = read("results.json") as ReadonlyArray<Result>
  const machine = read("machine.json") as Record<string, unknown>
  const load = (m: Record<string, unknown>) => (Array.isArray(m.loadAverage) ? (m.loadAverage as Array<number>).map((x) => x.toFixed(2)).join(", ") : "unknown")
  return `# Performance

<!-- generated by \`pnpm bench:doc\` from bench/results.json, bench/machine.json, bench/profile.json and bench/browser-results.json; edit bench/doc.ts, not this file -->

liushou has to run the annual risk assessment (风险等级评估), the visit lists and a rule-change
impact report over a whole province on one ordinary server, and over a county on a laptop.
This page says how that is measured and what the figures are. Every figure on it comes from the
results files the benchmark writes; \`pnpm bench:doc --check\` (run by CI) fails when the page and
the files disagree.

## How it is measured

\`pnpm bench\` (never part of \`pnpm test\`) runs everything in \`bench/\`:

- Populations are deterministic synthetic case files from \`@liushou/testkit\`
  (\`syntheticCases\`, seed 20180803, as-of 2021-06-30, inside Hunan's 2018-08-03..2023-08-02):
  a **province** (region \`43\`: 18 Hunan counties, of which only Changsha County has sample dibao
  figures, so most elders take the needs-information paths) and a **county** (Changsha County,
  430121, every regional figure known).
- Every figure has a **baseline measured in the same run**, interleaved with it (each round runs
  every side once, the order rotating from round to round), so the ratio holds on a noisy
  machine. Figures are **medians of 5 timed runs** after a warm-up (\`LIUSHOU_BENCH_RUNS\`;
  \`LIUSHOU_BENCH_DB_RUNS\` for the database figures), with the **fastest and slowest run** of
  the figure and of its baseline in brackets. A figure of fewer runs says so and why.
- Both sides of a pair are timed on **the same clock**: single-threaded in-memory figures on the
  process's CPU time (\`process.cpuUsage\`, which other processes competing for the cores do not
  inflate; \`LIUSHOU_BENCH_CLOCK=wall\` switches), asynchronous work (json-rules-engine and the
  plugin next to it, the databases and their raw drivers) on the wall clock.
- **Every database figure checks its counts**: each import run must account for every line it
  read (read = stored + updated + unchanged + rejected = the population), each assessment run
  for every elder (evaluated + failed + skipped), and the raw baselines for every case; a
  mismatch fails the run instead of printing a figure for fewer cases than it names.
- The **in-memory figures** (evaluation, across cores, impact report, json-rules-engine,
  decoding) run **what users of the npm packages run**: core, policy-national and policy-hunan
  from their builds (\`dist/\`, made by \`pnpm build\` when missing or older than their
  sources), the bench's child and the baselines compiled the same way (esbuild, target node20,
  into \`bench/out/\`), so both sides of each ratio are compiled alike. Each such figure's note
  says how its code ran. Through tsx, every function made at run time is wrapped in esbuild's
  \`__name\` helper (keepNames), a cost the builds do not have; \`pnpm bench --sources\` measures
  the sources through tsx instead. The database figures and the profiles run the sources
  through tsx (the profiles group self time by source file).
- Each import and assessment runs in its **own child process**, so its peak RSS
  (\`process.resourceUsage().maxRSS\`) is its own; each import run writes into a fresh database.
- Before any timing, the **agreement check** compares the hand-written baseline with the Hunan
  plugin on values and reason codes for every case of a 20,000-case sample; the rate is
  reported as a figure of its own.

Results go to \`bench/results.json\` (an array of \`{id, name, value, unit, baseline, ratio,
ratioMeaning, target, met, runs, range, clock, counts, parts, note, measured}\`) and
\`bench/machine.json\`. A run writes each figure as soon as it is measured (a run cut short keeps
what it measured) and replaces the figures with the same \`id\`, keeping the others: the file
holds every figure, each with the run that measured it (\`measured\`: when, the command's flags,
the load average then).

\`\`\`sh
pnpm bench                    # 1M-elder evaluation, impact report, decoding, json-rules-engine; 100k import/assessment
pnpm bench --quick            # 100k populations only
pnpm bench --pg-1m --only=e2e,dues,http,rss   # 1M elders in PostgreSQL: end to end, due lists, HTTP, RSS 1M vs 100k (--db-1m: SQLite)
pnpm bench --only=evaluate,jre,decode,impact,import,assess
pnpm bench --size=20000       # a smaller database population for a trial run
pnpm bench:doc                # this page, from the results files
npx tsx --tsconfig bench/tsconfig.json --conditions=@liushou/source bench/check.ts   # 20 s sanity check
\`\`\`

PostgreSQL: the bench uses the server at \`LIUSHOU_PG_URL\` (default
\`postgres://postgres:postgres@127.0.0.1:5432/liushou_test\`) and creates and drops its own
databases, \`liushou_bench\` and \`liushou_bench_raw\`. Without a server it skips PostgreSQL and
says so (\`bash packages/storage/scripts/start-postgres.sh\` starts one).

### The baselines

| figure | baseline |
| --- | --- |
| evaluation | \`bench/baseline/hunan-handwritten.ts\`: 湘民发〔2018〕30号 as one plain function, written from the policy text and the Hunan plugin's documented parameter choices, with no library code at all (its own date arithmetic, its own tables). Same values and reason codes; no texts, citations, counterfactuals or provenance. The practical limit. Four liushou paths are measured against it: the public \`Engine.evaluate(caseFile, asOf)\` on decoded case files, which selects the policy and puts in the provenance the input version (the hash of the canonical case file) that the decoder computed and recorded where the data entered (that cost is in the decode figures) — **the headline**; the same call on objects the decoder never returned, which computes the input version in every call; \`Engine.evaluate\` with the input version passed in, as the ledger does (the importer computed it where the data entered); and the compiled plan alone. |
| json-rules-engine | \`bench/baseline/jre-rules.ts\`: risk grading and the eleven programs' eligibility as json-rules-engine rules with reason codes in the events; facts derived from the case file by plain code (counted in its time). liushou's side evaluates every rule. Before timing, its risk level and every program's status and first reason code are compared with the plugin's. |
| decoding | \`JSON.parse\` of the same cases |
| import | the raw driver (better-sqlite3 prepared statement; pg multi-row \`insert\`) reading the same JSON Lines file and writing one table (id, region, JSON text) in 5,000-row transactions |
| assessment | reading the same case files with the raw driver and evaluating them with the compiled plan in one process, without storing |
| impact report | two bare evaluations per elder |

## Figures

Measured on ${String(machine.cpu)} with ${String(machine.cores)} cores and ${String(machine.memoryGiB)} GiB, Node ${String(machine.node)}
(the last run: ${String(machine.generatedAt ?? "")}${machine.seconds !== undefined ? `, ${String(machine.seconds)} s` : ""}; load average at its end ${load(machine)}).
**The machine is shared with other work and the absolute figures were measured under that
load** (the load average when each figure was recorded is in its row): they are lower, and vary
more, than on an idle machine. Read the ratios, which compare two sides timed in the same rounds.
The figures come from these runs:

${runs(results)}

${table(results)}

### Notes on the figures

${notes(results)}

## Targets

${targets(results)}

${profile()}${browser()}## What each change bought

Profiles: \`node --cpu-prof\` of the benchmark's child processes (\`bench/children/*.ts\`), 20k–100k
elders. The figures each change bought were measured at the time against the same-run baseline;
they are in the commit messages, not repeated here.

| change | where |
| --- | --- |
| The risk result of an elder who is not left behind built field by field instead of \`{ ...base, ... }\` | \`packages/policy-hunan/src/rules/risk.ts\` |
| \`Decision.formatYuan\` as plain string arithmetic instead of \`toLocaleString\` with options | \`packages/core/src/Decision.ts\` |
| The income why-not built once per (risk entry, county line); eligibility's county decisions found by figure | \`packages/policy-hunan/src/rules/{risk,eligibility}.ts\` |
| A plan's rules run as one generated straight-line function | \`packages/core/src/Engine.ts\` |
| Regional provenance lists built once per combination of values | \`packages/core/src/Engine.ts\` |
| Date arithmetic memo per compiled rule | \`packages/core/src/CalendarDate.ts\` (\`memo\`) |
| Canonical JSON specialised to the case-file schema; the importer uses it | \`packages/core/src/CaseFile.ts\` (\`canonical\`), \`packages/storage/src/internal/importer.ts\` |
| The input version hashed while walking the case file, without building and flattening its canonical text (the same value: property-tested against \`hash64(canonicalJson(cf))\`) | \`packages/core/src/CaseFile.ts\` (\`version\`) |
| The ledger passes each stored input version to the engine instead of hashing the case file again | \`packages/storage/src/internal/assess.ts\` |
| Decoding fast path: a validator generated from the Schema's AST | \`packages/core/src/internal/validator.ts\` |
| Impact report compares plain values first and builds facets only for a change | \`packages/testkit/src/Impact.ts\` |
| Parameter sets serialised and hashed once per list; each reason stored once | \`packages/storage/src/internal/assess.ts\` (\`0002_reasons\`) |
| Stored evaluations serialised by a plain walk and the native \`JSON.stringify\` (a replacer function was called back for every key), reason-key lists built once per shared list | \`packages/storage/src/internal/assess.ts\` |
| Bulk inserts: multi-row \`insert … values\` with bound values, the statement's text written by the ledger once per table and row count (no query builder), up to 1,000 rows a statement; replaced one JSON parameter per 5,000 rows (\`json_populate_recordset\`, \`json_each\`), whose rows the client escaped into JSON text and the database parsed again | \`packages/storage/src/internal/rows.ts\` (\`bulkInsert\`), \`Flags.bulkInsert\` |
| Stored evaluations: one walk copies the evaluation with its reasons as keys and leaves the dated fields and parameters out (no key deleted afterwards), the plan's chain serialised once per chain | \`packages/storage/src/internal/assess.ts\` (\`split\`) |
| PostgreSQL bulk inserts: one \`insert … select * from unnest($1::text[], …)\` per batch, each column one array parameter typed from the catalog, text elements written as their JSON strings (the driver's own array escaping took about 0.8 s of client CPU per 5,000 case files); server CPU of a 20k import 7.5 → 6.1 s, of a 20k assessment 8.4 → 6.3 s | \`packages/storage/src/internal/rows.ts\` (\`PgArray\`, mode \`unnest\`), \`Flags.postgres.bulkInsert\` |
| SQLite: prepared statements kept by SQL text (\`Sqlite.cachedStatements\`; Kysely prepares every query again), used by the host and the bench children; the assessment reads each batch's elders once inside its write transaction (current rows and the elders gone) instead of a read and a delete over every key | \`packages/storage/src/Sqlite.ts\`, \`packages/storage/src/internal/assess.ts\` (\`current\`) |
| Restored evaluations share one parsed parameter list per stored set (a county report held one parsed copy per elder) | \`packages/storage/src/internal/assess.ts\` (\`restore\`) |
| The county report counted as the ledger's pages come (\`ReportData.builder\`: counts per township, village and kind, the region summary added up 512 rows at a time) instead of one array of every elder's case file and evaluation and several passes over it (in the 1M chain the report took the process from about 0.9 to 2.1 GB) | \`examples/host/src/report/{ReportData,FromLedger}.ts\` |
| The indicators read the region's case files 500 at a time and count every period in one read (\`Indicator.accumulator\`) instead of holding every case file and, per period, every evaluation | \`packages/storage/src/internal/indicators.ts\`, \`packages/core/src/Indicator.ts\` |
| Lines read by a generator over the file's chunks (a readline interface lost the lines emitted before the importer's first await: a PostgreSQL figure was once for 99,175 of 100,000 cases) | \`bench/lib/population.ts\` |
`
}

const check = process.argv.includes("--check")
const text = render()
if (check) {
  const current = existsSync(DOC) ? readFileSync(DOC, "utf8") : ""
  if (current !== text) {
    console.error("docs/performance.md is not what bench/results.json gives: run pnpm bench:doc")
    process.exit(1)
  }
  console.log("docs/performance.md matches the results files")
} else {
  writeFileSync(DOC, text)
  console.log(`wrote ${path.relative(process.cwd(), DOC)}`)
}
