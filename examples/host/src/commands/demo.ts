import { mkdirSync, rmSync } from "node:fs"
import { writeFile } from "node:fs/promises"
import { resolve } from "node:path"
import { CalendarDate, CaseFile, Engine, Summary } from "@liushou/core"
import { referralWorkflow } from "@liushou/policy-hunan"
import { syntheticPopulation } from "@liushou/testkit"
import { defineCommand, table, UsageError, langFrom, say, type Lang, badOption, EXPECTED } from "../cli.js"
import { CONFIG_OPTION, registryFrom } from "../context.js"
import { openLedger } from "../db.js"
import * as Progress from "../progress.js"
import { render } from "../report/Html.js"
import { label } from "../report/Labels.js"
import { openReferrals, yearOfIndicators } from "../report/FromLedger.js"
import * as ReportData from "../report/ReportData.js"

/** Demo names for the synthetic township (1xx) and village (2xx) codes of Changsha County. */
const TOWNS = ["黄兴镇", "安沙镇", "北山镇", "福临镇", "青山铺镇", "果园镇", "路口镇", "高桥镇", "金井镇", "春华镇", "开慧镇", "江背镇"]
const VILLAGES = ["新塘村", "金山村", "白沙村", "石门村", "枫树村", "大塘村", "黄泥村", "龙潭村", "长冲村", "桃花村", "荷花村", "杨梅村", "青山村", "花桥村", "双江村", "松柏村", "高岭村", "竹山村", "梅花村", "合心村", "光明村", "团结村", "和平村", "红星村", "东山村"]

const demoNames = (county: string): Record<string, string> => {
  const names: Record<string, string> = { [county]: "长沙县（演示数据）" }
  TOWNS.forEach((t, i) => {
    const town = `${county}${String(101 + i)}`
    names[town] = t
    VILLAGES.forEach((v, j) => (names[`${town}${String(201 + j)}`] = `${t.replace(/镇$/, "")}·${v}`))
  })
  return names
}

const fmt = (n: number): string => n.toLocaleString("en-US")

/** A number in [0, 1) from a text (FNV-1a): the same elder always draws the same. */
const draw = (text: string): number => {
  let h = 0x811c9dc5
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193)
  return (h >>> 0) / 2 ** 32
}

/**
 * Synthetic verification dates (§1 定期排查) for the demo county: each group of facts was last
 * checked some days before the as-of date (whereabouts within about 8 months, the rest within
 * about 14, a little longer in some townships), and one elder in twenty has a group never checked.
 */
export const withVerifiedDates = (cases: ReadonlyArray<CaseFile.CaseFile>, asOf: CalendarDate.CalendarDate): Array<CaseFile.CaseFile> =>
  cases.map((cf) => {
    const id = cf.elder.id
    const town = Number(cf.elder.regionCode.slice(6, 9)) - 101
    const slack = [1, 1.2, 0.9, 1.3, 1, 0.8, 1.1, 0.9, 1.25, 1, 0.95, 1.15][((town % 12) + 12) % 12]!
    const verified: Record<string, string> = {}
    for (const group of CaseFile.FACT_GROUPS) {
      if (draw(`${id}|${group}|never`) < 0.05) continue
      const span = (group === "supporters" ? 240 : 420) * slack
      verified[group] = CalendarDate.addDays(asOf, -Math.floor(draw(`${id}|${group}|verified`) * span))
    }
    return { ...cf, verified, ...ledgerEventsFor(id, asOf) }
  })

const EXIT_REASONS = ["supporter-returned", "moved-away", "entered-institution", "died"] as const

/**
 * Synthetic entries and exits (动态管理) in the year to the as-of date: one elder in twenty-five
 * identified and entered; one in thirty left (a supporter came home, moved away, entered a care
 * institution, died), a few of them back on a new entry.
 */
