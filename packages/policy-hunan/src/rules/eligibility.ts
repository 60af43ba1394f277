import { CalendarDate, CaseFile, Decision, Evaluation, Parameter, Policy } from "@liushou/core"
import { NationalParameters, PROGRAM_IDS, type ProgramId } from "@liushou/policy-national"
import * as P from "../parameters/index.js"
import { ABILITY_RANK, awaySinceField, hasConcern, lastCountingVisit, openConcerns } from "./shared.js"

type Program = ProgramId
type Out = Evaluation.EligibilityDecision

const decide = (
  program: Program,
  status: Evaluation.EligibilityStatus,
  reasons: ReadonlyArray<Decision.Reason>,
  missing: ReadonlyArray<string> = [],
  whyNot: ReadonlyArray<Decision.Counterfactual> = []
): Out => ({ program, status, reasons, missing, whyNot })

const counterfactual = (
  field: string,
  operator: Decision.Counterfactual["operator"],
  to: Decision.Counterfactual["to"],
  zh: string,
  en: string,
  result: Evaluation.EligibilityStatus = "eligible"
): Decision.Counterfactual => ({
  field,
  operator,
  to,
  result,
  text: { zh, en }
})

interface Pack {
  readonly dibao: Parameter.Resolved<number> | undefined
  readonly cap: Parameter.Resolved<number> | undefined
  readonly line: number
  readonly dibaoYes: Out
  readonly dibaoNo: Out
  readonly tempYes: Out
  readonly tempNo: Out
  readonly serviceNoIncome: Out
  readonly lowFeeNoIncome: Out
  readonly medicalNoIncome: Out
  readonly medicalIll: Out
}

/**
 * Assistance eligibility (§5, §7, §10) for every program in `PROGRAM_IDS`: `receiving`
 * when the elder already receives it; otherwise `eligible`, `ineligible` (with the smallest
 * single change of facts that would make the elder eligible, where one exists) or
 * `needs-information` (naming the missing case-file field or regional parameter, never a guess).
 * Elders outside the policy's scope (not rural, or under the minimum age) are ineligible for all.
 *
 * | program | rule |
 * | --- | --- |
 * | temporary-assistance (§5) | a sudden difficulty (serious illness, unsafe housing, or a concern in `hunan.assistance.temporaryTriggers` at the last visit) and income ≤ the county's `hunan.assistance.temporaryIncomeCap` |
 * | dibao (§5) | income < the county's `hunan.assistance.dibaoStandard` |
 * | elderly-service-subsidy (§5) | left behind, economically difficult, and aged `serviceSubsidyMinAge`+ or ability `serviceSubsidyAbility` or worse |
 * | medical-assistance (§5) | receives a program in `hunan.assistance.medicalAssistancePrograms` or is in extreme poverty; or seriously ill with income below the low-income line |
 * | rehab-aids (§5) | holds a disability certificate |
 * | disability-living-subsidy (§5) | holds a disability certificate and receives a program in `hunan.assistance.livingSubsidyPrograms` |
 * | disability-care-subsidy (§5) | disability grade ≤ `hunan.assistance.careSubsidyMaxGrade` |
 * | poverty-registration (§7) | registration open and income < `hunan.assistance.povertyLine` |
 * | nursing-home-low-fee-care (§7) | left behind, economically difficult, ability `lowFeeCareAbility` or worse |
 * | health-management (§10) | left behind and aged `healthManagementMinAge`+ |
 * | legal-aid (§10) | a legal need: an open concern in `hunan.assistance.legalNeedConcerns` (noted at a visit or on record, until resolved), or a follow-up at criticism and education or beyond; no economic test for verified abuse from 2022 |
 *
 * Economic difficulty: a program in `national.priority.economicDifficultyPrograms`, the
 * extreme-poverty category, or income below the county dibao standard ×
 * `hunan.assistance.lowIncomeMultiplier`. Topics cited: `eligibility.scope` and
 * `eligibility.<program>`.
 *
 * @category rules
 * @since 0.1.0
 */
/** A disability grade (1 to 4) in Chinese numerals, as the certificates write it: 一级 … 四级. */
const gradeZh = (grade: number): string => ["一", "二", "三", "四"][grade - 1] ?? String(grade)

