import { resolve } from "node:path"
import { defineCommand, required, langFrom, say, type Lang } from "../cli.js"
import { CONFIG_OPTION, configFrom, dbUrl } from "../context.js"
import { writeLedger } from "../ledger/index.js"
import { openLedger } from "../db.js"
import { principalFrom, regionFrom, requireCredential, USER_OPTION } from "./scope.js"

export const exportLedger = defineCommand({
  name: "export",
  summary: { zh: "将台账（或其中某地区）写回 .xlsx 台账；身份证号和电话默认遮蔽，--unmasked 除外（配置了用户时需在 LIUSHOU_TOKEN 中提供该用户的令牌）", en: "Write the ledger (or a region of it) back to an .xlsx ledger; ID numbers and phones masked unless --unmasked (which needs the user's token in LIUSHOU_TOKEN when users are configured)" },
  usage: "liushou export --out ledger.xlsx [--region CODE] [--unmasked] [--db URL] [--config FILE] [--user NAME]",
  options: { out: { type: "string" }, region: { type: "string" }, unmasked: { type: "boolean" }, db: { type: "string" }, ...CONFIG_OPTION, ...USER_OPTION },
  run: async ({ values }, io) => {
    const out = resolve(io.cwd, required(values, "out"))
    const loaded = await configFrom(values, io.cwd)
    const principal = principalFrom(values, loaded, "export")
    const region = regionFrom(principal, values.region as string | undefined)
    if (values.unmasked === true) requireCredential(principal, loaded)
    const { ledger, close } = await openLedger(dbUrl(values, loaded), io.cwd)
    try {
      const cases = []
      for await (const cf of ledger.exportCaseFiles({ region })) cases.push(cf)
      const n = await writeLedger(out, cases, { unmasked: values.unmasked === true })
      await ledger.audit({ actor: principal.name, action: "export", regionCode: region === "" ? null : region, subject: null, detail: { elders: n, unmasked: values.unmasked === true } })
      io.out(
        say(
          langFrom(values),
          `已将 ${n} 名老年人写入 ${out}${values.unmasked === true ? "（未遮蔽：请按规定控制此文件的访问）" : "（身份证号和电话已遮蔽）"}`,
          `wrote ${n} elders to ${out}${values.unmasked === true ? " (unmasked: keep this file under access control)" : " (ID numbers and phones masked)"}`
        )
      )
      return 0
    } finally {
      await close()
    }
  }
})
