import { writeFileSync } from "node:fs"
import { join } from "node:path"
import { fc, test } from "@fast-check/vitest"
import { CalendarDate, canonicalJson, IdNumber } from "@liushou/core"
import { syntheticPopulation } from "@liushou/testkit"
import ExcelJS from "exceljs"
import { describe, expect, it } from "vitest"
import { Columns, Normalize, readLedgerFile, writeLedger, writeTemplate } from "../src/ledger/index.js"
import { tempDir } from "./host-support.js"

const dir = tempDir("liushou-ledger-")
const ID1 = IdNumber.make("430121", "1950-03-15", 12) // female? sequence even/odd decides the sex
const ID2 = IdNumber.make("430121", "1944-11-02", 31)
const ID3 = IdNumber.make("430121", "1938-07-20", 44)
const sexOf = (id: string) => (IdNumber.sex(id) === "male" ? "男" : "女")
const fullWidth = (s: string) => s.replace(/[0-9]/g, (d) => String.fromCharCode(d.charCodeAt(0) + 0xfee0))

const wideHeaders = ["编号", "姓名", "身份证号", "性别", "出生日期", "村", "居住方式", "能力等级", "患重病", "年收入", "收入来源", "已享受", "电话", "子女1姓名", "子女1关系", "子女1去向", "子女1外出时间", "子女1已报告村委会", "子女1最近联系", "子女2关系", "子女2去向", "子女2外出时间"]

/** A messy but readable county ledger: title row, full-width digits, text numbers, Excel dates, Chinese dates. */
const messyWorkbook = async (path: string): Promise<void> => {
  const wb = new ExcelJS.Workbook()
  const ws = wb.addWorksheet("留守老年人")
  ws.addRow(["长沙县安沙镇农村留守老年人信息台账（2021年）"])
  ws.addRow(wideHeaders.map((h, i) => (i === 3 ? ` ${h} ` : h)))
  // 1: full-width ID digits, date as a JS date cell, income "3,600元", village by name
  ws.addRow(["A-001", "张桂英", fullWidth(ID1), sexOf(ID1), new Date(Date.UTC(1950, 2, 15)), "安沙村", "独居", "轻度失能", "否", "3,600元", "务农、子女", "", "138 0000 0000", "李明", "儿子", "县外务工", "2017年2月10日", "是", "2021/2/12", "女儿", "外出", 42795])
  // 2: Excel serial birth date (as a number), 1944/11/2 style away date, code instead of village name
  ws.addRow(["A-002", " 王德明 ", ID2, sexOf(ID2), 16378, "430121102203", "与配偶同住", "能力完好", "是", 4800, "养老金", "低保、医疗救助", "", "", "儿子", "县外", "2015/3/1", "否", "", "", "", ""])
  // example row (skipped)
  ws.addRow(["示例-0001", "示例", ID3, sexOf(ID3), "1938-07-20", "安沙村", "独居", "能力完好", "否", 100, "", "", "", "", "儿子", "县外", "2015-01-01", "", "", "", "", ""])
  const regions = wb.addWorksheet("区划代码表")
  regions.addRow(["村", "区划代码"])
  regions.addRow(["安沙村", "430121102201"])
  await wb.xlsx.writeFile(path)
}

