import { fc, test } from "@fast-check/vitest"
import { Engine, Loader } from "@liushou/core"
import type { CaseFile } from "@liushou/core"
import { describe, expect, it } from "vitest"
import { caseFileArb } from "./arbitraries.js"
import { base, CONCERNS, PROGRAMS } from "./fixtures.js"

// A chain declaring every vocabulary a case file can name, and a case file naming one id that
// it does not declare (or a fact of the wrong type), at each place a case file names one.
const term = (id: string) => ({ id, name: { zh: id, en: id } })
const FACTS = [
  { ...term("f-bool"), type: "boolean" as const },
  { ...term("f-num"), type: "number" as const },
  { ...term("f-str"), type: "string" as const },
  { ...term("f-date"), type: "date" as const }
]
const LEDGER = [
  { ...term("found"), event: "entered" as const },
  { ...term("died"), event: "exited" as const },
  { ...term("moved"), event: "exited" as const }
]
const KINDS = ["k-care", "k-talk"]
const STEPS = ["none", "remind", "warn"]
const plugin = {
  ...base,
  vocabularies: { ...base.vocabularies, facts: FACTS, ledgerReasons: LEDGER, serviceKinds: KINDS.map(term), followUpSteps: STEPS.map(term) }
}
const engine = Engine.make(Loader.load([plugin]))
const CHAIN = "test-base@1.0.0"
const AS_OF = "2019-06-30"

type Case = Record<string, any>
const visit = (extra: Record<string, unknown> = {}) => ({ date: "2019-01-05", mode: "home", by: "village-committee", concerns: [], ...extra })
// each place: how to put a value there, the field path named, what the vocabulary is called, and the ids declared
const PLACES: ReadonlyArray<{ readonly field: string; readonly put: (c: Case, v: string) => void; readonly en: string; readonly zh: string; readonly declared: ReadonlyArray<string>; readonly other?: ReadonlyArray<string> }> = [
  { field: "elder.receiving[0]", put: (c, v) => void (c.elder.receiving = [v]), en: "program", zh: "项目", declared: PROGRAMS },
  { field: "visits[0].concerns[0]", put: (c, v) => void (c.visits = [visit({ concerns: [v] })]), en: "concern", zh: "关注事项", declared: CONCERNS },
  { field: "ledgerEvents[0].reason", put: (c, v) => void (c.ledgerEvents = [{ date: "2019-01-01", event: "entered", reason: v }]), en: "ledger reason", zh: "台账进出原因", declared: LEDGER.map((l) => l.id), other: ["died", "moved"] },
  { field: "concerns[0].concern", put: (c, v) => void (c.concerns = [{ concern: v, date: "2019-01-01", observedBy: "neighbor" }]), en: "concern", zh: "关注事项", declared: CONCERNS },
  { field: "visits[0].services[0]", put: (c, v) => void (c.visits = [visit({ services: [v] })]), en: "service kind", zh: "关爱服务类别", declared: KINDS },
  { field: "services[0].kind", put: (c, v) => void (c.services = [{ date: "2019-01-01", kind: v, personKind: "village-cadre", personId: "p1" }]), en: "service kind", zh: "关爱服务类别", declared: KINDS },
  {
    field: "services[0].program",
    put: (c, v) => void (c.services = [{ date: "2019-01-01", kind: KINDS[0], personKind: "village-cadre", personId: "p1", program: v }]),
    en: "program",
    zh: "项目",
    declared: PROGRAMS
  },
  // the first step of the ladder means no follow-up: it is not an action a case file records
  { field: "followUps[0].step", put: (c, v) => void (c.followUps = [{ date: "2019-01-01", step: v, by: "village-committee" }]), en: "follow-up step", zh: "跟进步骤", declared: STEPS.slice(1) }
]

const sample = fc.sample(caseFileArb, { numRuns: 1, seed: 11 })[0]!
const clean = (cf: CaseFile.CaseFile): Case => ({ ...JSON.parse(JSON.stringify(cf)), elder: { ...cf.elder, receiving: [] }, visits: [], riskAssessments: [] })

