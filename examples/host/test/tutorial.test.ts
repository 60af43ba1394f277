// docs/writing-a-policy-plugin.md, walked through: its files are written to a folder outside the
// workspace (next to a link to this checkout, as the tutorial's `../liushou`), then installed,
// typechecked, tested with the law pack, and loaded by the CLI through liushou.config.json.
import { execFileSync } from "node:child_process"
import { mkdirSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from "node:fs"
import { tmpdir } from "node:os"
import { dirname, join } from "node:path"
import { describe, expect, it } from "vitest"

const ROOT = join(import.meta.dirname, "..", "..", "..")
const TUTORIAL = readFileSync(join(ROOT, "docs", "writing-a-policy-plugin.md"), "utf8")

/** The files the tutorial gives: each code block right after a `<!-- file: path -->` line. */
export const tutorialFiles = (markdown: string): ReadonlyMap<string, string> =>
  new Map([...markdown.matchAll(/<!-- file: (\S+) -->\n(?:<!--[^\n]*-->\n)*```\w*\n([\s\S]*?)\n```/g)].map((m) => [m[1]!, `${m[2]!}\n`]))

// a clean environment for the nested tools: no vitest worker state, no CI-only reporters
const env = { ...Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith("VITEST") && k !== "NODE_OPTIONS" && k !== "TEST" && k !== "FORCE_COLOR")), NO_COLOR: "1" }
const run = (cwd: string, args: ReadonlyArray<string>, timeout = 300_000): string => {
  try {
    return execFileSync("pnpm", args, { cwd, env, encoding: "utf8", timeout, stdio: ["ignore", "pipe", "pipe"] })
  } catch (e) {
    const err = e as { stdout?: string; stderr?: string; message: string }
    throw new Error(`pnpm ${args.join(" ")} failed in ${cwd}:\n${err.stdout ?? ""}\n${err.stderr ?? ""}\n${err.message}`)
  }
}

describe("the plugin tutorial, from an empty folder outside the repository", () => {
  const files = tutorialFiles(TUTORIAL)
  const base = mkdtempSync(join(tmpdir(), "liushou-tutorial-"))
  symlinkSync(ROOT, join(base, "liushou"))
  const dir = join(base, "my-province")

  it("gives every file of the folder it lists", () => {
    expect([...files.keys()].sort()).toEqual(["liushou.config.json", "package.json", "src/index.ts", "test/laws.test.ts", "test/province.test.ts", "tsconfig.json", "vitest.config.ts"])
    for (const [path, text] of files) {
      mkdirSync(dirname(join(dir, path)), { recursive: true })
      writeFileSync(join(dir, path), text)
    }
  })

  it("installs, typechecks without a build, and passes its tests and the law pack", () => {
    run(dir, ["install", "--prefer-offline"])
    run(dir, ["typecheck"])
    // the verbose reporter lists every test, not only the slow ones, so the law pack's names are there
    const out = run(dir, ["test", "--reporter=verbose"]).replace(/\u001b\[[0-9;]*m/g, "")
    expect(out).toMatch(/Tests\s+\d+ passed/)
    expect(out).toContain("eligibility.consistent")
  }, 900_000)

  it("is loaded by the CLI through liushou.config.json, with its source and vocabularies", () => {
    const out = run(base, ["--silent", "--dir", "liushou", "liushou", "plugins", "--json", "--config", join(dir, "liushou.config.json")])
    const rows = JSON.parse(out) as Array<{ id: string; source: string; vocabularies: { programs: Array<{ id: string }>; followUpSteps: Array<{ id: string }> } }>
    const mine = rows.find((r) => r.id === "my-province-2024")!
    expect(mine.source).toBe("./src/index.ts")
    expect(mine.vocabularies.programs.map((p) => p.id)).toContain("mutual-aid-care")
    expect(mine.vocabularies.followUpSteps.map((s) => s.id)).toContain("township-interview")
  }, 300_000)
})
