/**
 * Worker processes for the tests that need real processes (crashes, parallel assessment, the
 * import lock): `support/worker.ts` run with tsx from the repository root, its output collected.
 */
import { spawn } from "node:child_process"
import { dirname, join } from "node:path"
import { fileURLToPath } from "node:url"

const here = dirname(fileURLToPath(import.meta.url))
const root = join(here, "..", "..", "..", "..")
const worker = join(here, "worker.ts")

/** A running worker: its process, how it ended, and what it has printed so far. */
export interface Worker {
  readonly child: ReturnType<typeof spawn>
  readonly exited: Promise<{ readonly code: number | null; readonly signal: NodeJS.Signals | null }>
  /** everything printed on stdout so far */
  readonly out: () => string
  /** the non-empty lines printed on stdout so far */
  readonly lines: () => ReadonlyArray<string>
  readonly err: () => string
  /** writes to the worker's stdin (started with `stdin: true`) */
  readonly write: (text: string) => void
}

/**
 * Starts `support/worker.ts` with the given arguments (see its header for the commands); `env`
 * is added to this process's environment; `stdin` gives the worker a stdin to write to.
 */
export const startWorker = (args: ReadonlyArray<string>, options: { readonly env?: Record<string, string>; readonly stdin?: boolean } = {}): Worker => {
  const child = spawn(process.execPath, ["--conditions=@liushou/source", "--import", "tsx", worker, ...args], {
    cwd: root,
    stdio: [options.stdin === true ? "pipe" : "ignore", "pipe", "pipe"],
    env: { ...process.env, ...options.env }
  })
  let out = ""
  let err = ""
  child.stdout!.on("data", (d: Buffer) => (out += d.toString()))
  child.stderr!.on("data", (d: Buffer) => (err += d.toString()))
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.on("exit", (code, signal) => resolve({ code, signal })))
  return {
    child,
    exited,
    out: () => out,
    lines: () => out.split("\n").filter((l) => l !== ""),
    err: () => err,
    write: (text) => {
      child.stdin!.write(text)
    }
  }
}
