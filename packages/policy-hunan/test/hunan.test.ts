import { readFileSync } from "node:fs"
import { CalendarDate, Decode, Engine, Indicator, Loader, Parameter, Workflow } from "@liushou/core"
import { national } from "@liushou/policy-national"
import { fc, test } from "@fast-check/vitest"
import { describe, expect, it } from "vitest"
import { CLAUSES, EFFECTIVE_FROM, EFFECTIVE_UNTIL, hunan, HunanParameters, referralWorkflow, RISK_LEVELS, RULES as rules } from "../src/index.js"
import { caseFile, date } from "./arbitraries.js"
import { base, evaluate, registry } from "./helpers.js"

const parameters = HunanParameters.PARAMETERS

const fixtures = {
  leftBehind: base({ annualIncome: 3000 }),
  unknownStatus: base({}, { supporters: [{ id: "son", relation: "son", whereabouts: "out-of-county", awaySince: null, reportedToVillage: true, lastContact: "2019-06-01" }] })
}

describe("plugin metadata and loading", () => {
  it("loads on top of the national baseline without errors", () => {
    expect(registry.errors).toEqual([])
    expect(registry.policies.map((p) => p.key)).toEqual(["national-2017-193@1.0.0", "hunan-2018-30@1.3.0"])
  })

  it("declares its id, version, region, parent and risk levels lowest first", () => {
    expect(hunan.id).toBe("hunan-2018-30")
    expect(hunan.version).toBe("1.3.0")
    expect(hunan.region).toBe("43")
    expect(hunan.extends).toEqual({ id: "national-2017-193", version: "^1.0.0" })
    expect(hunan.riskLevels!.map((l) => l.id)).toEqual(["low", "medium", "high"])
    expect(RISK_LEVELS).toBe(hunan.riskLevels)
    expect(Object.keys(rules).sort()).toEqual(["eligibility", "followUp", "priority", "referrals", "responsibility", "risk", "services", "upkeep", "visits"])
  })

  it("is refused without its parent, naming the missing parent", () => {
    const r = Loader.load([hunan])
    expect(r.policies).toEqual([])
    expect(r.errors[0]!.check).toBe("missing-parent")
  })

  it("every rule reads only parameters of the chain, and every topic it cites has a clause 1..10", () => {
    const ids = new Set([...national.parameters, ...parameters].map((p) => p.id))
    for (const r of Object.values(rules)) for (const id of r.parameters) expect(ids.has(id)).toBe(true)
    for (const clause of Object.values(CLAUSES)) expect(["1", "2", "3", "4", "5", "6", "7", "8", "9", "10"]).toContain(clause)
  })

  it("gives every parameter a status and a reference to a clause; a law parameter cites the article that sets it, and no reference points at an internal brief", () => {
    for (const p of [...national.parameters, ...parameters]) {
      expect(["law", "interpretation", "local", "sample"]).toContain(p.status)
      expect(p.reference.clause.length).toBeGreaterThan(0)
      for (const v of p.values) expect(v.reference ?? "").not.toMatch(/domain\.md/)
    }
    const law = [...national.parameters, ...parameters].filter((p) => p.status === "law").map((p) => `${p.id} ${p.reference.document} ${p.reference.clause}`)
    expect(law.sort()).toEqual(
      [
        "national.leftBehind.minAge 老年人权益保障法 2",
        "national.leftBehind.awayWhereabouts 湘民发〔2018〕30号 1",
        "national.leftBehind.minAbsenceMonths 湘民发〔2018〕30号 1",
        "hunan.assistance.healthManagementMinAge 湘民发〔2018〕30号 10",
        "hunan.assistance.legalAidNoTestConcerns 法律援助法 32"
      ].sort()
    )
  })

  it("docs/clause-map.md lists every parameter with its status (the choices-and-basis table)", () => {
    const doc = readFileSync(new URL("../../../docs/clause-map.md", import.meta.url), "utf8")
    for (const [plugin, label] of [[hunan, "hunan"], [national, "national"]] as const) {
      for (const p of plugin.parameters) {
        const row = doc.split("\n").find((l) => l.startsWith(`| \`${p.id}\` | ${label} | `))
        expect(row, `${p.id} (${label}) has a row`).toBeDefined()
        expect(row!.split(" | ")[2]!.startsWith(p.status), `${p.id} (${label}) status ${p.status}`).toBe(true)
      }
    }
  })

  it("docs/clause-map.md lists every indicator of the evaluation method (考评) with its status; the set is well formed", () => {
    const doc = readFileSync(new URL("../../../docs/clause-map.md", import.meta.url), "utf8")
    expect(hunan.indicators!.length).toBeGreaterThanOrEqual(7)
    for (const i of hunan.indicators!) {
      const row = doc.split("\n").find((l) => l.startsWith(`| \`${i.id}\` | hunan (indicator) | `))
      expect(row, `${i.id} has a row`).toBeDefined()
      expect(row!.split(" | ")[2]!.startsWith(i.status), `${i.id} status ${i.status}`).toBe(true)
      expect(i.reference).toEqual({ document: "湘民发〔2018〕30号", clause: "10" })
    }
    expect(Indicator.problems(hunan.indicators!, new Set(Object.keys(hunan.clauses!)))).toEqual([])
  })

  it("reasons never rest on a local or sample figure without saying so in their text", () => {
    const e = Engine.make(registry)
    for (const cf of [fixtures.leftBehind, fixtures.unknownStatus]) {
      const r = e.evaluate(cf, "2019-06-30")
      if (!r.ok) throw new Error("expected an evaluation")
      const all = [...r.value.leftBehind.reasons, ...r.value.priority.reasons, ...r.value.risk!.reasons, ...r.value.visits!.reasons, ...r.value.eligibility!.flatMap((d) => d.reasons)]
      let labelled = 0
      for (const x of all) {
        if (x.basis === "local") expect(x.text.zh.endsWith("（本地设定）") && x.text.en.endsWith("(local choice)")).toBe(true)
        if (x.basis === "sample") expect(x.text.zh.endsWith("（示例数据）") && x.text.en.endsWith("(sample figure)")).toBe(true)
        if (x.basis === "interpretation") expect(x.text.zh.endsWith("（解释）")).toBe(true)
        if (x.basis === "law") expect(/（(本地设定|示例数据|解释)）$/.test(x.text.zh)).toBe(false)
        if (x.basis !== "law") labelled++
      }
      expect(labelled).toBeGreaterThan(0)
    }
  })
})

