// A province plugin that brings its own vocabularies (test/fixtures/four-level-province): it
// loads, evaluates, passes the law packs, and case files using its programs, facts and finer
// whereabouts decode and evaluate.
import { writeFileSync } from "node:fs"
import { join } from "node:path"
import { type CaseFile, Decode, Engine, Loader, type Parameter } from "@liushou/core"
import { hunan } from "@liushou/policy-hunan"
import { national } from "@liushou/policy-national"
import { checkPolicyLaws } from "@liushou/testkit/vitest"
import { describe, expect, it } from "vitest"
import { fourLevelProvince, LEVELS } from "./fixtures/four-level-province/index.js"
import { cli, tempDir } from "./host-support.js"

const registry = Loader.load([national, hunan, fourLevelProvince])
const engine = Engine.make(registry)
const AS_OF = "2024-06-30"

const caseFile = (over: { receiving?: ReadonlyArray<string>; facts?: Record<string, CaseFile.FactValue>; whereabouts?: string; region?: string; birthDate?: string; ability?: string; alone?: boolean } = {}) => ({
  elder: {
    id: "T-0001",
    name: "测试老人",
    sex: "female",
    birthDate: over.birthDate ?? "1940-03-01",
    regionCode: over.region ?? "520121101201",
    rural: true,
    livingArrangement: over.alone === true ? "alone" : "with-spouse",
    ability: over.ability ?? "intact",
    seriousIllness: false,
    disabilityGrade: null,
    annualIncome: 6000,
    incomeSources: ["farming"],
    receiving: over.receiving ?? [],
    ...(over.facts !== undefined ? { facts: over.facts } : {})
  },
  supporters: [{ id: "S1", relation: "son", whereabouts: over.whereabouts ?? "out-of-province", awaySince: "2015-01-01", reportedToVillage: true, lastContact: over.region === undefined ? "2024-06-01" : "2019-06-01" }],
  delegatedCarer: null,
  visits: [{ date: "2024-06-10", mode: "home", by: "township", concerns: [] }],
  riskAssessments: []
})

const evaluate = (raw: unknown, asOf = AS_OF) => {
  const decoded = Decode.caseFile(raw)
  if (!decoded.ok) throw new Error(JSON.stringify(decoded.error))
  return engine.evaluate(decoded.value, asOf)
}
// Hunan's plugin is in force 2018-08-03 to 2023-08-02
const IN_HUNAN = "2019-06-30"

