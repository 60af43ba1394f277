import { defineCommand, table, langFrom, say, type Lang } from "../cli.js"
import { CONFIG_OPTION, registryFrom } from "../context.js"

export const plugins = defineCommand({
  name: "plugins",
  summary: { zh: "列出已加载的政策插件（内置或 liushou.config.json 中的），以及被拒绝的插件和原因", en: "List the loaded policy plugins (built-in or from liushou.config.json), and why any was refused" },
  usage: "liushou plugins [--json] [--config FILE]",
  options: { json: { type: "boolean" }, ...CONFIG_OPTION },
  run: async ({ values }, io) => {
    const lang = langFrom(values)
    const { registry, sources, refused, configFile } = await registryFrom(values, io.cwd)
    const rows = registry.policies.map((l) => ({
      id: l.plugin.id,
      version: l.plugin.version,
      document: l.plugin.document.number,
      region: l.plugin.region,
      effectiveFrom: l.plugin.effectiveFrom,
      effectiveUntil: l.plugin.effectiveUntil,
      extends: l.plugin.extends === null ? null : l.plugin.extends.id,
      riskLevels: l.riskLevels.map((r) => r.id),
      source: sources.get(l.key) ?? null,
      // the chain's vocabularies: what case files governed by this plugin may name
      vocabularies: {
        riskLevels: l.riskLevels,
        programs: l.vocabularies.programs,
        followUpSteps: l.vocabularies.followUpSteps,
        bodies: l.vocabularies.bodies,
        concerns: l.vocabularies.concerns,
        facts: l.vocabularies.facts,
        ledgerReasons: l.vocabularies.ledgerReasons
      },
      // the plugin's own parameters, each with what it rests on (law / interpretation / local / sample)
      parameters: l.plugin.parameters.map((p) => ({
        id: p.id,
        status: p.status,
        regional: p.regional === true,
        reference: p.reference,
        // statuses of individual values where they differ from the parameter's (sample figures)
        valueStatuses: [...new Set(p.values.map((v) => v.status ?? p.status))].sort()
      }))
    }))
    if (values.json === true) {
      io.out(JSON.stringify(rows, null, 2))
    } else {
      io.out(
        table(
          lang === "zh" ? ["插件", "版本", "文件", "区划", "有效期", "继承", "风险等级", "来源"] : ["id", "version", "document", "region", "in force", "extends", "risk levels", "source"],
          rows.map((r) => [r.id, r.version, r.document, r.region ?? say(lang, "（全国）", "(national)"), `${r.effectiveFrom} .. ${r.effectiveUntil ?? ""}`, r.extends ?? "", r.riskLevels.join(" < "), r.source === "built-in" ? say(lang, "内置", "built-in") : (r.source ?? "")])
        )
      )
      for (const r of rows) {
        const count = (st: "law" | "interpretation" | "local" | "sample") => r.parameters.filter((p) => p.status === st || p.valueStatuses.includes(st)).length
        io.out(
          say(
            lang,
            `${r.id}@${r.version} 参数 ${r.parameters.length} 项（法定 ${count("law")}，解释 ${count("interpretation")}，地方选择 ${count("local")}，示例 ${count("sample")}）`,
            `${r.id}@${r.version} parameters: ${r.parameters.length} (law ${count("law")}, interpretation ${count("interpretation")}, local ${count("local")}, sample ${count("sample")})`
          )
        )
      }
      io.out(say(lang, `\n配置文件：${configFile ?? "（无：使用内置插件）"}`, `\nconfiguration: ${configFile ?? "(none: built-in plugins)"}`))
    }
    for (const e of refused) io.err(say(lang, `已拒绝：${e.plugin ?? e.source} [${e.check}]，来自 ${e.source}：${e.message.zh}`, `refused: ${e.plugin ?? e.source} [${e.check}] from ${e.source}: ${e.message.en}`))
    return refused.length > 0 ? 1 : 0
  }
})
