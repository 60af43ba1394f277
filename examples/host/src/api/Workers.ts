/**
 * Serving from several processes: `liushou serve --workers N` forks N worker processes
 * (node:cluster) that share one listening port, each with its own ledger connection (PostgreSQL:
 * its own pool; SQLite: its own handle on the WAL file). A request waits only for the process
 * that took it, so county reads are not queued behind one another's rows and JSON, and the
 * database's writes stay serialised where they always were (the elder's row lock, the audit
 * chain's lock, SQLite's write lock).
 *
 * The primary process serves nothing: it forks the workers, reports the port once the first
 * listens, replaces a worker that dies while serving, and on SIGINT or SIGTERM stops them all and
 * waits for them. A worker that fails before it listens stops the service when none has listened
 * yet (the database refused it, the port is taken: the operator has to act); once the service is
 * up, such a replacement is tried again after 1, 2, 4 … at most 30 seconds, while the other
 * workers go on serving (a database restarting must not take the service down for good). A
 * worker that dies within 10 seconds of starting to serve counts as one that could not start (a
 * fault that ends every worker soon after it listens would otherwise fork new ones without pause);
 * the waits start again from 1 second once a worker has served that long.
 */
import cluster, { type Worker } from "node:cluster"
import { availableParallelism } from "node:os"

/** marks a process forked by {@link serveInWorkers} (so a host that is itself clustered is not mistaken for one) */
const WORKER_ENV = "LIUSHOU_SERVE_WORKER"

/** The default number of worker processes: one per core the process may use, at most 8. */
export const defaultWorkers = (): number => Math.max(1, Math.min(8, availableParallelism()))

/** Whether this process is one of the workers {@link serveInWorkers} forked. */
export const isServeWorker = (): boolean => cluster.isWorker && process.env[WORKER_ENV] === "1"

/** A server one process runs: its port once listening, and how to stop it (closing its ledger). */
export interface Serving {
  readonly port: number
  readonly stop: () => Promise<void>
}

export interface WorkersOptions {
  /** worker processes; 1 serves in this process, forking nothing */
  readonly workers: number
  /** starts the server in this process (a worker, or this process when `workers` is 1) */
  readonly start: () => Promise<Serving>
  /** called once, in the process the caller runs (the primary), when the first server listens */
  readonly listening: (port: number) => void
  /** a line for the operator (a worker that died and was replaced) */
  readonly log: (line: { readonly zh: string; readonly en: string }) => void
  /** the longest wait before a replacement that failed to start is tried again (default 30 s) */
  readonly maxRetryMs?: number
  /** how long a worker must serve before its death no longer counts as a failed start (default 10 s) */
  readonly stableMs?: number
}

/**
 * A request handler that counts the requests it is answering, and waits until none is: a server
 * stops taking requests, waits for those it took, then closes its ledger (a request is never
 * answered from a closed connection pool). A streamed answer (JSON Lines, `streamed`) is counted
 * until its body has been read to the end or cancelled, since it reads the ledger as the client
 * reads it; other answers are whole when the handler returns.
 */
export const counted = <A extends ReadonlyArray<unknown>, R>(
  fetch: (...args: A) => R | Promise<R>,
  streamed: (answer: R) => boolean = isStreamed as (answer: R) => boolean
): { readonly fetch: (...args: A) => Promise<R>; readonly answered: () => Promise<void>; readonly drained: () => Promise<void> } => {
  /** handlers running */
  let handling = 0
  /** streamed answers whose body is still being read */
  let reading = 0
  let waiting: Array<{ readonly ready: () => boolean; readonly resolve: () => void }> = []
  const settle = (): void => {
    const still = waiting.filter((w) => !w.ready())
    for (const w of waiting) if (!still.includes(w)) w.resolve()
    waiting = still
  }
  const until = (ready: () => boolean): Promise<void> => (ready() ? Promise.resolve() : new Promise<void>((resolve) => waiting.push({ ready, resolve })))
  return {
    fetch: async (...args: A): Promise<R> => {
      handling++
      // a client gone before it read a streamed body: the Node adapter aborts the request's signal
      // (and may never read or cancel the body itself), but only a signal asked for before the
      // connection closed; streamed answers come only to requests with a body (POST), which
      // make the request object anyway, so reads do not pay for it
      const request = args[0]
      const signal = request instanceof Request && request.method !== "GET" && request.method !== "HEAD" ? request.signal : undefined
      try {
        const answer = await fetch(...args)
        if (!streamed(answer)) return answer
        reading++
        return holdUntilRead(
          answer as Response,
          () => {
            reading--
            settle()
          },
          signal
        ) as R
      } finally {
        handling--
        settle()
      }
    },
    answered: () => until(() => handling === 0),
    drained: () => until(() => handling === 0 && reading === 0)
  }
}

