/**
 * `liushou diff`: the impact of a rule change on a population, before it ships.
 */
import { writeFile } from "node:fs/promises"
import { CalendarDate, Decode, Engine, Loader, RegionCode, Selection } from "@liushou/core"
import type { CaseFile } from "@liushou/core"
import { Impact, syntheticCases } from "@liushou/testkit"
import { EXAMPLE_PACKAGES } from "../policies.js"
import { defineCommand, required, UsageError, langFrom, say, type Lang, badOption, EXPECTED } from "../cli.js"
import { loadRegistry } from "../config/Plugins.js"
import { CONFIG_OPTION, configFrom } from "../context.js"
import { readCaseFiles } from "../input.js"

export const diff = defineCommand({
  name: "diff",
  summary: { zh: "比较同一人群在两项政策（或两个版本）下的结果：按县列出留守认定、重点对象、风险等级、探访间隔或资格发生变化的人", en: "Compare a population's results under two policies (or versions): who changes left-behind status, priority, risk level, visit interval or eligibility, by county" },
  usage:
    "liushou diff --from ID[@VERSION] --to ID[@VERSION] (--input FILE | --synthetic N --region CODE [--seed S]) --as-of YYYY-MM-DD [--json] [--out report.html] [--lang zh|en] [--examples K] [--config FILE]",
  options: {
    from: { type: "string" },
    to: { type: "string" },
    input: { type: "string" },
    synthetic: { type: "string" },
    region: { type: "string" },
    seed: { type: "string" },
    "as-of": { type: "string" },
    json: { type: "boolean" },
    out: { type: "string" },
    lang: { type: "string" },
    examples: { type: "string" },
    ...CONFIG_OPTION
  },
  run: async ({ values }, io) => {
    const from = required(values, "from")
    const to = required(values, "to")
    const asOf = required(values, "as-of")
    if (!CalendarDate.isValid(asOf)) throw badOption("as-of", EXPECTED.date, asOf)
    const lang = langFrom(values)
    // the same plugins as every other command: liushou.config.json (or --config), else the built-ins;
    // a comparison may name the example plugins, so they load here unless the configuration says "examples": false
    const loaded = await configFrom(values, io.cwd)
    const { registry, refused: all } = await loadRegistry({ ...loaded, config: { ...loaded.config, examples: loaded.config.examples ?? true } })
    // examples not asked for and not installed (the published CLI): the comparison goes on without them
    const refused = loaded.config.examples === true ? all : all.filter((e) => !(e.check === "module" && (EXAMPLE_PACKAGES as ReadonlyArray<string>).includes(e.source)))
    for (const e of refused) io.err(say(lang, `已拒绝：${e.plugin ?? e.source} [${e.check}]，来自 ${e.source}：${e.message.zh}`, `refused: ${e.plugin ?? e.source} [${e.check}] from ${e.source}: ${e.message.en}`))
    for (const spec of [from, to]) {
      const { id, version } = Engine.parsePolicySpec(spec)
      if (Selection.find(registry, id, version) === undefined) {
        const known = registry.policies.map((p) => p.key).join(", ")
        throw new UsageError(`no loaded policy matches ${spec} (loaded: ${known || "none"})`, `没有与 ${spec} 相符的已加载政策（已加载：${known || "无"}）`)
      }
    }
    const examples = values.examples === undefined ? 3 : Number.parseInt(values.examples as string, 10)
    if (!Number.isInteger(examples) || examples < 0) throw new UsageError("--examples must be a whole number")
    let population: Iterable<CaseFile.CaseFile>
    let rejected = 0
    if (values.input !== undefined && values.synthetic !== undefined) throw new UsageError("give either --input or --synthetic, not both", "--input 与 --synthetic 只能二选一")
    if (typeof values.input === "string") {
      let parsed
      try {
        parsed = await readCaseFiles(values.input)
      } catch (e) {
        throw new UsageError(`cannot read ${values.input}: ${(e as Error).message}`, `无法读取 ${values.input}：${(e as Error).message}`)
      }
      for (const e of parsed.errors) io.err(Decode.formatError(e, lang))
      rejected = parsed.errors.length
      population = parsed.cases
    } else if (typeof values.synthetic === "string") {
      const n = Number.parseInt(values.synthetic, 10)
      if (!Number.isInteger(n) || n <= 0) throw new UsageError("--synthetic must be a positive whole number")
      const region = required(values, "region")
      if (!RegionCode.isValid(region)) throw badOption("region", EXPECTED.region, region)
      const seed = values.seed === undefined ? 1 : Number.parseInt(values.seed as string, 10)
      if (!Number.isInteger(seed)) throw new UsageError("--seed must be a whole number")
      population = syntheticCases(n, { region, seed, asOf })
    } else {
      throw new UsageError("--input FILE or --synthetic N --region CODE is required", "需要 --input 文件，或 --synthetic 人数 --region 代码")
    }
    const engine = Engine.make(registry)
    const report = Impact.diffPolicies({ engine, policy: from }, { engine, policy: to }, population, asOf, { examples })
    if (typeof values.out === "string") {
      await writeFile(values.out, Impact.toHtml(report), "utf8")
      io.err(lang === "zh" ? `报告已写入 ${values.out}` : `report written to ${values.out}`)
    }
    io.out(values.json === true ? JSON.stringify(report, null, 2) : Impact.formatText(report, lang))
    return rejected > 0 || report.errors.length > 0 ? 1 : 0
  }
})
