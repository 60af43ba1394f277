import { CalendarDate, type CaseFile, Decode, Membership } from "@liushou/core"
import type { Context } from "./context.js"
import type { LedgerEventRow } from "./types/casework.js"
import type { Outcome } from "./types/outcome.js"
import { editCaseFile, invalidEdit } from "./edit.js"
import { ledgerEventRow } from "./rows.js"
import { LedgerInputError, regionRange } from "./tx.js"

/**
 * Records an entry into or exit from the active ledger (动态管理): a new revision with the
 * event appended to `ledgerEvents`, its row, history and audit. Nothing is deleted: an exited
 * elder's case file and history stay. Refused when the event does not follow the last one
 * (out of date order, or a second exit without an entry between).
 */
export const recordLedgerEvent = (
  ctx: Context,
  input: { readonly elderId: string; readonly region?: string; readonly event: CaseFile.LedgerEvent; readonly actor: string; readonly at?: string }
): Promise<Outcome<{ readonly revision: number; readonly seq: number; readonly event: CaseFile.LedgerEvent; readonly status: Membership.Standing["status"] }>> =>
  editCaseFile(
    ctx,
    input,
    input.event.event === "exited" ? "ledger-exited" : "ledger-entered",
    (issues) => invalidEdit("InvalidLedgerEvent", { en: "ledger entry or exit", zh: "台账纳入或退出记录" }, input.elderId, issues),
    (cf) => {
      const seq = cf.ledgerEvents?.length ?? 0
      // an elder with no event is in the ledger: a first "entered" is refused like a repeated one
      const last = cf.ledgerEvents?.[seq - 1]?.event ?? "entered"
      if (last === input.event.event && input.event.event === "entered") {
        return {
          refused: invalidEdit("InvalidLedgerEvent", { en: "ledger entry", zh: "台账纳入记录" }, input.elderId, [
            { path: `ledgerEvents[${seq}].event`, expected: { en: "an exit (the elder is already in the active ledger)", zh: "退出（该老年人已在台账中）" }, found: Decode.printable(input.event.event) }
          ])
        }
      }
      return {
        next: { ...cf, ledgerEvents: [...(cf.ledgerEvents ?? []), input.event] },
        paths: () => [`ledgerEvents[${seq}]`],
        rows: async (trx, region) => {
          await trx.insertInto("ledger_events").values(ledgerEventRow(region, input.elderId, seq, input.event)).execute()
        },
        audit: { action: input.event.event === "exited" ? "ledger.exit" : "ledger.entry", detail: () => ({ seq, date: input.event.date, event: input.event.event, reason: input.event.reason }) },
        result: (next) => ({ seq, event: next.ledgerEvents![seq]!, status: Membership.at(next, "9999-12-31").status })
      }
    }
  )

/** Entries and exits dated within a period (both ends inclusive) inside a region, by date, code and id. */
export const ledgerEventsBetween = async (
  ctx: Context,
  options: { readonly region?: string; readonly from: CalendarDate.CalendarDate; readonly to: CalendarDate.CalendarDate }
): Promise<ReadonlyArray<LedgerEventRow>> => {
  for (const k of ["from", "to"] as const) {
    if (!CalendarDate.isValid(options[k])) throw new LedgerInputError(`${k} must be a calendar date YYYY-MM-DD, got ${JSON.stringify(options[k])}`, `${k} 须为 YYYY-MM-DD 日期，实际为 ${JSON.stringify(options[k])}`)
  }
  const [lo, hi] = regionRange(options.region)
  const rows = await ctx.db
    .selectFrom("ledger_events")
    .selectAll()
    .where("region_code", ">=", lo)
    .where("region_code", "<=", hi)
    .where("date", ">=", options.from)
    .where("date", "<=", options.to)
    .orderBy("date")
    .orderBy("region_code")
    .orderBy("elder_id")
    .orderBy("seq")
    .execute()
  return rows.map((r) => ({ regionCode: r.region_code, elderId: r.elder_id, seq: Number(r.seq), date: r.date, event: r.event, reason: r.reason }))
}
