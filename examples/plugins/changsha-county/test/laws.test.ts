import type { Policy } from "@liushou/core"
import { hunan } from "@liushou/policy-hunan"
import { national } from "@liushou/policy-national"
import { checkPolicyLaws } from "@liushou/testkit/vitest"
import { expect, it } from "vitest"
import * as exported from "../src/index.js"

// The law pack on every plugin this package exports, with its Hunan and national ancestors.
const isPlugin = (x: unknown): x is Policy.PolicyPlugin =>
  typeof x === "object" && x !== null && typeof (x as Policy.PolicyPlugin).id === "string" && typeof (x as Policy.PolicyPlugin).rules === "object" && "effectiveFrom" in x
const plugins = Object.values(exported).filter(isPlugin)

for (const plugin of plugins) {
  checkPolicyLaws([national, hunan, ...plugins], { policy: `${plugin.id}@${plugin.version}`, numRuns: 300 })
}

it("exports at least one policy plugin", () => {
  expect(plugins.length).toBeGreaterThan(0)
})
