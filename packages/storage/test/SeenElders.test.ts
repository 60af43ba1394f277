import { describe, expect, it } from "vitest"
import { fingerprint, SeenElders } from "../src/internal/importer.js"

// the importer's record of the elders of one input (a duplicate is rejected with the first position)
describe("SeenElders", () => {
  it("gives each key's first position after the table has grown many times, and nothing for keys not seen", () => {
    const seen = new SeenElders()
    const n = 50_000
    for (let i = 0; i < n; i++) seen.set(`43012${i % 10}001001|E${i}`, i * 2)
    for (let i = 0; i < n; i++) expect(seen.get(`43012${i % 10}001001|E${i}`)).toBe(i * 2)
    // the same id in another county is another elder
    let found = 0
    for (let i = 0; i < n; i++) if (seen.get(`43012${(i + 1) % 10}001001|E${i}`) !== undefined) found++
    expect(found).toBe(0)
    expect(seen.get("")).toBeUndefined()
  })

  it("refuses a position it cannot hold", () => {
    expect(() => new SeenElders().set("a", -1)).toThrow(RangeError)
    expect(() => new SeenElders().set("a", 2 ** 31)).toThrow(RangeError)
  })

  it("keys its fingerprints with a secret of its own, so ids cannot be crafted to collide", () => {
    const keys = Array.from({ length: 2000 }, (_, i) => `430121001001|E${i}`)
    const a = keys.map((k) => fingerprint("secret-a", k).join(","))
    const b = keys.map((k) => fingerprint("secret-b", k).join(","))
    // the same secret gives the same fingerprint; another secret gives another for every key
    expect(keys.map((k) => fingerprint("secret-a", k).join(","))).toEqual(a)
    expect(a.filter((f, i) => f === b[i])).toEqual([])
    // no two keys share a fingerprint
    expect(new Set(a).size).toBe(keys.length)
    // two tables with their own secrets agree on what they hold
    const one = new SeenElders()
    const two = new SeenElders()
    keys.forEach((k, i) => {
      one.set(k, i)
      two.set(k, i)
    })
    expect(keys.map((k) => one.get(k))).toEqual(keys.map((k) => two.get(k)))
    expect(one.get("430121001001|E2000")).toBeUndefined()
  })
})
