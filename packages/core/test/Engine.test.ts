import { fc, test } from "@fast-check/vitest"
import { CalendarDate, CaseFile, Decision, Decode, Engine, Loader, Parameter, Policy } from "@liushou/core"
import { describe, expect, it } from "vitest"
import { caseFileArb, dateArb } from "./arbitraries.js"
import { base, child, standard, threshold } from "./fixtures.js"

const engine = Engine.make(Loader.load([base, child]))
const sample = fc.sample(caseFileArb, { numRuns: 1, seed: 7 })[0]!
const cf = { ...sample, elder: { ...sample.elder, regionCode: "430121101201", birthDate: "1950-06-30", annualIncome: 4800 } }

describe("Engine", () => {
  it("refuses a ledger event whose reason is declared for the other event, naming the reasons declared for its event", () => {
    const ledgerReasons = [
      { id: "moved-back", event: "entered" as const, name: { zh: "返乡", en: "moved back" } },
      { id: "died", event: "exited" as const, name: { zh: "死亡", en: "died" } }
    ]
    const e = Engine.make(Loader.load([{ ...base, vocabularies: { ...base.vocabularies, ledgerReasons } }]))
    const at = (event: "entered" | "exited", reason: string) => e.evaluate({ ...cf, ledgerEvents: [{ date: "2019-01-01", event, reason }] }, "2019-06-30")
    expect(at("exited", "died").ok).toBe(true)
    expect(at("entered", "moved-back").ok).toBe(true)
    const wrong = at("entered", "died")
    const text = wrong.ok ? "" : wrong.error.reason.reasons[0]!.text.en
    expect(text).toContain('ledgerEvents[0].reason = "died" is not a reason for the event "entered"')
    expect(text).toContain("moved-back")
    expect(text).not.toContain("died)")
  })

  it("refuses a case naming a program, concern or fact the governing chain does not declare, naming the case, the field and the chain", () => {
    const bad = { ...cf, elder: { ...cf.elder, receiving: ["p-one", "advanced-age-allowance"] } }
    const r = engine.evaluate(bad, "2019-06-30")
    if (r.ok) throw new Error("expected an error")
    expect(r.error.reason.reasons[0]!.code).toBe("vocabulary.undeclared")
    expect(r.error.reason.reasons[0]!.text.en).toBe(
      `case ${cf.elder.id}: elder.receiving[1] = "advanced-age-allowance" is not a program the governing policy chain (test-base@1.0.0 → test-province@1.0.0) declares (declared: p-one, p-two, p-three)`
    )
    const concern = { ...cf, visits: [{ date: "2019-01-01", mode: "home" as const, by: "township" as const, concerns: ["c-fire"] }] }
    const c = engine.evaluate(concern, "2019-06-30")
    expect(c.ok ? "" : c.error.reason.reasons[0]!.text.en).toContain("visits[0].concerns[0] = \"c-fire\" is not a concern")
    const fact = engine.evaluate({ ...cf, elder: { ...cf.elder, facts: { "no-such-fact": true } } }, "2019-06-30")
    expect(fact.ok ? "" : fact.error.reason.reasons[0]!.text.en).toContain("elder.facts.no-such-fact")
    expect(engine.evaluate({ ...cf, elder: { ...cf.elder, receiving: ["p-two"] } }, "2019-06-30").ok).toBe(true)
  })

  it("refuses a recorded concern or follow-up step the governing chain does not declare (the first ladder step, no follow-up, is not an action)", () => {
    const concern = engine.evaluate({ ...cf, concerns: [{ concern: "c-fire", date: "2019-01-01", observedBy: "neighbor" }] }, "2019-06-30")
    expect(concern.ok ? "" : concern.error.reason.reasons[0]!.text.en).toContain('concerns[0].concern = "c-fire" is not a concern')
    expect(concern.ok ? "" : concern.error.reason.reasons[0]!.text.zh).toContain("concerns[0].concern")
    // the test chain declares no follow-up ladder: no recorded step can be one of it
    const step = engine.evaluate({ ...cf, followUps: [{ date: "2019-01-01", step: "reminder", by: "village-committee" }] }, "2019-06-30")
    expect(step.ok ? "" : step.error.reason.reasons[0]!.text.en).toContain('followUps[0].step = "reminder" is not a follow-up step the governing policy chain')
    expect(step.ok ? "" : step.error.reason.reasons[0]!.text.zh).toContain("跟进步骤")
    const ok = engine.evaluate({ ...cf, concerns: [{ concern: "c-abuse", date: "2019-01-01", observedBy: "neighbor" }], followUps: [] }, "2019-06-30")
    expect(ok.ok).toBe(true)
  })


  it("evaluates with the selected policy, resolving the child's parameters first and citing its document", () => {
    const r = engine.evaluate(cf, "2019-06-30")
    if (!r.ok) throw new Error("expected an evaluation")
    expect(r.value.policy).toEqual({ id: "test-province", version: "1.0.0", document: "TEST-PROV" })
    expect(r.value.leftBehind.value).toBe(false) // 69 < the province's 70
    expect(r.value.leftBehind.reasons[0]!.citation).toEqual({ document: "TEST-PROV", clause: "9" })
    // a topic the child does not name is cited from the parent
    expect(r.value.priority.reasons[0]!.citation).toEqual({ document: "TEST-DOC", clause: "1" })
  })

  it("records provenance: policy, chain, parameters with effective dates (regional ones per elder), as-of date, input version", () => {
    const r = engine.evaluate(cf, "2019-06-30")
    if (!r.ok) throw new Error("expected an evaluation")
    const p = r.value.provenance
    expect(p.chain).toEqual(["test-base@1.0.0", "test-province@1.0.0"])
    expect(p.asOf).toBe("2019-06-30")
    expect(p.parameters).toEqual([
      { id: "test.minAge", value: 70, from: "2018-08-03", region: null, source: "test-province@1.0.0", status: "law" },
      { id: "test.standard", value: 5000, from: "2019-01-01", region: "430121", source: "test-base@1.0.0", status: "sample" }
    ])
    expect(p.inputVersion).toBe(Engine.inputVersion(cf))
    expect(p.parametersHash).toMatch(/^[0-9a-f]{16}$/)
  })

  it("derives each reason's basis from the statuses of the parameters it reads, and labels its text", () => {
    const r = engine.evaluate(cf, "2019-06-30")
    if (!r.ok) throw new Error("expected an evaluation")
    const [age] = r.value.leftBehind.reasons
    expect(age!.basis).toBe("law")
    expect(age!.text.zh.endsWith("（本地设定）")).toBe(false)
    const [std] = r.value.priority.reasons
    expect(std!.basis).toBe("sample")
    expect(std!.text.zh).toMatch(/（示例数据）$/)
    expect(std!.text.en).toMatch(/ \(sample figure\)$/)
    // a county's local value makes the same reason local
    const local = Policy.define({ ...child, id: "test-county", region: "430121", extends: { id: "test-province", version: "^1.0.0" }, parameters: [{ ...threshold, status: "local", values: [{ from: "2018-08-03", value: 70 }] }] as ReadonlyArray<Parameter.Parameter> })
    const e2 = Engine.make(Loader.load([base, child, local]))
    const r2 = e2.evaluate(cf, "2019-06-30")
    if (!r2.ok) throw new Error("expected an evaluation")
    expect(r2.value.leftBehind.reasons[0]!.basis).toBe("local")
    expect(r2.value.leftBehind.reasons[0]!.text.en).toMatch(/ \(local choice\)$/)
    // a reason resting on no parameter takes the reading it declares
    const missing = engine.evaluate({ ...cf, elder: { ...cf.elder, regionCode: "430500000000" } }, "2019-06-30")
    if (!missing.ok) throw new Error("expected an evaluation")
    expect(missing.value.priority.reasons[0]!.basis).toBe("interpretation")
    expect(() => Engine.compile(Loader.load([{ ...base, rules: { ...base.rules, duties: Policy.rule("duties", { parameters: [], topics: ["priority"], compile: (env) => { env.reason("x", env.cite("priority"), "x", "x", { params: ["no.such"] }); return () => [] } }) } }]).policies[0]!, "2019-06-30")).toThrow(/no.such/)
  })

  it("refuses a recorded risk level that is not one of the governing plugin's levels, naming the field and the levels", () => {
    const withLevels = Policy.define({ ...base, riskLevels: [{ id: "low", name: { zh: "低", en: "low" } }, { id: "high", name: { zh: "高", en: "high" } }] })
    const e = Engine.make(Loader.load([withLevels]))
    const ok = e.evaluate({ ...cf, riskAssessments: [{ date: "2019-01-01", level: "high" }] }, "2019-06-30")
    expect(ok.ok).toBe(true)
    const bad = e.evaluate({ ...cf, riskAssessments: [{ date: "2019-01-01", level: "high" }, { date: "2019-02-01", level: "severe" }] }, "2019-06-30")
    if (bad.ok) throw new Error("expected a refusal")
    expect(bad.error.reason.reasons[0]!.code).toBe("evaluation.unknown-risk-level")
    expect(bad.error.reason.reasons[0]!.text.en).toContain("riskAssessments[1].level")
    expect(bad.error.reason.reasons[0]!.text.en).toContain("expected one of low, high")
  })

  it("the input version changes with the content and not with key order", () => {
    // every key, in reverse order (whatever optional parts the sample has)
    const reordered = JSON.parse(JSON.stringify(Object.fromEntries(Object.entries(cf).reverse())))
    expect(Engine.inputVersion(reordered)).toBe(Engine.inputVersion(cf))
    expect(Engine.inputVersion({ ...cf, elder: { ...cf.elder, annualIncome: 4801 } })).not.toBe(Engine.inputVersion(cf))
  })

  it("takes the input version the decoder recorded, computed once where the case file entered, and the same as computed from the content", () => {
    const text = JSON.stringify(cf)
    const decoded = Decode.caseFile(JSON.parse(text))
    if (!decoded.ok) throw new Error("expected a case file")
    expect(Decode.versionOf(decoded.value)).toBe(CaseFile.version(cf))
    const r = engine.evaluate(decoded.value, "2019-06-30")
    const q = engine.evaluate(JSON.parse(text), "2019-06-30")
    if (!r.ok || !q.ok) throw new Error("expected evaluations")
    // the same evaluation, provenance included, whichever way the version was found
    expect(JSON.stringify(r.value)).toBe(JSON.stringify(q.value))
    const parsed = Decode.parseText(`${text}\n${JSON.stringify({ ...cf, elder: { ...cf.elder, annualIncome: 4801 } })}`)
    expect(parsed.cases.map((c) => Decode.versionOf(c))).toEqual(parsed.cases.map((c) => CaseFile.version(c)))
    expect(new Set(parsed.cases.map((c) => Decode.versionOf(c))).size).toBe(2)
    expect(Decode.parseText(`[${text}]`).cases.map((c) => Decode.versionOf(c))).toEqual([CaseFile.version(cf)])
    // an object the decoder did not return has none; its version is computed when evaluated
    expect(Decode.versionOf(JSON.parse(text))).toBeUndefined()
    // a version passed in wins
    const passed = engine.evaluate(decoded.value, "2019-06-30", { inputVersion: "0123456789abcdef" })
    expect(passed.ok && passed.value.provenance.inputVersion).toBe("0123456789abcdef")
  })

  it("a decoded case file changed in place keeps its recorded version (documented); a changed copy, or decoding again, gives the new one", () => {
    const decoded = Decode.caseFile(JSON.parse(JSON.stringify(cf)))
    if (!decoded.ok) throw new Error("expected a case file")
    const before = Decode.versionOf(decoded.value)
    const changed = decoded.value as { elder: { annualIncome: number } }
    changed.elder.annualIncome = 4801
    const stale = engine.evaluate(decoded.value, "2019-06-30")
    expect(stale.ok && stale.value.provenance.inputVersion).toBe(before)
    const copy = engine.evaluate({ ...decoded.value }, "2019-06-30")
    expect(copy.ok && copy.value.provenance.inputVersion).toBe(CaseFile.version(decoded.value))
    expect(CaseFile.version(decoded.value)).not.toBe(before)
    const again = Decode.caseFile(decoded.value)
    if (!again.ok) throw new Error("expected a case file")
    const fresh = engine.evaluate(again.value, "2019-06-30")
    expect(fresh.ok && fresh.value.provenance.inputVersion).toBe(CaseFile.version(decoded.value))
  })

  it("the recorded version leaves the case file's content as it was (keys, JSON, copies), and a frozen case file is recorded too, again after a change", () => {
    const input = JSON.parse(JSON.stringify(cf)) as Record<string, unknown>
    const keys = Reflect.ownKeys(input).filter((k) => Object.prototype.propertyIsEnumerable.call(input, k))
    const decoded = Decode.caseFile(input)
    if (!decoded.ok) throw new Error("expected a case file")
    expect(Reflect.ownKeys(decoded.value).filter((k) => Object.prototype.propertyIsEnumerable.call(decoded.value, k))).toEqual(keys)
    expect(JSON.stringify(decoded.value)).toBe(JSON.stringify(cf))
    expect(Decode.versionOf({ ...decoded.value })).toBeUndefined()
    expect(Decode.versionOf(structuredClone(decoded.value))).toBeUndefined()
    // frozen before decoding: kept apart
    const frozen = Object.freeze(JSON.parse(JSON.stringify(cf)) as Record<string, unknown>)
    const f = Decode.caseFile(frozen)
    if (!f.ok) throw new Error("expected a case file")
    expect(Decode.versionOf(f.value)).toBe(CaseFile.version(cf))
    // frozen after decoding, a nested part changed, decoded again: the new version
    const later = Decode.caseFile(JSON.parse(JSON.stringify(cf)))
    if (!later.ok) throw new Error("expected a case file")
    Object.freeze(later.value)
    ;(later.value.elder as { annualIncome: number }).annualIncome = 4801
    const again = Decode.caseFile(later.value)
    if (!again.ok) throw new Error("expected a case file")
    expect(Decode.versionOf(again.value)).toBe(CaseFile.version(later.value))
    expect(Decode.versionOf(again.value)).not.toBe(CaseFile.version(cf))
    // frozen deeply after decoding, symbol keys and what they hold too, changed, decoded again
    const deepFreeze = (o: object): void => {
      Object.freeze(o)
      for (const k of Reflect.ownKeys(o)) {
        const v = (o as Record<PropertyKey, unknown>)[k]
        if (typeof v === "object" && v !== null && !Object.isFrozen(v)) deepFreeze(v)
      }
    }
    const deep = Decode.caseFile(JSON.parse(JSON.stringify(cf)))
    if (!deep.ok) throw new Error("expected a case file")
    deepFreeze(deep.value)
    const redecoded = Decode.caseFile(deep.value)
    expect(redecoded.ok && Decode.versionOf(redecoded.value)).toBe(CaseFile.version(cf))
    // an object inheriting from a decoded case file, with a field of its own, is not taken for it
    const parent = Decode.caseFile(JSON.parse(JSON.stringify(cf)))
    if (!parent.ok) throw new Error("expected a case file")
    const child = Object.create(parent.value) as Record<string, unknown>
    child.elder = { ...parent.value.elder, annualIncome: 4803 }
    expect(Decode.versionOf(parent.value)).toBe(CaseFile.version(cf))
    expect(Decode.versionOf(child as unknown as CaseFile.CaseFile)).toBeUndefined()
    const r = engine.evaluate(child as unknown as CaseFile.CaseFile, "2019-06-30")
    expect(r.ok && r.value.provenance.inputVersion).not.toBe(CaseFile.version(cf))
  })

  it("refuses an as-of date that is not on the calendar, in both languages, instead of reading it as another date", () => {
    for (const asOf of ["2019-02-30", "2019-13-01", "2019-1a-01", "20x9-01-01", "2019-06-3", ""]) {
      const r = engine.evaluate(cf, asOf)
      expect(r.ok).toBe(false)
      if (r.ok) continue
      expect(r.error.elderId).toBe(cf.elder.id)
      expect(r.error.reason.reasons[0]).toMatchObject({ code: "evaluation.invalid-as-of", text: { zh: expect.stringContaining("不是日历上存在的日期"), en: expect.stringContaining("not a calendar date") } })
    }
    expect(engine.evaluate(cf, "2020-02-29").ok).toBe(true)
  })

  it("lets the caller choose a policy, and reports an unknown one", () => {
    const r = engine.evaluate(cf, "2019-06-30", { policy: "test-base" })
    expect(r.ok && r.value.policy.id).toBe("test-base")
    expect(r.ok && r.value.selection.reasons[0]!.code).toBe("selection.chosen-by-caller")
    expect(r.ok && r.value.selection.reasons[0]!.text).toEqual({ zh: "调用方指定政策 test-base@1.0.0", en: "policy test-base@1.0.0 chosen by the caller" })
    const bad = engine.evaluate(cf, "2019-06-30", { policy: "nope@^1" })
    expect(!bad.ok && bad.error.reason.reasons[0]!.code).toBe("selection.unknown-policy")
  })

  it("reports when no policy is in force, naming each elder's own region code", () => {
    const r = engine.evaluate(cf, "2017-01-01")
    expect(!r.ok && r.error.reason.reasons[0]!.code).toBe("selection.none-in-force")
    const other = engine.evaluate({ ...cf, elder: { ...cf.elder, regionCode: "430121101202" } }, "2017-01-01")
    expect(!other.ok && other.error.reason.reasons[0]!.text.en).toContain("430121101202")
    expect(!r.ok && r.error.reason.reasons[0]!.text.en).toContain(cf.elder.regionCode)
  })

  it("cites core's selection clause whether the caller chooses the policy, names an unknown one, or none is in force", () => {
    // a fresh engine: an engine keeps the selection it made for a region and date
    const fresh = Engine.make(Loader.load([base, child]))
    const chosen = fresh.evaluate(cf, "2019-06-30", { policy: "test-base" })
    const unknown = fresh.evaluate(cf, "2019-06-30", { policy: "nope@^1" })
    const none = fresh.evaluate(cf, "2017-01-01")
    const citations = [
      chosen.ok ? chosen.value.selection.reasons[0]!.citation : undefined,
      unknown.ok ? undefined : unknown.error.reason.reasons[0]!.citation,
      none.ok ? undefined : none.error.reason.reasons[0]!.citation
    ]
    expect(citations).toEqual(Array(3).fill({ document: "@liushou/core", clause: "selection" }))
  })

  test.prop([caseFileArb, fc.integer({ min: 0, max: 3000 })], { numRuns: 500 })("evaluation is deterministic: same input, same output, across engines", (c, offset) => {
    const asOf = new Date(Date.UTC(2018, 0, 1) + offset * 86400000).toISOString().slice(0, 10)
    const a = engine.evaluate(c, asOf)
    const b = Engine.make(Loader.load([base, child])).evaluate(JSON.parse(JSON.stringify(c)), asOf)
    expect(JSON.stringify(b)).toBe(JSON.stringify(a))
  })
})

