import { readFileSync } from "node:fs"
import { CalendarDate, Decision, Engine, Loader, Parameter, Policy, Selection, Version } from "@liushou/core"
import { describe, expect, it } from "vitest"
import { base, child } from "./fixtures.js"

const refused = (plugins: ReadonlyArray<unknown>) => Loader.load(plugins).errors.map((e) => [e.plugin, e.check])

describe("Loader checks, in order", () => {
  it("loads a baseline and its child", () => {
    const r = Loader.load([child, base])
    expect(r.errors).toEqual([])
    expect(r.policies.map((p) => p.key)).toEqual(["test-base@1.0.0", "test-province@1.0.0"])
    expect(r.policies[1]!.chain.map(Policy.key)).toEqual(["test-base@1.0.0", "test-province@1.0.0"])
  })

  it("1. refuses bad metadata, naming the field", () => {
    const e = Loader.load([{ ...base, version: "one" }, { ...base, id: "x", effectiveFrom: "2018-02-30" }, 42]).errors
    expect(e.map((x) => [x.plugin, x.check])).toEqual([
      ["test-base@one", "metadata"],
      ["x@1.0.0", "metadata"],
      ["#2", "metadata"]
    ])
    expect(e[0]!.found).toContain("version")
    expect(e[1]!.found).toContain("effectiveFrom")
    expect(e[0]!.message.zh).toContain("元数据")
  })

  it("2. refuses a plugin needing another core version", () => {
    const e = Loader.load([{ ...base, core: "^9.0.0" }]).errors[0]!
    expect([e.check, e.expected, e.found]).toEqual(["core-version", "@liushou/core ^9.0.0", "@liushou/core 0.1.0"])
  })

  it("3. refuses a duplicate id and version", () => {
    expect(refused([base, base])).toEqual([["test-base@1.0.0", "duplicate"]])
  })

  it("4. refuses a plugin whose parent is missing, and the children of refused plugins", () => {
    expect(refused([child])).toEqual([["test-province@1.0.0", "missing-parent"]])
    expect(refused([{ ...base, core: "^9.0.0" }, child])).toEqual([
      ["test-base@1.0.0", "core-version"],
      ["test-province@1.0.0", "missing-parent"]
    ])
    expect(refused([base, { ...child, extends: { id: "test-base", version: "^2.0.0" } }])).toEqual([["test-province@1.0.0", "missing-parent"]])
  })

  it("4. a missing parent's error names the versions of that parent that are loaded, and no other plugin", () => {
    const other = { ...child, id: "test-other", region: "44" }
    const wanting = { ...child, extends: { id: "test-base", version: "^2.0.0" } }
    const e = Loader.load([base, other, wanting]).errors
    expect(e.map((x) => [x.plugin, x.check, x.found])).toEqual([["test-province@1.0.0", "missing-parent", "only test-base@1.0.0 (refused or out of range)"]])
    expect(Loader.load([other, wanting]).errors.find((x) => x.plugin === "test-province@1.0.0")!.found).toBe("no such plugin loaded")
  })

  it("refuses a child whose region is outside its parent's, naming both regions", () => {
    const province = { ...child, id: "test-province-43", version: "1.0.0", extends: { id: "test-base", version: "^1.0.0" } }
    const county = { ...child, id: "test-county", region: "440106", extends: { id: "test-province-43", version: "^1.0.0" } }
    const e = Loader.load([base, province, county]).errors
    expect(e.map((x) => [x.plugin, x.check])).toEqual([["test-county@1.0.0", "region"]])
    expect(e[0]!.expected).toBe("a region inside the parent's region 43")
    expect(e[0]!.found).toBe("region 440106")
    expect(Loader.load([base, province, { ...county, region: "430121" }]).errors).toEqual([])
  })

  it("5. refuses overlapping validity for the same region", () => {
    const e = Loader.load([base, child, { ...child, id: "test-province-other", effectiveFrom: "2023-01-01", effectiveUntil: null }]).errors
    expect(e.map((x) => [x.plugin, x.check])).toEqual([["test-province-other@1.0.0", "overlapping-validity"]])
    expect(e[0]!.found).toContain("test-province@1.0.0")
    // back to back is fine
    expect(refused([base, child, { ...child, id: "test-province-next", effectiveFrom: CalendarDate.addDays("2023-08-02", 1), effectiveUntil: null }])).toEqual([])
  })

  it("5. compares the validities whichever plugin is loaded first: back to back loads, one day in common is refused", () => {
    const next = { ...child, id: "test-province-next", effectiveFrom: CalendarDate.addDays(child.effectiveUntil!, 1), effectiveUntil: null }
    expect(refused([base, next, child])).toEqual([])
    // the last day of one is the first day of the other
    const sharing = { ...next, effectiveFrom: child.effectiveUntil! }
    expect(refused([base, child, sharing])).toEqual([["test-province-next@1.0.0", "overlapping-validity"]])
    expect(refused([base, sharing, child])).toEqual([["test-province@1.0.0", "overlapping-validity"]])
  })

  it("5. the refusal names the region and the dates, and says national and open-ended where a plugin has no region or no end", () => {
    const national = { ...base, id: "test-base-other" }
    const [n] = Loader.load([base, national]).errors
    expect(n!.check).toBe("overlapping-validity")
    expect(n!.expected).toBe(`no other plugin governing region (national) between ${base.effectiveFrom} and (open)`)
    expect(n!.found).toBe(`${base.id}@${base.version} in force ${base.effectiveFrom}..(open)`)
    expect(n!.message.zh).toContain(`与 ${base.id}@${base.version} 在同一区划 （全国） 的有效期重叠`)
    const regional = { ...child, id: "test-province-other", effectiveFrom: "2023-01-01", effectiveUntil: "2024-12-31" }
    const [r] = Loader.load([base, child, regional]).errors
    expect(r!.expected).toBe(`no other plugin governing region ${child.region} between 2023-01-01 and 2024-12-31`)
    expect(r!.found).toBe(`${child.id}@${child.version} in force ${child.effectiveFrom}..${child.effectiveUntil}`)
    expect(r!.message.zh).toContain(`在同一区划 ${child.region} 的有效期重叠`)
  })

  it("6. an override in a plugin without a parent names no parent and no rules", () => {
    const lone = { ...base, rules: {}, overrides: ["leftBehind"] }
    const [e] = Loader.load([lone]).errors
    expect(e!.check).toBe("overrides")
    expect(e!.expected).toBe('a rule "leftBehind" in the parent (none) to override')
    expect(e!.found).toBe("the parent has only no rules")
    const [c] = Loader.load([base, { ...child, overrides: ["risk"] }]).errors
    expect(c!.expected).toBe(`a rule "risk" in the parent ${base.id}@${base.version} to override`)
    expect(c!.found).toBe(`the parent has only ${Object.keys(base.rules).join(", ")}`)
  })

  it("6. refuses overrides the parent lacks, and replacing a parent rule without declaring it", () => {
    expect(refused([base, { ...child, overrides: ["risk"] }])).toEqual([["test-province@1.0.0", "overrides"]])
    expect(refused([base, { ...child, rules: { leftBehind: base.rules.leftBehind } }])).toEqual([["test-province@1.0.0", "overrides"]])
    expect(refused([base, { ...child, rules: { leftBehind: base.rules.leftBehind }, overrides: ["leftBehind"] }])).toEqual([])
  })

  it("7. refuses unknown parameters, parameter gaps and overlaps, and risk rules without levels", () => {
    const bad = { ...base, rules: { ...base.rules, duties: Policy.rule("duties", { parameters: ["nope"], topics: [], compile: () => () => [] }) } }
    const e = Loader.load([bad]).errors[0]!
    expect([e.check, e.expected]).toEqual(["parameters", 'parameter nope (read by rule "duties") defined in the chain'])
    const gap = { ...base, parameters: [{ ...base.parameters[0]!, values: [{ from: "2018-01-01", until: "2018-12-31", value: 1 }, { from: "2019-02-01", value: 2 }] }] }
    const g = Loader.load([gap]).errors[0]!
    expect(g.check).toBe("parameters")
    expect(g.found).toBe("parameter test.minAge has no value from 2019-01-01 to 2019-01-31")
    const risky = { ...base, rules: { ...base.rules, risk: Policy.rule("risk", { parameters: [], topics: [], compile: () => () => ({ level: null, reasons: [], whyNot: [], lastAssessed: null, nextAssessmentDue: null, assessmentOverdue: false }) }) } }
    expect(Loader.load([risky]).errors.map((x) => x.expected)).toEqual(["riskLevels for a plugin with a risk rule"])
    expect(Loader.load([risky]).errors.map((x) => x.message.zh)).toEqual([expect.stringContaining("有风险评估规则但未定义风险等级")])
  })
})

