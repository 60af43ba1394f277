import { writeFile } from "node:fs/promises"
import { resolve } from "node:path"
import { CalendarDate } from "@liushou/core"
import { referralWorkflow } from "@liushou/policy-hunan"
import { defineCommand, required, UsageError, langFrom, say, type Lang, badOption, EXPECTED } from "../cli.js"
import { CONFIG_OPTION, dbUrl, registryFrom } from "../context.js"
import { openLedger } from "../db.js"
import { CONTINUE_OPTION, continuationsFrom } from "../continuation.js"
import { render } from "../report/Html.js"
import { latestRunDate, reportData } from "../report/FromLedger.js"
import { principalFrom, regionFrom, USER_OPTION } from "./scope.js"

export const report = defineCommand({
  name: "report",
  summary: { zh: "根据台账生成某地区（县、乡镇或省）的独立 HTML 报告", en: "Write a self-contained HTML report of a region (county, township or province) from the ledger" },
  usage: "liushou report --region CODE [--as-of YYYY-MM-DD (default: the date of the latest assessment run)] --out report.html [--lang zh|en] [--db URL] [--config FILE] [--user NAME] [--continue-past-expiry ID[:UNTIL] [--continue-decision TEXT]]",
  options: { region: { type: "string" }, "as-of": { type: "string" }, out: { type: "string" }, db: { type: "string" }, ...CONTINUE_OPTION, ...CONFIG_OPTION, ...USER_OPTION },
  run: async ({ values }, io) => {
    const out = resolve(io.cwd, required(values, "out"))
    const given = typeof values["as-of"] === "string" ? values["as-of"] : undefined
    if (given !== undefined && !CalendarDate.isValid(given)) throw badOption("as-of", EXPECTED.date, given)
    const lang = langFrom(values)
    const host = await registryFrom(values, io.cwd)
    const principal = principalFrom(values, host.loaded, "report")
    const region = regionFrom(principal, required(values, "region"))
    const { ledger, close } = await openLedger(dbUrl(values, host.loaded), io.cwd)
    try {
      const asOf = given ?? (await latestRunDate(ledger, region))
      if (asOf === undefined) throw new UsageError(say(lang, "台账中还没有评估批次：请先运行 liushou assess --as-of 日期，或用 --as-of 指定报告日期", "the ledger has no assessment run yet: run liushou assess --as-of DATE first, or give the report's date with --as-of"))
      if (given === undefined) io.out(say(lang, `未指定 --as-of：使用最近一次评估批次的日期 ${asOf}`, `no --as-of given: using the date of the latest assessment run, ${asOf}`))
      // the evaluation indicators (§10) of the year to the report's date, from the ledger as it stands today
      const today = new Date().toISOString().slice(0, 10)
      const data = await reportData(ledger, host.registry, { region, asOf, workflow: referralWorkflow as never, indicatorsAsOf: today, continuations: continuationsFrom(values, host.loaded.config), ...(host.loaded.config.regionNames === undefined ? {} : { regionNames: host.loaded.config.regionNames }) })
      await writeFile(out, render(data, lang))
      const where = data.regionName === null ? region : `${data.regionName}（${region}）`
      io.out(
        say(
          lang,
          `已写入 ${out}：${where} 截至 ${asOf} 共 ${data.summary.elders} 名老年人，其中留守 ${data.summary.leftBehind} 人（${data.source.zh}）`,
          `wrote ${out}: ${data.summary.leftBehind} left-behind elders of ${data.summary.elders} in ${data.regionName === null ? region : `${data.regionName} (${region})`} as of ${asOf} (${data.source.en})`
        )
      )
      return 0
    } finally {
      await close()
    }
  }
})
