import { serve as serveNode } from "@hono/node-server"
import { referralWorkflow } from "@liushou/policy-hunan"
import * as Access from "../access.js"
import { makeApi } from "../api/Api.js"
import { counted, defaultWorkers, isServeWorker, serveInWorkers, stopServer } from "../api/Workers.js"
import { CommandFailure, defineCommand, UsageError, langFrom, say } from "../cli.js"
import { CONFIG_OPTION, dbUrl, registryFrom } from "../context.js"
import { openLedger, parseDbUrl } from "../db.js"

/** the most worker processes `--workers` accepts */
const MAX_WORKERS = 64

export const serve = defineCommand({
  name: "serve",
  summary: { zh: "启动 HTTP API（评估、台账查询、探访、转介、报告；OpenAPI 见 /openapi.json）", en: "Serve the HTTP API (evaluate, ledger queries, visits, referrals, reports; OpenAPI at /openapi.json)" },
  usage: "liushou serve [--port N] [--host ADDR] [--workers N] [--db URL] [--config FILE]",
  options: { port: { type: "string" }, host: { type: "string" }, workers: { type: "string" }, db: { type: "string" }, ...CONFIG_OPTION },
  run: async ({ values }, io) => {
    const port = values.port === undefined ? 8080 : Number(values.port)
    if (!Number.isInteger(port) || port < 0 || port > 65535) throw new UsageError(`--port must be a port number, got ${JSON.stringify(values.port)}`, `--port 应为端口号（0 到 65535），收到 ${JSON.stringify(values.port)}`)
    const workerCount = values.workers === undefined ? undefined : Number(values.workers)
    if (workerCount !== undefined && !(typeof values.workers === "string" && /^\d+$/.test(values.workers) && workerCount >= 1 && workerCount <= MAX_WORKERS)) {
      throw new UsageError(`--workers must be a whole number from 1 to ${MAX_WORKERS}, got ${JSON.stringify(values.workers)}`, `--workers 应为 1 到 ${MAX_WORKERS} 的整数，收到 ${JSON.stringify(values.workers)}`)
    }
    const lang = langFrom(values)
    const worker = isServeWorker()
    const host = await registryFrom(values, io.cwd)
    // the primary process says it once (a worker runs the same command again)
    if (!worker) for (const r of host.refused) io.err(say(lang, `已拒绝：${r.plugin ?? r.source}：${r.message.zh}`, `refused: ${r.plugin ?? r.source}: ${r.message.en}`))
    const weak = Access.weakTokenEnvs(host.loaded.config)
    if (weak.length > 0) throw new UsageError(`the token of ${weak.join(", ")} (tokenEnv) is shorter than ${Access.MIN_TOKEN_LENGTH} characters: set a longer one`, `${weak.join("、")} 的令牌（tokenEnv）短于 ${Access.MIN_TOKEN_LENGTH} 个字符：请设置更长的令牌`)
    if (!worker && (host.loaded.config.users ?? []).length === 0) io.err(say(lang, "警告：配置中没有用户，所有 /v1 请求都将被拒绝（401）；请添加带角色、区划和令牌的用户", "warning: no users in the configuration, so every /v1 request is refused (401); add users with a role, a region and a token"))
    const db = dbUrl(values, host.loaded)
    // a database in memory is one process's own: it cannot be shared by workers
    const inMemory = (() => {
      const target = parseDbUrl(db, io.cwd)
      return target.kind === "sqlite" && target.path === ":memory:"
    })()
    if (inMemory && workerCount !== undefined && workerCount > 1) throw new UsageError("--workers above 1 needs a database file or a PostgreSQL server: a database in memory belongs to one process", "--workers 大于 1 时需要数据库文件或 PostgreSQL 服务器：内存数据库只属于一个进程")
    const workers = inMemory ? 1 : (workerCount ?? defaultWorkers())
    if (workers > 1 && !worker) {
      // migrated once, and a database that cannot be opened is reported, before any worker starts
      await (await openLedger(db, io.cwd)).close()
    }
    const hostname = typeof values.host === "string" ? values.host : "127.0.0.1"
    try {
      await serveInWorkers({
        workers,
        start: async () => {
          const { ledger, close } = await openLedger(db, io.cwd)
          const app = makeApi({ ledger, registry: host.registry, config: host.loaded.config, workflow: referralWorkflow as never })
          const requests = counted(app.fetch)
          const { server, port: bound } = await new Promise<{ server: ReturnType<typeof serveNode>; port: number }>((resolve) => {
            const server = serveNode({ fetch: requests.fetch, port, hostname }, (info) => resolve({ server, port: info.port }))
          })
          return { port: bound, stop: () => stopServer(server, requests, close) }
        },
        listening: (bound) =>
          io.out(
            say(
              lang,
              `liushou 接口已启动：http://${hostname}:${bound}（OpenAPI：/openapi.json${workers > 1 ? `；${workers} 个工作进程` : ""}）`,
              `liushou API on http://${hostname}:${bound} (OpenAPI: /openapi.json${workers > 1 ? `; ${workers} worker processes` : ""})`
            )
          ),
        log: (line) => io.err(say(lang, line.zh, line.en))
      })
    } catch (e) {
      throw new CommandFailure(`接口未能启动 the API did not start: ${(e as Error).message}`, 1)
    }
    return 0
  }
})
