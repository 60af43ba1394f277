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
 * A host's explicit choice to keep applying an expired plugin (by id) after its last day in
 * force: until `until` (inclusive), or, when `until` is null, until a successor is in force. A
 * successor (a plugin in force for the elder's region, at least as specific) always wins. `decision`
 * names the county's decision that orders it, for the record.
 *
 * @category models
 * @since 0.4.0
 */
export interface Continuation {
  readonly policy: string
  readonly until: CalendarDate.CalendarDate | null
  readonly decision?: string
}

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
  asOf: CalendarDate.CalendarDate,
  continuations: ReadonlyArray<Continuation> = []
): { readonly policy: LoadedPolicy | undefined; readonly decision: Decision<string>; readonly continued?: Continuation } => {
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
  // an expired plugin the host keeps applying: only past its last day, within the continuation,
  // and only when nothing at least as specific is in force (a successor always wins)
  if (continuations.length > 0) {
    let kept: LoadedPolicy | undefined
    let keptBy: Continuation | undefined
    for (const s of skipped) {
      const p = s.plugin
      if (p.effectiveUntil === null || asOf <= p.effectiveUntil) continue
      const c = continuations.find((x) => x.policy === p.id && (x.until === null || asOf <= x.until))
      if (c === undefined) continue
      if ((p.region?.length ?? 0) <= (best?.plugin.region?.length ?? -1)) continue
      if (
        kept === undefined ||
        (p.region?.length ?? 0) > (kept.plugin.region?.length ?? 0) ||
        ((p.region?.length ?? 0) === (kept.plugin.region?.length ?? 0) && compareVersions(p.version, kept.plugin.version) > 0)
      ) {
        kept = s
        keptBy = c
      }
    }
    if (kept !== undefined && keptBy !== undefined) {
      const p = kept.plugin
      const until = keptBy.until === null ? "继任政策生效" : ` ${keptBy.until}`
      const untilEn = keptBy.until === null ? "a successor is in force" : keptBy.until
      const by = keptBy.decision === undefined ? "" : `（依据：${keptBy.decision}）`
      const byEn = keptBy.decision === undefined ? "" : ` (by ${keptBy.decision})`
      return {
        policy: kept,
        continued: keptBy,
        decision: {
          value: kept.key,
          reasons: [
            {
              ...reason(
                "selection.continued-past-expiry",
                { document: p.document.number, clause: "validity" },
                `${p.document.number}（${kept.key}）已于 ${p.effectiveUntil} 失效；本系统按主管部门明确决定${by}在 ${asOf} 继续适用，直至${until}，期间所有结论均标注“失效后继续适用”`,
                `${p.document.number} (${kept.key}) expired on ${p.effectiveUntil}; it is applied on ${asOf} by the host's explicit decision${byEn}, until ${untilEn}, and every reason is marked as continued past expiry`
              ),
              continuedPastExpiry: true as const
            },
            ...(best === undefined
              ? []
              : [
                  {
                    ...reason(
                      "selection.continued-instead-of",
                      { document: best.plugin.document.number, clause: "validity" },
                      `如不继续适用，应适用 ${best.plugin.document.number}（${best.key}）`,
                      `without the continuation ${best.plugin.document.number} (${best.key}) would apply`
                    ),
                    continuedPastExpiry: true as const
                  }
                ])
          ]
        }
      }
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
