/**
 * The parameters of 湘民发〔2018〕30号, each with its status: `law` only where the cited clause
 * itself sets the value; `interpretation` a reading of open text; `local` a choice this plugin
 * makes where the text names a duty but no number; `sample` a placeholder figure. All but `law`
 * may be overridden by a prefecture or county defining a parameter with the same id in its own
 * plugin (docs/clause-map.md, "Choices and their basis", lists them).
 *
 * @since 0.1.0
 */
import { type CaseFile, Decision, Parameter } from "@liushou/core"
import { DOCUMENT, EFFECTIVE_FROM } from "./document.js"
import { DIBAO_STANDARD, POVERTY_LINE, TEMPORARY_INCOME_CAP } from "./regional.js"

const hn = (clause: string) => Decision.cite(DOCUMENT.number, clause)
const from = EFFECTIVE_FROM

/**
 * Risk level ids of the Hunan plugin, lowest first.
 *
 * @category risk
 * @since 0.1.0
 */
export type Level = "low" | "medium" | "high"

/**
 * Hunan's definition: all children or other supporters "全部离开县域范围外出" — only whereabouts
 * outside the county count as away. Overrides the national parameter of the same id.
 *
 * @category parameters
 * @since 0.1.0
 */
export const awayWhereabouts = Parameter.define<ReadonlyArray<CaseFile.Whereabouts>>({
  id: "national.leftBehind.awayWhereabouts",
  description: { zh: "视为“外出”的去向：离开县域范围", en: "Whereabouts that count as away: out of the county" },
  status: "law",
  reference: hn("1"),
  values: [{ from, value: ["out-of-county"] }]
})

/**
 * "外出半年以上": six months, inclusive. Overrides the national parameter of the same id (a
 * local choice there, the text of the law here).
 *
 * @category parameters
 * @since 0.1.0
 */
export const minAbsenceMonths = Parameter.define<number>({
  id: "national.leftBehind.minAbsenceMonths",
  description: { zh: "赡养人外出最短时长（月，含本数）", en: "Minimum time supporters have been away (months, inclusive)" },
  unit: "months",
  status: "law",
  reference: hn("1"),
  values: [{ from, value: 6 }]
})

/**
 * Days after a recorded reminder (督促, `followUps[]`) after which a duty still unmet means the
 * reminder was ignored: the ladder moves to criticism and education (批评教育). The text sets no
 * number.
 *
 * @category parameters
 * @since 0.3.0
 */
export const reminderResponseDays = Parameter.define<number>({
  id: "hunan.followUp.reminderResponseDays",
  description: { zh: "督促后仍未履行即视为置之不理的天数", en: "Days after a recorded reminder after which a duty still unmet means it was ignored" },
  unit: "days",
  status: "local",
  reference: hn("3"),
  values: [{ from, value: 30, reference: "local choice: one monthly visit cycle (the medium-risk visit interval) to respond" }]
})

/**
 * Concerns that may make a case serious (情节严重): abuse and neglect. A report of one is
 * verified first (a home visit, reported to the township); once verified it is met with
 * criticism and education; handed over to law enforcement (提交执法部门) only when verified,
 * found serious and the grounds are on record.
 *
 * @category parameters
 * @since 0.1.0
 */
export const lawEnforcementConcerns = Parameter.define<ReadonlyArray<string>>({
  id: "hunan.followUp.lawEnforcementConcerns",
  description: { zh: "可能构成情节严重、须核实的关注事项（虐待、疏于照料）", en: "Concerns that may be serious and must be verified (abuse, neglect)" },
  status: "interpretation",
  reference: hn("3"),
  valuesFrom: "concerns",
  values: [{ from, value: ["abuse", "neglect"], reference: "§3 对不履行赡养、扶养义务或虐待老年人的…情节严重的，应提交执法部门; 老年人权益保障法 art. 76" }]
})

