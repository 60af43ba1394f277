/**
 * Timing helpers: medians of several runs, each candidate run next to its baseline run so
 * both see the same machine load.
 */

/** the median of a list of numbers */
export const median = (xs: ReadonlyArray<number>): number => {
  const s = [...xs].sort((a, b) => a - b)
  const m = s.length >> 1
  return s.length % 2 === 1 ? s[m]! : (s[m - 1]! + s[m]!) / 2
}

/** the p-th percentile (0..100) by nearest rank */
export const percentile = (xs: ReadonlyArray<number>, p: number): number => {
  const s = [...xs].sort((a, b) => a - b)
  const i = Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1))
  return s[i]!
}

/** the median, smallest and largest of a list of timings, and how many there were */
export interface Spread {
  readonly median: number
  readonly min: number
  readonly max: number
  readonly runs: number
}

/** the spread of a list of numbers */
export const spread = (xs: ReadonlyArray<number>): Spread => ({ median: median(xs), min: Math.min(...xs), max: Math.max(...xs), runs: xs.length })

/**
 * Interleaved runs of several candidates on one clock: `warmup` untimed rounds, then `runs`
 * timed rounds, each round running every candidate once, the order rotating from round to
 * round so that none always runs first (or last) under the machine's load. Returns the spread
 * of each candidate's milliseconds.
 */
export const interleaved = <K extends string>(fns: Readonly<Record<K, () => void>>, options: { readonly runs?: number; readonly warmup?: number; readonly clock?: "cpu" | "wall" } = {}): Record<K, Spread> => {
  const keys = Object.keys(fns) as Array<K>
  const runs = Math.max(1, options.runs ?? 5)
  for (let i = 0; i < (options.warmup ?? 1); i++) for (const key of keys) fns[key]()
  const times = Object.fromEntries(keys.map((key) => [key, [] as Array<number>])) as Record<K, Array<number>>
  const timer = options.clock === "wall" ? timeWall : time
  for (let i = 0; i < runs; i++) {
    for (let j = 0; j < keys.length; j++) {
      const key = keys[(i + j) % keys.length]!
      times[key].push(timer(fns[key]))
    }
  }
  return Object.fromEntries(keys.map((key) => [key, spread(times[key])])) as Record<K, Spread>
}

/** the asynchronous form of {@link interleaved}, always on the wall clock */
export const interleavedAsync = async <K extends string>(fns: Readonly<Record<K, () => Promise<unknown>>>, options: { readonly runs?: number; readonly warmup?: number } = {}): Promise<Record<K, Spread>> => {
  const keys = Object.keys(fns) as Array<K>
  const runs = Math.max(1, options.runs ?? 5)
  for (let i = 0; i < (options.warmup ?? 1); i++) for (const key of keys) await fns[key]()
  const times = Object.fromEntries(keys.map((key) => [key, [] as Array<number>])) as Record<K, Array<number>>
  for (let i = 0; i < runs; i++) {
    for (let j = 0; j < keys.length; j++) {
      const key = keys[(i + j) % keys.length]!
      times[key].push(await timeAsync(fns[key]))
    }
  }
  return Object.fromEntries(keys.map((key) => [key, spread(times[key])])) as Record<K, Spread>
}

const timeWall = (fn: () => void): number => {
  const t = now()
  fn()
  return now() - t
}

/** milliseconds since an arbitrary origin, high resolution */
export const now = (): number => Number(process.hrtime.bigint()) / 1e6

/**
 * The clock the single-threaded figures use: `cpu` (default) is this process's CPU time (user +
 * system), which other processes competing for the cores do not inflate; `wall` is elapsed time.
 * Set with LIUSHOU_BENCH_CLOCK=wall.
 */
export const clock: "cpu" | "wall" = process.env.LIUSHOU_BENCH_CLOCK === "wall" ? "wall" : "cpu"

const cpuNow = (): number => {
  const u = process.cpuUsage()
  return (u.user + u.system) / 1000
}

/** runs `fn` once and returns the milliseconds it took on {@link clock} */
export const time = (fn: () => void): number => {
  if (clock === "wall") {
    const t = now()
    fn()
    return now() - t
  }
  const t = cpuNow()
  fn()
  return cpuNow() - t
}

