/**
 * Every TypeScript block of README.md, docs/ and the packages' READMEs typechecks as written, against
 * the packages' sources; the shell blocks marked safe run.
 *
 * A block that is a fragment of a longer example says what it assumes in an HTML comment right above
 * it, which the rendered page does not show:
 *
 *     <!-- snippet-prelude
 *     declare const caseFile: CaseFile.CaseFile
 *     -->
 *
 * `<!-- snippet-path src/index.ts -->` above a block writes it at that path (so that a later block of
 * the same page can `import … from "../src/index.js"`), and `<!-- snippet-file PATH … -->` anywhere
 * writes a module the page's blocks import. Other blocks are written as `test/block-N.ts`. A shell
 * block preceded by `<!-- snippet-run -->` is run line by line from the repository root.
 */
import { spawnSync } from "node:child_process"
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs"
import { dirname, join, relative } from "node:path"
import { fileURLToPath } from "node:url"
import { describe, expect, it } from "vitest"

const root = join(dirname(fileURLToPath(import.meta.url)), "..")
const work = join(root, "node_modules", ".cache", "liushou-snippets")

const markdownFiles = (): ReadonlyArray<string> => {
  const found = ["README.md"]
  const walk = (dir: string) => {
    for (const entry of readdirSync(join(root, dir), { withFileTypes: true })) {
      if (entry.isDirectory()) walk(join(dir, entry.name))
      else if (entry.name.endsWith(".md")) found.push(join(dir, entry.name))
    }
  }
  walk("docs")
  for (const p of readdirSync(join(root, "packages"))) {
    try {
      readFileSync(join(root, "packages", p, "README.md"))
      found.push(join("packages", p, "README.md"))
    } catch {
      // a package without a README is caught by the consumer test
    }
  }
  return found
}

interface Block {
  readonly doc: string
  readonly line: number
  readonly lang: "ts" | "sh"
  readonly code: string
  readonly prelude: string
  readonly path: string | null
  readonly run: boolean
}

interface Page {
  readonly doc: string
  readonly blocks: ReadonlyArray<Block>
  readonly files: ReadonlyArray<{ readonly path: string; readonly content: string }>
}

const parse = (doc: string): Page => {
  const lines = readFileSync(join(root, doc), "utf8").split("\n")
  const blocks: Array<Block> = []
  const files: Array<{ path: string; content: string }> = []
  let prelude = ""
  let path: string | null = null
  let run = false
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!
    const directive = /^<!--\s*snippet-(prelude|path|file|run)\b\s*(.*)$/.exec(line)
    if (directive !== null) {
      const [, kind, rest] = directive as unknown as [string, string, string]
      const body: Array<string> = []
      let head = rest
      if (head.includes("-->")) head = head.slice(0, head.indexOf("-->"))
      else {
        while (++i < lines.length && !lines[i]!.includes("-->")) body.push(lines[i]!)
      }
      if (kind === "prelude") prelude = body.join("\n")
      else if (kind === "path") path = head.trim()
      else if (kind === "run") run = true
      else files.push({ path: head.trim(), content: body.join("\n") })
      continue
    }
    const fence = /^```(\w+)\s*$/.exec(line)
    if (fence !== null) {
      const lang = fence[1]!
      const start = i + 1
      const code: Array<string> = []
      while (++i < lines.length && lines[i] !== "```") code.push(lines[i]!)
      if (lang === "ts" || lang === "typescript") blocks.push({ doc, line: start, lang: "ts", code: code.join("\n"), prelude, path, run: false })
      else if (lang === "sh" || lang === "bash" || lang === "shell") blocks.push({ doc, line: start, lang: "sh", code: code.join("\n"), prelude: "", path: null, run })
      prelude = ""
      path = null
      run = false
      continue
    }
    if (line.trim() !== "") {
      prelude = ""
      path = null
      run = false
    }
  }
  return { doc, blocks, files }
}

const pages = markdownFiles().map(parse)
const tsBlocks = pages.flatMap((p) => p.blocks.filter((b) => b.lang === "ts"))

