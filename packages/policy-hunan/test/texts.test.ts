// The reasons people read, pinned: every reason the Hunan rules give over a seeded synthetic
// population, by code, with its citation and both texts, and every why-not (the smallest change
// of facts that would change a risk level or an eligibility) with its field, comparison and both
// texts. A changed word shows up here for review (update with `vitest -u` when the change is
// meant).
import { Engine, Loader } from "@liushou/core"
import type { Decision } from "@liushou/core"
import { national } from "@liushou/policy-national"
import { syntheticPopulation } from "@liushou/testkit"
import { expect, it } from "vitest"
import { hunan } from "../src/index.js"

it("the reasons' codes, citations and texts are the reviewed ones", () => {
  const registry = Loader.load([national, hunan])
  const policy = registry.policies.find((p) => p.plugin.id === hunan.id)!
  const engine = Engine.make(registry)
  const reasons = new Map<string, string>()
  const whyNots = new Map<string, string>()
  const add = (rs: ReadonlyArray<Decision.Reason> | undefined) => {
    for (const r of rs ?? []) reasons.set(`${r.code} ${r.text.en}`, `${r.citation.document} ${r.citation.clause} | ${r.text.zh} | ${r.text.en}`)
  }
  const addWhyNot = (ws: ReadonlyArray<Decision.Counterfactual> | undefined) => {
    for (const w of ws ?? []) whyNots.set(`${w.field} ${w.operator} ${String(w.to)} → ${w.result}`, `${w.text.zh} | ${w.text.en}`)
  }
  for (const asOf of ["2019-06-30", "2022-12-31"]) {
    const plan = engine.plan(policy, asOf)
    for (const cf of syntheticPopulation(3000, { region: "43", seed: 7, asOf })) {
      const e = plan.evaluate(cf, { value: policy.key, reasons: [] })
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
  }
  expect(reasons.size).toBeGreaterThan(60)
  expect(Object.fromEntries([...reasons].sort(([a], [b]) => (a < b ? -1 : 1)))).toMatchSnapshot()
  expect(whyNots.size).toBeGreaterThan(20)
  expect(Object.fromEntries([...whyNots].sort(([a], [b]) => (a < b ? -1 : 1)))).toMatchSnapshot()
})