describe("readLedgerFile: xlsx", () => {
  it("normalises full-width digits, text numbers, Excel and Chinese dates, and skips the example row", async () => {
    const path = join(dir, "messy.xlsx")
    await messyWorkbook(path)
    const r = await readLedgerFile(path)
    expect(r.errors).toEqual([])
    expect(r.cases).toHaveLength(2)
    const [a, b] = r.cases
    expect(a!.elder).toMatchObject({ id: "A-001", name: "张桂英", idNumber: ID1, birthDate: "1950-03-15", regionCode: "430121102201", annualIncome: 3600, ability: "mild", incomeSources: ["farming", "children"], phone: "13800000000", rural: true })
    expect(a!.supporters).toEqual([
      { id: "A-001-1", name: "李明", relation: "son", whereabouts: "out-of-county", awaySince: "2017-02-10", reportedToVillage: true, lastContact: "2021-02-12" },
      { id: "A-001-2", relation: "daughter", whereabouts: "out-of-county", awaySince: "2017-03-01", reportedToVillage: false, lastContact: null }
    ])
    expect(b!.elder).toMatchObject({ name: "王德明", birthDate: "1944-11-02", regionCode: "430121102203", seriousIllness: true, receiving: ["dibao", "medical-assistance"] })
    expect(r.sources).toEqual([{ sheet: "留守老年人", row: 3 }, { sheet: "留守老年人", row: 4 }])
    expect(r.normalized).toBeGreaterThan(3)
    expect(r.warnings.some((w) => w.row === 5 && w.message.en.includes("example row"))).toBe(true)
  })

  it("reports bad cells by sheet, row and column in zh and en, masks personal data, and keeps the good rows", async () => {
    const wb = new ExcelJS.Workbook()
    const ws = wb.addWorksheet("老年人")
    ws.addRow(["编号", "姓名", "身份证号", "性别", "出生日期", "区划代码", "居住方式", "能力等级", "年收入"])
    ws.addRow(["B-1", "赵大海", ID1, sexOf(ID1), "1950-03-15", "430121102201", "独居", "能力完好", 5000]) // good
    ws.addRow(["B-2", "钱秀英", "", "女", "50/3/15", "430121102201", "独居", "能力完好", 5000]) // two-digit year
    ws.addRow(["B-3", "孙满秀", "", "女", "1950-03-15", "4301211022", "独居", "很好", 5000]) // short code, unknown ability
    ws.addRow(["B-4", "李春生", 430121195003151234, "男", "1950-03-15", "430121102201", "独居", "能力完好", "五千"]) // ID as number, income text
    ws.addRow(["B-5", "周福生", "430121********1234", "男", "1950-03-15", "430121102201", "独居", "能力完好", 1]) // masked ID
    ws.addRow(["B-1", "吴爱华", "", "女", "1950-02-30", "430121102201", "独居", "能力完好", 1]) // duplicate id, impossible date
    const wrongId = ID2.slice(0, 17) + (ID2[17] === "0" ? "1" : "0")
    ws.addRow(["B-7", "郑国华", wrongId, sexOf(ID2), "1944-11-02", "430121102201", "独居", "能力完好", 1]) // bad check character
    const sup = wb.addWorksheet("赡养人")
    sup.addRow(["老人编号", "姓名", "关系", "去向"])
    sup.addRow(["B-1", "赵小海", "儿子", "县外务工"])
    sup.addRow(["NOPE", "某某", "儿子", "县外务工"])
    sup.addRow(["B-1", "赵小花", "表妹", "县外务工"])
    const path = join(dir, "bad.xlsx")
    await wb.xlsx.writeFile(path)
    const r = await readLedgerFile(path)
    // B-1 has a bad supporter row (relation 表妹), so no row survives but the report is complete
    const where = r.errors.map((e) => `${e.sheet}!${e.row}:${e.column}`)
    expect(where).toEqual(
      expect.arrayContaining(["老年人!3:出生日期", "老年人!4:区划代码", "老年人!4:能力等级", "老年人!5:身份证号", "老年人!5:年收入", "老年人!6:身份证号", "老年人!7:编号", "老年人!7:出生日期", "老年人!8:身份证号", "赡养人!3:老人编号", "赡养人!4:关系"])
    )
    for (const e of r.errors) {
      expect(e.message.zh).toMatch(/^工作表“.+”第\d+行/)
      expect(e.message.en).toMatch(/^sheet ".+" row \d+/)
    }
    const text = JSON.stringify(r.errors)
    expect(text).not.toContain("430121195003151234")
    expect(text).not.toContain(wrongId)
    expect(text).not.toContain("郑国华")
    expect(r.errors.find((e) => e.row === 6)!.message.zh).toContain("脱敏")
    expect(r.cases.map((c) => c.elder.id)).toEqual([])

    // without the bad supporter row, B-1 is imported and the others are still reported
    sup.spliceRows(4, 1)
    await wb.xlsx.writeFile(path)
    const r2 = await readLedgerFile(path)
    expect(r2.cases.map((c) => c.elder.id)).toEqual(["B-1"])
    expect(r2.cases[0]!.supporters).toHaveLength(1)
    expect(r2.errors.length).toBeGreaterThanOrEqual(9)
  })

  it("names a missing required column", async () => {
    const wb = new ExcelJS.Workbook()
    const ws = wb.addWorksheet("老年人")
    ws.addRow(["编号", "姓名", "出生日期", "区划代码", "居住方式"])
    ws.addRow(["C-1", "王秀英", "1950-01-01", "430121102201", "独居"])
    const path = join(dir, "missing.xlsx")
    await wb.xlsx.writeFile(path)
    const r = await readLedgerFile(path)
    expect(r.cases).toEqual([])
    expect(r.errors.map((e) => e.column)).toEqual(["能力等级", "年收入"])
  })
})

