import { resolve } from "node:path"
import { defineCommand, required, UsageError, langFrom, say, type Lang } from "../cli.js"
import { writeTemplate } from "../ledger/index.js"

export const template = defineCommand({
  name: "template",
  summary: { zh: "生成空白的县级台账（.xlsx，或仅老年人表的 .csv），含表头、一行填好的示例和逐列说明（中英文）", en: "Write an empty county ledger (.xlsx, or the elder sheet as .csv) with the headers, a filled example row and a sheet explaining each column (zh + en)" },
  usage: "liushou template --out ledger.xlsx|ledger.csv",
  options: { out: { type: "string" } },
  run: async ({ values }, io) => {
    const out = resolve(io.cwd, required(values, "out"))
    const csv = /\.csv$/i.test(out)
    if (!csv && !/\.xlsx$/i.test(out)) throw new UsageError(`--out must end in .xlsx or .csv, got ${JSON.stringify(out)}`, `--out 应以 .xlsx 或 .csv 结尾，收到 ${JSON.stringify(out)}`)
    await writeTemplate(out)
    const lang = langFrom(values)
    io.out(
      csv
        ? say(lang, `已生成 ${out}（CSV，UTF-8）：每行一位老年人（示例行以“示例”开头，导入时跳过）；各列说明见 xlsx 模板的“填表说明”表。`, `wrote ${out} (CSV, UTF-8: the elder sheet, one elder a row; the example row, whose id starts with 示例, is skipped on import; \`liushou template --out ledger.xlsx\` has the instructions)`)
        : say(lang, `已生成 ${out}：填写“老年人”表（红色表头为必填），每列的含义见“填表说明”表。`, `wrote ${out}: fill in the elder sheet (red headers are required); the instructions sheet explains each column`)
    )
    return 0
  }
})
