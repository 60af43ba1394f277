/**
 * Labels of coded values for people, in Chinese and English.
 */
type Pair = readonly [zh: string, en: string]

export const LABELS: Readonly<Record<string, Readonly<Record<string, Pair>>>> = {
  ability: {
    intact: ["能力完好", "intact"],
    mild: ["轻度受损", "mildly impaired"],
    moderate: ["中度受损", "moderately impaired"],
    severe: ["重度受损", "severely impaired"],
    total: ["完全丧失", "total loss"]
  },
  living: {
    alone: ["独居", "alone"],
    "with-spouse": ["与配偶同住", "with spouse"],
    "with-grandchildren": ["与孙辈同住", "with grandchildren"],
    "with-relatives": ["与亲属同住", "with relatives"],
    other: ["其他", "other"]
  },
  window: {
    "not-applicable": ["不适用", "not applicable"],
    "not-due": ["未到期", "not yet due"],
    due: ["到期", "due"],
    late: ["逾期（宽限期后）", "late"],
    overdue: ["严重逾期", "overdue"]
  },
  program: {
    "temporary-assistance": ["临时救助", "temporary assistance"],
    dibao: ["最低生活保障", "dibao (minimum living guarantee)"],
    "elderly-service-subsidy": ["养老服务补贴", "elderly service subsidy"],
    "medical-assistance": ["医疗救助", "medical assistance"],
    "rehab-aids": ["康复辅具", "rehabilitation aids"],
    "disability-living-subsidy": ["残疾人生活补贴", "disability living subsidy"],
    "disability-care-subsidy": ["残疾人护理补贴", "disability care subsidy"],
    "poverty-registration": ["建档立卡", "poverty registration"],
    "nursing-home-low-fee-care": ["敬老院低收费照料", "low-fee nursing-home care"],
    "health-management": ["健康管理服务", "health management"],
    "legal-aid": ["法律援助", "legal aid"]
  },
  duty: {
    "regular-contact": ["经常看望或问候", "regular contact"],
    "report-to-village": ["向村委会报告去向", "report whereabouts to the village"],
    "delegated-carer": ["委托照顾", "delegated carer"],
    "carer-at-home": ["至少1人在家照料", "a carer at home"]
  },
  body: {
    "village-committee": ["村（居）委会", "village committee"],
    township: ["乡镇人民政府", "township government"],
    "civil-affairs": ["民政部门", "civil affairs"],
    "public-security": ["公安部门", "public security"],
    justice: ["司法行政部门", "justice"],
    health: ["卫生健康部门", "health"],
    "human-resources-social-security": ["人社部门", "human resources and social security"],
    "poverty-alleviation": ["扶贫部门", "poverty alleviation"],
    "elderly-care": ["老龄工作机构", "ageing affairs"],
    "disabled-persons-federation": ["残联", "disabled persons' federation"]
  }
}

/** The label of a value in a language (the value itself when unknown). */
export const label = (kind: string, id: string, lang: "zh" | "en"): string => {
  const p = LABELS[kind]?.[id]
  return p === undefined ? id : lang === "zh" ? p[0] : p[1]
}
