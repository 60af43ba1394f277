/**
 * Calendar dates without time zones, as `YYYY-MM-DD` strings, and the date arithmetic
 * that Chinese legal texts need.
 *
 * Counting rule (Civil Code art. 1259): "以上 / 以下 / 以内 / 届满" include the boundary, so
 * "60周岁以上" includes an elder on their 60th birthday and "半年以上" includes exactly six months.
 *
 * Month-end rule: adding months keeps the day of month, clamped to the last day of the
 * target month (2019-01-31 plus one month is 2019-02-28; 2020-01-31 plus one month is 2020-02-29).
 * A person born on 29 February reaches a birthday in a common year on 28 February.
 *
 * @since 0.1.0
 */

/**
 * A calendar date as an ISO 8601 string, `YYYY-MM-DD`.
 *
 * @category models
 * @since 0.1.0
 */
export type CalendarDate = string

/**
 * Whether a year is a leap year in the proleptic Gregorian calendar.
 *
 * @category predicates
 * @since 0.1.0
 */
export const isLeapYear = (year: number): boolean => (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0

/**
 * Number of days in a month (1-12) of a year.
 *
 * @category getters
 * @since 0.1.0
 */
export const daysInMonth = (year: number, month: number): number =>
  month === 2 ? (isLeapYear(year) ? 29 : 28) : month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31

/**
 * Whether a string is a real calendar date in `YYYY-MM-DD` form (2019-02-30 is not).
 *
 * **Example**
 * ```ts
 * import { CalendarDate } from "@liushou/core"
 * CalendarDate.isValid("2020-02-29") // true
 * CalendarDate.isValid("2019-02-29") // false
 * ```
 *
 * @category predicates
 * @since 0.1.0
 */
export const isValid = (s: string): boolean => {
  if (typeof s !== "string" || s.length !== 10 || s.charCodeAt(4) !== 45 || s.charCodeAt(7) !== 45) return false
  let y = 0
  for (let i = 0; i < 4; i++) {
    const c = s.charCodeAt(i) - 48
    if (c < 0 || c > 9) return false
    y = y * 10 + c
  }
  const m1 = s.charCodeAt(5) - 48
  const m2 = s.charCodeAt(6) - 48
  const d1 = s.charCodeAt(8) - 48
  const d2 = s.charCodeAt(9) - 48
  if (m1 < 0 || m1 > 9 || m2 < 0 || m2 > 9 || d1 < 0 || d1 > 9 || d2 < 0 || d2 > 9) return false
  const mo = m1 * 10 + m2
  const d = d1 * 10 + d2
  return y >= 1800 && y <= 2200 && mo >= 1 && mo <= 12 && d >= 1 && d <= daysInMonth(y, mo)
}

/** the number written by `n` decimal digits of `s` from `i` (no substring made) */
const digits = (s: string, i: number, n: number): number => {
  let v = 0
  for (n += i; i < n; i++) v = v * 10 + s.charCodeAt(i) - 48
  return v
}

/**
 * Year, month and day of a date (assumed valid).
 *
 * @category getters
 * @since 0.1.0
 */
export const parts = (date: CalendarDate): { readonly year: number; readonly month: number; readonly day: number } => ({
  year: digits(date, 0, 4),
  month: digits(date, 5, 2),
  day: digits(date, 8, 2)
})

/**
 * Builds a date from year, month (1-12) and day.
 *
 * @category constructors
 * @since 0.1.0
 */
export const make = (year: number, month: number, day: number): CalendarDate =>
  `${String(year).padStart(4, "0")}-${month < 10 ? "0" : ""}${month}-${day < 10 ? "0" : ""}${day}`

// Days from civil, after H. Hinnant's algorithm: exact integer arithmetic, no Date objects.
const daysFromCivil = (y0: number, m: number, d: number): number => {
  const y = m <= 2 ? y0 - 1 : y0
  const era = Math.floor(y / 400)
  const yoe = y - era * 400
  const doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy
  return era * 146097 + doe - 719468
}

/**
 * The number of days since 1970-01-01 (negative before). Comparing day numbers is how the
 * hot paths compare dates.
 *
 * @category getters
 * @since 0.1.0
 */
export const toDayNumber = (date: CalendarDate): number =>
  daysFromCivil(digits(date, 0, 4), digits(date, 5, 2), digits(date, 8, 2))

/**
 * The date of a day number (see {@link toDayNumber}).
 *
 * @category constructors
 * @since 0.1.0
 */
export const fromDayNumber = (n: number): CalendarDate => {
  const z = n + 719468
  const era = Math.floor(z / 146097)
  const doe = z - era * 146097
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365)
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100))
  const mp = Math.floor((5 * doy + 2) / 153)
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1
  const m = mp < 10 ? mp + 3 : mp - 9
  return make(yoe + era * 400 + (m <= 2 ? 1 : 0), m, d)
}

/**
 * Adds (or subtracts) whole days.
 *
 * @category constructors
 * @since 0.1.0
 */
export const addDays = (date: CalendarDate, days: number): CalendarDate => fromDayNumber(toDayNumber(date) + days)

/**
 * Adds (or subtracts) whole months, clamping the day to the end of the target month.
 *
 * **Example**
 * ```ts
 * import { CalendarDate } from "@liushou/core"
 * CalendarDate.addMonths("2019-08-31", 6) // "2020-02-29"
 * ```
 *
 * @category constructors
 * @since 0.1.0
 */
export const addMonths = (date: CalendarDate, months: number): CalendarDate => {
  const total = digits(date, 0, 4) * 12 + digits(date, 5, 2) - 1 + months
  const y = Math.floor(total / 12)
  const m = total - y * 12 + 1
  return make(y, m, Math.min(digits(date, 8, 2), daysInMonth(y, m)))
}

