/**
 * Benchmark results: one record per figure, with the baseline measured in the same run and
 * the ratio between them, printed as a table and written to bench/results.json.
 */
import { writeFileSync } from "node:fs"
import * as os from "node:os"

/** one figure */
export interface Result {
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
}

const results: Array<Result> = []

/** records a figure and prints it at once */
export const record = (r: Result): Result => {
  results.push(r)
  process.stdout.write(`  ${line(r)}\n`)
  return r
}

/** adds figures recorded by a child process (already printed there) */
export const adopt = (rs: ReadonlyArray<Result>): void => {
  results.push(...rs)
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

/** writes bench/results.json (an array of figures) and bench/machine.json */
export const write = (path: string, meta: Record<string, unknown>): void => {
  writeFileSync(path, JSON.stringify(results, null, 2) + "\n")
  writeFileSync(path.replace(/(\.json)?$/, ".machine.json").replace(/results\.machine\.json$/, "machine.json"), JSON.stringify({ ...machine(), ...meta }, null, 2) + "\n")
}
