/**
 * Resident identity card numbers (公民身份号码, GB 11643-1999): 18 characters, the last a
 * check character computed with ISO 7064 MOD 11-2. Digits 7-14 are the birth date and the
 * 17th digit is odd for men and even for women.
 *
 * Never log an ID number: mask it with `Mask.idNumber`.
 *
 * @since 0.1.0
 */
import * as CalendarDate from "./CalendarDate.js"

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
const CHECK = "10X98765432"

/**
 * The check character for the first 17 digits.
 *
 * @category getters
 * @since 0.1.0
 */
export const checkCharacter = (first17: string): string => {
  let sum = 0
  for (let i = 0; i < 17; i++) sum += (first17.charCodeAt(i) - 48) * WEIGHTS[i]!
  return CHECK[sum % 11]!
}

/**
 * Why an ID number is invalid, or `undefined` when it is valid.
 *
 * @category models
 * @since 0.1.0
 */
export type IdNumberProblem = "format" | "check-digit" | "birth-date"

/**
 * Checks format, check character and embedded birth date.
 *
 * **Example**
 * ```ts
 * import { IdNumber } from "@liushou/core"
 * IdNumber.validate("430121195901010020") // undefined (valid)
 * ```
 *
 * @category predicates
 * @since 0.1.0
 */
export const validate = (id: string): IdNumberProblem | undefined => {
  if (!/^\d{17}[\dX]$/.test(id)) return "format"
  if (checkCharacter(id) !== id[17]) return "check-digit"
  if (!CalendarDate.isValid(birthDate(id))) return "birth-date"
  return undefined
}

/**
 * The birth date embedded in an ID number.
 *
 * @category getters
 * @since 0.1.0
 */
export const birthDate = (id: string): CalendarDate.CalendarDate =>
  `${id.slice(6, 10)}-${id.slice(10, 12)}-${id.slice(12, 14)}`

/**
 * The sex embedded in an ID number.
 *
 * @category getters
 * @since 0.1.0
 */
export const sex = (id: string): "male" | "female" => ((id.charCodeAt(16) - 48) % 2 === 1 ? "male" : "female")

/**
 * Builds a valid ID number from a 6-digit area code, a birth date and a 3-digit sequence
 * (odd for men, even for women). Used for test data.
 *
 * @category constructors
 * @since 0.1.0
 */
export const make = (area: string, birth: CalendarDate.CalendarDate, sequence: number): string => {
  const first17 = `${area}${birth.replace(/-/g, "")}${String(sequence).padStart(3, "0")}`
  return first17 + checkCharacter(first17)
}
