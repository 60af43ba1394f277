/**
 * The CLI's small framework: commands are values with a name, a summary, options for
 * node:util's parseArgs and a run function that returns an exit code. Exit codes: 0 success,
 * 1 some input rejected or a check failed, 2 usage error; a database that is unavailable (69),
 * a full disk (74) or a busy database or another import running (75) is one line with its own
 * code (see failures.ts).
 */
import { parseArgs, type ParseArgsConfig } from "node:util"
import { classify, currentDatabase } from "./failures.js"

export interface Io {
  readonly out: (text: string) => void
  readonly err: (text: string) => void
  /** whether stdout is a terminal (progress bars, colours) */
  readonly isTTY: boolean
  readonly cwd: string
}

export interface Command {
  readonly name: string
  readonly summary: string
  readonly usage: string
  readonly options: NonNullable<ParseArgsConfig["options"]>
  readonly allowPositionals?: boolean
  readonly run: (args: { values: Record<string, unknown>; positionals: ReadonlyArray<string> }, io: Io) => Promise<number>
}

export class UsageError extends Error {}

/** The language of what a command prints for people: Chinese by default, `--lang en` for English. */
export type Lang = "zh" | "en"

/**
 * Reads `--lang` (every command accepts it): `zh` (also `zh-CN`, the default) or `en`.
 */
export const langFrom = (values: Record<string, unknown>): Lang => {
  const v = values.lang
  if (v === undefined || v === "zh" || v === "zh-CN") return "zh"
  if (v === "en") return "en"
  throw new UsageError(`--lang must be zh or en, got ${JSON.stringify(v)}`)
}

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
  let parsed: { values: Record<string, unknown>; positionals: Array<string> }
  try {
    parsed = parseArgs({ args: [...argv], options: { ...command.options, help: { type: "boolean", short: "h" }, lang: { type: "string" } }, allowPositionals: command.allowPositionals ?? false, strict: true }) as never
  } catch (e) {
    io.err(`liushou ${command.name}: ${(e as Error).message}\nusage: ${command.usage}`)
    return 2
  }
  if (parsed.values.help === true) {
    io.out(`${command.summary}\n\nusage: ${command.usage}`)
    return 0
  }
  try {
    return await command.run(parsed, io)
  } catch (e) {
    if (e instanceof UsageError) {
      io.err(`liushou ${command.name}: ${e.message}\nusage: ${command.usage}`)
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
  if (typeof v !== "string" || v === "") throw new UsageError(`--${name} is required`)
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