describe("a province with its own vocabularies", () => {
  it("loads after the national baseline, inheriting and extending its vocabularies", () => {
    expect(registry.errors).toEqual([])
    const p = registry.policies.find((x) => x.plugin.id === fourLevelProvince.id)!
    expect(p.riskLevels.map((l) => l.id)).toEqual(LEVELS.map((l) => l.id))
    expect(p.vocabularies.followUpSteps.map((s) => s.id)).toEqual(["none", "reminder", "criticism-education", "township-interview", "law-enforcement"])
    expect(p.vocabularies.programs.map((x) => x.id).slice(-2)).toEqual(["advanced-age-allowance", "mutual-aid-care"])
    expect(p.vocabularies.programs).toHaveLength(13)
    expect(p.vocabularies.facts.map((f) => f.id)).toEqual(["financial-support", "mutual-aid-point"])
  })

  it("a case file receiving one of its programs decodes and evaluates; its fact decides mutual-aid care", () => {
    const r = evaluate(caseFile({ receiving: ["advanced-age-allowance", "dibao"], facts: { "mutual-aid-point": true } }))
    if (!r.ok) throw new Error(r.error.reason.reasons[0]!.text.en)
    expect(r.value.policy.id).toBe(fourLevelProvince.id)
    expect(r.value.eligibility!.map((d) => [d.program, d.status])).toEqual([
      ["advanced-age-allowance", "receiving"],
      ["mutual-aid-care", "eligible"]
    ])
    const unknown = evaluate(caseFile({ facts: { "mutual-aid-point": null } }))
    expect(unknown.ok && unknown.value.eligibility![1]).toMatchObject({ status: "needs-information", missing: ["elder.facts.mutual-aid-point"] })
    const none = evaluate(caseFile())
    expect(none.ok && none.value.eligibility!.map((d) => d.status)).toEqual(["eligible", "needs-information"])
  })

  it("the same program in Hunan is refused at evaluation, naming the case, the field and the chain", () => {
    const r = evaluate(caseFile({ receiving: ["advanced-age-allowance"], region: "430121101201" }), IN_HUNAN)
    if (r.ok) throw new Error("expected a refusal")
    expect(r.error.reason.reasons[0]!.code).toBe("vocabulary.undeclared")
    expect(r.error.reason.reasons[0]!.text.en).toContain(`case T-0001: elder.receiving[0] = "advanced-age-allowance" is not a program the governing policy chain (${national.id}@${national.version} → ${hunan.id}@${hunan.version}) declares`)
    const fact = evaluate(caseFile({ facts: { "mutual-aid-point": "yes" } }))
    expect(fact.ok ? "" : fact.error.reason.reasons[0]!.text.en).toBe("case T-0001: elder.facts.mutual-aid-point should be a boolean (or null), found a string")
  })

  it("finer whereabouts: a son in the township is at hand, one elsewhere in the county or out of the province is away", () => {
    const status = (whereabouts: string) => {
      const r = evaluate(caseFile({ whereabouts }))
      return r.ok ? r.value.leftBehind.value : r.error.reason.reasons[0]!.text.en
    }
    expect(["in-township", "in-county", "out-of-county", "out-of-province", "with-elder"].map(status)).toEqual([false, true, true, true, false])
    // Hunan (away from the county) reads the finer values through the coarse ones
    const hunanStatus = (whereabouts: string) => {
      const r = evaluate(caseFile({ whereabouts, region: "430121101201" }), IN_HUNAN)
      return r.ok ? [r.value.policy.id, r.value.leftBehind.value] : r.error.reason.reasons[0]!.text.en
    }
    expect(["in-township", "in-county", "out-of-county", "out-of-province"].map(hunanStatus)).toEqual([
      ["hunan-2018-30", false],
      ["hunan-2018-30", false],
      ["hunan-2018-30", true],
      ["hunan-2018-30", true]
    ])
  })

  it("grades into all four levels, and follow-up climbs its ladder to the township interview", () => {
    const level = (over: Parameters<typeof caseFile>[0]) => {
      const r = evaluate(caseFile(over))
      return r.ok ? r.value.risk!.level : null
    }
    expect([
      level({ birthDate: "1960-01-01" }),
      level({ birthDate: "1940-01-01" }),
      level({ birthDate: "1940-01-01", ability: "severe" }),
      level({ birthDate: "1940-01-01", ability: "severe", alone: true })
    ]).toEqual(["level-2", "level-3", "level-4", "level-4"])
    const r = evaluate({ ...caseFile(), supporters: [{ id: "S1", relation: "son", whereabouts: "out-of-province", awaySince: "2020-01-01", reportedToVillage: true, lastContact: "2023-06-01" }] })
    expect(r.ok && r.value.followUp).toMatchObject({ step: "township-interview", reportToTownship: true })
    expect(r.ok && r.value.visits?.intervalDays).toBe(14)
  })

  it("is refused at load when its level-keyed table misses a level", () => {
    const bad = {
      ...fourLevelProvince,
      parameters: fourLevelProvince.parameters.map((p) => (p.id === "test.visits.intervalDays" ? ({ ...p, values: [{ from: "2024-01-01", value: { "level-1": 90, "level-2": 30, "level-3": 14 } }] } as Parameter.Parameter) : p))
    }
    const e = Loader.load([national, bad]).errors
    expect(e.map((x) => [x.check, x.found])).toEqual([["vocabulary-tables", "missing level-4"]])
  })
})

checkPolicyLaws([national, fourLevelProvince], { policy: fourLevelProvince.id, numRuns: 200 })

