/**
 * The columns of a county ledger (台账) and how each maps to the case file: Chinese headers (with
 * the variants counties use), English names, explanations, examples and the labels of each
 * coded value. The template, the reader and the exporter all read this one table.
 *
 * @since 0.1.0
 */
import type { CaseFile } from "@liushou/core"

/**
 * Sheet names.
 *
 * @category models
 * @since 0.1.0
 */
export const SHEETS = {
  elders: "老年人",
  supporters: "赡养人",
  visits: "探访记录",
  assessments: "风险评估",
  regions: "区划代码表",
  help: "填表说明"
} as const

/** Alternative sheet names accepted on import. @category models @since 0.1.0 */
export const SHEET_ALIASES: Readonly<Record<keyof typeof SHEETS, ReadonlyArray<string>>> = {
  elders: ["老年人", "留守老年人", "老人", "台账", "老年人信息", "elders"],
  supporters: ["赡养人", "子女", "子女信息", "赡养人信息", "supporters"],
  visits: ["探访记录", "探访", "visits"],
  assessments: ["风险评估", "评估记录", "assessments"],
  regions: ["区划代码表", "区划代码", "村代码", "regions"],
  help: ["填表说明", "说明", "help"]
}

const invert = <A extends string>(pairs: ReadonlyArray<readonly [A, ReadonlyArray<string>]>): Record<string, A> => {
  const out: Record<string, A> = {}
  for (const [id, labels] of pairs) {
    out[id] = id
    for (const l of labels) out[l] = id
  }
  return out
}

/** The Chinese label written for each value (the first label of each entry). @category models @since 0.1.0 */
export const LABELS = {
  sex: [["male", ["男"]], ["female", ["女"]]],
  livingArrangement: [
    ["alone", ["独居", "一人居住", "单独居住"]],
    ["with-spouse", ["与配偶同住", "夫妻同住", "与配偶居住", "空巢"]],
    ["with-grandchildren", ["与孙辈同住", "隔代同住", "与孙子女同住"]],
    ["with-relatives", ["与亲属同住", "与近亲属同住"]],
    ["other", ["其他"]]
  ],
  ability: [
    ["intact", ["能力完好", "完好", "自理", "完全自理"]],
    ["mild", ["轻度受损", "能力轻度受损", "轻度失能", "轻度依赖"]],
    ["moderate", ["中度受损", "能力中度受损", "中度失能", "中度依赖", "半失能", "半自理"]],
    ["severe", ["重度受损", "能力重度受损", "重度失能"]],
    ["total", ["完全丧失", "能力完全丧失", "完全失能", "失能", "不能自理"]]
  ],
  incomeSources: [
    ["farming", ["务农", "种养殖", "种养殖业", "农业"]],
    ["wages", ["务工", "打工", "工资"]],
    ["children", ["子女供给", "子女", "依靠子女", "子女赡养"]],
    ["pension", ["养老金", "养老保险", "退休金"]],
    ["assistance", ["政府救助", "救助", "政府补助"]],
    ["relatives", ["亲友资助", "亲友", "亲朋救助"]],
    ["other", ["其他"]]
  ],
  receiving: [
    ["dibao", ["低保", "最低生活保障"]],
    ["temporary-assistance", ["临时救助"]],
    ["elderly-service-subsidy", ["养老服务补贴", "基本养老服务补贴"]],
    ["medical-assistance", ["医疗救助"]],
    ["rehab-aids", ["康复辅具", "康复器材和辅助器具"]],
    ["disability-living-subsidy", ["残疾人生活补贴", "困难残疾人生活补贴"]],
    ["disability-care-subsidy", ["残疾人护理补贴", "重度残疾人护理补贴"]],
    ["poverty-registration", ["建档立卡", "建档立卡贫困户"]],
    ["nursing-home-low-fee-care", ["敬老院低收费照料", "低收费照料"]],
    ["health-management", ["健康管理", "老年人健康管理"]],
    ["legal-aid", ["法律援助"]]
  ],
  housingSafety: [["safe", ["安全"]], ["at-risk", ["存在隐患", "有隐患"]], ["unsafe", ["不安全", "危房"]]],
  categories: [
    ["extreme-poverty", ["特困", "特困人员", "五保"]],
    ["family-planning-special", ["计生特殊家庭", "计划生育特殊家庭", "失独"]],
    ["dementia", ["失智", "认知障碍"]]
  ],
  relation: [
    ["son", ["儿子", "子"]],
    ["daughter", ["女儿", "女"]],
    ["son-in-law", ["女婿"]],
    ["daughter-in-law", ["儿媳", "媳妇"]],
    ["grandchild", ["孙子女", "孙子", "孙女", "外孙", "外孙女"]],
    ["spouse", ["配偶", "老伴"]],
    ["other", ["其他"]]
  ],
  whereabouts: [
    ["with-elder", ["在家", "与老人同住", "在本村"]],
    ["in-county", ["县内务工", "县内", "在县内"]],
    ["out-of-county", ["县外务工", "县外", "外出", "省外", "省内县外", "外省"]]
  ],
  visitMode: [["home", ["上门", "入户", "上门探访"]], ["phone", ["电话", "电话问候"]], ["video", ["视频", "视频通话"]]],
  visitor: [
    ["village-committee", ["村委会", "村(居)委会", "村干部"]],
    ["township", ["乡镇", "乡镇政府", "乡镇干部"]],
    ["neighbor", ["邻居", "邻里"]],
    ["volunteer", ["志愿者"]],
    ["social-worker", ["社工", "社会工作者"]],
    ["elder-association", ["老年协会"]]
  ],
  concerns: [
    ["health", ["健康"]],
    ["safety", ["安全"]],
    ["housing", ["住房"]],
    ["income", ["经济", "收入"]],
    ["neglect", ["疏于照料", "无人照料"]],
    ["abuse", ["虐待"]],
    ["loneliness", ["孤独", "精神慰藉"]],
    ["legal", ["法律"]],
    ["other", ["其他"]]
  ]
} as const satisfies Record<string, ReadonlyArray<readonly [string, ReadonlyArray<string>]>>

