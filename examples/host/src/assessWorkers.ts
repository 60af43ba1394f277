/**
 * Assessing in several processes: `liushou assess --workers N` starts N worker processes (the
 * same program run again, marked by an environment variable) that share one assessment run
 * through the database. Each worker claims a batch of elders not yet done in the run, evaluates
 * and stores it in one write transaction, and moves on (`ledger.assess(…, { claim: true })`:
 * `for update skip locked` on PostgreSQL). The same command with the same `--run-id` on other
 * machines against the same PostgreSQL joins the run.
 *
 * The starting process evaluates nothing: it starts the workers, shows the run's progress as
 * the database has it, passes Ctrl-C on (each worker stops after its current batch) and, once
 * they have ended, reads the run's totals from the database. A worker that dies loses nothing:
 * its open batch rolls back and the others take those elders.
 */
import { fork } from "node:child_process"
import type { Kysely } from "kysely"

/** marks a process started by {@link startWorkers} */
export const WORKER_ENV = "LIUSHOU_ASSESS_WORKER"

/** Whether this process is an assessment worker (started by {@link startWorkers}, with its channel). */
export const isAssessWorker = (): boolean => process.env[WORKER_ENV] === "1" && typeof process.send === "function"

/**
 * A worker asked to stop (Ctrl-C reaches every process of the group; the starting process passes
 * it on too): listened for as soon as the worker loads this module, so a worker still starting
 * stops after its first batch instead of being ended by the signal.
 */
let stopAsked = false
if (isAssessWorker()) {
  const ask = (): void => void (stopAsked = true)
  process.on("SIGINT", ask)
  process.on("SIGTERM", ask)
  process.once("disconnect", ask)
}

/** Whether this worker was asked to stop (SIGINT, SIGTERM, or its starting process gone). */
export const stopAskedOf = (): boolean => stopAsked

/** What a worker tells the starting process when it ends its part. */
export interface WorkerMessage {
  readonly kind: "done" | "interrupted"
  /** elders this worker evaluated and stored (committed batches) */
  readonly evaluated: number
  readonly failed: number
  readonly referenced: number
  /** the worker's peak resident memory (MiB) */
  readonly peakRssMiB: number
}

/** Sends the worker's end to the starting process (and waits until it is written). */
export const report = (message: WorkerMessage): Promise<void> =>
  new Promise((resolve) => {
    if (typeof process.send !== "function") return resolve()
    process.send(message, undefined, {}, () => resolve())
  })

/** How one worker ended. */
export interface WorkerEnd {
  readonly pid: number
  readonly code: number | null
  readonly signal: NodeJS.Signals | null
  /** what it reported, when it ended its part normally (or after Ctrl-C) */
  readonly message?: WorkerMessage
}

export interface WorkersOptions {
  readonly workers: number
  /** the program each worker runs (default this one: `process.argv[1]`) with Node's options of this process */
  readonly program?: string
  /** the arguments after the program (`assess …`) */
  readonly args: ReadonlyArray<string>
  readonly cwd: string
  /** when it aborts, every worker is asked to stop after its current batch (SIGINT) */
  readonly signal: AbortSignal
  /** a worker started */
  readonly started?: (pid: number) => void
  /** a worker ended */
  readonly ended?: (end: WorkerEnd) => void
  /** a line a worker wrote on stderr (an error, a note) */
  readonly log: (line: string) => void
}

/**
 * Starts the workers and resolves when every one has ended. A worker whose starting process goes
 * away stops after its current batch (the channel closes).
 */
export const startWorkers = (options: WorkersOptions): Promise<ReadonlyArray<WorkerEnd>> => {
  const program = options.program ?? process.argv[1]!
  const ends: Array<Promise<WorkerEnd>> = []
  const live = new Set<ReturnType<typeof fork>>()
  const stop = (): void => {
    for (const child of live) child.kill("SIGINT")
  }
  options.signal.addEventListener("abort", stop, { once: true })
  for (let i = 0; i < options.workers; i++) {
    const child = fork(program, [...options.args], {
      cwd: options.cwd,
      execArgv: process.execArgv,
      env: { ...process.env, [WORKER_ENV]: "1" },
      stdio: ["ignore", "ignore", "pipe", "ipc"]
    })
    live.add(child)
    let pending = ""
    child.stderr!.on("data", (d: Buffer) => {
      pending += d.toString()
      const lines = pending.split("\n")
      pending = lines.pop()!
      for (const l of lines) if (l !== "") options.log(l)
    })
    let message: WorkerMessage | undefined
    child.on("message", (m) => (message = m as WorkerMessage))
    ends.push(
      new Promise<WorkerEnd>((resolve) => {
        child.once("exit", (code, signal) => {
          live.delete(child)
          if (pending !== "") options.log(pending)
          const end: WorkerEnd = { pid: child.pid ?? 0, code, signal, ...(message !== undefined ? { message } : {}) }
          options.ended?.(end)
          resolve(end)
        })
      })
    )
    if (child.pid !== undefined) options.started?.(child.pid)
  }
  return Promise.all(ends).finally(() => options.signal.removeEventListener("abort", stop))
}

/** The totals of a run as stored: elders evaluated, and those with no policy in force. */
export const runTotals = async (db: Kysely<any>, runId: string): Promise<{ readonly evaluated: number; readonly failed: number }> => {
  const [e, f] = await Promise.all(
    (["evaluations", "evaluation_failures"] as const).map((t) =>
      db
        .selectFrom(t)
        .select((eb) => eb.fn.countAll().as("n"))
        .where("run_id", "=", runId)
        .executeTakeFirst()
    )
  )
  return { evaluated: Number(e?.n ?? 0), failed: Number(f?.n ?? 0) }
}

/**
 * The elders of a region range not yet done in a run, of the `elders` it holds: no evaluation and no failure of the run
 * from their current case file (new, changed since, or held by a worker still running). Counted
 * as the elders less those the run's rows match (a join from the run's rows, one lookup each),
 * not with `not exists`: without statistics of the run's rows PostgreSQL may plan that anti-join
 * to read every row of the run for each elder.
 */
export const remaining = async (db: Kysely<any>, runId: string, lo: string, hi: string, elders: number): Promise<number> => {
  let done = 0
  for (const t of ["evaluations", "evaluation_failures"] as const) {
    const row = await db
      .selectFrom(`${t} as v`)
      .innerJoin("elders as e", (j) => j.onRef("e.region_code", "=", "v.region_code").onRef("e.elder_id", "=", "v.elder_id").onRef("e.input_version", "=", "v.input_version"))
      .select((eb) => eb.fn.countAll().as("n"))
      .where("v.run_id", "=", runId)
      .where("v.region_code", ">=", lo)
      .where("v.region_code", "<=", hi)
      .where("e.region_code", ">=", lo)
      .where("e.region_code", "<=", hi)
      .executeTakeFirst()
    done += Number(row?.n ?? 0)
  }
  return elders - done
}
