import { resolve } from "node:path"
import { defineCommand, required } from "../cli.js"
import { writeTemplate } from "../ledger/index.js"

export const template = defineCommand({
  name: "template",
  summary: "Write an empty county ledger (.xlsx) with the headers, a filled example row and a sheet explaining each column (zh + en)",
  usage: "liushou template --out ledger.xlsx",
  options: { out: { type: "string" } },
  run: async ({ values }, io) => {
    const out = resolve(io.cwd, required(values, "out"))
    await writeTemplate(out)
    io.out(`wrote ${out}\n已生成台账模板：填写“老年人”表（红色表头为必填），每列的含义见“填表说明”表。`)
    return 0
  }
})
