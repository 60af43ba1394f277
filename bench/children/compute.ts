/**
 * The in-memory figures, in one process with a large heap: evaluation against the
 * hand-written baseline (after the agreement check), json-rules-engine, decoding, and the
 * impact report. Prints each figure; writes them as JSON to the file named by argv[2].
 *
 * Arguments: <out.json> <n> (n: the large population, 1,000,000 or 100,000 with --quick)
 */
import { writeFileSync } from "node:fs"
import { cpus } from "node:os"
import { Worker } from "node:worker_threads"
import { Decode, Engine, Loader, Selection } from "@liushou/core"
import type { CaseFile } from "@liushou/core"
import { diffPolicies } from "@liushou/testkit"
import { hunan } from "@liushou/policy-hunan"
import { national } from "@liushou/policy-national"
import { makeHunanHandwritten } from "../baseline/hunan-handwritten.js"
import { facts, makeJre } from "../baseline/jre-rules.js"
import { agreement } from "../lib/agree.js"
import { changshaVariant, hunanPlan } from "../lib/policies.js"
import * as Pop from "../lib/population.js"
import { all, rateRange, record as put, type Result } from "../lib/results.js"
import { clock, interleaved, interleavedAsync, median, now, spread, time } from "../lib/stats.js"

const out = process.argv[2]!
const N = Number(process.argv[3] ?? 1_000_000)
const RUNS = Number(process.env.LIUSHOU_BENCH_RUNS ?? 5)
const only = (process.env.LIUSHOU_BENCH_ONLY ?? "").split(",").filter((s) => s !== "")
const want = (s: string) => only.length === 0 || only.includes(s)
const k = (n: number) => (n >= 1_000_000 ? `${n / 1_000_000}M` : `${n / 1000}k`)
let sink = 0
/** how the code ran, in each figure's note (bench/run.ts compiles this child unless --sources) */
const CODE =
  process.env.LIUSHOU_BENCH_CODE === "built"
    ? "run as built: the packages' dist/ (pnpm build), the bench and its baselines compiled the same way (esbuild, node20, no tsx)"
    : "run from the TypeScript sources through tsx (keepNames: every function made at run time is named by a call)"
const record = (r: Result): Result => put({ ...r, note: r.note === undefined ? CODE : `${r.note}; ${CODE}` })

const { plan, selection, evaluate } = hunanPlan()
const hand = makeHunanHandwritten(Pop.AS_OF)

