/**
 * Every command of the `liushou` CLI. Add a command: write commands/<name>.ts and add one line here.
 */
import type { Command } from "../cli.js"
import { diff } from "./diff.js"
import { evaluate } from "./evaluate.js"
import { plugins } from "./plugins.js"
import { importCommand } from "./import.js"
import { assessCommand } from "./assess.js"
import { assign, endAssignment, worklist } from "./assignments.js"
import { recheck } from "./recheck.js"
import { indicators } from "./indicators.js"
import { enterLedger, exitLedger } from "./ledgerEvents.js"
import { service, services } from "./services.js"
import { visitsCommand } from "./visits.js"
import { replayCommand } from "./replay.js"
import { config } from "./config.js"
import { demo } from "./demo.js"
import { exportLedger } from "./export.js"
import { report } from "./report.js"
import { serve } from "./serve.js"
import { template } from "./template.js"

export const COMMANDS: ReadonlyArray<Command> = [
  plugins,
  evaluate,
  diff,
  importCommand,
  assessCommand,
  visitsCommand,
  assign,
  endAssignment,
  worklist,
  recheck,
  indicators,
  exitLedger,
  enterLedger,
  service,
  services,
  replayCommand,
  template,
  exportLedger,
  report,
  serve,
  config,
  demo
]
