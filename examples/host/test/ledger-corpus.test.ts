/**
 * The spreadsheet corpus: hidden sheets and rows, formulas without a saved value, Excel errors,
 * merged cells, dates as serial numbers, a bad linked row and an orphan linked row, in .xlsx and
 * .csv, imported through the CLI on every database. Rejected rows are kept in rejected_records
 * with their sheet, row and column; both databases accept and reject exactly the same rows.
 */
import { writeFileSync } from "node:fs"
import { join } from "node:path"
import { IdNumber } from "@liushou/core"
import ExcelJS from "exceljs"
import { afterAll, describe, expect, it } from "vitest"
import { Normalize, readLedgerFile } from "../src/ledger/index.js"
import { cli, tempDir } from "./host-support.js"
import { connect, DIALECTS } from "@liushou/test-databases"

const dir = tempDir("liushou-corpus-")
const ID = (birth: string, seq: number) => IdNumber.make("430121", birth, seq)
const ID_GOOD = ID("1950-03-15", 12)
const ID_HIDDEN_ROW = ID("1948-05-01", 21)
const ID_BAD = ID("1944-11-02", 31).slice(0, 17) + (ID("1944-11-02", 31)[17] === "0" ? "1" : "0")
const ID_ORPHAN = ID("1939-09-09", 41)
const ID_HIDDEN_SHEET = ID("1941-01-01", 51)
const PHONE = "13987654321"
/** values that must never be printed unmasked */
const SECRETS = [ID_GOOD, ID_HIDDEN_ROW, ID_BAD, ID_ORPHAN, ID_HIDDEN_SHEET, PHONE]

const HEADERS = ["编号", "姓名", "身份证号", "性别", "出生日期", "村", "居住方式", "能力等级", "年收入", "电话"]

/** The .xlsx corpus; each row's fate is in the comment. */
const corpusWorkbook = async (path: string): Promise<void> => {
  const wb = new ExcelJS.Workbook()
  // a hidden sheet with the name the reader looks for first: never read
  const hidden = wb.addWorksheet("老年人")
  hidden.state = "hidden"
  hidden.addRow(HEADERS)
  hidden.addRow(["H-1", "隐藏表", ID_HIDDEN_SHEET, "男", "", "安沙村", "独居", "能力完好", 1000, ""])
  const ws = wb.addWorksheet("留守老年人台账")
  ws.addRow(HEADERS) // row 1
  ws.addRow(["C-01", "赵大海", ID_GOOD, "", "", "安沙村", "独居", "能力完好", 5000, PHONE]) // 2 stored
  ws.addRow(["C-02", "钱秀英", "", "女", 16378, "安沙村", "独居", "能力完好", 4800, ""]) // 3 stored: birth date as serial 16378 = 1944-11-02
  ws.addRow(["C-03", "孙满秀", ID_HIDDEN_ROW, "", "", "安沙村", "与配偶同住", "能力完好", 3000, ""]) // 4 stored, hidden row (warned)
  ws.getRow(4).hidden = true
  ws.addRow(["C-04", { formula: "VLOOKUP(A5,名单!A:B,2,0)" }, "", "男", "1950-01-01", "安沙村", "独居", "能力完好", 100, ""]) // 5 rejected: 姓名 formula without value
  ws.addRow(["C-05", "周福生", "", "男", "1950-01-01", "安沙村", "独居", "能力完好", { error: "#N/A" }, ""]) // 6 rejected: 年收入 #N/A
  ws.addRow(["C-06", "吴爱华", "", "女", { formula: "DATE(1951,2,3)", result: new Date(Date.UTC(1951, 1, 3)) }, "安沙村", "独居", "能力完好", { formula: "100*12", result: 1200 }, ""]) // 7 stored: formulas with saved results
  ws.addRow(["C-07", "郑国华", "", "男", "1946-06-06", "安沙村", "独居", "能力完好", 900, ""]) // 8 stored, 村 merged down over rows 8-9
  ws.addRow(["C-08", "王德明", "", "男", "1947-07-07", "", "独居", "能力完好", 900, ""]) // 9 stored, 村 from the merge (warned)
  ws.mergeCells("F8:F9")
  ws.addRow(["C-09", "冯春生", "", "男", "1947-07-07", "安沙村", "独居", "", 900, ""]) // 10 rejected: 居住方式 merged across 能力等级
  ws.mergeCells("G10:H10")
  ws.addRow(["C-10", "陈小红", "", "女", 60, "安沙村", "独居", "能力完好", 900, ""]) // 11 rejected: serial 60 is 1900-02-29
  ws.addRow(["C-11", "褚明", ID_BAD, "男", "1944-11-02", "安沙村", "独居", "能力完好", 900, PHONE]) // 12 rejected: bad check character
  ws.addRow(["C-12", "卫红", "", "女", "1949-09-09", "安沙村", "独居", "能力完好", 900, ""]) // 13 rejected: its supporter row is bad
  const sup = wb.addWorksheet("赡养人")
  sup.addRow(["老人编号", "姓名", "关系", "去向", "外出时间"])
  sup.addRow(["C-01", "赵小海", "儿子", "县外务工", 42795]) // 2: C-01's son, away since serial 42795 = 2017-03-01
  sup.addRow(["C-12", "卫小明", "表妹", "县外务工", ""]) // 3: bad relation → C-12 rejected
  sup.addRow([ID_ORPHAN, "蒋某", "儿子", "县外务工", ""]) // 4: orphan (an ID number of no elder in the file) → rejected on its own
  const regions = wb.addWorksheet("区划代码表")
  regions.addRow(["村", "区划代码"])
  regions.addRow(["安沙村", "430121102201"])
  await wb.xlsx.writeFile(path)
}

