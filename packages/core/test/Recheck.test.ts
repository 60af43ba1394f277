import { Recheck } from "@liushou/core"
import type { Evaluation } from "@liushou/core"
import { describe, expect, it } from "vitest"

const ev = (elderId: string, regionCode: string, parts: Partial<Evaluation.Evaluation>): Evaluation.Evaluation =>
  ({
    elderId,
    regionCode,
    asOf: "2019-06-30",
    leftBehind: { value: true, reasons: [] },
    priority: { value: false, reasons: [] },
    duties: [],
    ...parts
  }) as unknown as Evaluation.Evaluation

const fact = (group: "supporters" | "income" | "health" | "housing", status: "current" | "stale" | "unknown") => ({ group, verified: null, validUntil: null, status })
const ACTIVE = { status: "active" as const, since: null, reason: null }
const upkeep = (...facts: ReturnType<typeof fact>[]) => ({ status: "needs-information" as const, facts, recheckDue: "2019-06-30", ledger: ACTIVE, reasons: [] })

describe("Recheck", () => {
  it("asks for stale and unknown groups, unknown identification and the fields eligibility is missing, each once", () => {
    const e = ev("e1", "430121101201", {
      leftBehind: { value: null, reasons: [] },
      upkeep: upkeep(fact("supporters", "stale"), fact("income", "current"), fact("health", "unknown"), fact("housing", "current")),
      eligibility: [
        { program: "dibao", status: "needs-information", reasons: [], missing: ["elder.annualIncome"], whyNot: [] },
        { program: "temporary-assistance", status: "needs-information", reasons: [], missing: ["elder.annualIncome", "hunan.assistance.temporaryIncomeCap"], whyNot: [] },
        { program: "legal-aid", status: "eligible", reasons: [], missing: ["ignored"], whyNot: [] }
      ]
    })
    expect(Recheck.asks(e)).toEqual(["identification", "facts.supporters", "facts.health", "elder.annualIncome", "hunan.assistance.temporaryIncomeCap"])
  })

  it("groups by village inside the region, counts each ask, leaves out elders with nothing to ask", () => {
    const rows = [
      ev("e2", "430121101202", { upkeep: upkeep(fact("income", "stale")) }),
      ev("e1", "430121101202", { upkeep: upkeep(fact("income", "stale"), fact("housing", "unknown")) }),
      ev("e3", "430121101201", { upkeep: upkeep(fact("income", "current")) }),
      ev("e4", "430121101201", { leftBehind: { value: null, reasons: [] } }),
      ev("e5", "430181101201", { upkeep: upkeep(fact("income", "stale")) }),
      ev("e6", "430121101202", { leftBehind: { value: null, reasons: [] }, upkeep: { ...upkeep(fact("income", "stale")), status: "exited", recheckDue: null, ledger: { status: "exited", since: "2019-05-01", reason: "died" } } })
    ]
    const list = Recheck.worklist(rows, "430121")
    expect(list.map((v) => [v.village, v.elders, v.byAsk])).toEqual([
      ["430121101201", 1, { identification: 1 }],
      ["430121101202", 2, { "facts.income": 2, "facts.housing": 1 }]
    ])
    expect(list[1]!.items.map((i) => i.elderId)).toEqual(["e1", "e2"])
    expect(Recheck.worklist(rows, null)).toHaveLength(3)
    expect(Recheck.worklist(rows, "430121101201")).toHaveLength(1)
  })
})