/**
 * Days within which an unverified report of a concern in `hunan.followUp.lawEnforcementConcerns`
 * is verified by a home visit (and reported to the township). The text sets no number.
 *
 * @category parameters
 * @since 0.3.0
 */
export const verificationDays = Parameter.define<number>({
  id: "hunan.followUp.verificationDays",
  description: { zh: "未经核实的虐待、疏于照料反映须入户核实的天数", en: "Days within which an unverified report of abuse or neglect is checked by a home visit" },
  unit: "days",
  status: "local",
  reference: hn("3"),
  values: [{ from, value: 3, reference: "local choice: the township report deadline of hunan.referrals.deadlineDays" }]
})

/**
 * Concerns that are support disputes (赡养纠纷): routed to mediation (人民调解, 老年人权益保障法
 * art. 75) and to legal aid for a support claim (法律援助法 art. 31; 法律援助条例 art. 10 before
 * 2022-01-01), not to the police.
 *
 * @category parameters
 * @since 0.3.0
 */
export const supportDisputeConcerns = Parameter.define<ReadonlyArray<string>>({
  id: "hunan.followUp.supportDisputeConcerns",
  description: { zh: "视为赡养纠纷的关注事项（调解与法律援助）", en: "Concerns that are support disputes (mediation and legal aid)" },
  status: "interpretation",
  reference: Decision.cite("老年人权益保障法", "75"),
  valuesFrom: "concerns",
  values: [{ from, value: ["support-dispute"], reference: "法律援助法 art. 31 (a support claim); 法律援助条例 art. 10 before 2022-01-01" }]
})

/**
 * Advanced age for risk grading (高龄), in full years.
 *
 * @category parameters
 * @since 0.1.0
 */
export const riskAdvancedAge = Parameter.define<number>({
  id: "hunan.risk.advancedAge",
  description: { zh: "风险评估中的高龄年龄线（周岁）", en: "Advanced age in risk grading (full years)" },
  unit: "years",
  status: "local",
  reference: hn("8"),
  values: [{ from, value: 80, reference: "老年人权益保障法 art. 33 uses 八十周岁以上 for the old-age allowance; the three-tier visit scheme reported by 北方新报 2022-06-23 uses 80+ for high risk" }]
})

/**
 * Least severe ability level that counts as a health factor (失能) in risk grading.
 *
 * @category parameters
 * @since 0.1.0
 */
export const riskDisabledFromAbility = Parameter.define<string>({
  id: "hunan.risk.disabledFromAbility",
  description: { zh: "风险评估中视为失能的最轻能力等级", en: "Least severe ability level counted as disabled in risk grading" },
  status: "local",
  reference: hn("8"),
  values: [{ from, value: "moderate", reference: "GB/T 42195-2022 能力中度受损" }]
})

/**
 * Least severe ability level that alone makes an elder high risk.
 *
 * @category parameters
 * @since 0.1.0
 */
export const riskSevereFromAbility = Parameter.define<string>({
  id: "hunan.risk.severeFromAbility",
  description: { zh: "单独即为高风险的最轻能力等级", en: "Least severe ability level that alone means high risk" },
  status: "local",
  reference: hn("8"),
  values: [{ from, value: "severe", reference: "GB/T 42195-2022 能力重度受损" }]
})

/**
 * Low income: below this multiple of the county dibao standard (低保边缘, 1.5× in most places,
 * 2× in some). Used by risk grading and by the economic-difficulty test of eligibility.
 *
 * @category parameters
 * @since 0.1.0
 */
export const lowIncomeMultiplier = Parameter.define<number>({
  id: "hunan.assistance.lowIncomeMultiplier",
  description: { zh: "低收入线：当地低保标准的倍数（低保边缘）", en: "Low income: a multiple of the local dibao standard (near-dibao)" },
  unit: "ratio",
  status: "local",
  reference: hn("8"),
  values: [{ from, value: 1.5, reference: "低保边缘家庭: income below 1.5 × the dibao standard in most provinces' rules (some use 2×); 湘民发〔2018〕30号 sets no multiple" }]
})

