import { CalendarDate, Mask, RegionCode } from "@liushou/core"
import { defineCommand, required, table, UsageError } from "../cli.js"
import { CONFIG_OPTION, configFrom, dbUrl } from "../context.js"
import { openLedger } from "../db.js"

export const visitsCommand = defineCommand({
  name: "visits",
  summary: "List the visits due or overdue by a date, from the latest stored assessment (names masked)",
  usage: "liushou visits --due-by YYYY-MM-DD [--region CODE] [--db PATH|sqlite:PATH|postgres://URL] [--config FILE] [--json] [--limit N]",
  options: { "due-by": { type: "string" }, region: { type: "string" }, db: { type: "string" }, json: { type: "boolean" }, limit: { type: "string" }, ...CONFIG_OPTION },
  run: async ({ values }, io) => {
    const dueBy = required(values, "due-by")
    if (!CalendarDate.isValid(dueBy)) throw new UsageError(`--due-by must be a calendar date YYYY-MM-DD, got ${JSON.stringify(dueBy)}`)
    const region = values.region as string | undefined
    if (region !== undefined && !RegionCode.isValid(region)) throw new UsageError(`--region must be a region code of 2, 4, 6, 9 or 12 digits, got ${JSON.stringify(region)}`)
    const limit = values.limit === undefined ? undefined : Number(values.limit)
    if (limit !== undefined && (!Number.isInteger(limit) || limit < 1)) throw new UsageError(`--limit must be a positive integer`)
    // visits come from the stored assessments (made with the configured plugins); the configuration names the database
    const loaded = await configFrom(values, io.cwd)
    const { ledger, close } = await openLedger(dbUrl(values, loaded), io.cwd)
    try {
      const due = await ledger.visitsDue(dueBy, { ...(region !== undefined ? { region } : {}), ...(limit !== undefined ? { limit } : {}) })
      const rows = due.map((d) => ({ ...d, name: Mask.name(d.name) }))
      if (values.json === true) {
        io.out(JSON.stringify(rows, null, 2))
      } else {
        io.out(
          table(
            ["region", "elder", "name", "due", "status", "days late", "risk", "assessed", "note"],
            rows.map((d) => [d.regionCode, d.elderId, d.name, d.due, d.status, String(d.daysOverdue), d.riskLevel ?? "", d.asOf, d.stale ? "changed since assessed" : ""])
          )
        )
        io.out(`\n${rows.length} visits due by ${dueBy} (${rows.filter((d) => d.status === "overdue").length} overdue)`)
      }
      return 0
    } finally {
      await close()
    }
  }
})
