import { fc, test } from "@fast-check/vitest"
import { Decision } from "@liushou/core"
import { describe, expect, it } from "vitest"

describe("Decision.formatYuan", () => {
  it("groups thousands and keeps at most two decimals", () => {
    expect(Decision.formatYuan(4560)).toBe("4,560")
    expect(Decision.formatYuan(0)).toBe("0")
    expect(Decision.formatYuan(999)).toBe("999")
    expect(Decision.formatYuan(1000)).toBe("1,000")
    expect(Decision.formatYuan(1234567.891)).toBe("1,234,567.89")
    expect(Decision.formatYuan(8250.5)).toBe("8,250.5")
    expect(Decision.formatYuan(7800.05)).toBe("7,800.05")
    expect(Decision.formatYuan(-1500)).toBe("-1,500")
    // not a number of yuan: written as JavaScript writes it, not grouped
    expect([Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY].map(Decision.formatYuan)).toEqual(["NaN", "Infinity", "-Infinity"])
  })

  test.prop([fc.integer({ min: -1e9, max: 1e9 }), fc.integer({ min: 0, max: 99 })], { numRuns: 3000 })("writes what the en-US number format writes", (whole, cents) => {
    const n = whole + Math.sign(whole || 1) * cents / 100
    const intl = new Intl.NumberFormat("en-US", { maximumFractionDigits: 2 }).format(n)
    expect(Decision.formatYuan(n)).toBe(intl === "-0" ? "0" : intl)
  })
})

describe("weakest basis", () => {
  it("a reason rests on the weakest of what it reads: sample < local < interpretation < law, in either order", () => {
    const order = ["law", "interpretation", "local", "sample"] as const
    for (const [i, a] of order.entries()) {
      for (const [j, b] of order.entries()) expect(Decision.weakest(a, b)).toBe(order[Math.max(i, j)])
    }
  })
})
