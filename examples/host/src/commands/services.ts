/**
 * Care services (湘民发〔2018〕30号 §10 生活照料、精神慰藉、安全监护、权益维护; §4): record a
 * service delivered to an elder (a new revision of the case file, audited), and count the
 * services received in a region and period per kind (by county, township, village or elder).
 * The kind must be one the governing policy declares.
 */
import { CaseFile, RegionCode } from "@liushou/core"
import { badOption, defineCommand, EXPECTED, langFrom, required, say, table, UsageError } from "../cli.js"
import { CONFIG_OPTION, configFrom, dbUrl } from "../context.js"
import { openLedger } from "../db.js"
import { loadRegistry } from "../config/Plugins.js"
import { termsAt, checkTerm } from "../vocabulary.js"
import { date, oneOf, openFor } from "./assignments.js"
import { principalFrom, regionFrom, USER_OPTION } from "./scope.js"

export const service = defineCommand({
  name: "service",
  summary: {
    zh: "记录为老年人提供的一次关爱服务（类别、日期、服务人、经由的项目或组织）；记入审计",
    en: "Record a care service delivered to an elder (kind, date, who, through which program or organisation); audited"
  },
  usage:
    "liushou service --elder ID [--region CODE] --kind KIND --date YYYY-MM-DD --person PERSON-ID --person-kind KIND [--program ID] [--organisation ID] [--note TEXT] [--user NAME] [--db URL] [--config FILE] [--json]\n  KIND: a service kind the governing policy declares (liushou plugins --json lists vocabularies.serviceKinds)",
  options: {
    elder: { type: "string" },
    region: { type: "string" },
    kind: { type: "string" },
    date: { type: "string" },
    person: { type: "string" },
    "person-kind": { type: "string" },
    program: { type: "string" },
    organisation: { type: "string" },
    note: { type: "string" },
    db: { type: "string" },
    json: { type: "boolean" },
    ...USER_OPTION,
    ...CONFIG_OPTION
  },
  run: async ({ values }, io) => {
    const elderId = required(values, "elder")
    const kind = required(values, "kind")
    const on = date(values, "date")
    const today = new Date().toISOString().slice(0, 10)
    if (on > today) throw new UsageError(`--date ${on} is after today (${today}): only services delivered can be recorded`, `--date ${on} 晚于今天（${today}）：只能登记已经提供的服务`)
    const personId = required(values, "person")
    const personKind = oneOf(values, "person-kind", CaseFile.PERSON_KINDS)
    const program = values.program as string | undefined
    const organisation = values.organisation as string | undefined
    const note = values.note as string | undefined
    const { ledger, close, principal, regionCode, loaded } = await openFor(values, io.cwd, elderId, "record-visit")
    try {
      const { registry } = await loadRegistry(loaded)
      const term = checkTerm(registry, regionCode, on, "--kind", { zh: "关爱服务类别", en: "care service kind" }, (v) => v.serviceKinds, kind)
      if (!term.ok) throw new UsageError(term.error.message.en, term.error.message.zh)
      if (program !== undefined) {
        const p = checkTerm(registry, regionCode, on, "--program", { zh: "项目", en: "program" }, (v) => v.programs, program)
        if (!p.ok) throw new UsageError(p.error.message.en, p.error.message.zh)
      }
      const r = await ledger.recordService({
        elderId,
        region: regionCode,
        service: {
          date: on,
          kind,
          personKind,
          personId,
          ...(program === undefined ? {} : { program }),
          ...(organisation === undefined ? {} : { organisation }),
          ...(note === undefined ? {} : { note })
        },
        actor: principal.name
      })
      if (!r.ok) {
        io.err(`liushou service: ${r.error.message.en}\n                 ${r.error.message.zh}`)
        return 1
      }
      if (values.json === true) io.out(JSON.stringify({ elderId, ...r.value }, null, 2))
      else {
        const lang = langFrom(values)
        io.out(say(lang, `已记录老人 ${elderId} 于 ${on} 获得的${term.value.name.zh}服务（${personId}）：第 ${r.value.revision} 版`, `recorded ${term.value.name.en} for elder ${elderId} on ${on} (${personId}): revision ${r.value.revision}`))
      }
      return 0
    } finally {
      await close()
    }
  }
})

const LEVELS = ["county", "township", "village", "elder"] as const

export const services = defineCommand({
  name: "services",
  summary: {
    zh: "某区划某期间获得的关爱服务：按类别计数（可按县、乡镇、村或老人分组）",
    en: "Care services received in a region and period: counted by kind (optionally by county, township, village or elder)"
  },
  usage: "liushou services --region CODE --from YYYY-MM-DD --to YYYY-MM-DD [--by county|township|village|elder] [--user NAME] [--db URL] [--config FILE] [--json]",
  options: { region: { type: "string" }, from: { type: "string" }, to: { type: "string" }, by: { type: "string" }, db: { type: "string" }, json: { type: "boolean" }, ...USER_OPTION, ...CONFIG_OPTION },
  run: async ({ values }, io) => {
    const lang = langFrom(values)
    const requested = values.region as string | undefined
    if (requested !== undefined && !RegionCode.isValid(requested)) throw badOption("region", EXPECTED.region, requested)
    const from = date(values, "from")
    const to = date(values, "to")
    if (to < from) throw new UsageError(`--to must be on or after --from, got ${from} to ${to}`, `--to 不应早于 --from，收到 ${from} 至 ${to}`)
    const by = values.by === undefined ? undefined : oneOf(values, "by", LEVELS)
    const loaded = await configFrom(values, io.cwd)
    const principal = principalFrom(values, loaded, "read")
    const region = regionFrom(principal, requested)
    const { registry } = await loadRegistry(loaded)
    const { ledger, close } = await openLedger(dbUrl(values, loaded), io.cwd)
    try {
      const counts = await ledger.serviceCounts({ ...(region === "" ? {} : { region }), from, to, ...(by === undefined ? {} : { by }) })
      if (values.json === true) {
        io.out(JSON.stringify({ region, from, to, by: by ?? null, counts }, null, 2))
        return 0
      }
      // the kinds' names from the policy governing the region at the period's end
      const names = new Map<string, { zh: string; en: string }>()
      const terms = termsAt(registry, (region === "" ? "43" : region).padEnd(12, "0"), to, (v) => v.serviceKinds)
      if (terms.ok) for (const t of terms.value.terms) names.set(t.id, t.name)
      const name = (k: string) => (lang === "zh" ? (names.get(k)?.zh ?? k) : (names.get(k)?.en ?? k))
      io.out(
        table(
          lang === "zh" ? [by === "elder" ? "老人区划" : "区划", ...(by === "elder" ? ["老人编号"] : []), "服务类别", "服务次数", "受益老人数"] : [by === "elder" ? "village" : "region", ...(by === "elder" ? ["elder"] : []), "kind", "services", "elders"],
          counts.map((c) => [c.region === "" ? say(lang, "全部", "all") : c.region, ...(by === "elder" ? [c.elderId ?? ""] : []), name(c.kind), String(c.services), String(c.elders)])
        )
      )
      const total = counts.reduce((n, c) => n + c.services, 0)
      io.out(say(lang, `\n${from} 至 ${to} 共 ${total} 次关爱服务`, `\n${total} care services from ${from} to ${to}`))
      return 0
    } finally {
      await close()
    }
  }
})
