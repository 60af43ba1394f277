import { CalendarDate } from "@liushou/core"
import type { CaseFile, Evaluation } from "@liushou/core"
import fc from "fast-check"
import * as Cases from "../internal/cases.js"
import * as G from "../internal/generators.js"
import { fail, order, type Text, yesNo } from "../internal/lawkit.js"
import type { Subject } from "../internal/subject.js"
import type { Law } from "./types.js"

/** Compares both findings; returns whether there was something to lose (a "yes" or "unknown" before). */
const compare = (what: Text, before: Evaluation.Evaluation, after: Evaluation.Evaluation): boolean => {
  for (const k of ["leftBehind", "priority"] as const) {
    if (order(after[k].value) < order(before[k].value)) {
      const zhName = k === "leftBehind" ? "留守认定" : "重点对象"
      fail(
        `${k} was ${yesNo(before[k].value).en} (${before[k].reasons.map((r) => r.code).join(", ")}) but became ${yesNo(after[k].value).en} (${after[k].reasons.map((r) => r.code).join(", ")}) when ${what.en}`,
        `${zhName}原为“${yesNo(before[k].value).zh}”，${what.zh}后变为“${yesNo(after[k].value).zh}”`
      )
    }
  }
  return order(before.leftBehind.value) > 0 || order(before.priority.value) > 0
}

const applies = (s: Subject) => s.policy !== undefined && (s.policy.rules.has("leftBehind") || s.policy.rules.has("priority"))

const precondition = { en: "the elder is left behind, a priority case or undecided before the change", zh: "变化前老年人为留守、重点对象或待定" }

export const identificationAge: Law = {
  id: "identification.monotone-age",
  statement: {
    zh: "其他情况不变，老年人年龄越大，留守认定和重点对象认定都不应由“是”变“否”",
    en: "All else equal, an older elder is never less left-behind nor less of a priority case"
  },
  appliesTo: applies,
  property: ({ subject: s, options }) => ({
    kind: "sampled",
    arbitrary: fc.tuple(G.shapedCase(s, { leftBehind: "yes" }, options), fc.oneof(fc.integer({ min: 1, max: 3 }), fc.integer({ min: 1, max: 3650 }))),
    floor: 0.5,
    precondition,
    check: ([{ asOf, caseFile }, days]: [G.Dated, number]) => {
      const older = { ...caseFile, elder: Cases.withBirthDate(caseFile.elder, CalendarDate.addDays(caseFile.elder.birthDate, -days)) }
      return compare({ en: `the birth date moved ${days} days earlier`, zh: `出生日期提前${days}天` }, s.evaluate(caseFile, asOf), s.evaluate(older, asOf))
    }
  })
}

export const identificationAbsence: Law = {
  id: "identification.monotone-absence",
  statement: {
    zh: "其他情况不变，赡养人外出越久、越远，留守认定和重点对象认定都不应由“是”变“否”",
    en: "All else equal, supporters being away longer or farther never makes an elder less left-behind nor less of a priority case"
  },
  appliesTo: applies,
  property: ({ subject: s, options }) => ({
    kind: "sampled",
    arbitrary: fc.tuple(G.shapedCase(s, { leftBehind: "mixed", minSupporters: 1 }, options), fc.nat(), fc.oneof(fc.integer({ min: 1, max: 3 }), fc.integer({ min: 1, max: 3650 })), fc.boolean()),
    floor: 0.5,
    precondition,
    check: ([{ asOf, caseFile }, pick, days, farther]: [G.Dated, number, number, boolean]) => {
      const i = pick % caseFile.supporters.length
      const sup = caseFile.supporters[i]!
      let moved: CaseFile.Supporter
      let what: Text
      if (farther || sup.awaySince === null) {
        const next = sup.whereabouts === "with-elder" ? "in-county" : "out-of-county"
        // leaving home starts an absence on a known date; moving farther keeps what is known of it
        const since = sup.whereabouts === "with-elder" ? CalendarDate.addDays(asOf, -days) : sup.awaySince
        moved = { ...sup, whereabouts: next, awaySince: since }
        what = { en: `supporters[${i}] moved from ${sup.whereabouts} to ${next} (away since ${since ?? "an unknown date"})`, zh: `赡养人 supporters[${i}] 由 ${sup.whereabouts} 改为 ${next}（外出时间：${since ?? "不详"}）` }
      } else {
        const since = CalendarDate.addDays(sup.awaySince, -days)
        moved = { ...sup, awaySince: since }
        what = { en: `supporters[${i}] left ${days} days earlier (${since})`, zh: `赡养人 supporters[${i}] 外出时间提前${days}天（${since}）` }
      }
      const after = { ...caseFile, supporters: caseFile.supporters.map((x, j) => (j === i ? moved : x)) }
      return compare(what, s.evaluate(caseFile, asOf), s.evaluate(after, asOf))
    }
  })
}
