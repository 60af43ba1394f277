#!/usr/bin/env node
/**
 * The `liushou` CLI entry point.
 */
import { langOf, runCommand, say, table } from "./cli.js"
import { COMMANDS } from "./commands/index.js"

/**
 * The directory the user ran the command from: relative paths (--input, --out, --db, the
 * configuration) resolve against it. Run through a package script (`pnpm liushou …`, `npm run`),
 * the process starts in the package's directory and the package manager names the user's own
 * directory in INIT_CWD.
 */
const invocationDir = (): string => {
  const init = process.env.INIT_CWD
  return process.env.npm_lifecycle_event !== undefined && init !== undefined && init !== "" ? init : process.cwd()
}

const main = async (argv: ReadonlyArray<string>): Promise<number> => {
  const io = {
    out: (text: string) => void process.stdout.write(text.endsWith("\n") ? text : text + "\n"),
    err: (text: string) => void process.stderr.write(text.endsWith("\n") ? text : text + "\n"),
    isTTY: process.stdout.isTTY === true,
    cwd: invocationDir()
  }
  const [name, ...rest] = argv
  const command = COMMANDS.find((c) => c.name === name)
  if (command === undefined) {
    const lang = langOf(argv)
    const help = say(
      lang,
      `liushou：农村留守老年人关爱服务\n\n${table(["命令", "作用"], COMMANDS.map((c) => [c.name, c.summary.zh]))}\n\nliushou 命令 --help 查看该命令的参数；加 --lang en 输出英文`,
      `liushou: care services for rural left-behind elders (农村留守老年人关爱服务)\n\n${table(["command", "what it does"], COMMANDS.map((c) => [c.name, c.summary.en]))}\n\nliushou COMMAND --help for a command's options`
    )
    if (name === undefined || name === "--help" || name === "-h" || name === "help" || name === "--lang") {
      io.out(help)
      return 0
    }
    io.err(`${say(lang, `liushou：没有命令 ${JSON.stringify(name)}`, `liushou: unknown command ${JSON.stringify(name)}`)}\n\n${help}`)
    return 2
  }
  return runCommand(command, rest, io)
}

// a closed pipe (`liushou evaluate ... | head`) ends the command quietly
process.stdout.on("error", (e: NodeJS.ErrnoException) => {
  if (e.code === "EPIPE") process.exit(0)
  throw e
})

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code
  },
  (e: unknown) => {
    process.stderr.write(`liushou: internal error: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`)
    process.exitCode = 70
  }
)