/** @category models @since 0.1.0 */
export type LabelKind = keyof typeof LABELS

/** Label → value id, for one kind. @category getters @since 0.1.0 */
export const lookup: { readonly [K in LabelKind]: Readonly<Record<string, (typeof LABELS)[K][number][0]>> } = Object.fromEntries(
  Object.entries(LABELS).map(([k, pairs]) => [k, invert(pairs as never)])
) as never

/** The labels written for each value, for the explanation sheet. @category getters @since 0.1.0 */
export const allowed = (kind: LabelKind): ReadonlyArray<string> => LABELS[kind].map(([, labels]) => labels[0]!)

/** The Chinese label of a value id. @category getters @since 0.1.0 */
export const labelOf = (kind: LabelKind, id: string): string => (LABELS[kind] as ReadonlyArray<readonly [string, ReadonlyArray<string>]>).find(([v]) => v === id)?.[1][0] ?? id

/**
 * One column: the header written in templates and exports, other headers accepted on import,
 * the case-file field it fills, and its explanation.
 *
 * @category models
 * @since 0.1.0
 */
export interface Column {
  readonly key: string
  readonly header: string
  readonly aliases: ReadonlyArray<string>
  readonly en: string
  readonly field: string
  readonly required: boolean
  readonly help: { readonly zh: string; readonly en: string }
  readonly example: string
  readonly kind?: LabelKind
}

const col = (c: Column): Column => c

/**
 * The elder columns (one row per elder).
 *
 * @category models
 * @since 0.1.0
 */
