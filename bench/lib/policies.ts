/**
 * The policies the benchmarks run: the national baseline with the Hunan plugin, compiled
 * for the as-of date, and a Hunan variant with one changed parameter for the impact report.
 */
import { Engine, Loader, Parameter, Policy, Selection } from "@liushou/core"
import type { Decision, Evaluation, CaseFile } from "@liushou/core"
import { hunan } from "@liushou/policy-hunan"
import { national } from "@liushou/policy-national"
import { AS_OF } from "./population.js"

/** the national baseline and Hunan, loaded */
export const registry = () => Loader.load([national, hunan])

/** an engine over national + Hunan */
export const engine = () => Engine.make(registry())

/** the compiled Hunan plan at the as-of date, with its selection decision */
export const hunanPlan = (asOf: string = AS_OF): { readonly plan: Engine.Plan; readonly selection: Decision.Decision<string>; readonly evaluate: (cf: CaseFile.CaseFile) => Evaluation.Evaluation } => {
  const e = engine()
  const policy = Selection.find(e.registry, hunan.id)
  if (policy === undefined) throw new Error("the Hunan plugin did not load")
  const plan = e.plan(policy, asOf)
  const selection: Decision.Decision<string> = { value: policy.key, reasons: [] }
  return { plan, selection, evaluate: (cf) => plan.evaluate(cf, selection, "bench") }
}

/**
 * A county override for the impact report: Changsha County (430121) raising the low-income
 * multiplier from 1.5 to 2 times the dibao standard (低保边缘 at 2×, as some places do) from
 * 2021-01-01. Defined here so the benchmark needs nothing outside the published packages.
 */
export const changshaVariant: Policy.PolicyPlugin = Policy.define({
  id: "bench-changsha-2x",
  version: "1.0.0",
  document: { number: "长县民发〔2021〕bench号", title: { zh: "低收入线调整（基准测试用）", en: "Low-income line change (benchmark)" } },
  region: "430121",
  effectiveFrom: "2021-01-01",
  effectiveUntil: "2023-08-02",
  core: hunan.core,
  extends: { id: hunan.id, version: `^${hunan.version}` },
  parameters: [
    Parameter.define<number>({
      id: "hunan.assistance.lowIncomeMultiplier",
      description: { zh: "低收入线：低保标准的2倍", en: "Low income: twice the dibao standard" },
      unit: "ratio",
      // a county's own choice for the benchmark, not a figure of the cited text
      status: "local",
      reference: { document: "长县民发〔2021〕bench号", clause: "1" },
      values: [{ from: "2021-01-01", value: 2 }]
    })
  ] as ReadonlyArray<Parameter.Parameter>,
  rules: {},
  overrides: []
})
