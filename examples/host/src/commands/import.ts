import { createReadStream } from "node:fs"
import { open, stat } from "node:fs/promises"
import { resolve } from "node:path"
import { createInterface } from "node:readline"
import { Decode, RegionCode } from "@liushou/core"
import { Ledger } from "@liushou/storage"
import type { KyselyPlugin } from "kysely"
import { defineCommand, type Io, required, UsageError, langFrom, say, type Lang, badOption, EXPECTED } from "../cli.js"
import { CONFIG_OPTION, dbUrl, registryFrom } from "../context.js"
import { openLedger } from "../db.js"
import { formatIssue, isLedgerFile, type LedgerRead, type LedgerRecord, readLedgerFile } from "../ledger/index.js"
import { issue } from "../ledger/Read.js"
import { checkRiskLevels } from "../ledger/RiskLevels.js"
import { actorFrom, USER_OPTION, writeScope } from "./scope.js"
import * as Progress from "../progress.js"

/** The `--progress-every SECONDS` option of long commands: how often plain progress lines are written when stderr is not a terminal. */
export const PROGRESS_OPTION = { "progress-every": { type: "string" } } as const

/** Reads `--progress-every` (seconds, default 2) as milliseconds. */
export const progressInterval = (values: Record<string, unknown>): number => {
  const v = values["progress-every"]
  if (v === undefined) return 2000
  const s = Number(v)
  if (typeof v !== "string" || v.trim() === "" || !Number.isFinite(s) || s < 0) throw new UsageError(`--progress-every must be a number of seconds (0 or more), got ${JSON.stringify(v)}`, `--progress-every 应为秒数（0 或以上），收到 ${JSON.stringify(v)}`)
  return Math.round(s * 1000)
}

/**
 * Whether to draw a bar: stderr (where progress goes) and stdout are terminals. Anything else
 * (a log file, CI, a pipe, captured output) gets plain lines.
 */
export const progressIsTTY = (io: Io): boolean => io.isTTY && process.stderr.isTTY === true

/** Gives the event loop a turn after every query, so Ctrl-C is seen while the work runs. */
const yieldAfterQuery: KyselyPlugin = {
  transformQuery: (args) => args.node,
  transformResult: async (args) => {
    await new Promise((resolve) => setImmediate(resolve))
    return args.result
  }
}

/**
 * The same ledger, but the event loop turns after every query. better-sqlite3 answers
 * synchronously, so a long import or assessment would otherwise run as one chain of
 * microtasks and a SIGINT handler would not run until it had finished.
 */
export const responsive = (ledger: Ledger.Ledger): Promise<Ledger.Ledger> => Ledger.make({ db: ledger.db.withPlugin(yieldAfterQuery), flags: ledger.flags, clock: ledger.now })

/** Counts the non-blank lines of a JSON Lines file (one pass over the bytes; bounded memory). */
const countLines = async (path: string): Promise<number> => {
  let n = 0
  let blank = true
  for await (const chunk of createReadStream(path)) {
    const bytes = chunk as Buffer
    for (let i = 0; i < bytes.length; i++) {
      const b = bytes[i]!
      if (b === 0x0a) {
        if (!blank) n++
        blank = true
      } else if (b !== 0x20 && b !== 0x09 && b !== 0x0d) blank = false
    }
  }
  return blank ? n : n + 1
}

/** The first non-blank character of a file: `[` for a JSON array, else JSON Lines. */
const firstChar = async (path: string): Promise<string | undefined> => {
  const handle = await open(path, "r")
  try {
    const buffer = Buffer.alloc(4096)
    for (let position = 0; ; ) {
      const { bytesRead } = await handle.read(buffer, 0, buffer.length, position)
      if (bytesRead === 0) return undefined
      const text = buffer.subarray(0, bytesRead).toString("utf8").replace(/^\uFEFF/, "")
      const m = /\S/.exec(text)
      if (m !== null) return m[0]
      position += bytesRead
    }
  } finally {
    await handle.close()
  }
}

