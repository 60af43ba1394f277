import { resolve } from "node:path"
import { CalendarDate, Decode, Engine, type Evaluation } from "@liushou/core"
import { defineCommand, required, table, UsageError, langFrom, say, type Lang, badOption, EXPECTED } from "../cli.js"
import { readCaseFiles } from "../input.js"
import { formatIssue, isLedgerFile, readLedgerFile } from "../ledger/index.js"
import { checkRiskLevels } from "../ledger/RiskLevels.js"
import { CONFIG_OPTION, registryFrom } from "../context.js"
import { CONTINUE_OPTION, continuationsFrom, countContinued, describe } from "../continuation.js"

const yesNo = (v: boolean | null, lang: Lang): string => (v === null ? "?" : v ? say(lang, "是", "yes") : say(lang, "否", "no"))

export const evaluate = defineCommand({
  name: "evaluate",
  summary: { zh: "在某日评估个案文件（JSON 数组或 JSON Lines），输出各项决定及其理由", en: "Evaluate case files (JSON array or JSON Lines) at a date and print the decisions with their reasons" },
  usage: "liushou evaluate --input FILE(.json|.jsonl|.xlsx|.csv) --as-of YYYY-MM-DD [--policy ID[@RANGE]] [--json] [--lang zh|en] [--config FILE] [--continue-past-expiry ID[:UNTIL] [--continue-decision TEXT]]",
  options: { input: { type: "string" }, "as-of": { type: "string" }, policy: { type: "string" }, json: { type: "boolean" }, ...CONFIG_OPTION, ...CONTINUE_OPTION },
  run: async ({ values }, io) => {
    const input = resolve(io.cwd, required(values, "input"))
    const asOf = required(values, "as-of")
    if (!CalendarDate.isValid(asOf)) throw badOption("as-of", EXPECTED.date, asOf)
    const lang = langFrom(values)
    let parsed: { readonly cases: ReadonlyArray<import("@liushou/core").CaseFile.CaseFile>; readonly errors: ReadonlyArray<Decode.CaseFileError> }
    let ledgerErrors = 0
    try {
      if (isLedgerFile(input)) {
        // a county ledger (.xlsx, .csv): bad rows are reported by sheet, row and column
        const read = checkRiskLevels(await readLedgerFile(input), (await registryFrom(values, io.cwd)).registry)
        for (const w of read.warnings) io.err(`${lang === "zh" ? "注意：" : "warning: "}${formatIssue(w, lang)}`)
        for (const e of read.errors) io.err(formatIssue(e, lang))
        if (read.normalized > 0) io.err(say(lang, `规范化的单元格 ${read.normalized} 个（已按规定格式读入）`, `${read.normalized} cells normalised (read into the standard form)`))
        ledgerErrors = read.errors.length
        parsed = { cases: read.cases, errors: [] }
      } else parsed = await readCaseFiles(input)
    } catch (e) {
      throw new UsageError(`cannot read ${input}: ${(e as Error).message}`, `无法读取 ${input}：${(e as Error).message}`)
    }
    const { registry, loaded } = await registryFrom(values, io.cwd)
    // an expired plugin kept in force only by an explicit choice (configuration or flag)
    const continuations = continuationsFrom(values, loaded.config)
    const engine = Engine.make(registry, continuations.length > 0 ? { continuePastExpiry: continuations } : {})
    const results: Array<Evaluation.Evaluation> = []
    let failed = 0
    for (const cf of parsed.cases) {
      const r = engine.evaluate(cf, asOf, values.policy === undefined ? {} : { policy: values.policy as string })
      if (r.ok) results.push(r.value)
      else {
        failed++
        io.err(say(lang, `案卷 elder.id=${Decode.printable(r.error.elderId)}：${r.error.reason.reasons.map((x) => x.text.zh).join("；")}`, `case elder.id=${Decode.printable(r.error.elderId)}: ${r.error.reason.reasons.map((x) => x.text.en).join("; ")}`))
      }
    }
    for (const e of parsed.errors) io.err(Decode.formatError(e, lang))
    if (values.json === true) {
      io.out(JSON.stringify(results, null, 2))
    } else {
      // risk levels by their names in the governing plugin (a county reads 低/中/高, not ids)
      const levelName = (r: Evaluation.Evaluation, id: string): string =>
        registry.policies.find((l) => l.plugin.id === r.policy.id && l.plugin.version === r.policy.version)?.riskLevels.find((x) => x.id === id)?.name[lang] ?? id
      const continuedMark = say(lang, "（失效后继续适用）", " (continued past expiry)")
      io.out(
        table(
          lang === "zh" ? ["老人编号", "适用政策", "留守", "重点对象", "未履行义务", "风险等级", "下次探访", "依据"] : ["elder", "policy", "left-behind", "priority", "unmet duties", "risk", "next visit", "why"],
          results.map((r) => [
            r.elderId,
            `${r.policy.id}${r.provenance.continuedPastExpiry === true ? continuedMark : ""}`,
            yesNo(r.leftBehind.value, lang),
            yesNo(r.priority.value, lang),
            String(r.duties.filter((d) => d.status === "unmet").length),
            // the governing level; "(provisional)" when no county grade governs, and the suggested level when it differs
            r.risk === undefined || r.risk.level === null
              ? ""
              : `${levelName(r, r.risk.level)}${r.risk.provisional === true ? say(lang, "（暂定）", " (provisional)") : ""}${r.risk.suggested !== undefined && r.risk.suggested.level !== null && r.risk.suggested.level !== r.risk.level ? say(lang, `（建议 ${levelName(r, r.risk.suggested.level)}）`, ` (suggested ${levelName(r, r.risk.suggested.level)})`) : ""}`,
            // a due date already past says so
            r.visits?.nextDue == null ? "" : `${r.visits.nextDue}${r.visits.overdue ? say(lang, "（逾期）", " (overdue)") : ""}`,
            r.leftBehind.reasons.map((x) => x.text[lang]).join(say(lang, "；", "; "))
          ])
        )
      )
      // why the policy column says what it says: a document out of force, one continued past expiry
      const notes = new Set<string>()
      for (const r of results) for (const x of r.selection.reasons) if (x.code.startsWith("selection.fallback") || x.code.startsWith("selection.continued")) notes.add(x.text[lang])
      for (const doc of new Set(results.filter((r) => r.risk === undefined).map((r) => r.policy.document))) {
        notes.add(say(lang, `风险等级为空：${doc} 未要求风险等级评估，本系统不作评级；探访按统一间隔`, `risk level empty: ${doc} does not require risk grading, so none is made; visits follow one interval`))
      }
      for (const n of notes) io.out(say(lang, `注：${n}`, `note: ${n}`))
      io.out(say(lang, `\n评估 ${results.length} 人，拒收 ${parsed.errors.length} 份${failed > 0 ? `，无法评估 ${failed} 人（原因见上）` : ""}`, `\n${results.length} evaluated, ${parsed.errors.length} rejected${failed > 0 ? `, ${failed} could not be evaluated (see above)` : ""}`))
    }
    return parsed.errors.length > 0 || ledgerErrors > 0 || failed > 0 ? 1 : 0
  }
})
