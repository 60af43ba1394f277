import fc from "fast-check"
import * as G from "../internal/generators.js"
import { fail } from "../internal/lawkit.js"
import { hasRules, type Law } from "./types.js"

/** One status per program and each program once; needs-information names what is missing; receiving only when received. */
export const eligibilityConsistent: Law = {
  id: "eligibility.consistent",
  statement: {
    zh: "每个项目只有一个资格结论且只出现一次；“需补充信息”时写明缺少什么；“正在享受”时确在享受",
    en: "Each program has one eligibility status and appears once; needs-information names what is missing; receiving means the elder receives it"
  },
  appliesTo: (s) => hasRules(s, "eligibility"),
  property: ({ subject: s, options }) => ({
    kind: "sampled",
    arbitrary: fc.tuple(G.shapedCase(s, { leftBehind: "mixed" }, options), G.shapedCase(s, { leftBehind: "mixed" }, options)),
    floor: 0.5,
    precondition: { en: "both elders get eligibility decisions", zh: "两位老年人都有资格结论" },
    check: ([a, b]: [G.Dated, G.Dated]) => {
      const sets: Array<string> = []
      for (const { asOf, caseFile } of [a, b]) {
        const list = s.evaluate(caseFile, asOf).eligibility ?? []
        const seen = new Set<string>()
        for (const d of list) {
          if (seen.has(d.program)) fail(`program ${d.program} is decided twice for elder ${caseFile.elder.id}`, `项目 ${d.program} 对老年人 ${caseFile.elder.id} 有两个资格结论`)
          seen.add(d.program)
          if (d.status === "needs-information" && d.missing.length === 0) fail(`program ${d.program} needs information but does not name what is missing`, `项目 ${d.program} 需补充信息，但未写明缺少什么`)
          if (d.status !== "needs-information" && d.missing.length > 0) fail(`program ${d.program} is ${d.status} yet lists missing information ${d.missing.join(", ")}`, `项目 ${d.program} 结论为 ${d.status}，却列出缺少的信息 ${d.missing.join("、")}`)
          if (d.status === "receiving" && !caseFile.elder.receiving.includes(d.program)) fail(`program ${d.program} is "receiving" but the case file does not list it in elder.receiving`, `项目 ${d.program} 结论为“正在享受”，但案卷 elder.receiving 中没有该项目`)
        }
        sets.push([...seen].sort().join(","))
      }
      if (sets[0] === "" || sets[1] === "") return false
      if (sets[0] !== sets[1]) fail(`two elders get decisions on different programs: [${sets[0]}] and [${sets[1]}]`, `两位老年人的资格结论涉及不同项目：[${sets[0]}] 与 [${sets[1]}]`)
      return true
    }
  })
}
