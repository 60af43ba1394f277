/**
 * The risk monotonicity laws, one per risk factor: with everything else equal, the risk level
 * never drops when that factor gets worse. One family, so one module.
 */
import { CalendarDate, CaseFile } from "@liushou/core"
import fc from "fast-check"
import * as Cases from "../internal/cases.js"
import * as G from "../internal/generators.js"
import { fail, type Text } from "../internal/lawkit.js"
import type { Subject } from "../internal/subject.js"
import { hasRules, type Law, type LawId, RISK_FACTORS, type RiskFactor } from "./types.js"

type Worsen = (cf: CaseFile.CaseFile, asOf: string, pick: number, n: number) => { readonly caseFile: CaseFile.CaseFile; readonly what: Text } | undefined

interface Factor {
  readonly statement: Text
  readonly shape: G.Shape
  /** what must hold of the case for the factor to get worse */
  readonly worsenable: Text
  readonly worsen: Worsen
}

const FACTORS: Record<RiskFactor, Factor> = {
  age: {
    statement: { zh: "其他情况不变，年龄越大，风险等级不应降低", en: "All else equal, the risk level never drops when the elder is older" },
    shape: { leftBehind: "yes" },
    worsenable: { en: "always", zh: "总是" },
    worsen: (cf, asOf, _p, days) => {
      const birth = CalendarDate.addDays(cf.elder.birthDate, -days)
      const from = CalendarDate.ageAt(cf.elder.birthDate, asOf)
      const to = CalendarDate.ageAt(birth, asOf)
      return {
        caseFile: { ...cf, elder: Cases.withBirthDate(cf.elder, birth) },
        what: { en: `the elder is ${days} days older (aged ${from} → ${to})`, zh: `老年人年长${days}天（${from}岁 → ${to}岁）` }
      }
    }
  },
  income: {
    statement: { zh: "其他情况不变，收入越低，风险等级不应降低", en: "All else equal, the risk level never drops when income is lower" },
    shape: { leftBehind: "yes" },
    worsenable: { en: "the income is above zero", zh: "收入大于零" },
    worsen: (cf, _asOf, pick, n) => {
      // a small step (across a line the income sits on) or a large one
      const to = pick % 2 === 0 ? cf.elder.annualIncome - 1 - (n % 3) : Math.floor((cf.elder.annualIncome * (pick % 100)) / 100)
      if (to >= cf.elder.annualIncome || to < 0) return undefined
      return {
        caseFile: { ...cf, elder: { ...cf.elder, annualIncome: to } },
        what: { en: `annual income fell from ${cf.elder.annualIncome} to ${to} yuan`, zh: `年收入由${cf.elder.annualIncome}元降至${to}元` }
      }
    }
  },
  ability: {
    statement: { zh: "其他情况不变，能力越差，风险等级不应降低", en: "All else equal, the risk level never drops when ability is worse" },
    shape: { leftBehind: "yes" },
    worsenable: { en: "the elder's ability is not already the worst", zh: "老年人能力等级并非最差" },
    worsen: (cf, _asOf, pick) => {
      const r = CaseFile.ABILITY_LEVELS.indexOf(cf.elder.ability)
      if (r === CaseFile.ABILITY_LEVELS.length - 1) return undefined
      const to = CaseFile.ABILITY_LEVELS[r + 1 + (pick % (CaseFile.ABILITY_LEVELS.length - 1 - r))]!
      return { caseFile: { ...cf, elder: { ...cf.elder, ability: to } }, what: { en: `ability worsened from ${cf.elder.ability} to ${to}`, zh: `能力等级由 ${cf.elder.ability} 降为 ${to}` } }
    }
  },
  "supporters-at-home": {
    statement: { zh: "其他情况不变，在家的赡养人越少，风险等级不应降低", en: "All else equal, the risk level never drops when fewer supporters are at home" },
    shape: { leftBehind: "yes", someoneAtHome: true },
    worsenable: { en: "someone lives with the elder", zh: "有人与老年人同住" },
    worsen: (cf, asOf, pick, days) => {
      const home = cf.supporters.map((x, i) => [x, i] as const).filter(([x]) => x.whereabouts === "with-elder")
      if (home.length === 0) return undefined
      const [sup, i] = home[pick % home.length]!
      const since = CalendarDate.addDays(asOf, -days)
      return {
        caseFile: { ...cf, supporters: cf.supporters.map((x, j) => (j === i ? { ...sup, whereabouts: "out-of-county" as const, awaySince: since } : x)) },
        what: { en: `supporters[${i}] (${sup.relation}) left home for out of the county on ${since}`, zh: `在家的赡养人 supporters[${i}]（${sup.relation}）于 ${since} 离县外出` }
      }
    }
  },
  contact: {
    statement: { zh: "其他情况不变，赡养人越久未看望或问候，风险等级不应降低", en: "All else equal, the risk level never drops when a supporter has not been in touch for longer" },
    shape: { leftBehind: "yes" },
    worsenable: { en: "a supporter's last contact is known", zh: "已知赡养人最近一次看望或问候的日期" },
    worsen: (cf, _asOf, pick, days) => {
      const known = cf.supporters.map((x, i) => [x, i] as const).filter(([x]) => x.lastContact !== null)
      if (known.length === 0) return undefined
      const [sup, i] = known[pick % known.length]!
      const to = CalendarDate.addDays(sup.lastContact!, -days)
      return {
        caseFile: { ...cf, supporters: cf.supporters.map((x, j) => (j === i ? { ...sup, lastContact: to } : x)) },
        what: { en: `supporters[${i}] was last in touch ${days} days earlier (${to})`, zh: `赡养人 supporters[${i}] 最近一次看望或问候提前${days}天（${to}）` }
      }
    }
  },
  "living-alone": {
    statement: { zh: "其他情况不变，独居时风险等级不应降低", en: "All else equal, the risk level never drops when the elder lives alone" },
    shape: { leftBehind: "yes" },
    worsenable: { en: "the elder does not already live alone", zh: "老年人并非已经独居" },
    worsen: (cf) =>
      cf.elder.livingArrangement === "alone"
        ? undefined
        : { caseFile: { ...cf, elder: { ...cf.elder, livingArrangement: "alone" } }, what: { en: `the elder lives alone instead of ${cf.elder.livingArrangement}`, zh: `老年人由 ${cf.elder.livingArrangement} 改为独居` } }
  }
}

