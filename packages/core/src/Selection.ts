/**
 * Selection: which loaded plugin governs an elder at a date, and finding a loaded plugin by
 * id and version range.
 *
 * @since 0.2.0
 */
import type * as CalendarDate from "./CalendarDate.js"
import type { Decision } from "./Decision.js"
import { reason } from "./Decision.js"
import { compareVersions, satisfies } from "./internal/semver.js"
import type { LoadedPolicy, Registry } from "./Loader.js"
import type { PolicyPlugin } from "./Policy.js"
import * as RegionCode from "./RegionCode.js"

/**
 * Finds a loaded plugin by id, optionally with a version range (the highest matching version).
 *
 * @category getters
 * @since 0.2.0
 */
export const find = (registry: Registry, id: string, versionRange?: string): LoadedPolicy | undefined => {
  let best: LoadedPolicy | undefined
  for (const l of registry.policies) {
    if (l.plugin.id !== id) continue
    if (versionRange !== undefined && satisfies(l.plugin.version, versionRange) !== true) continue
    if (best === undefined || compareVersions(l.plugin.version, best.plugin.version) > 0) best = l
  }
  return best
}

const inForce = (p: PolicyPlugin, date: CalendarDate.CalendarDate): boolean =>
  p.effectiveFrom <= date && (p.effectiveUntil === null || date <= p.effectiveUntil)

const CORE_DOC = "@liushou/core"

/**
 * Selects the policy for an elder at a date: the most specific plugin whose region contains
 * the elder's region code and whose validity contains the date (the highest version of an
 * id); otherwise its parent, down to the national baseline. The decision says why.
 *
 * @category constructors
 * @since 0.2.0
 */
export const select = (
  registry: Registry,
  regionCode: string,
  asOf: CalendarDate.CalendarDate
): { readonly policy: LoadedPolicy | undefined; readonly decision: Decision<string> } => {
  let best: LoadedPolicy | undefined
  const skipped: Array<LoadedPolicy> = []
  for (const l of registry.policies) {
    const p = l.plugin
    if (!RegionCode.contains(p.region, regionCode)) continue
    if (!inForce(p, asOf)) {
      skipped.push(l)
      continue
    }
    if (
      best === undefined ||
      (p.region?.length ?? 0) > (best.plugin.region?.length ?? 0) ||
      ((p.region?.length ?? 0) === (best.plugin.region?.length ?? 0) && p.id === best.plugin.id && compareVersions(p.version, best.plugin.version) > 0)
    ) {
      best = l
    }
  }
  if (best === undefined) {
    return {
      policy: undefined,
      decision: {
        value: "",
        reasons: [reason("selection.none-in-force", { document: CORE_DOC, clause: "selection" }, `${asOf} 时没有适用于区划 ${regionCode} 的有效政策`, `no policy governing region ${regionCode} is in force on ${asOf}`)]
      }
    }
  }
  const reasons = [
    reason(
      "selection.most-specific",
      { document: best.plugin.document.number, clause: "validity" },
      `${best.plugin.document.number}（${best.key}）适用于区划 ${best.plugin.region ?? "全国"}，有效期 ${best.plugin.effectiveFrom} 至 ${best.plugin.effectiveUntil ?? "今"}，包含 ${asOf}`,
      `${best.plugin.document.number} (${best.key}) governs region ${best.plugin.region ?? "(national)"} and is in force ${best.plugin.effectiveFrom} to ${best.plugin.effectiveUntil ?? "(open)"}, which contains ${asOf}`
    )
  ]
  const bestRegionLength = best.plugin.region?.length ?? 0
  for (const s of skipped) {
    if ((s.plugin.region?.length ?? 0) > bestRegionLength) {
      reasons.push(
        reason(
          "selection.fallback-out-of-validity",
          { document: s.plugin.document.number, clause: "validity" },
          `更具体的 ${s.plugin.document.number}（${s.key}）在 ${asOf} 不在有效期（${s.plugin.effectiveFrom} 至 ${s.plugin.effectiveUntil ?? "今"}）内，改用 ${best.plugin.document.number}`,
          `the more specific ${s.plugin.document.number} (${s.key}) is not in force on ${asOf} (in force ${s.plugin.effectiveFrom} to ${s.plugin.effectiveUntil ?? "(open)"}), so ${best.plugin.document.number} applies`
        )
      )
    }
  }
  return { policy: best, decision: { value: best.key, reasons } }
}
