import { writeFile } from "node:fs/promises"
import { resolve } from "node:path"
import { defineCommand } from "../cli.js"
import { jsonSchema } from "../config/Config.js"
import { CONFIG_OPTION, registryFrom } from "../context.js"

export const config = defineCommand({
  name: "config",
  summary: "Check liushou.config.json (plugins, overrides, users), or print its JSON Schema with --schema",
  usage: "liushou config [--config FILE] [--schema [--out FILE]]",
  options: { schema: { type: "boolean" }, out: { type: "string" }, ...CONFIG_OPTION },
  run: async ({ values }, io) => {
    if (values.schema === true) {
      const text = JSON.stringify(jsonSchema(), null, 2) + "\n"
      if (typeof values.out === "string") {
        await writeFile(resolve(io.cwd, values.out), text)
        io.out(`wrote ${values.out}`)
      } else io.out(text)
      return 0
    }
    const host = await registryFrom(values, io.cwd)
    const c = host.loaded.config
    io.out(`configuration: ${host.configFile ?? "(none)"}`)
    io.out(`plugins loaded: ${host.registry.policies.map((p) => p.key).join(", ")}`)
    io.out(`users: ${(c.users ?? []).map((u) => `${u.name} (${u.role}, ${u.region})`).join(", ") || "(none)"}`)
    io.out(`database: ${c.database ?? "(default)"}`)
    for (const r of host.refused) io.err(`refused: ${r.plugin ?? r.source} [${r.check}] from ${r.source}: ${r.message.en}\n         ${r.message.zh}`)
    return host.refused.length > 0 ? 1 : 0
  }
})
