import { CalendarDate, type Evaluation, Policy } from "@liushou/core"
import * as P from "../parameters.js"
import { hasDirectObligor, isObligor, type Obligors } from "./shared.js"


/**
 * The family duties (ids of `DutyFinding.duty`).
 *
 * @category duties
 * @since 0.1.0
 */
export const DUTIES = {
  /** visit or greet the elder often (经常看望或者问候), per supporter living apart */
  regularContact: "regular-contact",
  /** report whereabouts and contact to the village committee, per supporter away */
  reportToVillage: "report-to-village",
  /** entrust a capable relative or other person with the elder's care when every supporter is away */
  delegatedCarer: "delegated-carer",
  /** at least one supporter at home for an elder seriously ill or unable to care for themselves */
  carerAtHome: "carer-at-home",
  /** provide for the elder financially (经济上供养), per household */
  financialSupport: "financial-support"
} as const

/**
 * Family-duty findings: per supporter (regular contact, report to the village committee) and
 * per household (a delegated carer when every supporter is away; a supporter at home when
 * the elder is seriously ill or cannot care for themselves; financial support, 经济上供养, from
 * the village committee's recorded finding `elder.facts.financial-support`, else met when the
 * children are among the income sources, else unknown). Facts dated after the as-of date
 * are not known at it.
 *
 * Topics cited: `duties.contact`, `duties.report`, `duties.delegation`, `duties.carer-at-home`,
 * `duties.financial`.
 *
 * @category rules
 * @since 0.1.0
 */
