import { Loader } from "@liushou/core"
import { national } from "@liushou/policy-national"
import { Scenarios } from "@liushou/testkit"
import { runScenarios } from "@liushou/testkit/vitest"
import { describe, expect, it } from "vitest"

const dir = new URL("./fixtures/scenarios/", import.meta.url)

// the runner, as a plugin package uses it: one vitest test per scenario
runScenarios(new URL("./sample.yaml", dir), Loader.load([national]))

describe("Scenarios", () => {
  it("runs a directory of files and reports mismatches in words, in both languages", () => {
    const results = Scenarios.run(dir, [national])
    expect(results.map((r) => [r.scenario.name, r.ok])).toEqual([
      ["both sons away for a year", true],
      ["one son back home", true],
      ["aged 82 is a priority case", true],
      ["a wrong expectation", false],
      ["an invalid case", false]
    ])
    const wrong = results[3]!
    expect(wrong.message!.en).toContain('scenario "a wrong expectation" (wrong.yaml, as of 2019-06-30) under national-2017-193@1.0.0')
    expect(wrong.message!.en).toContain("leftBehind: expected true, got false (reasons: left-behind.age, left-behind.no-supporters)")
    expect(wrong.message!.en).toContain("reason code: expected \"left-behind.all-away\"")
    expect(wrong.message!.zh).toContain("leftBehind：应为 true，实为 false")
    const invalid = results[4]!
    expect(invalid.message!.en).toContain("the case file is invalid")
    expect(invalid.message!.en).toContain("elder.birthDate")
  })

  it("merges patches into bases: objects key by key, array elements by index", () => {
    const file = Scenarios.parseFile(
      `bases: { b: { elder: { id: X, ability: intact }, supporters: [{ id: S1, whereabouts: in-county }, { id: S2, whereabouts: out-of-county }] } }
scenarios:
  - { name: n, asOf: "2020-01-01", base: b, patch: { elder: { ability: severe }, supporters: { 1: { whereabouts: with-elder } } } }`
    )
    expect(file.error).toBeNull()
    expect(file.scenarios[0]!.caseFile).toEqual({
      elder: { id: "X", ability: "severe" },
      supporters: [
        { id: "S1", whereabouts: "in-county" },
        { id: "S2", whereabouts: "with-elder" }
      ]
    })
  })

  it("selects list elements in match paths by index or by [key=value], dots in the value included", () => {
    const [file] = Scenarios.loadFiles(new URL("./sample.yaml", dir))
    const scenario = file!.scenarios[0]!
    const run1 = Scenarios.runner([national])
    const check = (match: Record<string, unknown>) => run1({ ...scenario, expect: { match } })
    const ok = check({
      "duties[supporterId=S2]": { status: "unmet" },
      "leftBehind.reasons[code=left-behind.all-away].citation": { document: "民发〔2017〕193号" },
      "duties[0].duty": "regular-contact",
      "referrals[to=nobody]": null
    })
    expect(ok.message?.en ?? null).toBeNull()
    const bad = check({ "duties[supporterId=S2]": { status: "met" } })
    expect(bad.ok).toBe(false)
    expect(bad.message!.en).toContain('duties[supporterId=S2]: expected {"status":"met"}, got {')
    expect(check({ "leftBehind.reasons[code=no-such-code]": { code: "no-such-code" } }).ok).toBe(false)
  })

  it("reports unreadable files and unknown bases", () => {
    expect(Scenarios.parseFile("scenarios: [ { name: x, asOf: 2020-01-01, base: nope } ]", "f.yaml").error!.en).toContain('names an unknown base "nope"')
    expect(Scenarios.parseFile("{ not: [yaml", "g.yaml").error!.en).toContain("not valid YAML or JSON")
    expect(Scenarios.parseFile("{}", "h.json").error!.en).toContain("expected an object with a `scenarios` list")
  })
})
