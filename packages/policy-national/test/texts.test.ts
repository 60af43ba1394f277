// The reasons people read, pinned: every reason the national rules give over a seeded synthetic
// population, by code, with its citation and both texts. A changed word shows up here for review
// (update with `vitest -u` when the change is meant).
import { Engine, Loader } from "@liushou/core"
import { syntheticPopulation } from "@liushou/testkit"
import { expect, it } from "vitest"
import { national } from "../src/index.js"

it("the reasons' codes, citations and texts are the reviewed ones", () => {
  const registry = Loader.load([national])
  const policy = registry.policies[0]!
  const engine = Engine.make(registry)
  const reasons = new Map<string, string>()
  for (const asOf of ["2018-06-30", "2024-06-30"]) {
    const plan = engine.plan(policy, asOf)
    for (const cf of syntheticPopulation(3000, { region: "130121", seed: 7, asOf })) {
      const e = plan.evaluate(cf, { value: policy.key, reasons: [] })
      const all = [...e.leftBehind.reasons, ...e.priority.reasons, ...e.duties.flatMap((d) => d.reasons), ...(e.visits?.reasons ?? [])]
      for (const r of all) reasons.set(`${r.code} ${r.text.en}`, `${r.citation.document} ${r.citation.clause} | ${r.text.zh} | ${r.text.en}`)
    }
  }
  expect(reasons.size).toBeGreaterThan(15)
  expect(Object.fromEntries([...reasons].sort(([a], [b]) => (a < b ? -1 : 1)))).toMatchSnapshot()
})
