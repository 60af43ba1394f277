import { CalendarDate, Mask } from "@liushou/core"
import { defineCommand, langFrom, say, table, UsageError, badOption, EXPECTED } from "../cli.js"
import { CONFIG_OPTION, dbUrl, registryFrom } from "../context.js"
import { openLedger } from "../db.js"
import { latestRunDate } from "../report/FromLedger.js"
import { principalFrom, regionFrom, USER_OPTION } from "./scope.js"

const STATUS: Readonly<Record<string, readonly [string, string]>> = {
  overdue: ["逾期", "overdue"],
  due: ["到期", "due"]
}

export const visitsCommand = defineCommand({
  name: "visits",
  summary: { zh: "依据最近一次存储的评估，列出截至某日应探访或已逾期的探访（姓名已遮蔽）", en: "List the visits due or overdue by a date, from the latest stored assessment (names masked)" },
  usage: "liushou visits [--due-by YYYY-MM-DD (default: the date of the latest assessment run)] [--region CODE] [--db PATH|sqlite:PATH|postgres://URL] [--config FILE] [--user NAME] [--json] [--limit N] [--lang zh|en]",
  options: { "due-by": { type: "string" }, "as-of": { type: "string" }, region: { type: "string" }, db: { type: "string" }, json: { type: "boolean" }, limit: { type: "string" }, ...CONFIG_OPTION, ...USER_OPTION },
  run: async ({ values }, io) => {
    const lang = langFrom(values)
    if (values["due-by"] !== undefined && values["as-of"] !== undefined) throw new UsageError("give --due-by or --as-of (the same date), not both", "--due-by 与 --as-of（同一日期）只能给一个")
    const given = (values["due-by"] ?? values["as-of"]) as string | undefined
    if (given !== undefined && !CalendarDate.isValid(given)) throw badOption("due-by", EXPECTED.date, given)
    const limit = values.limit === undefined ? undefined : Number(values.limit)
    if (limit !== undefined && (!Number.isInteger(limit) || limit < 1)) throw badOption("limit", EXPECTED.positive, values.limit)
    // visits come from the stored assessments (made with the configured plugins); the configuration names the database and the users
    const host = await registryFrom(values, io.cwd)
    const loaded = host.loaded
    // a risk level by its name in the most specific loaded policy of the elder's region that has it
    const levelName = (regionCode: string, level: string | null): string =>
      level === null
        ? ""
        : (host.registry.policies
            .filter((p) => p.plugin.region === null || regionCode.startsWith(p.plugin.region))
            .sort((a, b) => (b.plugin.region ?? "").length - (a.plugin.region ?? "").length)
            .flatMap((p) => p.riskLevels)
            .find((l) => l.id === level)?.name[lang] ?? level)
    const principal = principalFrom(values, loaded, "read")
    const region = regionFrom(principal, values.region as string | undefined)
    const { ledger, close } = await openLedger(dbUrl(values, loaded), io.cwd)
    try {
      const dueBy = given ?? (await latestRunDate(ledger, region))
      if (dueBy === undefined) throw new UsageError(say(lang, "台账中还没有评估批次：请先运行 liushou assess --as-of 日期", "the ledger has no assessment run yet: run liushou assess --as-of DATE first"))
      const note = given === undefined ? say(lang, `未指定 --due-by：使用最近一次评估批次的日期 ${dueBy}`, `no --due-by given: using the date of the latest assessment run, ${dueBy}`) : undefined
      const due = await ledger.visitsDue(dueBy, { ...(region !== "" ? { region } : {}), ...(limit !== undefined ? { limit } : {}) })
      const rows = due.map((d) => ({ ...d, name: Mask.name(d.name) }))
      if (values.json === true) {
        if (note !== undefined) io.err(note)
        io.out(JSON.stringify(rows, null, 2))
      } else {
        if (note !== undefined) io.out(note)
        io.out(
          table(
            lang === "zh" ? ["区划", "老人编号", "姓名", "应探访日期", "状态", "逾期天数", "风险等级", "评估日期", "备注"] : ["region", "elder", "name", "due", "status", "days late", "risk", "assessed", "note"],
            rows.map((d) => [d.regionCode, d.elderId, d.name, d.due, STATUS[d.status]?.[lang === "zh" ? 0 : 1] ?? d.status, String(d.daysOverdue), levelName(d.regionCode, d.riskLevel ?? null), d.asOf, d.stale ? say(lang, "评估后案卷有变动", "changed since assessed") : ""])
          )
        )
        const overdue = rows.filter((d) => d.status === "overdue").length
        io.out(say(lang, `\n截至 ${dueBy} 应探访 ${rows.length} 人（其中逾期 ${overdue} 人）`, `\n${rows.length} visits due by ${dueBy} (${overdue} overdue)`))
      }
      return 0
    } finally {
      await close()
    }
  }
})
