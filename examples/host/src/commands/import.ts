import { createReadStream } from "node:fs"
import { open, stat } from "node:fs/promises"
import { resolve } from "node:path"
import { createInterface } from "node:readline"
import { Decode } from "@liushou/core"
import { defineCommand, required, UsageError } from "../cli.js"
import { openLedger } from "../db.js"
import { formatIssue, isLedgerFile, readLedgerFile } from "../ledger/index.js"

/** The first non-blank character of a file: `[` for a JSON array, else JSON Lines. */
const firstChar = async (path: string): Promise<string | undefined> => {
  const handle = await open(path, "r")
  try {
    const buffer = Buffer.alloc(4096)
    for (let position = 0; ; ) {
      const { bytesRead } = await handle.read(buffer, 0, buffer.length, position)
      if (bytesRead === 0) return undefined
      const text = buffer.subarray(0, bytesRead).toString("utf8").replace(/^\uFEFF/, "")
      const m = /\S/.exec(text)
      if (m !== null) return m[0]
      position += bytesRead
    }
  } finally {
    await handle.close()
  }
}

/** JSON Lines are streamed line by line (bounded memory); a JSON array is read whole. */
async function* records(path: string, format: "array" | "lines"): AsyncIterable<unknown> {
  if (format === "array") {
    const { readFile } = await import("node:fs/promises")
    const parsed: unknown = JSON.parse(await readFile(path, "utf8"))
    if (!Array.isArray(parsed)) throw new UsageError(`${path}: expected a JSON array of case files`)
    yield* parsed
    return
  }
  const lines = createInterface({ input: createReadStream(path, "utf8"), crlfDelay: Infinity })
  for await (const line of lines) yield line
}

export const importCommand = defineCommand({
  name: "import",
  summary: "Import case files (JSON array, JSON Lines, or an .xlsx/.csv county ledger) into the ledger: new, updated, unchanged and rejected counts",
  usage: "liushou import --input FILE [--db PATH|sqlite:PATH|postgres://URL] [--import-id ID] [--batch N] [--actor NAME] [--lang zh|en]",
  options: { input: { type: "string" }, db: { type: "string" }, "import-id": { type: "string" }, batch: { type: "string" }, actor: { type: "string" }, lang: { type: "string" } },
  run: async ({ values }, io) => {
    const input = resolve(io.cwd, required(values, "input"))
    const lang = values.lang === "zh" ? "zh" : "en"
    const batch = values.batch === undefined ? 500 : Number(values.batch)
    if (!Number.isInteger(batch) || batch < 1) throw new UsageError(`--batch must be a positive integer, got ${JSON.stringify(values.batch)}`)
    let info
    try {
      info = await stat(input)
    } catch (e) {
      throw new UsageError(`cannot read ${input}: ${(e as Error).message}`)
    }
    // a county ledger (.xlsx, .csv): rows are read into case files; bad rows are reported by sheet, row and column
    const ledgerFile = isLedgerFile(input) ? await readLedgerFile(input) : undefined
    if (ledgerFile !== undefined) for (const e of ledgerFile.errors) io.err(formatIssue(e, lang))
    const format = ledgerFile !== undefined ? "array" : (await firstChar(input)) === "[" ? "array" : "lines"
    // the same file (path, size, modification time) resumes the same import
    const importId = (values["import-id"] as string | undefined) ?? `file:${input}@${info.size}:${Math.floor(info.mtimeMs)}`
    const { ledger, description, close } = await openLedger(values.db as string | undefined, io.cwd)
    try {
      let last = 0
      const result = await ledger.importCaseFiles(ledgerFile !== undefined ? ledgerFile.cases : records(input, format), {
        importId,
        source: input,
        actor: (values.actor as string | undefined) ?? "cli",
        batchSize: batch,
        onProgress: (p) => {
          if (io.isTTY && p.read - last >= 50_000) {
            last = p.read
            io.err(`… ${p.read} read, ${p.stored} stored, ${p.updated} updated, ${p.unchanged} unchanged, ${p.rejected} rejected`)
          }
        }
      })
      for (const e of result.errors) io.err(Decode.formatError(e, lang))
      if (result.rejected > result.errors.length) io.err(`… and ${result.rejected - result.errors.length} more rejected`)
      io.out(
        lang === "zh"
          ? `导入 ${input} → ${description}\n新增 ${result.stored}，更新 ${result.updated}，未变 ${result.unchanged}，拒收 ${result.rejected}`
          : `imported ${input} into ${description}\n${result.stored} stored, ${result.updated} updated, ${result.unchanged} unchanged, ${result.rejected} rejected`
      )
      if (result.rejected > 0) io.out(lang === "zh" ? `拒收记录及其错误保存在：${result.rejectedTo}` : `rejected records and their errors are kept in: ${result.rejectedTo}`)
      if (ledgerFile !== undefined && ledgerFile.errors.length > 0) io.out(lang === "zh" ? `台账中 ${ledgerFile.errors.length} 处错误（见上），相关行未导入` : `${ledgerFile.errors.length} problems in the ledger file (above); those rows were not imported`)
      return result.rejected > 0 || (ledgerFile?.errors.length ?? 0) > 0 ? 1 : 0
    } finally {
      await close()
    }
  }
})
