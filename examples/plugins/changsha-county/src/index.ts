/**
 * A county override of the Hunan plugin: an example of local detailed rules (实施细则) for
 * 430121 Changsha County. The document, its clause numbers and its figures are ILLUSTRATIVE
 * (a sample, not an official text): a county writes its own the same way.
 *
 * It changes two things and inherits everything else from 湘民发〔2018〕30号:
 * - low-risk elders are visited every 60 days instead of 90 (`hunan.visits.intervalDays`);
 * - the county's own rural dibao standard (`hunan.assistance.dibaoStandard`, region 430121).
 */
import { Decision, Parameter, Policy } from "@liushou/core"

const DOC = "长沙县农村留守老年人关爱服务实施细则（示例）"
const cite = (clause: string) => Decision.cite(DOC, clause)
const FROM = "2019-01-01"

const visitIntervalDays = Parameter.define<Readonly<Record<"low" | "medium" | "high", number>>>({
  id: "hunan.visits.intervalDays",
  description: { zh: "各风险等级的探访间隔（天），长沙县", en: "Visit interval by risk level (days), Changsha County" },
  unit: "days",
  status: "local",
  reference: cite("3"),
  values: [{ from: FROM, value: { low: 60, medium: 30, high: 7 } }]
})

const dibaoStandard = Parameter.define<number>({
  id: "hunan.assistance.dibaoStandard",
  description: { zh: "长沙县农村低保标准（元/人·年，示例数值）", en: "Changsha County rural dibao standard (yuan per person per year, sample figures)" },
  unit: "yuan/year",
  status: "sample",
  regional: true,
  reference: cite("5"),
  values: [2019, 2020, 2021, 2022, 2023].map((y, i) => ({
    from: `${y}-01-01`,
    value: [5400, 6000, 6600, 7200, 7800][i]!,
    region: "430121",
    reference: "SAMPLE FIGURE (示例数值), to be replaced by the county's official figure"
  }))
})

/**
 * The Changsha County override of the Hunan plugin.
 *
 * @category plugins
 */
export const changshaCounty: Policy.PolicyPlugin = Policy.define({
  id: "changsha-county-2019",
  version: "1.0.0",
  document: { number: DOC, title: { zh: "长沙县农村留守老年人关爱服务实施细则（示例）", en: "Changsha County detailed rules on care for rural left-behind elders (example)" } },
  region: "430121",
  effectiveFrom: FROM,
  effectiveUntil: "2023-08-02",
  core: "^0.1.0",
  extends: { id: "hunan-2018-30", version: "^1.0.0" },
  parameters: [visitIntervalDays, dibaoStandard] as ReadonlyArray<Parameter.Parameter>,
  rules: {},
  overrides: [],
  clauses: { visits: "3", "eligibility.dibao": "5" }
})
