/**
 * The CLI's small framework: commands are values with a name, a summary, options for
 * node:util's parseArgs and a run function that returns an exit code. Exit codes: 0 success,
 * 1 some input rejected or a check failed, 2 usage error; a database that is unavailable (69),
 * a full disk (74) or a busy database or another import running (75) is one line with its own
 * code (see failures.ts).
 */
import { parseArgs, type ParseArgsConfig } from "node:util"
import { classify, currentDatabase } from "./failures.js"
import { Ledger } from "@liushou/storage"

export interface Io {
  readonly out: (text: string) => void
  readonly err: (text: string) => void
  /** whether stdout is a terminal (progress bars, colours) */
  readonly isTTY: boolean
  readonly cwd: string
}

export interface Command {
  readonly name: string
  /** what the command does, in Chinese and English (`--help` and `liushou --help` print one by `--lang`) */
  readonly summary: { readonly zh: string; readonly en: string }
  /** the option syntax (flags and placeholders are the same in either language) */
  readonly usage: string
  readonly options: NonNullable<ParseArgsConfig["options"]>
  readonly allowPositionals?: boolean
  readonly run: (args: { values: Record<string, unknown>; positionals: ReadonlyArray<string> }, io: Io) => Promise<number>
}

/** A mistake on the command line: exit 2 with the command's usage. Give the Chinese text too: it is what people read by default. */
export class UsageError extends Error {
  constructor(
    message: string,
    readonly zh?: string
  ) {
    super(message)
  }
}

/** The language of what a command prints for people: Chinese by default, `--lang en` for English. */
export type Lang = "zh" | "en"

/**
 * Reads `--lang` (every command accepts it): `zh` (also `zh-CN`, the default) or `en`.
 */
export const langFrom = (values: Record<string, unknown>): Lang => {
  const v = values.lang
  if (v === undefined || v === "zh" || v === "zh-CN") return "zh"
  if (v === "en") return "en"
  throw new UsageError(`--lang must be zh or en, got ${JSON.stringify(v)}`, `--lang 只能是 zh 或 en，收到 ${JSON.stringify(v)}`)
}

/** The language asked for on a command line that may not parse (for its usage error and its help). */
export const langOf = (argv: ReadonlyArray<string>): Lang => {
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!
    if (a === "--lang" && argv[i + 1] === "en") return "en"
    if (a === "--lang=en") return "en"
  }
  return "zh"
}

/** The usage error for a missing or malformed option value, in both languages. */
export const badOption = (name: string, expected: { zh: string; en: string }, got: unknown): UsageError =>
  new UsageError(`--${name} must be ${expected.en}, got ${JSON.stringify(got)}`, `--${name} 应为${expected.zh}，收到 ${JSON.stringify(got)}`)

/** What the common options expect, in both languages. */
export const EXPECTED = {
  date: { zh: "日历日期 YYYY-MM-DD", en: "a calendar date YYYY-MM-DD" },
  region: { zh: "2、4、6、9 或 12 位的行政区划代码", en: "a region code of 2, 4, 6, 9 or 12 digits" },
  positive: { zh: "正整数", en: "a positive integer" }
} as const

/** One of two texts by language. */
export const say = (lang: Lang, zh: string, en: string): string => (lang === "zh" ? zh : en)

/** A failure the command line cannot fix: one line on stderr, its exit code (default 1), no usage. */
export class CommandFailure extends Error {
  constructor(
    message: string,
    readonly code = 1
  ) {
    super(message)
  }
}

export const defineCommand = (c: Command): Command => c

export const runCommand = async (command: Command, argv: ReadonlyArray<string>, io: Io): Promise<number> => {
  const lang = langOf(argv)
  const usage = say(lang, "用法：", "usage: ") + command.usage
  let parsed: { values: Record<string, unknown>; positionals: Array<string> }
  try {
    parsed = parseArgs({ args: [...argv], options: { ...command.options, help: { type: "boolean", short: "h" }, lang: { type: "string" } }, allowPositionals: command.allowPositionals ?? false, strict: true }) as never
  } catch (e) {
    // node's own wording (an unknown option, a missing value) is English: framed, not replaced
    io.err(`liushou ${command.name}: ${say(lang, `命令行参数有误（${(e as Error).message}）`, (e as Error).message)}\n${usage}`)
    return 2
  }
  if (parsed.values.help === true) {
    io.out(`${command.summary[lang]}\n\n${usage}\n${say(lang, "所有命令均接受 --lang en（英文输出）。", "Every command takes --lang zh (the default) or en.")}`)
    return 0
  }
  try {
    return await command.run(parsed, io)
  } catch (e) {
    if (e instanceof UsageError) {
      io.err(`liushou ${command.name}: ${lang === "zh" && e.zh !== undefined ? e.zh : e.message}\n${usage}`)
      return 2
    }
    // an argument the ledger cannot use (a run id of another date or region, a malformed region)
    if (e instanceof Ledger.LedgerInputError) {
      io.err(`liushou ${command.name}: ${lang === "zh" ? e.zh : e.message}`)
      return 2
    }
    if (e instanceof CommandFailure) {
      io.err(`liushou ${command.name}: ${e.message}`)
      return e.code
    }
    // a database gone, a full disk, a busy database, another import: one line and its own code
    const failure = classify(e, currentDatabase())
    if (failure !== undefined) {
      io.err(`liushou ${command.name}: ${failure.message.en} / ${failure.message.zh}`)
      return failure.code
    }
    throw e
  }
}

/** Reads a required string option or throws a usage error. */
export const required = (values: Record<string, unknown>, name: string): string => {
  const v = values[name]
  if (typeof v !== "string" || v === "") throw new UsageError(`--${name} is required`, `缺少必需的参数 --${name}`)
  return v
}

/** A left-aligned text table (CJK characters count as two columns). */
export const table = (headers: ReadonlyArray<string>, rows: ReadonlyArray<ReadonlyArray<string>>): string => {
  const width = (s: string): number => {
    let w = 0
    for (const ch of s) w += /[\u1100-\uffff]/.test(ch) ? 2 : 1
    return w
  }
  const widths = headers.map((h, i) => Math.max(width(h), ...rows.map((r) => width(r[i] ?? ""))))
  const line = (cells: ReadonlyArray<string>) => cells.map((c, i) => c + " ".repeat(widths[i]! - width(c))).join("  ").trimEnd()
  return [line(headers), widths.map((w) => "-".repeat(w)).join("  "), ...rows.map(line)].join("\n")
}