describe("Engine: ids a case file names must be declared by the governing chain", () => {
  test.prop([caseFileArb, fc.nat(), fc.constantFrom("x-unknown", "p-one", "c-abuse", "k-care", "remind", "none", "found", "died")], { numRuns: 400 })(
    "an id at any place is refused exactly when the chain does not declare it there, naming the case, the field, the value, the chain and what is declared, in both languages",
    (cf, pick, value) => {
      const place = PLACES[pick % PLACES.length]!
      const c = clean(cf)
      place.put(c, value)
      const r = engine.evaluate(c as CaseFile.CaseFile, AS_OF)
      // a reason of the other event is refused too (the next test)
      expect(r.ok).toBe(place.declared.includes(value) && !(place.other ?? []).includes(value))
      if (r.ok || (place.other ?? []).includes(value)) return
      expect(r.error.elderId).toBe(c.elder.id)
      const [reason, ...more] = r.error.reason.reasons
      expect(more).toEqual([])
      expect(reason!.code).toBe("vocabulary.undeclared")
      expect(reason!.citation).toEqual({ document: "@liushou/core", clause: "vocabularies" })
      const list = place.declared.join(", ")
      expect(reason!.text.en).toBe(`case ${c.elder.id}: ${place.field} = "${value}" is not a ${place.en} the governing policy chain (${CHAIN}) declares (declared: ${list})`)
      expect(reason!.text.zh).toBe(`案卷 ${c.elder.id} 的 ${place.field} = "${value}" 不是适用政策链（${CHAIN}）声明的${place.zh}（已声明：${list}）`)
    }
  )

  it("a ledger reason declared for the other event is refused, listing the reasons of the event recorded", () => {
    for (const [event, reason, declared, zh] of [
      ["entered", "died", ["found"], "“纳入”原因"],
      ["exited", "found", ["died", "moved"], "“退出”原因"]
    ] as const) {
      const c = clean(sample)
      c.ledgerEvents = [{ date: "2019-01-01", event, reason }]
      const r = engine.evaluate(c as CaseFile.CaseFile, AS_OF)
      if (r.ok) throw new Error("expected a refusal")
      expect(r.error.reason.reasons[0]!.text.en).toContain(`ledgerEvents[0].reason = "${reason}" is not a reason for the event "${event}" the governing policy chain (${CHAIN}) declares (declared: ${declared.join(", ")})`)
      expect(r.error.reason.reasons[0]!.text.zh).toContain(`不是适用政策链（${CHAIN}）声明的${zh}（已声明：${declared.join(", ")}）`)
    }
  })

  test.prop([fc.constantFrom(...FACTS), fc.constantFrom<unknown>(true, 3, "text", "2019-02-29", "2019-02-28", null)], { numRuns: 100 })(
    "a declared fact is accepted with a value of its type or null, and refused otherwise, naming the fact, its type and what was found",
    (fact, value) => {
      const c = clean(sample)
      c.elder.facts = { [fact.id]: value }
      const r = engine.evaluate(c as CaseFile.CaseFile, AS_OF)
      const ofType =
        value === null ||
        (fact.type === "boolean" ? typeof value === "boolean" : fact.type === "number" ? typeof value === "number" : fact.type === "string" ? typeof value === "string" : value === "2019-02-28")
      expect(r.ok).toBe(ofType)
      if (r.ok) return
      const reason = r.error.reason.reasons[0]!
      expect(reason.code).toBe("vocabulary.fact-type")
      expect(reason.text.en).toBe(`case ${c.elder.id}: elder.facts.${fact.id} should be a ${fact.type} (or null), found a ${typeof value}`)
      expect(reason.text.zh).toBe(`案卷 ${c.elder.id} 的 elder.facts.${fact.id} 应为 ${fact.type} 类型（或 null），实际为 ${typeof value}`)
    }
  )

  it("an undeclared fact is refused, listing the declared facts", () => {
    const c = clean(sample)
    c.elder.facts = { "f-bool": true, "f-none": 1 }
    const r = engine.evaluate(c as CaseFile.CaseFile, AS_OF)
    if (r.ok) throw new Error("expected a refusal")
    expect(r.error.reason.reasons[0]!.text.en).toBe(`case ${c.elder.id}: elder.facts.f-none = "f-none" is not a fact the governing policy chain (${CHAIN}) declares (declared: ${FACTS.map((f) => f.id).join(", ")})`)
  })
})