/**
 * Days since the most recent known contact from any supporter after which the lack of
 * contact (精神慰藉) is a risk factor.
 *
 * @category parameters
 * @since 0.1.0
 */
export const riskNoContactDays = Parameter.define<number>({
  id: "hunan.risk.noContactDays",
  description: { zh: "赡养人均未联系超过该天数视为风险因素", en: "Days without contact from any supporter that count as a risk factor" },
  unit: "days",
  status: "local",
  reference: hn("8"),
  values: [{ from, value: 90 }]
})

/**
 * How many risk factors together make an elder high risk.
 *
 * @category parameters
 * @since 0.1.0
 */
export const riskHighFactorCount = Parameter.define<number>({
  id: "hunan.risk.highFactorCount",
  description: { zh: "同时具备该数目风险因素即为高风险", en: "Number of risk factors that together mean high risk" },
  status: "local",
  reference: hn("8"),
  values: [{ from, value: 3 }]
})

/**
 * "每年至少组织开展1次风险等级评估": the longest time between two assessments, in months.
 *
 * @category parameters
 * @since 0.1.0
 */
export const assessmentIntervalMonths = Parameter.define<number>({
  id: "hunan.risk.assessmentIntervalMonths",
  description: { zh: "风险等级评估最长间隔（月）", en: "Longest time between risk assessments (months)" },
  unit: "months",
  status: "interpretation",
  reference: hn("8"),
  values: [{ from, value: 12, reference: "每年至少组织开展1次 read as at most 12 months between assessments; a calendar-year reading is also possible" }]
})

/**
 * The risk level each tier of Hunan's grading gives: no risk factor, at least one factor, a
 * high-risk case. §8 names the factors (经济收入、赡养、健康), not the levels: a local choice. A
 * plugin extending Hunan with other levels sets this to its own level ids (the loader checks
 * they are levels of the chain).
 *
 * @category parameters
 * @since 0.2.0
 */
export const riskTierLevels = Parameter.define<Readonly<Record<"none" | "some" | "high", string>>>({
  id: "hunan.risk.tierLevels",
  description: { zh: "各风险档次对应的风险等级（无风险因素 / 有风险因素 / 高风险情形）", en: "The risk level of each tier (no factor / some factor / a high-risk case)" },
  status: "local",
  reference: hn("8"),
  valuesFrom: "riskLevels",
  values: [{ from, value: { none: "low", some: "medium", high: "high" }, reference: "three-tier practice (北方新报 2022-06-23): general / key / high risk" }]
})

/**
 * Longest time between two visits, by risk level (定期探访). The text sets no number: weekly,
 * monthly and quarterly follow the three-tier practice reported by 北方新报 (2022-06-23) (high ≥1/week, key
 * ≥1/month, general ≥1/quarter).
 *
 * @category parameters
 * @since 0.1.0
 */
export const visitIntervalDays = Parameter.define<Readonly<Record<string, number>>>({
  id: "hunan.visits.intervalDays",
  description: { zh: "各风险等级的探访间隔（天）", en: "Visit interval by risk level (days)" },
  unit: "days",
  status: "local",
  reference: hn("1"),
  keyedBy: "riskLevels",
  values: [{ from, value: { low: 90, medium: 30, high: 7 }, reference: "three-tier practice (北方新报 2022-06-23): weekly / monthly / quarterly" }]
})

/**
 * Days after the due date during which a visit is `due` rather than `late`, by risk level.
 *
 * @category parameters
 * @since 0.1.0
 */
export const visitGraceDays = Parameter.define<Readonly<Record<string, number>>>({
  id: "hunan.visits.graceDays",
  description: { zh: "探访到期后的宽限期（天）", en: "Grace period after a visit falls due (days)" },
  unit: "days",
  status: "local",
  reference: hn("1"),
  keyedBy: "riskLevels",
  values: [{ from, value: { low: 14, medium: 7, high: 2 } }]
})

