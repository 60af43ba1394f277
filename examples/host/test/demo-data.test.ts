/**
 * The demo county's synthetic casework reads like a county's: visits and referral steps are a
 * mix of on time and late, differing by township, seeded and the same on every run, so the
 * evaluation indicators and the township ranking say something.
 */
import { CalendarDate, type CaseFile, Engine, Indicator } from "@liushou/core"
import { referralWorkflow } from "@liushou/policy-hunan"
import { syntheticPopulation } from "@liushou/testkit"
import { describe, expect, it } from "vitest"
import { referralSteps, withVisits } from "../src/commands/demo.js"
import { builtinRegistry } from "../src/policies.js"

const AS_OF = "2021-06-30"
const FROM = "2020-07-01"

describe("the demo's synthetic visits", () => {
  const engine = Engine.make(builtinRegistry())
  const cases = syntheticPopulation(1200, { region: "430121", seed: 2021, asOf: AS_OF, riskLevels: ["low", "medium", "high"] })
  const interval = (cf: CaseFile.CaseFile): number | null => {
    const r = engine.evaluate(cf, AS_OF)
    return r.ok && r.value.leftBehind.value !== false ? (r.value.visits?.intervalDays ?? null) : null
  }
  const visited = withVisits(cases, AS_OF, interval)

  it("are the same on every run", () => {
    expect(withVisits(cases, AS_OF, interval)).toEqual(visited)
  })

  it("visit most elders within their interval over the year, not all, and some townships better than others", () => {
    const byTown = new Map<string, { timely: number; total: number }>()
    let timely = 0
    let total = 0
    for (const cf of visited) {
      const days = interval(cf)
      if (days === null) continue
      const ok = Indicator.visitedWithinInterval(cf, FROM, AS_OF, days)
      const town = cf.elder.regionCode.slice(0, 9)
      const t = byTown.get(town) ?? { timely: 0, total: 0 }
      byTown.set(town, { timely: t.timely + (ok ? 1 : 0), total: t.total + 1 })
      timely += ok ? 1 : 0
      total++
    }
    expect(total).toBeGreaterThan(100)
    expect(timely / total).toBeGreaterThan(0.6)
    expect(timely / total).toBeLessThan(0.97)
    const shares = [...byTown.values()].filter((t) => t.total >= 8).map((t) => t.timely / t.total)
    expect(Math.max(...shares) - Math.min(...shares)).toBeGreaterThan(0.15)
    // without the synthetic visits almost no one is on time over a year: what the demo used to show
    const before = cases.filter((cf) => interval(cf) !== null && Indicator.visitedWithinInterval(cf, FROM, AS_OF, interval(cf)!)).length
    expect(before / total).toBeLessThan(0.1)
  })
})

describe("the demo's referral steps", () => {
  const deadlines: Record<string, number> = {}
  for (const s of referralWorkflow.states) if (s.deadlineDays !== null) deadlines[s.id] = s.deadlineDays
  const cases = Array.from({ length: 400 }, (_, i) => ({ id: `R-${i}`, region: `430121${101 + (i % 12)}201`, on: CalendarDate.addDays(AS_OF, -(3 + ((i * 37) % 360))) }))

  it("take each state on time or late as the township is punctual, never after the as-of date, the same on every run", () => {
    const STATES = ["discovered", "reported", "referred", "assisting"]
    const byTown = new Map<string, { onTime: number; total: number }>()
    let onTime = 0
    let late = 0
    for (const c of cases) {
      const steps = referralSteps(c.id, c.region, c.on, AS_OF, deadlines, 4)
      expect(referralSteps(c.id, c.region, c.on, AS_OF, deadlines, 4)).toEqual(steps)
      let at = c.on
      steps.forEach((s, k) => {
        expect(s.on <= AS_OF).toBe(true)
        const ok = CalendarDate.daysBetween(at, s.on) <= deadlines[STATES[k]!]!
        onTime += ok ? 1 : 0
        late += ok ? 0 : 1
        const town = c.region.slice(0, 9)
        const t = byTown.get(town) ?? { onTime: 0, total: 0 }
        byTown.set(town, { onTime: t.onTime + (ok ? 1 : 0), total: t.total + 1 })
        at = s.on
      })
    }
    expect(onTime).toBeGreaterThan(late)
    expect(late).toBeGreaterThan(50)
    const shares = [...byTown.values()].map((t) => t.onTime / t.total)
    expect(Math.max(...shares) - Math.min(...shares)).toBeGreaterThan(0.2)
  })
})