describe("Loader: topics, vocabularies and vocabulary tables", () => {
  const levels = [
    { id: "l1", name: { zh: "一", en: "one" } },
    { id: "l2", name: { zh: "二", en: "two" } }
  ]
  it("refuses a rule citing a topic no plugin of the chain names, and a program whose topic is not named", () => {
    const bad = { ...child, rules: { duties: Policy.rule("duties", { parameters: [], topics: ["duties.nowhere"], compile: () => () => [] }) }, overrides: ["duties"] }
    const e = Loader.load([base, bad]).errors
    expect(e.map((x) => [x.plugin, x.check])).toEqual([["test-province@1.0.0", "topics"]])
    expect(e[0]!.expected).toBe('topic "duties.nowhere" (cited by rule "duties") named in the clauses of test-base@1.0.0 → test-province@1.0.0')
    expect(e[0]!.message.en).toContain("refused (topics: every topic its rules and programs cite is named in the chain's clauses)")
    const program = { ...child, vocabularies: { programs: [{ id: "p-new", name: { zh: "新", en: "new" }, topic: "programs.new" }] } }
    expect(Loader.load([base, program]).errors.map((x) => [x.check, x.expected])).toEqual([["topics", 'topic "programs.new" (of program p-new) named in the clauses of test-base@1.0.0 → test-province@1.0.0']])
    // naming the topic in the child's clauses is enough
    expect(Loader.load([base, { ...program, clauses: { ...child.clauses, "programs.new": "4" } }]).errors).toEqual([])
  })

  it("refuses at load a rule that cites a topic its topics leave out and no clause names (it would fail at compile), and accepts a tried topic with a fallback", () => {
    const citing = (topic: string, fallback?: string) =>
      Policy.rule("duties", {
        parameters: [],
        topics: [],
        compile: (env) => {
          if (fallback === undefined) env.cite(topic)
          else {
            try {
              env.cite(topic)
            } catch {
              env.cite(fallback)
            }
          }
          return () => []
        }
      })
    const bad = { ...child, rules: { duties: citing("duties.undeclared") }, overrides: ["duties"] }
    const r = Loader.load([base, bad])
    expect(r.policies.map((p) => p.key)).toEqual(["test-base@1.0.0"])
    expect(r.errors.map((x) => [x.plugin, x.check])).toEqual([["test-province@1.0.0", "topics"]])
    expect(r.errors[0]!.expected).toBe(
      `topic "duties.undeclared" (cited by rule "duties" when compiled for ${child.effectiveFrom}, not listed in its topics) named in the clauses of test-base@1.0.0 → test-province@1.0.0`
    )
    expect(r.errors[0]!.found).toBe("no clause for it")
    expect(r.errors[0]!.message.zh).toContain(`规则 "duties" 在编译（${child.effectiveFrom}）时引用的主题 "duties.undeclared" 未列入其 topics，且在条款表中不存在`)
    // the engine's own error names the rule and the topic too (a plugin that was never loaded)
    const unloaded = { plugin: bad, key: "test-province@1.0.0", chain: [base, bad], parent: null, rules: new Map([["duties", [bad.rules.duties]]]), riskLevels: [], vocabularies: r.policies[0]!.vocabularies, parametersHash: "", changeDates: [] }
    expect(() => Engine.compile(unloaded as never, child.effectiveFrom)).toThrow(/rule "duties" cites topic "duties.undeclared"/)
    // a topic only tried, with a named fallback, loads; so does an undeclared topic that a clause names
    expect(Loader.load([base, { ...bad, rules: { duties: citing("duties.undeclared", Object.keys(base.clauses!)[0]!) } }]).errors).toEqual([])
    expect(Loader.load([base, { ...bad, clauses: { ...child.clauses, "duties.undeclared": "2" } }]).errors).toEqual([])
  })

  it("inherits and extends vocabularies: lists add up, a ladder replaces the parent's", () => {
    const steps = [{ id: "none", name: { zh: "无", en: "none" } }, { id: "talk", name: { zh: "约谈", en: "interview" } }]
    const r = Loader.load([
      { ...base, vocabularies: { ...base.vocabularies, followUpSteps: [steps[0]!] } },
      { ...child, vocabularies: { programs: [{ id: "p-child", name: { zh: "子", en: "child" }, topic: "programs" }], followUpSteps: steps } }
    ])
    expect(r.errors).toEqual([])
    expect(r.policies[0]!.vocabularies.followUpSteps.map((s) => s.id)).toEqual(["none"])
    expect(r.policies[1]!.vocabularies.programs.map((p) => p.id)).toEqual(["p-one", "p-two", "p-three", "p-child"])
    expect(r.policies[1]!.vocabularies.followUpSteps.map((s) => s.id)).toEqual(["none", "talk"])
  })

  it("a plugin that declares one list of its own keeps every other list of its parent, and adds to the one it declares", () => {
    const term = (id: string) => ({ id, name: { zh: id, en: id } })
    const lists = {
      programs: (p: string) => [{ ...term(`${p}-program`), topic: "programs" }],
      bodies: (p: string) => [term(`${p}-body`)],
      concerns: (p: string) => [term(`${p}-concern`)],
      facts: (p: string) => [{ ...term(`${p}-fact`), type: "boolean" as const }],
      ledgerReasons: (p: string) => [{ ...term(`${p}-in`), event: "entered" as const }, { ...term(`${p}-out`), event: "exited" as const }],
      serviceKinds: (p: string) => [term(`${p}-service`)]
    }
    const names = Object.keys(lists) as Array<keyof typeof lists>
    const root = { ...base, vocabularies: { ...Object.fromEntries(names.map((n) => [n, lists[n]("root")])), followUpSteps: [term("none")] } }
    const ids = (xs: ReadonlyArray<{ id: string }>) => xs.map((x) => x.id)
    for (const declared of names) {
      const r = Loader.load([root, { ...child, vocabularies: { [declared]: lists[declared]("child") } }])
      expect(r.errors, declared).toEqual([])
      const [parent, own] = [r.policies[0]!.vocabularies, r.policies[1]!.vocabularies]
      for (const n of names) {
        const expected = n === declared ? [...ids(lists[n]("root")), ...ids(lists[n]("child"))] : ids(lists[n]("root"))
        expect(ids(own[n]), `${n} when the child declares ${declared}`).toEqual(expected)
        expect(ids(parent[n]), n).toEqual(ids(lists[n]("root")))
      }
      expect(ids(own.followUpSteps), declared).toEqual(["none"])
    }
  })

  it("refuses an id declared twice in a chain, and a rule using an undeclared id", () => {
    const twice = { ...child, vocabularies: { programs: [{ id: "p-one", name: { zh: "一", en: "one" }, topic: "programs" }] } }
    expect(Loader.load([base, twice]).errors.map((x) => [x.check, x.found])).toEqual([["vocabularies", "p-one declared twice"]])
    const uses = { ...child, rules: { duties: Policy.rule("duties", { parameters: [], topics: [], uses: { bodies: ["township"] }, compile: () => () => [] }) }, overrides: ["duties"] }
    expect(Loader.load([base, uses]).errors.map((x) => [x.check, x.expected])).toEqual([["vocabularies", 'bodies "township" (used by rule "duties") declared in the chain']])
    const followUp = { ...base, rules: { ...base.rules, followUp: Policy.rule("followUp", { parameters: [], topics: [], compile: () => () => ({ step: "none", reportToTownship: false, reasons: [] }) }) } }
    expect(Loader.load([followUp]).errors.map((x) => [x.check, x.found])).toEqual([["vocabularies", "no follow-up steps"]])
  })

  it("refuses a level-keyed table that misses a level of the chain, at any date the plugin governs, and undeclared ids in values", () => {
    const table = Parameter.define<Record<string, number>>({
      id: "test.byLevel",
      description: { zh: "按等级", en: "by level" },
      status: "local",
      reference: { document: "TEST-DOC", clause: "1" },
      keyedBy: "riskLevels",
      values: [{ from: "2018-01-01", value: { l1: 1, l2: 2 } }]
    })
    const withTable = { ...base, riskLevels: levels, parameters: [...base.parameters, table] }
    expect(Loader.load([withTable]).errors).toEqual([])
    // a child adding a level without a new table value is refused
    const more = { ...child, riskLevels: [...levels, { id: "l3", name: { zh: "三", en: "three" } }] }
    const e = Loader.load([withTable, more]).errors
    expect(e.map((x) => [x.check, x.expected, x.found])).toEqual([["vocabulary-tables", "test.byLevel from 2018-01-01: one entry for each of riskLevels l1, l2, l3", "missing l3"]])
    // ... and accepted when it gives one from its first day
    const fixed = { ...more, parameters: [...more.parameters, { ...table, values: [{ from: "2018-08-03", value: { l1: 1, l2: 2, l3: 3 } }] }] }
    expect(Loader.load([withTable, fixed]).errors).toEqual([])
    const concerns = Parameter.define<ReadonlyArray<string>>({
      id: "test.concerns",
      description: { zh: "关注事项", en: "concerns" },
      status: "local",
      reference: { document: "TEST-DOC", clause: "1" },
      valuesFrom: "concerns",
      values: [{ from: "2018-01-01", value: ["c-abuse", "c-fire"] }]
    }) as Parameter.Parameter
    expect(Loader.load([{ ...base, parameters: [...base.parameters, concerns] }]).errors.map((x) => [x.check, x.found])).toEqual([["vocabulary-tables", "undeclared c-fire"]])
  })
})