// 1. evaluation ---------------------------------------------------------------------------
if (want("evaluate")) {
  console.log(`evaluation (Hunan plugin, every rule with reasons; clock: ${clock} time)`)
  const sample = [...Pop.array(10_000, "province"), ...Pop.array(10_000, "county")]
  const a = agreement(sample, evaluate, hand)
  record({
    name: "agreement: hand-written baseline vs Hunan plugin (values and reason codes, 20k sample)",
    value: a.rate * 100,
    unit: "%",
    baseline: null,
    ratio: null,
    target: "100%",
    met: a.rate === 1,
    note: a.rate === 1 ? `${a.agreed} of ${a.checked} cases agree` : `${a.checked - a.agreed} disagree: ${JSON.stringify(a.byPart)}; e.g. ${a.examples.map((x) => `${x.elderId} ${x.difference}`).join("; ")}`
  })
  for (const [n, kind] of [
    [N, "province"],
    [Math.min(N, 100_000), "county"]
  ] as const) {
    const cases = Pop.array(n, kind)
    // What a host gets from the public API: case files enter through the decoder, which
    // computes each one's input version (the hash of its canonical JSON) once and records it
    // (the decode figures below include that cost); engine.evaluate takes it from there.
    // Decoded here, untimed, as the data enters.
    for (let i = 0; i < cases.length; i++) if (!Decode.caseFile(cases[i]).ok) throw new Error(`case ${i} does not decode`)
    // The same population as objects the decoder never saw (equal content, other objects):
    // the public API then computes each input version in every call.
    const fresh = Pop.array(n, kind)
    // A ledger knows the version from the import and passes it in.
    const versions = fresh.map((c) => Engine.inputVersion(c))
    const eng = Engine.make(Loader.load([national, hunan]))
    const r = interleaved(
      {
        public: () => {
          for (let i = 0; i < cases.length; i++) {
            const x = eng.evaluate(cases[i]!, Pop.AS_OF)
            if (x.ok) sink += x.value.duties.length
          }
        },
        hashing: () => {
          for (let i = 0; i < fresh.length; i++) {
            const x = eng.evaluate(fresh[i]!, Pop.AS_OF)
            if (x.ok) sink += x.value.duties.length
          }
        },
        known: () => {
          for (let i = 0; i < fresh.length; i++) {
            const x = eng.evaluate(fresh[i]!, Pop.AS_OF, { inputVersion: versions[i]! })
            if (x.ok) sink += x.value.duties.length
          }
        },
        plan: () => {
          for (let i = 0; i < cases.length; i++) sink += plan.evaluate(cases[i]!, selection, "v").duties.length
        },
        hand: () => {
          for (let i = 0; i < cases.length; i++) sink += hand(cases[i]!).duties.length
        }
      },
      { runs: RUNS, warmup: 1 }
    )
    const rate = (s: { median: number }) => (n / s.median) * 1000
    const figure = (name: string, key: "public" | "hashing" | "known" | "plan", target: string, limit: number | null, note: string) =>
      record({
        name,
        value: rate(r[key]),
        unit: "elders/s",
        baseline: rate(r.hand),
        ratio: r[key].median / r.hand.median,
        ratioMeaning: "liushou time / hand-written time",
        target,
        met: limit === null ? null : r[key].median / r.hand.median <= limit,
        runs: r[key].runs,
        range: { value: rateRange(n, r[key]), baseline: rateRange(n, r.hand) },
        clock,
        note
      })
    figure(
      `Engine.evaluate: ${k(n)} ${kind} elders, one core, public API on decoded case files (Hunan plugin)`,
      "public",
      "ratio <= 1.5",
      1.5,
      "what a caller gets from engine.evaluate(caseFile, asOf) for a case file that came through Decode.caseFile or Decode.parseText: selection, evaluation, and in the provenance the input version the decoder computed and recorded (its cost is in the decode figures, not here)"
    )
    figure(
      `Engine.evaluate: ${k(n)} ${kind} elders, one core, public API computing each input version (Hunan plugin)`,
      "hashing",
      "none (the issue's target is the public API on decoded case files)",
      null,
      "engine.evaluate(caseFile, asOf) on objects the decoder never returned (built in code): the input version (hash of the canonical case file) is computed in every call"
    )
    figure(
      `Engine.evaluate: ${k(n)} ${kind} elders, one core, input version passed in (as the ledger does)`,
      "known",
      "ratio <= 1.5",
      1.5,
      "engine.evaluate(caseFile, asOf, { inputVersion }): the version computed once where the data entered (the importer stores it with the case file)"
    )
    figure(
      `plan.evaluate: ${k(n)} ${kind} elders, one core, compiled plan with a fixed version (no selection, no hash)`,
      "plan",
      "ratio <= 2",
      2,
      "the rules alone: what the hand-written function does, with every reason and citation"
    )
    // 6. impact report over the same population
    if (kind === "province" && want("impact")) {
      const registry = Loader.load([national, hunan, changshaVariant])
      const before = Selection.find(registry, hunan.id)!
      const after = Selection.find(registry, changshaVariant.id)!
      let changed = 0
      // the report is slow (see docs/performance.md): three runs at 100k, one at 1M
      const runs = n >= 1_000_000 ? 1 : 3
      const impactMs: Array<number> = []
      const twiceMs: Array<number> = []
      for (let i = 0; i < runs; i++) {
        impactMs.push(time(() => void (changed = diffPolicies(before, after, cases, Pop.AS_OF).changed)))
        twiceMs.push(
          time(() => {
            for (let j = 0; j < cases.length; j++) sink += plan.evaluate(cases[j]!, selection, "v").duties.length + plan.evaluate(cases[j]!, selection, "v").duties.length
          })
        )
      }
      const m = median(impactMs)
      const im = spread(impactMs)
      const tw = spread(twiceMs)
      record({
        name: `impact report over ${k(n)} province elders (Hunan vs a Changsha County 2x low-income line)`,
        value: m / 1000,
        unit: "s",
        baseline: median(twiceMs) / 1000,
        ratio: m / median(twiceMs),
        ratioMeaning: "report time / time of two bare evaluations per elder",
        target: "seconds",
        met: m / 1000 < 10,
        runs,
        range: { value: [im.min / 1000, im.max / 1000], baseline: [tw.min / 1000, tw.max / 1000] },
        clock,
        ...(runs < 5 ? { single: `${runs} run${runs === 1 ? "" : "s"}, each next to its baseline: a report over ${k(n)} elders takes seconds and holds two evaluations per elder in memory` } : {}),
        note: `${changed} elders change`
      })
    }
  }
}

