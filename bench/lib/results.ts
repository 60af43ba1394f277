/**
 * Benchmark results: one record per figure, with the baseline measured in the same run and
 * the ratio between them, printed as a table and written to bench/results.json.
 *
 * bench/results.json holds every figure, each with its own `id` and `measured` (when, by which
 * command, at which load): a run replaces the figures it measured (same id) and keeps the
 * others, and writes the file after every figure, so a run cut short keeps what it measured.
 */
import { existsSync, readFileSync, writeFileSync } from "node:fs"
import * as os from "node:os"

/** one figure */
export interface Result {
  /** the figure's key in the results file (a later run's figure with the same id replaces it); the name when absent */
  readonly id?: string
  readonly name: string
  readonly value: number
  readonly unit: string
  /** the baseline's figure in the same unit, measured in the same run (null when there is none) */
  readonly baseline: number | null
  /** how the figure compares with the baseline, stated in `ratioMeaning` */
  readonly ratio: number | null
  /** what the ratio means, e.g. "baseline time / liushou time" */
  readonly ratioMeaning?: string
  /** the target, in words */
  readonly target?: string
  /** whether the target is met (null when there is no target or it cannot be judged) */
  readonly met?: boolean | null
  readonly note?: string
  /**
   * How the figure was timed: the number of timed runs (interleaved with the baseline's), and
   * the fastest and slowest run of the figure and of its baseline, in the figure's unit. A
   * figure of one run says why in `single`.
   */
  readonly runs?: number
  readonly range?: { readonly value: readonly [number, number]; readonly baseline?: readonly [number, number] }
  readonly single?: string
  /** the clock both sides were timed on */
  readonly clock?: "cpu" | "wall"
  /** the counts the figure checked (read = stored + updated + unchanged + rejected, etc.) */
  readonly counts?: Record<string, number>
  /** the database population of a database figure */
  readonly population?: number
  /** the parts of a figure made of several timed phases, in seconds (the end-to-end run's import, assessment and report) */
  readonly parts?: Record<string, number>
  /** the run that measured the figure: when it was recorded, the command's flags, the load average then */
  readonly measured?: { readonly at: string; readonly args: string; readonly loadAverage: ReadonlyArray<number> }
}

/** a rate's [slowest, fastest] range from a spread of milliseconds for `n` items */
export const rateRange = (n: number, s: { readonly min: number; readonly max: number }): readonly [number, number] => [(n / s.max) * 1000, (n / s.min) * 1000]

/** a figure's counts do not add up: the run measured something other than what it says */
export class CountMismatch extends Error {}

/**
 * Checks that every case a figure read is accounted for: read = stored + updated + unchanged +
 * rejected (import), or the expected number; throws (the run fails) on a mismatch.
 */
export const checkCounts = (what: string, expected: number, counts: Record<string, number>, parts: ReadonlyArray<string>): void => {
  const sum = parts.reduce((s, p) => s + (counts[p] ?? 0), 0)
  const read = counts.read ?? sum
  if (read !== expected || sum !== expected) {
    throw new CountMismatch(`${what}: expected ${expected} cases, read ${read}, ${parts.join(" + ")} = ${sum} (${JSON.stringify(counts)})`)
  }
}

const results: Array<Result> = []
let output: { path: string; meta: Record<string, unknown> } | undefined

/** the key of a figure in the results file */
export const idOf = (r: Result): string => r.id ?? r.name

const stamp = (r: Result): Result => (r.measured !== undefined ? r : { ...r, measured: { at: new Date().toISOString(), args: process.argv.slice(2).join(" "), loadAverage: os.loadavg().map((x) => Math.round(x * 100) / 100) } })

/** records a figure, prints it and writes the results file (when {@link writeTo} named one) */
export const record = (r: Result): Result => {
  const s = stamp(r)
  results.push(s)
  process.stdout.write(`  ${line(s)}\n`)
  flush()
  return s
}

/** adds figures recorded by a child process (already printed there) */
export const adopt = (rs: ReadonlyArray<Result>): void => {
  results.push(...rs.map(stamp))
  flush()
}

/** from now on, every figure recorded is written at once into `path` (merged with the figures already there) */
export const writeTo = (path: string, meta: Record<string, unknown>): void => {
  output = { path, meta }
}

/** the figures of a results file (an array of figures) */
export const readResults = (path: string): Array<Result> => (existsSync(path) ? (JSON.parse(readFileSync(path, "utf8")) as Array<Result>) : [])

/** the figures of `old` with each one this run measured replaced (same id, same place) and the new ones added at the end */
export const merge = (old: ReadonlyArray<Result>, fresh: ReadonlyArray<Result>): Array<Result> => {
  const byId = new Map(fresh.map((r) => [idOf(r), r]))
  const out = old.map((r) => byId.get(idOf(r)) ?? r)
  const seen = new Set(old.map(idOf))
  return [...out, ...fresh.filter((r) => !seen.has(idOf(r)))]
}

const flush = (): void => {
  if (output !== undefined) write(output.path, output.meta)
}

/** every figure recorded so far */
export const all = (): ReadonlyArray<Result> => results

const fmt = (n: number | null): string => {
  if (n === null) return "-"
  if (Math.abs(n) >= 1000) return Math.round(n).toLocaleString("en-US")
  if (Math.abs(n) >= 10) return n.toFixed(1)
  return n.toFixed(3).replace(/\.?0+$/, "") || "0"
}

const line = (r: Result): string =>
  `${r.name}: ${fmt(r.value)} ${r.unit}` +
  (r.baseline !== null ? ` | baseline ${fmt(r.baseline)}` : "") +
  (r.ratio !== null ? ` | ratio ${fmt(r.ratio)}` : "") +
  (r.range !== undefined ? ` | range ${fmt(r.range.value[0])}..${fmt(r.range.value[1])}` : "") +
  (r.runs !== undefined ? ` | ${r.runs} runs` : "") +
  (r.met === true ? " | target met" : r.met === false ? " | TARGET MISSED" : "")

/** the table of every figure, as Markdown */
export const table = (): string => {
  const rows = results.map((r) => `| ${r.name} | ${fmt(r.value)} ${r.unit} | ${fmt(r.baseline)} | ${fmt(r.ratio)}${r.ratioMeaning ? ` (${r.ratioMeaning})` : ""} | ${r.target ?? ""} | ${r.met === true ? "yes" : r.met === false ? "**no**" : "-"} |`)
  return ["| figure | value | baseline | ratio | target | met |", "| --- | ---: | ---: | --- | --- | --- |", ...rows].join("\n")
}

/** a description of the machine the figures were measured on */
export const machine = (): Record<string, unknown> => ({
  cpu: os.cpus()[0]?.model ?? "unknown",
  cores: os.cpus().length,
  memoryGiB: Math.round(os.totalmem() / 2 ** 30),
  node: process.version,
  platform: `${os.platform()} ${os.release()}`,
  loadAverage: os.loadavg().map((x) => Math.round(x * 100) / 100)
})

/**
 * Writes the figures recorded so far into bench/results.json, merged with the figures already
 * there ({@link merge}), and the machine into bench/machine.json.
 */
export const write = (path: string, meta: Record<string, unknown>): void => {
  writeFileSync(path, JSON.stringify(merge(readResults(path), results), null, 2) + "\n")
  writeFileSync(path.replace(/(\.json)?$/, ".machine.json").replace(/results\.machine\.json$/, "machine.json"), JSON.stringify({ ...machine(), ...meta }, null, 2) + "\n")
}
