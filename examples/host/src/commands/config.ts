import { writeFile } from "node:fs/promises"
import { resolve } from "node:path"
import { defineCommand, langFrom, say, type Lang } from "../cli.js"
import { jsonSchema } from "../config/Config.js"
import { CONFIG_OPTION, registryFrom } from "../context.js"

export const config = defineCommand({
  name: "config",
  summary: { zh: "检查 liushou.config.json（插件、覆盖参数、用户），或用 --schema 输出其 JSON Schema", en: "Check liushou.config.json (plugins, overrides, users), or print its JSON Schema with --schema" },
  usage: "liushou config [--config FILE] [--schema [--out FILE]]",
  options: { schema: { type: "boolean" }, out: { type: "string" }, ...CONFIG_OPTION },
  run: async ({ values }, io) => {
    if (values.schema === true) {
      const text = JSON.stringify(jsonSchema(), null, 2) + "\n"
      if (typeof values.out === "string") {
        await writeFile(resolve(io.cwd, values.out), text)
        io.out(say(langFrom(values), `已写入 ${values.out}`, `wrote ${values.out}`))
      } else io.out(text)
      return 0
    }
    const host = await registryFrom(values, io.cwd)
    const c = host.loaded.config
    const lang = langFrom(values)
    io.out(say(lang, `配置文件：${host.configFile ?? "（无）"}`, `configuration: ${host.configFile ?? "(none)"}`))
    io.out(say(lang, `已加载插件：${host.registry.policies.map((p) => p.key).join("、")}`, `plugins loaded: ${host.registry.policies.map((p) => p.key).join(", ")}`))
    io.out(say(lang, `用户：${(c.users ?? []).map((u) => `${u.name}（${u.role}，${u.region}）`).join("、") || "（无）"}`, `users: ${(c.users ?? []).map((u) => `${u.name} (${u.role}, ${u.region})`).join(", ") || "(none)"}`))
    io.out(say(lang, `数据库：${c.database ?? "（默认）"}`, `database: ${c.database ?? "(default)"}`))
    for (const r of host.refused) io.err(say(lang, `已拒绝：${r.plugin ?? r.source} [${r.check}]，来自 ${r.source}：${r.message.zh}`, `refused: ${r.plugin ?? r.source} [${r.check}] from ${r.source}: ${r.message.en}`))
    return host.refused.length > 0 ? 1 : 0
  }
})