// 1b. evaluation across cores (worker threads), wall clock -----------------------------------
if (want("parallel")) {
  const total = Math.min(N, 400_000)
  const threads = Math.max(2, cpus().length)
  console.log(`evaluation across ${threads} worker threads (wall clock)`)
  const pool = async (count: number) => {
    const workers = Array.from({ length: count }, (_, part) => new Worker(new URL("./worker.mjs", import.meta.url), { workerData: { n: Math.floor(total / count), part }, execArgv: process.execArgv.filter((a) => !a.startsWith("--max-old-space-size")) }))
    const next = (w: Worker) =>
      new Promise<void>((resolve, reject) => {
        w.once("message", () => resolve())
        w.once("error", reject)
      })
    await Promise.all(workers.map(next))
    return {
      round: async (): Promise<number> => {
        const t = now()
        const done = Promise.all(workers.map(next))
        for (const w of workers) w.postMessage("go")
        await done
        return now() - t
      },
      stop: () => workers.forEach((w) => w.postMessage("stop"))
    }
  }
  // both pools alive, rounds interleaved, so both see the same machine load
  const single = await pool(1)
  const multi = await pool(threads)
  await single.round()
  await multi.round()
  const a: Array<number> = []
  const b: Array<number> = []
  for (let i = 0; i < RUNS; i++) {
    a.push(await multi.round())
    b.push(await single.round())
  }
  single.stop()
  multi.stop()
  const one = median(b)
  const many = median(a)
  const sa = spread(a)
  const sb = spread(b)
  record({
    name: `evaluate ${k(total)} province elders on ${threads} worker threads (Hunan plugin)`,
    value: (total / many) * 1000,
    unit: "elders/s",
    baseline: (total / one) * 1000,
    ratio: one / many,
    ratioMeaning: `speed-up over 1 worker thread (wall clock; ${threads} cores)`,
    target: "pays with idle cores",
    met: null,
    runs: RUNS,
    range: { value: rateRange(total, sa), baseline: rateRange(total, sb) },
    clock: "wall",
    note: "wall clock: on a machine shared with other work the speed-up is bounded by the idle cores"
  })
}