export const ELDER_COLUMNS: ReadonlyArray<Column> = [
  col({ key: "id", header: "编号", aliases: ["台账编号", "老人编号", "序号编号", "id"], en: "ledger id", field: "elder.id", required: false, help: { zh: "台账内唯一、长期不变的编号；留空时由身份证号生成", en: "Stable id unique in the ledger; derived from the ID number when empty" }, example: "CS-0001" }),
  col({ key: "name", header: "姓名", aliases: ["老人姓名", "name"], en: "name", field: "elder.name", required: true, help: { zh: "老年人姓名", en: "Elder's full name" }, example: "张桂英" }),
  col({ key: "idNumber", header: "身份证号", aliases: ["身份证号码", "公民身份号码", "身份证"], en: "ID number", field: "elder.idNumber", required: false, help: { zh: "18位居民身份证号，请以文本格式填写", en: "18-character resident ID number, entered as text" }, example: "430121195901010020" }),
  col({ key: "sex", header: "性别", aliases: ["sex"], en: "sex", field: "elder.sex", required: false, kind: "sex", help: { zh: "男 或 女；留空时由身份证号推出", en: "男 (male) or 女 (female); derived from the ID number when empty" }, example: "女" }),
  col({ key: "birthDate", header: "出生日期", aliases: ["出生年月日", "生日"], en: "birth date", field: "elder.birthDate", required: false, help: { zh: "如 1959-01-01、1959/1/1 或 1959年1月1日；留空时由身份证号推出", en: "e.g. 1959-01-01, 1959/1/1 or 1959年1月1日; derived from the ID number when empty" }, example: "1959-01-01" }),
  col({ key: "regionCode", header: "区划代码", aliases: ["村区划代码", "村代码", "行政区划代码"], en: "village code", field: "elder.regionCode", required: false, help: { zh: "12位村级统计用区划代码；也可只填“村”，由“区划代码表”查出", en: "12-digit village code; or fill 村 (village) and list its code in the 区划代码表 sheet" }, example: "430121101201" }),
  col({ key: "village", header: "村", aliases: ["村名", "所在村", "村(社区)", "村（社区）"], en: "village", field: "elder.regionCode", required: false, help: { zh: "村名（区划代码留空时，须在“区划代码表”中列出）或12位代码", en: "Village name (listed in the 区划代码表 sheet when the code is empty) or its 12-digit code" }, example: "安沙村" }),
  col({ key: "rural", header: "农村", aliases: ["是否农村", "农村户籍"], en: "rural", field: "elder.rural", required: false, help: { zh: "是否在农村生活：是/否；留空按“是”", en: "Lives in a rural area: 是/否 (yes/no); empty means yes" }, example: "是" }),
  col({ key: "livingArrangement", header: "居住方式", aliases: ["居住情况", "陪伴居住情况"], en: "living arrangement", field: "elder.livingArrangement", required: true, kind: "livingArrangement", help: { zh: "独居、与配偶同住、与孙辈同住、与亲属同住、其他", en: "alone, with spouse, with grandchildren, with relatives, other" }, example: "独居" }),
  col({ key: "ability", header: "能力等级", aliases: ["老年人能力等级", "自理能力", "生活自理能力"], en: "ability level", field: "elder.ability", required: true, kind: "ability", help: { zh: "按 GB/T 42195-2022：能力完好、轻度受损、中度受损、重度受损、完全丧失", en: "Per GB/T 42195-2022: intact, mild, moderate, severe, total loss" }, example: "轻度受损" }),
  col({ key: "seriousIllness", header: "患重病", aliases: ["是否患重病", "重大疾病", "严重疾病"], en: "serious illness", field: "elder.seriousIllness", required: false, help: { zh: "是否患有严重疾病：是/否；留空按“否”", en: "Has a serious illness: 是/否; empty means no" }, example: "否" }),
  col({ key: "disabilityGrade", header: "残疾等级", aliases: ["残疾证等级"], en: "disability grade", field: "elder.disabilityGrade", required: false, help: { zh: "残疾证等级 1-4（或 一级…四级）；无残疾证留空", en: "Disability certificate grade 1-4 (or 一级..四级); empty if none" }, example: "" }),
  col({ key: "annualIncome", header: "年收入", aliases: ["人均年收入", "家庭人均年收入", "年收入(元)", "年收入（元）"], en: "annual income (yuan)", field: "elder.annualIncome", required: true, help: { zh: "家庭人均年收入（元）", en: "Household income per person per year (yuan)" }, example: "4800" }),
  col({ key: "incomeSources", header: "收入来源", aliases: ["经济来源", "家庭经济来源"], en: "income sources", field: "elder.incomeSources", required: false, kind: "incomeSources", help: { zh: "多项用“、”分隔：务农、务工、子女供给、养老金、政府救助、亲友资助、其他", en: "Several separated by 、: farming, wages, children, pension, assistance, relatives, other" }, example: "务农、子女供给" }),
  col({ key: "receiving", header: "已享受", aliases: ["已享受政策", "救助帮扶情况", "家庭救助帮扶情况"], en: "programs received", field: "elder.receiving", required: false, kind: "receiving", help: { zh: "已享受的救助与服务，多项用“、”分隔", en: "Assistance and services already received, separated by 、" }, example: "养老服务补贴" }),
  col({ key: "phone", header: "电话", aliases: ["联系电话", "老人电话"], en: "phone", field: "elder.phone", required: false, help: { zh: "老人联系电话", en: "Elder's phone number" }, example: "13800000000" }),
  col({ key: "housingSafety", header: "住房安全", aliases: ["住房情况"], en: "housing safety", field: "elder.housingSafety", required: false, kind: "housingSafety", help: { zh: "安全、存在隐患、不安全", en: "safe, at risk, unsafe" }, example: "安全" }),
  col({ key: "categories", header: "类别", aliases: ["老年人类别", "特殊类别"], en: "categories", field: "elder.categories", required: false, kind: "categories", help: { zh: "特困、计生特殊家庭、失智；多项用“、”分隔", en: "extreme poverty, family-planning special family, dementia; separated by 、" }, example: "" }),
  col({ key: "carerName", header: "委托照顾人", aliases: ["委托照料人", "受委托人"], en: "delegated carer", field: "delegatedCarer.name", required: false, help: { zh: "受委托照顾老人的亲属或其他人姓名", en: "Relative or other person entrusted with the elder's care" }, example: "张建国" }),
  col({ key: "carerRelation", header: "委托人关系", aliases: ["与老人关系(委托)", "受委托人关系"], en: "carer's relation", field: "delegatedCarer.relation", required: false, help: { zh: "受委托人与老人的关系", en: "Carer's relation to the elder" }, example: "侄子" }),
  col({ key: "carerSince", header: "委托日期", aliases: ["委托时间"], en: "delegated since", field: "delegatedCarer.since", required: false, help: { zh: "委托照顾开始日期", en: "When the care was delegated" }, example: "2018-03-01" }),
  col({ key: "carerPhone", header: "委托人电话", aliases: ["受委托人电话"], en: "carer's phone", field: "delegatedCarer.phone", required: false, help: { zh: "受委托人电话", en: "Carer's phone number" }, example: "" }),
  col({ key: "visitDate", header: "最近探访日期", aliases: ["探访日期", "最近一次探访"], en: "last visit date", field: "visits[0].date", required: false, help: { zh: "最近一次探访的日期（完整记录可填在“探访记录”表）", en: "Date of the last visit (full history goes in the 探访记录 sheet)" }, example: "2021-05-20" }),
  col({ key: "visitMode", header: "探访方式", aliases: [], en: "visit mode", field: "visits[0].mode", required: false, kind: "visitMode", help: { zh: "上门、电话、视频", en: "home, phone, video" }, example: "上门" }),
  col({ key: "visitBy", header: "探访人", aliases: ["探访主体"], en: "visited by", field: "visits[0].by", required: false, kind: "visitor", help: { zh: "村委会、乡镇、邻居、志愿者、社工、老年协会", en: "village committee, township, neighbour, volunteer, social worker, elder association" }, example: "村委会" }),
  col({ key: "visitConcerns", header: "探访发现", aliases: ["发现问题"], en: "concerns found", field: "visits[0].concerns", required: false, kind: "concerns", help: { zh: "健康、安全、住房、经济、疏于照料、虐待、孤独、法律、其他；无则留空", en: "health, safety, housing, income, neglect, abuse, loneliness, legal, other; empty if none" }, example: "" }),
  col({ key: "assessedOn", header: "风险评估日期", aliases: ["评估日期"], en: "risk assessed on", field: "riskAssessments[0].date", required: false, help: { zh: "最近一次风险等级评估日期", en: "Date of the last risk assessment" }, example: "2021-01-10" }),
  col({ key: "riskLevel", header: "风险等级", aliases: ["评估等级"], en: "risk level", field: "riskAssessments[0].level", required: false, help: { zh: "评估确定的风险等级代码（按所适用政策，如湖南：low、medium、high）", en: "The assessed risk level id of the governing policy (Hunan: low, medium, high)" }, example: "low" })
]

