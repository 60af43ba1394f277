/**
 * Entries into and exits from the active ledger (湘民发〔2018〕30号 §1 动态管理): an elder leaves
 * the ledger when a supporter comes home, the elder moves away, enters a care institution or
 * dies, and comes back on a new entry. Each is a new revision of the case file, audited; nothing
 * is deleted. The reason must be one the governing policy declares for the event.
 */
import { CaseFile } from "@liushou/core"
import { defineCommand, langFrom, required, say, UsageError } from "../cli.js"
import { CONFIG_OPTION } from "../context.js"
import { loadRegistry } from "../config/Plugins.js"
import { checkTerm } from "../vocabulary.js"
import { date, openFor } from "./assignments.js"
import { USER_OPTION } from "./scope.js"

const ledgerCommand = (event: CaseFile.LedgerEvent["event"]) => {
  const name = event === "exited" ? "exit-ledger" : "enter-ledger"
  return defineCommand({
    name,
    summary:
      event === "exited"
        ? {
            zh: "记录老年人在某日退出在册台账及原因（子女返乡、迁出、入住养老机构、去世）；保留历史，记入审计",
            en: "Record that an elder leaves the active ledger on a date, with a reason (a supporter came home, moved away, entered a care institution, died); history kept, audited"
          }
        : { zh: "记录老年人在某日进入（或重新进入）在册台账及原因；记入审计", en: "Record that an elder enters (or comes back to) the active ledger on a date, with a reason; audited" },
    usage: `liushou ${name} --elder ID [--region CODE] --date YYYY-MM-DD --reason REASON [--note TEXT] [--user NAME] [--db URL] [--config FILE] [--json]\n  REASON: an id the governing policy declares (liushou plugins --json lists vocabularies.ledgerReasons)`,
    options: { elder: { type: "string" }, region: { type: "string" }, date: { type: "string" }, reason: { type: "string" }, note: { type: "string" }, db: { type: "string" }, json: { type: "boolean" }, ...USER_OPTION, ...CONFIG_OPTION },
    run: async ({ values }, io) => {
      const elderId = required(values, "elder")
      const on = date(values, "date")
      const reason = required(values, "reason")
      const note = values.note as string | undefined
      const { ledger, close, principal, regionCode, loaded } = await openFor(values, io.cwd, elderId, "ledger")
      try {
        const { registry } = await loadRegistry(loaded)
        const term = checkTerm(registry, regionCode, on, "--reason", { zh: `${event === "exited" ? "退出" : "纳入"}台账的原因`, en: `reason to ${event === "exited" ? "leave" : "enter"} the ledger` }, (v) => v.ledgerReasons, reason, (t) => t.event === event)
        if (!term.ok) throw new UsageError(term.error.message.en, term.error.message.zh)
        const r = await ledger.recordLedgerEvent({ elderId, region: regionCode, event: { date: on, event, reason, ...(note === undefined ? {} : { note }) }, actor: principal.name })
        if (!r.ok) {
          io.err(`liushou ${name}: ${r.error.message.en}\n${" ".repeat(name.length + 9)}${r.error.message.zh}`)
          return 1
        }
        if (values.json === true) io.out(JSON.stringify({ elderId, ...r.value }, null, 2))
        else {
          const lang = langFrom(values)
          io.out(
            event === "exited"
              ? say(lang, `老人 ${elderId} 于 ${on} 退出台账（${term.value.name.zh}）：第 ${r.value.revision} 版，案卷与历史保留`, `elder ${elderId} left the active ledger on ${on} (${term.value.name.en}): revision ${r.value.revision}; the case file and its history are kept`)
              : say(lang, `老人 ${elderId} 于 ${on} 纳入台账（${term.value.name.zh}）：第 ${r.value.revision} 版，下次评估后重新列入待办`, `elder ${elderId} entered the active ledger on ${on} (${term.value.name.en}): revision ${r.value.revision}; due lists include the elder again at the next assessment`)
          )
        }
        return 0
      } finally {
        await close()
      }
    }
  })
}

export const exitLedger = ledgerCommand("exited")
export const enterLedger = ledgerCommand("entered")
