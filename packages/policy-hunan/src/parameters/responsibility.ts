/**
 * Named responsibility (§1, §3, §4): the responsible visitor and pairing.
 *
 * @since 0.1.0
 */
import type { Parameter } from "@liushou/core"
import { hn, parameter } from "./shared.js"

/**
 * Who must be paired (结对帮扶, §4): the text encourages pairing volunteers with left-behind
 * elders, and healthy younger elders with those of advanced age or disabled, without making it
 * compulsory; §10 names the key targets. Requiring a pairing for every priority elder (`priority`)
 * and for every elder graded at the highest risk level (`high-risk`) is this plugin's local choice.
 *
 * @category parameters
 * @since 0.2.0
 */
export const pairingRequiredFor: Parameter.Parameter<ReadonlyArray<"priority" | "high-risk">> = parameter("hunan.responsibility.pairingRequiredFor", "local", hn("4"), ["priority"],
  { zh: "须结对帮扶的对象（重点对象、高风险）", en: "Elders who must have a pairing (priority, high risk)" },
  { note: "§4 encourages pairing, §10 names the key targets; requiring it for them is a local choice" })

/**
 * Whether every left-behind elder (and every elder whose status is unknown) must have a named
 * responsible visitor: §1 sets up the periodic visit system, §3 has the village committee
 * organise neighbours, groups and associations to visit; naming one person per elder is how the
 * duty is carried out, a local choice.
 *
 * @category parameters
 * @since 0.2.0
 */
export const visitorRequired: Parameter.Parameter<boolean> = parameter("hunan.responsibility.visitorRequired", "local", hn("3"), true,
  { zh: "每位留守老年人须有责任探访人", en: "Every left-behind elder must have a named responsible visitor" }, { note: "§1 定期探访制度, §3 村委会组织定期探访: one named person per elder is a local choice" })
