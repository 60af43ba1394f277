import { Decode, Engine, RegionCode } from "@liushou/core"
import { defineCommand, UsageError, langFrom, say, type Lang, badOption, EXPECTED } from "../cli.js"
import { CONFIG_OPTION, dbUrl, registryFrom } from "../context.js"
import { openLedger } from "../db.js"

const show = (v: unknown): string => {
  const s = JSON.stringify(v) ?? "undefined"
  return s.length > 80 ? s.slice(0, 77) + "..." : s
}

export const replayCommand = defineCommand({
  name: "replay",
  summary: { zh: "按来源信息重新计算已存储的评估结果，并检查台账是否被篡改（审计链、历史、当前个案文件、状态）；有任何不一致时退出码为 1", en: "Recompute stored evaluations from their provenance and check the ledger for tampering (audit chain, history, current case files, statuses); exit 1 if anything differs" },
  usage: "liushou replay [--db PATH|sqlite:PATH|postgres://URL] [--run-id ID] [--region CODE] [--config FILE] [--json]",
  options: { db: { type: "string" }, "run-id": { type: "string" }, region: { type: "string" }, json: { type: "boolean" }, ...CONFIG_OPTION },
  run: async ({ values }, io) => {
    const lang = langFrom(values)
    const region = values.region as string | undefined
    if (region !== undefined && !RegionCode.isValid(region)) throw badOption("region", EXPECTED.region, region)
    // the engine is built from the configured plugins (--config, $LIUSHOU_CONFIG, ./liushou.config.json), else the built-ins
    const host = await registryFrom(values, io.cwd)
    for (const r of host.refused) io.err(say(lang, `已拒绝：${r.plugin ?? r.source} [${r.check}]，来自 ${r.source}：${r.message.zh}`, `refused: ${r.plugin ?? r.source} [${r.check}] from ${r.source}: ${r.message.en}`))
    const engine = Engine.make(host.registry)
    const { ledger, description, close } = await openLedger(dbUrl(values, host.loaded), io.cwd)
    try {
      const report = await ledger.replayAll(engine, {
        ...(region !== undefined ? { region } : {}),
        ...(values["run-id"] !== undefined ? { runId: values["run-id"] as string } : {})
      })
      const tampering = await ledger.verify()
      if (values.json === true) {
        io.out(JSON.stringify({ ...report, verify: tampering }, null, 2))
      } else {
        for (const p of tampering.problems) io.out(`${say(lang, "篡改", "tampering")}: ${p.kind}: ${Decode.escapeControl(p.subject)}: ${p.detail}`)
        io.out(
          say(
            lang,
            `已核验审计记录 ${tampering.audit} 条、${tampering.elders} 名老人的案卷版本 ${tampering.revisions} 个、状态 ${tampering.statuses} 条：${tampering.problems.length === 0 ? "未发现篡改" : `发现 ${tampering.problems.length} 处问题`}`,
            `verified ${tampering.audit} audit entries, ${tampering.revisions} revisions of ${tampering.elders} elders and ${tampering.statuses} statuses: ${tampering.problems.length === 0 ? "no tampering found" : `${tampering.problems.length} problems`}`
          )
        )
        for (const d of report.differ) {
          io.out(say(lang, `不一致：批次 ${Decode.escapeControl(d.key.runId)}，老人 ${Decode.printable(d.key.elderId)}（${d.key.regionCode}）`, `differs: run ${Decode.escapeControl(d.key.runId)}, elder ${Decode.printable(d.key.elderId)} (${d.key.regionCode})`))
          for (const x of d.differences.slice(0, 10)) io.out(say(lang, `  ${x.path}：存储值 ${show(x.stored)}，重算值 ${show(x.recomputed)}`, `  ${x.path}: stored ${show(x.stored)}, recomputed ${show(x.recomputed)}`))
          if (d.differences.length > 10) io.out(say(lang, `  … 另有 ${d.differences.length - 10} 处`, `  … ${d.differences.length - 10} more`))
        }
        io.out(say(lang, `已重算 ${description} 中的评估 ${report.checked} 条：一致 ${report.same} 条，不一致 ${report.differ.length} 条`, `replayed ${report.checked} evaluations on ${description}: ${report.same} same, ${report.differ.length} differ`))
      }
      return report.differ.length > 0 || !tampering.ok ? 1 : 0
    } finally {
      await close()
    }
  }
})