// 2. json-rules-engine ----------------------------------------------------------------------
if (want("jre")) {
  console.log("json-rules-engine (risk grading and eligibility, same rules)")
  const n = Math.min(10_000, Math.max(2_000, N / 100))
  const cases = Pop.array(n, "county")
  const jre = makeJre()
  // the inputs the JSON rules take as facts: left-behind status and follow-up step, from plain code
  const pre = cases.map((cf) => {
    const h = hand(cf)
    return { leftBehind: h.leftBehind, serious: h.followUp.step === "criticism-education" || h.followUp.step === "law-enforcement" }
  })
  // agreement of the JSON rules with the plugin on risk level and program statuses
  let agreeCount = 0
  for (let i = 0; i < cases.length; i++) {
    const r = await jre(facts(cases[i]!, Pop.AS_OF, pre[i]!.leftBehind, pre[i]!.serious))
    const ev = evaluate(cases[i]!)
    const okRisk = r.riskLevel === ev.risk!.level
    const okEl = ev.eligibility!.every((d) => {
      const j = r.eligibility.find((x) => x.program === d.program)
      return d.status === "receiving" ? j === undefined : j !== undefined && j.status === d.status && j.code === d.reasons[0]!.code
    })
    if (okRisk && okEl) agreeCount++
  }
  // both on the wall clock (json-rules-engine is asynchronous), interleaved
  const jr = await interleavedAsync(
    {
      jre: async () => {
        for (let j = 0; j < cases.length; j++) sink += (await jre(facts(cases[j]!, Pop.AS_OF, pre[j]!.leftBehind, pre[j]!.serious))).eligibility.length
      },
      lib: async () => {
        for (let j = 0; j < cases.length; j++) sink += plan.evaluate(cases[j]!, selection, "v").duties.length
      }
    },
    { runs: RUNS, warmup: 1 }
  )
  const jreMs = [jr.jre.median]
  const libMs = [jr.lib.median]
  const lib = (n / median(libMs)) * 1000
  const peer = (n / median(jreMs)) * 1000
  record({
    name: `json-rules-engine: risk + eligibility of ${k(n)} county elders (liushou: every rule)`,
    value: lib,
    unit: "elders/s",
    baseline: peer,
    ratio: lib / peer,
    ratioMeaning: "liushou rate / json-rules-engine rate",
    target: "ratio >= 50",
    met: lib / peer >= 50,
    runs: jr.lib.runs,
    range: { value: rateRange(n, jr.lib), baseline: rateRange(n, jr.jre) },
    clock: "wall",
    note: `both timed on the wall clock (json-rules-engine is asynchronous); its rules agree with the plugin on risk level and every program's status and first reason code for ${((100 * agreeCount) / n).toFixed(1)}% of the sample`
  })
}