export const eligibility = Policy.rule("eligibility", {
  parameters: [
    NationalParameters.minAge.id,
    NationalParameters.economicDifficultyPrograms.id,
    P.dibaoStandard.id,
    P.temporaryIncomeCap.id,
    P.lowIncomeMultiplier.id,
    P.temporaryTriggers.id,
    P.serviceSubsidyMinAge.id,
    P.serviceSubsidyAbility.id,
    P.medicalAssistancePrograms.id,
    P.livingSubsidyPrograms.id,
    P.careSubsidyMaxGrade.id,
    P.povertyLine.id,
    P.povertyRegistrationOpen.id,
    P.lowFeeCareAbility.id,
    P.healthManagementMinAge.id,
    P.legalNeedConcerns.id,
    P.careSubsidyCareAbility.id,
    P.legalAidNoTestConcerns.id,
    P.legalAidExemptPrograms.id,
    P.legalAidEconomicStandard.id,
    P.visitModes.id
  ],
  topics: ["eligibility.scope", ...PROGRAM_IDS.map((p) => `eligibility.${p}`)],
  uses: { programs: PROGRAM_IDS },
  compile: (env) => {
    const minAge = env.param<number>(NationalParameters.minAge.id)
    const econPrograms = new Set(env.param<ReadonlyArray<string>>(NationalParameters.economicDifficultyPrograms.id))
    const dibaoOf = env.regional<number>(P.dibaoStandard.id)
    const capOf = env.regional<number>(P.temporaryIncomeCap.id)
    const multiplier = env.param<number>(P.lowIncomeMultiplier.id)
    const triggers = new Set(env.param<ReadonlyArray<string>>(P.temporaryTriggers.id))
    const svcAge = env.param<number>(P.serviceSubsidyMinAge.id)
    const svcAbility = env.param<CaseFile.Ability>(P.serviceSubsidyAbility.id)
    const svcRank = ABILITY_RANK[svcAbility]
    const medicalPrograms = new Set(env.param<ReadonlyArray<string>>(P.medicalAssistancePrograms.id))
    const livingPrograms = env.param<ReadonlyArray<string>>(P.livingSubsidyPrograms.id)
    const livingSet = new Set(livingPrograms)
    const careMax = env.param<number>(P.careSubsidyMaxGrade.id)
    const povLine = env.param<number>(P.povertyLine.id)
    const povOpen = env.param<boolean>(P.povertyRegistrationOpen.id)
    const lowFeeAbility = env.param<CaseFile.Ability>(P.lowFeeCareAbility.id)
    const lowFeeRank = ABILITY_RANK[lowFeeAbility]
    const hmAge = env.param<number>(P.healthManagementMinAge.id)
    const careAbility = env.param<CaseFile.Ability>(P.careSubsidyCareAbility.id)
    const careRank = ABILITY_RANK[careAbility]
    const noTestConcerns = new Set(env.param<ReadonlyArray<string>>(P.legalAidNoTestConcerns.id))
    const exemptPrograms = new Set(env.param<ReadonlyArray<string>>(P.legalAidExemptPrograms.id))
    const legalStdOf = env.regional<number>(P.legalAidEconomicStandard.id)
    const legalExempt = (e: CaseFile.Elder): boolean => {
      if (e.categories !== undefined && e.categories.includes("extreme-poverty")) return true
      for (const p of e.receiving) if (exemptPrograms.has(p)) return true
      return false
    }
    const legalConcerns = new Set(env.param<ReadonlyArray<string>>(P.legalNeedConcerns.id))
    const legalKinds = [...new Set([...legalConcerns, ...noTestConcerns])]
    const modes = new Set(env.param<ReadonlyArray<string>>(P.visitModes.id))
    const asOf = env.asOf
    const y = Decision.formatYuan
    const scope = env.cite("eligibility.scope")
    const C = Object.fromEntries(PROGRAM_IDS.map((p) => [p, env.cite(`eligibility.${p}`)])) as Record<Program, Decision.Citation>
    type Rests = ReadonlyArray<string | Parameter.Resolved | undefined>
    const r = (p: Program, code: string, zh: string, en: string, params: Rests = [], reading?: "interpretation") =>
      env.reason(`eligibility.${p}.${code}`, C[p], zh, en, reading === undefined ? { params } : { params, reading })
    const ECONP = NationalParameters.economicDifficultyPrograms.id
    const MULT = P.lowIncomeMultiplier.id
    const DIBAO = "hunan.assistance.dibaoStandard"
    const LEGAL_STD = P.legalAidEconomicStandard.id
    const HARDSHIP = "visits[].note (the hardship: sudden or urgent, or a necessary expense, and its amount)"
    const CAP = "hunan.assistance.temporaryIncomeCap"
    const bornBy = (age: number) => CalendarDate.addYears(asOf, -age)

    // decisions that do not depend on the elder's region, built once
    const receiving = Object.fromEntries(
      PROGRAM_IDS.map((p) => [p, decide(p, "receiving", [r(p, "receiving", "已享受该项目", "already receives this program")])])
    ) as Record<Program, Out>
    const outReason = env.reason("eligibility.out-of-scope", scope, `不在农村生活或未满${minAge}周岁，不属于本意见的关爱救助对象`, `does not live in a rural area or is under ${minAge}: outside this policy's care and assistance`, { params: [NationalParameters.minAge.id] })
    const outOfScope: ReadonlyArray<Out> = PROGRAM_IDS.map((p) => decide(p, "ineligible", [outReason]))
    const notLb = (p: Program) => decide(p, "ineligible", [r(p, "not-left-behind", "该项目面向农村留守老年人，本人不属于留守老年人", "this program is for rural left-behind elders, and the elder is not left behind")])
    const lbUnknownReason = (p: Program) => r(p, "left-behind-unknown", "留守认定所需信息不全，无法判断", "left-behind status is unknown, so eligibility cannot be decided")
    const lbUnknown = {
      "elderly-service-subsidy": lbUnknownReason("elderly-service-subsidy"),
      "nursing-home-low-fee-care": lbUnknownReason("nursing-home-low-fee-care"),
      "health-management": lbUnknownReason("health-management")
    }
    const S = {
      tempNoEvent: decide(
        "temporary-assistance",
        "ineligible",
        [r("temporary-assistance", "no-sudden-difficulty", "未记录突发性、紧迫性、临时性基本生活困难（慢性病本身不属于）", "no sudden, urgent or temporary difficulty in basic living is recorded (a chronic illness alone is not one)", [P.temporaryTriggers.id])],
        [],
        [counterfactual("visits[].concerns", "=", "income", "如探访记录了突发的基本生活困难，可申请临时救助", "eligible if a sudden difficulty in basic living were recorded at a visit")]
      ),
      tempMissing: decide("temporary-assistance", "needs-information", [r("temporary-assistance", "missing-cap", "当地临时救助收入上限缺失（上年农村居民人均可支配收入）", "the local income cap (last year's rural per-capita disposable income) is missing", [CAP])], [CAP]),
      tempUnknownHardship: decide(
        "temporary-assistance",
        "needs-information",
        [
          r(
            "temporary-assistance",
            "hardship-unknown",
            "探访记录了生活困难，但是否属于突发性、紧迫性困难（急难型）或超出承受能力的必需支出（支出型）及其金额未记录",
            "a difficulty was recorded at a visit, but whether it is sudden or urgent (an emergency) or a necessary expense beyond the household's means, and how much, is not recorded",
            [P.temporaryTriggers.id],
            "interpretation"
          )
        ],
        [HARDSHIP]
      ),
      dibaoMissing: decide("dibao", "needs-information", [r("dibao", "missing-standard", "当地农村低保标准缺失", "the local rural dibao standard is missing", [DIBAO])], [DIBAO]),
      serviceYes: decide("elderly-service-subsidy", "eligible", [r("elderly-service-subsidy", "eligible", `经济困难家庭的高龄（${svcAge}周岁以上）或失能留守老年人`, `a left-behind elder of advanced age (${svcAge}+) or disabled, in an economically difficult household`, [P.serviceSubsidyMinAge.id, P.serviceSubsidyAbility.id, ECONP])]),
      serviceMissing: decide("elderly-service-subsidy", "needs-information", [r("elderly-service-subsidy", "missing-standard", "当地农村低保标准缺失，无法判断是否经济困难", "the local dibao standard is missing, so economic difficulty cannot be judged", [DIBAO])], [DIBAO]),
      serviceNoNeedEcon: decide(
        "elderly-service-subsidy",
        "ineligible",
        [r("elderly-service-subsidy", "not-old-or-disabled", `未满${svcAge}周岁且未失能`, `under ${svcAge} and not disabled`, [P.serviceSubsidyMinAge.id, P.serviceSubsidyAbility.id])],
        [],
        [counterfactual("elder.birthDate", "<=", bornBy(svcAge), `年满${svcAge}周岁（${bornBy(svcAge)}或之前出生）即符合条件`, `eligible at age ${svcAge} (born on or before ${bornBy(svcAge)})`)]
      ),
      serviceNoNeed: decide("elderly-service-subsidy", "ineligible", [r("elderly-service-subsidy", "not-old-or-disabled", `未满${svcAge}周岁且未失能`, `under ${svcAge} and not disabled`, [P.serviceSubsidyMinAge.id, P.serviceSubsidyAbility.id])]),
      medicalProgram: decide("medical-assistance", "eligible", [r("medical-assistance", "eligible-program", "低保对象、特困人员或建档立卡贫困人口，纳入医疗救助", "a dibao recipient, extreme-poverty elder or registered poor: covered by medical assistance", [P.medicalAssistancePrograms.id])]),
      medicalMissing: decide("medical-assistance", "needs-information", [r("medical-assistance", "missing-standard", "患严重疾病，但当地低保标准缺失，无法判断是否低收入", "seriously ill, but the local dibao standard is missing, so low income cannot be judged", [DIBAO])], [DIBAO]),
      medicalNo: decide("medical-assistance", "ineligible", [r("medical-assistance", "not-covered", "非低保、特困或建档立卡对象，且未患严重疾病", "not a dibao, extreme-poverty or registered poor elder, and not seriously ill", [P.medicalAssistancePrograms.id])]),
      medicalNoDibaoYet: decide(
        "medical-assistance",
        "ineligible",
        [r("medical-assistance", "not-covered", "非低保、特困或建档立卡对象，且未患严重疾病", "not a dibao, extreme-poverty or registered poor elder, and not seriously ill", [P.medicalAssistancePrograms.id])],
        [],
        [counterfactual("elder.receiving", "=", "dibao", "收入低于低保标准，纳入低保后即可享受医疗救助", "income is below the dibao standard: eligible once receiving dibao")]
      ),
      rehabYes: decide("rehab-aids", "eligible", [r("rehab-aids", "eligible", "持有残疾人证的农村残疾老年人", "a rural disabled elder with a disability certificate")]),
      rehabNo: decide("rehab-aids", "ineligible", [r("rehab-aids", "no-certificate", "未持有残疾人证", "holds no disability certificate")], [], [counterfactual("elder.disabilityGrade", "<=", 4, "经评定持有残疾人证（任一等级）即符合条件", "eligible with a disability certificate of any grade")]),
      livingYes: decide("disability-living-subsidy", "eligible", [r("disability-living-subsidy", "eligible", "低保家庭中的残疾老年人", "a disabled elder in a dibao household", [P.livingSubsidyPrograms.id])]),
      livingNoDibao: decide(
        "disability-living-subsidy",
        "ineligible",
        [r("disability-living-subsidy", "not-dibao-household", "持有残疾人证，但不属于低保家庭", "holds a disability certificate but the household does not receive dibao", [P.livingSubsidyPrograms.id])],
        [],
        [counterfactual("elder.receiving", "=", livingPrograms[0] ?? "dibao", "纳入低保后即符合条件", "eligible once the household receives dibao")]
      ),
      livingNoGrade: decide("disability-living-subsidy", "ineligible", [r("disability-living-subsidy", "no-certificate", "未持有残疾人证", "holds no disability certificate")], [], [counterfactual("elder.disabilityGrade", "<=", 4, "经评定持有残疾人证即符合条件", "eligible with a disability certificate")]),
      livingNeither: decide("disability-living-subsidy", "ineligible", [r("disability-living-subsidy", "no-certificate", "未持有残疾人证", "holds no disability certificate"), r("disability-living-subsidy", "not-dibao-household", "不属于低保家庭", "the household does not receive dibao", [P.livingSubsidyPrograms.id])]),
      careYes: decide("disability-care-subsidy", "eligible", [
        r("disability-care-subsidy", "eligible", `残疾等级为一至${gradeZh(careMax)}级（重度残疾），且需要长期照护`, `disability grade 1 to ${careMax} (severe) and in need of long-term care`, [P.careSubsidyMaxGrade.id, P.careSubsidyCareAbility.id])
      ]),
      careNoNeed: decide(
        "disability-care-subsidy",
        "ineligible",
        [r("disability-care-subsidy", "no-long-term-care", `残疾等级为一至${gradeZh(careMax)}级，但未评估为需要长期照护（能力等级轻于“${careAbility}”）`, `disability grade 1 to ${careMax}, but not assessed as needing long-term care (ability better than "${careAbility}")`, [P.careSubsidyMaxGrade.id, P.careSubsidyCareAbility.id])],
        [],
        [counterfactual("elder.ability", "=", careAbility, `经评估需要长期照护（能力等级“${careAbility}”或更差）即符合条件`, `eligible if assessed as needing long-term care ("${careAbility}" or worse)`)]
      ),
      careNo: decide("disability-care-subsidy", "ineligible", [r("disability-care-subsidy", "not-severe", `无残疾人证或残疾等级低于${careMax}级`, `no disability certificate, or a grade above ${careMax}`, [P.careSubsidyMaxGrade.id])], [], [counterfactual("elder.disabilityGrade", "<=", careMax, `残疾等级为一至${gradeZh(careMax)}级即符合条件`, `eligible with disability grade ${careMax} or more severe`)]),
      povClosed: decide("poverty-registration", "ineligible", [r("poverty-registration", "closed", "脱贫攻坚已完成，不再新增建档立卡（转为防止返贫动态监测）", "the poverty-alleviation campaign is complete: no new registrations (monitoring against relapse instead)", [P.povertyRegistrationOpen.id])]),
      povYes: decide("poverty-registration", "eligible", [r("poverty-registration", "eligible", `人均年收入低于扶贫标准${y(povLine)}元`, `annual income below the poverty line of ${y(povLine)} yuan`, [P.povertyLine.id])]),
      povNo: decide(
        "poverty-registration",
        "ineligible",
        [r("poverty-registration", "above-line", `人均年收入不低于扶贫标准${y(povLine)}元`, `annual income not below the poverty line of ${y(povLine)} yuan`, [P.povertyLine.id])],
        [],
        [counterfactual("elder.annualIncome", "<", povLine, `人均年收入低于${y(povLine)}元即符合条件`, `eligible if annual income < ${y(povLine)} yuan`)]
      ),
      lowFeeYes: decide("nursing-home-low-fee-care", "eligible", [r("nursing-home-low-fee-care", "eligible", "经济困难的失能半失能留守老年人，可由农村敬老院提供低收费照料", "a partly or fully disabled left-behind elder in economic difficulty: low-fee care in a rural nursing home", [P.lowFeeCareAbility.id, ECONP])]),
      lowFeeMissing: decide("nursing-home-low-fee-care", "needs-information", [r("nursing-home-low-fee-care", "missing-standard", "当地农村低保标准缺失，无法判断是否经济困难", "the local dibao standard is missing, so economic difficulty cannot be judged", [DIBAO])], [DIBAO]),
      lowFeeNoNeedEcon: decide(
        "nursing-home-low-fee-care",
        "ineligible",
        [r("nursing-home-low-fee-care", "not-disabled", "未失能或半失能", "not partly or fully disabled", [P.lowFeeCareAbility.id])],
        [],
        [counterfactual("elder.ability", "=", lowFeeAbility, `经评估能力等级为“${lowFeeAbility}”或更差时符合条件`, `eligible if assessed as "${lowFeeAbility}" or worse`)]
      ),
      lowFeeNoNeed: decide("nursing-home-low-fee-care", "ineligible", [r("nursing-home-low-fee-care", "not-disabled", "未失能或半失能", "not partly or fully disabled", [P.lowFeeCareAbility.id])]),
      hmYes: decide("health-management", "eligible", [
        r(
          "health-management",
          "eligible",
          `年满${hmAge}周岁：老年人健康管理属国家基本公共卫生服务，人人享有；本意见要求为${hmAge}岁以上农村留守老年人提供`,
          `aged ${hmAge} or over: health management for the elderly is a basic public health service every resident is entitled to; this policy asks that left-behind elders of ${hmAge}+ receive it`,
          [P.healthManagementMinAge.id]
        )
      ]),
      hmNo: decide(
        "health-management",
        "ineligible",
        [r("health-management", "under-age", `未满${hmAge}周岁`, `under ${hmAge}`, [P.healthManagementMinAge.id])],
        [],
        [counterfactual("elder.birthDate", "<=", bornBy(hmAge), `年满${hmAge}周岁（${bornBy(hmAge)}或之前出生）即符合条件`, `eligible at age ${hmAge} (born on or before ${bornBy(hmAge)})`)]
      ),
      legalNoTest: decide("legal-aid", "eligible", [
        r(
          "legal-aid",
          "eligible-no-economic-test",
          "虐待等侵害经核实：受害人主张相关权益申请法律援助，不受经济困难条件限制",
          "abuse has been verified: a victim asserting their rights gets legal aid with no economic test",
          [P.legalAidNoTestConcerns.id]
        )
      ]),
      legalExempt: decide("legal-aid", "eligible", [
        r(
          "legal-aid",
          "eligible-exempt",
          "有法律援助需求（如追索赡养费），且为社会救助对象或特困人员，免予核查经济困难状况",
          "a legal need (such as a support claim), and a social-assistance recipient or extreme-poverty elder, exempt from the economic check",
          [P.legalNeedConcerns.id, P.legalAidExemptPrograms.id]
        )
      ]),
      legalMissing: decide(
        "legal-aid",
        "needs-information",
        [
          r(
            "legal-aid",
            "missing-economic-standard",
            "有法律援助需求（如追索赡养费），需按省级经济困难标准审查；当地标准缺失",
            "a legal need (such as a support claim) that needs the province's economic-difficulty test; the local standard is missing",
            [P.legalNeedConcerns.id, LEGAL_STD]
          )
        ],
        [LEGAL_STD]
      ),
      legalNo: decide(
        "legal-aid",
        "ineligible",
        [r("legal-aid", "no-legal-need", "未发现法律援助需求", "no legal need found", [P.legalNeedConcerns.id])],
        [],
        [counterfactual("visits[].concerns", "=", "legal", "如探访记录了法律事项（如追索赡养费），可申请法律援助（需符合经济困难条件）", "may apply if a legal matter (such as a support claim) were recorded at a visit (subject to the economic test)")]
      )
    }
    const notLeftBehind = {
      "elderly-service-subsidy": notLb("elderly-service-subsidy"),
      "nursing-home-low-fee-care": notLb("nursing-home-low-fee-care"),
      "health-management": notLb("health-management")
    }

    // decisions that depend on the county's figures, built once per pair of figures (the
    // engine gives every village with the same figure the same object)
    const byFigures = new Map<Parameter.Resolved<number> | undefined, Map<Parameter.Resolved<number> | undefined, Pack>>()
    const packFor = (code: string): Pack => {
      const dibao = dibaoOf(code)
      const cap = capOf(code)
      let byCap = byFigures.get(dibao)
      if (byCap === undefined) byFigures.set(dibao, (byCap = new Map()))
      let p = byCap.get(cap)
      if (p !== undefined) return p
      const std = dibao?.value ?? 0
      const line = std * multiplier
      const incomeBelowLine = (program: Program, lead: string, leadEn: string) =>
        decide(
          program,
          "ineligible",
          [r(program, "not-economic-difficulty", `${lead}，但人均年收入不低于低收入线${y(line)}元（低保标准${y(std)}元的${multiplier}倍）`, `${leadEn}, but annual income is not below the low-income line of ${y(line)} yuan (${multiplier} × the dibao standard of ${y(std)})`, [MULT, dibao])],
          [],
          [counterfactual("elder.annualIncome", "<", line, `人均年收入低于${y(line)}元即符合条件`, `eligible if annual income < ${y(line)} yuan`)]
        )
      p = {
        dibao,
        cap,
        line,
        dibaoYes: decide("dibao", "eligible", [r("dibao", "eligible", `人均年收入低于当地农村低保标准${y(std)}元`, `annual income below the local rural dibao standard of ${y(std)} yuan`, [dibao])]),
        dibaoNo: decide(
          "dibao",
          "ineligible",
          [r("dibao", "above-standard", `人均年收入不低于当地农村低保标准${y(std)}元`, `annual income not below the local rural dibao standard of ${y(std)} yuan`, [dibao])],
          [],
          [counterfactual("elder.annualIncome", "<", std, `人均年收入低于${y(std)}元即符合条件`, `eligible if annual income < ${y(std)} yuan`)]
        ),
        tempYes: decide("temporary-assistance", "eligible", [r("temporary-assistance", "eligible", `遭遇突发性、紧迫性、临时性生活困难，且人均年收入不高于${y(cap?.value ?? 0)}元`, `a sudden, urgent or temporary difficulty, and annual income ≤ ${y(cap?.value ?? 0)} yuan`, [cap])]),
        tempNo: decide(
          "temporary-assistance",
          "ineligible",
          [r("temporary-assistance", "above-cap", `人均年收入高于临时救助收入上限${y(cap?.value ?? 0)}元`, `annual income above the temporary assistance cap of ${y(cap?.value ?? 0)} yuan`, [cap])],
          [],
          [
            counterfactual(
              "elder.annualIncome",
              "<=",
              cap?.value ?? 0,
              `人均年收入不高于${y(cap?.value ?? 0)}元时，再看困难是否属突发、紧迫及其支出`,
              `if annual income were ≤ ${y(cap?.value ?? 0)} yuan, whether the hardship is sudden or urgent, and its cost, would decide`,
              "needs-information"
            )
          ]
        ),
        serviceNoIncome: incomeBelowLine("elderly-service-subsidy", "高龄或失能", "of advanced age or disabled"),
        lowFeeNoIncome: incomeBelowLine("nursing-home-low-fee-care", "失能或半失能", "partly or fully disabled"),
        medicalNoIncome: incomeBelowLine("medical-assistance", "患严重疾病", "seriously ill"),
        medicalIll: decide("medical-assistance", "eligible", [r("medical-assistance", "eligible-illness", "患严重疾病且家庭低收入（因病致贫）", "seriously ill in a low-income household (poverty due to illness)", [MULT, dibao])])
      }
      byCap.set(cap, p)
      return p
    }

    const legalPacks = new Map<Parameter.Resolved<number>, ReadonlyArray<Out>>()
    const legalPackFor = (std: Parameter.Resolved<number>): ReadonlyArray<Out> => {
      let pk = legalPacks.get(std)
      if (pk === undefined) {
        pk = [
          decide("legal-aid", "eligible", [
            r("legal-aid", "eligible-economic", `有法律援助需求，且人均年收入低于经济困难标准${y(std.value)}元`, `a legal need, and annual income below the economic-difficulty standard of ${y(std.value)} yuan`, [P.legalNeedConcerns.id, std])
          ]),
          decide(
            "legal-aid",
            "ineligible",
            [r("legal-aid", "not-economic-difficulty", `有法律援助需求，但人均年收入不低于经济困难标准${y(std.value)}元`, `a legal need, but annual income is not below the economic-difficulty standard of ${y(std.value)} yuan`, [P.legalNeedConcerns.id, std])],
            [],
            [counterfactual("elder.annualIncome", "<", std.value, `人均年收入低于${y(std.value)}元即符合条件`, `eligible if annual income < ${y(std.value)} yuan`)]
          )
        ]
        legalPacks.set(std, pk)
      }
      return pk
    }
    return (cf, ctx, prior) => {
      const e = cf.elder
      if (!e.rural || ctx.age < minAge) return outOfScope
      const pack = packFor(e.regionCode)
      if (pack.dibao !== undefined) ctx.use(pack.dibao)
      const income = e.annualIncome
      const rank = ABILITY_RANK[e.ability]
      const recv = e.receiving
      const extremePoverty = e.categories !== undefined && e.categories.includes("extreme-poverty")
      let econByProgram = extremePoverty
      let medicalByProgram = extremePoverty
      let livingByProgram = false
      for (const p of recv) {
        if (econPrograms.has(p)) econByProgram = true
        if (medicalPrograms.has(p)) medicalByProgram = true
        if (livingSet.has(p)) livingByProgram = true
      }
      // 0 yes, 1 no, 2 unknown
      const econ = econByProgram ? 0 : pack.dibao === undefined ? 2 : income < pack.line ? 0 : 1
      const last = lastCountingVisit(cf.visits, env.asOf, modes)
      const lb = prior.leftBehind!.value
      const field = lb === null ? awaySinceField(cf.supporters) : ""
      const grade = e.disabilityGrade
      const step = prior.followUp?.step ?? "none"
      const out: Array<Out> = new Array(11)
      // temporary-assistance
      if (recv.includes("temporary-assistance")) out[0] = receiving["temporary-assistance"]
      else if (!(e.housingSafety === "unsafe" || hasConcern(last, triggers))) out[0] = S.tempNoEvent
      else if (pack.cap === undefined) out[0] = S.tempMissing
      else {
        ctx.use(pack.cap)
        // a difficulty is recorded; whether it is sudden or urgent, and its cost, is not: the
        // honest answer is needs-information unless income already rules the elder out
        out[0] = income <= pack.cap.value ? S.tempUnknownHardship : pack.tempNo
      }
      // dibao
      out[1] = recv.includes("dibao") ? receiving.dibao : pack.dibao === undefined ? S.dibaoMissing : income < pack.dibao.value ? pack.dibaoYes : pack.dibaoNo
      // elderly-service-subsidy
      if (recv.includes("elderly-service-subsidy")) out[2] = receiving["elderly-service-subsidy"]
      else if (lb === false) out[2] = notLeftBehind["elderly-service-subsidy"]
      else if (lb === null) out[2] = decide("elderly-service-subsidy", "needs-information", [lbUnknown["elderly-service-subsidy"]], [field])
      else if (ctx.age >= svcAge || rank >= svcRank) out[2] = econ === 0 ? S.serviceYes : econ === 2 ? S.serviceMissing : pack.serviceNoIncome
      else out[2] = econ === 0 ? S.serviceNoNeedEcon : S.serviceNoNeed
      // medical-assistance
      if (recv.includes("medical-assistance")) out[3] = receiving["medical-assistance"]
      else if (medicalByProgram) out[3] = S.medicalProgram
      else if (e.seriousIllness) out[3] = pack.dibao === undefined ? S.medicalMissing : income < pack.line ? pack.medicalIll : pack.medicalNoIncome
      else out[3] = pack.dibao !== undefined && income < pack.dibao.value ? S.medicalNoDibaoYet : S.medicalNo
      // rehab-aids
      out[4] = recv.includes("rehab-aids") ? receiving["rehab-aids"] : grade !== null ? S.rehabYes : S.rehabNo
      // disability-living-subsidy
      out[5] = recv.includes("disability-living-subsidy")
        ? receiving["disability-living-subsidy"]
        : grade !== null
          ? livingByProgram
            ? S.livingYes
            : S.livingNoDibao
          : livingByProgram
            ? S.livingNoGrade
            : S.livingNeither
      // disability-care-subsidy
      out[6] = recv.includes("disability-care-subsidy")
        ? receiving["disability-care-subsidy"]
        : grade !== null && grade <= careMax
          ? rank >= careRank
            ? S.careYes
            : S.careNoNeed
          : S.careNo
      // poverty-registration
      out[7] = recv.includes("poverty-registration") ? receiving["poverty-registration"] : !povOpen ? S.povClosed : income < povLine ? S.povYes : S.povNo
      // nursing-home-low-fee-care
      if (recv.includes("nursing-home-low-fee-care")) out[8] = receiving["nursing-home-low-fee-care"]
      else if (lb === false) out[8] = notLeftBehind["nursing-home-low-fee-care"]
      else if (lb === null) out[8] = decide("nursing-home-low-fee-care", "needs-information", [lbUnknown["nursing-home-low-fee-care"]], [field])
      else if (rank >= lowFeeRank) out[8] = econ === 0 ? S.lowFeeYes : econ === 2 ? S.lowFeeMissing : pack.lowFeeNoIncome
      else out[8] = econ === 0 ? S.lowFeeNoNeedEcon : S.lowFeeNoNeed
      // health-management
      if (recv.includes("health-management")) out[9] = receiving["health-management"]
      else out[9] = ctx.age >= hmAge ? S.hmYes : S.hmNo
      // legal-aid
      // legal-aid: a legal need, then the economic test of 法律援助法 art. 31 (before 2022, 法律援助条例
      // art. 10), with the exemptions of art. 42 and, from 2022, none for victims of abuse (art. 32)
      if (recv.includes("legal-aid")) out[10] = receiving["legal-aid"]
      else {
        // concerns stay open until resolved (a clean visit does not close them); the no-test
        // exemption needs the abuse verified
        let noTest = false
        let need = step === "criticism-education" || step === "law-enforcement"
        for (const o of openConcerns(cf, env.asOf, legalKinds)) {
          if (legalConcerns.has(o.concern)) need = true
          if (o.verified && noTestConcerns.has(o.concern)) noTest = true
        }
        if (noTest) out[10] = S.legalNoTest
        else if (!need) out[10] = S.legalNo
        else if (legalExempt(e)) out[10] = S.legalExempt
        else {
          const std = legalStdOf(e.regionCode)
          if (std === undefined) out[10] = S.legalMissing
          else {
            ctx.use(std)
            out[10] = legalPackFor(std)[income < std.value ? 0 : 1]!
          }
        }
      }
      return out
    }
  }
})