/** A JSON array is read whole. */
const readArray = async (path: string): Promise<ReadonlyArray<unknown>> => {
  const { readFile } = await import("node:fs/promises")
  let parsed: unknown
  try {
    parsed = JSON.parse(await readFile(path, "utf8"))
  } catch (e) {
    throw new UsageError(`${path}: not valid JSON: ${(e as Error).message}`, `${path}：不是有效的 JSON（${(e as Error).message}）`)
  }
  if (!Array.isArray(parsed)) throw new UsageError(`${path}: expected a JSON array of case files`, `${path}：应为个案文件的 JSON 数组`)
  return parsed
}

/**
 * A ledger file's rows for the importer: good rows as case files, rejected rows as `Unreadable`
 * records, so they are counted and kept in rejected_records with their sheet, row and column.
 */
const ledgerRecords = (records: ReadonlyArray<LedgerRecord>): ReadonlyArray<unknown> =>
  records.map((r) =>
    r._tag === "case"
      ? r.caseFile
      : Ledger.unreadable({
          raw: r.raw,
          elderId: r.elderId,
          source: { sheet: r.sheet, row: r.row },
          issues: r.issues.map((i) => ({ path: i.field ?? i.column ?? "(row)", sheet: i.sheet, row: i.row, column: i.column, expected: i.expected, found: i.found })),
          message: { zh: r.issues.map((i) => i.message.zh).join("\n"), en: r.issues.map((i) => i.message.en).join("\n") }
        })
  )

/**
 * A ledger file read by a user: the rows of elders outside the user's region become rejected
 * rows, named by sheet, row and column like any bad cell (the ledger rejects the same records
 * from other inputs, by their position).
 */
const withinScope = <F extends LedgerRead>(file: F, scope: { readonly region: string; readonly user: string } | undefined): F => {
  if (scope === undefined) return file
  const errors = [...file.errors]
  const records = file.records.map((r): LedgerRecord => {
    if (r._tag !== "case" || RegionCode.contains(scope.region, r.caseFile.elder.regionCode)) return r
    const user = Decode.printable(scope.user)
    const i = issue("error", r.sheet, r.row, "区划代码", "elder.regionCode", JSON.stringify(r.caseFile.elder.regionCode), { zh: `用户 ${user} 辖区（${scope.region}）内的区划代码`, en: `a region code inside the region of user ${user} (${scope.region})` })
    errors.push(i)
    return { _tag: "rejected", sheet: r.sheet, row: r.row, elderId: r.caseFile.elder.id, raw: JSON.stringify(r.caseFile), issues: [i] }
  })
  return { ...file, records, errors }
}

/** JSON Lines are streamed line by line (bounded memory). */
async function* lines(path: string): AsyncIterable<unknown> {
  const input = createInterface({ input: createReadStream(path, "utf8"), crlfDelay: Infinity })
  for await (const line of input) yield line
}

const countsLine = (p: Ledger.Progress, lang: "zh" | "en"): string =>
  lang === "zh"
    ? `新增 ${p.stored}，更新 ${p.updated}，未变 ${p.unchanged}，拒收 ${p.rejected}`
    : `${p.stored} stored, ${p.updated} updated, ${p.unchanged} unchanged, ${p.rejected} rejected`

