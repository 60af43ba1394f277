import { existsSync, mkdirSync, readFileSync } from "node:fs"
import { join } from "node:path"
import ExcelJS from "exceljs"
import { chromium } from "playwright-core"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { cli, tempDir } from "./host-support.js"

const dir = tempDir("liushou-demo-")
const out = join(dir, "out")
let demo: Awaited<ReturnType<typeof cli>>

beforeAll(async () => {
  demo = await cli(dir, "demo", ["--size", "3000", "--out", out])
}, 120_000)

const CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"]

describe("demo", () => {
  it("generates, imports, assesses, summarises and reports a synthetic county, narrating in Chinese", () => {
    expect(demo.err).not.toMatch(/refused|error|已拒绝|错误/i)
    expect(demo.code).toBe(0)
    expect(demo.out).toMatch(/已导入 .*demo\.db：新增 3,000，拒收 0/)
    expect(demo.out).toMatch(/评估 3,000 人，无适用政策 0 人/)
    expect(demo.out).toMatch(/留守老年人\s+[1-9]/)
    expect(demo.out).toContain("黄兴镇")
    expect(demo.out).toMatch(/个案文件 3,000 份：[1-9][\d,]* 份指定了责任探访人或结对帮扶人/)
    expect(existsSync(join(out, "report.html"))).toBe(true)
    expect(existsSync(join(out, "report.en.html"))).toBe(true)
    // plain progress lines when not on a terminal, in Chinese too
    expect(demo.err).toMatch(/导入：3,000\/3,000（100%），每秒 [\d,]+ 条.*完成/)
    // nothing English for people: only paths, the command to run next, the run id and the policy's number
    const words = (text: string) => text.replace(/\S*\/\S*/g, "").replace(/liushou\.config\.json|liushou serve --db|liushou|demo-\d{4}-\d{2}-\d{2}/g, "")
    expect(words(demo.out)).not.toMatch(/[A-Za-z]{2,}/)
    expect(words(demo.err)).not.toMatch(/[A-Za-z]{2,}/)
  })
  it("narrates in English with --lang en", async () => {
    const en = await cli(dir, "demo", ["--size", "200", "--out", join(dir, "out-en"), "--lang", "en"])
    expect(en.code).toBe(0)
    expect(en.out).toMatch(/imported into .*demo\.db: 200 stored, 0 rejected \(\d+\.\d s\)/)
    expect(en.out).toMatch(/200 evaluated, 0 with no policy in force/)
    expect(en.out).toMatch(/County summary: Changsha County \(demo data\) 430121, as of 2021-06-30/)
    expect(en.out).toMatch(/left-behind\s+[1-9]/)
    expect(en.err).toMatch(/import: 200\/200 \(100%\), [\d,]+\/s.*done/)
    // Chinese only in the names of places and the policy's number
    expect(en.out.replace(/[\u4e00-\u9fff·]+(镇|村)/gu, "").replace(/湘民发〔\d+〕\d+号/g, "")).not.toMatch(/[\u4e00-\u9fff]/u)
  }, 120_000)
})