export const duties = Policy.rule("duties", {
  parameters: [P.maxDaysSinceContact.id, P.noSelfCareAbility.id, P.supportRelations.id, P.substituteSupportRelations.id, P.assistingRelations.id, P.financialSupportSources.id],
  topics: ["duties.contact", "duties.report", "duties.delegation", "duties.carer-at-home", "duties.financial"],
  compile: (env) => {
    const maxDays = env.param<number>(P.maxDaysSinceContact.id)
    const noSelfCare = new Set(env.param<ReadonlyArray<string>>(P.noSelfCareAbility.id))
    const supportSources = new Set(env.param<ReadonlyArray<string>>(P.financialSupportSources.id))
    const obligors: Obligors = {
      direct: new Set(env.param<ReadonlyArray<string>>(P.supportRelations.id)),
      substitute: new Set(env.param<ReadonlyArray<string>>(P.substituteSupportRelations.id)),
      assisting: new Set(env.param<ReadonlyArray<string>>(P.assistingRelations.id))
    }
    const contactCutoff = CalendarDate.addDays(env.asOf, -maxDays)
    const cContact = env.cite("duties.contact")
    const cReport = env.cite("duties.report")
    const cDelegation = env.cite("duties.delegation")
    const cHome = env.cite("duties.carer-at-home")
    const cFinancial = env.cite("duties.financial")
    const reason = env.reason
    const DAYS = { params: [P.maxDaysSinceContact.id] }
    const HOME = { params: [P.noSelfCareAbility.id, P.supportRelations.id] }
    const R = {
      contactMet: [reason("duties.contact.met", cContact, `${maxDays}天内看望或问候过老年人`, `visited or called the elder within ${maxDays} days`, DAYS)],
      contactUnmet: [reason("duties.contact.unmet", cContact, `超过${maxDays}天未看望或问候老年人`, `has not visited or called the elder for more than ${maxDays} days`, DAYS)],
      contactUnknown: [reason("duties.contact.unknown", cContact, "最近一次看望或问候时间不详（lastContact）", "the last visit or call is unknown (lastContact)")],
      reportMet: [reason("duties.report.met", cReport, "已向村（居）民委员会报告去向和联系方式", "has reported whereabouts and contact details to the village committee")],
      reportUnmet: [reason("duties.report.unmet", cReport, "未向村（居）民委员会报告去向和联系方式", "has not reported whereabouts and contact details to the village committee")],
      delegationMet: [reason("duties.delegation.met", cDelegation, "赡养人均外出，已委托他人代为照顾", "every supporter is away and the elder's care is entrusted to another person", { params: [P.supportRelations.id] })],
      delegationFamily: [
        reason(
          "duties.delegation.family-at-home",
          cDelegation,
          "赡养人均外出，配偶或子女的配偶与老年人同住照料",
          "every supporter is away, and a spouse or a supporter's spouse lives with and cares for the elder",
          { params: [P.supportRelations.id, P.assistingRelations.id], reading: "interpretation" }
        )
      ],
      delegationUnmet: [reason("duties.delegation.unmet", cDelegation, "赡养人均外出，未委托亲属等有能力的人代为照顾", "every supporter is away and no relative or other capable person has been entrusted with the elder's care", { params: [P.supportRelations.id] })],
      homeMet: [reason("duties.carer-at-home.met", cHome, "老年人患严重疾病或丧失自理能力，有赡养人在家照料", "the elder is seriously ill or cannot care for themselves, and a supporter is at home", HOME)],
      homeUnmet: [reason("duties.carer-at-home.unmet", cHome, "老年人患严重疾病或丧失自理能力，家庭未确定至少1名赡养人在家照料", "the elder is seriously ill or cannot care for themselves, and no supporter stays at home to care for them", HOME)],
      homeUnmetCared: [
        reason(
          "duties.carer-at-home.unmet-cared-for",
          cHome,
          "老年人患严重疾病或丧失自理能力，配偶、子女的配偶或受委托人在家照料，但家庭未确定至少1名赡养人在家照料",
          "the elder is seriously ill or cannot care for themselves; a spouse, an in-law or the delegated carer cares for them at home, but no supporter stays at home",
          HOME
        )
      ],
      financialMet: [reason("duties.financial.met", cFinancial, "赡养人履行经济上供养义务（村（居）委会核实）", "the supporters provide for the elder financially (as the village committee found)", { params: [P.supportRelations.id] })],
      financialChildren: [
        reason("duties.financial.income-from-children", cFinancial, "收入来源中有子女供给：赡养人履行经济上供养义务", "the children are among the income sources: the supporters provide for the elder financially", {
          params: [P.supportRelations.id, P.financialSupportSources.id]
        })
      ],
      financialUnmet: [reason("duties.financial.unmet", cFinancial, "赡养人未履行经济上供养义务（村（居）委会核实）", "the supporters do not provide for the elder financially (as the village committee found)", { params: [P.supportRelations.id] })],
      financialUnknown: [
        reason(
          "duties.financial.unknown",
          cFinancial,
          "赡养人是否履行经济上供养义务不详：收入来源中无子女供给，且未记录核实情况（elder.facts.financial-support）",
          "whether the supporters provide for the elder financially is unknown: the children are not among the income sources and no finding is recorded (elder.facts.financial-support)",
          { params: [P.supportRelations.id, P.financialSupportSources.id] }
        )
      ]
    }
    const household = {
      delegationMet: { duty: DUTIES.delegatedCarer, supporterId: null, status: "met", reasons: R.delegationMet },
      delegationUnmet: { duty: DUTIES.delegatedCarer, supporterId: null, status: "unmet", reasons: R.delegationUnmet },
      delegationFamily: { duty: DUTIES.delegatedCarer, supporterId: null, status: "met", reasons: R.delegationFamily },
      homeMet: { duty: DUTIES.carerAtHome, supporterId: null, status: "met", reasons: R.homeMet },
      homeUnmet: { duty: DUTIES.carerAtHome, supporterId: null, status: "unmet", reasons: R.homeUnmet },
      homeUnmetCared: { duty: DUTIES.carerAtHome, supporterId: null, status: "unmet", reasons: R.homeUnmetCared },
      financialMet: { duty: DUTIES.financialSupport, supporterId: null, status: "met", reasons: R.financialMet },
      financialChildren: { duty: DUTIES.financialSupport, supporterId: null, status: "met", reasons: R.financialChildren },
      financialUnmet: { duty: DUTIES.financialSupport, supporterId: null, status: "unmet", reasons: R.financialUnmet },
      financialUnknown: { duty: DUTIES.financialSupport, supporterId: null, status: "unknown", reasons: R.financialUnknown }
    } as const satisfies Record<string, Evaluation.DutyFinding>
    return (cf) => {
      const out: Array<Evaluation.DutyFinding> = []
      const asOf = env.asOf
      let withDuty = 0
      let atHome = 0
      let familyAtHome = false
      const direct = hasDirectObligor(obligors, cf.supporters)
      for (const s of cf.supporters) {
        const isSupporter = isObligor(obligors, s, direct)
        if (isSupporter) withDuty++
        if (s.whereabouts === "with-elder") {
          if (isSupporter) atHome++
          else if (s.relation === "spouse" || obligors.assisting.has(s.relation)) familyAtHome = true
          continue
        }
        const last = s.lastContact
        const contact = last === null || last > asOf ? "unknown" : last >= contactCutoff ? "met" : "unmet"
        out.push({
          duty: DUTIES.regularContact,
          supporterId: s.id,
          status: contact,
          reasons: contact === "met" ? R.contactMet : contact === "unmet" ? R.contactUnmet : R.contactUnknown
        })
        // reporting whereabouts is the duty of those who owe support (§2 赡养义务人); visiting or
        // greeting often is every family member's living apart (老年人权益保障法 art. 18)
        if (!isSupporter) continue
        out.push({
          duty: DUTIES.reportToVillage,
          supporterId: s.id,
          status: s.reportedToVillage ? "met" : "unmet",
          reasons: s.reportedToVillage ? R.reportMet : R.reportUnmet
        })
      }
      if (withDuty > 0 && atHome === 0) {
        const carer = cf.delegatedCarer
        out.push(carer !== null && carer.since <= asOf ? household.delegationMet : familyAtHome ? household.delegationFamily : household.delegationUnmet)
      }
      if (withDuty > 0 && (cf.elder.seriousIllness || noSelfCare.has(cf.elder.ability))) {
        const cared = familyAtHome || (cf.delegatedCarer !== null && cf.delegatedCarer.since <= asOf)
        out.push(atHome > 0 ? household.homeMet : cared ? household.homeUnmetCared : household.homeUnmet)
      }
      if (withDuty > 0) {
        // §2 经济上供养: the village committee's finding when recorded; else children among the
        // income sources; else unknown (never a silent "unmet")
        const found = cf.elder.facts?.["financial-support"]
        out.push(
          found === true
            ? household.financialMet
            : found === false
              ? household.financialUnmet
              : cf.elder.incomeSources.some((x) => supportSources.has(x))
                ? household.financialChildren
                : household.financialUnknown
        )
      }
      return out
    }
  }
})