/** where a page's files go */
const pageDir = (doc: string) => join(work, doc.replace(/[^A-Za-z0-9]+/g, "-"))

const storageModules = join(root, "packages", "storage", "node_modules")
const sources = (name: string, entry = "index") => [join(root, "packages", name, "src", `${entry}.ts`)]

describe("documentation snippets", () => {
  it("finds the TypeScript blocks of README.md and docs/", () => {
    expect(tsBlocks.filter((b) => b.doc === "README.md").length).toBeGreaterThanOrEqual(1)
    expect(tsBlocks.length).toBeGreaterThanOrEqual(10)
  })

  it("every TypeScript block typechecks as written", () => {
    rmSync(work, { recursive: true, force: true })
    const written = new Map<string, Block>()
    for (const page of pages) {
      const dir = pageDir(page.doc)
      for (const f of page.files) {
        mkdirSync(dirname(join(dir, f.path)), { recursive: true })
        writeFileSync(join(dir, f.path), f.content + "\n")
      }
      page.blocks.forEach((b, n) => {
        if (b.lang !== "ts") return
        const file = join(dir, b.path ?? `test/block-${n + 1}.ts`)
        mkdirSync(dirname(file), { recursive: true })
        // the prelude goes first; `export {}` keeps every block a module of its own
        writeFileSync(file, `${b.prelude}\n${b.code}\nexport {}\n`)
        written.set(relative(work, file), b)
      })
    }
    writeFileSync(join(work, "package.json"), JSON.stringify({ type: "module", private: true }))
    writeFileSync(
      join(work, "tsconfig.json"),
      JSON.stringify({
        extends: join(root, "tsconfig.base.json"),
        compilerOptions: {
          noEmit: true,
          rootDir: root,
          module: "NodeNext",
          moduleResolution: "NodeNext",
          typeRoots: [join(root, "node_modules", "@types")],
          types: ["node"],
          // the published names, on the workspace's sources; the drivers of the storage package
          paths: {
            "@liushou/core": sources("core"),
            "@liushou/policy-national": sources("policy-national"),
            "@liushou/policy-hunan": sources("policy-hunan"),
            "@liushou/storage": sources("storage"),
            "@liushou/testkit": sources("testkit"),
            "@liushou/testkit/vitest": sources("testkit", "vitest"),
            kysely: [join(storageModules, "kysely", "dist", "esm", "index.d.ts")],
            pg: [join(storageModules, "@types", "pg", "index.d.ts")],
            "better-sqlite3": [join(storageModules, "@types", "better-sqlite3", "index.d.ts")]
          }
        },
        include: ["**/*.ts"]
      })
    )
    const tsc = spawnSync(process.execPath, [join(root, "node_modules", "typescript", "bin", "tsc"), "-p", join(work, "tsconfig.json")], {
      cwd: work,
      encoding: "utf8"
    })
    const problems = (tsc.stdout + tsc.stderr)
      .split("\n")
      .filter((l) => /error TS\d+/.test(l))
      .map((l) => {
        const file = l.slice(0, l.indexOf("("))
        const block = written.get(file)
        return block === undefined ? l : `${block.doc}:${block.line} (${file}): ${l.slice(l.indexOf("error"))}`
      })
    expect(problems).toEqual([])
    expect(tsc.status).toBe(0)
  }, 300_000)

  const runnable = pages.flatMap((p) => p.blocks.filter((b) => b.lang === "sh" && b.run))
  it("runs the shell blocks marked safe", () => {
    expect(runnable.length).toBeGreaterThanOrEqual(1)
    for (const block of runnable) {
      for (const command of block.code.split("\n").map((l) => l.replace(/\s+#.*$/, "").trim()).filter((l) => l !== "" && !l.startsWith("#"))) {
        const r = spawnSync("bash", ["-c", command], { cwd: root, encoding: "utf8", env: { ...process.env, FORCE_COLOR: "0" } })
        expect.soft(r.status, `${block.doc}:${block.line}: ${command}\n${r.stdout.slice(-2000)}\n${r.stderr.slice(-2000)}`).toBe(0)
      }
    }
  }, 600_000)
})