describe("Engine.compile: where code generation is refused, parameters without a value", () => {
  const policy = Loader.load([base, child]).policies[1]!
  // a content security policy that refuses code from strings makes the Function constructor throw
  const refusing = <A>(f: () => A): { result: A; refused: number } => {
    const original = globalThis.Function
    let refused = 0
    globalThis.Function = function () {
      refused++
      throw new EvalError("Code generation from strings disallowed for this context")
    } as unknown as FunctionConstructor
    try {
      return { result: f(), refused }
    } finally {
      globalThis.Function = original
    }
  }

  test.prop([caseFileArb, dateArb(child.effectiveFrom, child.effectiveUntil!)], { numRuns: 100 })("a plan built without generated code evaluates every case as the generated one does", (c, asOf) => {
    const selection = Decision.make(policy.key, [])
    const { result: plan, refused } = refusing(() => Engine.compile(policy, asOf))
    expect(refused).toBeGreaterThan(0)
    expect(plan.evaluate(c, selection)).toEqual(Engine.compile(policy, asOf).evaluate(c, selection))
  })

  it("a rule reading a parameter that has no value on the date is a defect of the policy, naming the policy, the parameter and the date", () => {
    const only = Loader.load([base]).policies[0]!
    const before = CalendarDate.addDays(threshold.values[0]!.from, -1)
    expect(() => Engine.compile(only, before)).toThrow(Engine.PolicyDefect)
    expect(() => Engine.compile(only, before)).toThrow(`${only.key}: parameter ${threshold.id} has no value on ${before}`)
    expect(() => Engine.compile(only, threshold.values[0]!.from)).not.toThrow()
  })

  it("a reason resting on a parameter with no value (a regional one asked without a region) takes the parameter's own status; an absent value adds nothing", () => {
    const rule = (params: ReadonlyArray<string | undefined>) =>
      Policy.rule("leftBehind", {
        parameters: [],
        topics: ["identification"],
        compile: (env) => {
          const r = env.reason("t.x", env.cite("identification"), "x", "x", { params, reading: "law" })
          return () => Decision.make(true, [r])
        }
      })
    const basis = (params: ReadonlyArray<string | undefined>) => {
      const e = Engine.make(Loader.load([{ ...base, rules: { ...base.rules, leftBehind: rule(params) } }]))
      const r = e.evaluate(cf, "2019-06-30")
      if (!r.ok) throw new Error("expected an evaluation")
      return r.value.leftBehind.reasons[0]!.basis
    }
    expect(standard.status).not.toBe("law")
    expect(basis([standard.id])).toBe(standard.status)
    expect(basis([undefined])).toBe("law")
    expect(basis([undefined, standard.id])).toBe(standard.status)
    expect(basis([threshold.id])).toBe(threshold.status)
  })
})