/** The .csv corpus: an Excel error saved into the file is a bad cell, not text. */
const corpusCsv = (path: string): void => {
  const rows = [
    ["编号", "姓名", "性别", "出生日期", "区划代码", "居住方式", "能力等级", "年收入", "电话"],
    ["V-01", "蒋英", "女", "1950-01-01", "430121102201", "独居", "能力完好", "1000", ""], // 2 stored
    ["V-02", "沈华", "男", "#N/A", "430121102201", "独居", "能力完好", "1000", PHONE], // 3 rejected: 出生日期 #N/A
    ["V-03", "韩梅", "女", "1950-01-01", "430121102201", "独居", "能力完好", "#VALUE!", ""] // 4 rejected: 年收入 #VALUE!
  ]
  writeFileSync(path, "\uFEFF" + rows.map((r) => r.join(",")).join("\r\n") + "\r\n")
}

const XLSX = join(dir, "corpus.xlsx")
const CSV = join(dir, "corpus.csv")
await corpusWorkbook(XLSX)
corpusCsv(CSV)

/** What each file must give: stored ids, and rejected rows as `sheet!row: columns`. */
const EXPECTED = {
  xlsx: {
    stored: ["C-01", "C-02", "C-03", "C-06", "C-07", "C-08"],
    rejected: ["留守老年人台账!5: 姓名", "留守老年人台账!6: 年收入", "留守老年人台账!10: 能力等级", "留守老年人台账!11: 出生日期", "留守老年人台账!12: 身份证号", "留守老年人台账!13: 赡养人!3 关系", "赡养人!4: 老人编号"]
  },
  csv: { stored: ["V-01"], rejected: ["corpus.csv!3: 出生日期", "corpus.csv!4: 年收入"] }
}

