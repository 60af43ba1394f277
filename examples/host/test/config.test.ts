import { readFileSync, writeFileSync } from "node:fs"
import { join } from "node:path"
import { syntheticPopulation } from "@liushou/testkit"
import { describe, expect, it } from "vitest"
import { jsonSchema, loadConfig } from "../src/config/Config.js"
import { loadRegistry } from "../src/config/Plugins.js"
import { cli, tempDir } from "./host-support.js"

const write = (dir: string, name: string, value: unknown): string => {
  const p = join(dir, name)
  writeFileSync(p, typeof value === "string" ? value : JSON.stringify(value, null, 2))
  return p
}

const override = (parameters: unknown, extra: Record<string, unknown> = {}) => ({
  id: "liuyang-2021",
  version: "1.0.0",
  extends: { id: "hunan-2018-30", version: "^1.0.0" },
  region: "430181",
  document: { number: "浏民发〔2021〕3号", title: { zh: "浏阳市探访实施细则", en: "Liuyang visit rules" } },
  effectiveFrom: "2021-01-01",
  effectiveUntil: "2023-08-02",
  parameters,
  ...extra
})

describe("configuration", () => {
  it("docs/schema/liushou-config.schema.json is generated from the Schema and up to date", () => {
    const file = join(import.meta.dirname, "..", "..", "..", "docs", "schema", "liushou-config.schema.json")
    expect(JSON.parse(readFileSync(file, "utf8"))).toEqual(JSON.parse(JSON.stringify(jsonSchema())))
  })

  it("names the path of a bad field", async () => {
    const dir = tempDir()
    write(dir, "liushou.config.json", { users: [{ name: "a", role: "mayor", region: "43%" }], plugins: "x" })
    await expect(loadConfig(undefined, dir)).rejects.toThrow(/users\.0\.role.*|plugins/)
    const r = await cli(dir, "plugins", ["--lang", "en"])
    expect(r.code).toBe(2)
    expect(r.err).toContain("users.0.region")
    expect(r.err).toContain("users.0.role")
  })

  it("without a file, the built-ins are used", async () => {
    const dir = tempDir()
    const loaded = await loadConfig(undefined, dir)
    expect(loaded.file).toBeNull()
    const host = await loadRegistry(loaded)
    expect(host.registry.policies.map((p) => p.plugin.id)).toContain("hunan-2018-30")
    expect(host.refused).toEqual([])
  })

  it("a JSON override becomes a plugin with parameters only, and the engine uses its values", async () => {
    const dir = tempDir()
    write(dir, "liuyang.json", override([{ id: "hunan.visits.intervalDays", clause: "4", values: [{ from: "2021-01-01", value: { low: 60, medium: 14, high: 3 } }] }]))
    const config = write(dir, "liushou.config.json", { overrides: ["./liuyang.json"] })
    const r = await cli(dir, "plugins", ["--lang", "en", "--config", config])
    expect(r.err).toBe("")
    expect(r.code).toBe(0)
    expect(r.out).toMatch(/liuyang-2021\s+1\.0\.0\s+浏民发〔2021〕3号\s+430181.*\.\/liuyang\.json/)
    const cases = syntheticPopulation(40, { region: "430181", seed: 3, asOf: "2021-06-30" })
    write(dir, "cases.json", cases)
    const e = await cli(dir, "evaluate", ["--lang", "en", "--input", "cases.json", "--as-of", "2021-06-30", "--json"])
    const evaluations = JSON.parse(e.out) as Array<{ policy: { id: string }; visits?: { intervalDays: number | null }; risk?: { level: string | null }; provenance: { parameters: Array<{ id: string; source: string }> } }>
    expect(evaluations.every((x) => x.policy.id === "liuyang-2021")).toBe(true)
    const graded = evaluations.filter((x) => x.risk?.level === "high" && x.visits?.intervalDays !== null)
    for (const g of graded) expect(g.visits!.intervalDays).toBe(3)
    expect(evaluations[0]!.provenance.parameters.find((p) => p.id === "hunan.visits.intervalDays")?.source).toBe("liuyang-2021@1.0.0")
  })

  it("refuses overrides of law, unknown parameters and values of another type, naming the source", async () => {
    const dir = tempDir()
    write(dir, "law.json", override([{ id: "hunan.assistance.healthManagementMinAge", values: [{ from: "2021-01-01", value: 70 }] }]))
    write(dir, "unknown.json", override([{ id: "hunan.visits.nope", values: [{ from: "2021-01-01", value: 1 }] }], { id: "liuyang-b" }))
    write(dir, "type.json", override([{ id: "hunan.visits.intervalDays", values: [{ from: "2021-01-01", value: "weekly" }] }], { id: "liuyang-c" }))
    write(dir, "shape.json", { id: "x" })
    write(dir, "liushou.config.json", { overrides: ["law.json", "unknown.json", "type.json", "shape.json", "missing.json"], plugins: ["./nowhere.js", "@liushou/example-three-tier-province"] })
    const r = await cli(dir, "plugins", ["--lang", "en"])
    expect(r.code).toBe(1)
    expect(r.err).toContain("fixed by law")
    expect(r.err).toContain("is not a parameter of hunan-2018-30")
    expect(r.err).toContain("expected a object value like the parent's, found string")
    expect(r.err).toMatch(/shape\.json.*version/s)
    expect(r.err).toContain("missing.json")
    expect(r.err).toContain("./nowhere.js")
    // one language at a time: Chinese by default
    const zh = await cli(dir, "plugins", [])
    expect(zh.err).toMatch(/^已拒绝：.*law\.json.*法/m)
    expect(zh.err).not.toContain("refused:")
  })

  it("a plugin refused by the loader is reported with its check", async () => {
    const dir = tempDir()
    write(dir, "clash.json", override([], { id: "changsha-clash", region: "430121", effectiveFrom: "2019-01-01" }))
    write(dir, "liushou.config.json", { examples: true, overrides: ["clash.json"] })
    const r = await cli(dir, "plugins", ["--lang", "en", "--json"])
    expect(r.code).toBe(1)
    expect(JSON.parse(r.out).map((p: { id: string }) => p.id)).not.toContain("changsha-clash")
    expect(r.err).toContain("[overlapping-validity] from clash.json")
  })
})