/**
 * Visit modes that count as a visit: "电话问候、上门访问" in the text; video calls counted as a
 * local extension.
 *
 * @category parameters
 * @since 0.1.0
 */
export const visitModes = Parameter.define<ReadonlyArray<string>>({
  id: "hunan.visits.countingModes",
  description: { zh: "计为探访的方式", en: "Visit modes that count" },
  status: "local",
  reference: hn("3"),
  values: [{ from, value: ["home", "phone", "video"], reference: "§3 names phone calls and home visits; video is a local extension" }]
})

/**
 * Concerns at the last visit that call for an extra visit, and within how many days.
 *
 * @category parameters
 * @since 0.1.0
 */
export const extraVisitConcerns = Parameter.define<ReadonlyArray<string>>({
  id: "hunan.visits.extraVisitConcerns",
  description: { zh: "需加访的探访关注事项", en: "Visit concerns that call for an extra visit" },
  status: "local",
  reference: hn("3"),
  valuesFrom: "concerns",
  values: [{ from, value: ["health", "safety", "housing", "income", "neglect", "abuse", "loneliness", "legal"] }]
})

/**
 * @category parameters
 * @since 0.1.0
 */
export const extraVisitDays = Parameter.define<number>({
  id: "hunan.visits.extraVisitDays",
  description: { zh: "关注事项后的加访期限（天）", en: "Days to an extra visit after a concern" },
  unit: "days",
  status: "local",
  reference: hn("3"),
  values: [{ from, value: 7 }]
})

/**
 * Concerns that call for an extra visit within `hunan.visits.urgentExtraVisitDays` (the
 * three-tier practice's "24 hours after a major event").
 *
 * @category parameters
 * @since 0.1.0
 */
export const urgentConcerns = Parameter.define<ReadonlyArray<string>>({
  id: "hunan.visits.urgentConcerns",
  description: { zh: "需紧急加访的关注事项", en: "Concerns that call for an urgent extra visit" },
  status: "local",
  reference: hn("3"),
  valuesFrom: "concerns",
  values: [{ from, value: ["abuse", "neglect", "safety"] }]
})

/**
 * @category parameters
 * @since 0.1.0
 */
export const urgentExtraVisitDays = Parameter.define<number>({
  id: "hunan.visits.urgentExtraVisitDays",
  description: { zh: "紧急加访期限（天）", en: "Days to an urgent extra visit" },
  unit: "days",
  status: "local",
  reference: hn("3"),
  values: [{ from, value: 1, reference: "three-tier practice: within 24 hours of a major event" }]
})

/**
 * Who must be paired (结对帮扶, §4): the text encourages pairing volunteers with left-behind
 * elders, and healthy younger elders with those of advanced age or disabled, without making it
 * compulsory; §10 names the key targets. Requiring a pairing for every priority elder (`priority`)
 * and for every elder graded at the highest risk level (`high-risk`) is this plugin's local choice.
 *
 * @category parameters
 * @since 0.2.0
 */
export const pairingRequiredFor = Parameter.define<ReadonlyArray<"priority" | "high-risk">>({
  id: "hunan.responsibility.pairingRequiredFor",
  description: { zh: "须结对帮扶的对象（重点对象、高风险）", en: "Elders who must have a pairing (priority, high risk)" },
  status: "local",
  reference: hn("4"),
  values: [{ from, value: ["priority"], reference: "§4 encourages pairing, §10 names the key targets; requiring it for them is a local choice" }]
})

/**
 * Whether every left-behind elder (and every elder whose status is unknown) must have a named
 * responsible visitor: §1 sets up the periodic visit system, §3 has the village committee
 * organise neighbours, groups and associations to visit; naming one person per elder is how the
 * duty is carried out, a local choice.
 *
 * @category parameters
 * @since 0.2.0
 */
