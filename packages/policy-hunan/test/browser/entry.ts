/**
 * What a browser application needs to evaluate case files offline: the core, the national
 * baseline and the Hunan plugin. Exposed on `globalThis.liushou` for the browser test.
 */
import { Decode, Engine, Loader } from "@liushou/core"
import { hunan } from "@liushou/policy-hunan"
import { national } from "@liushou/policy-national"

const registry = Loader.load([national, hunan])
const engine = Engine.make(registry)

/** decodes JSON (an array or JSON Lines) and evaluates every valid case file at a date */
export const evaluateText = (text: string, asOf: string) => {
  const { cases, errors } = Decode.parseText(text)
  const evaluations = cases.map((c) => {
    const r = engine.evaluate(c, asOf)
    return r.ok
      ? { id: c.elder.id, policy: r.value.policy.id, leftBehind: r.value.leftBehind.value, risk: r.value.risk?.level ?? null, intervalDays: r.value.visits?.intervalDays ?? null, eligibility: (r.value.eligibility ?? []).map((e) => `${e.program}:${e.status}`), reasons: r.value.leftBehind.reasons.map((x) => x.text.zh) }
      : { id: c.elder.id, error: r.error.reason.reasons.map((x) => x.text.en).join("; ") }
  })
  return { loadErrors: registry.errors.length, evaluations, errors: errors.map((e) => e.message.en) }
}

;(globalThis as { liushou?: unknown }).liushou = { evaluateText }
