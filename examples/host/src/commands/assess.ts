import { CalendarDate, Engine, RegionCode } from "@liushou/core"
import type { Ledger } from "@liushou/storage"
import { defineCommand, required, UsageError, langFrom, say, type Lang, badOption, EXPECTED } from "../cli.js"
import { CONFIG_OPTION, dbUrl, registryFrom } from "../context.js"
import { openLedger } from "../db.js"
import * as Progress from "../progress.js"
import { actorFrom, principalFrom, regionFrom, USER_OPTION } from "./scope.js"
import { PROGRESS_OPTION, progressInterval, progressIsTTY, responsive } from "./import.js"
import { auditDetail, CONTINUE_OPTION, continuationsFrom, describe } from "../continuation.js"

const countsLine = (p: Ledger.AssessProgress, lang: "zh" | "en"): string =>
  lang === "zh"
    ? `评估 ${p.evaluated}，此前已评估 ${p.skipped}，无适用政策 ${p.failed}`
    : `${p.evaluated} evaluated, ${p.skipped} already evaluated, ${p.failed} with no policy in force`

export const assessCommand = defineCommand({
  name: "assess",
  summary: { zh: "用已加载的政策（内置或配置文件中的）在某日评估台账，并连同来源信息存储每条评估结果，显示进度；Ctrl-C 在当前批次结束后停止，重新运行即可续做", en: "Evaluate the ledger at a date with the loaded policies (built-in or from the configuration) and store every evaluation with its provenance, with progress; Ctrl-C stops after the current batch and a rerun resumes" },
  usage: "liushou assess --as-of YYYY-MM-DD [--db PATH|sqlite:PATH|postgres://URL] [--config FILE] [--user NAME] [--region CODE] [--run-id ID] [--batch N] [--lang zh|en] [--progress-every SECONDS] [--continue-past-expiry ID[:UNTIL] [--continue-decision TEXT]]",
  options: {
    "as-of": { type: "string" },
    db: { type: "string" },
    region: { type: "string" },
    "run-id": { type: "string" },
    actor: { type: "string" },
    batch: { type: "string" },
    ...USER_OPTION,
    ...CONFIG_OPTION,
    ...PROGRESS_OPTION,
    ...CONTINUE_OPTION
  },
  run: async ({ values }, io) => {
    const asOf = required(values, "as-of")
    if (!CalendarDate.isValid(asOf)) throw badOption("as-of", EXPECTED.date, asOf)
    const requested = values.region as string | undefined
    if (requested !== undefined && !RegionCode.isValid(requested)) throw badOption("region", EXPECTED.region, requested)
    const batch = values.batch === undefined ? 500 : Number(values.batch)
    if (!Number.isInteger(batch) || batch < 1) throw badOption("batch", EXPECTED.positive, values.batch)
    const lang = langFrom(values)
    const intervalMs = progressInterval(values)
    // the engine is built from the configured plugins (--config, $LIUSHOU_CONFIG, ./liushou.config.json), else the built-ins
    const host = await registryFrom(values, io.cwd)
    const actor = actorFrom(values, host.loaded, "assess")
    // a user assesses the elders of the user's region (all of it, or the part --region names)
    const scoped = (host.loaded.config.users ?? []).length === 0 ? requested : regionFrom(principalFrom(values, host.loaded, "assess"), requested)
    const region = scoped === "" ? undefined : scoped
    for (const r of host.refused) io.err(say(lang, `已拒绝：${r.plugin ?? r.source} [${r.check}]，来自 ${r.source}：${r.message.zh}`, `refused: ${r.plugin ?? r.source} [${r.check}] from ${r.source}: ${r.message.en}`))
    // an expired plugin kept in force only by an explicit choice (configuration or flag), audited per run
    const continuations = continuationsFrom(values, host.loaded.config)
    if (continuations.length > 0) io.err(say(lang, `注意：${describe(continuations, "zh")}；相关结论均标注“失效后继续适用”，本次评估记入审计日志`, `note: ${describe(continuations, "en")}; those reasons are marked as continued past expiry and this run is audited`))
    const engine = Engine.make(host.registry, continuations.length > 0 ? { continuePastExpiry: continuations } : {})
    const opened = await openLedger(dbUrl(values, host.loaded), io.cwd)
    const { description, close } = opened
    let last: Ledger.AssessProgress = { evaluated: 0, skipped: 0, failed: 0, referenced: 0 }
    let total = 0
    try {
      const ledger = await responsive(opened.ledger)
      const result = await Progress.interruptible(async (signal) => {
        const [lo, hi] = region === undefined ? ["000000000000", "999999999999"] : [region.padEnd(12, "0"), region.padEnd(12, "9")]
        const row = await ledger.db
          .selectFrom("elders")
          .select((eb) => eb.fn.countAll().as("n"))
          .where("region_code", ">=", lo)
          .where("region_code", "<=", hi)
          .executeTakeFirst()
        total = Number(row?.n ?? 0)
        const bar = Progress.start({ label: lang === "zh" ? "评估" : "assess", lang, total, isTTY: progressIsTTY(io), write: io.err, intervalMs })
        const show = (p: Ledger.AssessProgress): void => bar.update(p.evaluated + p.skipped + p.failed, { evaluated: p.evaluated, skipped: p.skipped, failed: p.failed })
        try {
          const r = await ledger.assess(engine, asOf, {
            ...(region !== undefined ? { region } : {}),
            ...(values["run-id"] !== undefined ? { runId: values["run-id"] as string } : {}),
            actor,
            batchSize: batch,
            // called after each batch's transaction commits: stopping here leaves whole batches only
            onProgress: (p) => {
              last = p
              show(p)
              if (signal.aborted) throw new Progress.Interrupted()
            }
          })
          show(r)
          bar.stop()
          if (continuations.length > 0) {
            await ledger.audit({
              actor,
              action: "assess.continued-past-expiry",
              regionCode: region ?? null,
              subject: r.runId,
              detail: { asOf, continuePastExpiry: auditDetail(continuations), evaluated: r.evaluated }
            })
          }
          return r
        } catch (e) {
          // the bar is closed so the terminal is left clean; plain lines end with the message below instead of "done"
          if (progressIsTTY(io)) bar.stop()
          throw e
        }
      }, io.err)
      io.out(
        lang === "zh"
          ? `评估批次 ${result.runId}（${description}）\n评估 ${result.evaluated}，本批次此前已评估 ${result.skipped}，无适用政策 ${result.failed}`
          : `assessment run ${result.runId} on ${description}\n${result.evaluated} evaluated, ${result.skipped} already evaluated in this run, ${result.failed} with no policy in force`
      )
      if (result.failed > 0) io.out(lang === "zh" ? `无适用政策的老人列于 evaluation_failures where run_id = '${result.runId}'` : `elders with no policy in force are listed in evaluation_failures where run_id = '${result.runId}'`)
      return result.failed > 0 ? 1 : 0
    } catch (e) {
      if (!(e instanceof Progress.Interrupted)) throw e
      io.err(
        lang === "zh"
          ? `评估已中断：已处理 ${last.evaluated + last.skipped + last.failed}/${total} 人（${countsLine(last, "zh")}），已完成的批次均已保存；重新运行同一命令即可继续，已评估的不会重复`
          : `assessment interrupted: ${last.evaluated + last.skipped + last.failed} of ${total} elders done (${countsLine(last, "en")}); every finished batch is saved. Run the same command again to resume (nothing is evaluated twice)`
      )
      return 130
    } finally {
      await close()
    }
  }
})
