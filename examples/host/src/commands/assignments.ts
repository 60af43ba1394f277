/**
 * Named responsibility (湘民发〔2018〕30号 §1 §3 §4): name an elder's responsible visitor or a
 * pairing (结对帮扶), end one, and list a person's worklist. Writes are audited by the ledger.
 */
import { CalendarDate, CaseFile, Mask, RegionCode } from "@liushou/core"
import { Ledger } from "@liushou/storage"
import { defineCommand, required, table, UsageError, langFrom, say, type Lang, badOption, EXPECTED } from "../cli.js"
import { CONFIG_OPTION, configFrom, dbUrl } from "../context.js"
import { openLedger } from "../db.js"
import * as Access from "../access.js"
import { principalFrom, regionFrom, USER_OPTION } from "./scope.js"
import type { Permission } from "../config/Config.js"

export const date = (values: Record<string, unknown>, name: string): string => {
  const v = required(values, name)
  if (!CalendarDate.isValid(v)) throw badOption(name, EXPECTED.date, v)
  return v
}
export const oneOf = <A extends string>(values: Record<string, unknown>, name: string, allowed: ReadonlyArray<A>): A => {
  const v = required(values, name)
  if (!allowed.includes(v as A)) throw new UsageError(`--${name} must be one of ${allowed.join(", ")}, got ${JSON.stringify(v)}`, `--${name} 应为 ${allowed.join("、")} 之一，收到 ${JSON.stringify(v)}`)
  return v as A
}

/** Opens the ledger for a user with the permission (default: assign), and checks that the elder is in the user's scope. */
export const openFor = async (values: Record<string, unknown>, cwd: string, elderId: string, permission: Permission = "assign") => {
  const loaded = await configFrom(values, cwd)
  const principal = principalFrom(values, loaded, permission)
  const region = regionFrom(principal, values.region as string | undefined)
  const opened = await openLedger(dbUrl(values, loaded), cwd)
  let regionCode: string | undefined
  try {
    regionCode = (await opened.ledger.elder(elderId, { region }))?.regionCode
  } catch (e) {
    await opened.close()
    // an id used in several counties of the scope: the region must say which
    if (e instanceof Ledger.LedgerInputError) throw new UsageError(e.message)
    throw e
  }
  const ok = Access.record(principal, regionCode, Access.ELDER)
  if (!ok.ok) {
    await opened.close()
    throw new UsageError(`${ok.error.message.en} (${elderId})`, `${ok.error.message.zh}（${elderId}）`)
  }
  return { ...opened, principal, regionCode: regionCode!, loaded }
}

const WORK_STATUS: Readonly<Record<string, string>> = { overdue: "逾期", due: "到期", "not-due": "未到期", "not-assessed": "未评估", "not-applicable": "不适用" }

export const assign = defineCommand({
  name: "assign",
  summary: { zh: "从某日起为老年人指定责任探访人或结对帮扶人（个案文件新增一个版本，记入审计）", en: "Name an elder's responsible visitor or a pairing (结对帮扶) from a date (a new revision of the case file, audited)" },
  usage:
    "liushou assign --elder ID [--region CODE] --role responsible-visitor|pairing --person PERSON-ID --kind KIND --from YYYY-MM-DD [--id ASSIGNMENT-ID] [--user NAME] [--db URL] [--config FILE] [--json]\n  KIND: " +
    CaseFile.PERSON_KINDS.join(", "),
  options: { elder: { type: "string" }, region: { type: "string" }, role: { type: "string" }, person: { type: "string" }, kind: { type: "string" }, from: { type: "string" }, id: { type: "string" }, db: { type: "string" }, json: { type: "boolean" }, ...USER_OPTION, ...CONFIG_OPTION },
  run: async ({ values }, io) => {
    const elderId = required(values, "elder")
    const role = oneOf(values, "role", CaseFile.ASSIGNMENT_ROLES)
    const personId = required(values, "person")
    const personKind = oneOf(values, "kind", CaseFile.PERSON_KINDS)
    const from = date(values, "from")
    const id = (values.id as string | undefined) ?? `${role === "pairing" ? "pair" : "visitor"}-${personId}-${from}`
    const { ledger, close, principal, regionCode } = await openFor(values, io.cwd, elderId)
    try {
      const r = await ledger.addAssignment({ elderId, region: regionCode, assignment: { id, role, personId, personKind, from, until: null }, actor: principal.name })
      if (!r.ok) {
        io.err(`liushou assign: ${r.error.message[langFrom(values)]}`)
        return 1
      }
      if (values.json === true) io.out(JSON.stringify({ elderId, ...r.value }, null, 2))
      else io.out(say(langFrom(values), `已指定：老人 ${elderId} 自 ${from} 起由 ${personId}（${personKind}）担任 ${role === "pairing" ? "结对帮扶" : "责任探访人"}；安排编号 ${id}，案卷版本 ${r.value.revision}`, `${role} ${personId} (${personKind}) assigned to elder ${elderId} from ${from}: assignment ${id}, revision ${r.value.revision}`))
      return 0
    } finally {
      await close()
    }
  }
})

