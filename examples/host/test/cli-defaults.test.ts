import { readFileSync } from "node:fs"
import { join } from "node:path"
import { describe, expect, it } from "vitest"
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
    const imported = await cli(dir, "import", ["--input", "ledger.csv", "--db", "ledger.db"])
    expect(imported.code).toBe(0)
    expect(imported.out).toContain("0 stored, 0 updated, 0 unchanged, 0 rejected")
    // .xlsx stays the default layout; another extension is a usage error
    expect((await cli(dir, "template", ["--out", "ledger.xlsx"])).code).toBe(0)
    expect(readFileSync(join(dir, "ledger.xlsx")).subarray(0, 2).toString()).toBe("PK")
    const bad = await cli(dir, "template", ["--out", "ledger.txt"])
    expect(bad.code).toBe(2)
    expect(bad.err).toContain("--out must end in .xlsx or .csv")
  })

  it("a wrong database password is one line naming the cause, with the password masked, and no usage text", async () => {
    const url = new URL(PG_URL)
    url.password = "not-the-password-x9"
    const r = await cli(tempDir(), "assess", ["--as-of", "2021-06-30", "--db", url.toString()])
    expect(r.code).toBe(1)
    expect(r.err.split("\n")).toHaveLength(1)
    expect(r.err).toMatch(/cannot open the ledger at postgres:\/\/postgres:\*\*\*@.*password authentication failed/)
    expect(r.err).toContain("无法打开台账")
    expect(r.err).not.toContain("not-the-password-x9")
    expect(r.err).not.toContain("usage:")
  })
})