/** an answer whose body is produced while the client reads it: JSON Lines (the content type is read first: reading `body` first would cost every answer its fast path in the Node adapter) */
const isStreamed = (answer: unknown): boolean =>
  answer instanceof Response && (answer.headers.get("content-type") ?? "").startsWith("application/x-ndjson") && answer.body !== null

/** the same answer, calling `release` once when its body has been read to the end, failed or been cancelled, or `signal` aborts */
const holdUntilRead = (answer: Response, release: () => void, signal?: AbortSignal): Response => {
  const reader = answer.body!.getReader()
  let released = false
  const done = (): void => {
    if (released) return
    released = true
    signal?.removeEventListener("abort", abort)
    release()
  }
  const abort = (): void => {
    reader.cancel(signal?.reason).catch(() => undefined)
    done()
  }
  if (signal?.aborted === true) abort()
  else signal?.addEventListener("abort", abort, { once: true })
  const body = new ReadableStream<Uint8Array>(
    {
      pull: async (controller) => {
        try {
          const next = await reader.read()
          if (next.done) {
            controller.close()
            done()
          } else controller.enqueue(next.value)
        } catch (e) {
          controller.error(e)
          done()
        }
      },
      cancel: async (reason) => {
        try {
          await reader.cancel(reason)
        } finally {
          done()
        }
      }
    },
    { highWaterMark: 0 }
  )
  return new Response(body, { status: answer.status, statusText: answer.statusText, headers: answer.headers })
}

/**
 * Stops an HTTP server gracefully: no new connections, idle ones closed, then waits for the
 * requests being answered (a write under way is finished, never cut) and, at most `graceMs`, for
 * streamed answers to be read and the connections to end; the connections left after that are
 * closed, which cancels a streamed answer a client stopped reading. Then `after` (the ledger is
 * closed only when nothing reads it, or at the latest a second `graceMs` later: an answer left unread by a
 * client gone before it was written).
 */
export const stopServer = async (
  server: { close: (cb: () => void) => unknown; closeIdleConnections?: () => void; closeAllConnections?: () => void },
  requests: { readonly answered: () => Promise<void>; readonly drained: () => Promise<void> },
  after: () => Promise<void>,
  graceMs = 10_000
): Promise<void> => {
  const closed = new Promise<void>((resolve) => void server.close(() => resolve()))
  server.closeIdleConnections?.()
  await requests.answered()
  let timer: NodeJS.Timeout | undefined
  await Promise.race([Promise.all([requests.drained(), closed]), new Promise<void>((resolve) => (timer = setTimeout(resolve, graceMs)))])
  clearTimeout(timer)
  server.closeAllConnections?.()
  // every handler has returned; a streamed answer left unread once its connection is closed
  // (a client gone before the adapter watched it) is not waited for past a second grace period
  await Promise.race([requests.drained(), new Promise<void>((resolve) => (timer = setTimeout(resolve, graceMs)))])
  clearTimeout(timer)
  await after()
}

const signalled = (): Promise<string> =>
  new Promise((resolve) => {
    const on = (signal: string) => () => {
      process.off("SIGINT", int)
      process.off("SIGTERM", term)
      resolve(signal)
    }
    const int = on("SIGINT")
    const term = on("SIGTERM")
    process.once("SIGINT", int)
    process.once("SIGTERM", term)
  })

/** a signal that changes nothing: the process is already stopping */
const ignore = (): void => undefined

/**
 * Serves until SIGINT or SIGTERM: in this process when `workers` is 1, otherwise in `workers`
 * forked processes sharing the port. Resolves when every server stopped. In a forked worker
 * (the same program run again by the cluster) it starts the one server and stops it on a signal
 * or when the primary goes away.
 */
