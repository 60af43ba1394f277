import { mkdtempSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { type Io, runCommand } from "../src/cli.js"
import { COMMANDS } from "../src/commands/index.js"

/** A fresh temporary directory. */
export const tempDir = (prefix = "liushou-host-"): string => mkdtempSync(join(tmpdir(), prefix))

/** Runs a CLI command with captured output. */
export const cli = async (cwd: string, name: string, args: ReadonlyArray<string>) => {
  const command = COMMANDS.find((c) => c.name === name)
  if (command === undefined) throw new Error(`no command ${name}`)
  const out: Array<string> = []
  const err: Array<string> = []
  const io: Io = { out: (t) => void out.push(t), err: (t) => void err.push(t), isTTY: false, cwd }
  const code = await runCommand(command, args, io)
  return { code, out: out.join("\n"), err: err.join("\n") }
}
