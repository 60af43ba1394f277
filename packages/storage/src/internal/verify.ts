import { hash64 } from "@liushou/core"
import type { Context } from "./context.js"
import type { Tampering, VerifyReport } from "./types/audit.js"
import type { ElderStatusTable } from "../Tables.js"
import { parseStored, reasonReader, restore, runDigest, statusRow } from "./assess.js"
import { verifyAudit } from "./audit.js"
import { setDigest, historyLine } from "./chain.js"
import { elderKey } from "./tx.js"

const PAGE = 500

const STATUS_COLUMNS = [
  "as_of",
  "input_version",
  "policy_id",
  "left_behind",
  "priority",
  "unmet_duties",
  "risk_level",
  "assessment_next_due",
  "assessment_overdue",
  "visit_window",
  "visit_next_due",
  "visit_extra_due",
  "visit_due",
  "exited_on"
] as const

/**
 * Checks the ledger for tampering: the audit chain; every elder's history (each revision's case
 * file against its input version, revisions without gaps, each import's rows against the digest
 * its audit entry holds, each recorded visit against its audit entry) and current case file
 * (against its latest revision); every status against the evaluation it came from.
 */
export const verify = async (ctx: Context): Promise<VerifyReport> => {
  const problems: Array<Tampering> = []
  const audit = await verifyAudit(ctx.db)
  for (const p of audit.problems) problems.push({ kind: p.kind, subject: `audit_log#${p.id}`, detail: p.kind === "audit-link" ? "does not follow the entry before it" : "content does not match its hash" })
  // what the audit log says was written
  const importDigests = new Map<string, string | null>()
  /** per assessment run, the count and digest of its evaluations each time a call of it finished */
  const runDigests = new Map<string, Array<{ count: number; digest: string }>>()
  const visitVersions = new Map<string, string>()
  for (let after = -1; ; ) {
    const rows = await ctx.db.selectFrom("audit_log").select(["id", "action", "region_code", "subject", "detail"]).where("id", ">", after).where("action", "in", ["import", "visit.record", "assess"]).orderBy("id").limit(1000).execute()
    if (rows.length === 0) break
    for (const r of rows) {
      const d = JSON.parse(r.detail) as { historyDigest?: string | null; revision?: number; inputVersion?: string; evaluationsStored?: number; evaluationsDigest?: string }
      if (r.action === "assess" && r.subject !== null && d.evaluationsDigest !== undefined) {
        const list = runDigests.get(r.subject) ?? []
        list.push({ count: Number(d.evaluationsStored), digest: d.evaluationsDigest })
        runDigests.set(r.subject, list)
      }
      if (r.action === "import" && r.subject !== null) importDigests.set(r.subject, d.historyDigest ?? null)
      if (r.action === "visit.record" && d.inputVersion !== undefined) visitVersions.set(`${elderKey(r.region_code ?? "", r.subject ?? "")}|${d.revision}`, d.inputVersion)
      after = Number(r.id)
    }
  }
  const digests = new Map<string, ReturnType<typeof setDigest>>()
  let elders = 0
  let revisions = 0
  let cursor: readonly [string, string] | null = null
  for (;;) {
    const after: readonly [string, string] | null = cursor
    const rows: Array<{ region_code: string; elder_id: string; case_file: string; input_version: string; revision: number }> = await ctx.db
      .selectFrom("elders")
      .select(["region_code", "elder_id", "case_file", "input_version", "revision"])
      .$if(after !== null, (q) => q.where((eb) => eb(eb.refTuple("elder_id", "region_code"), ">", eb.tuple(after![0], after![1]))))
      .orderBy("elder_id")
      .orderBy("region_code")
      .limit(PAGE)
      .execute()
    if (rows.length === 0) break
    const last: { region_code: string; elder_id: string } = rows[rows.length - 1]!
    cursor = [last.elder_id, last.region_code]
    const ids = [...new Set(rows.map((r) => r.elder_id))]
    const history = await ctx.db
      .selectFrom("elder_history")
      .select(["region_code", "elder_id", "revision", "change", "import_id", "input_version", "case_file"])
      .where("elder_id", "in", ids)
      .orderBy("elder_id")
      .orderBy("revision")
      .execute()
    const byElder = new Map<string, Array<(typeof history)[number]>>()
    for (const h of history) {
      const key = elderKey(h.region_code, h.elder_id)
      let list = byElder.get(key)
      if (list === undefined) byElder.set(key, (list = []))
      list.push(h)
    }
    for (const e of rows) {
      elders++
      const key = elderKey(e.region_code, e.elder_id)
      const subject = `${e.region_code}/${e.elder_id}`
      const list = byElder.get(key) ?? []
      list.forEach((h, i) => {
        revisions++
        const at = `${subject}@${Number(h.revision)}`
        if (Number(h.revision) !== i + 1) problems.push({ kind: "history-gap", subject: at, detail: `revision ${i + 1} expected here` })
        if (hash64(h.case_file) !== h.input_version) problems.push({ kind: "history-edited", subject: at, detail: "the case file does not match its input version" })
        if (h.import_id !== null) {
          let d = digests.get(h.import_id)
          if (d === undefined) digests.set(h.import_id, (d = setDigest()))
          d.add(historyLine({ ...h, revision: Number(h.revision) }))
        }
        if (h.change === "visit-recorded") {
          const audited = visitVersions.get(`${key}|${Number(h.revision)}`)
          if (audited !== undefined && audited !== h.input_version) problems.push({ kind: "history-rewritten", subject: at, detail: "differs from the input version its audit entry recorded" })
        }
      })
      const latest = list[list.length - 1]
      if (latest === undefined || Number(latest.revision) !== Number(e.revision) || latest.case_file !== e.case_file || hash64(e.case_file) !== e.input_version) {
        problems.push({ kind: "case-file-edited", subject: subject, detail: "the current case file differs from its latest revision or its input version" })
      }
    }
    if (rows.length < PAGE) break
  }
  for (const [importId, d] of digests) {
    const audited = importDigests.get(importId)
    if (audited === undefined) continue
    if (audited !== d.value()) problems.push({ kind: "history-rewritten", subject: `import ${importId}`, detail: "its history rows differ from the digest its audit entry recorded" })
  }
  // every run's evaluations against the digest its audit entries recorded (runs audited before
  // digests were recorded have none and are not checked here; replay still recomputes them)
  for (const [runId, recorded] of runDigests) {
    const now = await runDigest(ctx.db, runId)
    // the run's rows as any finished call of it left them (parallel workers each record one)
    if (recorded.some((r) => r.digest === now.digest && r.count === now.count)) continue
    const last = recorded[recorded.length - 1]!
    problems.push(
      now.count < last.count
        ? { kind: "evaluation-missing", subject: `run ${runId}`, detail: `${last.count - now.count} of the ${last.count} evaluations its audit entry recorded are not stored` }
        : { kind: "evaluations-changed", subject: `run ${runId}`, detail: `its evaluations (${now.count}) differ from the ${last.count} its audit entry recorded` }
    )
  }
  // every status against the evaluation it was written from
  const readReasons = reasonReader(ctx.db)
  let statuses = 0
  let scursor: readonly [string, string] | null = null
  for (;;) {
    const after: readonly [string, string] | null = scursor
    const rows: Array<ElderStatusTable & { evaluation: string | null; dated: string | null; base_run: string | null; base_evaluation: string | null; parameters: string | null }> = await ctx.db
      .selectFrom("elder_status as s")
      .leftJoin("evaluations as v", (j) => j.onRef("v.region_code", "=", "s.region_code").onRef("v.elder_id", "=", "s.elder_id").onRef("v.run_id", "=", "s.run_id"))
      .leftJoin("parameter_sets as p", "p.set_hash", "v.parameter_set")
      .leftJoin("evaluations as b", (j) => j.onRef("b.region_code", "=", "v.region_code").onRef("b.elder_id", "=", "v.elder_id").onRef("b.run_id", "=", "v.base_run"))
      .selectAll("s")
      .select(["v.evaluation", "v.dated", "v.base_run", "b.evaluation as base_evaluation", "p.parameters"])
      .$if(after !== null, (q) => q.where((eb) => eb(eb.refTuple("s.region_code", "s.elder_id"), ">", eb.tuple(after![0], after![1]))))
      .orderBy("s.region_code")
      .orderBy("s.elder_id")
      .limit(PAGE)
      .execute()
    if (rows.length === 0) break
    const last: { region_code: string; elder_id: string } = rows[rows.length - 1]!
    scursor = [last.region_code, last.elder_id]
    // a status whose evaluation, or the evaluation it references, is not stored: null
    const parsed = rows.map((r) => (r.evaluation === null ? null : ((parseStored({ evaluation: r.evaluation, dated: r.dated, base_run: r.base_run, base_evaluation: r.base_evaluation }) ?? null) as unknown)))
    const reasons = await readReasons(parsed.filter((p): p is NonNullable<unknown> => p !== null))
    rows.forEach((r, i) => {
      statuses++
      const subject = `${r.region_code}/${r.elder_id} (${r.run_id})`
      if (parsed[i] === null || r.parameters === null) {
        problems.push({ kind: "evaluation-missing", subject, detail: "the status names an evaluation that is not stored" })
        return
      }
      const expected = statusRow(restore(parsed[i], r.parameters, reasons), r.run_id) as unknown as Record<string, unknown>
      const differs = STATUS_COLUMNS.filter((c) => String(expected[c] ?? null) !== String((r as unknown as Record<string, unknown>)[c] ?? null))
      if (differs.length > 0) problems.push({ kind: "status-edited", subject, detail: `differs from its evaluation in ${differs.join(", ")}` })
    })
    if (rows.length < PAGE) break
  }
  return { ok: problems.length === 0, audit: audit.checked, elders, revisions, statuses, problems }
}