export const visitorRequired = Parameter.define<boolean>({
  id: "hunan.responsibility.visitorRequired",
  description: { zh: "每位留守老年人须有责任探访人", en: "Every left-behind elder must have a named responsible visitor" },
  status: "local",
  reference: hn("3"),
  values: [{ from, value: true, reference: "§1 定期探访制度, §3 村委会组织定期探访: one named person per elder is a local choice" }]
})

/**
 * How long a verification of each group of facts stays valid, in days (§1 "定期排查…及时更新
 * 信息台账"; the text names no period). Supporters' whereabouts change most often (migrant work
 * is seasonal): half a year; income, health and housing: a year, in step with the annual risk
 * assessment of §8. Local choices a county may override.
 *
 * @category parameters
 * @since 0.2.0
 */
export const factValidityDays = Parameter.define<Readonly<Record<"supporters" | "income" | "health" | "housing", number>>>({
  id: "hunan.upkeep.validityDays",
  description: { zh: "各类信息核实后的有效期（天）", en: "How long each group of facts stays valid after it is verified (days)" },
  unit: "days",
  status: "local",
  reference: hn("1"),
  values: [{ from, value: { supporters: 183, income: 365, health: 365, housing: 365 }, reference: "§1 定期排查、及时更新 without a period: half a year for whereabouts, a year for the rest (with §8's annual assessment)" }]
})

/**
 * The county's rural dibao standard (农村最低生活保障标准), yuan per person per year, by county.
 * Regional: set per county; a county without a value gets needs-information, never a guess.
 *
 * @category parameters
 * @since 0.1.0
 */
export const dibaoStandard = Parameter.define<number>({
  id: "hunan.assistance.dibaoStandard",
  description: { zh: "农村低保标准（元/人·年）", en: "Rural dibao standard (yuan per person per year)" },
  unit: "yuan/year",
  status: "local",
  regional: true,
  reference: hn("5"),
  values: DIBAO_STANDARD
})

/**
 * The county's rural per-capita disposable income of the previous year, yuan per year: the
 * income cap of expenditure-type temporary assistance (支出型临时救助). Regional.
 *
 * @category parameters
 * @since 0.1.0
 */
export const temporaryIncomeCap = Parameter.define<number>({
  id: "hunan.assistance.temporaryIncomeCap",
  description: { zh: "临时救助收入上限：上年农村居民人均可支配收入（元/年）", en: "Temporary assistance income cap: last year's rural per-capita disposable income (yuan/year)" },
  unit: "yuan/year",
  status: "local",
  regional: true,
  reference: hn("5"),
  values: TEMPORARY_INCOME_CAP
})

/**
 * Concerns at the last visit that show a sudden, urgent or temporary difficulty (突发性、紧迫性、
 * 临时性基本生活困难) for temporary assistance, besides a serious illness or unsafe housing.
 *
 * @category parameters
 * @since 0.1.0
 */
export const temporaryTriggers = Parameter.define<ReadonlyArray<string>>({
  id: "hunan.assistance.temporaryTriggers",
  description: { zh: "视为突发困难的探访关注事项", en: "Visit concerns that show a sudden difficulty" },
  status: "local",
  reference: hn("5"),
  valuesFrom: "concerns",
  values: [{ from, value: ["health", "safety", "housing", "income"] }]
})

/**
 * The basic elderly-service subsidy (基本养老服务补贴) goes to economically difficult elders of
 * advanced age or disabled: the age, in full years.
 *
 * @category parameters
 * @since 0.1.0
 */
export const serviceSubsidyMinAge = Parameter.define<number>({
  id: "hunan.assistance.serviceSubsidyMinAge",
  description: { zh: "养老服务补贴的高龄年龄线（周岁）", en: "Advanced age for the elderly-service subsidy (full years)" },
  unit: "years",
  status: "local",
  reference: hn("5"),
  values: [{ from, value: 80 }]
})

/**
 * Least severe ability level for the elderly-service subsidy.
 *
 * @category parameters
 * @since 0.1.0
 */