/**
 * Adds whole years (a 29 February falls back to 28 February in a common year).
 *
 * @category constructors
 * @since 0.1.0
 */
export const addYears = (date: CalendarDate, years: number): CalendarDate => addMonths(date, years * 12)

/**
 * Days from `from` to `to` (positive when `to` is later).
 *
 * @category getters
 * @since 0.1.0
 */
export const daysBetween = (from: CalendarDate, to: CalendarDate): number => toDayNumber(to) - toDayNumber(from)

/**
 * Compares two dates: negative, zero or positive.
 *
 * @category getters
 * @since 0.1.0
 */
export const compare = (a: CalendarDate, b: CalendarDate): number => (a < b ? -1 : a > b ? 1 : 0)

/**
 * Age in full years (周岁) at a date: the number of birthdays reached on or before `at`.
 *
 * **Example**
 * ```ts
 * import { CalendarDate } from "@liushou/core"
 * CalendarDate.ageAt("1959-01-01", "2019-01-01") // 60 (the birthday itself counts)
 * CalendarDate.ageAt("1959-01-01", "2018-12-31") // 59
 * ```
 *
 * @category getters
 * @since 0.1.0
 */
export const ageAt = (birthDate: CalendarDate, at: CalendarDate): number => {
  const by = digits(birthDate, 0, 4)
  const bm = digits(birthDate, 5, 2)
  const bd = digits(birthDate, 8, 2)
  const ay = digits(at, 0, 4)
  const am = digits(at, 5, 2)
  const ad = digits(at, 8, 2)
  let age = ay - by
  // a 29 February birthday is reached on 28 February in a common year
  const effDay = bm === 2 && bd === 29 && !isLeapYear(ay) ? 28 : bd
  if (am < bm || (am === bm && ad < effDay)) age--
  return age
}

/**
 * Whether at least `months` whole months have passed from `from` to `to`, boundary included
 * ("半年以上" is `atLeastMonthsSince(awaySince, asOf, 6)`).
 *
 * **Example**
 * ```ts
 * import { CalendarDate } from "@liushou/core"
 * CalendarDate.atLeastMonthsSince("2018-03-01", "2018-09-01", 6) // true
 * CalendarDate.atLeastMonthsSince("2018-03-01", "2018-08-31", 6) // false
 * ```
 *
 * @category predicates
 * @since 0.1.0
 */
export const atLeastMonthsSince = (from: CalendarDate, to: CalendarDate, months: number): boolean =>
  addMonths(from, months) <= to

/**
 * The later of two dates.
 *
 * @category getters
 * @since 0.1.0
 */
export const max = (a: CalendarDate, b: CalendarDate): CalendarDate => (a >= b ? a : b)

/**
 * The earlier of two dates.
 *
 * @category getters
 * @since 0.1.0
 */
export const min = (a: CalendarDate, b: CalendarDate): CalendarDate => (a <= b ? a : b)

/**
 * The latest start date `d` for which `atLeastMonthsSince(d, at, months)` holds: a start on
 * or before it has lasted at least `months` months at `at`. Compute it once per as-of date
 * and compare strings on the hot path.
 *
 * **Example**
 * ```ts
 * import { CalendarDate } from "@liushou/core"
 * CalendarDate.latestStartFor("2019-02-28", 6) // "2018-08-31" (+6 months clamps to 02-28)
 * ```
 *
 * @category getters
 * @since 0.1.0
 */
export const latestStartFor = (at: CalendarDate, months: number): CalendarDate => {
  // addMonths(·, months) is monotone, so the starts that qualify form a down-set
  let d = addMonths(at, -months)
  while (addMonths(d, months) > at) d = addDays(d, -1)
  while (addMonths(addDays(d, 1), months) <= at) d = addDays(d, 1)
  return d
}

/**
 * Date arithmetic with memory: the same functions, remembering their answers. Dates repeat
 * a great deal across a population (visit days, assessment days), so a compiled rule that
 * makes one `memo()` when it compiles, and uses it per elder, saves parsing and formatting.
 * Each of its tables (one per function, and per month count) forgets everything once it holds
 * `limit` answers, so memory stays bounded.
 *
 * **Example**
 * ```ts
 * import { CalendarDate } from "@liushou/core"
 * const dates = CalendarDate.memo()
 * dates.addMonths("2019-08-31", 6) // "2020-02-29", computed once
 * ```
 *
 * @category constructors
 * @since 0.1.0
 */
export const memo = (
  limit = 100_000
): {
  readonly toDayNumber: (date: CalendarDate) => number
  readonly fromDayNumber: (n: number) => CalendarDate
  readonly addMonths: (date: CalendarDate, months: number) => CalendarDate
} => {
  const cached = <K, V>(f: (k: K) => V): ((k: K) => V) => {
    const m = new Map<K, V>()
    return (k) => {
      let v = m.get(k)
      if (v === undefined) {
        if (m.size >= limit) m.clear()
        m.set(k, (v = f(k)))
      }
      return v
    }
  }
  // one table per month count (a rule adds a fixed count): no key string built per call
  const byMonths = new Map<number, (date: CalendarDate) => CalendarDate>()
  return {
    toDayNumber: cached(toDayNumber),
    fromDayNumber: cached(fromDayNumber),
    addMonths: (date, n) => {
      let f = byMonths.get(n)
      if (f === undefined) {
        if (byMonths.size >= 64) byMonths.clear()
        byMonths.set(n, (f = cached((d: CalendarDate) => addMonths(d, n))))
      }
      return f(date)
    }
  }
}
