// Small plugins for testing the machinery (no real policy numbers: those live in plugins).
import { Decision, Parameter, Policy } from "@liushou/core"

// the test vocabularies: core holds no lists of policy
export const PROGRAMS = ["p-one", "p-two", "p-three"] as const
export const CONCERNS = ["c-health", "c-abuse"] as const

export const threshold = Parameter.define<number>({
  id: "test.minAge",
  description: { zh: "测试年龄线", en: "test age line" },
  status: "law",
  reference: Decision.cite("TEST-DOC", "1"),
  values: [
    { from: "2018-01-01", value: 60 },
    { from: "2020-01-01", value: 65 }
  ]
})

export const standard = Parameter.define<number>({
  id: "test.standard",
  description: { zh: "地方标准", en: "local standard" },
  status: "sample",
  regional: true,
  reference: Decision.cite("TEST-DOC", "2"),
  values: [
    { from: "2018-01-01", value: 4000, region: "4301" },
    { from: "2019-01-01", value: 4500, region: "4301" },
    { from: "2019-01-01", value: 5000, region: "430121" }
  ]
})

export const base = Policy.define({
  id: "test-base",
  version: "1.0.0",
  document: { number: "TEST-DOC", title: { zh: "测试文件", en: "Test document" } },
  region: null,
  effectiveFrom: "2018-01-01",
  effectiveUntil: null,
  core: "^0.1.0",
  extends: null,
  parameters: [threshold, standard] as ReadonlyArray<Parameter.Parameter>,
  clauses: { identification: "1", priority: "1", "duties.contact": "2", programs: "3" },
  vocabularies: {
    programs: PROGRAMS.map((id) => ({ id, name: { zh: id, en: id }, topic: "programs" })),
    concerns: CONCERNS.map((id) => ({ id, name: { zh: id, en: id } }))
  },
  rules: {
    leftBehind: Policy.rule("leftBehind", {
      parameters: [threshold.id],
      topics: ["identification"],
      compile: (env) => {
        const min = env.param<number>(threshold.id)
        const c = env.cite("identification")
        const yes = Decision.make(true, [env.reason("t.old", c, `≥${min}`, `≥${min}`, { params: [threshold.id] })])
        const no = Decision.make(false, [env.reason("t.young", c, `<${min}`, `<${min}`, { params: [threshold.id] })])
        return (_cf, ctx) => (ctx.age >= min ? yes : no)
      }
    }),
    priority: Policy.rule("priority", {
      parameters: [standard.id],
      topics: ["priority"],
      compile: (env) => {
        const lookup = env.regional<number>(standard.id)
        const c = env.cite("priority")
        return (cf, ctx) => {
          const s = lookup(cf.elder.regionCode)
          if (s === undefined) return Decision.make(null, [env.reason("t.missing", c, "缺少标准", "no standard", { reading: "interpretation" })])
          ctx.use(s)
          return Decision.make(cf.elder.annualIncome <= s.value, [env.reason("t.std", c, `标准 ${s.value}`, `standard ${s.value}`, { params: [s] })])
        }
      }
    }),
    duties: Policy.rule("duties", { parameters: [], topics: [], compile: () => () => [] })
  },
  overrides: []
})

export const child = Policy.define({
  ...base,
  id: "test-province",
  version: "1.0.0",
  document: { number: "TEST-PROV", title: { zh: "省级测试文件", en: "Province test document" } },
  region: "43",
  effectiveFrom: "2018-08-03",
  effectiveUntil: "2023-08-02",
  extends: { id: "test-base", version: "^1.0.0" },
  parameters: [{ ...threshold, values: [{ from: "2018-08-03", value: 70 }] }] as ReadonlyArray<Parameter.Parameter>,
  clauses: { identification: "9" },
  vocabularies: {},
  rules: {},
  overrides: []
})
