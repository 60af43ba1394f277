// The reasons people read, pinned: every reason the Hunan rules give over a seeded synthetic
// population, by code, with its citation and both texts, and every why-not (the smallest change
// of facts that would change a risk level or an eligibility) with its field, comparison and both
// texts. A changed word shows up here for review (update with `vitest -u` when the change is
// meant). The scenario files' cases are pinned the same way: they reach decisions the population
// rarely or never makes (a support dispute, a medical need before dibao, no disability
// certificate in a dibao household).
import { Engine, Loader } from "@liushou/core"
import type { Decision, Evaluation } from "@liushou/core"
import { national } from "@liushou/policy-national"
import { Scenarios, syntheticPopulation } from "@liushou/testkit"
import { expect, it } from "vitest"
import { hunan } from "../src/index.js"

const texts = () => {
  const reasons = new Map<string, string>()
  const whyNots = new Map<string, string>()
  const add = (rs: ReadonlyArray<Decision.Reason> | undefined) => {
    for (const r of rs ?? []) reasons.set(`${r.code} ${r.text.en}`, `${r.citation.document} ${r.citation.clause} | ${r.text.zh} | ${r.text.en}`)
  }
  const addWhyNot = (ws: ReadonlyArray<Decision.Counterfactual> | undefined) => {
    for (const w of ws ?? []) whyNots.set(`${w.field} ${w.operator} ${String(w.to)} → ${w.result}: ${w.text.en}`, `${w.text.zh} | ${w.text.en}`)
  }
  const collect = (e: Evaluation.Evaluation) => {
    add(e.leftBehind.reasons)
    add(e.priority.reasons)
    e.duties.forEach((d) => add(d.reasons))
    add(e.followUp?.reasons)
    add(e.risk?.reasons)
    add(e.risk?.suggested?.reasons)
    add(e.visits?.reasons)
    add(e.responsibility?.reasons)
    add(e.services?.reasons)
    e.eligibility?.forEach((d) => add(d.reasons))
    e.referrals?.forEach((d) => add(d.reasons))
    addWhyNot(e.risk?.whyNot)
    addWhyNot(e.risk?.suggested?.whyNot)
    e.eligibility?.forEach((d) => addWhyNot(d.whyNot))
  }
  const sorted = (m: Map<string, string>) => Object.fromEntries([...m].sort(([a], [b]) => (a < b ? -1 : 1)))
  return { collect, reasons: () => sorted(reasons), whyNots: () => sorted(whyNots), sizes: () => [reasons.size, whyNots.size] as const }
}

it("the reasons' codes, citations and texts are the reviewed ones", () => {
  const registry = Loader.load([national, hunan])
  const policy = registry.policies.find((p) => p.plugin.id === hunan.id)!
  const engine = Engine.make(registry)
  const t = texts()
  for (const asOf of ["2019-06-30", "2022-12-31"]) {
    const plan = engine.plan(policy, asOf)
    for (const cf of syntheticPopulation(3000, { region: "43", seed: 7, asOf })) t.collect(plan.evaluate(cf, { value: policy.key, reasons: [] }))
  }
  expect(t.sizes()[0]).toBeGreaterThan(60)
  expect(t.reasons()).toMatchSnapshot()
  expect(t.sizes()[1]).toBeGreaterThan(20)
  expect(t.whyNots()).toMatchSnapshot()
})

it("the reasons and why-nots of the scenario files' cases are the reviewed ones", () => {
  const run = Scenarios.runner([national, hunan])
  const t = texts()
  let evaluated = 0
  for (const file of Scenarios.loadFiles(new URL("./scenarios/", import.meta.url))) {
    for (const scenario of file.scenarios) {
      const r = run(scenario)
      if (r.evaluation === null) continue
      evaluated++
      t.collect(r.evaluation)
    }
  }
  expect(evaluated).toBeGreaterThan(100)
  expect(t.reasons()).toMatchSnapshot()
  expect(t.whyNots()).toMatchSnapshot()
})
