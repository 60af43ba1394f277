/**
 * The county evaluation indicators (考评, 湘民发〔2018〕30号 §10): for a region and a period, each
 * indicator of the governing plugin's evaluation method with its numerator and denominator,
 * per risk level where the method asks, the trend over calendar periods and the township
 * ranking, read from the ledger as it stood at the as-of date (default today: say so, so that
 * the figures can be reproduced with `--as-of`).
 */
import { CalendarDate, Indicator } from "@liushou/core"
import { Ledger } from "@liushou/storage"
import { referralWorkflow } from "@liushou/policy-hunan"
import { defineCommand, langFrom, required, say, table, UsageError, badOption, EXPECTED } from "../cli.js"
import { CONFIG_OPTION, dbUrl, registryFrom } from "../context.js"
import { openLedger } from "../db.js"
import { CONTINUE_OPTION, continuationsFrom, describe } from "../continuation.js"
import { CONTINUED_MARK, governingLine, indicatorsView, PERIOD_NAMES, percent, periodLabel } from "../indicators/View.js"
import { principalFrom, regionFrom, USER_OPTION } from "./scope.js"

const dateOption = (values: Record<string, unknown>, name: string, fallback?: string): string => {
  const v = (values[name] as string | undefined) ?? fallback
  if (v === undefined) return required(values, name)
  if (!CalendarDate.isValid(v)) throw badOption(name, EXPECTED.date, v)
  return v
}

