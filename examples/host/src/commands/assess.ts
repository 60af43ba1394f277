import { CalendarDate, Engine, RegionCode } from "@liushou/core"
import type { Ledger } from "@liushou/storage"
import { defineCommand, required, UsageError, langFrom, say, type Io, type Lang, badOption, EXPECTED } from "../cli.js"
import { CONFIG_OPTION, dbUrl, registryFrom } from "../context.js"
import { openLedger, parseDbUrl } from "../db.js"
import * as Progress from "../progress.js"
import { actorFrom, principalFrom, regionFrom, USER_OPTION } from "./scope.js"
import { PROGRESS_OPTION, progressInterval, progressIsTTY, responsive } from "./import.js"
import { auditDetail, CONTINUE_OPTION, continuationsFrom, describe } from "../continuation.js"
import { isAssessWorker, remaining, report, runTotals, startWorkers, stopAskedOf, type WorkerEnd } from "../assessWorkers.js"

/** the most worker processes `--workers` accepts */
const MAX_WORKERS = 64

const countsLine = (p: Ledger.AssessProgress, lang: "zh" | "en"): string =>
  lang === "zh"
    ? `评估 ${p.evaluated}，此前已评估 ${p.skipped}，无适用政策 ${p.failed}`
    : `${p.evaluated} evaluated, ${p.skipped} already evaluated, ${p.failed} with no policy in force`