describe("parameters: no gaps or overlaps in time", () => {
  it("no series has a gap, an overlap or a late start", () => {
    for (const p of parameters) expect(Parameter.checkSeries(p, EFFECTIVE_FROM)).toEqual([])
  })

  test.prop([date(EFFECTIVE_FROM, EFFECTIVE_UNTIL)], { numRuns: 500 })("every law and local parameter has a value on any day in force (no gap)", (asOf) => {
    const loaded = registry.policies.find((p) => p.plugin.id === "hunan-2018-30")!
    for (const c of loaded.chain) {
      for (const p of c.parameters) {
        if (p.regional === true) continue
        const inForce = p.values.filter((v) => v.region === undefined && v.from <= asOf && (v.until === undefined || asOf <= v.until))
        expect(inForce.length).toBeGreaterThan(0)
        expect(Engine.resolveParameter(loaded, p.id, asOf)).toBeDefined()
      }
    }
  })

  test.prop([date(EFFECTIVE_FROM, EFFECTIVE_UNTIL)], { numRuns: 500 })("the plugin compiles on any day in force", (asOf) => {
    const loaded = registry.policies.find((p) => p.plugin.id === "hunan-2018-30")!
    expect(() => Engine.compile(loaded, asOf)).not.toThrow()
  })

  it("regional sample figures exist for 2018–2023 in the sample counties and nowhere else", () => {
    const dibao = parameters.find((p) => p.id === "hunan.assistance.dibaoStandard")!
    for (const region of ["430121", "430626", "431123"]) {
      for (let y = 2018; y <= 2023; y++) expect(Parameter.valueAt(dibao, `${y}-06-30`, `${region}101201`)).toBeDefined()
    }
    expect(Parameter.valueAt(dibao, "2019-06-30", "430124100201")).toBeUndefined()
  })
})

