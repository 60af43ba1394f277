import * as G from "../internal/generators.js"
import { fail } from "../internal/lawkit.js"
import { hasRules, type Law } from "./types.js"

/** Every referral goes to a declared body. */
export const referralsDeclared: Law = {
  id: "referrals.declared-bodies",
  statement: { zh: "转介只指向声明的部门或机构", en: "Referrals only go to declared bodies" },
  appliesTo: (s) => hasRules(s, "referrals"),
  property: ({ subject: s, options }) => {
    const bodies = new Set(s.policy!.vocabularies.bodies.map((b) => b.id))
    return {
      kind: "sampled",
      arbitrary: G.shapedCase(s, { leftBehind: "yes", concern: true }, options),
      floor: 0.2,
      precondition: { en: "the case gets at least one referral", zh: "案卷至少有一项转介" },
      check: ({ asOf, caseFile }: G.Dated) => {
        const referrals = s.evaluate(caseFile, asOf).referrals ?? []
        referrals.forEach((r, i) => {
          if (!bodies.has(r.to)) {
            fail(
              `referrals[${i}] (trigger ${r.trigger}) goes to ${JSON.stringify(r.to)}, not one of the declared bodies [${[...bodies].join(", ")}]`,
              `转介 referrals[${i}]（触发 ${r.trigger}）指向 ${JSON.stringify(r.to)}，不在声明的部门 [${[...bodies].join("、")}] 之中`
            )
          }
        })
        return referrals.length > 0
      }
    }
  }
}