describe("Loader: vocabulary tables are checked on the days the plugin governs, and only those", () => {
  const levels = [
    { id: "l1", name: { zh: "一", en: "one" } },
    { id: "l2", name: { zh: "二", en: "two" } }
  ]
  const table = (values: ReadonlyArray<Parameter.DatedValue<Record<string, number>>>) =>
    Parameter.define<Record<string, number>>({
      id: "test.byLevel",
      description: { zh: "按等级", en: "by level" },
      status: "local",
      reference: { document: "TEST-DOC", clause: "1" },
      keyedBy: "riskLevels",
      values
    }) as Parameter.Parameter
  // the child governs 2018-08-03 to 2023-08-02 and adds a third level
  const three = [...levels, { id: "l3", name: { zh: "三", en: "three" } }]
  const parent = { ...base, riskLevels: levels, parameters: [...base.parameters, table([{ from: "2018-01-01", value: { l1: 1, l2: 2 } }])] }
  const withChild = (values: ReadonlyArray<Parameter.DatedValue<Record<string, number>>>) => ({ ...child, riskLevels: three, parameters: [...child.parameters, table(values)] })

  it("a value dated after the plugin's last day is not one it reads: a table there missing the plugin's level is not refused", () => {
    // from 2024 a successor without the third level would read this value; the child never does
    const later = withChild([
      { from: "2018-08-03", value: { l1: 1, l2: 2, l3: 3 } },
      { from: "2024-01-01", value: { l1: 1, l2: 2 } }
    ])
    expect(Loader.load([parent, later]).errors).toEqual([])
  })

  it("a value starting on or before the plugin's last day is checked, however briefly it is in force", () => {
    const lastDay = withChild([
      { from: "2018-08-03", value: { l1: 1, l2: 2, l3: 3 } },
      { from: "2023-08-02", value: { l1: 1, l2: 2 } }
    ])
    expect(Loader.load([parent, lastDay]).errors.map((x) => [x.check, x.expected, x.found])).toEqual([
      ["vocabulary-tables", "test.byLevel from 2023-08-02: one entry for each of riskLevels l1, l2, l3", "missing l3"]
    ])
  })
})