describe("report in a real browser", () => {
  let context: Awaited<ReturnType<typeof chromium.launchPersistentContext>>
  beforeAll(async () => {
    const userDataDir = join(dir, "chromium-profile")
    mkdirSync(userDataDir)
    context = await chromium.launchPersistentContext(userDataDir, { executablePath: "/usr/bin/chromium", args: CHROMIUM_ARGS, viewport: { width: 1280, height: 900 } })
  })
  afterAll(async () => {
    await context?.close()
  })

  for (const [file, lang, heading] of [["report.html", "zh-CN", "农村留守老年人关爱服务情况报告"], ["report.en.html", "en", "Care services for rural left-behind elders"]] as const) {
    it(`renders ${file} with no console errors and no network requests`, async () => {
      const page = await context.newPage()
      const problems: Array<string> = []
      const requests: Array<string> = []
      page.on("console", (m) => {
        if (m.type() === "error" || m.type() === "warning") problems.push(m.text())
      })
      page.on("pageerror", (e) => problems.push(e.message))
      page.on("request", (r) => {
        if (!r.url().startsWith("file:")) requests.push(r.url())
      })
      await page.goto(`file://${join(out, file)}`)
      expect(problems).toEqual([])
      expect(requests).toEqual([])
      expect(await page.getAttribute("html", "lang")).toBe(lang)
      expect(await page.textContent("h1")).toContain(heading)
      expect(await page.locator("svg").count()).toBeGreaterThanOrEqual(8)
      expect(await page.locator("section").count()).toBe(11)
      // evaluation indicators (考评, §10): each indicator with its numerator over its denominator, the trend by quarter, the township ranking
      const evaluation = page.locator("section", { has: page.locator("h2", { hasText: lang === "en" ? "9. Evaluation indicators" : "九、考评指标" }) })
      expect(await evaluation.locator("table").count()).toBe(3)
      expect(await evaluation.locator("table").first().locator("tbody tr").count()).toBe(8)
      expect(await evaluation.locator("table").nth(1).locator("tbody tr").count()).toBe(4) // four quarters to 2021-06-30
      expect(await evaluation.locator("table").last().locator("tbody tr").count()).toBe(12) // every township, ranked
      // an honest ranking: the demo's townships differ in punctuality, so the ranked indicator has several ranks, ties shown as ties
      const ranks = await evaluation.locator("table").last().locator("tbody tr td:first-child").allTextContents()
      for (const r of ranks) expect(r).toMatch(/^\d+(（并列）| \(tied\))?$/)
      expect(new Set(ranks.map((r) => r.replace(/\D/g, ""))).size).toBeGreaterThanOrEqual(4)
      expect(await evaluation.locator("p", { hasText: lang === "en" ? "Evaluation method: 湘民发〔2018〕30号" : "考评办法：湘民发〔2018〕30号" }).count()).toBe(1)
      expect(await evaluation.locator("table").first().locator("tbody tr td:nth-child(2)").first().textContent()).toMatch(/^[\d,]+\/[\d,]+$/)
      // named visitors and pairings (§1 §3 §4): the region's figures and a row per township that has elders needing a visitor
      const responsibility = page.locator("section", { has: page.locator("h2", { hasText: lang === "en" ? "7. Named visitors and pairings" : "七、责任探访人与结对帮扶" }) })
      expect(await responsibility.locator(".fig").count()).toBe(5)
      expect(await responsibility.locator("tbody tr").count()).toBe(12)
      // ledger upkeep (§1): what to check, elders out of the ledger, entries and exits by reason, the villages with the most to check
      const upkeep = page.locator("section", { has: page.locator("h2", { hasText: lang === "en" ? "8. Ledger upkeep" : "八、台账动态管理" }) })
      expect(await upkeep.locator(".fig").count()).toBe(8)
      const figures = await upkeep.locator(".fig .v").allTextContents()
      expect(figures.every((v) => /^[\d,]+$/.test(v))).toBe(true)
      expect(Number(figures[5]!.replace(/,/g, ""))).toBeGreaterThan(0) // elders out of the active ledger
      expect(await upkeep.locator("table").count()).toBe(2)
      expect(await upkeep.locator("table").first().locator("tbody tr").count()).toBe(6) // every national ledger reason the demo draws (all but moved-in)
      expect(await upkeep.locator("table").last().locator("tbody tr").count()).toBe(10)
      // section 10: care services received against needed, one row per service kind, townships with the most gaps
      const services = page.locator("section", { has: page.locator("h2", { hasText: lang === "en" ? "10. Care services" : "十、关爱服务" }) })
      expect(await services.locator("table").count()).toBe(2)
      expect(await services.locator("table").first().locator("tbody tr").count()).toBe(6) // the national four and Hunan's two
      const missing = await services.locator(".fig .v").allTextContents()
      expect(missing.every((v) => /^[\d,]+$/.test(v))).toBe(true)
      expect(Number(missing[0]!.replace(/,/g, ""))).toBeGreaterThan(0) // some elders miss a service they need
      // every chart has a size, and the township table has a row per township plus the total
      const sizes = await page.locator("svg").evaluateAll((els) => els.map((e) => e.getBoundingClientRect().width * e.getBoundingClientRect().height))
      expect(sizes.every((a) => a > 1000)).toBe(true)
      expect(await page.locator("section").first().locator("tbody tr").count()).toBe(12)
      await page.screenshot({ path: join(dir, `${file}.png`), fullPage: true })
      await page.close()
    })
  }
})

