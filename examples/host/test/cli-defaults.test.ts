import { spawnSync } from "node:child_process"
import { readFileSync, writeFileSync } from "node:fs"
import { join } from "node:path"
import { describe, expect, it } from "vitest"
import { COMMANDS } from "../src/commands/index.js"
import { cli, tempDir } from "./host-support.js"

const PG_URL = process.env.LIUSHOU_PG_URL ?? "postgres://postgres:postgres@127.0.0.1:5432/liushou_test"

describe("CLI: what a county user meets first", () => {
  it("template --out x.csv writes CSV (UTF-8 with BOM, the elder sheet) that import reads, skipping the example row", async () => {
    const dir = tempDir()
    const r = await cli(dir, "template", ["--out", "ledger.csv"])
    expect(r.code).toBe(0)
    const text = readFileSync(join(dir, "ledger.csv"), "utf8")
    expect(text.startsWith("\uFEFF编号,姓名,身份证号")).toBe(true)
    expect(text).toContain("示例-0001")
    expect(text).not.toMatch(/^PK/)
    const imported = await cli(dir, "import", ["--lang", "en", "--input", "ledger.csv", "--db", "ledger.db"])
    expect(imported.code).toBe(0)
    expect(imported.out).toContain("0 stored, 0 updated, 0 unchanged, 0 rejected")
    // .xlsx stays the default layout; another extension is a usage error
    expect((await cli(dir, "template", ["--out", "ledger.xlsx"])).code).toBe(0)
    expect(readFileSync(join(dir, "ledger.xlsx")).subarray(0, 2).toString()).toBe("PK")
    const bad = await cli(dir, "template", ["--out", "ledger.txt"])
    expect(bad.code).toBe(2)
    expect(bad.err).toContain("--out 应以 .xlsx 或 .csv 结尾")
  })

  it("a wrong database password is one line naming the cause, with the password masked, and no usage text", async () => {
    const url = new URL(PG_URL)
    url.password = "not-the-password-x9"
    const r = await cli(tempDir(), "assess", ["--lang", "en", "--as-of", "2021-06-30", "--db", url.toString()])
    expect(r.code).toBe(1)
    expect(r.err.split("\n")).toHaveLength(1)
    expect(r.err).toMatch(/cannot open the ledger at postgres:\/\/postgres:\*\*\*@.*password authentication failed/)
    expect(r.err).toContain("无法打开台账")
    expect(r.err).not.toContain("not-the-password-x9")
    expect(r.err).not.toContain("usage:")
  })
})

describe("CLI: example plugins load only when asked for", () => {
  it("without a configuration, a Changsha County (430121) elder is governed by Hunan's plugin, not the sample county", async () => {
    const dir = tempDir()
    const plugins = await cli(dir, "plugins", ["--lang", "en"])
    expect(plugins.code).toBe(0)
    expect(plugins.out).toContain("hunan-2018-30")
    expect(plugins.out).not.toContain("changsha-county-2019")
    expect(plugins.out).not.toContain("three-tier-province")
    const input = join(import.meta.dirname, "..", "..", "data", "hunan-villages.json")
    const evaluated = await cli(dir, "evaluate", ["--lang", "en", "--input", input, "--as-of", "2019-06-30", "--json"])
    const rows = JSON.parse(evaluated.out) as Array<{ regionCode: string; policy: { id: string } }>
    const changsha = rows.filter((r) => r.regionCode.startsWith("430121"))
    expect(changsha.length).toBeGreaterThan(0)
    expect(new Set(changsha.map((r) => r.policy.id))).toEqual(new Set(["hunan-2018-30"]))
  })

  it('with "examples": true in the configuration, the sample plugins load and are marked as examples', async () => {
    const dir = tempDir()
    writeFileSync(join(dir, "liushou.config.json"), JSON.stringify({ examples: true }))
    const plugins = await cli(dir, "plugins", ["--lang", "en", "--config", join(dir, "liushou.config.json")])
    expect(plugins.code).toBe(0)
    expect(plugins.out).toMatch(/changsha-county-2019.*example/)
    expect(plugins.out).toMatch(/three-tier-province-2022.*example/)
  })
})