describe("CaseFile.canonical", () => {
  test.prop([caseFileArb], { numRuns: 1000 })("equals the generic canonical JSON, whatever the key order", async (c) => {
    const { CaseFile, canonicalJson } = await import("@liushou/core")
    expect(CaseFile.canonical(c)).toBe(canonicalJson(c))
    const reverseKeys = (v: unknown): unknown =>
      Array.isArray(v) ? v.map(reverseKeys) : v !== null && typeof v === "object" ? Object.fromEntries(Object.entries(v).reverse().map(([k, x]) => [k, reverseKeys(x)])) : v
    const reversed = reverseKeys(c) as typeof c
    expect(Object.keys(reversed)[0]).toBe(Object.keys(c).at(-1))
    expect(CaseFile.canonical(reversed)).toBe(CaseFile.canonical(c))
  })
})

describe("CaseFile.canonical and CaseFile.version with every optional part of a case file", () => {
  // the records the plain arbitrary leaves out: the schema URL, verification dates, ledger events,
  // follow-ups, concerns and services, each with and without its optional fields
  const day = dateArb("2016-01-01", "2025-12-31")
  const id = fc.constantFrom("a", "b-2", "township", "c-health")
  const maybe = <A>(a: fc.Arbitrary<A>) => fc.option(a, { nil: undefined })
  const drop = <A extends object>(o: A): A => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as A
  const partsArb = fc.record({
    $schema: maybe(fc.constant("https://example.org/case-file.schema.json")),
    verified: maybe(fc.record({ supporters: maybe(day), income: maybe(day), health: maybe(day), housing: maybe(day) }).map(drop)),
    ledgerEvents: maybe(fc.array(fc.record({ date: day, event: fc.constantFrom("entered" as const, "exited" as const), reason: id, note: maybe(fc.string({ maxLength: 8 })) }).map(drop), { maxLength: 3 })),
    followUps: maybe(fc.array(fc.record({ date: day, step: id, by: id, note: maybe(fc.string({ maxLength: 8 })) }).map(drop), { maxLength: 3 })),
    concerns: maybe(
      fc.array(
        fc
          .record({ concern: id, date: day, observedBy: fc.constantFrom(...CaseFile.OBSERVERS), verified: maybe(fc.boolean()), serious: maybe(fc.boolean()), grounds: maybe(fc.string({ maxLength: 8 })), resolvedOn: maybe(fc.option(day, { nil: null })) })
          .map(drop),
        { maxLength: 3 }
      )
    ),
    services: maybe(
      fc.array(
        fc.record({ date: day, kind: id, personKind: fc.constantFrom(...CaseFile.PERSON_KINDS), personId: id, program: maybe(id), organisation: maybe(id), note: maybe(fc.string({ maxLength: 8 })) }).map(drop),
        { maxLength: 3 }
      )
    )
  })
  const fullArb = fc.tuple(caseFileArb, partsArb).map(([c, parts]) => ({ ...c, ...drop(parts) }) as CaseFile.CaseFile)

  test.prop([fullArb], { numRuns: 300 })("the canonical text is the generic canonical JSON and the version its hash, whatever the key order", async (c) => {
    const { canonicalJson, hash64 } = await import("@liushou/core")
    const text = CaseFile.canonical(c)
    expect(text).toBe(canonicalJson(c))
    expect(CaseFile.version(c)).toBe(hash64(text))
    const reverseKeys = (v: unknown): unknown =>
      Array.isArray(v) ? v.map(reverseKeys) : v !== null && typeof v === "object" ? Object.fromEntries(Object.entries(v).reverse().map(([k, x]) => [k, reverseKeys(x)])) : v
    expect(CaseFile.canonical(reverseKeys(c) as CaseFile.CaseFile)).toBe(text)
  })

  test.prop([fullArb], { numRuns: 100 })("every part is in the text: changing any one record changes the text and the version", (c) => {
    for (const key of ["ledgerEvents", "followUps", "concerns", "services"] as const) {
      const records = c[key]
      if (records === undefined || records.length === 0) continue
      const changed = { ...c, [key]: [{ ...records[0]!, date: "2015-06-30" }, ...records.slice(1)] } as CaseFile.CaseFile
      expect(CaseFile.canonical(changed), key).not.toBe(CaseFile.canonical(c))
      expect(CaseFile.version(changed), key).not.toBe(CaseFile.version(c))
    }
  })
})

