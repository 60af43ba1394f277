import { Writable } from "node:stream"
import { describe, expect, it } from "vitest"
import * as Progress from "../src/progress.js"

describe("progress", () => {
  it("writes plain periodic lines with counts and rate when not on a terminal", () => {
    const lines: Array<string> = []
    let now = 0
    const p = Progress.start({ label: "import", lang: "en", total: 10_000, isTTY: false, write: (l) => void lines.push(l), intervalMs: 1000, now: () => now })
    for (let i = 1; i <= 10; i++) {
      now += 400
      p.update(i * 1000, { stored: i * 1000, rejected: i })
    }
    p.stop()
    expect(lines).toEqual([
      "import: 3,000/10,000 (30%), 2,500/s, stored 3,000, rejected 3",
      "import: 6,000/10,000 (60%), 2,500/s, stored 6,000, rejected 6",
      "import: 9,000/10,000 (90%), 2,500/s, stored 9,000, rejected 9",
      "import: 10,000/10,000 (100%), 2,500/s, stored 10,000, rejected 10, done"
    ])
  })
  it("counts only the work done since it started in the rate (a resumed run starts part done)", () => {
    const lines: Array<string> = []
    let now = 0
    const p = Progress.start({ label: "assess", lang: "en", total: 10_000, initial: 6_000, isTTY: false, write: (l) => void lines.push(l), intervalMs: 1000, now: () => now })
    now += 1000
    p.update(6_500)
    now += 1000
    p.update(7_000)
    p.stop()
    expect(lines).toEqual(["assess: 6,500/10,000 (65%), 500/s", "assess: 7,000/10,000 (70%), 500/s", "assess: 7,000/10,000 (70%), 500/s, done"])
  })
  it("speaks Chinese by default: the counts' names, the rate and the last line", () => {
    const lines: Array<string> = []
    let now = 0
    const p = Progress.start({ label: "导入", total: 2_000, isTTY: false, write: (l) => void lines.push(l), intervalMs: 1000, now: () => now })
    now += 1000
    p.update(1000, { stored: 990, updated: 0, unchanged: 0, rejected: 10 })
    now += 1000
    p.update(2000, { evaluated: 1990, skipped: 0, failed: 10 })
    p.stop()
    expect(lines).toEqual([
      "导入：1,000/2,000（50%），每秒 1,000 条，新增 990，更新 0，未变 0，拒收 10",
      "导入：2,000/2,000（100%），每秒 1,000 条，评估 1,990，此前已评估 0，无适用政策 10",
      "导入：2,000/2,000（100%），每秒 1,000 条，评估 1,990，此前已评估 0，无适用政策 10，完成"
    ])
    expect(lines.join("\n")).not.toMatch(/[A-Za-z]/)
    expect([Progress.zhDuration(42), Progress.zhDuration(125), Progress.zhDuration(3725), Progress.zhDuration(Infinity)]).toEqual(["42 秒", "2 分 5 秒", "1 小时 2 分", "—"])
  })
  it("draws a bar with counts on a terminal stream", () => {
    let text = ""
    const stream = new Writable({ write: (chunk, _e, cb) => ((text += String(chunk)), cb()) }) as unknown as NodeJS.WritableStream & { isTTY: boolean; columns: number; cursorTo: () => boolean; clearLine: () => boolean; moveCursor: () => boolean }
    Object.assign(stream, { isTTY: true, columns: 200, cursorTo: () => true, clearLine: () => true, moveCursor: () => true })
    const p = Progress.start({ label: "assess", lang: "en", total: 100, isTTY: true, write: () => undefined, stream })
    p.update(50, { failed: 0 })
    p.stop()
    expect(text).toMatch(/assess .*50% \| 50\/100 \| [\d,]+\/s \| failed 0/)
  })
  it("a first Ctrl-C aborts the signal so work stops between batches; the work sees it", async () => {
    const messages: Array<string> = []
    const result = await Progress.interruptible(async (signal) => {
      process.emit("SIGINT")
      return signal.aborted
    }, (m) => void messages.push(m))
    expect(result).toBe(true)
    expect(messages[0]).toContain("Ctrl-C")
    expect(process.listenerCount("SIGINT")).toBe(0)
  })
})