describe("Loader: the checks say what they do", () => {
  it("the module header and docs/architecture.md list the checks in the order of CHECKS", () => {
    const header = readFileSync(new URL("../src/Loader.ts", import.meta.url), "utf8")
    const listed = [...header.matchAll(/^ \* (\d+)\. ([a-z-]+): (.*)$/gm)].map((m) => [m[2], m[3]])
    expect(listed).toEqual(Loader.CHECKS.map((c) => [c.id, c.title.en]))
    const docs = readFileSync(new URL("../../../docs/architecture.md", import.meta.url), "utf8")
    const documented = [...docs.matchAll(/^\d+\. `([a-z-]+)`: (.*)$/gm)].map((m) => [m[1], m[2]])
    expect(documented).toEqual(Loader.CHECKS.map((c) => [c.id, c.title.en]))
  })
  it("every error's message names its check and what the check makes sure of", () => {
    const e = Loader.load([{ ...base, core: "^9.0.0" }]).errors[0]!
    expect(e.message.en).toBe("plugin test-base@1.0.0 refused (core-version: the plugin's core range accepts this core): expected @liushou/core ^9.0.0, found @liushou/core 0.1.0")
    expect(e.message.zh).toBe("插件 test-base@1.0.0 未加载（core-version：所需的 core 版本范围包含当前版本）：需要 @liushou/core ^9.0.0，实际为 0.1.0")
  })
  it("CORE_VERSION is core's package.json version, so a plugin's literal core range can fail", () => {
    const pkg = JSON.parse(readFileSync(new URL("../package.json", import.meta.url), "utf8")) as { version: string }
    expect(Version.CORE_VERSION).toBe(pkg.version)
    expect(Loader.load([{ ...base, core: "^0.0.1" }]).errors.map((x) => x.check)).toEqual(["core-version"])
  })
})

