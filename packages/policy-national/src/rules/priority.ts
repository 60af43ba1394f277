import { Decision, Policy } from "@liushou/core"
import * as P from "../parameters.js"
import { ABILITY_RANK, receivesAny } from "./shared.js"


/**
 * Priority screening (重点排查): economically difficult, advanced-age or disabled left-behind
 * elders are flagged. Not left behind: false; left-behind status unknown: null.
 *
 * Topic cited: `priority`.
 *
 * @category rules
 * @since 0.1.0
 */
export const priority = Policy.rule("priority", {
  parameters: [P.advancedAge.id, P.disabledFromAbility.id, P.economicDifficultyPrograms.id],
  topics: ["priority"],
  compile: (env) => {
    const advancedAge = env.param<number>(P.advancedAge.id)
    const disabledRank = ABILITY_RANK[env.param<keyof typeof ABILITY_RANK>(P.disabledFromAbility.id)]
    const econ = new Set(env.param<ReadonlyArray<string>>(P.economicDifficultyPrograms.id))
    const c = env.cite("priority")
    const reason = env.reason
    const R = {
      notLeftBehind: reason("priority.not-left-behind", c, "不属于留守老年人，不列入重点排查", "is not left behind, so is not screened for priority"),
      unknown: reason("priority.left-behind-unknown", c, "留守认定所需信息不全，重点对象待定", "left-behind status is unknown, so priority is undetermined"),
      economic: reason("priority.economic-difficulty", c, "经济困难家庭（已享受低保、建档立卡等或为特困人员）", "household in economic difficulty (receives dibao, poverty registration or similar, or is in extreme poverty)", { params: [P.economicDifficultyPrograms.id] }),
      old: reason("priority.advanced-age", c, `高龄（${advancedAge}周岁以上）`, `advanced age (${advancedAge} or over)`, { params: [P.advancedAge.id] }),
      disabled: reason("priority.disabled", c, "失能", "disabled (ability moderately impaired or worse)", { params: [P.disabledFromAbility.id] }),
      none: reason("priority.none", c, "非经济困难、高龄或失能，不属于重点对象", "not economically difficult, of advanced age or disabled, so not a priority case", { params: [P.economicDifficultyPrograms.id, P.advancedAge.id, P.disabledFromAbility.id] })
    }
    // every combination of the three flags, built once
    const table: Array<Decision.Decision<boolean | null>> = []
    const unknownTable: Array<Decision.Decision<boolean | null>> = []
    for (let mask = 0; mask < 8; mask++) {
      const rs = [...(mask & 1 ? [R.economic] : []), ...(mask & 2 ? [R.old] : []), ...(mask & 4 ? [R.disabled] : [])]
      table.push(Decision.make(mask !== 0, mask === 0 ? [R.none] : rs))
      unknownTable.push(Decision.make(null, [R.unknown, ...rs]))
    }
    const notLeftBehind = Decision.make<boolean | null>(false, [R.notLeftBehind])
    return (cf, ctx, prior) => {
      const lb = prior.leftBehind!.value
      if (lb === false) return notLeftBehind
      const e = cf.elder
      const economic = receivesAny(e, econ) || (e.categories !== undefined && e.categories.includes("extreme-poverty"))
      const mask = (economic ? 1 : 0) | (ctx.age >= advancedAge ? 2 : 0) | (ABILITY_RANK[e.ability] >= disabledRank ? 4 : 0)
      return lb === null ? unknownTable[mask]! : table[mask]!
    }
  }
})
