import { CalendarDate, Engine, RegionCode } from "@liushou/core"
import { defineCommand, required, UsageError } from "../cli.js"
import { openLedger } from "../db.js"
import { builtinRegistry } from "../policies.js"

export const assessCommand = defineCommand({
  name: "assess",
  summary: "Evaluate the ledger at a date with the loaded policies and store every evaluation with its provenance",
  usage: "liushou assess --as-of YYYY-MM-DD [--db PATH|sqlite:PATH|postgres://URL] [--region CODE] [--run-id ID] [--actor NAME]",
  options: { "as-of": { type: "string" }, db: { type: "string" }, region: { type: "string" }, "run-id": { type: "string" }, actor: { type: "string" } },
  run: async ({ values }, io) => {
    const asOf = required(values, "as-of")
    if (!CalendarDate.isValid(asOf)) throw new UsageError(`--as-of must be a calendar date YYYY-MM-DD, got ${JSON.stringify(asOf)}`)
    const region = values.region as string | undefined
    if (region !== undefined && !RegionCode.isValid(region)) throw new UsageError(`--region must be a region code of 2, 4, 6, 9 or 12 digits, got ${JSON.stringify(region)}`)
    const registry = builtinRegistry()
    for (const e of registry.errors) io.err(`refused: ${e.message.en}`)
    const engine = Engine.make(registry)
    const { ledger, description, close } = await openLedger(values.db as string | undefined, io.cwd)
    try {
      const result = await ledger.assess(engine, asOf, {
        ...(region !== undefined ? { region } : {}),
        ...(values["run-id"] !== undefined ? { runId: values["run-id"] as string } : {}),
        actor: (values.actor as string | undefined) ?? "cli",
        onProgress: (p) => {
          if (io.isTTY && (p.evaluated + p.skipped) % 50_000 < 500) io.err(`… ${p.evaluated} evaluated, ${p.skipped} already done`)
        }
      })
      io.out(
        `assessment run ${result.runId} on ${description}\n${result.evaluated} evaluated, ${result.skipped} already evaluated in this run, ${result.failed} with no policy in force`
      )
      if (result.failed > 0) io.out(`elders with no policy in force are listed in evaluation_failures where run_id = '${result.runId}'`)
      return result.failed > 0 ? 1 : 0
    } finally {
      await close()
    }
  }
})