describe("Selection.select", () => {
  const registry = Loader.load([base, child])
  it("chooses the most specific plugin in force and says why", () => {
    const s = Selection.select(registry, "430121101201", "2019-06-30")
    expect(s.policy?.key).toBe("test-province@1.0.0")
    expect(s.decision.reasons.map((r) => r.code)).toEqual(["selection.most-specific"])
  })
  it("falls back to the parent outside the child's validity, and says so", () => {
    const s = Selection.select(registry, "430121101201", "2023-08-03")
    expect(s.policy?.key).toBe("test-base@1.0.0")
    expect(s.decision.reasons.map((r) => r.code)).toEqual(["selection.most-specific", "selection.fallback-out-of-validity"])
    expect(s.decision.reasons[1]!.text.en).toContain("not in force on 2023-08-03")
  })
  it("uses the baseline for other provinces, and nothing before any policy", () => {
    expect(Selection.select(registry, "150102101201", "2019-06-30").policy?.key).toBe("test-base@1.0.0")
    expect(Selection.select(registry, "430121101201", "2017-12-31").policy).toBeUndefined()
  })
  it("chooses the highest version of the same plugin", () => {
    const r = Loader.load([base, child, { ...child, version: "1.1.0" }])
    expect(r.errors).toEqual([])
    expect(Selection.select(r, "430121101201", "2019-06-30").policy?.key).toBe("test-province@1.1.0")
    expect(Selection.find(r, "test-province", "~1.0.0")?.key).toBe("test-province@1.0.0")
  })
})