describe("CaseFile.canonical and CaseFile.version on examples", () => {
  // the same checks as the properties around, on fixed cases, so that a failure names the string
  const odd = ['张"三', "李\\四", "王\n五", "\u0001", "\u001f", "\ud800", "\udfff x", "𠀀", "plain"]
  it("the canonical text is JSON that reads back as the case file, keys sorted at every level", async () => {
    const { CaseFile } = await import("@liushou/core")
    const text = CaseFile.canonical(cf)
    expect(JSON.parse(text)).toEqual(JSON.parse(JSON.stringify(cf)))
    const sortedDeep = (v: unknown): unknown =>
      Array.isArray(v) ? v.map(sortedDeep) : v !== null && typeof v === "object" ? Object.fromEntries(Object.keys(v).sort().map((k) => [k, sortedDeep((v as Record<string, unknown>)[k])])) : v
    expect(text).toBe(JSON.stringify(sortedDeep(JSON.parse(JSON.stringify(cf)))))
  })
  it.each(odd)("a name %j is written as JSON writes it, and the version hashes that text", async (name) => {
    const { CaseFile, hash64 } = await import("@liushou/core")
    const x = { ...cf, elder: { ...cf.elder, name } }
    const text = CaseFile.canonical(x)
    expect(text).toContain(`"name":${JSON.stringify(name)}`)
    expect((JSON.parse(text) as { elder: { name: string } }).elder.name).toBe(name)
    expect(CaseFile.version(x)).toBe(hash64(text))
  })
})

