/**
 * A small county plugin for the storage tests, extending the national baseline with a visit
 * schedule and a risk grading, so that the ledger's visit and assessment queries have real
 * evaluations to work on. `interval` lets a test build a variant with a different parameter
 * value under the same id and version (what replay must catch).
 */
import { CalendarDate, Decision, Engine, Loader, Parameter, Policy } from "@liushou/core"
import { national } from "@liushou/policy-national"

const DOC = "测试县发〔2019〕1号"

export const testPlugin = (interval = 30): Policy.PolicyPlugin => {
  const cite = Decision.cite(DOC, "3")
  const visitInterval = Parameter.define<number>({
    id: "test.visits.intervalDays",
    description: { zh: "探访间隔（天）", en: "Visit interval (days)" },
    unit: "days",
    status: "local",
    reference: cite,
    values: [{ from: "2018-01-01", value: interval }]
  })
  const assessmentMonths = Parameter.define<number>({
    id: "test.risk.assessmentMonths",
    description: { zh: "风险评估周期（月）", en: "Risk assessment cycle (months)" },
    unit: "months",
    status: "law",
    reference: cite,
    values: [{ from: "2018-01-01", value: 12 }]
  })
  return Policy.define({
    id: "test-county",
    version: "1.0.0",
    document: { number: DOC, title: { zh: "测试县关爱服务办法", en: "Test county care services measures" } },
    region: "43",
    effectiveFrom: "2018-01-01",
    effectiveUntil: null,
    core: "^0.1.0",
    extends: { id: national.id, version: "^1.0.0" },
    riskLevels: [
      { id: "low", name: { zh: "低", en: "low" } },
      { id: "medium", name: { zh: "中", en: "medium" } },
      { id: "high", name: { zh: "高", en: "high" } }
    ],
    parameters: [visitInterval, assessmentMonths],
    rules: {
      visits: Policy.rule("visits", {
        parameters: [visitInterval.id],
        topics: ["visits"],
        compile: (env) => {
          const days = env.param<number>(visitInterval.id)
          const reasons = [env.reason("visits.interval", env.cite("visits"), `每 ${days} 天探访一次`, `a visit every ${days} days`, { params: [visitInterval.id] })]
          return (cf, ctx) => {
            const last = cf.visits.reduce<string | null>((m, v) => (m === null || v.date > m ? v.date : m), null)
            const nextDue = last === null ? ctx.asOf : CalendarDate.addDays(last, days)
            const late = CalendarDate.daysBetween(nextDue, ctx.asOf)
            const concern = cf.visits.some((v) => v.date === last && v.concerns.length > 0)
            return {
              intervalDays: days,
              lastVisit: last,
              nextDue,
              overdue: late > days,
              window: late < 0 ? "not-due" : late <= 7 ? "due" : late <= days ? "late" : "overdue",
              extraVisitDue: concern && last !== null ? CalendarDate.addDays(last, 7) : null,
              reasons
            }
          }
        }
      }),
      risk: Policy.rule("risk", {
        parameters: [assessmentMonths.id],
        topics: ["risk"],
        compile: (env) => {
          const months = env.param<number>(assessmentMonths.id)
          const reasons = [env.reason("risk.by-ability", env.cite("risk"), "按能力等级评定风险", "risk graded by ability level")]
          return (cf, ctx) => {
            const last = cf.riskAssessments.reduce<string | null>((m, r) => (m === null || r.date > m ? r.date : m), null)
            const next = last === null ? null : CalendarDate.addMonths(last, months)
            const a = cf.elder.ability
            return {
              level: a === "intact" ? "low" : a === "mild" || a === "moderate" ? "medium" : "high",
              reasons,
              whyNot: [],
              lastAssessed: last,
              nextAssessmentDue: next,
              assessmentOverdue: last === null || (next !== null && next < ctx.asOf)
            }
          }
        }
      })
    },
    overrides: ["visits"],
    clauses: { visits: "3", risk: "4" }
  })
}

export const engine = (interval = 30): Engine.Engine => {
  const registry = Loader.load([national, testPlugin(interval)])
  if (registry.errors.length > 0) throw new Error(registry.errors.map((e) => e.message.en).join("\n"))
  return Engine.make(registry)
}
