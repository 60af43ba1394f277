/**
 * The CLI's small framework: commands are values with a name, a summary, options for
 * node:util's parseArgs and a run function that returns an exit code. Exit codes: 0 success,
 * 1 some input rejected, a check failed or the ledger could not be opened, 2 usage error.
 */
import { parseArgs, type ParseArgsConfig } from "node:util"

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

/** A failure the command line cannot fix (a database refusing the connection): one line on stderr, exit 1, no usage. */
export class CommandFailure extends Error {}

export const defineCommand = (c: Command): Command => c

export const runCommand = async (command: Command, argv: ReadonlyArray<string>, io: Io): Promise<number> => {
  let parsed: { values: Record<string, unknown>; positionals: Array<string> }
  try {
    parsed = parseArgs({ args: [...argv], options: { ...command.options, help: { type: "boolean", short: "h" } }, allowPositionals: command.allowPositionals ?? false, strict: true }) as never
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
      return 1
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