describe("CaseFile.version", () => {
  // names, visitors and concerns with quotes, backslashes, control characters, CJK, astral and lone surrogates
  const oddText = fc.oneof(fc.string({ unit: "binary", maxLength: 12 }), fc.constantFrom('张"三', "李\\四", "王\n五", "\u0001", "𠀀", "\ud800", "\udfff x", ""))
  test.prop([caseFileArb, oddText, oddText], { numRuns: 1000 })("is the hash of the canonical JSON text, whatever the strings hold", async (c, name, by) => {
    const { CaseFile, canonicalJson, hash64 } = await import("@liushou/core")
    // not valid case files (the visitor and concern vocabularies are closed): the hash must not care
    const odd = { ...c, elder: { ...c.elder, name }, visits: c.visits.map((v) => ({ ...v, by, concerns: [...v.concerns, name] })) } as unknown as typeof c
    expect(CaseFile.version(c)).toBe(hash64(canonicalJson(c)))
    expect(CaseFile.version(odd)).toBe(hash64(canonicalJson(odd)))
    expect(Engine.inputVersion(odd)).toBe(CaseFile.version(odd))
  })
})

describe("Engine caches", () => {
  it("select per governed region prefix: villages under the same plugin share the selection, and each gets its own regional figures", () => {
    const e = Engine.make(Loader.load([base, child]))
    const at = (regionCode: string) => {
      const r = e.evaluate({ ...cf, elder: { ...cf.elder, regionCode } }, "2019-06-30")
      if (!r.ok) throw new Error("expected an evaluation")
      return r.value
    }
    const a = at("430121101201")
    const b = at("430102101201")
    const c = at("110101001001")
    expect(b.selection).toBe(a.selection)
    expect(a.selection.value).toContain("test-province")
    expect(c.selection.value).toContain("test-base")
    // the regional figure follows the village's county, not the first village seen
    expect(a.provenance.parameters.find((p) => p.id === "test.standard")).toMatchObject({ value: 5000, region: "430121" })
    expect(b.provenance.parameters.find((p) => p.id === "test.standard")).toMatchObject({ value: 4500, region: "4301" })
    expect(JSON.stringify(at("430121101201"))).toBe(JSON.stringify(a))
  })

  it("keep at most the configured number of plans, rebuilding a dropped one on demand", () => {
    const bounded = Engine.make(Loader.load([base, child]), { maxPlans: 2, maxSelections: 2 })
    const policy = Loader.find(bounded.registry, "test-province")!
    const first = bounded.plan(policy, "2019-01-01")
    expect(bounded.plan(policy, "2019-01-01")).toBe(first)
    bounded.plan(policy, "2019-01-02")
    bounded.plan(policy, "2019-01-03")
    // the first plan was dropped: asking again compiles a new, equal plan
    const again = bounded.plan(policy, "2019-01-01")
    expect(again).not.toBe(first)
    expect(again.parameters).toEqual(first.parameters)
    // evaluation at many dates still gives the same answers as an unbounded engine
    for (let d = 1; d <= 20; d++) {
      const asOf = `2019-02-${String(d).padStart(2, "0")}`
      expect(JSON.stringify(bounded.evaluate(cf, asOf))).toBe(JSON.stringify(engine.evaluate(cf, asOf)))
    }
  })
})

