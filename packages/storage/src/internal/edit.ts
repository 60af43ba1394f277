import { type CaseFile, Decode, hash64 } from "@liushou/core"
import type { Kysely } from "kysely"
import type { Context } from "./context.js"
import type { LedgerError, Outcome } from "./types/outcome.js"
import type { Revision } from "./types/casework.js"
import type { Database } from "../Tables.js"
import { appendAudit } from "./audit.js"
import { canonicalJson } from "./json.js"
import { lockedElder, writeTransaction } from "./tx.js"
import { notFound } from "./visits.js"

/** What an edit of a case file does, or why it is refused. */
export type Edit<A> =
  | {
      readonly next: unknown
      /** the field paths that changed, for the history row */
      readonly paths: (next: CaseFile.CaseFile) => ReadonlyArray<string>
      /** the child rows to write in the same transaction */
      readonly rows: (trx: Kysely<Database>, region: string, next: CaseFile.CaseFile) => Promise<void>
      readonly audit: { readonly action: string; readonly detail: (next: CaseFile.CaseFile) => Record<string, unknown> }
      readonly result: (next: CaseFile.CaseFile) => A
    }
  | { readonly refused: LedgerError }

/** Bilingual refusal of an edited case file that does not decode, naming each field path. */
export const invalidEdit = (tag: "InvalidLedgerEvent" | "InvalidService", what: { en: string; zh: string }, elderId: string, issues: ReadonlyArray<Decode.FieldIssue>): LedgerError => ({
  _tag: tag,
  elderId,
  issues,
  message: {
    en: `${what.en} for ${Decode.printable(elderId)}: ${issues.map((i) => `${i.path}: expected ${i.expected.en}, found ${i.found}`).join("; ")}`,
    zh: `老年人 ${Decode.printable(elderId)} 的${what.zh}：${issues.map((i) => `${i.path}：应为${i.expected.zh}，实际为 ${i.found}`).join("；")}`
  }
})

/**
 * Loads an elder's case file (locked), edits it, and in one transaction stores the new
 * revision, its child rows, a history row and an audit entry.
 */
export const editCaseFile = <A>(
  ctx: Context,
  input: { readonly elderId: string; readonly region?: string; readonly actor: string; readonly at?: string },
  change: Revision["change"],
  invalid: (issues: ReadonlyArray<Decode.FieldIssue>) => LedgerError,
  edit: (cf: CaseFile.CaseFile) => Edit<A>
): Promise<Outcome<A & { readonly revision: number }>> => {
  const at = input.at ?? ctx.now()
  return writeTransaction(ctx.db, ctx.flags, async (trx) => {
    const match = await lockedElder(trx, ctx.flags, input.elderId, input.region)
    const row = match.found
    if (row === undefined) return { ok: false as const, error: notFound(input.elderId, match.counties) }
    const edited = edit(JSON.parse(row.case_file) as CaseFile.CaseFile)
    if ("refused" in edited) return { ok: false as const, error: edited.refused }
    const decoded = Decode.caseFile(edited.next)
    if (!decoded.ok) return { ok: false as const, error: invalid(decoded.error.issues) }
    const next = decoded.value
    const canonical = canonicalJson(next)
    const version = hash64(canonical)
    const revision = Number(row.revision) + 1
    await trx.updateTable("elders").set({ case_file: canonical, input_version: version, revision, updated_at: at }).where("region_code", "=", row.region_code).where("elder_id", "=", input.elderId).execute()
    await edited.rows(trx, row.region_code, next)
    await trx
      .insertInto("elder_history")
      .values({
        region_code: row.region_code,
        elder_id: input.elderId,
        revision,
        change,
        import_id: null,
        actor: input.actor,
        at,
        input_version: version,
        changed_paths: JSON.stringify(edited.paths(next)),
        case_file: canonical
      })
      .execute()
    await appendAudit(trx, ctx, { actor: input.actor, action: edited.audit.action, regionCode: row.region_code, subject: input.elderId, detail: { revision, ...edited.audit.detail(next) }, at })
    return { ok: true as const, value: { ...edited.result(next), revision } }
  })
}