export const importCommand = defineCommand({
  name: "import",
  summary: { zh: "将个案文件（JSON 数组、JSON Lines，或 .xlsx/.csv 县级台账）导入台账，显示进度；Ctrl-C 在当前批次结束后停止，重新运行即可续做", en: "Import case files (JSON array, JSON Lines, or an .xlsx/.csv county ledger) into the ledger, with progress; Ctrl-C stops after the current batch and a rerun resumes" },
  usage: "liushou import --input FILE [--db PATH|sqlite:PATH|postgres://URL] [--config FILE] [--user NAME] [--import-id ID] [--reimport merge|file] [--batch N] [--lang zh|en] [--progress-every SECONDS]",
  options: { input: { type: "string" }, db: { type: "string" }, "import-id": { type: "string" }, reimport: { type: "string" }, batch: { type: "string" }, actor: { type: "string" }, ...USER_OPTION, ...CONFIG_OPTION, ...PROGRESS_OPTION },
  run: async ({ values }, io) => {
    const input = resolve(io.cwd, required(values, "input"))
    const lang = langFrom(values)
    const batch = values.batch === undefined ? 500 : Number(values.batch)
    if (!Number.isInteger(batch) || batch < 1) throw badOption("batch", EXPECTED.positive, values.batch)
    const intervalMs = progressInterval(values)
    const reimport = values.reimport ?? "merge"
    if (reimport !== "merge" && reimport !== "file") throw new UsageError(`--reimport must be merge (keep visits recorded through the API; the default) or file (the file is authoritative), got ${JSON.stringify(values.reimport)}`, `--reimport 应为 merge（保留经接口记录的探访，默认）或 file（以文件为准），收到 ${JSON.stringify(values.reimport)}`)
    let info
    try {
      info = await stat(input)
    } catch (e) {
      throw new UsageError(`cannot read ${input}: ${(e as Error).message}`, `无法读取 ${input}：${(e as Error).message}`)
    }
    const host = await registryFrom(values, io.cwd)
    const loaded = host.loaded
    const actor = actorFrom(values, loaded, "import")
    // a user's import stores the elders of the user's region; the others are rejected records
    const scope = writeScope(values, loaded, "import")
    // a county ledger (.xlsx, .csv): rows are read into case files; bad rows are reported by sheet, row and column,
    // recorded risk grades are checked against the governing plugin's levels
    const ledgerFile = isLedgerFile(input) ? withinScope(checkRiskLevels(await readLedgerFile(input), host.registry), scope) : undefined
    if (ledgerFile !== undefined) {
      for (const w of ledgerFile.warnings) io.err(`${lang === "zh" ? "注意：" : "warning: "}${formatIssue(w, lang)}`)
      for (const e of ledgerFile.errors) io.err(formatIssue(e, lang))
    }
    const array = ledgerFile !== undefined ? ledgerRecords(ledgerFile.records) : (await firstChar(input)) === "[" ? await readArray(input) : undefined
    const total = array !== undefined ? array.length : await countLines(input)
    // the same file (path, size, modification time) resumes the same import
    const importId = (values["import-id"] as string | undefined) ?? `file:${input}@${info.size}:${Math.floor(info.mtimeMs)}`
    const opened = await openLedger(dbUrl(values, loaded), io.cwd)
    const { description, close } = opened
    let last: Ledger.Progress = { read: 0, stored: 0, updated: 0, unchanged: 0, rejected: 0 }
    try {
      const ledger = await responsive(opened.ledger)
      const result = await Progress.interruptible(async (signal) => {
        const bar = Progress.start({ label: lang === "zh" ? "导入" : "import", lang, total, isTTY: progressIsTTY(io), write: io.err, intervalMs })
        try {
          const r = await ledger.importCaseFiles(array ?? lines(input), {
            importId,
            source: input,
            actor,
            batchSize: batch,
            reimport,
            ...(scope === undefined ? {} : { scope }),
            // called after each batch's transaction commits: stopping here leaves whole elders only
            onProgress: (p) => {
              last = p
              bar.update(p.read, { stored: p.stored, updated: p.updated, unchanged: p.unchanged, rejected: p.rejected })
              if (signal.aborted) throw new Progress.Interrupted()
            }
          })
          bar.update(r.read, { stored: r.stored, updated: r.updated, unchanged: r.unchanged, rejected: r.rejected })
          bar.stop()
          return r
        } catch (e) {
          // the bar is closed so the terminal is left clean; plain lines end with the message below instead of "done"
          if (progressIsTTY(io)) bar.stop()
          throw e
        }
      }, io.err)
      if (result.recoveredLock !== null) {
        const l = result.recoveredLock
        io.err(
          lang === "zh"
            ? `已接管失效的导入锁：导入 ${JSON.stringify(l.importId)}（${l.host} 上的进程 ${l.pid}，${l.reason === "process-gone" ? "进程已不存在" : `最近心跳 ${l.heartbeatAt}`}）`
            : `took over a stale import lock: import ${JSON.stringify(l.importId)} (process ${l.pid} on ${l.host}, ${l.reason === "process-gone" ? "the process is gone" : `last heartbeat ${l.heartbeatAt}`})`
        )
      }
      // the rows of a ledger file rejected while reading it were printed above
      for (const e of result.errors) if (!("source" in e)) io.err(Decode.formatError(e, lang))
      if (result.rejected > result.errors.length) io.err(say(lang, `… 另有 ${result.rejected - result.errors.length} 条拒收`, `… and ${result.rejected - result.errors.length} more rejected`))
      io.out(
        lang === "zh"
          ? `导入 ${input} → ${description}\n新增 ${result.stored}，更新 ${result.updated}，未变 ${result.unchanged}，拒收 ${result.rejected}`
          : `imported ${input} into ${description}\n${result.stored} stored, ${result.updated} updated, ${result.unchanged} unchanged, ${result.rejected} rejected`
      )
      for (const r of result.recordedVisits) {
        const dates = r.visits.map((v) => v.date).join(", ")
        io.out(
          r.policy === "merge"
            ? lang === "zh"
              ? `保留：${r.regionCode}/${r.elderId} 经接口记录的 ${r.visits.length} 次探访（${dates}）不在文件中，已并入`
              : `kept: ${r.regionCode}/${r.elderId}: ${r.visits.length} visit(s) recorded through the API are not in the file and were merged in (${dates})`
            : lang === "zh"
              ? `舍弃：${r.regionCode}/${r.elderId} 经接口记录的 ${r.visits.length} 次探访（${dates}）不在文件中，已从当前案卷删除（历史中保留）`
              : `discarded: ${r.regionCode}/${r.elderId}: ${r.visits.length} visit(s) recorded through the API are not in the file and were dropped from the current case file (kept in its history) (${dates})`
        )
      }
      if (result.rejected > 0) io.out(lang === "zh" ? `拒收记录及其错误保存在：${result.rejectedTo}` : `rejected records and their errors are kept in: ${result.rejectedTo}`)
      if (ledgerFile !== undefined) {
        io.out(
          say(
            lang,
            `台账 ${ledgerFile.rows} 行：错误 ${ledgerFile.errors.length} 处（相关行未导入，已作为拒收记录保存），警告 ${ledgerFile.warnings.length} 处，规范化的单元格 ${ledgerFile.normalized} 个（如全角数字、“5,200元”、“1952年3月5日”、风险等级名称，已按规定格式读入）`,
            `ledger: ${ledgerFile.rows} rows: ${ledgerFile.errors.length} errors (those rows were not imported and are kept as rejected records), ${ledgerFile.warnings.length} warnings, ${ledgerFile.normalized} cells normalised (full-width digits, "5,200元", "1952年3月5日", risk level names, read into the standard form)`
          )
        )
      }
      return result.rejected > 0 || (ledgerFile?.errors.length ?? 0) > 0 ? 1 : 0
    } catch (e) {
      if (!(e instanceof Progress.Interrupted)) throw e
      io.err(
        lang === "zh"
          ? `导入已中断：已读 ${last.read}/${total} 条（${countsLine(last, "zh")}），已完成的批次均已保存；重新运行同一命令即可继续，不会重复导入`
          : `import interrupted: ${last.read} of ${total} read (${countsLine(last, "en")}); every finished batch is saved. Run the same command again to resume (nothing is imported twice)`
      )
      return 130
    } finally {
      await close()
    }
  }
})
