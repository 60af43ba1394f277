import { CalendarDate, Engine, Parameter } from "@liushou/core"
import type { Text } from "../internal/lawkit.js"
import { pluginsOf } from "../internal/subject.js"
import type { Law } from "./types.js"

/**
 * Every parameter has one value on every day the policy is in force, and every parameter a rule
 * reads resolves on every parameter date. Checked on the raw plugins even when the loader
 * refuses them, so the message names the parameter and the missing days.
 */
export const parametersNoGaps: Law = {
  id: "parameters.no-gaps-or-overlaps",
  statement: {
    zh: "每个参数在政策有效期内每天恰有一个取值：没有空档，没有重叠",
    en: "Every parameter has exactly one value on every day the policy is in force: no gaps, no overlaps"
  },
  appliesTo: () => true,
  property: ({ subject }) => ({
    kind: "static",
    check: () => {
      const problems: Array<Text> = []
      const definedBefore = new Set<string>()
      for (const p of pluginsOf(subject)) {
        for (const param of p.parameters) {
          const start = definedBefore.has(param.id) ? null : p.effectiveFrom
          for (const problem of Parameter.checkSeries(param, start)) problems.push(problem.text)
          // a series that ends (its last value has `until`) before the plugin does leaves a gap at the end
          if (param.regional !== true) {
            const global = param.values.filter((v) => v.region === undefined).sort((a, b) => CalendarDate.compare(a.from, b.from))
            const last = global[global.length - 1]
            if (last?.until !== undefined && (p.effectiveUntil === null || last.until < p.effectiveUntil)) {
              const gap = CalendarDate.addDays(last.until, 1)
              problems.push({
                en: `parameter ${param.id} has no value from ${gap} on, while ${p.id}@${p.version} is in force until ${p.effectiveUntil ?? "further notice"}`,
                zh: `参数 ${param.id} 自 ${gap} 起没有取值，而 ${p.id}@${p.version} 的有效期至 ${p.effectiveUntil ?? "另行通知"}`
              })
            }
          }
        }
        for (const param of p.parameters) definedBefore.add(param.id)
      }
      if (subject.policy !== undefined) {
        // every parameter the rules read resolves on every date the policy's parameters change
        for (const d of subject.changeDates) {
          if (d < subject.from || d > subject.until) continue
          try {
            Engine.compile(subject.policy, d)
          } catch (e) {
            problems.push({ en: `compiling on ${d} failed: ${(e as Error).message}`, zh: `在 ${d} 编译失败：${(e as Error).message}` })
          }
        }
      }
      if (problems.length === 0) return null
      return { en: problems.map((p) => `  - ${p.en}`).join("\n"), zh: problems.map((p) => `  - ${p.zh}`).join("\n") }
    }
  })
}