describe("Loader: every refusal is said in Chinese as well as in English", () => {
  const levels = [
    { id: "l1", name: { zh: "一", en: "one" } },
    { id: "l2", name: { zh: "二", en: "two" } }
  ]
  const table = Parameter.define<Record<string, number>>({
    id: "test.byLevel",
    description: { zh: "按等级", en: "by level" },
    status: "local",
    reference: { document: "TEST-DOC", clause: "1" },
    keyedBy: "riskLevels",
    values: [{ from: "2018-01-01", value: { l1: 1, l2: 2, l9: 9 } }]
  }) as Parameter.Parameter
  const concerns = Parameter.define<ReadonlyArray<string>>({
    id: "test.concerns",
    description: { zh: "关注事项", en: "concerns" },
    status: "local",
    reference: { document: "TEST-DOC", clause: "1" },
    valuesFrom: "concerns",
    values: [{ from: "2018-01-01", value: ["c-abuse", "c-fire"] }]
  }) as Parameter.Parameter
  const minAge = base.parameters[0]!
  const rule = (name: "duties" | "risk" | "followUp", extra: Record<string, unknown>, result: unknown) =>
    Policy.rule(name as "duties", { parameters: [], topics: [], ...extra, compile: () => () => result as never })
  const noRisk = { level: null, reasons: [], whyNot: [], lastAssessed: null, nextAssessmentDue: null, assessmentOverdue: false }
  // one broken set of plugins for each thing the loader refuses
  const broken: ReadonlyArray<ReadonlyArray<unknown>> = [
    [{ ...base, version: "one" }],
    [{ ...base, effectiveFrom: "2019-01-01", effectiveUntil: "2018-12-31" }],
    [{ ...base, core: "^9.0.0" }],
    [base, base],
    [child],
    [base, { ...child, extends: { id: "test-base", version: "^2.0.0" } }],
    [base, { ...child, id: "test-p43" }, { ...child, id: "test-county", region: "440106", extends: { id: "test-p43", version: "^1.0.0" } }],
    [base, child, { ...child, id: "test-province-other", effectiveFrom: "2023-01-01", effectiveUntil: null }],
    [base, { ...child, overrides: ["risk"] }],
    [base, { ...child, rules: { leftBehind: base.rules.leftBehind } }],
    [{ ...base, rules: { ...base.rules, duties: Policy.rule("duties", { parameters: ["test.nope"], topics: [], compile: () => () => [] }) } }],
    [{ ...base, parameters: [{ ...minAge, values: [{ from: "2018-01-01", until: "2018-12-31", value: 1 }, { from: "2019-02-01", value: 2 }] }, base.parameters[1]!] }],
    [{ ...base, parameters: [{ ...minAge, values: [{ from: "2018-01-01", until: "2019-06-30", value: 1 }, { from: "2019-06-01", value: 2 }] }, base.parameters[1]!] }],
    [{ ...base, parameters: [{ ...minAge, values: [{ from: "2018-01-01", until: "2017-06-30", value: 1 }] }, base.parameters[1]!] }],
    [{ ...base, parameters: [minAge, minAge, base.parameters[1]!] }],
    [base, { ...child, rules: { duties: rule("duties", { topics: ["duties.nowhere"] }, []) }, overrides: ["duties"] }],
    [base, { ...child, vocabularies: { programs: [{ id: "p-new", name: { zh: "新", en: "new" }, topic: "programs.new" }] } }],
    [base, { ...child, rules: { duties: Policy.rule("duties", { parameters: [], topics: [], compile: (env) => (env.cite("duties.undeclared"), () => []) }) }, overrides: ["duties"] }],
    [base, { ...child, vocabularies: { programs: [{ id: "p-one", name: { zh: "一", en: "one" }, topic: "programs" }] } }],
    [base, { ...child, rules: { duties: rule("duties", { uses: { bodies: ["township"] } }, []) }, overrides: ["duties"] }],
    [{ ...base, rules: { ...base.rules, risk: rule("risk", {}, noRisk) } }],
    [{ ...base, rules: { ...base.rules, followUp: rule("followUp", {}, { step: "none", reportToTownship: false, reasons: [] }) } }],
    [{ ...base, riskLevels: levels, parameters: [...base.parameters, table] }],
    [{ ...base, parameters: [...base.parameters, concerns] }]
  ]
  const errors = broken.flatMap((plugins) => Loader.load(plugins).errors)
  // what an error names: ids, versions, dates, regions and quoted names
  const named = (text: string) => text.split("..").flatMap((part) => part.match(/"[^"]+"|[\w.@^~-]*[\d.@^][\w.@^~-]*/g) ?? []).filter((t) => !/^[.-]+$/.test(t))

  it("the broken plugins meet every check", () => {
    expect(new Set(errors.map((e) => e.check))).toEqual(new Set(Loader.CHECKS.map((c) => c.id)))
    expect(errors.length).toBeGreaterThanOrEqual(broken.length)
  })

  it.each(errors.map((e) => [`${e.check}: ${e.expected} / ${e.found}`, e] as const))("%s", (_, e) => {
    const title = Loader.CHECKS.find((c) => c.id === e.check)!.title
    const zhHead = `插件 ${e.plugin} 未加载（${e.check}：${title.zh}）：`
    expect(e.message.zh.startsWith(zhHead)).toBe(true)
    expect(e.message.en).toBe(`plugin ${e.plugin} refused (${e.check}: ${title.en}): expected ${e.expected}, found ${e.found}`)
    const zh = e.message.zh.slice(zhHead.length)
    expect(zh.trim().length).toBeGreaterThan(0)
    // the Chinese detail is Chinese; it names every quoted name the English names (a rule, a topic,
    // an id), and at least one of the other things it names (ids, version ranges, dates, regions),
    // loaded plugins' keys and English field paths aside. (It does not always name them all: the
    // Chinese leaves out the chain a topic was looked for in, the parent of an override, the
    // versions of a missing parent that are loaded, and the dates of an overlap.)
    expect(/[\u4e00-\u9fff]/.test(zh)).toBe(true)
    const tokens = [...named(e.expected), ...named(e.found)].filter((t) => !/@\d/.test(t) && !t.startsWith("vocabularies."))
    for (const t of tokens.filter((t) => t.startsWith('"'))) expect(zh, t).toContain(t)
    const plain = tokens.filter((t) => !t.startsWith('"'))
    if (plain.length > 0) expect(plain.some((t) => zh.includes(t)), plain.join(" ")).toBe(true)
  })
})

describe("Policy.citeClause", () => {
  it("cites a clause of the plugin's own document", () => {
    for (const plugin of [base, child]) {
      expect(Policy.citeClause(plugin, "3")).toEqual({ document: plugin.document.number, clause: "3" })
      expect(Policy.citeClause(plugin, "3")).toEqual(Decision.cite(plugin.document.number, "3"))
    }
  })
})
