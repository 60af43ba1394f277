/**
 * Failures the command line cannot fix, each with its own exit code and a one-line message
 * naming the cause (passwords masked, control characters escaped). The codes follow BSD's
 * sysexits where one fits:
 *
 * | code | meaning |
 * | ---- | ------- |
 * | 0    | success |
 * | 1    | some input rejected, a check failed, or the ledger refused a change |
 * | 2    | usage error |
 * | 69   | the database is unavailable or went away (refused, unreachable, shut down, connection lost, a SQLite file that cannot be opened) |
 * | 70   | internal error (a bug: please report it) |
 * | 74   | the disk is full (SQLite `SQLITE_FULL`, `ENOSPC`, PostgreSQL `53100`) |
 * | 75   | busy, try again: the database stayed locked past its wait, or another import is running on the ledger |
 * | 130  | interrupted (Ctrl-C); every finished batch is kept |
 */
import { Decode } from "@liushou/core"
import { Ledger } from "@liushou/storage"

/** The exit codes of the CLI (see the module's table). */
export const EXIT = { ok: 0, rejected: 1, usage: 2, unavailable: 69, internal: 70, diskFull: 74, busy: 75, interrupted: 130 } as const

export interface Failure {
  readonly code: 69 | 74 | 75
  readonly kind: "unavailable" | "disk-full" | "busy" | "import-running"
  readonly message: { readonly zh: string; readonly en: string }
}

// a wrong password or a missing database is not "unavailable": it is the --db value to fix (exit 1)
const PG_UNAVAILABLE = new Set(["57P01", "57P02", "57P03", "53300"])
const NODE_UNAVAILABLE = new Set(["ECONNREFUSED", "ECONNRESET", "ETIMEDOUT", "EHOSTUNREACH", "ENETUNREACH", "ENOTFOUND", "EAI_AGAIN", "EPIPE"])
const UNAVAILABLE_TEXT = /Connection terminated|connection error|not queryable|timeout expired|terminating connection|server closed the connection|unable to open database file/i

/** Every error in a chain of causes (MigrationError wraps the driver's error). */
const chain = (e: unknown): ReadonlyArray<{ code?: unknown; errno?: unknown; message?: unknown }> => {
  const out: Array<{ code?: unknown; message?: unknown }> = []
  for (let x: unknown = e, i = 0; x !== null && typeof x === "object" && i < 5; x = (x as { cause?: unknown }).cause, i++) out.push(x as never)
  return out
}

/** A driver's message made safe to print on one line: the first line, passwords masked, control characters escaped. */
export const safeReason = (message: string): string =>
  Decode.escapeControl((message.split("\n")[0] ?? "").replace(/:\/\/([^:@/\s]*):[^@/\s]*@/g, "://$1:***@").replace(/password=\S+/gi, "password=***")).slice(0, 300)

/**
 * What kind of failure an error is, or undefined for anything else (a bug). `where` names the
 * database (password already masked).
 */
export const classify = (e: unknown, where: string | undefined): Failure | undefined => {
  const at = where === undefined ? "" : ` (${where})`
  const atZh = where === undefined ? "" : `（${where}）`
  if (e instanceof Ledger.ImportRunningError) return { code: 75, kind: "import-running", message: { en: e.message, zh: e.zh } }
  for (const x of chain(e)) {
    const code = typeof x.code === "string" ? x.code : ""
    const reason = safeReason(typeof x.message === "string" ? x.message : String(x))
    if (code === "SQLITE_FULL" || code === "ENOSPC" || code === "53100" || code === "SQLITE_IOERR_NOSPC" || /No space left on device|database or disk is full/i.test(reason)) {
      return { code: 74, kind: "disk-full", message: { en: `the disk is full${at}: ${reason}; free space and rerun the same command (finished batches are kept)`, zh: `磁盘已满${atZh}：${reason}；请释放空间后重新运行同一命令（已完成的批次均已保存）` } }
    }
    if (code.startsWith("SQLITE_BUSY") || code.startsWith("SQLITE_LOCKED") || code === "55P03" || code === "40001" || code === "40P01") {
      return { code: 75, kind: "busy", message: { en: `the database is busy${at}: ${reason}; another program holds a lock: rerun the same command later (finished batches are kept)`, zh: `数据库忙${atZh}：${reason}；有其他程序持有锁：请稍后重新运行同一命令（已完成的批次均已保存）` } }
    }
    if (PG_UNAVAILABLE.has(code) || code.startsWith("08") || NODE_UNAVAILABLE.has(code) || code === "SQLITE_CANTOPEN" || code.startsWith("SQLITE_IOERR") || UNAVAILABLE_TEXT.test(reason)) {
      return { code: 69, kind: "unavailable", message: { en: `the database is unavailable or went away${at}: ${reason}; rerun the same command when it is back (finished batches are kept)`, zh: `数据库不可用或连接已断开${atZh}：${reason}；恢复后重新运行同一命令即可继续（已完成的批次均已保存）` } }
    }
  }
  return undefined
}

let opened: string | undefined

/** Records the database the command opened (named without its password), for failure messages. */
export const openedDatabase = (description: string | undefined): void => {
  opened = description
}

/** The database the command opened, if any. */
export const currentDatabase = (): string | undefined => opened