describe("Engine caches, at their limits", () => {
  test.prop([fc.integer({ min: 1, max: 3 }), fc.array(fc.tuple(fc.constantFrom("test-base", "test-province"), fc.integer({ min: 0, max: 4 })), { minLength: 1, maxLength: 30 })], { numRuns: 100 })(
    "a plan asked for again at once is the one just made, whatever was dropped to keep it",
    (maxPlans, asks) => {
      const e = Engine.make(Loader.load([base, child]), { maxPlans })
      const kept: Array<[string, string, Engine.Plan]> = []
      for (const [id, d] of asks) {
        const policy = Loader.find(e.registry, id)!
        const asOf = CalendarDate.addDays("2019-01-01", d)
        const p = e.plan(policy, asOf)
        expect(e.plan(policy, asOf)).toBe(p)
        expect(p.asOf).toBe(asOf)
        expect(p.policy).toBe(policy)
        const i = kept.findIndex(([k, a]) => k === id && a === asOf)
        if (i >= 0) kept.splice(i, 1)
        kept.push([id, asOf, p])
      }
      // the most recent plan is always kept
      const [id, asOf, last] = kept.at(-1)!
      expect(e.plan(Loader.find(e.registry, id)!, asOf)).toBe(last)
    }
  )

  test.prop([fc.array(fc.tuple(fc.constantFrom("test-base", "test-province"), fc.integer({ min: 0, max: 3 })), { minLength: 1, maxLength: 20 })], { numRuns: 100 })(
    "within the limit every plan is kept: each policy's plan at a date, whatever else was planned that date",
    (asks) => {
      const e = Engine.make(Loader.load([base, child]), { maxPlans: 8 })
      const made = new Map<string, Engine.Plan>()
      for (const [id, d] of asks) {
        const asOf = CalendarDate.addDays("2019-01-01", d)
        const p = e.plan(Loader.find(e.registry, id)!, asOf)
        const key = `${id}|${asOf}`
        if (made.has(key)) expect(p).toBe(made.get(key))
        made.set(key, p)
      }
      for (const [key, p] of made) {
        const [id, asOf] = key.split("|") as [string, string]
        expect(e.plan(Loader.find(e.registry, id)!, asOf)).toBe(p)
      }
    }
  )

  it("plans of a policy kept past its expiry are kept apart, and also within the limit", () => {
    const e = Engine.make(Loader.load([base, child]), { maxPlans: 1, continuePastExpiry: [{ policy: "test-province", until: null }] })
    const at = (asOf: string) => {
      const r = e.evaluate(cf, asOf)
      if (!r.ok) throw new Error("expected an evaluation")
      return r.value
    }
    const a = at("2024-06-30")
    expect(a.provenance.continuedPastExpiry).toBe(true)
    expect(at("2024-06-30")).toEqual(a)
    const b = at("2024-07-01")
    expect(b.provenance.continuedPastExpiry).toBe(true)
    expect(at("2024-06-30")).toEqual(a)
    // the same plugin in force gives unmarked reasons
    expect(at("2019-06-30").provenance.continuedPastExpiry).toBeUndefined()
  })

  it("with one selection kept, villages of different plugins in turn still get their own", () => {
    const e = Engine.make(Loader.load([base, child]), { maxSelections: 1 })
    const sel = (regionCode: string, asOf = "2019-06-30") => {
      const r = e.evaluate({ ...cf, elder: { ...cf.elder, regionCode } }, asOf)
      if (!r.ok) throw new Error("expected an evaluation")
      return r.value.selection.value
    }
    for (let i = 0; i < 3; i++) {
      expect(sel("430121101201")).toBe("test-province@1.0.0")
      expect(sel("110101001001")).toBe("test-base@1.0.0")
      expect(sel("430121101201", "2024-01-01")).toBe("test-base@1.0.0")
    }
  })
})

