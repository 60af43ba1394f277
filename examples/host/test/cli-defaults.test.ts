import { readFileSync, writeFileSync } from "node:fs"
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

describe("CLI: example plugins load only when asked for", () => {
  it("without a configuration, a Changsha County (430121) elder is governed by Hunan's plugin, not the sample county", async () => {
    const dir = tempDir()
    const plugins = await cli(dir, "plugins", [])
    expect(plugins.code).toBe(0)
    expect(plugins.out).toContain("hunan-2018-30")
    expect(plugins.out).not.toContain("changsha-county-2019")
    expect(plugins.out).not.toContain("three-tier-province")
    const input = join(import.meta.dirname, "..", "..", "data", "hunan-villages.json")
    const evaluated = await cli(dir, "evaluate", ["--input", input, "--as-of", "2019-06-30", "--json"])
    const rows = JSON.parse(evaluated.out) as Array<{ regionCode: string; policy: { id: string } }>
    const changsha = rows.filter((r) => r.regionCode.startsWith("430121"))
    expect(changsha.length).toBeGreaterThan(0)
    expect(new Set(changsha.map((r) => r.policy.id))).toEqual(new Set(["hunan-2018-30"]))
  })

  it('with "examples": true in the configuration, the sample plugins load and are marked as examples', async () => {
    const dir = tempDir()
    writeFileSync(join(dir, "liushou.config.json"), JSON.stringify({ examples: true }))
    const plugins = await cli(dir, "plugins", ["--config", join(dir, "liushou.config.json")])
    expect(plugins.code).toBe(0)
    expect(plugins.out).toMatch(/changsha-county-2019.*example/)
    expect(plugins.out).toMatch(/three-tier-province-2022.*example/)
  })
})