const ledgerEventsFor = (id: string, asOf: CalendarDate.CalendarDate): { ledgerEvents?: Array<CaseFile.LedgerEvent> } => {
  const events: Array<CaseFile.LedgerEvent> = []
  const day = (k: string, span: number) => CalendarDate.addDays(asOf, -1 - Math.floor(draw(`${id}|${k}`) * span))
  if (draw(`${id}|entered`) < 0.04) events.push({ date: day("entered-on", 360), event: "entered", reason: "identified" })
  if (draw(`${id}|exited`) < 1 / 30) {
    const after = events[0]?.date ?? CalendarDate.addDays(asOf, -364)
    const span = Math.max(1, CalendarDate.daysBetween(after, asOf) - 1)
    const on = CalendarDate.addDays(after, 1 + Math.floor(draw(`${id}|exited-on`) * span))
    const reason = EXIT_REASONS[Math.floor(draw(`${id}|exit-reason`) * EXIT_REASONS.length)]!
    events.push({ date: on > asOf ? asOf : on, event: "exited", reason })
    if (reason !== "died" && draw(`${id}|back`) < 0.15 && on < asOf) events.push({ date: CalendarDate.addDays(on, Math.floor((CalendarDate.daysBetween(on, asOf) + 1) / 2)), event: "entered", reason: "supporter-left" })
  }
  return events.length === 0 ? {} : { ledgerEvents: events }
}

/**
 * Synthetic named responsibility (§1 §3 §4) for the demo county: most elders who are left
 * behind, or whose status is not yet known, have a village
 * cadre, party member or volunteer responsible for their visits (coverage differs by township,
 * so the report has something to rank); most elders of 80 or more, or disabled, are paired
 * with a healthy younger elder or a volunteer, some pairings ended; the visits made since an
 * assignment began name the person who made them.
 */
export const withAssignments = (cases: ReadonlyArray<CaseFile.CaseFile>, asOf: CalendarDate.CalendarDate, needsCare: (cf: CaseFile.CaseFile) => boolean): Array<CaseFile.CaseFile> =>
  cases.map((cf) => {
    if (!needsCare(cf)) return cf
    const id = cf.elder.id
    const code = cf.elder.regionCode
    const town = Number(code.slice(6, 9)) - 101
    const coverage = [0.97, 0.9, 0.8, 0.93, 0.7, 0.95, 0.86, 0.99, 0.75, 0.9, 0.84, 0.92][((town % 12) + 12) % 12]!
    const assignments: Array<CaseFile.Assignment> = []
    const since = CalendarDate.addDays(asOf, -Math.floor(200 + draw(`${id}|since`) * 700))
    const visitor = `V${code.slice(6)}-${1 + Math.floor(draw(`${id}|who`) * 3)}`
    if (draw(`${id}|visitor`) < coverage) {
      const kinds = ["village-cadre", "party-member", "volunteer", "elder-association"] as const
      assignments.push({ id: "visitor-1", role: "responsible-visitor", personId: visitor, personKind: kinds[Math.floor(draw(`${id}|kind`) * kinds.length)]!, from: since, until: null })
    }
    const age = CalendarDate.ageAt(cf.elder.birthDate, asOf)
    const frail = age >= 80 || ["moderate", "severe", "total"].includes(cf.elder.ability)
    const volunteer = `Y${code.slice(6)}-${1 + Math.floor(draw(`${id}|pair`) * 4)}`
    if (frail && draw(`${id}|paired`) < coverage - 0.2) {
      const from = CalendarDate.addDays(asOf, -Math.floor(60 + draw(`${id}|pfrom`) * 500))
      const ended = draw(`${id}|ended`) < 0.1
      assignments.push({ id: "pair-1", role: "pairing", personId: volunteer, personKind: draw(`${id}|pk`) < 0.6 ? "younger-elder" : "volunteer", from, until: ended ? CalendarDate.addDays(asOf, -10) : null })
    }
    if (assignments.length === 0) return cf
    const visits = cf.visits.map((v) => (v.date >= since && draw(`${id}|${v.date}`) < 0.85 ? { ...v, visitorId: visitor } : v))
    return { ...cf, visits, assignments }
  })