describe("canonicalJson", () => {
  // keys that are not array indices: an object keeps those in insertion order, so a key-sorted
  // copy writes them sorted (index-like keys are written first by any object, whatever the order)
  const key = fc.string({ maxLength: 4 }).filter((k) => !/^(0|[1-9][0-9]*)$/.test(k))
  const plain = { key, withNullPrototype: false, withMap: false, withSet: false, withBigInt: false, withDate: false, withTypedArray: false, withSparseArray: false, withBoxedValues: false, withObjectString: false }
  const sortedDeep = (v: unknown): unknown =>
    Array.isArray(v) ? v.map(sortedDeep) : v !== null && typeof v === "object" ? Object.fromEntries(Object.keys(v).sort().map((k) => [k, sortedDeep((v as Record<string, unknown>)[k])])) : v
  test.prop([fc.anything(plain)], { numRuns: 500 })(
    "is the JSON text of the value with the keys sorted at every level; undefined members left out, an undefined element or value written as null",
    async (v) => {
      const { canonicalJson } = await import("@liushou/core")
      expect(canonicalJson(v)).toBe(JSON.stringify(sortedDeep(v)) ?? "null")
    }
  )
  it("sorts index-like keys as text, as any other key", async () => {
    const { canonicalJson } = await import("@liushou/core")
    expect(canonicalJson({ "10": 1, "9": 2, "": 3, b: [undefined, { z: 1, a: undefined }] })).toBe('{"":3,"10":1,"9":2,"b":[null,{"z":1}]}')
    expect(canonicalJson(undefined)).toBe("null")
  })
})