describe("registered through liushou.config.json, not by editing the host", () => {
  const pluginFile = join(import.meta.dirname, "fixtures", "four-level-province", "index.ts")
  it("plugins --json lists it with its source and its vocabularies", async () => {
    const dir = tempDir()
    writeFileSync(join(dir, "liushou.config.json"), JSON.stringify({ plugins: [pluginFile] }))
    const r = await cli(dir, "plugins", ["--json"])
    expect(r.err).toBe("")
    const rows = JSON.parse(r.out) as Array<{ id: string; source: string | null; vocabularies: { programs: Array<{ id: string }>; followUpSteps: Array<{ id: string }>; facts: Array<{ id: string }>; riskLevels: Array<{ id: string }> } }>
    const row = rows.find((x) => x.id === fourLevelProvince.id)!
    expect(row.source).toBe(pluginFile)
    expect(row.vocabularies.riskLevels.map((l) => l.id)).toEqual(["level-1", "level-2", "level-3", "level-4"])
    expect(row.vocabularies.followUpSteps.map((s) => s.id)).toContain("township-interview")
    expect(row.vocabularies.programs.map((p) => p.id)).toContain("mutual-aid-care")
    expect(row.vocabularies.facts.map((f) => f.id)).toEqual(["financial-support", "mutual-aid-point"])
    expect(rows.find((x) => x.id === "national-2017-193")!.source).toBe("built-in")
  })

  it("diff reads the same configuration (--config or liushou.config.json)", async () => {
    const dir = tempDir()
    const config = join(dir, "province.config.json")
    writeFileSync(config, JSON.stringify({ plugins: [pluginFile] }))
    const args = ["--from", "national-2017-193", "--to", fourLevelProvince.id, "--synthetic", "60", "--region", "52", "--as-of", AS_OF, "--json"]
    const r = await cli(dir, "diff", [...args, "--config", config])
    expect(r.err).toBe("")
    const report = JSON.parse(r.out) as { total: number }
    expect(report.total).toBe(60)
    // without the configuration the province is unknown
    const without = await cli(dir, "diff", args)
    expect(without.code).toBe(2)
    expect(without.err).toContain(`没有与 ${fourLevelProvince.id}`)
  })
})

describe("diff against the baseline: decided vs not decided apart from real changes", () => {
  it("outputs the baseline has no rule for are 'decided on one side only', not changes", async () => {
    const { Impact, syntheticPopulation } = await import("@liushou/testkit")
    const cases = syntheticPopulation(300, { region: "52", seed: 5, asOf: AS_OF })
    const report = Impact.diffPolicies({ engine, policy: "national-2017-193" }, { engine, policy: fourLevelProvince.id }, cases, AS_OF)
    // the national baseline grades no risk and decides no eligibility: every compared elder gets those only from the province
    expect(report.decidedOnOneSide).toBe(report.compared)
    const coverage = report.changes.filter((c) => c.decided !== "both")
    expect(coverage.every((c) => c.decided === "after-only" && c.from === "not decided")).toBe(true)
    expect(coverage.map((c) => c.aspect)).toEqual(expect.arrayContaining(["risk", "eligibility"]))
    // real changes: left-behind status, priority and the visit interval (the national baseline's
    // periodic visits) are decided by both; count them directly
    const national = registry.policies.find((p) => p.plugin.id === "national-2017-193")!
    const province = registry.policies.find((p) => p.plugin.id === fourLevelProvince.id)!
    const sel = { value: "", reasons: [] }
    const direct = cases.filter((cf) => {
      const x = engine.plan(national, AS_OF).evaluate(cf, sel)
      const y = engine.plan(province, AS_OF).evaluate(cf, sel)
      return x.leftBehind.value !== y.leftBehind.value || x.priority.value !== y.priority.value || x.visits?.intervalDays !== y.visits?.intervalDays
    }).length
    expect(report.changed).toBe(direct)
    for (const c of report.changes.filter((c) => c.decided === "both")) expect(["leftBehind", "priority", "visits"]).toContain(c.aspect)
    expect(Impact.formatText(report, "en")).toContain(`${report.decidedOnOneSide} elders have outputs only one side decides`)
  })
})