describe("readLedgerFile: csv", () => {
  const header = "编号,姓名,身份证号,出生日期,区划代码,居住方式,能力等级,年收入,子女1关系,子女1去向,子女1外出时间"
  const row = `D-1,王桂英,${ID1},1950年3月15日,430121102201,独居,中度失能,"4,200",儿子,县外务工,2018.6.1`
  it("reads UTF-8 with a BOM", async () => {
    const path = join(dir, "utf8.csv")
    writeFileSync(path, "\uFEFF" + [header, row, ""].join("\r\n"))
    const r = await readLedgerFile(path)
    expect(r.errors).toEqual([])
    expect(r.cases[0]!.elder).toMatchObject({ id: "D-1", sex: IdNumber.sex(ID1), birthDate: "1950-03-15", ability: "moderate", annualIncome: 4200 })
    expect(r.cases[0]!.supporters[0]).toMatchObject({ relation: "son", awaySince: "2018-06-01" })
  })
  it("reads GB18030 (as Excel saves CSV on Chinese Windows)", async () => {
    const path = join(dir, "gbk.csv")
    // encode with the GB18030 table of TextDecoder: build a reverse map for the characters used
    const text = [header, row].join("\r\n")
    const decoder = new TextDecoder("gb18030")
    const bytes: Array<number> = []
    const cache = new Map<string, Array<number>>()
    for (const ch of text) {
      if (ch.charCodeAt(0) < 128) {
        bytes.push(ch.charCodeAt(0))
        continue
      }
      let enc = cache.get(ch)
      for (let hi = 0x81; enc === undefined && hi <= 0xfe; hi++) {
        for (let lo = 0x40; lo <= 0xfe; lo++) {
          if (decoder.decode(new Uint8Array([hi, lo])) === ch) {
            enc = [hi, lo]
            break
          }
        }
      }
      cache.set(ch, enc!)
      bytes.push(...enc!)
    }
    writeFileSync(path, Buffer.from(bytes))
    const r = await readLedgerFile(path)
    expect(r.errors).toEqual([])
    expect(r.cases[0]!.elder.name).toBe("王桂英")
  })
})

describe("template and export", () => {
  it("writes a template whose sheets explain every column and whose example row is a valid case", async () => {
    const path = join(dir, "template.xlsx")
    await writeTemplate(path)
    const wb = new ExcelJS.Workbook()
    await wb.xlsx.readFile(path)
    expect(wb.worksheets.map((w) => w.name)).toEqual(["老年人", "赡养人", "探访记录", "风险评估", "区划代码表", "填表说明"])
    const help = wb.getWorksheet("填表说明")!
    const described = new Set<string>()
    help.eachRow((r) => void described.add(String(r.getCell(2).value)))
    for (const c of Columns.ELDER_COLUMNS) expect(described.has(c.header)).toBe(true)
    expect(await readLedgerFile(path)).toMatchObject({ cases: [], errors: [] })
    // the example row, renamed, imports cleanly
    wb.getWorksheet("老年人")!.getCell("A2").value = "CS-0001"
    await wb.xlsx.writeFile(path)
    const r = await readLedgerFile(path)
    expect(r.errors).toEqual([])
    expect(r.cases).toHaveLength(1)
    expect(r.cases[0]!.supporters).toHaveLength(2)
  })

  it("round-trips an unmasked export exactly, and refuses to re-import a masked one", async () => {
    const cases = syntheticPopulation(150, { region: "430121", seed: 7, asOf: "2021-06-30", riskLevels: ["low", "medium", "high"] })
    const path = join(dir, "export.xlsx")
    await writeLedger(path, cases, { unmasked: true })
    const r = await readLedgerFile(path)
    expect(r.errors).toEqual([])
    expect(r.cases.map(canonicalJson)).toEqual(cases.map(canonicalJson))
    const masked = join(dir, "masked.xlsx")
    await writeLedger(masked, cases)
    const m = await readLedgerFile(masked)
    const withId = cases.filter((c) => c.elder.idNumber !== undefined || c.elder.phone !== undefined || c.supporters.some((s) => s.phone !== undefined))
    expect(m.cases.length).toBe(cases.length - withId.length)
    expect(m.errors.some((e) => e.message.en.includes("masked"))).toBe(true)
  })
})

describe("Normalize", () => {
  const dates = fc.integer({ min: CalendarDate.toDayNumber("1900-03-01"), max: CalendarDate.toDayNumber("2099-12-31") }).map(CalendarDate.fromDayNumber)
  test.prop([dates], { numRuns: 1000 })("every written form of a date reads back as that date", (d) => {
    const { year, month, day } = CalendarDate.parts(d)
    const serial = CalendarDate.toDayNumber(d) + 25569
    for (const form of [d, `${year}/${month}/${day}`, `${year}年${month}月${day}日`, `${year}.${month}.${day}`, d.replace(/-/g, ""), fullWidth(`${year}/${month}/${day}`), serial, new Date(Date.UTC(year, month - 1, day))]) {
      const r = Normalize.date(form)
      expect(r.ok && r.value).toBe(d)
    }
  })
  test.prop([fc.integer({ min: 0, max: 99 }), fc.integer({ min: 1, max: 12 }), fc.integer({ min: 1, max: 28 })], { numRuns: 300 })("two-digit years are refused, never guessed", (y, m, d) => {
    expect(Normalize.date(`${y}/${m}/${d}`).ok).toBe(false)
  })
  test.prop([fc.integer({ min: 0, max: 10_000_000 }).map((n) => n / 100)], { numRuns: 500 })("amounts written with separators and 元 read back", (n) => {
    const r = Normalize.amount(`${fullWidth(n.toLocaleString("en-US"))}元`.replace(/,/g, "，"))
    expect(r.ok && r.value).toBe(n)
  })
})