/** How punctual each township's visitors and referral handlers are (the demo's twelve townships differ, so rankings say something). */
const PUNCTUALITY = [0.92, 0.78, 0.64, 0.85, 0.55, 0.9, 0.72, 0.96, 0.6, 0.82, 0.7, 0.88]
const punctuality = (regionCode: string): number => PUNCTUALITY[(((Number(regionCode.slice(6, 9)) - 101) % 12) + 12) % 12]!

/**
 * Synthetic periodic visits (§1 §3) for the demo county: the population's visits are a handful
 * at each elder's own rhythm, so over a year almost no one would be visited within the interval
 * the policy sets. Each elder in care also gets home visits by the village committee over the
 * 400 days to the as-of date, at the interval of their risk level: in a punctual township most
 * elders are visited every time before the interval runs out, elsewhere more of them have one
 * or two lapses (a gap of up to two and a half intervals), and about one in twenty-five is not
 * visited since a lapse.
 */
export const withVisits = (
  cases: ReadonlyArray<CaseFile.CaseFile>,
  asOf: CalendarDate.CalendarDate,
  intervalOf: (cf: CaseFile.CaseFile) => number | null
): Array<CaseFile.CaseFile> =>
  cases.map((cf) => {
    const interval = intervalOf(cf)
    if (interval === null || interval <= 0) return cf
    const id = cf.elder.id
    const q = punctuality(cf.elder.regionCode)
    const lapses = draw(`${id}|punctual`) < q ? 0 : draw(`${id}|lapses`) < 0.6 ? 1 : 2
    const stopped = draw(`${id}|stopped`) < 0.04
    const lapseAt = Array.from({ length: lapses }, (_, k) => Math.floor(draw(`${id}|lapse-${k}`) * 400))
    const seen = new Set(cf.visits.map((v) => v.date))
    const added: Array<CaseFile.Visit> = []
    let day = -400 + Math.floor(draw(`${id}|first`) * interval * 0.5)
    let n = 0
    while (day <= 0) {
      const date = CalendarDate.addDays(asOf, day)
      if (!seen.has(date)) added.push({ date, mode: "home", by: "village-committee", concerns: [] })
      if (stopped && day > -120) break
      const lapse = lapseAt.some((at) => at >= day + 400 && at < day + 400 + interval)
      const u = draw(`${id}|gap-${n++}`)
      day += Math.max(1, Math.floor(interval * (lapse ? 1.2 + 1.3 * u : 0.55 + 0.43 * u)))
    }
    if (added.length === 0) return cf
    return { ...cf, visits: [...cf.visits, ...added].sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0)) }
  })

/**
 * The referral steps of a demo case (§3 发现-报告-转介-救助): each state is left within its
 * deadline with the township's punctuality, otherwise one to five days after it (one to twenty
 * for the longer states); the steps after the as-of date are not taken.
 */
export const referralSteps = (
  caseId: string,
  regionCode: string,
  on: CalendarDate.CalendarDate,
  asOf: CalendarDate.CalendarDate,
  deadlines: Readonly<Record<string, number>>,
  count: number
): ReadonlyArray<{ readonly action: string; readonly on: CalendarDate.CalendarDate }> => {
  const path: ReadonlyArray<readonly [string, string]> = [
    ["discovered", "report"],
    ["reported", "refer"],
    ["referred", "assist"],
    ["assisting", "close"]
  ]
  const q = punctuality(regionCode)
  const out: Array<{ action: string; on: CalendarDate.CalendarDate }> = []
  let at = on
  for (let k = 0; k < count && k < path.length; k++) {
    const [state, action] = path[k]!
    const deadline = deadlines[state] ?? 1
    const late = draw(`${caseId}|late-${k}`) >= q
    const u = draw(`${caseId}|dwell-${k}`)
    const dwell = late ? deadline + 1 + Math.floor(u * (deadline > 5 ? 20 : 5)) : Math.floor(u * (deadline + 1))
    const next = CalendarDate.addDays(at, dwell)
    if (next > asOf) break
    out.push({ action, on: next })
    at = next
  }
  return out
}

