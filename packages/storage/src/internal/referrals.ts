import { Workflow } from "@liushou/core"
import type { Kysely } from "kysely"
import type { Context } from "./context.js"
import type { OpenReferralInput, ReferralCase, TransitionReferralInput } from "./types/referrals.js"
import type { Outcome } from "./types/outcome.js"
import type { Database, ReferralCasesTable } from "../Tables.js"
import { appendAudit } from "./audit.js"
import { findElder, writeTransaction } from "./tx.js"
import { notFound } from "./visits.js"

type History = ReferralCase["history"]

/** Attaches the history of each case. */
export const referralCases = async (db: Kysely<Database>, rows: ReadonlyArray<ReferralCasesTable>): Promise<Array<ReferralCase>> => {
  const histories = new Map<string, Array<History[number]>>()
  for (let i = 0; i < rows.length; i += 500) {
    const keys = rows.slice(i, i + 500)
    if (keys.length === 0) continue
    const ts = await db
      .selectFrom("referral_transitions")
      .selectAll()
      .where((eb) => eb(eb.refTuple("region_code", "case_id"), "in", keys.map((k) => eb.tuple(k.region_code, k.case_id))))
      .orderBy("region_code")
      .orderBy("case_id")
      .orderBy("seq")
      .execute()
    for (const t of ts) {
      const k = `${t.region_code}|${t.case_id}`
      let h = histories.get(k)
      if (h === undefined) histories.set(k, (h = []))
      h.push({ from: t.from_state, to: t.to_state, action: t.action, at: t.at, by: t.by })
    }
  }
  return rows.map((r) => ({
    regionCode: r.region_code,
    caseId: r.case_id,
    elderId: r.elder_id,
    workflowId: r.workflow_id,
    state: r.state,
    since: r.since,
    to: r.to_body,
    trigger: r.trigger,
    history: histories.get(`${r.region_code}|${r.case_id}`) ?? []
  }))
}

export const referralCase = async (db: Kysely<Database>, caseId: string): Promise<ReferralCase | undefined> => {
  const row = await db.selectFrom("referral_cases").selectAll().where("case_id", "=", caseId).executeTakeFirst()
  return row === undefined ? undefined : (await referralCases(db, [row]))[0]
}

const text = (en: string, zh: string) => ({ en, zh })

export const openReferral = async <S extends string, A extends string>(
  ctx: Context,
  input: OpenReferralInput<S, A>
): Promise<Outcome<ReferralCase>> => {
  const at = input.at ?? ctx.now()
  return writeTransaction(ctx.db, ctx.flags, async (trx): Promise<Outcome<ReferralCase>> => {
    const match = await findElder(
      (lo, hi) => trx.selectFrom("elders").select(["region_code"]).where("elder_id", "=", input.elderId).where("region_code", ">=", lo).where("region_code", "<=", hi).execute(),
      input.region
    )
    const elder = match.found
    if (elder === undefined) return { ok: false, error: notFound(input.elderId, match.counties) }
    const existing = await trx.selectFrom("referral_cases").select(["case_id"]).where("case_id", "=", input.caseId).executeTakeFirst()
    if (existing !== undefined) {
      return { ok: false, error: { _tag: "CaseExists", caseId: input.caseId, message: text(`referral case ${input.caseId} already exists`, `转介个案 ${input.caseId} 已存在`) } }
    }
    const c = Workflow.open(input.workflow, input.caseId, input.on, input.by)
    const row: ReferralCasesTable = {
      region_code: elder.region_code,
      case_id: input.caseId,
      elder_id: input.elderId,
      workflow_id: input.workflow.id,
      state: c.state,
      since: c.since,
      to_body: input.to ?? null,
      trigger: input.trigger ?? null,
      opened_by: input.by,
      opened_at: at
    }
    await trx.insertInto("referral_cases").values(row).execute()
    await trx
      .insertInto("referral_transitions")
      .values({ region_code: elder.region_code, case_id: input.caseId, seq: 0, from_state: null, to_state: c.state, action: "open", at: input.on, by: input.by, recorded_at: at })
      .execute()
    await appendAudit(trx, ctx, {
      actor: input.by,
      action: "referral.open",
      regionCode: elder.region_code,
      subject: input.caseId,
      detail: { elderId: input.elderId, workflow: input.workflow.id, state: c.state, on: input.on, to: input.to ?? null, trigger: input.trigger ?? null },
      at
    })
    return { ok: true, value: { regionCode: row.region_code, caseId: row.case_id, elderId: row.elder_id, workflowId: row.workflow_id, state: row.state, since: row.since, to: row.to_body, trigger: row.trigger, history: c.history } }
  })
}

export const transitionReferral = async <S extends string, A extends string>(
  ctx: Context,
  input: TransitionReferralInput<S, A>
): Promise<Outcome<ReferralCase>> => {
  const at = input.at ?? ctx.now()
  return writeTransaction(ctx.db, ctx.flags, async (trx): Promise<Outcome<ReferralCase>> => {
    const row = await trx
      .selectFrom("referral_cases")
      .selectAll()
      .where("case_id", "=", input.caseId)
      .$if(ctx.flags.lockRows, (q) => q.forUpdate())
      .executeTakeFirst()
    if (row === undefined) {
      return { ok: false, error: { _tag: "CaseNotFound", caseId: input.caseId, message: text(`no referral case ${input.caseId}`, `没有转介个案 ${input.caseId}`) } }
    }
    if (row.workflow_id !== input.workflow.id) {
      return {
        ok: false,
        error: {
          _tag: "WorkflowMismatch",
          caseId: input.caseId,
          message: text(`referral case ${input.caseId} follows workflow ${row.workflow_id}, not ${input.workflow.id}`, `转介个案 ${input.caseId} 适用流程 ${row.workflow_id}，而非 ${input.workflow.id}`)
        }
      }
    }
    const [stored] = await referralCases(trx, [row])
    const current: Workflow.Case<S> = { id: row.case_id, state: row.state as S, since: row.since, history: stored!.history as Workflow.Case<S>["history"] }
    const next = Workflow.apply(input.workflow, current, input.action, input.on, input.by)
    if (!next.ok) return { ok: false, error: next.error }
    const seq = current.history.length
    await trx
      .insertInto("referral_transitions")
      .values({ region_code: row.region_code, case_id: row.case_id, seq, from_state: current.state, to_state: next.value.state, action: input.action, at: input.on, by: input.by, recorded_at: at })
      .execute()
    await trx
      .updateTable("referral_cases")
      .set({ state: next.value.state, since: next.value.since })
      .where("region_code", "=", row.region_code)
      .where("case_id", "=", row.case_id)
      .execute()
    await appendAudit(trx, ctx, {
      actor: input.by,
      action: "referral.transition",
      regionCode: row.region_code,
      subject: row.case_id,
      detail: { action: input.action, from: current.state, to: next.value.state, on: input.on },
      at
    })
    return { ok: true, value: { ...stored!, state: next.value.state, since: next.value.since, history: next.value.history } }
  })
}
