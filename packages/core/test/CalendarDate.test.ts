import { fc, test } from "@fast-check/vitest"
import { CalendarDate } from "@liushou/core"
import { describe, expect, it } from "vitest"

const RUNS = { numRuns: 2000 }
const dayArb = fc.integer({ min: CalendarDate.toDayNumber("1900-01-01"), max: CalendarDate.toDayNumber("2100-12-31") })
const dateArb = dayArb.map(CalendarDate.fromDayNumber)

describe("CalendarDate", () => {
  it("validates real calendar dates only", () => {
    expect(CalendarDate.isValid("2019-02-28")).toBe(true)
    expect(CalendarDate.isValid("2019-02-29")).toBe(false)
    expect(CalendarDate.isValid("2020-02-29")).toBe(true)
    expect(CalendarDate.isValid("2019-02-30")).toBe(false)
    expect(CalendarDate.isValid("1900-02-29")).toBe(false)
    expect(CalendarDate.isValid("2000-02-29")).toBe(true)
    expect(CalendarDate.isValid("2019-13-01")).toBe(false)
    expect(CalendarDate.isValid("2019-1-01")).toBe(false)
    expect(CalendarDate.isValid("2019-04-31")).toBe(false)
  })

  it("counts age in full years, the birthday included (60周岁以上 includes exactly 60)", () => {
    expect(CalendarDate.ageAt("1959-01-01", "2019-01-01")).toBe(60)
    expect(CalendarDate.ageAt("1959-01-01", "2018-12-31")).toBe(59)
    expect(CalendarDate.ageAt("1960-02-29", "2019-02-28")).toBe(59)
    expect(CalendarDate.ageAt("1960-02-29", "2020-02-28")).toBe(59)
    expect(CalendarDate.ageAt("1960-02-29", "2020-02-29")).toBe(60)
    expect(CalendarDate.ageAt("1959-02-29".replace("1959", "1956"), "2017-02-28")).toBe(61)
  })

  it("adds months with the month-end clamp", () => {
    expect(CalendarDate.addMonths("2019-01-31", 1)).toBe("2019-02-28")
    expect(CalendarDate.addMonths("2020-01-31", 1)).toBe("2020-02-29")
    expect(CalendarDate.addMonths("2019-08-31", 6)).toBe("2020-02-29")
    expect(CalendarDate.addMonths("2019-03-31", -1)).toBe("2019-02-28")
    expect(CalendarDate.addMonths("2019-12-15", 1)).toBe("2020-01-15")
  })

  it("half a year includes exactly six months (半年以上)", () => {
    expect(CalendarDate.atLeastMonthsSince("2018-03-01", "2018-09-01", 6)).toBe(true)
    expect(CalendarDate.atLeastMonthsSince("2018-03-01", "2018-08-31", 6)).toBe(false)
    expect(CalendarDate.atLeastMonthsSince("2018-08-31", "2019-02-28", 6)).toBe(true)
    expect(CalendarDate.atLeastMonthsSince("2018-08-31", "2019-02-27", 6)).toBe(false)
  })

  test.prop([dayArb], RUNS)("day numbers round-trip", (n) => {
    const d = CalendarDate.fromDayNumber(n)
    expect(CalendarDate.isValid(d)).toBe(true)
    expect(CalendarDate.toDayNumber(d)).toBe(n)
  })

  test.prop([dayArb], RUNS)("consecutive day numbers are consecutive dates", (n) => {
    const a = CalendarDate.fromDayNumber(n)
    const b = CalendarDate.fromDayNumber(n + 1)
    expect(a < b).toBe(true)
    expect(CalendarDate.addDays(a, 1)).toBe(b)
  })

  test.prop([dateArb, fc.integer({ min: -240, max: 240 })], RUNS)("addMonths keeps or clamps the day and moves the month exactly", (d, n) => {
    const r = CalendarDate.addMonths(d, n)
    const a = CalendarDate.parts(d)
    const b = CalendarDate.parts(r)
    expect(b.year * 12 + b.month - (a.year * 12 + a.month)).toBe(n)
    expect(b.day).toBe(Math.min(a.day, CalendarDate.daysInMonth(b.year, b.month)))
  })

  test.prop([dateArb, fc.integer({ min: 0, max: 120 }), fc.integer({ min: 0, max: 120 })], RUNS)("addMonths is monotone in the number of months", (d, m, k) => {
    expect(CalendarDate.addMonths(d, m) <= CalendarDate.addMonths(d, m + k)).toBe(true)
  })

  test.prop([dateArb, dateArb], RUNS)("age never decreases as time passes and grows by one at each birthday", (birth, at) => {
    fc.pre(birth <= at)
    const age = CalendarDate.ageAt(birth, at)
    expect(age).toBeGreaterThanOrEqual(0)
    expect(CalendarDate.ageAt(birth, CalendarDate.addDays(at, 1))).toBeGreaterThanOrEqual(age)
    // reached age n exactly when at >= birth + n years
    expect(CalendarDate.addYears(birth, age) <= at).toBe(true)
    expect(CalendarDate.addYears(birth, age + 1) > at).toBe(true)
  })

  test.prop([dateArb, dateArb, fc.integer({ min: 0, max: 36 })], RUNS)("atLeastMonthsSince is monotone in the later date", (from, to, m) => {
    if (CalendarDate.atLeastMonthsSince(from, to, m)) {
      expect(CalendarDate.atLeastMonthsSince(from, CalendarDate.addDays(to, 1), m)).toBe(true)
    }
  })
})