describe("hash64", () => {
  it("keeps the values stored ledgers hold (the cyrb53 construction, pinned)", async () => {
    const { hash64 } = await import("@liushou/core")
    expect(hash64("")).toBe("488bdcb81aee8d83")
    expect(hash64("abc")).toBe("7a91f9f91ac18c8d")
    expect(hash64('{"elder":{"name":"张三"}}')).toBe("469503a0e91846ef")
    expect(hash64("𠀀\ud800")).toBe("647192ea1c064f62")
  })
})

describe("Engine: parameters along the chain, and policy specs", () => {
  const registry = Loader.load([base, child])
  const province = registry.policies.find((p) => p.key === "test-province@1.0.0")!
  const baseline = registry.policies.find((p) => p.key === "test-base@1.0.0")!
  const dates = fc.constantFrom("2017-12-31", "2018-01-01", "2018-08-02", "2018-08-03", "2019-06-30", "2020-01-01", "2023-08-02")
  const regions = fc.constantFrom(null, "430121101201", "430181101201", "431224101201", "150102101201")
  test.prop([dates, regions, fc.constantFrom("test.minAge", "test.standard", "test.none")], { numRuns: 300 })(
    "resolveParameter takes the value of the most specific plugin of the chain that has one that day, and says whose it is",
    (asOf, region, id) => {
      for (const policy of [province, baseline]) {
        const got = Engine.resolveParameter(policy, id, asOf, region)
        let expected: Parameter.Resolved | undefined
        for (const plugin of [...policy.chain].reverse()) {
          const def = plugin.parameters.find((p) => p.id === id)
          const v = def === undefined ? undefined : Parameter.valueAt(def, asOf, region)
          if (v !== undefined) {
            expected = { id, value: v.value, from: v.from, region: v.region ?? null, source: `${plugin.id}@${plugin.version}`, status: v.status ?? def!.status }
            break
          }
        }
        expect(got).toEqual(expected)
        // the definition is the most specific one, whatever the date
        const defined = [...policy.chain].reverse().find((p) => p.parameters.some((x) => x.id === id))
        expect(Engine.findParameter(policy, id)).toBe(defined?.parameters.find((x) => x.id === id))
      }
    }
  )

  it("the province's age line replaces the baseline's from its first day, and the baseline's regional figures still apply", () => {
    expect(Engine.resolveParameter(province, "test.minAge", "2019-06-30")).toMatchObject({ value: 70, source: "test-province@1.0.0", from: "2018-08-03" })
    expect(Engine.resolveParameter(baseline, "test.minAge", "2019-06-30")).toMatchObject({ value: 60, source: "test-base@1.0.0" })
    expect(Engine.resolveParameter(province, "test.standard", "2019-06-30", "430181101201")).toMatchObject({ value: 4500, region: "4301", source: "test-base@1.0.0" })
    expect(Engine.findParameter(province, "test.minAge")?.values[0]?.value).toBe(70)
    expect(Engine.findParameter(province, "test.none")).toBeUndefined()
  })

  test.prop([fc.stringMatching(/^[a-z][a-z-]{0,12}$/), fc.option(fc.stringMatching(/^[0-9^~.x@-]{1,10}$/), { nil: undefined })], { numRuns: 300 })(
    "parsePolicySpec splits id@version at the first @, and reads a bare id as no version",
    (id, version) => {
      expect(Engine.parsePolicySpec(version === undefined ? id : `${id}@${version}`)).toEqual({ id, version })
    }
  )
})