/**
 * Synthetic care services (§10 §4) for the demo county: over the 400 days to the as-of date, most
 * elders in care get emotional comfort from a volunteer every two to four months, those living
 * alone safety monitoring, those who cannot care for themselves daily care from a social worker,
 * a few rights protection through legal aid in the last 120 days; coverage differs by township,
 * so the report has gaps to rank.
 */
export const withServices = (cases: ReadonlyArray<CaseFile.CaseFile>, asOf: CalendarDate.CalendarDate, needsCare: (cf: CaseFile.CaseFile) => boolean): Array<CaseFile.CaseFile> =>
  cases.map((cf) => {
    if (!needsCare(cf)) return cf
    const id = cf.elder.id
    const code = cf.elder.regionCode
    const town = Number(code.slice(6, 9)) - 101
    const coverage = [0.9, 0.75, 0.6, 0.85, 0.5, 0.88, 0.7, 0.95, 0.55, 0.8, 0.65, 0.82][((town % 12) + 12) % 12]!
    const services: Array<CaseFile.ServiceRecord> = []
    // a kind delivered over the 400 days to the as-of date, every 45 to 120 days, each time with
    // the township's coverage (so every quarter of the report's year has services to count)
    const series = (k: string, record: Omit<CaseFile.ServiceRecord, "date">) => {
      let day = -400 + Math.floor(draw(`${id}|${k}-first`) * 90)
      for (let n = 0; day <= 0; n++) {
        if (draw(`${id}|${k}-${n}`) < coverage) services.push({ date: CalendarDate.addDays(asOf, day), ...record })
        day += 45 + Math.floor(draw(`${id}|${k}-gap-${n}`) * 75)
      }
    }
    const volunteer = `Y${code.slice(6)}-${1 + Math.floor(draw(`${id}|svol`) * 4)}`
    if (draw(`${id}|comfort`) < coverage + 0.05) series("comfort", { kind: "emotional-comfort", personKind: "volunteer", personId: volunteer })
    if (cf.elder.livingArrangement === "alone" && draw(`${id}|safety`) < coverage + 0.05) series("safety", { kind: "safety-monitoring", personKind: "village-cadre", personId: `V${code.slice(6)}-1` })
    if (["severe", "total"].includes(cf.elder.ability) && draw(`${id}|care`) < coverage + 0.05) {
      series("care", { kind: "daily-care", personKind: "social-worker", personId: `S${code.slice(6, 9)}-1`, organisation: `social-work-station-${code.slice(0, 9)}` })
    }
    if (draw(`${id}|rights`) < 0.02) services.push({ date: CalendarDate.addDays(asOf, -Math.floor(draw(`${id}|rights-on`) * 120)), kind: "rights-protection", personKind: "township-staff", personId: `T${code.slice(6, 9)}-1`, program: "legal-aid" })
    services.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0))
    return services.length === 0 ? cf : { ...cf, services }
  })

