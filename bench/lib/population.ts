/**
 * The benchmark populations: deterministic synthetic case files from the testkit, seed
 * fixed, as JSON Lines files in a temporary folder (written once per run, read by the child
 * processes), or in memory.
 */
import { createReadStream, createWriteStream, existsSync, mkdirSync, renameSync, statSync } from "node:fs"
import * as os from "node:os"
import * as path from "node:path"
import type { CaseFile } from "@liushou/core"
import { syntheticCases } from "@liushou/testkit"

/** the as-of date of every figure: inside Hunan's 2018-08-03..2023-08-02 */
export const AS_OF = "2021-06-30"
/** the seed of every population */
export const SEED = 20180803
/** the risk levels the recorded assessments are drawn from (Hunan's) */
export const RISK_LEVELS = ["low", "medium", "high"] as const

/**
 * Population kinds: a province (region "43": elders spread over 18 Hunan counties, of which
 * only Changsha County has sample dibao figures) and a county (Changsha County, 430121, every
 * regional figure known).
 */
export type Kind = "province" | "county"

const regionOf = (kind: Kind): string => (kind === "province" ? "43" : "430121")

/** the options of a population */
export const options = (kind: Kind) => ({ region: regionOf(kind), seed: SEED, asOf: AS_OF, riskLevels: RISK_LEVELS })

/** a lazy stream of case files */
export const stream = (n: number, kind: Kind): Iterable<CaseFile.CaseFile> => syntheticCases(n, options(kind))

/** an array of case files */
export const array = (n: number, kind: Kind): Array<CaseFile.CaseFile> => {
  const out: Array<CaseFile.CaseFile> = new Array(n)
  let i = 0
  for (const c of stream(n, kind)) out[i++] = c
  return out
}

/** the folder of the JSON Lines files */
export const dir = (): string => process.env.LIUSHOU_BENCH_DIR ?? path.join(os.tmpdir(), "liushou-bench")

/** the JSON Lines file of a population, written when missing (or when `fresh`) */
export const jsonl = async (n: number, kind: Kind, fresh = false): Promise<string> => {
  mkdirSync(dir(), { recursive: true })
  const file = path.join(dir(), `${kind}-${n}-${SEED}-${AS_OF}.jsonl`)
  if (!fresh && existsSync(file) && statSync(file).size > 0) return file
  const tmp = `${file}.${process.pid}.tmp`
  const out = createWriteStream(tmp)
  let buf = ""
  for (const c of stream(n, kind)) {
    buf += JSON.stringify(c) + "\n"
    if (buf.length > 1 << 20) {
      if (!out.write(buf)) await new Promise<void>((r) => out.once("drain", () => r()))
      buf = ""
    }
  }
  out.write(buf)
  await new Promise<void>((resolve, reject) => out.end((e?: Error | null) => (e ? reject(e) : resolve())))
  renameSync(tmp, file)
  return file
}

/**
 * The lines of a JSON Lines file, streamed. A generator over the file's chunks, not a readline
 * interface: readline emits lines as soon as the stream flows, and a consumer that awaits
 * something before it starts iterating (the importer writes its import row first) loses the
 * lines emitted meanwhile. Nothing is read here until the consumer asks for the first line.
 */
export async function* lines(file: string): AsyncIterable<string> {
  let rest = ""
  for await (const chunk of createReadStream(file, { encoding: "utf8", highWaterMark: 1 << 20 }) as AsyncIterable<string>) {
    const parts = (rest + chunk).split("\n")
    rest = parts.pop()!
    for (const p of parts) yield p.endsWith("\r") ? p.slice(0, -1) : p
  }
  if (rest !== "") yield rest
}