/** runs `fn` once and returns the elapsed milliseconds */
export const timeAsync = async (fn: () => Promise<unknown>): Promise<number> => {
  const t = now()
  await fn()
  return now() - t
}

/**
 * Interleaved runs of a candidate and its baseline: `warmup` untimed rounds, then `runs`
 * timed rounds (candidate then baseline, order alternating), returning the median
 * milliseconds of each.
 */
export const paired = (candidate: () => void, baseline: () => void, options: { readonly runs?: number; readonly warmup?: number } = {}): { readonly candidate: number; readonly baseline: number; readonly candidateRuns: Array<number>; readonly baselineRuns: Array<number> } => {
  const runs = options.runs ?? 7
  const warmup = options.warmup ?? 2
  for (let i = 0; i < warmup; i++) {
    candidate()
    baseline()
  }
  const a: Array<number> = []
  const b: Array<number> = []
  for (let i = 0; i < runs; i++) {
    if (i % 2 === 0) {
      a.push(time(candidate))
      b.push(time(baseline))
    } else {
      b.push(time(baseline))
      a.push(time(candidate))
    }
  }
  return { candidate: median(a), baseline: median(b), candidateRuns: a, baselineRuns: b }
}

/** the asynchronous form of {@link paired} */
export const pairedAsync = async (candidate: () => Promise<unknown>, baseline: () => Promise<unknown>, options: { readonly runs?: number; readonly warmup?: number } = {}): Promise<{ readonly candidate: number; readonly baseline: number }> => {
  const runs = options.runs ?? 5
  const warmup = options.warmup ?? 1
  for (let i = 0; i < warmup; i++) {
    await candidate()
    await baseline()
  }
  const a: Array<number> = []
  const b: Array<number> = []
  for (let i = 0; i < runs; i++) {
    if (i % 2 === 0) {
      a.push(await timeAsync(candidate))
      b.push(await timeAsync(baseline))
    } else {
      b.push(await timeAsync(baseline))
      a.push(await timeAsync(candidate))
    }
  }
  return { candidate: median(a), baseline: median(b) }
}

/**
 * The county due lists' page: the rows the HTTP load test asks of the API for one county
 * (`/v1/visits-due?limit=100`), so that the due-list figures time what the API serves.
 */
export const DUE_LIST_LIMIT = 100

/** what {@link timeDueLists} measured */
export interface DueListTimes {
  readonly visitRows: number
  readonly assessmentRows: number
  readonly visitsP50: number
  readonly visitsP95: number
  readonly assessmentsP50: number
  readonly assessmentsP95: number
  /** the timed queries of each list (after the warm-up ones) */
  readonly timed: number
  readonly limit: number
}

/**
 * The visit-due and assessment-due lists of one county, `queries` of each alternating, the first
 * `warmup` untimed: p50 and p95 (nearest rank) of each, and how many rows the last one returned.
 */
export const timeDueLists = async (
  ledger: {
    readonly visitsDue: (dueBy: string, o: { region: string; limit: number }) => Promise<ReadonlyArray<unknown>>
    readonly assessmentsDue: (dueBy: string, o: { region: string; limit: number }) => Promise<ReadonlyArray<unknown>>
  },
  county: string,
  dueBy: string,
  options: { readonly queries?: number; readonly warmup?: number; readonly limit?: number } = {}
): Promise<DueListTimes> => {
  const queries = options.queries ?? 25
  const warmup = options.warmup ?? 2
  const limit = options.limit ?? DUE_LIST_LIMIT
  const visits: Array<number> = []
  const assessments: Array<number> = []
  let visitRows = 0
  let assessmentRows = 0
  for (let i = 0; i < queries; i++) {
    let t = now()
    visitRows = (await ledger.visitsDue(dueBy, { region: county, limit })).length
    visits.push(now() - t)
    t = now()
    assessmentRows = (await ledger.assessmentsDue(dueBy, { region: county, limit })).length
    assessments.push(now() - t)
  }
  const v = visits.slice(warmup)
  const a = assessments.slice(warmup)
  return { visitRows, assessmentRows, visitsP50: percentile(v, 50), visitsP95: percentile(v, 95), assessmentsP50: percentile(a, 50), assessmentsP95: percentile(a, 95), timed: v.length, limit }
}
