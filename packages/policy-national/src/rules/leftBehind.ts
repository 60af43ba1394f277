import { CalendarDate, CaseFile, Decision, Policy } from "@liushou/core"
import * as P from "../parameters.js"
import { hasDirectObligor, isObligor, type Obligors } from "./shared.js"


/**
 * The whereabouts that count as away, from a parameter list. A list in the coarse values only
 * (`in-county`, `out-of-county`) also covers the finer values inside them (`in-township`,
 * `out-of-province`); a list naming any finer value is taken as it is.
 *
 * @category rules
 * @since 0.2.0
 */
export const awaySet = (list: ReadonlyArray<CaseFile.Whereabouts>): ReadonlySet<string> => {
  const set = new Set<string>(list)
  if (list.every((w) => CaseFile.coarse(w) === w)) for (const w of CaseFile.WHEREABOUTS) if (set.has(CaseFile.coarse(w))) set.add(w)
  return set
}

/**
 * Left-behind identification: rural, aged 60 or over, and all children or other persons with
 * a duty of support away for at least half a year. Obligors per the law
 * (`national.leftBehind.supportRelations`, `substituteSupportRelations`): the children, and
 * grandchildren only when no child is on record; a son- or daughter-in-law assists and, at home,
 * does not stop the elder being left behind. `null` when a needed fact is missing (the
 * reasons name the field). An elder with no supporters is not left behind under this
 * definition; a spouse (扶养) does not stop an elder being left behind.
 *
 * Topic cited: `identification`.
 *
 * @category rules
 * @since 0.1.0
 */
export const leftBehind = Policy.rule("leftBehind", {
  parameters: [P.minAge.id, P.minAbsenceMonths.id, P.awayWhereabouts.id, P.supportRelations.id, P.substituteSupportRelations.id, P.assistingRelations.id, P.excludedCategories.id],
  topics: ["identification"],
  compile: (env) => {
    const minAge = env.param<number>(P.minAge.id)
    const months = env.param<number>(P.minAbsenceMonths.id)
    const away = awaySet(env.param<ReadonlyArray<CaseFile.Whereabouts>>(P.awayWhereabouts.id))
    const obligors: Obligors = {
      direct: new Set(env.param<ReadonlyArray<string>>(P.supportRelations.id)),
      substitute: new Set(env.param<ReadonlyArray<string>>(P.substituteSupportRelations.id)),
      assisting: new Set(env.param<ReadonlyArray<string>>(P.assistingRelations.id))
    }
    const excluded = new Set(env.param<ReadonlyArray<string>>(P.excludedCategories.id))
    const cutoff = CalendarDate.latestStartFor(env.asOf, months)
    const c = env.cite("identification")
    const reason = env.reason
    const AGE = { params: [P.minAge.id] }
    const AWAY = { params: [P.minAbsenceMonths.id, P.awayWhereabouts.id, P.supportRelations.id, P.substituteSupportRelations.id] }
    const REL = { params: [P.supportRelations.id, P.substituteSupportRelations.id] }
    const outOfCountyOnly = !away.has("in-county")
    const whereZh = outOfCountyOnly ? "离开县域范围外出" : "离开户籍地外出"
    const whereEn = outOfCountyOnly ? "away from the county" : "away from home"
    const R = {
      notRural: reason("left-behind.not-rural", c, "不在农村生活，不属于农村留守老年人", "does not live in a rural area, so is not a rural left-behind elder"),
      underAge: reason("left-behind.under-age", c, `未满${minAge}周岁`, `is younger than ${minAge}`, AGE),
      age: reason("left-behind.age", c, `年满${minAge}周岁`, `is aged ${minAge} or over`, AGE),
      excluded: reason("left-behind.excluded-category", c, "属于不纳入留守老年人的类别（如特困供养）", "is in a category excluded from the definition (such as state-supported extreme poverty)", { params: [P.excludedCategories.id] }),
      noSupporters: reason(
        "left-behind.no-supporters",
        c,
        "没有子女或其他赡养人，按定义不属于留守老年人（可能属于独居或空巢老年人）",
        "has no children or other persons with a duty of support, so is not left behind under this definition (may be living alone or empty-nest)",
        REL
      ),
      atHand: reason("left-behind.supporter-not-away", c, `有子女或其他赡养人未${whereZh}`, `a child or other supporter is not ${whereEn}`, { params: [P.awayWhereabouts.id, P.supportRelations.id] }),
      short: reason("left-behind.away-too-short", c, `有子女或其他赡养人外出不满${months}个月`, `a child or other supporter has been away for less than ${months} months`, AWAY),
      all: reason("left-behind.all-away", c, `全部子女或其他赡养人${whereZh}${months}个月以上`, `all children and other supporters have been ${whereEn} for ${months} months or more`, AWAY),
      inLaw: reason(
        "left-behind.in-law-assists",
        c,
        "子女的配偶（儿媳、女婿）只协助赡养，不是赡养人：其在家照料不影响留守认定",
        "a son- or daughter-in-law assists but does not owe support: caring at home does not stop the elder being left behind",
        { params: [P.assistingRelations.id] }
      ),
      spouse: reason("left-behind.spouse-not-supporter", c, "配偶负扶养义务而非赡养义务，不影响留守认定", "a spouse owes maintenance (扶养), not support (赡养), and does not stop the elder being left behind", REL)
    }
    const D = {
      notRural: Decision.make(false, [R.notRural]),
      underAge: Decision.make(false, [R.underAge]),
      excluded: Decision.make(false, [R.age, R.excluded]),
      noSupporters: Decision.make(false, [R.age, R.noSupporters]),
      atHand: Decision.make(false, [R.age, R.atHand]),
      short: Decision.make(false, [R.age, R.short]),
      all: Decision.make(true, [R.age, R.all]),
      allSpouse: Decision.make(true, [R.age, R.all, R.spouse]),
      allInLaw: Decision.make(true, [R.age, R.all, R.inLaw]),
      allSpouseInLaw: Decision.make(true, [R.age, R.all, R.spouse, R.inLaw])
    }
    return (cf, ctx) => {
      const elder = cf.elder
      if (!elder.rural) return D.notRural
      if (ctx.age < minAge) return D.underAge
      if (excluded.size > 0 && elder.categories !== undefined) {
        for (const k of elder.categories) if (excluded.has(k)) return D.excluded
      }
      let supporters = 0
      let spouse = false
      let inLaw = false
      const direct = hasDirectObligor(obligors, cf.supporters)
      let short = false
      let unknown = -1
      const list = cf.supporters
      for (let i = 0; i < list.length; i++) {
        const s = list[i]!
        if (!isObligor(obligors, s, direct)) {
          if (s.relation === "spouse") spouse = true
          else if (obligors.assisting.has(s.relation) && s.whereabouts === "with-elder") inLaw = true
          continue
        }
        supporters++
        if (!away.has(s.whereabouts)) return D.atHand
        if (s.awaySince === null) unknown = i
        else if (s.awaySince > cutoff) short = true
      }
      if (supporters === 0) return D.noSupporters
      if (short) return D.short
      if (unknown >= 0) {
        return Decision.make(null, [
          R.age,
          reason("left-behind.away-since-unknown", c, `外出时间不详，缺少 supporters[${unknown}].awaySince`, `when a supporter left is unknown: supporters[${unknown}].awaySince is missing`, REL)
        ])
      }
      return spouse ? (inLaw ? D.allSpouseInLaw : D.allSpouse) : inLaw ? D.allInLaw : D.all
    }
  }
})
