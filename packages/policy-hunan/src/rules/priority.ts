import { Decision, type Parameter, Policy } from "@liushou/core"
import { NationalParameters } from "@liushou/policy-national"
import { ABILITY_RANK, compileEconomic, economic } from "./shared.js"

/**
 * Priority screening in Hunan's words (§1 "重点排查经济困难家庭的高龄、失能留守老年人", repeated in
 * §10 as the key targets, "以经济困难家庭的高龄、失能留守老年人为重点对象"): a left-behind elder of
 * an economically difficult household who is of advanced age or disabled. Economic difficulty
 * is a program received, the extreme-poverty category, or income below the low-income line
 * (the county dibao standard × `hunan.assistance.lowIncomeMultiplier`); when only the income
 * test could decide and the county's standard is missing, priority is `null`.
 *
 * Replaces the national rule, which flags any one of the three.
 * Topics cited: `priority`, `priority.key-targets`.
 *
 * @category rules
 * @since 0.1.0
 */
export const priority = Policy.rule("priority", {
  parameters: [
    NationalParameters.advancedAge.id,
    NationalParameters.disabledFromAbility.id,
    NationalParameters.economicDifficultyPrograms.id,
    "hunan.assistance.lowIncomeMultiplier",
    "hunan.assistance.dibaoStandard"
  ],
  topics: ["priority", "priority.key-targets"],
  compile: (env) => {
    const advancedAge = env.param<number>(NationalParameters.advancedAge.id)
    const disabledRank = ABILITY_RANK[env.param<keyof typeof ABILITY_RANK>(NationalParameters.disabledFromAbility.id)]
    const econ = compileEconomic(env)
    const c = env.cite("priority")
    const k = env.cite("priority.key-targets")
    const reason = env.reason
    const MULT = "hunan.assistance.lowIncomeMultiplier"
    const DIBAO = "hunan.assistance.dibaoStandard"
    const R = {
      notLeftBehind: reason("priority.not-left-behind", c, "不属于留守老年人，不列入重点排查", "is not left behind, so is not screened for priority"),
      unknown: reason("priority.left-behind-unknown", c, "留守认定所需信息不全，重点对象待定", "left-behind status is unknown, so priority is undetermined"),
      economicProgram: reason("priority.economic-difficulty", c, "经济困难家庭（已享受低保、建档立卡等或为特困人员）", "household in economic difficulty (receives dibao, poverty registration or similar, or is in extreme poverty)", { params: [NationalParameters.economicDifficultyPrograms.id] }),
      economicUnknown: reason("priority.economic-unknown", c, "当地低保标准缺失（hunan.assistance.dibaoStandard），无法判断是否经济困难", "the local dibao standard is missing (hunan.assistance.dibaoStandard), so economic difficulty cannot be judged"),
      old: reason("priority.advanced-age", c, `高龄（${advancedAge}周岁以上）`, `advanced age (${advancedAge} or over)`, { params: [NationalParameters.advancedAge.id] }),
      disabled: reason("priority.disabled", c, "失能", "disabled (ability moderately impaired or worse)", { params: [NationalParameters.disabledFromAbility.id] }),
      neither: reason("priority.not-old-or-disabled", c, "非高龄、非失能", "neither of advanced age nor disabled", { params: [NationalParameters.advancedAge.id, NationalParameters.disabledFromAbility.id] }),
      key: reason("priority.key-target", k, "经济困难家庭的高龄、失能留守老年人，列为重点对象", "a left-behind elder of advanced age or disabled in an economically difficult household: a key target"),
      notKey: reason("priority.none", k, "不属于经济困难家庭的高龄、失能留守老年人，不列为重点对象", "not of advanced age or disabled in an economically difficult household, so not a key target")
    }
    // the decisions that rest on the county's dibao figure are built once per figure (its
    // status, e.g. a sample figure, is part of their basis)
    const tables = new Map<Parameter.Resolved<number> | undefined, Array<Decision.Decision<boolean | null>>>()
    const tableFor = (dibao: Parameter.Resolved<number> | undefined): Array<Decision.Decision<boolean | null>> => {
      let table = tables.get(dibao)
      if (table !== undefined) return table
      const fig = dibao ?? DIBAO
      const economicIncome = reason("priority.low-income", c, "经济困难家庭（人均收入低于当地低保标准的规定倍数）", "household in economic difficulty (income below the set multiple of the local dibao standard)", { params: [MULT, fig] })
      const notEconomic = reason("priority.not-economic-difficulty", c, "非经济困难家庭", "household not in economic difficulty", { params: [NationalParameters.economicDifficultyPrograms.id, MULT, fig] })
      // econ: 0 program, 1 income, 2 no, 3 unknown; need: bit 0 old, bit 1 disabled; lb: 0 yes, 1 unknown
      const ECON = [R.economicProgram, economicIncome, notEconomic, R.economicUnknown]
      table = []
      for (let lb = 0; lb < 2; lb++) {
        for (let e = 0; e < 4; e++) {
          for (let need = 0; need < 4; need++) {
            const needReasons = need === 0 ? [R.neither] : [...(need & 1 ? [R.old] : []), ...(need & 2 ? [R.disabled] : [])]
            const value: boolean | null = need === 0 || e === 2 ? false : e === 3 ? null : true
            const head = value === true ? R.key : value === false ? R.notKey : R.economicUnknown
            const rs = need === 0 ? [head, R.neither] : value === null ? [head, ...needReasons] : [head, ECON[e]!, ...needReasons]
            table.push(Decision.make(lb === 1 ? null : value, lb === 1 ? [R.unknown, ...rs] : rs))
          }
        }
      }
      tables.set(dibao, table)
      return table
    }
    const notLeftBehind = Decision.make<boolean | null>(false, [R.notLeftBehind])
    const ECON_INDEX = { program: 0, income: 1, no: 2, unknown: 3 } as const
    return (cf, ctx, prior) => {
      const lb = prior.leftBehind!.value
      if (lb === false) return notLeftBehind
      const e = cf.elder
      const need = (ctx.age >= advancedAge ? 1 : 0) | (ABILITY_RANK[e.ability] >= disabledRank ? 2 : 0)
      const ec = need === 0 ? 2 : ECON_INDEX[economic(econ, e, ctx)]
      const table = ec === 1 || ec === 2 ? tableFor(econ.dibao(e.regionCode)) : tableFor(undefined)
      return table[(lb === null ? 16 : 0) + ec * 4 + need]!
    }
  }
})
