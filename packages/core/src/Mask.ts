/**
 * Masking personal data (names, ID numbers, phone numbers) for messages, logs, reports and
 * masked exports: the one place that decides what of a personal value stays visible.
 *
 * **Example**
 * ```ts
 * import { Mask } from "@liushou/core"
 * Mask.idNumber("430121195901010020") // "430121********0020"
 * Mask.phone("13800138000") // "138******00"
 * Mask.name("张桂英") // "张**"
 * ```
 *
 * @since 0.2.0
 */
import type { CaseFile } from "./CaseFile.js"

/**
 * Masks an ID number: the first 6 and last 4 characters stay.
 *
 * @category masking
 * @since 0.2.0
 */
export const idNumber = (id: string): string =>
  id.length <= 10 ? "*".repeat(id.length) : id.slice(0, 6) + "*".repeat(id.length - 10) + id.slice(-4)

/**
 * Masks a phone number: the first 3 and last 2 digits stay.
 *
 * @category masking
 * @since 0.2.0
 */
export const phone = (value: string): string =>
  value.length <= 5 ? "*".repeat(value.length) : value.slice(0, 3) + "*".repeat(value.length - 5) + value.slice(-2)

/**
 * Masks a personal name: the family name (first character) stays.
 *
 * @category masking
 * @since 0.2.0
 */
export const name = (value: string): string => {
  const chars = Array.from(value)
  return chars.length <= 1 ? "*" : chars[0] + "*".repeat(chars.length - 1)
}

/**
 * What kind of personal value a field holds.
 *
 * @category models
 * @since 0.2.0
 */
export type Kind = "idNumber" | "phone" | "name"

const ID_KEY = /idNumber$|id_number|idcard|idno|identity|sfz|shenfen|身份/i
const PHONE_KEY = /phone|mobile|tel|contact|手机|电话/i

/**
 * The kind of personal value under a key already known to be personal: an ID number (also
 * under common misspellings and pinyin), a phone number, otherwise a name.
 *
 * @category masking
 * @since 0.2.0
 */
export const kindOfKey = (key: string): Kind => (ID_KEY.test(key) ? "idNumber" : PHONE_KEY.test(key) ? "phone" : "name")

/**
 * Masks a personal value of a kind.
 *
 * @category masking
 * @since 0.2.0
 */
export const value = (kind: Kind, v: string): string => (kind === "idNumber" ? idNumber(v) : kind === "phone" ? phone(v) : name(v))

/**
 * A copy of a case file with the ID number and the phone numbers of the elder, supporters and
 * delegated carer masked, and their names unless `names: false` (a masked list kept for visits
 * still needs the names). Keys keep their order.
 *
 * @category masking
 * @since 0.2.0
 */
export const caseFile = (cf: CaseFile, options: { readonly names?: boolean } = {}): CaseFile => {
  const names = options.names !== false
  const carer = cf.delegatedCarer
  return {
    ...cf,
    elder: {
      ...cf.elder,
      ...(names ? { name: name(cf.elder.name) } : {}),
      ...(cf.elder.idNumber !== undefined ? { idNumber: idNumber(cf.elder.idNumber) } : {}),
      ...(cf.elder.phone !== undefined ? { phone: phone(cf.elder.phone) } : {})
    },
    supporters: cf.supporters.map((s) => ({
      ...s,
      ...(names && s.name !== undefined ? { name: name(s.name) } : {}),
      ...(s.phone !== undefined ? { phone: phone(s.phone) } : {})
    })),
    delegatedCarer:
      carer === null
        ? null
        : { ...carer, ...(names ? { name: name(carer.name) } : {}), ...(carer.phone !== undefined ? { phone: phone(carer.phone) } : {}) }
  }
}
