import { resolve } from "node:path"
import { defineCommand, required, UsageError } from "../cli.js"
import { writeTemplate } from "../ledger/index.js"

export const template = defineCommand({
  name: "template",
  summary: "Write an empty county ledger (.xlsx, or the elder sheet as .csv) with the headers, a filled example row and a sheet explaining each column (zh + en)",
  usage: "liushou template --out ledger.xlsx|ledger.csv",
  options: { out: { type: "string" } },
  run: async ({ values }, io) => {
    const out = resolve(io.cwd, required(values, "out"))
    const csv = /\.csv$/i.test(out)
    if (!csv && !/\.xlsx$/i.test(out)) throw new UsageError(`--out must end in .xlsx or .csv, got ${JSON.stringify(out)}`)
    await writeTemplate(out)
    io.out(
      csv
        ? `wrote ${out} (CSV, UTF-8: the elder sheet; \`liushou template --out ledger.xlsx\` has the instructions)\n已生成台账模板（CSV）：每行一位老年人（示例行以“示例”开头，导入时跳过）；各列说明见 xlsx 模板的“填表说明”表。`
        : `wrote ${out}\n已生成台账模板：填写“老年人”表（红色表头为必填），每列的含义见“填表说明”表。`
    )
    return 0
  }
})
