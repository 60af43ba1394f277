import type { CaseFile } from "@liushou/core"
import type { Kysely } from "kysely"
import type { AssignmentsTable, DelegatedCarersTable, Database, EldersTable, RiskAssessmentsTable, SupportersTable, VisitsTable } from "../Tables.js"
import { chunks } from "./tx.js"
import type { DialectFlags } from "../Flags.js"

export interface ChildRows {
  supporters: Array<SupportersTable>
  carers: Array<DelegatedCarersTable>
  visits: Array<VisitsTable>
  risks: Array<RiskAssessmentsTable>
  assignments: Array<AssignmentsTable>
}

export const emptyChildren = (): ChildRows => ({ supporters: [], carers: [], visits: [], risks: [], assignments: [] })

export const elderRow = (
  cf: CaseFile.CaseFile,
  canonical: string,
  version: string,
  revision: number,
  importId: string | null,
  at: string
): EldersTable => ({
  region_code: cf.elder.regionCode,
  elder_id: cf.elder.id,
  name: cf.elder.name,
  id_number: cf.elder.idNumber ?? null,
  phone: cf.elder.phone ?? null,
  sex: cf.elder.sex,
  birth_date: cf.elder.birthDate,
  case_file: canonical,
  input_version: version,
  revision,
  import_id: importId,
  updated_at: at
})

/**
 * Adds the child rows of a case file; `recorded` carries visit metadata over from earlier rows.
 * `current`: rows for the latest schema (visits with `visitor_id`, assignments); a migration
 * before `0005_assignments` passes nothing and gets the rows of its own schema.
 */
export const addChildren = (
  into: ChildRows,
  cf: CaseFile.CaseFile,
  recorded: ReadonlyArray<{ readonly key: string; readonly meta: { readonly recorded_by: string | null; readonly recorded_at: string | null } }> | undefined,
  current = false
): void => {
  const unused = recorded === undefined ? undefined : [...recorded]
  const region_code = cf.elder.regionCode
  const elder_id = cf.elder.id
  cf.supporters.forEach((s, position) =>
    into.supporters.push({
      region_code,
      elder_id,
      position,
      supporter_id: s.id,
      relation: s.relation,
      whereabouts: s.whereabouts,
      away_since: s.awaySince,
      reported_to_village: s.reportedToVillage ? 1 : 0,
      last_contact: s.lastContact,
      name: s.name ?? null,
      phone: s.phone ?? null
    })
  )
  if (cf.delegatedCarer !== null) {
    const c = cf.delegatedCarer
    into.carers.push({ region_code, elder_id, name: c.name, relation: c.relation, since: c.since, phone: c.phone ?? null })
  }
  cf.visits.forEach((v, seq) => {
    const concerns = JSON.stringify(v.concerns)
    const k = visitKey(v.date, v.mode, v.by, concerns)
    const at = unused === undefined ? -1 : unused.findIndex((r) => r.key === k)
    const meta = at < 0 ? undefined : unused!.splice(at, 1)[0]!.meta
    const row = {
      region_code,
      elder_id,
      seq,
      date: v.date,
      mode: v.mode,
      visitor: v.by,
      concerns,
      recorded_by: meta?.recorded_by ?? null,
      recorded_at: meta?.recorded_at ?? null
    }
    into.visits.push(current ? { ...row, visitor_id: v.visitorId ?? null } : (row as VisitsTable))
  })
  cf.riskAssessments.forEach((r, seq) => into.risks.push({ region_code, elder_id, seq, date: r.date, level: r.level }))
  if (current) for (const a of cf.assignments ?? []) into.assignments.push(assignmentRow(region_code, elder_id, a))
}

export const assignmentRow = (region_code: string, elder_id: string, a: CaseFile.Assignment): AssignmentsTable => ({
  region_code,
  elder_id,
  assignment_id: a.id,
  role: a.role,
  person_id: a.personId,
  person_kind: a.personKind,
  from_date: a.from,
  until_date: a.until
})

/** A visit's identity for carrying over who recorded it: its fields (not its position). */
export const visitKey = (date: string, mode: string, by: string, concerns: string): string => `${date}|${mode}|${by}|${concerns}`

export const insertMany = async <T extends keyof Database>(db: Kysely<Database>, flags: DialectFlags, table: T, rows: ReadonlyArray<Database[T]>): Promise<void> => {
  for (const chunk of chunks(rows as ReadonlyArray<object>, flags)) {
    await db.insertInto(table).values(chunk as never).execute()
  }
}

export const CHILD_TABLES = ["supporters", "delegated_carers", "visits", "risk_assessments", "assignments"] as const
