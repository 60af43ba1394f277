import type { Policy } from "@liushou/core"

/**
 * The kinds of care service Hunan adds to the national four (§4: 社会服务机构…为留守老年人提供
 * 安全防护、生活照料、紧急援助、康复护理等专业服务): emergency assistance (紧急援助) and
 * rehabilitation care (康复护理). 安全防护 and 生活照料 are the national safety monitoring and daily
 * care.
 *
 * @category vocabularies
 * @since 0.3.0
 */
export const SERVICE_KINDS = [
  { id: "emergency-assistance", name: { zh: "紧急援助", en: "emergency assistance" } },
  { id: "rehabilitation-care", name: { zh: "康复护理", en: "rehabilitation care" } }
] as const satisfies ReadonlyArray<Policy.ServiceKind>