describe("generated cases", () => {
  test.prop([caseFile], { numRuns: 500 })("every generated case decodes", (cf) => {
    const r = Decode.caseFile(JSON.parse(JSON.stringify(cf)))
    expect(r.ok).toBe(true)
  })

  test.prop([caseFile, date(EFFECTIVE_FROM, EFFECTIVE_UNTIL)], { numRuns: 1000 })("no reason lacks a citation, and Hunan's reasons cite a clause 1..10", (cf, asOf) => {
    const e = evaluate(cf, asOf)
    const all = [
      ...e.selection.reasons,
      ...e.leftBehind.reasons,
      ...e.priority.reasons,
      ...e.duties.flatMap((d) => d.reasons),
      ...e.followUp!.reasons,
      ...e.risk!.reasons,
      ...e.visits!.reasons,
      ...e.eligibility!.flatMap((d) => d.reasons),
      ...e.referrals!.flatMap((d) => d.reasons)
    ]
    for (const r of all) {
      expect(r.citation.document.length).toBeGreaterThan(0)
      expect(r.citation.clause.length).toBeGreaterThan(0)
      expect(r.text.zh.length).toBeGreaterThan(0)
      expect(r.text.en.length).toBeGreaterThan(0)
      if (r.citation.document === hunan.document.number && r.code !== "selection.most-specific") {
        expect(["1", "2", "3", "4", "5", "6", "7", "8", "9", "10"]).toContain(r.citation.clause)
      }
    }
  })
})

describe("referral workflow (§8 发现、报告、转介、救助)", () => {
  it("§8 runs discovered → reported → referred → assisting → closed", () => {
    let c = Workflow.open(referralWorkflow, "r1", "2019-06-30", "village-committee")
    for (const [action, at] of [["report", "2019-07-01"], ["refer", "2019-07-02"], ["assist", "2019-07-05"], ["close", "2019-08-01"]] as const) {
      const r = Workflow.apply(referralWorkflow, c, action, at, "township")
      if (!r.ok) throw new Error(r.error.message.en)
      c = r.value
    }
    expect(c.state).toBe("closed")
    expect(c.history.map((h) => h.to)).toEqual(["discovered", "reported", "referred", "assisting", "closed"])
  })

  it("§8 an illegal transition is an error value naming the case, state and allowed actions", () => {
    const c = Workflow.open(referralWorkflow, "r2", "2019-06-30", "village-committee")
    const r = Workflow.apply(referralWorkflow, c, "close", "2019-07-01", "township")
    expect(r.ok).toBe(false)
    if (r.ok) return
    expect(r.error._tag).toBe("IllegalTransition")
    expect(r.error.caseId).toBe("r2")
    expect(r.error.state).toBe("discovered")
    expect([...r.error.allowed].sort()).toEqual(["decline", "report", "withdraw"])
  })

  it("§8 deadlines come from hunan.referralWorkflow.deadlineDays", () => {
    const c = Workflow.open(referralWorkflow, "r3", "2019-06-30", "village-committee")
    expect(Workflow.dueDate(referralWorkflow, c)).toBe("2019-07-01")
    expect(Workflow.isOverdue(referralWorkflow, c, "2019-07-02")).toBe(true)
  })

  const ACTIONS = ["report", "refer", "return", "assist", "close", "decline", "withdraw"] as const
  // the model: a table far simpler than the workflow
  const MODEL: Record<string, Partial<Record<(typeof ACTIONS)[number], string>>> = {
    discovered: { report: "reported", decline: "declined", withdraw: "withdrawn" },
    reported: { refer: "referred", decline: "declined", withdraw: "withdrawn" },
    referred: { return: "reported", assist: "assisting", decline: "declined", withdraw: "withdrawn" },
    assisting: { close: "closed", decline: "declined" },
    closed: {},
    declined: {},
    withdrawn: {}
  }
  test.prop([fc.array(fc.tuple(fc.constantFrom(...ACTIONS), fc.integer({ min: 0, max: 20 })), { maxLength: 30 })], { numRuns: 1000 })(
    "§8 any sequence of actions agrees with the transition table; final states accept nothing",
    (steps) => {
      let c = Workflow.open(referralWorkflow, "m", "2019-01-01", "village-committee")
      let state = "discovered"
      let day = CalendarDate.toDayNumber("2019-01-01")
      for (const [action, gap] of steps) {
        day += gap
        const r = Workflow.apply(referralWorkflow, c, action, CalendarDate.fromDayNumber(day), "x")
        const next = MODEL[state]![action]
        expect(r.ok).toBe(next !== undefined)
        if (r.ok) {
          c = r.value
          state = next!
        }
        expect(c.state).toBe(state)
      }
      const final = referralWorkflow.states.find((s) => s.id === state)!.final
      expect(Workflow.allowed(referralWorkflow, c.state).length === 0).toBe(final)
    }
  )
})
