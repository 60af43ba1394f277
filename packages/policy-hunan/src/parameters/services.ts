/**
 * Care services (§10, §4): which left-behind elders need which kind, and how far back a service
 * counts.
 *
 * @since 0.3.0
 */
import type { Parameter } from "@liushou/core"
import { hn, parameter } from "./shared.js"

/**
 * The facts that make an elder need a kind of care service (`hunan.services.neededWhen`): every
 * left-behind elder (`left-behind`), one who lives alone, a key target (`priority`, §10: 经济困难
 * 家庭的高龄、失能), one who cannot care for themself (ability severe or total, §2 丧失自理能力),
 * one seriously ill (§2 患有严重疾病), one with a disability certificate, one with an open concern
 * of `hunan.services.rightsConcerns`.
 *
 * @category parameters
 * @since 0.3.0
 */
export type ServiceCondition = "left-behind" | "lives-alone" | "priority" | "cannot-care-for-self" | "seriously-ill" | "disabled" | "open-concern"

/**
 * Which left-behind elders need each kind of care service (§10 "增强生活照料、精神慰藉、安全监护、
 * 权益维护等基本服务"; §4 the professional services 安全防护、生活照料、紧急援助、康复护理): a kind is
 * needed when any of its conditions holds. The text names the services and the key targets
 * (§10: 以防范留守生活安全风险为重点内容，以经济困难家庭的高龄、失能留守老年人为重点对象) but not who
 * needs which; this table is this plugin's reading:
 *
 * - daily care for an elder who cannot care for themself or is seriously ill (§2 puts their care
 *   on the family: 对患有严重疾病、丧失自理能力老年人 … 在家照料);
 * - emotional comfort for every left-behind elder (§2 精神上慰藉, the duty the absent children
 *   cannot carry out in person);
 * - safety monitoring for an elder who lives alone or is a key target (§10's safety risks and key
 *   targets);
 * - rights protection for an elder with an open concern of abuse, neglect, a support dispute or a
 *   legal matter (§10: 依法严厉打击侵害…合法权益, 维护农村留守老年人权益);
 * - rehabilitation care for an elder with a disability certificate (§4 康复护理; §5 rehabilitation
 *   aids for disabled elders);
 * - emergency assistance is delivered when an emergency happens, never flagged as missing.
 *
 * Keyed by the chain's service kinds: a county that declares a kind of its own adds its row.
 *
 * @category parameters
 * @since 0.3.0
 */
export const serviceNeededWhen: Parameter.Parameter<Readonly<Record<string, ReadonlyArray<ServiceCondition>>>> = parameter("hunan.services.neededWhen", "interpretation", hn("10"), {
        "daily-care": ["cannot-care-for-self", "seriously-ill"],
        "emotional-comfort": ["left-behind"],
        "safety-monitoring": ["lives-alone", "priority"],
        "rights-protection": ["open-concern"],
        "emergency-assistance": [],
        "rehabilitation-care": ["disabled"]
      },
  { zh: "各类关爱服务的需求条件（满足其一即需要）", en: "When a left-behind elder needs each kind of care service (any condition)" },
  { keyedBy: "serviceKinds", note: "§10 §2 §4: who needs which kind is a reading" })

/**
 * The concerns that call for rights protection (权益维护) while they are open: abuse, neglect, a
 * support dispute, a legal matter (§3 虐待老年人, §10 侵害合法权益、法律援助).
 *
 * @category parameters
 * @since 0.3.0
 */
export const serviceRightsConcerns: Parameter.Parameter<ReadonlyArray<string>> = parameter("hunan.services.rightsConcerns", "interpretation", hn("10"), ["abuse", "neglect", "support-dispute", "legal"],
  { zh: "需要权益维护服务的关注事项", en: "Open concerns that call for rights protection" }, { valuesFrom: "concerns" })

/**
 * How far back a service counts (days, the window ending on the as-of date): a needed kind with
 * no service within it is flagged. The text names no period (§10 "增强…基本服务"); a quarter, the
 * longest regular visit interval's order of magnitude, is this plugin's local choice.
 *
 * @category parameters
 * @since 0.3.0
 */
export const serviceWindowDays: Parameter.Parameter<number> = parameter("hunan.services.windowDays", "local", hn("10"), 90,
  { zh: "关爱服务统计期（天）：期内未获所需服务即提示", en: "Days a service counts for: a needed kind without a service within them is flagged" },
  { unit: "days", note: "§10 names no period: a local choice" })