describe("reading the corpus", () => {
  it("skips the hidden sheet, reads hidden rows and merged-down cells with a warning, and never stores a formula or an error as text", async () => {
    const r = await readLedgerFile(XLSX)
    expect(r.cases.map((c) => c.elder.id)).toEqual(EXPECTED.xlsx.stored)
    const byId = new Map(r.cases.map((c) => [c.elder.id, c]))
    expect(byId.get("C-02")!.elder.birthDate).toBe("1944-11-02")
    expect(byId.get("C-06")!.elder).toMatchObject({ birthDate: "1951-02-03", annualIncome: 1200 })
    expect(byId.get("C-08")!.elder.regionCode).toBe("430121102201")
    expect(byId.get("C-01")!.supporters[0]).toMatchObject({ relation: "son", awaySince: "2017-03-01" })
    const warned = r.warnings.map((w) => w.message.en)
    expect(warned.some((m) => m.includes('sheet "老年人"') && m.includes("hidden sheets are not read"))).toBe(true)
    expect(warned.some((m) => m.includes("1 hidden rows were read") && m.includes("rows 4"))).toBe(true)
    expect(warned.some((m) => m.includes("merged range F8:F9"))).toBe(true)
    // no cell becomes "[object Object]" and no formula text becomes a value
    for (const c of r.cases) expect(JSON.stringify(c)).not.toMatch(/object Object|VLOOKUP|#N\/A/)
    const formula = r.errors.find((e) => e.row === 5)!
    expect(formula).toMatchObject({ sheet: "留守老年人台账", column: "姓名", found: "=VLOOKUP(A5,名单!A:B,2,0)" })
    expect(formula.message.en).toContain("the formula was saved without its result")
    expect(r.errors.find((e) => e.row === 6)).toMatchObject({ column: "年收入", found: "#N/A" })
    expect(r.errors.find((e) => e.row === 10)!.message.zh).toContain("请取消合并")
    expect(r.errors.find((e) => e.row === 11)!.message.en).toContain("Excel serial 60")
  })

  it("reads serial dates in both date systems, and Excel's 1900 leap-day bug is not carried into dates", () => {
    expect(Normalize.date(1).ok && Normalize.date(1)).toMatchObject({ value: "1900-01-01" })
    expect(Normalize.date(59)).toMatchObject({ value: "1900-02-28" })
    expect(Normalize.date(60).ok).toBe(false)
    expect(Normalize.date(61)).toMatchObject({ value: "1900-03-01" })
    expect(Normalize.date(16378)).toMatchObject({ value: "1944-11-02" })
    expect(Normalize.date(16378 - 1462, true)).toMatchObject({ value: "1944-11-02" })
    expect(Normalize.date(0, true)).toMatchObject({ value: "1904-01-01" })
    expect(Normalize.date(73051).ok).toBe(false)
    expect(Normalize.cellValue({ error: "#REF!" })).toMatchObject({ _tag: "BadCell", kind: "error" })
    expect(Normalize.cellValue({ sharedFormula: "A2", result: undefined })).toMatchObject({ kind: "formula-without-value" })
    expect(Normalize.cellValue({ richText: [{ text: "张" }, { text: "三" }] })).toBe("张三")
    expect(Normalize.cellValue({ text: "链接", hyperlink: "http://x" })).toBe("链接")
    expect(Normalize.cellText(Normalize.cellValue({ unexpected: 1 }))).not.toContain("object Object")
  })
})

interface Outcome {
  readonly stored: ReadonlyArray<string>
  readonly rejected: ReadonlyArray<string>
  /** rejected_records as stored, without timestamps: must be the same on every database */
  readonly rows: ReadonlyArray<unknown>
}

const outcomes = new Map<string, Map<string, Outcome>>()

for (const dialect of DIALECTS) {
  describe(`importing the corpus on ${dialect.name}`, () => {
    const opened = dialect.fresh("corpus")
    afterAll(async () => {
      await (await opened).close()
    })

    for (const [kind, file] of [["xlsx", XLSX], ["csv", CSV]] as const) {
      it(`${kind}: good rows stored, every rejected row kept in rejected_records with sheet, row and column, nothing personal printed`, async () => {
        const { url } = await opened
        const r = await cli(dir, "import", ["--input", file, "--db", url, "--import-id", kind, "--lang", "en"])
        const zh = await cli(dir, "import", ["--input", file, "--db", url, "--import-id", kind, "--lang", "zh"])
        expect(r.code).toBe(1)
        expect(zh.code).toBe(1)
        const expected = EXPECTED[kind]
        expect(r.out).toContain(`${expected.stored.length} stored, 0 updated, 0 unchanged, ${expected.rejected.length} rejected`)
        expect(zh.out).toContain(`新增 0，更新 0，未变 ${expected.stored.length}，拒收 ${expected.rejected.length}`)
        expect(r.out).toContain(`rejected_records where import_id = '${kind}'`)
        for (const text of [r.out, r.err, zh.out, zh.err]) {
          for (const secret of SECRETS) expect(text).not.toContain(secret)
          expect(text).not.toContain("object Object")
        }
        if (kind === "xlsx") {
          expect(r.err).toContain('warning: sheet "老年人" row 0')
          expect(r.err).toContain("hidden rows were read")
          expect(zh.err).toContain("注意：")
        }
        const db = connect(url, 1)
        try {
          const stored = (await db.selectFrom("elders").select("elder_id").where("import_id", "=", kind).orderBy("elder_id").execute()).map((e) => e.elder_id as string)
          const rows = await db.selectFrom("rejected_records").select(["position", "elder_id", "raw", "error"]).where("import_id", "=", kind).orderBy("position").execute()
          const errors = rows.map((x) => JSON.parse(x.error as string) as { source: { sheet: string; row: number }; issues: Array<{ sheet: string; row: number; column: string; found: string }>; message: { en: string; zh: string } })
          const rejected = errors.map((e) => `${e.source.sheet}!${e.source.row}: ${e.issues.map((i) => (i.sheet === e.source.sheet && i.row === e.source.row ? i.column : `${i.sheet}!${i.row} ${i.column}`)).join(", ")}`)
          expect(stored).toEqual(expected.stored)
          expect(rejected).toEqual(expected.rejected)
          // the messages name the sheet, the row and the column; nothing personal in them or in the stored ids
          for (const e of errors) expect(e.message.en).toMatch(/^sheet ".+" row \d+ column ".+"/)
          for (const x of rows) for (const secret of SECRETS) {
            expect(String(x.error)).not.toContain(secret)
            expect(String(x.elder_id)).not.toContain(secret)
          }
          // the row as found is kept, to fix and re-import
          if (kind === "xlsx") expect(JSON.parse(rows.at(-1)!.raw as string)).toMatchObject({ sheet: "赡养人", row: 4, cells: { 老人编号: ID_ORPHAN, 关系: "儿子" } })
          const imp = await db.selectFrom("imports").selectAll().where("import_id", "=", kind).executeTakeFirstOrThrow()
          expect(imp).toMatchObject({ status: "done" })
          expect(Number(imp.rejected)).toBe(expected.rejected.length)
          const perDialect = outcomes.get(kind) ?? new Map<string, Outcome>()
          perDialect.set(dialect.name, { stored, rejected, rows: rows.map((x) => ({ ...x, position: Number(x.position) })) })
          outcomes.set(kind, perDialect)
        } finally {
          await db.destroy()
        }
      })
    }
  })
}

describe("SQLite and PostgreSQL", () => {
  it("accept and reject exactly the same rows, and keep the same rejected records", () => {
    for (const kind of ["xlsx", "csv"]) {
      const got = outcomes.get(kind)!
      expect([...got.keys()]).toEqual(DIALECTS.map((d) => d.name))
      const first = got.get(DIALECTS[0]!.name)
      for (const d of DIALECTS) expect(got.get(d.name)).toEqual(first)
    }
  })
})