export const indicators = defineCommand({
  name: "indicators",
  summary: {
    zh: "考评指标（第十条）：区域在一段期间内各项指标的分子、分母和比率，按风险等级细分、按期趋势和乡镇排名，依据截至某日的台账记录",
    en: "Evaluation indicators (考评, §10): each indicator's numerator, denominator and share for a region and period, by risk level, the trend over periods and the township ranking, from the ledger as it stood on a date"
  },
  usage: "liushou indicators --region CODE --from YYYY-MM-DD --to YYYY-MM-DD [--as-of YYYY-MM-DD] [--period month|quarter|half-year|year] [--rank-by ID] [--user NAME] [--db URL] [--config FILE] [--continue-past-expiry ID[:UNTIL] [--continue-decision TEXT]] [--json] [--lang en]",
  options: {
    region: { type: "string" },
    from: { type: "string" },
    to: { type: "string" },
    "as-of": { type: "string" },
    period: { type: "string" },
    "rank-by": { type: "string" },
    db: { type: "string" },
    json: { type: "boolean" },
    ...CONTINUE_OPTION,
    ...USER_OPTION,
    ...CONFIG_OPTION
  },
  run: async ({ values }, io) => {
    const lang = langFrom(values)
    const from = dateOption(values, "from")
    const to = dateOption(values, "to")
    const today = new Date().toISOString().slice(0, 10)
    const asOf = dateOption(values, "as-of", to > today ? to : today)
    if (to < from) throw new UsageError(`--to (${to}) is before --from (${from})`, `--to（${to}）早于 --from（${from}）`)
    if (asOf < to) throw new UsageError(`--as-of (${asOf}) must be on or after --to (${to}): the ledger is read as it stood after the period`, `--as-of（${asOf}）须不早于 --to（${to}）：按期末之后的台账记录计算`)
    const period = (values.period as string | undefined) ?? "quarter"
    if (!(Indicator.PERIODS as ReadonlyArray<string>).includes(period)) throw badOption("period", { zh: `${Indicator.PERIODS.join("、")} 之一`, en: `one of ${Indicator.PERIODS.join(", ")}` }, period)
    const host = await registryFrom(values, io.cwd)
    const principal = principalFrom(values, host.loaded, "read")
    const region = regionFrom(principal, required(values, "region"))
    // the same plugin selection as assessments: an expired plugin the county keeps applying
    const continuations = continuationsFrom(values, host.loaded.config)
    const { ledger, close } = await openLedger(dbUrl(values, host.loaded), io.cwd)
    try {
      let view
      try {
        view = await indicatorsView(ledger, host.registry, { region, from, to, asOf, period: period as Indicator.PeriodLength, workflow: referralWorkflow as never, continuations })
      } catch (e) {
        if (e instanceof Ledger.LedgerInputError) throw new UsageError(e.message, e.zh)
        throw e
      }
      if (values.json === true) {
        io.out(JSON.stringify(view, null, 2))
        return 0
      }
      const names = host.loaded.config.regionNames ?? {}
      const name = (code: string) => (names[code] === undefined ? code : `${code} ${names[code]}`)
      io.out(
        say(
          lang,
          `${name(region)} 考评指标，${from} 至 ${to}（按 ${asOf} 日终的台账记录计算，可用 --as-of ${asOf} 复现）`,
          `Evaluation indicators of ${name(region)}, ${from} to ${to} (from the ledger as it stood at the end of ${asOf}; reproduce with --as-of ${asOf})`
        )
      )
      if (continuations.length > 0 && values.json !== true) io.err(say(lang, `注意：${describe(continuations, "zh")}`, `note: ${describe(continuations, "en")}`))
      for (const line of governingLine(view.governing, lang, view.indicators.length)) io.out(line)
      if (view.indicators.length === 0) return 0
      const mark = view.governing.continuedPastExpiry === true ? CONTINUED_MARK[lang] : ""
      io.out(
        table(
          [say(lang, "指标", "indicator"), say(lang, "分子/分母", "numerator/denominator"), say(lang, "比率", "share"), say(lang, "按风险等级", "by risk level")],
          view.indicators.map((i) => {
            const v = view.total.values[i.id]!
            const levels = Object.entries(v.byRiskLevel ?? {}).map(([k, l]) => `${k} ${l.numerator}/${l.denominator}`).join(", ")
            return [`${i.title[lang]}${i.better === "lower" ? say(lang, "（越低越好）", " (lower is better)") : ""}${mark}`, `${v.numerator}/${v.denominator}`, percent(v.value), levels]
          })
        )
      )
      io.out(say(lang, "\n口径（分子 / 分母）：", "\nDefinitions (numerator / denominator):"))
      for (const i of view.indicators) io.out(`- ${i.title[lang]}: ${i.numerator[lang]} / ${i.denominator[lang]}`)
      io.out(say(lang, `\n按${PERIOD_NAMES[view.period].zh}趋势：`, `\nTrend by ${PERIOD_NAMES[view.period].en}:`))
      io.out(
        table(
          [say(lang, "期间", "period"), ...view.indicators.map((i) => i.title[lang])],
          view.trend.map((t) => [periodLabel(t, view.period), ...view.indicators.map((i) => `${percent(t.values[i.id]?.value ?? null)} (${t.values[i.id]?.numerator ?? 0}/${t.values[i.id]?.denominator ?? 0})`)])
        )
      )
      const rankBy = (values["rank-by"] as string | undefined) ?? view.indicators[0]!.id
      const ranking = view.rankings[rankBy]
      if (ranking === undefined) throw badOption("rank-by", { zh: `指标编号之一（${view.indicators.map((i) => i.id).join("、")}）`, en: `an indicator id (${view.indicators.map((i) => i.id).join(", ")})` }, rankBy)
      const title = view.indicators.find((i) => i.id === rankBy)!.title[lang]
      io.out(say(lang, `\n乡镇排名（${title}）：`, `\nTownship ranking (${title}):`))
      const kind = Indicator.rankingKind(ranking)
      const counted = ranking.filter((r) => r.value !== null)
      if (kind !== "ranked") {
        // a ranking of equal values would put every township first: say so instead
        io.out(
          kind === "nothing-counted"
            ? say(lang, `各乡镇均无统计对象（分母为 0），不作排名`, `no township has anyone counted (denominator 0), so there is no ranking`)
            : say(
                lang,
                `各乡镇均为 ${percent(counted[0]!.value)}（${counted.length} 个乡镇有统计${counted.length < ranking.length ? `，${ranking.length - counted.length} 个无统计对象` : ""}），不作排名`,
                `every township reads ${percent(counted[0]!.value)} (${counted.length} townships counted${counted.length < ranking.length ? `, ${ranking.length - counted.length} with nobody counted` : ""}), so there is no ranking`
              )
        )
      } else {
        const tie = say(lang, "（并列）", " (tied)")
        io.out(
          table(
            [say(lang, "名次", "rank"), say(lang, "乡镇", "township"), say(lang, "分子/分母", "numerator/denominator"), say(lang, "比率", "share")],
            ranking.map((r) => [r.rank === null ? "—" : `${r.rank}${r.tied ? tie : ""}`, name(r.region), `${r.numerator}/${r.denominator}`, percent(r.value)])
          )
        )
      }
      return 0
    } finally {
      await close()
    }
  }
})