describe("report, export and template commands", () => {
  const db = () => `sqlite:${join(out, "demo.db")}`
  it("report reads the stored assessment run for a township, in English", async () => {
    const r = await cli(dir, "report", ["--region", "430121101", "--as-of", "2021-06-30", "--out", "t.html", "--lang", "en", "--db", db()])
    expect(r.code).toBe(0)
    expect(r.out).toMatch(/assessment run demo-2021-06-30/)
    const html = readFileSync(join(dir, "t.html"), "utf8")
    expect(html).toContain('lang="en"')
    expect(html).toContain("430121101")
    // a date with no stored run is evaluated from the stored case files
    const r2 = await cli(dir, "report", ["--lang", "en", "--region", "430121", "--as-of", "2021-07-31", "--out", "t2.html", "--db", db()])
    expect(r2.out).toContain("no stored assessment run")
    expect((await cli(dir, "report", ["--lang", "en", "--region", "43%", "--out", "x.html", "--db", db()])).code).toBe(2)
  })
  it("export masks ID numbers unless --unmasked, and template writes the explained ledger", async () => {
    const r = await cli(dir, "export", ["--lang", "en", "--out", "e.xlsx", "--region", "430121101", "--db", db()])
    expect(r.code).toBe(0)
    const wb = new ExcelJS.Workbook()
    await wb.xlsx.readFile(join(dir, "e.xlsx"))
    const ids: Array<string> = []
    wb.getWorksheet("老年人")!.getColumn(3).eachCell((c, row) => void (row > 1 && c.value !== null && c.value !== "" && ids.push(String(c.value))))
    expect(ids.length).toBeGreaterThan(0)
    expect(ids.every((x) => /^\d{6}\*{8}\d{3}[\dX]$/.test(x))).toBe(true)
    const t = await cli(dir, "template", ["--out", "tpl.xlsx"])
    expect(t.code).toBe(0)
    expect(existsSync(join(dir, "tpl.xlsx"))).toBe(true)
  })
  it("import reads an .xlsx ledger and reports bad rows by sheet, row and column", async () => {
    const wb = new ExcelJS.Workbook()
    const ws = wb.addWorksheet("老年人")
    ws.addRow(["编号", "姓名", "性别", "出生日期", "区划代码", "居住方式", "能力等级", "年收入", "子女1关系", "子女1去向", "子女1外出时间"])
    ws.addRow(["X-1", "王秀英", "女", "1950/1/2", "430121101201", "独居", "能力完好", 3000, "儿子", "县外务工", "2016年5月1日"])
    ws.addRow(["X-2", "李德明", "男", "1950/13/2", "430121101201", "独居", "能力完好", 3000, "儿子", "县外务工", "2016年5月1日"])
    await wb.xlsx.writeFile(join(dir, "in.xlsx"))
    const r = await cli(dir, "import", ["--input", "in.xlsx", "--db", `sqlite:${join(dir, "import.db")}`, "--lang", "zh"])
    expect(r.code).toBe(1)
    expect(r.err).toContain("工作表“老年人”第3行“出生日期”列")
    expect(r.out).toMatch(/新增 1/)
  })
})
