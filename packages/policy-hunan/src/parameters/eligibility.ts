/**
 * Assistance eligibility (§5, §7, §10): dibao, temporary, medical and legal aid, subsidies,
 * poverty registration, nursing-home care, health management.
 *
 * @since 0.1.0
 */
import { Decision, Parameter } from "@liushou/core"
import { DIBAO_STANDARD, POVERTY_LINE, TEMPORARY_INCOME_CAP } from "../regional.js"
import { from, hn, parameter } from "./shared.js"

/**
 * Low income: below this multiple of the county dibao standard (低保边缘, 1.5× in most places,
 * 2× in some). Used by risk grading and by the economic-difficulty test of eligibility.
 *
 * @category parameters
 * @since 0.1.0
 */
export const lowIncomeMultiplier: Parameter.Parameter<number> = parameter("hunan.assistance.lowIncomeMultiplier", "local", hn("8"), 1.5,
  { zh: "低收入线：当地低保标准的倍数（低保边缘）", en: "Low income: a multiple of the local dibao standard (near-dibao)" },
  { unit: "ratio", note: "低保边缘家庭: income below 1.5 × the dibao standard in most provinces' rules (some use 2×); 湘民发〔2018〕30号 sets no multiple" })

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
export const temporaryTriggers: Parameter.Parameter<ReadonlyArray<string>> = parameter("hunan.assistance.temporaryTriggers", "local", hn("5"), ["health", "safety", "housing", "income"],
  { zh: "视为突发困难的探访关注事项", en: "Visit concerns that show a sudden difficulty" }, { valuesFrom: "concerns" })

/**
 * The basic elderly-service subsidy (基本养老服务补贴) goes to economically difficult elders of
 * advanced age or disabled: the age, in full years.
 *
 * @category parameters
 * @since 0.1.0
 */
export const serviceSubsidyMinAge: Parameter.Parameter<number> = parameter("hunan.assistance.serviceSubsidyMinAge", "local", hn("5"), 80,
  { zh: "养老服务补贴的高龄年龄线（周岁）", en: "Advanced age for the elderly-service subsidy (full years)" }, { unit: "years" })

/**
 * Least severe ability level for the elderly-service subsidy.
 *
 * @category parameters
 * @since 0.1.0
 */
export const serviceSubsidyAbility: Parameter.Parameter<string> = parameter("hunan.assistance.serviceSubsidyAbility", "local", hn("5"), "moderate",
  { zh: "养老服务补贴的最轻能力等级", en: "Least severe ability level for the elderly-service subsidy" })

/**
 * Programs received that make an elder eligible for medical assistance (医疗救助): dibao
 * members and registered poor households; extreme-poverty elders qualify by category.
 *
 * @category parameters
 * @since 0.1.0
 */
export const medicalAssistancePrograms: Parameter.Parameter<ReadonlyArray<string>> = parameter("hunan.assistance.medicalAssistancePrograms", "local", hn("5"), ["dibao", "poverty-registration"],
  { zh: "可享受医疗救助的已享受项目", en: "Programs received that qualify for medical assistance" },
  { valuesFrom: "programs", note: "社会救助暂行办法 arts. 28–29: 低保家庭成员、特困供养人员 and others named by the county" })

/**
 * Households whose disabled members receive the living subsidy (困难残疾人生活补贴): dibao
 * households, extendable locally to other low-income households.
 *
 * @category parameters
 * @since 0.1.0
 */
export const livingSubsidyPrograms: Parameter.Parameter<ReadonlyArray<string>> = parameter("hunan.assistance.livingSubsidyPrograms", "local", hn("5"), ["dibao"],
  { zh: "困难残疾人生活补贴的家庭范围（已享受项目）", en: "Programs whose households get the disability living subsidy" },
  { valuesFrom: "programs", note: "国发〔2015〕52号: 困难残疾人生活补贴 for disabled people in 低保 households, extendable locally to other low-income households" })

/**
 * Most severe-numbered grade for the care subsidy (重度残疾人护理补贴): grades 1 and 2.
 *
 * @category parameters
 * @since 0.1.0
 */
export const careSubsidyMaxGrade: Parameter.Parameter<number> = parameter("hunan.assistance.careSubsidyMaxGrade", "interpretation", hn("5"), 2,
  { zh: "重度残疾人护理补贴的残疾等级上限", en: "Highest disability grade number for the care subsidy" },
  { note: "国发〔2015〕52号 (困难残疾人生活补贴和重度残疾人护理补贴): 残疾等级被评定为一级、二级且需要长期照护的重度残疾人; §5 of the Hunan text names the subsidy without conditions" })

/**
 * The least severe ability level read as "需要长期照护" for the care subsidy (国发〔2015〕52号:
 * 残疾等级被评定为一级、二级且需要长期照护的重度残疾人).
 *
 * @category parameters
 * @since 0.2.0
 */
export const careSubsidyCareAbility: Parameter.Parameter<string> = parameter("hunan.assistance.careSubsidyCareAbility", "interpretation", hn("5"), "moderate",
  { zh: "重度残疾人护理补贴：视为需要长期照护的最轻能力等级", en: "Care subsidy: least severe ability level read as needing long-term care" },
  { note: "国发〔2015〕52号 需要长期照护, read as GB/T 42195-2022 能力中度受损 or worse" })

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
export const legalAidExemptPrograms: Parameter.Parameter<ReadonlyArray<string>> = parameter("hunan.assistance.legalAidExemptPrograms", "interpretation", Decision.cite("法律援助法", "42"), ["dibao", "temporary-assistance", "medical-assistance"],
  { zh: "免予核查经济困难状况的已享受项目（社会救助）", en: "Programs received that exempt from the legal-aid economic check (social assistance)" })

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
export const lowFeeCareAbility: Parameter.Parameter<string> = parameter("hunan.assistance.lowFeeCareAbility", "local", hn("7"), "mild",
  { zh: "敬老院低收费照料的最轻能力等级（半失能）", en: "Least severe ability level for low-fee nursing-home care (partly disabled)" }, { note: "半失能 read as GB/T 42195-2022 能力轻度受损 or worse" })

/**
 * "为65岁以上农村留守老年人提供健康管理服务".
 *
 * @category parameters
 * @since 0.1.0
 */
export const healthManagementMinAge: Parameter.Parameter<number> = parameter("hunan.assistance.healthManagementMinAge", "law", hn("10"), 65,
  { zh: "健康管理服务年龄线（周岁）", en: "Age for health management services (full years)" }, { unit: "years" })

/**
 * Visit concerns that show a legal need (法律援助): a support claim, abuse, neglect.
 *
 * @category parameters
 * @since 0.1.0
 */
export const legalNeedConcerns: Parameter.Parameter<ReadonlyArray<string>> = parameter("hunan.assistance.legalNeedConcerns", "local", hn("10"), ["legal", "abuse", "neglect", "support-dispute"],
  { zh: "视为有法律援助需求的探访关注事项", en: "Visit concerns that show a legal need" }, { valuesFrom: "concerns" })