export const serviceSubsidyAbility = Parameter.define<string>({
  id: "hunan.assistance.serviceSubsidyAbility",
  description: { zh: "养老服务补贴的最轻能力等级", en: "Least severe ability level for the elderly-service subsidy" },
  status: "local",
  reference: hn("5"),
  values: [{ from, value: "moderate" }]
})

/**
 * Programs received that make an elder eligible for medical assistance (医疗救助): dibao
 * members and registered poor households; extreme-poverty elders qualify by category.
 *
 * @category parameters
 * @since 0.1.0
 */
export const medicalAssistancePrograms = Parameter.define<ReadonlyArray<string>>({
  id: "hunan.assistance.medicalAssistancePrograms",
  description: { zh: "可享受医疗救助的已享受项目", en: "Programs received that qualify for medical assistance" },
  status: "local",
  reference: hn("5"),
  valuesFrom: "programs",
  values: [{ from, value: ["dibao", "poverty-registration"], reference: "社会救助暂行办法 arts. 28–29: 低保家庭成员、特困供养人员 and others named by the county" }]
})

/**
 * Households whose disabled members receive the living subsidy (困难残疾人生活补贴): dibao
 * households, extendable locally to other low-income households.
 *
 * @category parameters
 * @since 0.1.0
 */
export const livingSubsidyPrograms = Parameter.define<ReadonlyArray<string>>({
  id: "hunan.assistance.livingSubsidyPrograms",
  description: { zh: "困难残疾人生活补贴的家庭范围（已享受项目）", en: "Programs whose households get the disability living subsidy" },
  status: "local",
  reference: hn("5"),
  valuesFrom: "programs",
  values: [{ from, value: ["dibao"], reference: "国发〔2015〕52号: 困难残疾人生活补贴 for disabled people in 低保 households, extendable locally to other low-income households" }]
})

/**
 * Most severe-numbered grade for the care subsidy (重度残疾人护理补贴): grades 1 and 2.
 *
 * @category parameters
 * @since 0.1.0
 */
export const careSubsidyMaxGrade = Parameter.define<number>({
  id: "hunan.assistance.careSubsidyMaxGrade",
  description: { zh: "重度残疾人护理补贴的残疾等级上限", en: "Highest disability grade number for the care subsidy" },
  status: "interpretation",
  reference: hn("5"),
  values: [{ from, value: 2, reference: "国发〔2015〕52号 (困难残疾人生活补贴和重度残疾人护理补贴): 残疾等级被评定为一级、二级且需要长期照护的重度残疾人; §5 of the Hunan text names the subsidy without conditions" }]
})

/**
 * The least severe ability level read as "需要长期照护" for the care subsidy (国发〔2015〕52号:
 * 残疾等级被评定为一级、二级且需要长期照护的重度残疾人).
 *
 * @category parameters
 * @since 0.2.0
 */
export const careSubsidyCareAbility = Parameter.define<string>({
  id: "hunan.assistance.careSubsidyCareAbility",
  description: { zh: "重度残疾人护理补贴：视为需要长期照护的最轻能力等级", en: "Care subsidy: least severe ability level read as needing long-term care" },
  status: "interpretation",
  reference: hn("5"),
  values: [{ from, value: "moderate", reference: "国发〔2015〕52号 需要长期照护, read as GB/T 42195-2022 能力中度受损 or worse" }]
})

/**
 * Visit concerns for which legal aid needs no economic test: from 2022-01-01 victims of abuse
 * asserting their rights (法律援助法 art. 32(4)); before, none (法律援助条例 art. 10 had the
 * economic test for every civil matter it listed).
 *
 * @category parameters
 * @since 0.2.0
 */
