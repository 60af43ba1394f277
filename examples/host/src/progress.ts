/**
 * Progress of long work (import, assessment): a bar with counts and rate on a terminal
 * (cli-progress, on stderr so stdout stays clean), plain periodic lines otherwise (logs, CI).
 * Ctrl-C asks the work to stop after the current batch; a second Ctrl-C quits at once.
 */
import cliProgress from "cli-progress"

/** A progress display for one piece of work. */
export interface Progress {
  /** sets how far the work is; `counts` are shown next to it (stored, rejected, ...) */
  readonly update: (done: number, counts?: Readonly<Record<string, number>>) => void
  /** sets or changes the total when it becomes known */
  readonly setTotal: (total: number) => void
  /** ends the display (the bar is left at its last state) */
  readonly stop: () => void
}

export interface ProgressOptions {
  readonly label: string
  /** the language of the counts' names and the words around them: Chinese (the default) or English */
  readonly lang?: "zh" | "en"
  readonly total?: number
  /** what was done before this display started (a resumed run): shown, but not counted in the rate */
  readonly initial?: number
  /** whether stderr is a terminal: a bar when true, plain lines when false */
  readonly isTTY: boolean
  /** where plain lines go */
  readonly write: (line: string) => void
  /** how often plain lines are written (ms); default 2000 */
  readonly intervalMs?: number
  /** the stream the bar draws on; default process.stderr */
  readonly stream?: NodeJS.WritableStream
  /** the clock, for tests; default Date.now */
  readonly now?: () => number
}

const fmt = (n: number): string => Math.round(n).toLocaleString("en-US")

/** The Chinese names of the counts long work shows (others are shown as given). */
const COUNTS_ZH: Readonly<Record<string, string>> = {
  stored: "新增",
  updated: "更新",
  unchanged: "未变",
  rejected: "拒收",
  evaluated: "评估",
  skipped: "此前已评估",
  failed: "无适用政策"
}

const countsText = (counts: Readonly<Record<string, number>> | undefined, lang: "zh" | "en"): string =>
  counts === undefined ? "" : Object.entries(counts).map(([k, v]) => `${lang === "zh" ? (COUNTS_ZH[k] ?? k) : k} ${fmt(v)}`).join(lang === "zh" ? "，" : ", ")

/** A duration in seconds in Chinese (the bar's time left), rounded to a multiple of `round` seconds. */
export const zhDuration = (t: number, _options?: unknown, round = 1): string => {
  if (!Number.isFinite(t) || t < 0) return "—"
  const s = round > 1 ? Math.round(t / round) * round : Math.round(t)
  if (s >= 3600) return `${Math.floor(s / 3600)} 小时 ${Math.floor((s % 3600) / 60)} 分`
  if (s >= 60) return `${Math.floor(s / 60)} 分 ${s % 60} 秒`
  return `${s} 秒`
}

/** Starts a progress display. */
export const start = (options: ProgressOptions): Progress => {
  const now = options.now ?? Date.now
  const zh = (options.lang ?? "zh") === "zh"
  const started = now()
  let total = options.total
  const initial = options.initial ?? 0
  let done = initial
  let counts: Readonly<Record<string, number>> | undefined
  const rate = (): number => {
    const s = (now() - started) / 1000
    return s > 0 ? (done - initial) / s : 0
  }
  if (options.isTTY) {
    const bar = new cliProgress.SingleBar(
      {
        format: zh
          ? `${options.label} {bar} {percentage}% | {value}/{total} | 每秒 {rate} 条 | {counts} | 预计剩余 {eta_formatted}`
          : `${options.label} {bar} {percentage}% | {value}/{total} | {rate}/s | {counts} | ETA {eta_formatted}`,
        stream: options.stream ?? process.stderr,
        ...(zh ? { formatTime: zhDuration } : {}),
        hideCursor: true,
        clearOnComplete: false,
        fps: 10,
        etaBuffer: 50
      },
      cliProgress.Presets.shades_classic
    )
    bar.start(total ?? 0, initial, { rate: "0", counts: "" })
    return {
      update: (d, c) => {
        done = d
        counts = c
        bar.update(d, { rate: fmt(rate()), counts: countsText(counts, zh ? "zh" : "en") })
      },
      setTotal: (t) => {
        total = t
        bar.setTotal(t)
      },
      stop: () => bar.stop()
    }
  }
  const interval = options.intervalMs ?? 2000
  let lastLine = started
  const line = (final: boolean): void => {
    const share = total !== undefined && total > 0 ? Math.floor((100 * done) / total) : undefined
    const c = countsText(counts, zh ? "zh" : "en")
    const of = `${fmt(done)}${total !== undefined ? `/${fmt(total)}` : ""}`
    options.write(
      zh
        ? `${options.label}：${of}${share === undefined ? "" : `（${share}%）`}，每秒 ${fmt(rate())} 条${c === "" ? "" : `，${c}`}${final ? "，完成" : ""}`
        : `${options.label}: ${of}${share === undefined ? "" : ` (${share}%)`}, ${fmt(rate())}/s${c === "" ? "" : `, ${c}`}${final ? ", done" : ""}`
    )
  }
  return {
    update: (d, c) => {
      done = d
      counts = c
      const t = now()
      if (t - lastLine >= interval) {
        lastLine = t
        line(false)
      }
    },
    setTotal: (t) => {
      total = t
    },
    stop: () => line(true)
  }
}

/** Thrown from a progress callback to stop work between batches after Ctrl-C. */
export class Interrupted extends Error {
  constructor() {
    super("interrupted (Ctrl-C); run the same command again to resume / 已中断，重新运行同一命令即可继续")
  }
}

/**
 * Listens for Ctrl-C while `work` runs: the first sets `signal.aborted` (the work checks it
 * between batches and stops cleanly), the second exits with code 130.
 */
export const interruptible = async <A>(work: (signal: AbortSignal) => Promise<A>, onFirst: (message: string) => void): Promise<A> => {
  const controller = new AbortController()
  let count = 0
  const handler = (): void => {
    count++
    if (count === 1) {
      controller.abort()
      onFirst("stopping after the current batch (Ctrl-C again to quit now) / 当前批次完成后停止（再按 Ctrl-C 立即退出）")
    } else process.exit(130)
  }
  process.on("SIGINT", handler)
  try {
    return await work(controller.signal)
  } finally {
    process.off("SIGINT", handler)
  }
}
