import type { Policy } from "@liushou/core"

/**
 * The programs (assistance and services) the national baseline knows, each with its clause
 * topic (`assistance`). Provinces add their own (`vocabularies.programs` of a plugin).
 *
 * @category vocabularies
 * @since 0.2.0
 */
export const PROGRAMS = [
  { id: "temporary-assistance", name: { zh: "临时救助", en: "temporary assistance" }, topic: "assistance" },
  { id: "dibao", name: { zh: "最低生活保障（低保）", en: "the minimum living guarantee (dibao)" }, topic: "assistance" },
  { id: "elderly-service-subsidy", name: { zh: "基本养老服务补贴", en: "the basic elderly-service subsidy" }, topic: "assistance" },
  { id: "medical-assistance", name: { zh: "医疗救助", en: "medical assistance" }, topic: "assistance" },
  { id: "rehab-aids", name: { zh: "康复器材和辅助器具", en: "rehabilitation equipment and assistive devices" }, topic: "assistance" },
  { id: "disability-living-subsidy", name: { zh: "困难残疾人生活补贴", en: "the living subsidy for disabled people in difficulty" }, topic: "assistance" },
  { id: "disability-care-subsidy", name: { zh: "重度残疾人护理补贴", en: "the care subsidy for severely disabled people" }, topic: "assistance" },
  { id: "poverty-registration", name: { zh: "精准扶贫建档立卡", en: "poverty registration" }, topic: "assistance" },
  { id: "nursing-home-low-fee-care", name: { zh: "农村敬老院低收费照料", en: "low-fee care in a rural nursing home" }, topic: "assistance" },
  { id: "health-management", name: { zh: "老年人健康管理服务", en: "health management services for the elderly" }, topic: "assistance" },
  { id: "legal-aid", name: { zh: "法律援助", en: "legal aid" }, topic: "assistance" }
] as const satisfies ReadonlyArray<Policy.Program>

/**
 * The village committee's follow-up ladder, lowest first (`none` means no follow-up): press
 * the family (督促), criticism and education (批评教育), hand over to law enforcement.
 *
 * @category vocabularies
 * @since 0.2.0
 */
export const FOLLOW_UP_STEPS = [
  { id: "none", name: { zh: "无需跟进", en: "no follow-up" } },
  { id: "reminder", name: { zh: "督促履行赡养义务", en: "reminder to fulfil the duty of support" } },
  { id: "criticism-education", name: { zh: "批评教育", en: "criticism and education" } },
  { id: "law-enforcement", name: { zh: "提交执法部门", en: "handed over to law enforcement" } }
] as const satisfies ReadonlyArray<Policy.Term>

/**
 * The bodies a case may be referred to (the nine issuing departments' local counterparts, the
 * village committee and the township).
 *
 * @category vocabularies
 * @since 0.2.0
 */
export const BODIES = [
  { id: "village-committee", name: { zh: "村（居）民委员会", en: "village committee" } },
  { id: "township", name: { zh: "乡镇人民政府", en: "township government" } },
  { id: "civil-affairs", name: { zh: "民政部门", en: "civil affairs" } },
  { id: "public-security", name: { zh: "公安机关", en: "public security" } },
  { id: "justice", name: { zh: "司法行政部门", en: "justice" } },
  { id: "health", name: { zh: "卫生健康部门", en: "health" } },
  { id: "human-resources-social-security", name: { zh: "人力资源社会保障部门", en: "human resources and social security" } },
  { id: "poverty-alleviation", name: { zh: "扶贫部门", en: "poverty alleviation" } },
  { id: "elderly-care", name: { zh: "养老服务机构", en: "elderly care" } },
  { id: "disabled-persons-federation", name: { zh: "残疾人联合会", en: "disabled persons' federation" } }
] as const satisfies ReadonlyArray<Policy.Term>

/**
 * The concerns a visitor may record at a visit.
 *
 * @category vocabularies
 * @since 0.2.0
 */
export const CONCERNS = [
  { id: "health", name: { zh: "健康", en: "health" } },
  { id: "safety", name: { zh: "安全", en: "safety" } },
  { id: "housing", name: { zh: "住房", en: "housing" } },
  { id: "income", name: { zh: "经济收入", en: "income" } },
  { id: "neglect", name: { zh: "疏于照料", en: "neglect" } },
  { id: "abuse", name: { zh: "虐待", en: "abuse" } },
  { id: "loneliness", name: { zh: "孤独", en: "loneliness" } },
  { id: "legal", name: { zh: "法律问题", en: "legal matter" } },
  { id: "support-dispute", name: { zh: "赡养纠纷", en: "support dispute" } },
  { id: "other", name: { zh: "其他", en: "other" } }
] as const satisfies ReadonlyArray<Policy.Term>

