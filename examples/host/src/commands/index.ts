/**
 * Every command of the `liushou` CLI. Add a command: write commands/<name>.ts and add one line here.
 */
import type { Command } from "../cli.js"
import { evaluate } from "./evaluate.js"
import { plugins } from "./plugins.js"

export const COMMANDS: ReadonlyArray<Command> = [
  plugins,
  evaluate
]
