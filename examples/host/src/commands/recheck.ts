/**
 * The re-check worklist (湘民发〔2018〕30号 §1 动态管理、定期排查、及时更新): per village, the
 * elders whose facts are stale or unknown and what to ask each, from the latest stored
 * assessment at the date (or the case files evaluated at that date when there is none).
 */
import { CalendarDate } from "@liushou/core"
import { defineCommand, langFrom, required, say, table, UsageError, badOption, EXPECTED } from "../cli.js"
import { CONFIG_OPTION, dbUrl, registryFrom } from "../context.js"
import { openLedger } from "../db.js"
import { recheckWorklist } from "../report/FromLedger.js"
import { principalFrom, regionFrom, USER_OPTION } from "./scope.js"

export const recheck = defineCommand({
  name: "recheck",
  summary: { zh: "按村列出信息已过期或不明的老年人及应核实的事项（台账动态管理，第一条），依据截至该日最近一次存储的评估", en: "Per village, the elders whose facts are stale or unknown and what to ask each (ledger upkeep, §1), from the latest stored assessment at the date" },
  usage: "liushou recheck --region CODE [--as-of YYYY-MM-DD] [--user NAME] [--db URL] [--config FILE] [--json]",
  options: { region: { type: "string" }, "as-of": { type: "string" }, db: { type: "string" }, json: { type: "boolean" }, ...USER_OPTION, ...CONFIG_OPTION },
  run: async ({ values }, io) => {
    const asOf = (values["as-of"] as string | undefined) ?? new Date().toISOString().slice(0, 10)
    if (!CalendarDate.isValid(asOf)) throw badOption("as-of", EXPECTED.date, asOf)
    const host = await registryFrom(values, io.cwd)
    const principal = principalFrom(values, host.loaded, "read")
    const region = regionFrom(principal, required(values, "region"))
    const { ledger, close } = await openLedger(dbUrl(values, host.loaded), io.cwd)
    try {
      const { villages, source } = await recheckWorklist(ledger, host.registry, region, asOf)
      if (values.json === true) {
        io.out(JSON.stringify({ region, asOf, source, villages }, null, 2))
        return 0
      }
      const lang = langFrom(values)
      io.out(say(lang, `${region} 截至 ${asOf} 的待核实清单（${source.zh}）`, `re-check worklist of ${region} as of ${asOf} (${source.en})`))
      for (const v of villages) {
        const asks = Object.entries(v.byAsk).map(([k, n]) => `${k} ${n}`).join(", ")
        io.out(say(lang, `\n村 ${v.village}：${v.elders} 位老人待核实（${asks}）`, `\nvillage ${v.village}: ${v.elders} elders to check (${asks})`))
        io.out(table([say(lang, "老人编号", "elder"), say(lang, "待核实", "to check")], v.items.map((i) => [i.elderId, i.asks.join(", ")])))
      }
      const total = villages.reduce((a, v) => a + v.elders, 0)
      io.out(say(lang, `\n${villages.length} 个村共 ${total} 位老人有待核实的信息`, `\n${total} elders in ${villages.length} villages have facts to check`))
      return 0
    } finally {
      await close()
    }
  }
})
