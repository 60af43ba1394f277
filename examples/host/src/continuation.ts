/**
 * Keeping an expired plugin in force past its last day (`continuePastExpiry`): off by default,
 * explicit in the configuration or on the command line, audited. A successor in force always wins
 * (core `Selection.select`); every reason produced under it is marked （失效后继续适用）/(continued
 * past expiry) and the provenance records it, so a replay applies it the same way.
 */
import { CalendarDate, type Evaluation, type Selection } from "@liushou/core"
import { badOption } from "./cli.js"
import type { Config } from "./config/Config.js"

/** `--continue-past-expiry ID[:UNTIL]` and `--continue-decision TEXT` (evaluate, assess). */
export const CONTINUE_OPTION = { "continue-past-expiry": { type: "string" }, "continue-decision": { type: "string" } } as const

const EXPECTED_SPEC = { zh: "插件编号，可加“:截止日期”（如 hunan-2018-30:2024-12-31）", en: "a plugin id, optionally with :UNTIL (e.g. hunan-2018-30:2024-12-31)" }

/** The continuations in force: the configuration's, then the command line's. */
export const continuationsFrom = (values: Record<string, unknown>, config: Config | undefined): ReadonlyArray<Selection.Continuation> => {
  const out: Array<Selection.Continuation> = (config?.continuePastExpiry ?? []).map((c) => ({ policy: c.plugin, until: c.until ?? null, decision: c.decision }))
  const spec = values["continue-past-expiry"]
  if (typeof spec === "string") {
    const [id, until, extra] = spec.split(":")
    if (id === undefined || id.length === 0 || extra !== undefined || (until !== undefined && !CalendarDate.isValid(until))) throw badOption("continue-past-expiry", EXPECTED_SPEC, spec)
    const decision = typeof values["continue-decision"] === "string" ? (values["continue-decision"] as string) : "--continue-past-expiry"
    out.push({ policy: id, until: until ?? null, decision })
  }
  return out
}

/** What the audit entry records of the continuations. */
export const auditDetail = (continuations: ReadonlyArray<Selection.Continuation>) =>
  continuations.map((c) => ({ plugin: c.policy, until: c.until, decision: c.decision ?? null }))

/** How many evaluations were made past their policy's expiry. */
export const countContinued = (evaluations: ReadonlyArray<Evaluation.Evaluation>): number => {
  let n = 0
  for (const e of evaluations) if (e.provenance.continuedPastExpiry === true) n++
  return n
}

/** One line saying what is continued, for people (zh first). */
export const describe = (continuations: ReadonlyArray<Selection.Continuation>, lang: "zh" | "en"): string =>
  continuations
    .map((c) =>
      lang === "zh"
        ? `${c.policy} 失效后继续适用至${c.until === null ? "继任政策生效" : ` ${c.until}`}（依据：${c.decision ?? "未注明"}）`
        : `${c.policy} continued past expiry until ${c.until === null ? "a successor is in force" : c.until} (by ${c.decision ?? "unstated"})`
    )
    .join(lang === "zh" ? "；" : "; ")
