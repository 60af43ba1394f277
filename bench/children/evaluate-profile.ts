/**
 * Where the time of `Engine.evaluate` goes, next to the hand-written Hunan function: the
 * province population decoded as a host's case files are (each with the input version the
 * decoder records, untimed), then each loop run under the CPU profiler, interleaved, ROUNDS
 * times (after one unprofiled warm-up round each): the public `engine.evaluate(caseFile, asOf)`
 * over every case, and the hand-written function over the same cases. Writes
 * evaluate-<round>.cpuprofile and hand-<round>.cpuprofile into the folder given and prints one
 * JSON line with the CPU time of each loop per round.
 *
 * Arguments: <profile folder> <n>
 */
import { writeFileSync } from "node:fs"
import { Session } from "node:inspector/promises"
import * as path from "node:path"
import { Decode, Engine, Loader } from "@liushou/core"
import { hunan } from "@liushou/policy-hunan"
import { national } from "@liushou/policy-national"
import { makeHunanHandwritten } from "../baseline/hunan-handwritten.js"
import * as Pop from "../lib/population.js"

const [dir, nArg] = process.argv.slice(2) as [string, string]
const n = Number(nArg)
let sink = 0

const ROUNDS = 3

const profiled = async (name: string, fn: () => void): Promise<number> => {
  const session = new Session()
  session.connect()
  await session.post("Profiler.enable")
  await session.post("Profiler.setSamplingInterval", { interval: 1000 })
  await session.post("Profiler.start")
  const before = process.cpuUsage()
  fn()
  const used = process.cpuUsage(before)
  const { profile } = await session.post("Profiler.stop")
  writeFileSync(path.join(dir, `${name}.cpuprofile`), JSON.stringify(profile))
  session.disconnect()
  return (used.user + used.system) / 1000
}

const main = async (): Promise<void> => {
  const cases = Pop.array(n, "province")
  for (let i = 0; i < cases.length; i++) if (!Decode.caseFile(cases[i]).ok) throw new Error(`case ${i} does not decode`)
  const engine = Engine.make(Loader.load([national, hunan]))
  const hand = makeHunanHandwritten(Pop.AS_OF)
  const evaluate = () => {
    for (let i = 0; i < cases.length; i++) {
      const x = engine.evaluate(cases[i]!, Pop.AS_OF)
      if (x.ok) sink += x.value.duties.length
    }
  }
  const handLoop = () => {
    for (let i = 0; i < cases.length; i++) sink += hand(cases[i]!).duties.length
  }
  evaluate()
  handLoop()
  const evaluateMs: Array<number> = []
  const handMs: Array<number> = []
  for (let round = 0; round < ROUNDS; round++) {
    evaluateMs.push(await profiled(`evaluate-${round}`, evaluate))
    handMs.push(await profiled(`hand-${round}`, handLoop))
  }
  process.stdout.write(JSON.stringify({ n, evaluateMs, handMs, sink }) + "\n")
}

main().catch((e) => {
  console.error(e)
  process.exit(1)
})
