/**
 * The core and the Hunan plugin run in a browser: bundled with esbuild, loaded in Chromium
 * (playwright-core, the system's /usr/bin/chromium; nothing is downloaded) from a local HTTP
 * server on 127.0.0.1, then evaluating case files with the network switched off. The browser's
 * decisions equal Node's, and the bundle stays within its gzip budget.
 */
import { readFileSync } from "node:fs"
import { createServer, type Server } from "node:http"
import type { AddressInfo } from "node:net"
import { dirname, join } from "node:path"
import { fileURLToPath } from "node:url"
import { chromium } from "playwright-core"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { bundle, type Bundle, GZIP_BUDGET } from "./browser/bundle.js"
import { evaluateText } from "./browser/entry.js"

const root = join(dirname(fileURLToPath(import.meta.url)), "..", "..", "..")
const sample = readFileSync(join(root, "examples", "data", "hunan-villages.json"), "utf8")
const invalid = readFileSync(join(root, "examples", "data", "invalid-cases.jsonl"), "utf8")

let built: Bundle
let server: Server
let origin: string
let browser: Awaited<ReturnType<typeof chromium.launch>>
const requests: Array<string> = []

beforeAll(async () => {
  built = await bundle()
  server = createServer((req, res) => {
    requests.push(req.url ?? "")
    if (req.url === "/") {
      res.writeHead(200, { "content-type": "text/html; charset=utf-8" })
      res.end(`<!doctype html><meta charset="utf-8"><title>liushou</title><script type="module" src="/liushou.js"></script>`)
    } else if (req.url === "/liushou.js") {
      res.writeHead(200, { "content-type": "text/javascript; charset=utf-8" })
      res.end(built.code)
    } else if (req.url === "/favicon.ico") {
      res.writeHead(204)
      res.end()
    } else {
      res.writeHead(404)
      res.end()
    }
  })
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve))
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  browser = await chromium.launch({ executablePath: "/usr/bin/chromium", args: ["--headless", "--no-sandbox", "--disable-gpu"] })
}, 120_000)

afterAll(async () => {
  await browser?.close()
  await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()))
})

describe("the core and the Hunan plugin in a browser", () => {
  it(`the evaluate-only bundle is within its gzip budget (${GZIP_BUDGET / 1024} KB)`, () => {
    expect(built.gzipBytes).toBeGreaterThan(10_000)
    expect(built.gzipBytes).toBeLessThanOrEqual(GZIP_BUDGET)
    // the bundle holds no Node built-ins
    expect(built.code).not.toMatch(/\bfrom\s*"node:|require\("(fs|path|crypto)"\)/)
  })

  it("evaluates case files offline in Chromium with the same decisions as Node", async () => {
    const context = await browser.newContext()
    const page = await context.newPage()
    const problems: Array<string> = []
    page.on("pageerror", (e) => problems.push(e.message))
    page.on("console", (m) => {
      if (m.type() === "error") problems.push(m.text())
    })
    await page.goto(`${origin}/`)
    await page.waitForFunction(() => (globalThis as { liushou?: unknown }).liushou !== undefined)
    await context.setOffline(true)
    const seen = requests.length

    const inBrowser = await page.evaluate(([text, asOf]) => (globalThis as any).liushou.evaluateText(text, asOf), [sample, "2019-06-30"] as const)
    const inNode = evaluateText(sample, "2019-06-30")
    expect(inBrowser.loadErrors).toBe(0)
    expect(inBrowser.evaluations.length).toBe(60)
    expect(inBrowser.evaluations.filter((e: { error?: string }) => e.error !== undefined)).toEqual([])
    expect(inBrowser.evaluations.some((e: { leftBehind: boolean | null }) => e.leftBehind === true)).toBe(true)
    expect(inBrowser.evaluations.some((e: { leftBehind: boolean | null }) => e.leftBehind === false)).toBe(true)
    expect(inBrowser).toEqual(JSON.parse(JSON.stringify(inNode)))

    // invalid case files get the same bilingual errors in the browser
    const rejected = await page.evaluate(([text, asOf]) => (globalThis as any).liushou.evaluateText(text, asOf), [invalid, "2019-06-30"] as const)
    // (JSON.parse's own message differs between V8 versions: Chromium adds the line and column)
    const plain = (r: { errors: ReadonlyArray<string> }) => ({ ...r, errors: r.errors.map((e) => e.replace(/(expected valid JSON, found ).*/, "$1…")) })
    expect(rejected.errors.length).toBeGreaterThan(0)
    expect(plain(rejected)).toEqual(plain(JSON.parse(JSON.stringify(evaluateText(invalid, "2019-06-30")))))

    expect(requests.length).toBe(seen)
    expect(problems).toEqual([])
    await context.close()
  }, 120_000)
})
