/**
 * The re-check worklist of a region (湘民发〔2018〕30号 §1 动态管理、定期排查、及时更新): per village,
 * the facts that are unknown or stale and block a decision, so that cadres know whom to ask
 * what. Pure: it reads evaluations already made at an as-of date.
 *
 * @since 0.2.0
 */
import type { Evaluation } from "./Evaluation.js"
import * as RegionCode from "./RegionCode.js"

/**
 * What to find out about one elder: `facts.<group>` for a stale or unknown group of facts
 * (ledger upkeep), `identification` when left-behind status is unknown, and each case-file field
 * or parameter an eligibility decision is missing (`elder.annualIncome`, ...).
 *
 * @category models
 * @since 0.2.0
 */
export interface RecheckItem {
  readonly regionCode: string
  readonly elderId: string
  readonly asks: ReadonlyArray<string>
}

/**
 * One village's re-check list: how many elders need a visit to check something, how many
 * times each thing is asked, and the elders with what to ask each.
 *
 * @category models
 * @since 0.2.0
 */
export interface VillageRecheck {
  readonly village: string
  readonly elders: number
  readonly byAsk: Readonly<Record<string, number>>
  readonly items: ReadonlyArray<RecheckItem>
}

/**
 * What to ask about one elder, from the evaluation (empty when nothing blocks a decision, and
 * for an elder who has exited the active ledger).
 *
 * @category getters
 * @since 0.2.0
 */
export const asks = (e: Evaluation): ReadonlyArray<string> => {
  const out: Array<string> = []
  if (e.upkeep?.status === "exited") return out
  if (e.leftBehind.value === null) out.push("identification")
  for (const f of e.upkeep?.facts ?? []) if (f.status !== "current") out.push(`facts.${f.group}`)
  for (const d of e.eligibility ?? []) {
    if (d.status !== "needs-information") continue
    for (const m of d.missing) if (!out.includes(m)) out.push(m)
  }
  return out
}

/**
 * The re-check worklist of a region (`null` = everything): villages in code order, elders in
 * id order, only elders with something to ask.
 *
 * **Example**
 * ```ts
 * import { Recheck } from "@liushou/core"
 * const list = Recheck.worklist(evaluations, "430121101")
 * list[0]?.byAsk // { "facts.income": 12, "facts.supporters": 4, identification: 1 }
 * ```
 *
 * @category constructors
 * @since 0.2.0
 */
export const worklist = (evaluations: Iterable<Evaluation>, region: string | null): ReadonlyArray<VillageRecheck> => {
  const villages = new Map<string, { byAsk: Record<string, number>; items: Array<RecheckItem> }>()
  for (const e of evaluations) {
    if (!RegionCode.contains(region, e.regionCode)) continue
    const a = asks(e)
    if (a.length === 0) continue
    let v = villages.get(e.regionCode)
    if (v === undefined) villages.set(e.regionCode, (v = { byAsk: {}, items: [] }))
    for (const k of a) v.byAsk[k] = (v.byAsk[k] ?? 0) + 1
    v.items.push({ regionCode: e.regionCode, elderId: e.elderId, asks: a })
  }
  return [...villages.entries()]
    .sort((x, y) => (x[0] < y[0] ? -1 : x[0] > y[0] ? 1 : 0))
    .map(([village, v]) => ({ village, elders: v.items.length, byAsk: v.byAsk, items: v.items.sort((x, y) => (x.elderId < y.elderId ? -1 : x.elderId > y.elderId ? 1 : 0)) }))
}