export const legalAidNoTestConcerns = Parameter.define<ReadonlyArray<string>>({
  id: "hunan.assistance.legalAidNoTestConcerns",
  description: { zh: "法律援助不受经济困难条件限制的探访关注事项", en: "Visit concerns for which legal aid has no economic test" },
  status: "law",
  reference: Decision.cite("法律援助法", "32"),
  values: [
    { from, value: [], reference: "法律援助条例 (2003) art. 10: the economic test applies; no exemption for victims of abuse" },
    { from: "2022-01-01", value: ["abuse"], reference: "法律援助法 art. 32(4): 遭受虐待、遗弃或者家庭暴力的受害人主张相关权益" }
  ]
})

/**
 * Programs whose recipients are exempt from the legal-aid economic check (法律援助法 art. 42(2):
 * 社会救助对象; extreme-poverty elders are exempt by category).
 *
 * @category parameters
 * @since 0.2.0
 */
export const legalAidExemptPrograms = Parameter.define<ReadonlyArray<string>>({
  id: "hunan.assistance.legalAidExemptPrograms",
  description: { zh: "免予核查经济困难状况的已享受项目（社会救助）", en: "Programs received that exempt from the legal-aid economic check (social assistance)" },
  status: "interpretation",
  reference: Decision.cite("法律援助法", "42"),
  values: [{ from, value: ["dibao", "temporary-assistance", "medical-assistance"] }]
})

/**
 * The province's economic-difficulty standard for legal aid (法律援助法 art. 34: set by the
 * province), as annual income per person, by region. No figure ships with the plugin: where it
 * is missing, legal aid for a support claim answers needs-information.
 *
 * @category parameters
 * @since 0.2.0
 */
export const legalAidEconomicStandard = Parameter.define<number>({
  id: "hunan.assistance.legalAidEconomicStandard",
  description: { zh: "法律援助经济困难标准（元/人·年）", en: "Legal-aid economic-difficulty standard (yuan per person per year)" },
  unit: "yuan/year",
  status: "local",
  regional: true,
  reference: Decision.cite("法律援助法", "34"),
  values: []
})

/**
 * The poverty line for poverty registration (建档立卡), yuan per person per year. Sample
 * figures at current prices, to be checked against the provincial poverty-alleviation office's.
 *
 * @category parameters
 * @since 0.1.0
 */
export const povertyLine = Parameter.define<number>({
  id: "hunan.assistance.povertyLine",
  description: { zh: "扶贫标准（元/人·年，样例数值）", en: "Poverty line (yuan per person per year, sample figures)" },
  unit: "yuan/year",
  status: "sample",
  reference: hn("7"),
  values: POVERTY_LINE
})

/**
 * Whether new poverty registrations are accepted. Poverty registration closed with the end of
 * the poverty-alleviation campaign (2020); from 2021 households are monitored against
 * relapse (防止返贫动态监测) instead.
 *
 * @category parameters
 * @since 0.1.0
 */
export const povertyRegistrationOpen = Parameter.define<boolean>({
  id: "hunan.assistance.povertyRegistrationOpen",
  description: { zh: "是否受理新的建档立卡", en: "Whether new poverty registrations are accepted" },
  status: "interpretation",
  reference: hn("7"),
  values: [
    { from, value: true },
    { from: "2021-01-01", value: false, reference: "poverty-alleviation campaign completed at the end of 2020; monitoring against relapse from 2021" }
  ]
})

/**
 * Least severe ability level for low-fee care in rural nursing homes ("失能半失能").
 *
 * @category parameters
 * @since 0.1.0
 */
export const lowFeeCareAbility = Parameter.define<string>({
  id: "hunan.assistance.lowFeeCareAbility",
  description: { zh: "敬老院低收费照料的最轻能力等级（半失能）", en: "Least severe ability level for low-fee nursing-home care (partly disabled)" },
  status: "local",
  reference: hn("7"),
  values: [{ from, value: "mild", reference: "半失能 read as GB/T 42195-2022 能力轻度受损 or worse" }]
})

/**
 * "为65岁以上农村留守老年人提供健康管理服务".
 *
 * @category parameters
 * @since 0.1.0
 */
