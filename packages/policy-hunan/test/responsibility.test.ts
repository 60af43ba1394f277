// §1 §3 §4 under a county that sets the responsibility choices otherwise: pairings (结对帮扶)
// required for the highest risk level instead of the key targets, and no named responsible
// visitor required. The scenarios (test/scenarios/s1-s3-s4-responsibility.yaml) cover Hunan's own
// choices.
import { Engine, Loader, type Parameter, Policy } from "@liushou/core"
import { national } from "@liushou/policy-national"
import { describe, expect, it } from "vitest"
import { hunan, HunanParameters as P } from "../src/index.js"
import { base } from "./helpers.js"

const county = Policy.define({
  ...hunan,
  id: "county-responsibility-test",
  region: "430121",
  effectiveFrom: "2019-01-01",
  extends: { id: hunan.id, version: `^${hunan.version}` },
  rules: {},
  overrides: [],
  // a child declares only its own vocabularies; the chain's extend down to it
  vocabularies: {},
  parameters: [
    { ...P.pairingRequiredFor, values: [{ from: "2019-01-01", value: ["high-risk"] }] },
    { ...P.visitorRequired, values: [{ from: "2019-01-01", value: false }] }
  ] as ReadonlyArray<Parameter.Parameter>
})
const engine = Engine.make(Loader.load([national, hunan, county]))
const AS_OF = "2019-06-30"
const graded = (level: string) => {
  const r = engine.evaluate(base({}, { riskAssessments: [{ date: "2019-01-10", level }] }), AS_OF)
  if (!r.ok) throw new Error(r.error.reason.reasons.map((x) => x.text.en).join("; "))
  expect(r.value.policy.id).toBe(county.id)
  return r.value
}

describe("responsibility under a county's own choices", () => {
  it("the county loads", () => expect(engine.registry.errors).toEqual([]))

  it("pairing is required for the highest risk level only", () => {
    const high = graded("high")
    expect(high.risk?.level).toBe("high")
    expect(high.responsibility).toMatchObject({ pairingRequired: true, pairing: "missing" })
    expect(high.responsibility!.reasons.map((r) => r.code)).toContain("responsibility.pairing.missing")
    expect(high.responsibility!.reasons.find((r) => r.code === "responsibility.pairing.missing")!.text.en).toBe("must be paired (high-risk) but has no pairing")
    for (const level of ["low", "medium"]) {
      const e = graded(level)
      expect(e.risk?.level).toBe(level)
      expect(e.responsibility).toMatchObject({ pairingRequired: false, pairing: "not-required" })
    }
  })

  it("a left-behind elder without a named visitor is not flagged, and the reason says the policy does not require one (not that the elder is not left behind)", () => {
    const e = graded("low")
    expect(e.leftBehind.value).toBe(true)
    expect(e.responsibility).toMatchObject({ responsibleVisitor: null, visitorRequired: false, visitor: "not-required" })
    const optional = e.responsibility!.reasons.find((r) => r.code === "responsibility.visitor.optional")
    expect(optional?.text).toEqual({ zh: "本政策未要求每人指定责任探访人", en: "this policy does not require a named responsible visitor" })
    expect(e.responsibility!.reasons.map((r) => r.code)).toEqual(["responsibility.visitor.optional", "responsibility.pairing.not-required"])
  })
})