/**
 * The supporter columns: in the 赡养人 sheet as written, or on the elder row with a number
 * (`子女1姓名`, `子女1去向`, ...).
 *
 * @category models
 * @since 0.1.0
 */
export const SUPPORTER_COLUMNS: ReadonlyArray<Column> = [
  col({ key: "elderRef", header: "老人编号", aliases: ["老人身份证号", "老年人编号"], en: "elder id", field: "elder.id", required: true, help: { zh: "所属老人的编号（或身份证号）", en: "The elder's ledger id (or ID number)" }, example: "CS-0001" }),
  col({ key: "supporterId", header: "编号", aliases: ["赡养人编号"], en: "supporter id", field: "supporters[].id", required: false, help: { zh: "赡养人的编号，台账内唯一；留空时按“老人编号-序号”生成", en: "Supporter id, unique in the ledger; derived as elder id-number when empty" }, example: "CS-0001-1" }),
  col({ key: "name", header: "姓名", aliases: ["赡养人姓名", "子女姓名"], en: "name", field: "supporters[].name", required: false, help: { zh: "子女或其他赡养人姓名", en: "Name of the child or other supporter" }, example: "李明" }),
  col({ key: "relation", header: "关系", aliases: ["与老人关系"], en: "relation", field: "supporters[].relation", required: true, kind: "relation", help: { zh: "儿子、女儿、女婿、儿媳、孙子女、配偶、其他", en: "son, daughter, son-in-law, daughter-in-law, grandchild, spouse, other" }, example: "儿子" }),
  col({ key: "whereabouts", header: "去向", aliases: ["外出去向", "所在地"], en: "whereabouts", field: "supporters[].whereabouts", required: true, kind: "whereabouts", help: { zh: "在家、县内务工、县外务工", en: "at home, in the county, out of the county" }, example: "县外务工" }),
  col({ key: "awaySince", header: "外出时间", aliases: ["外出日期", "离家时间"], en: "away since", field: "supporters[].awaySince", required: false, help: { zh: "离家外出的日期；不在外或不详留空", en: "When they left; empty if not away or unknown" }, example: "2017-02-10" }),
  col({ key: "reported", header: "已报告村委会", aliases: ["是否报告村委会", "已报告去向"], en: "reported to village", field: "supporters[].reportedToVillage", required: false, help: { zh: "是否已向村委会报告去向和联系方式：是/否；留空按“否”", en: "Whereabouts and contact reported to the village committee: 是/否; empty means no" }, example: "是" }),
  col({ key: "lastContact", header: "最近联系", aliases: ["最近联系日期", "最近看望"], en: "last contact", field: "supporters[].lastContact", required: false, help: { zh: "最近一次看望或问候老人的日期；不详留空", en: "Last visit or call to the elder; empty if unknown" }, example: "2021-02-12" }),
  col({ key: "phone", header: "电话", aliases: ["联系电话"], en: "phone", field: "supporters[].phone", required: false, help: { zh: "赡养人电话", en: "Supporter's phone number" }, example: "13900000000" })
]

