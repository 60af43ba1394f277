/**
 * A worker thread for the multi-core evaluation figure: generates its share of the
 * population, then evaluates it with the Hunan plan each time the main thread says "go".
 */
import { parentPort, workerData } from "node:worker_threads"
import { syntheticCases } from "@liushou/testkit"
import { hunanPlan } from "../lib/policies.js"
import * as Pop from "../lib/population.js"

const { n, part } = workerData as { n: number; part: number }
const cases = [...syntheticCases(n, { ...Pop.options("province"), seed: Pop.SEED + part, idPrefix: `W${part}-` })]
const { plan, selection } = hunanPlan()
let sink = 0
parentPort!.on("message", (m: string) => {
  if (m === "stop") process.exit(0)
  for (let i = 0; i < cases.length; i++) sink += plan.evaluate(cases[i]!, selection, "v").duties.length
  parentPort!.postMessage({ done: true, sink })
})
parentPort!.postMessage({ ready: true })
