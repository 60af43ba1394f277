import type { Decision } from "@liushou/core"
import * as G from "../internal/generators.js"
import { fail } from "../internal/lawkit.js"
import type { Law } from "./types.js"

const complete = (r: Decision.Reason): boolean =>
  typeof r.code === "string" && r.code.length > 0 &&
  typeof r.citation?.document === "string" && r.citation.document.length > 0 &&
  typeof r.citation?.clause === "string" && r.citation.clause.length > 0 &&
  typeof r.text?.zh === "string" && r.text.zh.length > 0 &&
  typeof r.text?.en === "string" && r.text.en.length > 0

const checkReasons = (what: string, reasons: ReadonlyArray<Decision.Reason> | undefined, required: boolean): void => {
  if (reasons === undefined || reasons.length === 0) {
    if (required) fail(`the decision "${what}" has no reasons`, `决定“${what}”没有理由`)
    return
  }
  for (const r of reasons) {
    if (!complete(r)) {
      fail(
        `a reason of "${what}" lacks a code, a cited document and clause, or text in both languages: ${JSON.stringify(r)}`,
        `决定“${what}”的一条理由缺少代码、所引文件和条款或中英文说明：${JSON.stringify(r)}`
      )
    }
  }
}

export const reasonsCited: Law = {
  id: "reasons.cited",
  statement: {
    zh: "每项决定都附有理由，每条理由都有代码、所引文件和条款、中英文说明",
    en: "Every decision has reasons, each with a code, a cited document and clause, and text in Chinese and English"
  },
  appliesTo: (s) => s.policy !== undefined,
  property: ({ subject: s, options }) => ({
    kind: "sampled",
    arbitrary: G.shapedCase(s, { leftBehind: "mixed" }, options),
    floor: 0.9,
    precondition: { en: "the case evaluates", zh: "案卷能够评估" },
    check: ({ asOf, caseFile }: G.Dated) => {
      const e = s.evaluate(caseFile, asOf)
      checkReasons("leftBehind", e.leftBehind.reasons, true)
      checkReasons("priority", e.priority.reasons, true)
      e.duties.forEach((d, i) => checkReasons(`duties[${i}] ${d.duty}`, d.reasons, true))
      if (e.followUp !== undefined) checkReasons("followUp", e.followUp.reasons, e.followUp.step !== "none")
      if (e.risk !== undefined) checkReasons("risk", e.risk.reasons, true)
      if (e.visits !== undefined) checkReasons("visits", e.visits.reasons, e.visits.window !== "not-applicable")
      e.eligibility?.forEach((x) => checkReasons(`eligibility ${x.program}`, x.reasons, true))
      e.referrals?.forEach((x) => checkReasons(`referral to ${x.to}`, x.reasons, true))
      return true
    }
  })
}