export const assessCommand = defineCommand({
  name: "assess",
  summary: { zh: "用已加载的政策（内置或配置文件中的）在某日评估台账，并连同来源信息存储每条评估结果，显示进度；Ctrl-C 在当前批次结束后停止，重新运行即可续做。--workers N：N 个进程共同完成同一评估批次（PostgreSQL），各自认领尚未评估的老人，进度与合计均读自数据库；在其他机器上对同一 PostgreSQL 以相同 --run-id 运行同一命令即可加入", en: "Evaluate the ledger at a date with the loaded policies (built-in or from the configuration) and store every evaluation with its provenance, with progress; Ctrl-C stops after the current batch and a rerun resumes. --workers N: N processes share the run (PostgreSQL), each claiming batches of elders not yet done, with the progress and totals read from the database; the same command with the same --run-id on other machines against the same PostgreSQL joins the run" },
  usage: "liushou assess --as-of YYYY-MM-DD [--db PATH|sqlite:PATH|postgres://URL] [--config FILE] [--user NAME] [--region CODE] [--run-id ID] [--workers N] [--batch N] [--lang zh|en] [--progress-every SECONDS] [--continue-past-expiry ID[:UNTIL] [--continue-decision TEXT]]",
  options: {
    "as-of": { type: "string" },
    workers: { type: "string" },
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
    const workers = values.workers === undefined ? undefined : Number(values.workers)
    if (workers !== undefined && !(typeof values.workers === "string" && /^\d+$/.test(values.workers) && workers >= 1 && workers <= MAX_WORKERS)) {
      throw new UsageError(`--workers must be a whole number from 1 to ${MAX_WORKERS}, got ${JSON.stringify(values.workers)}`, `--workers 应为 1 到 ${MAX_WORKERS} 的整数，收到 ${JSON.stringify(values.workers)}`)
    }
    const lang = langFrom(values)
    const intervalMs = progressInterval(values)
    // the engine is built from the configured plugins (--config, $LIUSHOU_CONFIG, ./liushou.config.json), else the built-ins
    const host = await registryFrom(values, io.cwd)
    const actor = actorFrom(values, host.loaded, "assess")
    // a user assesses the elders of the user's region (all of it, or the part --region names)
    const scoped = (host.loaded.config.users ?? []).length === 0 ? requested : regionFrom(principalFrom(values, host.loaded, "assess"), requested)
    const region = scoped === "" ? undefined : scoped
    const worker = isAssessWorker()
    const db = dbUrl(values, host.loaded)
    if (workers !== undefined && !worker) {
      const target = parseDbUrl(db, io.cwd)
      if (target.kind === "sqlite" && target.path === ":memory:") throw new UsageError("--workers needs a database file or a PostgreSQL server: a database in memory belongs to one process", "--workers 需要数据库文件或 PostgreSQL 服务器：内存数据库只属于一个进程")
      // each worker evaluates its batch inside its write transaction (that is how a batch is
      // claimed), and SQLite has one writer: its workers would take turns, each slower than one process
      if (target.kind === "sqlite" && workers > 1) {
        throw new UsageError(
          "--workers above 1 needs PostgreSQL: SQLite has a single writer, so its workers would take turns and add no speed; run without --workers (one process), or use a PostgreSQL ledger",
          "--workers 大于 1 时需要 PostgreSQL：SQLite 只有一个写入者，多个工作进程只能轮流写入，不会更快；请不加 --workers 运行（单进程），或使用 PostgreSQL 台账"
        )
      }
    }
    if (!worker) for (const r of host.refused) io.err(say(lang, `已拒绝：${r.plugin ?? r.source} [${r.check}]，来自 ${r.source}：${r.message.zh}`, `refused: ${r.plugin ?? r.source} [${r.check}] from ${r.source}: ${r.message.en}`))
    // an expired plugin kept in force only by an explicit choice (configuration or flag), audited per run
    const continuations = continuationsFrom(values, host.loaded.config)
    if (continuations.length > 0 && !worker) io.err(say(lang, `注意：${describe(continuations, "zh")}；相关结论均标注“失效后继续适用”，本次评估记入审计日志`, `note: ${describe(continuations, "en")}; those reasons are marked as continued past expiry and this run is audited`))
    const engine = Engine.make(host.registry, continuations.length > 0 ? { continuePastExpiry: continuations } : {})
    const runId = (values["run-id"] as string | undefined) ?? `${asOf}@${region ?? "all"}`
    if (worker) return work({ db, cwd: io.cwd, engine, asOf, region, runId, actor, batch })
    if (workers !== undefined) {
      return inWorkers({ values, io, lang, db, workers, asOf, region, runId, actor, intervalMs, continuations: continuations.length > 0 ? auditDetail(continuations) : undefined })
    }
    const opened = await openLedger(db, io.cwd)
    const { description, close } = opened
    let last: Ledger.AssessProgress = { evaluated: 0, skipped: 0, failed: 0, referenced: 0 }
    let total = 0
    try {
      const ledger = await responsive(opened.ledger)
      const result = await Progress.interruptible(async (signal) => {
        total = await countElders(ledger, region)
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

/** the region codes of a region prefix (all of them without one) */
const rangeOf = (region: string | undefined): readonly [string, string] => (region === undefined ? ["000000000000", "999999999999"] : [region.padEnd(12, "0"), region.padEnd(12, "9")])

/** the elders of the ledger in a region (all of it when none is given) */
const countElders = async (ledger: Ledger.Ledger, region: string | undefined): Promise<number> => {
  const [lo, hi] = rangeOf(region)
  const row = await ledger.db.selectFrom("elders").select((eb) => eb.fn.countAll().as("n")).where("region_code", ">=", lo).where("region_code", "<=", hi).executeTakeFirst()
  return Number(row?.n ?? 0)
}

/**
 * One worker of `assess --workers N`: claims batches of the run until none is left (or Ctrl-C,
 * SIGTERM, or its starting process gone: then after the current batch; see `stopAskedOf`), and tells the starting
 * process what it stored. Prints nothing but errors.
 */
const work = async (o: {
  readonly db: string | undefined
  readonly cwd: string
  readonly engine: Engine.Engine
  readonly asOf: string
  readonly region: string | undefined
  readonly runId: string
  readonly actor: string
  readonly batch: number
}): Promise<number> => {
  const opened = await openLedger(o.db, o.cwd)
  let last: Ledger.AssessProgress = { evaluated: 0, skipped: 0, failed: 0, referenced: 0 }
  const end = async (kind: "done" | "interrupted", p: Ledger.AssessProgress): Promise<void> => {
    if (process.connected) await report({ kind, evaluated: p.evaluated, failed: p.failed, referenced: p.referenced, peakRssMiB: Math.round(process.resourceUsage().maxRSS / 1024) })
  }
  try {
    const ledger = await responsive(opened.ledger)
    const r = await ledger.assess(o.engine, o.asOf as CalendarDate.CalendarDate, {
      ...(o.region !== undefined ? { region: o.region } : {}),
      runId: o.runId,
      actor: o.actor,
      batchSize: o.batch,
      claim: true,
      // called after each batch's transaction commits: stopping here leaves whole batches only
      onProgress: (p) => {
        last = p
        if (stopAskedOf()) throw new Progress.Interrupted()
      }
    })
    await end("done", r)
    return 0
  } catch (e) {
    if (!(e instanceof Progress.Interrupted)) throw e
    await end("interrupted", last)
    return 130
  } finally {
    await opened.close()
    if (process.connected) process.disconnect()
  }
}

/** the command line a worker runs: these options again, the run id always named */
const workerArgs = (values: Record<string, unknown>, runId: string): Array<string> => {
  const args = ["assess"]
  for (const [k, v] of Object.entries(values)) {
    if (k === "help" || k === "run-id" || k === "progress-every") continue
    for (const x of Array.isArray(v) ? v : [v]) {
      if (x === true) args.push(`--${k}`)
      else if (typeof x === "string") args.push(`--${k}`, x)
    }
  }
  args.push("--run-id", runId)
  return args
}

/**
 * `assess --workers N`: starts the workers and shows the run's progress as stored; when they
 * have ended, reads the run's totals from the database, records in the audit log how many
 * workers ran and what each stored, and says what is left (elders still held by workers
 * elsewhere, or changed during the run).
 */
const inWorkers = async (o: {
  readonly values: Record<string, unknown>
  readonly io: Io
  readonly lang: Lang
  readonly db: string | undefined
  readonly workers: number
  readonly asOf: string
  readonly region: string | undefined
  readonly runId: string
  readonly actor: string
  readonly intervalMs: number
  readonly continuations: unknown
}): Promise<number> => {
  const { io, lang, runId } = o
  const zh = lang === "zh"
  // migrated once, and a database that cannot be opened is reported, before any worker starts
  const opened = await openLedger(o.db, io.cwd)
  const { ledger, description, close } = opened
  const [lo, hi] = rangeOf(o.region)
  try {
    // a run id of another date or region is refused here, once, before any worker starts (each
    // worker would fail on it, and the run's row would be rewritten)
    await ledger.checkRun(runId, o.asOf, o.region)
    const count = (): Promise<number> => countElders(ledger, o.region)
    const total = await count()
    const before = await runTotals(ledger.db, runId)
    let ends: ReadonlyArray<WorkerEnd> = []
    let interrupted = false
    // the rate counts only what is done from now on (a resumed run starts part done)
    const bar = Progress.start({ label: zh ? "评估" : "assess", lang, total, initial: before.evaluated + before.failed, isTTY: progressIsTTY(io), write: io.err, intervalMs: o.intervalMs })
    const show = (t: { evaluated: number; failed: number }): void => bar.update(t.evaluated + t.failed, { evaluated: t.evaluated, failed: t.failed })
    show(before)
    // the run's progress as the database has it (the workers of other machines included), at
    // most once a second: a count over the run's index
    let polling: Promise<void> | undefined
    const poll = setInterval(() => {
      polling ??= runTotals(ledger.db, runId)
        .then(show, () => undefined)
        .finally(() => (polling = undefined))
    }, Math.max(1000, o.intervalMs))
    try {
      await Progress.interruptible(async (signal) => {
        signal.addEventListener("abort", () => (interrupted = true), { once: true })
        ends = await startWorkers({
          workers: o.workers,
          args: workerArgs(o.values, runId),
          cwd: io.cwd,
          signal,
          started: (pid) => io.err(zh ? `工作进程 ${pid} 已启动` : `worker ${pid} started`),
          ended: (e) => {
            if (e.message === undefined) io.err(zh ? `工作进程 ${e.pid} 异常退出（${e.signal ?? e.code}）：其未提交的批次已回滚，由其他工作进程评估` : `worker ${e.pid} ended (${e.signal ?? e.code}) before it finished: its open batch was rolled back and goes to the other workers`)
          },
          log: io.err
        })
      }, io.err)
    } finally {
      clearInterval(poll)
      await polling
    }
    const totals = await runTotals(ledger.db, runId)
    // every worker finished its pass and its sweep from the start (each re-evaluates an elder
    // changed since it was done), and the run has a row for every elder: nothing is left.
    // Otherwise the elders left are counted (a join over the run's rows: seconds at a million)
    const elders = await count()
    const finished = !interrupted && ends.every((e) => e.message?.kind === "done") && totals.evaluated + totals.failed === elders
    const left = finished ? 0 : await remaining(ledger.db, runId, lo, hi, elders)
    show(totals)
    bar.stop()
    // the run's row says what is stored (each worker counted only its own part), and whether it is finished
    await ledger.db
      .updateTable("assessment_runs")
      .set({ evaluated: totals.evaluated, failed: totals.failed, skipped: 0, status: left === 0 ? "done" : "running" })
      .where("run_id", "=", runId)
      .execute()
    await ledger.audit({
      actor: o.actor,
      action: "assess.workers",
      regionCode: o.region ?? null,
      subject: runId,
      detail: {
        asOf: o.asOf,
        workers: o.workers,
        evaluated: totals.evaluated,
        failed: totals.failed,
        elders: total,
        remaining: left,
        interrupted,
        byWorker: ends.map((e) => (e.message === undefined ? { ended: e.signal ?? e.code } : { evaluated: e.message.evaluated, failed: e.message.failed, ended: e.message.kind, peakRssMiB: e.message.peakRssMiB })),
      }
    })
    if (o.continuations !== undefined) {
      await ledger.audit({ actor: o.actor, action: "assess.continued-past-expiry", regionCode: o.region ?? null, subject: runId, detail: { asOf: o.asOf, continuePastExpiry: o.continuations, evaluated: totals.evaluated } })
    }
    const done = totals.evaluated + totals.failed
    // counted in the database: a worker killed after it committed batches reported nothing, but its rows count
    const doneBefore = before.evaluated + before.failed
    const summary = zh
      ? `评估批次 ${runId}（${description}），${o.workers} 个工作进程\n本批次合计（读自数据库）：评估 ${totals.evaluated}，无适用政策 ${totals.failed}，共 ${total} 人；本命令开始后完成 ${done - doneBefore}（含其他机器上的工作进程），此前已完成 ${doneBefore}`
      : `assessment run ${runId} on ${description}, ${o.workers} workers\nrun totals (from the database): ${totals.evaluated} evaluated, ${totals.failed} with no policy in force, of ${total} elders; ${done - doneBefore} done since this command started (workers on other machines included), ${doneBefore} done before`
    if (interrupted) {
      io.err(
        zh
          ? `评估已中断：已处理 ${done}/${total} 人（评估 ${totals.evaluated}，无适用政策 ${totals.failed}），已完成的批次均已保存；重新运行同一命令即可继续，已评估的不会重复`
          : `assessment interrupted: ${done} of ${total} elders done (${totals.evaluated} evaluated, ${totals.failed} with no policy in force); every finished batch is saved. Run the same command again to resume (nothing is evaluated twice)`
      )
      return 130
    }
    io.out(summary)
    if (totals.failed > 0) io.out(zh ? `无适用政策的老人列于 evaluation_failures where run_id = '${runId}'` : `elders with no policy in force are listed in evaluation_failures where run_id = '${runId}'`)
    if (left > 0) {
      const failure = ends.find((e) => e.message === undefined && e.code !== null && e.code !== 0)
      io.err(
        zh
          ? `尚有 ${left} 人未评估：其他机器的工作进程仍在处理，或评估期间台账有变动${failure !== undefined ? "，或工作进程出错" : ""}；重新运行同一命令即可完成，已评估的不会重复`
          : `${left} elders are not assessed yet: workers elsewhere still hold them, or the ledger changed during the run${failure !== undefined ? ", or a worker failed" : ""}; run the same command again to finish (nothing is evaluated twice)`
      )
      return failure?.code ?? 75
    }
    return totals.failed > 0 ? 1 : 0
  } finally {
    await close()
  }
}