export const demo = defineCommand({
  name: "demo",
  summary: { zh: "生成一个合成县，导入新的 SQLite 台账，按湖南政策评估，输出汇总并生成 HTML 报告", en: "Generate a synthetic county, import it into a fresh SQLite ledger, assess it under the Hunan policy, print the summary and write the HTML report" },
  usage: "liushou demo [--size N] [--as-of YYYY-MM-DD] [--out DIR] [--seed N] [--config FILE] [--lang zh|en]",
  options: { size: { type: "string" }, "as-of": { type: "string" }, out: { type: "string" }, seed: { type: "string" }, ...CONFIG_OPTION },
  run: async ({ values }, io) => {
    const lang = langFrom(values)
    const size = values.size === undefined ? 24_000 : Number(values.size)
    if (!Number.isInteger(size) || size < 1) throw badOption("size", EXPECTED.positive, values.size)
    const seed = values.seed === undefined ? 2021 : Number(values.seed)
    const asOf = (values["as-of"] as string | undefined) ?? "2021-06-30"
    if (!CalendarDate.isValid(asOf)) throw badOption("as-of", EXPECTED.date, asOf)
    const dir = resolve(io.cwd, (values.out as string | undefined) ?? ".liushou")
    const county = "430121"
    const started = Date.now()
    const lap = (() => {
      let t = Date.now()
      return () => {
        const s = ((Date.now() - t) / 1000).toFixed(1)
        t = Date.now()
        return say(lang, `${s} 秒`, `${s} s`)
      }
    })()
    mkdirSync(dir, { recursive: true })
    const dbPath = resolve(dir, "demo.db")
    for (const suffix of ["", "-wal", "-shm", "-journal"]) rmSync(dbPath + suffix, { force: true })

    const host = await registryFrom(values, io.cwd)
    for (const r of host.refused) io.err(say(lang, `已拒绝：${r.plugin ?? r.source}：${r.message.zh}`, `refused: ${r.plugin ?? r.source}: ${r.message.en}`))
    const engine = Engine.make(host.registry)
    const governing = engine.registry.policies.find((p) => p.plugin.region !== null && county.startsWith(p.plugin.region))
    const under = governing?.plugin.document.number ?? say(lang, "国家基线（民发〔2017〕193号）", "the national baseline")
    io.out(say(lang, `liushou 演示：在长沙县（${county}）生成 ${fmt(size)} 名合成老年人（演示数据，非真实人员），按 ${under} 评估，评估日期 ${asOf}`, `liushou demo: ${fmt(size)} synthetic elders in Changsha County (${county}), assessed as of ${asOf} under ${under}`))

    const generated = syntheticPopulation(size, { region: county, seed, asOf, riskLevels: (governing?.riskLevels ?? []).map((l) => l.id) })
    const inCare = new Map<string, { readonly care: boolean; readonly interval: number | null }>()
    const careOf = (cf: CaseFile.CaseFile) => {
      let v = inCare.get(cf.elder.id)
      if (v === undefined) {
        const r = engine.evaluate(cf, asOf)
        v = { care: r.ok && r.value.leftBehind.value !== false, interval: r.ok ? (r.value.visits?.intervalDays ?? null) : null }
        inCare.set(cf.elder.id, v)
      }
      return v
    }
    const needsCare = (cf: CaseFile.CaseFile): boolean => careOf(cf).care
    const visited = withVisits(withVerifiedDates(generated, asOf), asOf, (cf) => (careOf(cf).care ? careOf(cf).interval : null))
    const cases = withServices(withAssignments(visited, asOf, needsCare), asOf, needsCare)
    const assigned = fmt(cases.filter((c) => c.assignments !== undefined).length)
    const served = fmt(cases.filter((c) => c.services !== undefined).length)
    const moving = fmt(cases.filter((c) => c.ledgerEvents !== undefined).length)
    const took0 = lap()
    io.out(
      say(
        lang,
        `1. 已生成个案文件 ${fmt(cases.length)} 份：${assigned} 份指定了责任探访人或结对帮扶人，${served} 份有关爱服务记录，每份都有信息核实日期，${moving} 份有一年内纳入或退出台账的记录（${took0}）`,
        `1. generated ${fmt(cases.length)} case files, ${assigned} with a responsible visitor or a pairing, ${served} with care services, every one with verification dates, ${moving} with entries or exits in the year (${took0})`
      )
    )

    const { ledger, close } = await openLedger(`sqlite:${dbPath}`, io.cwd)
    try {
      const code = await Progress.interruptible(async (signal) => {
        const bar = Progress.start({ label: say(lang, "   导入", "   import"), lang, total: cases.length, isTTY: process.stderr.isTTY === true, write: io.err })
        const imported = await ledger.importCaseFiles(cases, {
          importId: `demo-${seed}-${size}`,
          source: "syntheticPopulation",
          actor: "demo",
          batchSize: 1000,
          onProgress: (p) => {
            bar.update(p.read, { stored: p.stored, rejected: p.rejected })
            if (signal.aborted) throw new Progress.Interrupted()
          }
        })
        bar.stop()
        const took1 = lap()
        io.out(say(lang, `2. 已导入 ${dbPath}：新增 ${fmt(imported.stored)}，拒收 ${fmt(imported.rejected)}（${took1}）`, `2. imported into ${dbPath}: ${fmt(imported.stored)} stored, ${fmt(imported.rejected)} rejected (${took1})`))

        const abar = Progress.start({ label: say(lang, "   评估", "   assess"), lang, total: cases.length, isTTY: process.stderr.isTTY === true, write: io.err })
        const assessed = await ledger.assess(engine, asOf, {
          runId: `demo-${asOf}`,
          actor: "demo",
          batchSize: 1000,
          onProgress: (p) => {
            abar.update(p.evaluated + p.skipped, { failed: p.failed })
            if (signal.aborted) throw new Progress.Interrupted()
          }
        })
        abar.stop()
        const took2 = lap()
        io.out(say(lang, `3. 评估批次 ${assessed.runId}：评估 ${fmt(assessed.evaluated)} 人，无适用政策 ${fmt(assessed.failed)} 人（${took2}）`, `3. assessed run ${assessed.runId}: ${fmt(assessed.evaluated)} evaluated, ${fmt(assessed.failed)} with no policy in force (${took2})`))

        // open referral cases for some suggested referrals and move them along, so the report has casework
        // the same engine at the same date gives exactly the stored evaluations (replayable); computing
        // them in memory is faster than reading 24,000 stored evaluations back (`liushou report` reads them)
        const rows = cases.flatMap((caseFile) => {
          const r = engine.evaluate(caseFile, asOf)
          return r.ok ? [{ caseFile, evaluation: r.value }] : []
        })
        // cases opened over the year, most of them taken to the end, each step on time or late
        // as the township is punctual (a case opened a few days ago is still open)
        let opened = 0
        const deadlines: Record<string, number> = {}
        for (const st of referralWorkflow.states) if (st.deadlineDays !== null) deadlines[st.id] = st.deadlineDays
        for (const { caseFile, evaluation } of rows) {
          const suggestion = evaluation.referrals?.[0]
          if (suggestion === undefined || opened >= 150) continue
          const caseId = `R-${evaluation.elderId}`
          const on = CalendarDate.addDays(asOf, -(3 + Math.floor(draw(`${caseId}|opened`) * 360)))
          const r = await ledger.openReferral({ workflow: referralWorkflow, caseId, elderId: evaluation.elderId, on, by: "demo", to: suggestion.to, trigger: suggestion.trigger })
          if (!r.ok) continue
          const count = draw(`${caseId}|steps`) < 0.75 ? 4 : Math.floor(draw(`${caseId}|partial`) * 4)
          for (const step of referralSteps(caseId, caseFile.elder.regionCode, on, asOf, deadlines, count)) {
            await ledger.transitionReferral({ workflow: referralWorkflow, caseId, action: step.action, on: step.on, by: "demo" })
          }
          opened++
        }
        const took3 = lap()
        io.out(say(lang, `4. 根据建议的转介开立转介个案 ${fmt(opened)} 件，并按湖南转介流程推进（${took3}）`, `4. opened ${fmt(opened)} referral cases from suggested referrals (${took3})`))

        const summary = Summary.summarize(rows, { region: county, asOf })
        const names = { ...demoNames(county), ...(host.loaded.config.regionNames ?? {}) }
        const risk = (k: string): string => governing?.riskLevels.find((l) => l.id === k)?.name[lang] ?? k
        const levels = (governing?.riskLevels ?? []).map((l) => l.id)
        const byLevel = Object.entries(summary.byRiskLevel).sort(([a], [b]) => (levels.indexOf(a) === -1 ? 99 : levels.indexOf(a)) - (levels.indexOf(b) === -1 ? 99 : levels.indexOf(b)))
        io.out(say(lang, `\n   县级汇总：${names[county] ?? county} ${county}，截至 ${asOf}`, `\n   County summary: Changsha County (demo data) ${county}, as of ${asOf}`))
        io.out(
          table(
            [say(lang, "指标", "figure"), say(lang, "数值", "value")],
            [
              [say(lang, "在册老年人（不含已退出台账的）", "elders in the active ledger (exits left out)"), fmt(summary.elders)],
              [say(lang, "留守老年人", "left-behind"), fmt(summary.leftBehind)],
              [say(lang, "重点对象", "priority"), fmt(summary.priority)],
              ...byLevel.map(([k, v]) => [say(lang, `风险等级：${risk(k)}`, `risk level: ${risk(k)}`), fmt(v)]),
              [say(lang, "探访逾期", "visits overdue"), fmt(summary.visitsOverdue)],
              [say(lang, "评估逾期", "assessments overdue"), fmt(summary.assessmentsOverdue)],
              ...Object.entries(summary.eligibleNotReceiving).sort((a, b) => b[1] - a[1]).map(([k, v]) => [say(lang, `应享未享：${label("program", k, "zh")}`, `eligible, not receiving: ${label("program", k, "en")}`), fmt(v)])
            ].map((r) => r.map(String))
          )
        )
        io.out("")
        io.out(table([say(lang, "乡镇", "township"), say(lang, "区划代码", "code"), say(lang, "留守老年人", "left-behind")], Object.entries(summary.bySubregion).sort().map(([k, v]) => [names[k] ?? k, k, fmt(v)])))
        const referrals = await openReferrals(ledger, referralWorkflow as never, county, asOf)
        // the evaluation indicators (考评, §10) of the year to the as-of date, by quarter, from the ledger as it stands today
        const indicators = await yearOfIndicators(ledger, host.registry, county, asOf, new Date().toISOString().slice(0, 10), referralWorkflow as never)
        const data = { ...ReportData.build(rows, { region: county, asOf, registry: host.registry, referrals, regionNames: names, source: { zh: `评估批次 ${assessed.runId} · 合成数据`, en: `assessment run ${assessed.runId} · synthetic data` } }), indicators }
        const zh = resolve(dir, "report.html")
        const en = resolve(dir, "report.en.html")
        await writeFile(zh, render(data, "zh"))
        await writeFile(en, render(data, "en"))
        const total = ((Date.now() - started) / 1000).toFixed(1)
        const took4 = lap()
        io.out(say(lang, `\n5. 已生成县级报告：${zh}（英文版：${en}）（${took4}）`, `\n5. wrote the county report: ${zh} (English: ${en}) (${took4})`))
        io.out(say(lang, `完成，共用时 ${total} 秒。下一步：用浏览器打开报告；或在 liushou.config.json 中配置用户（角色、区划、令牌）后运行 liushou serve --db sqlite:${dbPath} 提供接口（见 docs/host.md）`, `done in ${total} s. Next: open the report in a browser; or configure users (role, region, token) in liushou.config.json and run liushou serve --db sqlite:${dbPath} for the API (see docs/host.md)`))
        return 0
      }, io.err)
      return code
    } catch (e) {
      if (e instanceof Progress.Interrupted) {
        io.err(e.message)
        return 130
      }
      throw e
    } finally {
      await close()
    }
  }
})