/** Visit-history sheet columns. @category models @since 0.1.0 */
export const VISIT_COLUMNS: ReadonlyArray<Column> = [
  SUPPORTER_COLUMNS[0]!,
  col({ key: "date", header: "探访日期", aliases: ["日期"], en: "date", field: "visits[].date", required: true, help: { zh: "探访日期", en: "Visit date" }, example: "2021-05-20" }),
  col({ key: "mode", header: "探访方式", aliases: ["方式"], en: "mode", field: "visits[].mode", required: true, kind: "visitMode", help: { zh: "上门、电话、视频", en: "home, phone, video" }, example: "上门" }),
  col({ key: "by", header: "探访人", aliases: ["探访主体"], en: "visited by", field: "visits[].by", required: true, kind: "visitor", help: { zh: "村委会、乡镇、邻居、志愿者、社工、老年协会", en: "village committee, township, neighbour, volunteer, social worker, elder association" }, example: "村委会" }),
  col({ key: "concerns", header: "探访发现", aliases: ["发现问题"], en: "concerns", field: "visits[].concerns", required: false, kind: "concerns", help: { zh: "发现的问题，多项用“、”分隔", en: "Concerns found, separated by 、" }, example: "" })
]

/** Risk-assessment sheet columns. @category models @since 0.1.0 */
export const ASSESSMENT_COLUMNS: ReadonlyArray<Column> = [
  SUPPORTER_COLUMNS[0]!,
  col({ key: "date", header: "评估日期", aliases: ["风险评估日期", "日期"], en: "date", field: "riskAssessments[].date", required: true, help: { zh: "评估日期", en: "Assessment date" }, example: "2021-01-10" }),
  col({ key: "level", header: "风险等级", aliases: ["等级"], en: "level", field: "riskAssessments[].level", required: true, help: { zh: "风险等级代码", en: "Risk level id" }, example: "low" })
]

/** How many numbered supporter columns the template and export write by default. @category models @since 0.1.0 */
export const WIDE_SUPPORTERS = 3

/** The numbered header of a supporter column on an elder row: `子女1去向`. @category getters @since 0.1.0 */
export const wideHeader = (n: number, c: Column): string => `子女${n}${c.header}`

const WIDE_RE = /^(?:子女|赡养人)(\d{1,2})(.+)$/

/** Parses a numbered supporter header, or `undefined`. @category getters @since 0.1.0 */
export const parseWideHeader = (header: string): { readonly n: number; readonly column: Column } | undefined => {
  const m = WIDE_RE.exec(header.replace(/\s/g, ""))
  if (m === null) return undefined
  const column = findColumn(SUPPORTER_COLUMNS.slice(1), m[2]!)
  return column === undefined ? undefined : { n: +m[1]!, column }
}

/** Finds a column by header or alias (spaces and brackets ignored). @category getters @since 0.1.0 */
export const findColumn = (columns: ReadonlyArray<Column>, header: string): Column | undefined => {
  const h = header.replace(/[\s*＊]/g, "").replace(/（/g, "(").replace(/）/g, ")")
  return columns.find((c) => c.header === h || c.aliases.includes(h) || c.en === header.trim())
}

/** Type-level link to the case file, so a rename there fails here. @category models @since 0.1.0 */
export type Target = CaseFile.CaseFile
