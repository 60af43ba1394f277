import type { CaseFile } from "@liushou/core"

/**
 * Ability levels from intact (0) to total loss (4), for comparisons.
 *
 * @category models
 * @since 0.1.0
 */
export const ABILITY_RANK: Readonly<Record<CaseFile.Ability, number>> = { intact: 0, mild: 1, moderate: 2, severe: 3, total: 4 }

/**
 * Whether an elder has any of the programs in `programs`.
 *
 * @category predicates
 * @since 0.1.0
 */
export const receivesAny = (elder: CaseFile.Elder, programs: ReadonlySet<string>): boolean => {
  for (const p of elder.receiving) if (programs.has(p)) return true
  return false
}

/**
 * Who owes support among an elder's supporters: a relation in `direct` (children and others with
 * a legal duty), or one in `substitute` (grandchildren) when no supporter on record is in
 * `direct` (the children have died or cannot support). Compiled once per plan.
 *
 * @category predicates
 * @since 0.2.0
 */
export interface Obligors {
  readonly direct: ReadonlySet<string>
  readonly substitute: ReadonlySet<string>
  /** relations that assist a supporter (in-laws): care at home, not obligors */
  readonly assisting: ReadonlySet<string>
}

/**
 * Whether any supporter on record is a direct obligor (then substitutes owe nothing).
 *
 * @category predicates
 * @since 0.2.0
 */
export const hasDirectObligor = (o: Obligors, supporters: ReadonlyArray<CaseFile.Supporter>): boolean => {
  for (let i = 0; i < supporters.length; i++) if (o.direct.has(supporters[i]!.relation)) return true
  return false
}

/**
 * Whether a supporter owes support, given whether the case has a direct obligor.
 *
 * @category predicates
 * @since 0.2.0
 */
export const isObligor = (o: Obligors, supporter: CaseFile.Supporter, direct: boolean): boolean =>
  o.direct.has(supporter.relation) || (!direct && o.substitute.has(supporter.relation))