const riskLaw = (factor: RiskFactor): Law => {
  const f = FACTORS[factor]
  return {
    id: `risk.monotone-${factor}` as LawId,
    statement: f.statement,
    appliesTo: (s: Subject) => hasRules(s, "risk"),
    property: ({ subject: s, options }) => ({
      kind: "sampled",
      arbitrary: fc.tuple(G.shapedCase(s, f.shape, options), fc.nat(), fc.oneof(fc.integer({ min: 1, max: 3 }), fc.integer({ min: 1, max: 3650 }))),
      floor: 0.5,
      precondition: {
        en: `the elder is graded (a risk level, not null) before and after the change, and ${f.worsenable.en.toLowerCase()}`,
        zh: `变化前后老年人都有风险等级（非空），且${f.worsenable.zh}`
      },
      check: ([{ asOf, caseFile }, pick, n]: [G.Dated, number, number]) => {
        const w = f.worsen(caseFile, asOf, pick, n)
        if (w === undefined) return false
        const before = s.evaluate(caseFile, asOf).risk!
        const after = s.evaluate(w.caseFile, asOf).risk!
        if (before.level === null || after.level === null) return false
        if (s.rank(after.level) < s.rank(before.level)) {
          fail(
            `the risk level dropped from ${s.levelName(before.level).en} to ${s.levelName(after.level).en} when ${w.what.en} (reasons before: ${before.reasons.map((r) => r.code).join(", ")}; after: ${after.reasons.map((r) => r.code).join(", ")})`,
            `${w.what.zh}后，风险等级由${s.levelName(before.level).zh}降为${s.levelName(after.level).zh}`
          )
        }
        return true
      }
    })
  }
}

/** The six risk laws, in the order of {@link RISK_FACTORS}. */
export const riskLaws: ReadonlyArray<Law> = RISK_FACTORS.map(riskLaw)