export const healthManagementMinAge = Parameter.define<number>({
  id: "hunan.assistance.healthManagementMinAge",
  description: { zh: "健康管理服务年龄线（周岁）", en: "Age for health management services (full years)" },
  unit: "years",
  status: "law",
  reference: hn("10"),
  values: [{ from, value: 65 }]
})

/**
 * Visit concerns that show a legal need (法律援助): a support claim, abuse, neglect.
 *
 * @category parameters
 * @since 0.1.0
 */
export const legalNeedConcerns = Parameter.define<ReadonlyArray<string>>({
  id: "hunan.assistance.legalNeedConcerns",
  description: { zh: "视为有法律援助需求的探访关注事项", en: "Visit concerns that show a legal need" },
  status: "local",
  reference: hn("10"),
  valuesFrom: "concerns",
  values: [{ from, value: ["legal", "abuse", "neglect", "support-dispute"] }]
})

/**
 * Days within which a suggested referral should be made, by receiving body.
 *
 * @category parameters
 * @since 0.1.0
 */
export const referralDeadlineDays = Parameter.define<Readonly<Record<string, number>>>({
  id: "hunan.referrals.deadlineDays",
  description: { zh: "转介期限（天），按接收部门", en: "Referral deadline by receiving body (days)" },
  unit: "days",
  status: "local",
  reference: hn("8"),
  keyedBy: "bodies",
  values: [
    {
      from,
      value: {
        "village-committee": 3,
        township: 3,
        "civil-affairs": 15,
        "public-security": 1,
        justice: 7,
        health: 15,
        "human-resources-social-security": 30,
        "poverty-alleviation": 30,
        "elderly-care": 15,
        "disabled-persons-federation": 30
      },
      reference: "local choice: §8 asks discovery, reporting, referral and assistance to be linked effectively, with no numbers"
    }
  ]
})

/**
 * Days each open state of a referral case may last (discovered → reported → referred →
 * assisting).
 *
 * @category parameters
 * @since 0.1.0
 */
export const referralStateDeadlineDays = Parameter.define<Readonly<Record<"discovered" | "reported" | "referred" | "assisting", number>>>({
  id: "hunan.referralWorkflow.deadlineDays",
  description: { zh: "转介个案各环节期限（天）", en: "Deadline of each referral case state (days)" },
  unit: "days",
  status: "local",
  reference: hn("8"),
  values: [{ from, value: { discovered: 1, reported: 3, referred: 15, assisting: 60 } }]
})

/**
 * Every Hunan parameter.
 *
 * @category parameters
 * @since 0.1.0
 */
export const PARAMETERS: ReadonlyArray<Parameter.Parameter> = [
  awayWhereabouts,
  minAbsenceMonths,
  reminderResponseDays,
  lawEnforcementConcerns,
  verificationDays,
  supportDisputeConcerns,
  riskAdvancedAge,
  riskDisabledFromAbility,
  riskSevereFromAbility,
  lowIncomeMultiplier,
  riskNoContactDays,
  riskHighFactorCount,
  assessmentIntervalMonths,
  riskTierLevels,
  visitIntervalDays,
  visitGraceDays,
  visitModes,
  extraVisitConcerns,
  extraVisitDays,
  urgentConcerns,
  urgentExtraVisitDays,
  dibaoStandard,
  temporaryIncomeCap,
  temporaryTriggers,
  serviceSubsidyMinAge,
  serviceSubsidyAbility,
  medicalAssistancePrograms,
  livingSubsidyPrograms,
  careSubsidyMaxGrade,
  careSubsidyCareAbility,
  legalAidNoTestConcerns,
  legalAidExemptPrograms,
  legalAidEconomicStandard,
  povertyLine,
  povertyRegistrationOpen,
  lowFeeCareAbility,
  healthManagementMinAge,
  legalNeedConcerns,
  referralDeadlineDays,
  referralStateDeadlineDays,
  pairingRequiredFor,
  visitorRequired,
  factValidityDays
] as ReadonlyArray<Parameter.Parameter>