export const serveInWorkers = async (options: WorkersOptions): Promise<void> => {
  if (options.workers <= 1 || isServeWorker()) {
    const stopped = signalled()
    let serving: Serving
    try {
      serving = await options.start()
    } catch (e) {
      // a worker that cannot start exits (the channel to the primary would keep it alive), and the
      // primary reports that it exited before it listened
      if (isServeWorker()) cluster.worker!.disconnect()
      throw e
    }
    if (isServeWorker()) {
      // a serving worker is stopped once and then finishes its requests: Ctrl-C reaches every
      // process of the group and a service manager signals them all, and the primary then sends
      // its own SIGTERM, which must not cut the worker off (a worker still starting has no
      // requests, and a signal ends it at once)
      process.on("SIGINT", ignore)
      process.on("SIGTERM", ignore)
      // the primary goes away (killed): nothing will stop this worker otherwise
      cluster.worker!.once("disconnect", () => process.emit("SIGTERM"))
    } else options.listening(serving.port)
    await stopped
    await serving.stop()
    // the channel to the primary would keep this process alive
    if (isServeWorker()) cluster.worker!.disconnect()
    return
  }
  let stopping = false
  let reported = false
  const live = new Set<Worker>()
  const ready = new Set<Worker>()
  let failure: Error | undefined
  /** replacements in a row that exited before they listened, or soon after */
  let failedStarts = 0
  const retries = new Set<NodeJS.Timeout>()
  /** workers serving for less than `stableMs` so far, with the timer that marks them stable */
  const settling = new Map<Worker, NodeJS.Timeout>()
  /** forks so far, the number of each worker's fork, and the last fork that failed */
  let forks = 0
  const forkNumber = new Map<Worker, number>()
  let lastFailed = 0
  const done = new Promise<void>((resolve) => {
    /** forks a replacement after the back-off for `failedStarts` failures in a row */
    const retry = (worker: Worker, zh: string, en: string): void => {
      failedStarts++
      lastFailed = forkNumber.get(worker) ?? forks
      const wait = Math.min(options.maxRetryMs ?? 30_000, 1000 * 2 ** Math.min(failedStarts - 1, 15))
      options.log({ zh: `工作进程 ${worker.process.pid} ${zh}，${wait / 1000} 秒后重试`, en: `worker ${worker.process.pid} ${en}; trying again in ${wait / 1000} s` })
      const timer = setTimeout(() => {
        retries.delete(timer)
        if (!stopping) fork()
      }, wait)
      retries.add(timer)
    }
    const fork = (): void => {
      const worker = cluster.fork({ [WORKER_ENV]: "1" })
      live.add(worker)
      forkNumber.set(worker, ++forks)
      worker.on("listening", (address) => {
        ready.add(worker)
        const stable = setTimeout(() => {
          settling.delete(worker)
          // a replacement forked after the last failure has served long enough: the waits start over
          // (a worker that was serving all along says nothing about whether a replacement can)
          if (forkNumber.get(worker)! > lastFailed) failedStarts = 0
        }, options.stableMs ?? 10_000)
        stable.unref()
        settling.set(worker, stable)
        options.log({ zh: `工作进程 ${worker.process.pid} 开始服务`, en: `worker ${worker.process.pid} serving` })
        if (!reported) {
          reported = true
          options.listening(address.port)
        }
      })
      worker.on("exit", (code, signal) => {
        live.delete(worker)
        const served = ready.delete(worker)
        const settled = settling.get(worker)
        clearTimeout(settled)
        settling.delete(worker)
        const how = signal ?? code
        if (!stopping) {
          if (served && settled === undefined) {
            options.log({ zh: `工作进程 ${worker.process.pid} 退出（${how}），已重新启动`, en: `worker ${worker.process.pid} exited (${how}); started another` })
            fork()
          } else if (served) {
            // it died soon after it began to serve: as likely to happen again as a failed start
            retry(worker, `开始服务后不久即退出（${how}）`, `exited (${how}) soon after it began serving`)
          } else if (!reported) {
            // the service never came up (the database refused it, the port is taken): stop
            failure = new Error(`a serve worker exited (${how}) before it listened`)
            stop()
          } else {
            // a replacement that cannot start yet (the database is restarting): try again later
            retry(worker, `未能启动（${how}）`, `exited (${how}) before it listened`)
          }
        }
        // a serving worker ended by a signal while stopping did not finish the requests it took
        // (one still starting has none: Ctrl-C ends it at once)
        if (stopping && served && signal !== null) failure ??= new Error(`serve worker ${worker.process.pid} was ended by ${signal} before it finished its requests`)
        forkNumber.delete(worker)
        if (stopping && live.size === 0) resolve()
      })
    }
    const stop = (): void => {
      if (stopping) return
      stopping = true
      for (const timer of retries) clearTimeout(timer)
      retries.clear()
      for (const timer of settling.values()) clearTimeout(timer)
      settling.clear()
      if (live.size === 0) resolve()
      for (const w of live) w.process.kill("SIGTERM")
    }
    for (let i = 0; i < options.workers; i++) fork()
    void signalled().then(stop)
  })
  await done
  if (failure !== undefined) throw failure
}
