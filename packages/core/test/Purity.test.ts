import { readdirSync, readFileSync } from "node:fs"
import { join } from "node:path"
import { describe, expect, it } from "vitest"

// Core is pure: no I/O, no clock, no randomness, no global state. This guard reads its sources.
const SRC = new URL("../src/", import.meta.url).pathname
const files = (dir: string): Array<string> =>
  readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? files(join(dir, e.name)) : e.name.endsWith(".ts") ? [join(dir, e.name)] : []))

const FORBIDDEN: ReadonlyArray<[RegExp, string]> = [
  [/from\s+["']node:/, "a Node built-in import"],
  [/from\s+["'](fs|path|os|child_process|net|http|https|crypto|worker_threads)["']/, "a Node built-in import"],
  [/\bDate\.now\s*\(/, "the clock (Date.now)"],
  [/\bnew Date\s*\(/, "the clock (new Date)"],
  [/\bperformance\.now\s*\(/, "the clock (performance.now)"],
  [/\bMath\.random\s*\(/, "randomness (Math.random)"],
  [/\bprocess\./, "the process (environment, I/O)"],
  [/\bconsole\./, "logging"],
  [/\bfetch\s*\(/, "network I/O"],
  [/\bglobalThis\b/, "global state"]
]

describe("core purity", () => {
  const sources = files(SRC)
  it("has sources to check", () => expect(sources.length).toBeGreaterThan(10))
  for (const file of sources) {
    it(`${file.slice(SRC.length)} uses no I/O, clock, randomness or global state`, () => {
      const text = readFileSync(file, "utf8")
        .replace(/\/\*[\s\S]*?\*\//g, "")
        .replace(/\/\/.*$/gm, "")
      for (const [re, what] of FORBIDDEN) expect(re.test(text), `${what} in ${file}`).toBe(false)
    })
  }
})