// 3. decoding --------------------------------------------------------------------------------
if (want("decode")) {
  console.log("decoding (Schema)")
  const n = Math.min(N / 10, 50_000)
  const valid = Pop.array(n, "province")
  // every tenth case invalid, in a few different ways
  const mixed: Array<unknown> = valid.map((cf, i) => {
    if (i % 10 !== 9) return cf
    const c = JSON.parse(JSON.stringify(cf)) as Record<string, any>
    switch ((i / 10) % 4 | 0) {
      case 0:
        c.elder.birthDate = "1950-02-30"
        break
      case 1:
        c.elder.regionCode = "4301"
        break
      case 2:
        c.supporters.push({ id: "x", relation: "cousin", whereabouts: "abroad", awaySince: null, reportedToVillage: true, lastContact: null })
        break
      default:
        c.elder.extra = 1
    }
    return c
  })
  const text = mixed.map((c) => JSON.stringify(c)).join("\n")
  const lineList = text.split("\n")
  let ok = 0
  const d0 = interleaved({
    candidate: () => {
      ok = 0
      for (let i = 0; i < mixed.length; i++) if (Decode.caseFile(mixed[i], i).ok) ok++
    },
    baseline: () => {
      for (let i = 0; i < lineList.length; i++) sink += (JSON.parse(lineList[i]!) as CaseFile.CaseFile).supporters.length
    }
  },
  { runs: RUNS, warmup: 1 })
  const d = { candidate: d0.candidate.median, baseline: d0.baseline.median }
  record({
    name: `decode ${k(n)} parsed case files, 90% valid (Decode.caseFile)`,
    value: (n / d.candidate) * 1000,
    unit: "cases/s",
    baseline: (n / d.baseline) * 1000,
    ratio: d.candidate / d.baseline,
    ratioMeaning: "decode time / JSON.parse time of the same cases",
    target: ">= 300,000 cases/s",
    met: (n / d.candidate) * 1000 >= 300_000,
    note: `${ok} valid of ${n}; the decoder computes and records each valid case's input version (the hash of its canonical JSON, which Engine.evaluate then takes instead of hashing again)`,
    runs: d0.candidate.runs,
    range: { value: rateRange(n, d0.candidate), baseline: rateRange(n, d0.baseline) },
    clock
  })
  // both sides keep what they parsed (parseText returns every case), so both pay the same
  // garbage-collection cost of holding n objects
  const e0 = interleaved({
    candidate: () => {
      sink += Decode.parseText(text).cases.length
    },
    baseline: () => {
      const kept: Array<unknown> = []
      for (let i = 0; i < lineList.length; i++) kept.push(JSON.parse(lineList[i]!))
      sink += kept.length
    }
  },
  { runs: RUNS, warmup: 1 })
  const e = { candidate: e0.candidate.median, baseline: e0.baseline.median }
  record({
    name: `JSON Lines to decoded case files, ${k(n)} lines, 90% valid (Decode.parseText)`,
    value: (n / e.candidate) * 1000,
    unit: "cases/s",
    baseline: (n / e.baseline) * 1000,
    ratio: e.candidate / e.baseline,
    note: "includes computing and recording each valid case's input version (the hash of its canonical JSON), once, for its evaluations",
    ratioMeaning: "parse+decode time / JSON.parse alone (both keeping the parsed objects)",
    target: "ratio <= 1.5",
    met: e.candidate / e.baseline <= 1.5,
    runs: e0.candidate.runs,
    range: { value: rateRange(n, e0.candidate), baseline: rateRange(n, e0.baseline) },
    clock
  })
  // the same figures for an all-valid file: what a clean ledger costs, without the error
  // reports (each invalid case gets a full bilingual report naming every bad field)
  const validText = valid.map((c) => JSON.stringify(c)).join("\n")
  const validLines = validText.split("\n")
  const v0 = interleaved({
    candidate: () => {
      for (let i = 0; i < valid.length; i++) if (Decode.caseFile(valid[i], i).ok) sink++
    },
    baseline: () => {
      for (let i = 0; i < validLines.length; i++) sink += (JSON.parse(validLines[i]!) as CaseFile.CaseFile).supporters.length
    }
  },
  { runs: RUNS, warmup: 1 })
  const v = { candidate: v0.candidate.median, baseline: v0.baseline.median }
  record({
    name: `decode ${k(n)} parsed case files, all valid (Decode.caseFile)`,
    value: (n / v.candidate) * 1000,
    unit: "cases/s",
    baseline: (n / v.baseline) * 1000,
    ratio: v.candidate / v.baseline,
    note: "includes computing and recording each valid case's input version (the hash of its canonical JSON), once, for its evaluations",
    ratioMeaning: "decode time / JSON.parse time of the same cases",
    target: ">= 300,000 cases/s",
    met: (n / v.candidate) * 1000 >= 300_000,
    runs: v0.candidate.runs,
    range: { value: rateRange(n, v0.candidate), baseline: rateRange(n, v0.baseline) },
    clock
  })
  const w0 = interleaved({
    candidate: () => {
      sink += Decode.parseText(validText).cases.length
    },
    baseline: () => {
      const kept: Array<unknown> = []
      for (let i = 0; i < validLines.length; i++) kept.push(JSON.parse(validLines[i]!))
      sink += kept.length
    }
  },
  { runs: RUNS, warmup: 1 })
  const w = { candidate: w0.candidate.median, baseline: w0.baseline.median }
  record({
    name: `JSON Lines to decoded case files, ${k(n)} lines, all valid (Decode.parseText)`,
    value: (n / w.candidate) * 1000,
    unit: "cases/s",
    baseline: (n / w.baseline) * 1000,
    ratio: w.candidate / w.baseline,
    note: "includes computing and recording each valid case's input version (the hash of its canonical JSON), once, for its evaluations",
    ratioMeaning: "parse+decode time / JSON.parse alone (both keeping the parsed objects)",
    target: "ratio <= 1.5",
    met: w.candidate / w.baseline <= 1.5,
    runs: w0.candidate.runs,
    range: { value: rateRange(n, w0.candidate), baseline: rateRange(n, w0.baseline) },
    clock
  })
}

writeFileSync(out, JSON.stringify({ results: all(), sink }))
