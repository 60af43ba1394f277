import { randomUUID } from "node:crypto"
import { hostname } from "node:os"
import type { Context } from "./context.js"
import type { LockHolder } from "./types/import.js"
import { appendAudit } from "./audit.js"
import { writeTransaction } from "./tx.js"

/** The one import lock of a ledger. */
const NAME = "import"

/**
 * Another import is running on this ledger (its lock is held and alive): this one was refused
 * before it read or wrote anything. Retry when it has finished.
 */
export class ImportRunningError extends Error {
  readonly _tag = "ImportRunning"
  readonly zh: string
  constructor(readonly holder: LockHolder) {
    super(`another import is running on this ledger: import ${JSON.stringify(holder.importId)} (process ${holder.pid} on ${holder.host}, since ${holder.acquiredAt}, last heartbeat ${holder.heartbeatAt}); retry when it has finished`)
    this.zh = `另一个导入正在运行：导入 ${JSON.stringify(holder.importId)}（${holder.host} 上的进程 ${holder.pid}，开始于 ${holder.acquiredAt}，最近心跳 ${holder.heartbeatAt}）；请待其结束后重试`
  }
}

/** The lock was taken over while this import ran (its heartbeat was older than the stale limit): it stopped. */
export class ImportLockLostError extends Error {
  readonly _tag = "ImportLockLost"
  readonly zh: string
  constructor(readonly importId: string) {
    super(`import ${JSON.stringify(importId)} lost the import lock (another import took it over as stale) and stopped; rerun it to resume`)
    this.zh = `导入 ${JSON.stringify(importId)} 失去了导入锁（另一个导入视其为失效并接管），已停止；重新运行即可继续`
  }
}

/** Whether a process of this host is alive (EPERM: alive, owned by someone else). */
const alive = (pid: number): boolean => {
  try {
    process.kill(pid, 0)
    return true
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === "EPERM"
  }
}

export interface HeldLock {
  readonly holder: string
  /** the lock this one replaced: its holder had died (same host) or stopped its heartbeat */
  readonly recovered: (LockHolder & { readonly reason: "process-gone" | "heartbeat-stale" }) | null
  readonly heartbeat: () => Promise<void>
  readonly release: () => Promise<void>
}

/**
 * Takes the ledger's import lock, or throws `ImportRunningError`. A lock whose process is gone
 * (same host) or whose heartbeat is older than `staleAfterMs` is taken over, and the takeover
 * audited.
 */
export const acquireImportLock = async (ctx: Context, importId: string, actor: string, staleAfterMs: number): Promise<HeldLock> => {
  const holder = randomUUID()
  const host = hostname()
  const now = Date.now()
  const recovered = await writeTransaction(ctx.db, ctx.flags, async (trx) => {
    const row = await trx
      .selectFrom("import_lock")
      .selectAll()
      .where("name", "=", NAME)
      .$if(ctx.flags.lockRows, (q) => q.forUpdate())
      .executeTakeFirst()
    let previous: HeldLock["recovered"] = null
    if (row !== undefined) {
      const held: LockHolder = { importId: row.import_id, host: row.host, pid: Number(row.pid), acquiredAt: row.acquired_at, heartbeatAt: new Date(Number(row.heartbeat_ms)).toISOString() }
      const gone = row.host === host && Number(row.pid) !== process.pid && !alive(Number(row.pid))
      const stale = now - Number(row.heartbeat_ms) > staleAfterMs
      if (!gone && !stale) throw new ImportRunningError(held)
      previous = { ...held, reason: gone ? "process-gone" : "heartbeat-stale" }
      await trx.deleteFrom("import_lock").where("name", "=", NAME).execute()
    }
    await trx
      .insertInto("import_lock")
      .values({ name: NAME, holder, import_id: importId, host, pid: process.pid, acquired_at: new Date(now).toISOString(), heartbeat_ms: now })
      .execute()
    return previous
  })
  if (recovered !== null) {
    await appendAudit(ctx.db, ctx, { actor, action: "import-lock-recovered", subject: importId, detail: { ...recovered } })
  }
  return {
    holder,
    recovered,
    heartbeat: async () => {
      const r = await ctx.db.updateTable("import_lock").set({ heartbeat_ms: Date.now() }).where("name", "=", NAME).where("holder", "=", holder).executeTakeFirst()
      if (Number(r.numUpdatedRows) !== 1) throw new ImportLockLostError(importId)
    },
    release: async () => {
      await ctx.db.deleteFrom("import_lock").where("name", "=", NAME).where("holder", "=", holder).execute()
    }
  }
}
