import type { Law } from "./types.js"

/** The plugin passes the loader's checks; when it does not, this is the one failure, with the loader's messages. */
export const loads: Law = {
  id: "loads",
  statement: { zh: "插件能通过加载检查", en: "The plugin passes the load-time checks" },
  appliesTo: () => true,
  property: ({ subject }) => ({
    kind: "static",
    check: () => {
      if (subject.policy === undefined) {
        const errs = subject.registry.errors.map((e) => e.message)
        return {
          en: `  policy ${subject.name} did not load${errs.length > 0 ? ":\n" + errs.map((e) => `  - ${e.en}`).join("\n") : " (no such policy)"}`,
          zh: `  政策 ${subject.name} 未能加载${errs.length > 0 ? "：\n" + errs.map((e) => `  - ${e.zh}`).join("\n") : "（没有该政策）"}`
        }
      }
      const errors = subject.registry.errors.filter((e) => subject.policy!.chain.some((p) => e.plugin.startsWith(`${p.id}@`)))
      if (errors.length === 0) return null
      return { en: errors.map((e) => `  - ${e.message.en}`).join("\n"), zh: errors.map((e) => `  - ${e.message.zh}`).join("\n") }
    }
  })
}
