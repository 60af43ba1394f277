import { fc, test } from "@fast-check/vitest"
import { CalendarDate, Decision, Workflow } from "@liushou/core"
import { describe, expect, it } from "vitest"

const wf = Workflow.define({
  id: "test-referral",
  initial: "open",
  citation: Decision.cite("TEST", "8"),
  states: [
    { id: "open", name: { zh: "待处理", en: "open" }, final: false, deadlineDays: 3 },
    { id: "referred", name: { zh: "已转介", en: "referred" }, final: false, deadlineDays: 10 },
    { id: "closed", name: { zh: "已结案", en: "closed" }, final: true, deadlineDays: null }
  ],
  transitions: [
    { action: "refer", from: ["open"], to: "referred", text: { zh: "转介", en: "refer" } },
    { action: "close", from: ["open", "referred"], to: "closed", text: { zh: "结案", en: "close" } }
  ]
})

describe("Workflow", () => {
  it("moves through allowed transitions and keeps the history", () => {
    const c0 = Workflow.open(wf, "R1", "2019-06-01", "worker-1")
    const c1 = Workflow.apply(wf, c0, "refer", "2019-06-02", "worker-1")
    if (!c1.ok) throw new Error("refer should be allowed")
    expect(c1.value.state).toBe("referred")
    expect(Workflow.dueDate(wf, c1.value)).toBe("2019-06-12")
    expect(Workflow.isOverdue(wf, c1.value, "2019-06-13")).toBe(true)
    const c2 = Workflow.apply(wf, c1.value, "close", "2019-06-05", "officer-2")
    expect(c2.ok && c2.value.history.map((h) => h.to)).toEqual(["open", "referred", "closed"])
  })

  it("refuses an illegal transition with an error naming the case, the state and what is allowed", () => {
    const c0 = Workflow.open(wf, "R1", "2019-06-01", "w")
    const r = Workflow.apply(wf, c0, "reopen", "2019-06-02", "w")
    expect(r.ok).toBe(false)
    if (!r.ok) {
      expect(r.error).toMatchObject({ _tag: "IllegalTransition", caseId: "R1", state: "open", allowed: ["refer", "close"] })
      expect(r.error.message.zh).toContain("不允许")
    }
    const back = Workflow.apply(wf, c0, "refer", "2019-05-01", "w")
    expect(!back.ok && back.error.message.en).toContain("before the current state began")
  })

  it("allows an action on the day the current state began, and refuses one dated the day before", () => {
    const c0 = Workflow.open(wf, "R1", "2019-06-01", "w")
    const c1 = Workflow.apply(wf, c0, "refer", c0.since, "w")
    if (!c1.ok) throw new Error(`refer on the opening day should be allowed: ${c1.error.message.en}`)
    expect(c1.value.state).toBe("referred")
    expect(Workflow.apply(wf, c1.value, "close", c1.value.since, "w").ok).toBe(true)
    const early = Workflow.apply(wf, c1.value, "close", "2019-05-31", "w")
    expect(!early.ok && early.error.message.en).toContain("before the current state began")
    // the refusal in Chinese names both dates too
    expect(!early.ok && early.error.message.zh).toContain(`2019-05-31 早于当前状态开始日 ${c1.value.since}`)
  })

  test.prop([fc.array(fc.constantFrom("refer", "close", "reopen"), { maxLength: 8 })], { numRuns: 1000 })(
    "any sequence of actions only ever visits states reachable by allowed transitions, and final states stay final",
    (actions) => {
      let c = Workflow.open(wf, "R", "2019-01-01", "w")
      for (const [i, a] of actions.entries()) {
        const wasFinal = wf.states.find((s) => s.id === c.state)!.final
        const r = Workflow.apply(wf, c, a, `2019-01-${String(2 + i).padStart(2, "0")}`, "w")
        if (wasFinal) expect(r.ok).toBe(false)
        if (r.ok) {
          expect(wf.transitions.some((t) => t.action === a && t.from.includes(c.state) && t.to === r.value.state)).toBe(true)
          c = r.value
        }
      }
      expect(c.history.length).toBeGreaterThanOrEqual(1)
    }
  )
})

describe("Workflow.allowed", () => {
  test.prop([fc.constantFrom("open", "referred", "closed"), fc.constantFrom("refer", "close", "reopen")], { numRuns: 100 })(
    "lists exactly the actions that apply from a state, in the workflow's order",
    (state, action) => {
      const c = { ...Workflow.open(wf, "R1", "2019-06-01", "worker-1"), state: state as "open" }
      const ok = Workflow.apply(wf, c, action as "refer", "2019-06-02", "worker-1").ok
      expect(Workflow.allowed(wf, state as "open").includes(action as "refer")).toBe(ok)
    }
  )
  it("a final state allows nothing", () => {
    expect(Workflow.allowed(wf, "open")).toEqual(["refer", "close"])
    expect(Workflow.allowed(wf, "referred")).toEqual(["close"])
    expect(Workflow.allowed(wf, "closed")).toEqual([])
  })
})

describe("Workflow.dueDate", () => {
  test.prop([fc.constantFrom(...wf.states.map((x) => x.id)), fc.integer({ min: 0, max: 3000 })], { numRuns: 100 })(
    "a state with a deadline is due that many days after it began; a state without one, or one the workflow does not have, is never due",
    (state, offset) => {
      const since = CalendarDate.addDays("2018-01-01", offset)
      const deadline = wf.states.find((x) => x.id === state)!.deadlineDays
      const due = Workflow.dueDate(wf, { id: "c", state, since, history: [] })
      expect(due).toBe(deadline === null ? null : CalendarDate.addDays(since, deadline))
      expect(Workflow.dueDate(wf, { id: "c", state: "no-such-state" as typeof state, since, history: [] })).toBeNull()
    }
  )
  it("the workflow here has states with and without a deadline", () => {
    expect(wf.states.map((x) => x.deadlineDays === null)).toContain(true)
    expect(wf.states.map((x) => x.deadlineDays === null)).toContain(false)
  })
})
