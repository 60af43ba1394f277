import { serve as serveNode } from "@hono/node-server"
import { referralWorkflow } from "@liushou/policy-hunan"
import * as Access from "../access.js"
import { makeApi } from "../api/Api.js"
import { defineCommand, UsageError, langFrom, say, type Lang } from "../cli.js"
import { CONFIG_OPTION, dbUrl, registryFrom } from "../context.js"
import { openLedger } from "../db.js"

export const serve = defineCommand({
  name: "serve",
  summary: { zh: "启动 HTTP API（评估、台账查询、探访、转介、报告；OpenAPI 见 /openapi.json）", en: "Serve the HTTP API (evaluate, ledger queries, visits, referrals, reports; OpenAPI at /openapi.json)" },
  usage: "liushou serve [--port N] [--host ADDR] [--db URL] [--config FILE]",
  options: { port: { type: "string" }, host: { type: "string" }, db: { type: "string" }, ...CONFIG_OPTION },
  run: async ({ values }, io) => {
    const port = values.port === undefined ? 8080 : Number(values.port)
    if (!Number.isInteger(port) || port < 0 || port > 65535) throw new UsageError(`--port must be a port number, got ${JSON.stringify(values.port)}`, `--port 应为端口号（0 到 65535），收到 ${JSON.stringify(values.port)}`)
    const lang = langFrom(values)
    const host = await registryFrom(values, io.cwd)
    for (const r of host.refused) io.err(say(lang, `已拒绝：${r.plugin ?? r.source}：${r.message.zh}`, `refused: ${r.plugin ?? r.source}: ${r.message.en}`))
    const weak = Access.weakTokenEnvs(host.loaded.config)
    if (weak.length > 0) throw new UsageError(`the token of ${weak.join(", ")} (tokenEnv) is shorter than ${Access.MIN_TOKEN_LENGTH} characters: set a longer one`, `${weak.join("、")} 的令牌（tokenEnv）短于 ${Access.MIN_TOKEN_LENGTH} 个字符：请设置更长的令牌`)
    if ((host.loaded.config.users ?? []).length === 0) io.err(say(lang, "警告：配置中没有用户，所有 /v1 请求都将被拒绝（401）；请添加带角色、区划和令牌的用户", "warning: no users in the configuration, so every /v1 request is refused (401); add users with a role, a region and a token"))
    const { ledger, close } = await openLedger(dbUrl(values, host.loaded), io.cwd)
    const app = makeApi({ ledger, registry: host.registry, config: host.loaded.config, workflow: referralWorkflow as never })
    const hostname = typeof values.host === "string" ? values.host : "127.0.0.1"
    const server = serveNode({ fetch: app.fetch, port, hostname }, (info) => io.out(say(lang, `liushou 接口已启动：http://${hostname}:${info.port}（OpenAPI：/openapi.json）`, `liushou API on http://${hostname}:${info.port} (OpenAPI: /openapi.json)`)))
    await new Promise<void>((done) => {
      const stop = (): void => {
        server.close(() => done())
      }
      process.once("SIGINT", stop)
      process.once("SIGTERM", stop)
    })
    await close()
    return 0
  }
})