export const endAssignment = defineCommand({
  name: "end-assignment",
  summary: { zh: "在某日（最后一天）结束老年人的责任探访人或结对帮扶（连同起止日期保留在台账中，记入审计）", en: "End an elder's responsible visitor or pairing on a date, its last day (kept in the ledger with its dates, audited)" },
  usage: "liushou end-assignment --elder ID [--region CODE] --id ASSIGNMENT-ID --until YYYY-MM-DD [--user NAME] [--db URL] [--config FILE] [--json]",
  options: { elder: { type: "string" }, region: { type: "string" }, id: { type: "string" }, until: { type: "string" }, db: { type: "string" }, json: { type: "boolean" }, ...USER_OPTION, ...CONFIG_OPTION },
  run: async ({ values }, io) => {
    const elderId = required(values, "elder")
    const assignmentId = required(values, "id")
    const until = date(values, "until")
    const { ledger, close, principal, regionCode } = await openFor(values, io.cwd, elderId)
    try {
      const r = await ledger.endAssignment({ elderId, region: regionCode, assignmentId, until, actor: principal.name })
      if (!r.ok) {
        io.err(`liushou end-assignment: ${r.error.message[langFrom(values)]}`)
        return 1
      }
      if (values.json === true) io.out(JSON.stringify({ elderId, ...r.value }, null, 2))
      else io.out(say(langFrom(values), `老人 ${elderId} 的安排 ${assignmentId} 于 ${until} 结束；案卷版本 ${r.value.revision}`, `assignment ${assignmentId} of elder ${elderId} ends on ${until}: revision ${r.value.revision}`))
      return 0
    } finally {
      await close()
    }
  }
})

export const worklist = defineCommand({
  name: "worklist",
  summary: { zh: "探访人或志愿者的工作清单：某日分配给其的老年人，逾期和到期的探访排在前面（姓名已遮蔽）", en: "A visitor's or volunteer's worklist: the elders assigned to them on a date, overdue and due visits first (names masked)" },
  usage: "liushou worklist --person PERSON-ID [--as-of YYYY-MM-DD] [--region CODE] [--user NAME] [--db URL] [--config FILE] [--json]",
  options: { person: { type: "string" }, "as-of": { type: "string" }, region: { type: "string" }, db: { type: "string" }, json: { type: "boolean" }, ...USER_OPTION, ...CONFIG_OPTION },
  run: async ({ values }, io) => {
    const lang = langFrom(values)
    const personId = required(values, "person")
    const asOf = values["as-of"] === undefined ? new Date().toISOString().slice(0, 10) : date(values, "as-of")
    const requested = values.region as string | undefined
    if (requested !== undefined && !RegionCode.isValid(requested)) throw badOption("region", EXPECTED.region, requested)
    const loaded = await configFrom(values, io.cwd)
    const principal = principalFrom(values, loaded, "read")
    const region = regionFrom(principal, requested)
    const { ledger, close } = await openLedger(dbUrl(values, loaded), io.cwd)
    try {
      const items = (await ledger.visitorWorklist(personId, asOf, region === "" ? {} : { region })).map((w) => ({ ...w, name: Mask.name(w.name) }))
      if (values.json === true) io.out(JSON.stringify({ personId, asOf, items }, null, 2))
      else {
        io.out(
          table(
            lang === "zh" ? ["区划", "老人编号", "姓名", "职责", "起始日期", "应探访日期", "状态", "逾期天数", "风险等级", "重点对象", "评估日期"] : ["region", "elder", "name", "role", "since", "visit due", "status", "days late", "risk", "priority", "assessed"],
            items.map((w) => [w.regionCode, w.elderId, w.name, lang === "zh" ? (w.role === "pairing" ? "结对帮扶" : "责任探访人") : w.role, w.since, w.due ?? "", lang === "zh" ? (WORK_STATUS[w.status] ?? w.status) : w.status, String(w.daysOverdue), w.riskLevel ?? "", w.priority === null ? "?" : w.priority ? say(lang, "是", "yes") : "", w.assessedAsOf ?? ""])
          )
        )
        const overdue = items.filter((w) => w.status === "overdue").length
        const due = items.filter((w) => w.status === "due").length
        io.out(say(lang, `\n${asOf} 由 ${personId} 负责的老人 ${items.length} 人（逾期 ${overdue} 人，今日到期 ${due} 人）`, `\n${items.length} elders assigned to ${personId} on ${asOf} (${overdue} overdue, ${due} due today)`))
      }
      return 0
    } finally {
      await close()
    }
  }
})