const ROOT = join(import.meta.dirname, "..", "..", "..")

/** A county ledger as a clerk fills it in: the template's header and example row, then real rows written the way people write them. */
const countyCsv = (dir: string, rows: ReadonlyArray<Record<string, string>>): string => {
  const lines = readFileSync(join(dir, "template.csv"), "utf8").replace(/^\uFEFF/, "").trim().split(/\r?\n/)
  const header = lines[0]!.split(",")
  const example = lines[1]!.split(",")
  const out = [lines[0]!, lines[1]!]
  for (const r of rows) out.push(header.map((h, i) => r[h] ?? (h.startsWith("子女") && h.endsWith("编号") && (example[i] ?? "") !== "" ? `${r["编号"]}-${h.slice(2, 3)}` : (example[i] ?? ""))).join(","))
  writeFileSync(join(dir, "台账.csv"), "\uFEFF" + out.join("\n") + "\n")
  return "台账.csv"
}

describe("CLI: defaults a county user can rely on", () => {
  it("speaks Chinese by default, headers included, and English with --lang en; any other --lang is a usage error", async () => {
    const dir = tempDir()
    const zh = await cli(dir, "plugins", [])
    expect(zh.out.split("\n")[0]).toMatch(/^插件\s+版本\s+文件\s+区划\s+有效期\s+继承\s+风险等级\s+来源$/)
    expect(zh.out).toContain("配置文件：")
    expect(zh.out).not.toMatch(/\b(parameters|configuration|version|document)\b/)
    const en = await cli(dir, "plugins", ["--lang", "en"])
    expect(en.out.split("\n")[0]).toMatch(/^id\s+version\s+document\s+region\s+in force/)
    expect(en.out).not.toMatch(/配置文件|参数/)
    const bad = await cli(dir, "plugins", ["--lang", "fr"])
    expect(bad.code).toBe(2)
    expect(bad.err).toContain("--lang 只能是 zh 或 en")
    expect(bad.err).toContain("用法：liushou plugins")
  })

  it("help and usage errors speak the same language as the output: Chinese by default, English with --lang en", async () => {
    const dir = tempDir()
    for (const command of COMMANDS) {
      expect(command.summary.zh, command.name).toMatch(/[\u4e00-\u9fff]/)
      expect(command.summary.en, command.name).toMatch(/^[A-Z]/)
      const zh = await cli(dir, command.name, ["--help"])
      expect(zh.code).toBe(0)
      expect(zh.out.startsWith(command.summary.zh)).toBe(true)
      expect(zh.out).toContain(`用法：liushou ${command.name}`)
      const en = await cli(dir, command.name, ["--help", "--lang", "en"])
      expect(en.out.startsWith(command.summary.en)).toBe(true)
      expect(en.out).toContain(`usage: liushou ${command.name}`)
    }
    const zhDate = await cli(dir, "evaluate", ["--input", "x.json", "--as-of", "2021-02-30"])
    expect(zhDate.code).toBe(2)
    expect(zhDate.err).toContain('--as-of 应为日历日期 YYYY-MM-DD，收到 "2021-02-30"')
    const enDate = await cli(dir, "evaluate", ["--input", "x.json", "--as-of", "2021-02-30", "--lang", "en"])
    expect(enDate.err).toContain('--as-of must be a calendar date YYYY-MM-DD, got "2021-02-30"')
    const missing = await cli(dir, "evaluate", ["--as-of", "2021-06-30"])
    expect(missing.err).toContain("缺少必需的参数 --input")
    const unknown = await cli(dir, "evaluate", ["--bogus"])
    expect(unknown.code).toBe(2)
    expect(unknown.err).toMatch(/^liushou evaluate: 命令行参数有误（.*--bogus.*）/)
  })

  it("liushou --help lists every command in Chinese by default and in English with --lang en", () => {
    const run = (args: ReadonlyArray<string>) =>
      spawnSync(process.execPath, ["--import", "tsx", "--conditions=@liushou/source", "examples/host/src/bin.ts", ...args], { cwd: ROOT, encoding: "utf8" })
    const zh = run(["--help"])
    expect(zh.status).toBe(0)
    expect(zh.stdout).toMatch(/^命令\s+作用$/m)
    for (const c of COMMANDS) expect(zh.stdout).toContain(c.summary.zh)
    const en = run(["--help", "--lang", "en"])
    expect(en.stdout).toMatch(/^command\s+what it does$/m)
    const unknown = run(["nosuch"])
    expect(unknown.status).toBe(2)
    expect(unknown.stderr).toContain('liushou：没有命令 "nosuch"')
  })

  it("resolves relative paths against the directory the user ran pnpm from (INIT_CWD), not the workspace root", async () => {
    const dir = tempDir()
    const { spawnSync } = await import("node:child_process")
    const r = spawnSync(process.execPath, ["--import", "tsx", "--conditions=@liushou/source", "examples/host/src/bin.ts", "template", "--out", "从这里.csv"], {
      cwd: ROOT,
      env: { ...process.env, INIT_CWD: dir, npm_lifecycle_event: "liushou" },
      encoding: "utf8"
    })
    expect(r.status).toBe(0)
    expect(r.stdout).toContain(join(dir, "从这里.csv"))
    expect(readFileSync(join(dir, "从这里.csv"), "utf8")).toContain("编号,姓名")
  })

  it("import counts warnings and normalised cells, maps risk level names to ids and refuses a level the plugin does not have", async () => {
    const dir = tempDir()
    await cli(dir, "template", ["--out", "template.csv"])
    const file = countyCsv(dir, [
      { 编号: "CSX-0001", 姓名: "刘秀英", 身份证号: "", 性别: "女", 出生日期: "1952年3月5日", 年收入: "5200元", 风险等级: "中风险" },
      { 编号: "CSX-0002", 姓名: "王德福", 身份证号: "", 性别: "男", 出生日期: "1948-11-02", 年收入: "3600", 风险等级: "high" },
      { 编号: "CSX-0003", 姓名: "陈桂兰", 身份证号: "", 性别: "女", 出生日期: "1950-07-19", 年收入: "４８００", 风险等级: "severe" }
    ])
    const r = await cli(dir, "import", ["--input", file, "--db", "county.db"])
    expect(r.code).toBe(1)
    expect(r.out).toContain("新增 2")
    expect(r.out).toMatch(/台账 3 行：错误 1 处（相关行未导入，已作为拒收记录保存），警告 1 处，规范化的单元格 [3-9] 个/)
    expect(r.err).toContain("注意：工作表“台账.csv”第2行“编号”列")
    expect(r.err).toMatch(/第5行“风险等级”列.*应为hunan-2018-30@\d+\.\d+\.\d+ 的风险等级 low.*medium.*high.* 之一，实际为 "severe"/)
    const en = await cli(dir, "import", ["--input", file, "--db", "county.db", "--lang", "en"])
    expect(en.out).toMatch(/ledger: 3 rows: 1 errors \(those rows were not imported and are kept as rejected records\), 1 warnings, [3-9] cells normalised/)
    // the name 中风险 was stored as the id: the assessment accepts it
    const a = await cli(dir, "assess", ["--as-of", "2021-06-30", "--db", "county.db"])
    expect(a.code).toBe(0)
    expect(a.out).toContain("评估 2，")
  })

  it("report and visits without a date use the latest assessment run's date and say so; with no run they say what to do", async () => {
    const dir = tempDir()
    await cli(dir, "template", ["--out", "template.csv"])
    const file = countyCsv(dir, [{ 编号: "CSX-0001", 姓名: "刘秀英", 身份证号: "", 性别: "女", 出生日期: "1952-03-05" }])
    expect((await cli(dir, "import", ["--input", file, "--db", "county.db"])).code).toBe(0)
    const none = await cli(dir, "visits", ["--db", "county.db"])
    expect(none.code).toBe(2)
    expect(none.err).toContain("台账中还没有评估批次：请先运行 liushou assess --as-of 日期")
    expect((await cli(dir, "assess", ["--as-of", "2021-06-30", "--db", "county.db"])).code).toBe(0)
    const v = await cli(dir, "visits", ["--db", "county.db"])
    expect(v.code).toBe(0)
    expect(v.out.split("\n")[0]).toBe("未指定 --due-by：使用最近一次评估批次的日期 2021-06-30")
    expect(v.out).toMatch(/区划\s+老人编号\s+姓名\s+应探访日期\s+状态/)
    expect(v.out).toContain("截至 2021-06-30 应探访")
    const r = await cli(dir, "report", ["--region", "430121", "--db", "county.db", "--out", "报告.html"])
    expect(r.code).toBe(0)
    expect(r.out).toContain("未指定 --as-of：使用最近一次评估批次的日期 2021-06-30")
    expect(r.out).toContain("长沙县（430121） 截至 2021-06-30")
    expect(r.out).toContain("评估批次 2021-06-30@all")
    const html = readFileSync(join(dir, "报告.html"), "utf8")
    const headings = [...html.matchAll(/<h[1-4][^>]*>(.*?)<\/h[1-4]>/g)].map((m) => m[1]!)
    expect(headings.length).toBeGreaterThan(8)
    expect(new Set(headings).size).toBe(headings.length)
    expect(headings[0]).toBe("长沙县农村留守老年人关爱服务情况报告")
    const header = html.slice(html.indexOf("<header>"), html.indexOf("</header>")).replace(/<[^>]+>/g, " ")
    // identifiers (policy keys, run ids) aside, no English words in the Chinese header
    expect(header.replace(/[a-z0-9-]+@[\w.-]+/g, "")).not.toMatch(/[A-Za-z]{3,}/)
    const tiles = [...html.matchAll(/<div class="kpi[^"]*"><div class="k">(.*?)<\/div>/g)].map((m) => m[1]!)
    expect(new Set(tiles).size).toBe(tiles.length)
  })

  it("--user is taken by every command that writes, and checked against the configured users", async () => {
    const dir = tempDir()
    writeFileSync(
      join(dir, "liushou.config.json"),
      JSON.stringify({ database: "county.db", users: [{ name: "li-officer", role: "officer", region: "430121", token: "tok-officer-0000000001" }, { name: "zhao-viewer", role: "viewer", region: "430121", token: "tok-viewer-00000000001" }] })
    )
    await cli(dir, "template", ["--out", "template.csv"])
    const file = countyCsv(dir, [{ 编号: "CSX-0001", 姓名: "刘秀英", 身份证号: "", 性别: "女", 出生日期: "1952-03-05" }])
    const anonymous = await cli(dir, "import", ["--input", file])
    expect(anonymous.code).toBe(2)
    expect(anonymous.err).toContain("--user")
    expect((await cli(dir, "import", ["--input", file, "--user", "zhao-viewer"])).code).toBe(2)
    expect((await cli(dir, "import", ["--input", file, "--actor", "someone"])).code).toBe(2)
    expect((await cli(dir, "import", ["--input", file, "--user", "li-officer"])).code).toBe(0)
    expect((await cli(dir, "assess", ["--as-of", "2021-06-30", "--user", "zhao-viewer"])).code).toBe(2)
    expect((await cli(dir, "assess", ["--as-of", "2021-06-30", "--user", "li-officer"])).code).toBe(0)
    expect((await cli(dir, "visits", ["--user", "zhao-viewer"])).code).toBe(0)
    expect((await cli(dir, "assign", ["--elder", "CSX-0001", "--role", "responsible-visitor", "--person", "v-1", "--kind", "village-cadre", "--from", "2021-01-01", "--user", "li-officer"])).code).toBe(0)
    expect((await cli(dir, "report", ["--region", "430121", "--out", "r.html", "--user", "li-officer"])).code).toBe(0)
    const { openLedger } = await import("../src/db.js")
    const opened = await openLedger(join(dir, "county.db"), dir)
    try {
      const actors = new Set((await opened.ledger.auditLog({})).map((a) => `${a.action}:${a.actor}`))
      expect([...actors]).toEqual(expect.arrayContaining(["import:li-officer", "assess:li-officer", "assignment.add:li-officer"]))
    } finally {
      await opened.close()
    }
  })
})
