import { writeFile } from "node:fs/promises"
import { resolve } from "node:path"
import { CalendarDate } from "@liushou/core"
import { referralWorkflow } from "@liushou/policy-hunan"
import { defineCommand, required, UsageError } from "../cli.js"
import { CONFIG_OPTION, dbUrl, registryFrom } from "../context.js"
import { openLedger } from "../db.js"
import { render } from "../report/Html.js"
import { reportData } from "../report/FromLedger.js"
import { principalFrom, regionFrom, USER_OPTION } from "./scope.js"

export const report = defineCommand({
  name: "report",
  summary: "Write a self-contained HTML report of a region (county, township or province) from the ledger",
  usage: "liushou report --region CODE [--as-of YYYY-MM-DD] --out report.html [--lang zh|en] [--db URL] [--config FILE] [--user NAME]",
  options: { region: { type: "string" }, "as-of": { type: "string" }, out: { type: "string" }, lang: { type: "string" }, db: { type: "string" }, ...CONFIG_OPTION, ...USER_OPTION },
  run: async ({ values }, io) => {
    const out = resolve(io.cwd, required(values, "out"))
    const asOf = typeof values["as-of"] === "string" ? values["as-of"] : new Date().toISOString().slice(0, 10)
    if (!CalendarDate.isValid(asOf)) throw new UsageError(`--as-of must be a calendar date YYYY-MM-DD, got ${JSON.stringify(asOf)}`)
    const lang = values.lang === "en" ? "en" : "zh"
    const host = await registryFrom(values, io.cwd)
    const principal = principalFrom(values, host.loaded, "report")
    const region = regionFrom(principal, required(values, "region"))
    const { ledger, close } = await openLedger(dbUrl(values, host.loaded), io.cwd)
    try {
      const data = await reportData(ledger, host.registry, { region, asOf, workflow: referralWorkflow as never, ...(host.loaded.config.regionNames === undefined ? {} : { regionNames: host.loaded.config.regionNames }) })
      await writeFile(out, render(data, lang))
      io.out(`wrote ${out}: ${data.summary.leftBehind} left-behind elders of ${data.summary.elders} in ${region} as of ${asOf} (${data.source})`)
      return 0
    } finally {
      await close()
    }
  }
})