describe("evaluate keeps its contract", () => {
  it("--json prints one JSON array on stdout, invalid cases on stderr, exit 1 when some are rejected, 2 on usage errors", async () => {
    const dir = tempDir()
    const cases = syntheticPopulation(5, { region: "430121", seed: 1, asOf: "2021-06-30" }) as Array<unknown>
    write(dir, "cases.json", [...cases, { elder: { id: "bad" } }])
    const r = await cli(dir, "evaluate", ["--lang", "en", "--input", "cases.json", "--as-of", "2021-06-30", "--json"])
    expect(r.code).toBe(1)
    expect(JSON.parse(r.out)).toHaveLength(5)
    expect(r.err).toContain("elder.id=bad")
    write(dir, "good.json", cases)
    expect((await cli(dir, "evaluate", ["--lang", "en", "--input", "good.json", "--as-of", "2021-06-30", "--json"])).code).toBe(0)
    expect((await cli(dir, "evaluate", ["--lang", "en", "--input", "good.json", "--as-of", "2021-02-30"])).code).toBe(2)
  })
})

describe("the example configuration", () => {
  it("loads every plugin and override with no refusal", async () => {
    const file = join(import.meta.dirname, "..", "config", "liushou.config.example.json")
    const host = await loadRegistry(await loadConfig(file, "/"))
    expect(host.refused).toEqual([])
    expect(host.registry.policies.map((p) => p.plugin.id)).toContain("liuyang-visits-2021")
  })
})
