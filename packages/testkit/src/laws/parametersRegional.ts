import type { Text } from "../internal/lawkit.js"
import { pluginsOf } from "../internal/subject.js"
import type { Law } from "./types.js"

/** A regional value of a plugin's parameter is for a region inside the plugin's own region. */
export const parametersRegional: Law = {
  id: "parameters.regional-inside-region",
  statement: {
    zh: "参数按地区设定的取值，其地区都在插件自身的适用地区之内",
    en: "Every regional parameter value is for a region inside the plugin's own region"
  },
  appliesTo: () => true,
  property: ({ subject }) => ({
    kind: "static",
    check: () => {
      const problems: Array<Text> = []
      for (const p of pluginsOf(subject)) {
        if (p.region === null) continue
        for (const param of p.parameters) {
          for (const v of param.values) {
            if (v.region !== undefined && !v.region.startsWith(p.region)) {
              problems.push({
                en: `parameter ${param.id} has a value from ${v.from} for region ${v.region}, outside ${p.id}@${p.version}'s region ${p.region}`,
                zh: `参数 ${param.id} 自 ${v.from} 起对地区 ${v.region} 的取值超出 ${p.id}@${p.version} 的适用地区 ${p.region}`
              })
            }
          }
        }
      }
      if (problems.length === 0) return null
      return { en: problems.map((p) => `  - ${p.en}`).join("\n"), zh: problems.map((p) => `  - ${p.zh}`).join("\n") }
    }
  })
}
