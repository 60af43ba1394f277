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