/**
 * Why an elder enters or leaves the active ledger (台账动态管理): found in the screening, a
 * supporter leaves (again), the elder moves in; a supporter comes home, the elder moves away,
 * enters a care institution, or dies. A province adds its own.
 *
 * @category vocabularies
 * @since 0.2.0
 */
export const LEDGER_REASONS = [
  { id: "identified", event: "entered", name: { zh: "摸底排查中认定", en: "identified in the screening" } },
  { id: "supporter-left", event: "entered", name: { zh: "赡养人外出", en: "a supporter left the area" } },
  { id: "moved-in", event: "entered", name: { zh: "迁入本地", en: "moved into the area" } },
  { id: "supporter-returned", event: "exited", name: { zh: "子女等赡养人返乡", en: "a supporter came home" } },
  { id: "moved-away", event: "exited", name: { zh: "迁出本地", en: "moved away" } },
  { id: "entered-institution", event: "exited", name: { zh: "入住养老机构", en: "entered a care institution" } },
  { id: "died", event: "exited", name: { zh: "去世", en: "died" } }
] as const satisfies ReadonlyArray<Policy.LedgerReason>

/**
 * Additional case-file facts the national rules read (`elder.facts`).
 *
 * - `financial-support`: whether the obligors provide for the elder financially (经济上供养,
 *   老年人权益保障法 art. 14), as the village committee found; `null` or absent when not known.
 *
 * @category vocabularies
 * @since 0.3.0
 */
export const FACTS = [
  { id: "financial-support", name: { zh: "赡养人履行经济上供养义务", en: "the obligors provide for the elder financially" }, type: "boolean" }
] as const satisfies ReadonlyArray<Policy.Fact>

/**
 * Kinds of care service (关爱服务) an elder may receive: the four basic services of care for
 * left-behind elders, daily care (生活照料), emotional comfort (精神慰藉), safety monitoring
 * (安全监护) and rights protection (权益维护), as 湘民发〔2018〕30号 §10 names them in implementing
 * the national opinions (the national text itself was not at hand: the baseline declares them so
 * that every province speaks of the same four). A province adds its own.
 *
 * @category vocabularies
 * @since 0.3.0
 */
export const SERVICE_KINDS = [
  { id: "daily-care", name: { zh: "生活照料", en: "daily care" } },
  { id: "emotional-comfort", name: { zh: "精神慰藉", en: "emotional comfort" } },
  { id: "safety-monitoring", name: { zh: "安全监护", en: "safety monitoring" } },
  { id: "rights-protection", name: { zh: "权益维护", en: "rights protection" } }
] as const satisfies ReadonlyArray<Policy.ServiceKind>

/**
 * The national baseline's vocabularies: what every plugin extending it inherits.
 *
 * @category vocabularies
 * @since 0.2.0
 */
export const VOCABULARIES: Policy.Vocabularies = {
  programs: PROGRAMS,
  followUpSteps: FOLLOW_UP_STEPS,
  bodies: BODIES,
  concerns: CONCERNS,
  facts: FACTS,
  ledgerReasons: LEDGER_REASONS,
  serviceKinds: SERVICE_KINDS
}

/**
 * The ids of the national programs, bodies and concerns.
 *
 * @category vocabularies
 * @since 0.2.0
 */
export const PROGRAM_IDS = PROGRAMS.map((p) => p.id)
/** @category vocabularies @since 0.2.0 */
export const BODY_IDS = BODIES.map((b) => b.id)
/** @category vocabularies @since 0.2.0 */
export const CONCERN_IDS = CONCERNS.map((c) => c.id)
/** @category vocabularies @since 0.2.0 */
export type ProgramId = (typeof PROGRAMS)[number]["id"]
/** @category vocabularies @since 0.2.0 */
export type BodyId = (typeof BODIES)[number]["id"]
/** @category vocabularies @since 0.2.0 */
export type ConcernId = (typeof CONCERNS)[number]["id"]
/** @category vocabularies @since 0.2.0 */
export const LEDGER_REASON_IDS = LEDGER_REASONS.map((r) => r.id)
/** @category vocabularies @since 0.3.0 */
export const SERVICE_KIND_IDS = SERVICE_KINDS.map((k) => k.id)
