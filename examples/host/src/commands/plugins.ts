import { defineCommand, table } from "../cli.js"
import { builtinRegistry } from "../policies.js"

export const plugins = defineCommand({
  name: "plugins",
  summary: "List the loaded policy plugins, and why any was refused",
  usage: "liushou plugins [--json]",
  options: { json: { type: "boolean" } },
  run: async ({ values }, io) => {
    const registry = builtinRegistry()
    const rows = registry.policies.map((l) => ({
      id: l.plugin.id,
      version: l.plugin.version,
      document: l.plugin.document.number,
      region: l.plugin.region,
      effectiveFrom: l.plugin.effectiveFrom,
      effectiveUntil: l.plugin.effectiveUntil,
      extends: l.plugin.extends === null ? null : l.plugin.extends.id,
      riskLevels: l.riskLevels.map((r) => r.id)
    }))
    if (values.json === true) {
      io.out(JSON.stringify(rows, null, 2))
    } else {
      io.out(
        table(
          ["id", "version", "document", "region", "in force", "extends", "risk levels"],
          rows.map((r) => [r.id, r.version, r.document, r.region ?? "(national)", `${r.effectiveFrom} .. ${r.effectiveUntil ?? ""}`, r.extends ?? "", r.riskLevels.join(" < ")])
        )
      )
    }
    for (const e of registry.errors) io.err(`refused: ${e.message.en}\n         ${e.message.zh}`)
    return registry.errors.length > 0 ? 1 : 0
  }
})