describe("CalendarDate.isValid agrees with the calendar", () => {
  test.prop([fc.string({ minLength: 0, maxLength: 12 })], { numRuns: 3000 })("random strings: valid only if the round trip through day numbers gives them back", (s) => {
    const looks = /^\d{4}-\d{2}-\d{2}$/.test(s) && +s.slice(0, 4) >= 1800 && +s.slice(0, 4) <= 2200
    expect(CalendarDate.isValid(s)).toBe(looks && CalendarDate.fromDayNumber(CalendarDate.toDayNumber(s)) === s)
  })
  test.prop([fc.integer({ min: 1790, max: 2210 }), fc.integer({ min: 0, max: 13 }), fc.integer({ min: 0, max: 32 })], { numRuns: 3000 })("numeric dates: valid exactly when the day exists", (y, m, d) => {
    const s = `${y}-${String(m).padStart(2, "0")}-${String(d).padStart(2, "0")}`
    const ok = y >= 1800 && y <= 2200 && m >= 1 && m <= 12 && d >= 1 && d <= CalendarDate.daysInMonth(y, m)
    expect(CalendarDate.isValid(s)).toBe(ok)
  })
})

describe("CalendarDate.memo", () => {
  // more month counts (81) than the memo keeps tables for (64)
  test.prop([fc.array(fc.tuple(dayArb, fc.integer({ min: -40, max: 40 })), { maxLength: 200 })], { numRuns: 300 })("answers as the plain functions do, also past its limit", (xs) => {
    const m = CalendarDate.memo(16)
    for (const [n, k] of [...xs, ...xs]) {
      const d = CalendarDate.fromDayNumber(n)
      expect(m.fromDayNumber(n)).toBe(d)
      expect(m.toDayNumber(d)).toBe(n)
      expect(m.addMonths(d, k)).toBe(CalendarDate.addMonths(d, k))
    }
  })
})

describe("daysInMonth", () => {
  it("every month of a common and a leap year (30 days hath September, April, June and November)", () => {
    const common = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
    for (let m = 1; m <= 12; m++) {
      expect(CalendarDate.daysInMonth(2019, m)).toBe(common[m - 1])
      expect(CalendarDate.daysInMonth(2020, m)).toBe(m === 2 ? 29 : common[m - 1])
    }
  })
})

describe("CalendarDate: building, comparing and counting", () => {
  test.prop([dateArb], RUNS)("make writes a date's parts back as the date", (d) => {
    const p = CalendarDate.parts(d)
    expect(CalendarDate.make(p.year, p.month, p.day)).toBe(d)
  })

  test.prop([dateArb, dateArb], RUNS)("daysBetween, compare, max and min agree with the day numbers", (a, b) => {
    const n = CalendarDate.toDayNumber(b) - CalendarDate.toDayNumber(a)
    expect(CalendarDate.daysBetween(a, b)).toBe(n)
    expect(CalendarDate.addDays(a, CalendarDate.daysBetween(a, b))).toBe(b)
    expect(CalendarDate.compare(a, b)).toBe(-Math.sign(n) || 0)
    expect(CalendarDate.max(a, b)).toBe(n >= 0 ? b : a)
    expect(CalendarDate.min(a, b)).toBe(n >= 0 ? a : b)
  })

  test.prop([fc.integer({ min: 1800, max: 2200 })], RUNS)("a leap year is one whose February has 29 days", (y) => {
    expect(CalendarDate.isLeapYear(y)).toBe(CalendarDate.daysBetween(`${y}-02-01`, CalendarDate.addMonths(`${y}-02-01`, 1)) === 29)
    expect(CalendarDate.isLeapYear(y)).toBe(CalendarDate.isValid(`${y}-02-29`))
  })

  test.prop([dateArb, fc.integer({ min: 0, max: 120 })], RUNS)("latestStartFor gives the last start that reaches the months by the date", (at, months) => {
    const start = CalendarDate.latestStartFor(at, months)
    expect(CalendarDate.atLeastMonthsSince(start, at, months)).toBe(true)
    expect(CalendarDate.atLeastMonthsSince(CalendarDate.addDays(start, 1), at, months)).toBe(false)
  })
})

describe("CalendarDate.isValid refuses a date with any digit replaced", () => {
  test.prop([dateArb.filter((d) => d >= "1800-01-01" && d <= "2200-12-31"), fc.constantFrom(0, 1, 2, 3, 5, 6, 8, 9), fc.constantFrom("/", ":", "a", " ", "-", "\u0660", "٩", "x")], RUNS)(
    "every position that holds a digit must hold one of 0-9",
    (d, at, c) => {
      expect(CalendarDate.isValid(d)).toBe(true)
      expect(CalendarDate.isValid(d.slice(0, at) + c + d.slice(at + 1))).toBe(false)
    }
  )
})
