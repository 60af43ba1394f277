import { fc, test } from "@fast-check/vitest"
import { Loader } from "@liushou/core"
import { describe, expect, it } from "vitest"
import { compareVersions, isVersion, satisfies } from "../src/internal/semver.js"
import { base } from "./fixtures.js"

// The version ranges a plugin states for core (`core`) and for its parent (`extends.version`),
// checked against npm's definitions written out here: a range is a set of versions, `^t` the
// versions from t up to its next breaking release, `~t` up to the next minor one.
type V = readonly [number, number, number]
const text = (v: V) => v.join(".")
const order = (a: V, b: V) => a[0] - b[0] || a[1] - b[1] || a[2] - b[2]
const nextBreaking = (t: V): V => (t[0] > 0 ? [t[0] + 1, 0, 0] : t[1] > 0 ? [0, t[1] + 1, 0] : [0, 0, t[2] + 1])
const member: Record<string, (v: V, t: V) => boolean> = {
  "": (v, t) => order(v, t) === 0,
  "=": (v, t) => order(v, t) === 0,
  ">=": (v, t) => order(v, t) >= 0,
  "<=": (v, t) => order(v, t) <= 0,
  ">": (v, t) => order(v, t) > 0,
  "<": (v, t) => order(v, t) < 0,
  "^": (v, t) => order(v, t) >= 0 && order(v, nextBreaking(t)) < 0,
  "~": (v, t) => order(v, t) >= 0 && order(v, [t[0], t[1] + 1, 0]) < 0
}
// small numbers, so that equal parts (where the operators differ) are frequent
const versionArb = fc.tuple(fc.nat(2), fc.nat(2), fc.nat(2))
const comparatorArb = fc.tuple(fc.constantFrom(...Object.keys(member)), versionArb)

describe("semver ranges", () => {
  test.prop([versionArb, comparatorArb])("a single comparator holds exactly for the versions npm's definition gives", (v, [op, t]) => {
    expect(satisfies(text(v), `${op}${text(t)}`)).toBe(member[op]!(v, t))
  })

  test.prop([versionArb, fc.array(fc.array(comparatorArb, { minLength: 1, maxLength: 3 }), { minLength: 1, maxLength: 3 })])(
    "comparators joined by spaces must all hold, alternatives joined by || need one",
    (v, alternatives) => {
      const range = alternatives.map((all) => all.map(([op, t]) => `${op}${text(t)}`).join(" ")).join(" || ")
      expect(satisfies(text(v), range)).toBe(alternatives.some((all) => all.every(([op, t]) => member[op]!(v, t))))
    }
  )

  test.prop([versionArb, fc.constantFrom("*", "", " ", "* ||  *")])("a range of * (or nothing) holds for every version", (v, range) => {
    expect(satisfies(text(v), range)).toBe(true)
    expect(satisfies(text(v), `${range} || <0.0.0`.trim())).toBe(true)
  })

  it("a version or comparator that does not parse gives no answer, not a false one", () => {
    for (const bad of ["1.0", "x.y.z", "1.0.0.0", "", "^"]) {
      expect(isVersion(bad), bad).toBe(false)
      expect(satisfies(bad, "*"), bad).toBe(undefined)
      if (bad !== "" && bad !== "^") expect(satisfies("1.0.0", `>=${bad}`), bad).toBe(undefined)
    }
    expect(satisfies("1.0.0", "^")).toBe(undefined)
    // a leading v and a pre-release or build suffix are read as the version itself
    expect(satisfies("v1.2.3-beta.1", "=1.2.3")).toBe(true)
    expect(isVersion("1.2.3+build")).toBe(true)
  })

  test.prop([versionArb, versionArb])("versions are compared part by part, as numbers", (a, b) => {
    expect(Math.sign(compareVersions(text(a), text(b)))).toBe(Math.sign(order(a, b)))
  })

  it("the loader accepts a plugin for any core (*) and refuses one for none", () => {
    expect(Loader.load([{ ...base, core: "*" }]).errors).toEqual([])
    expect(Loader.load([{ ...base, core: "*" }]).policies.map((p) => p.key)).toEqual(["test-base@1.0.0"])
    expect(Loader.load([{ ...base, core: "<0.0.0" }]).errors.map((e) => e.check)).toEqual(["core-version"])
  })
})
