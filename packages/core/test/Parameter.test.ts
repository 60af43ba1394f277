import { fc, test } from "@fast-check/vitest"
import { CalendarDate, Parameter } from "@liushou/core"
import { describe, expect, it } from "vitest"
import { dateArb } from "./arbitraries.js"
import { standard, threshold } from "./fixtures.js"

describe("Parameter", () => {
  it("looks a value up at a date, each value running until the next starts", () => {
    expect(Parameter.valueAt(threshold, "2017-12-31")).toBeUndefined()
    expect(Parameter.valueAt(threshold, "2018-01-01")?.value).toBe(60)
    expect(Parameter.valueAt(threshold, "2019-12-31")?.value).toBe(60)
    expect(Parameter.valueAt(threshold, "2020-01-01")?.value).toBe(65)
  })

  it("gives no value after the last one ended, and an earlier value only until its own end", () => {
    const ended = Parameter.define<number>({ ...threshold, values: [{ from: "2018-01-01", until: "2018-12-31", value: 60 }, { from: "2019-06-01", until: "2019-12-31", value: 62 }] })
    expect(Parameter.valueAt(ended, "2018-12-31")?.value).toBe(60)
    expect(Parameter.valueAt(ended, "2019-01-01")).toBeUndefined()
    expect(Parameter.valueAt(ended, "2019-06-01")?.value).toBe(62)
    expect(Parameter.valueAt(ended, "2020-01-01")).toBeUndefined()
  })

  it("looks regional values up by the most specific region in force", () => {
    expect(Parameter.valueAt(standard, "2018-06-01", "430121101201")?.value).toBe(4000)
    expect(Parameter.valueAt(standard, "2019-06-01", "430121101201")?.value).toBe(5000)
    expect(Parameter.valueAt(standard, "2019-06-01", "430181101201")?.value).toBe(4500)
    expect(Parameter.valueAt(standard, "2019-06-01", "431224101201")).toBeUndefined()
    expect(Parameter.valueAt(standard, "2019-06-01")).toBeUndefined()
  })

  it("finds overlaps, gaps, late starts and bad dates", () => {
    const p = (values: Parameter.Parameter["values"], regional = false) =>
      Parameter.checkSeries({ ...threshold, regional, values }, "2018-01-01").map((x) => [x.kind, x.at])
    expect(p([{ from: "2018-01-01", value: 1 }, { from: "2018-01-01", value: 2 }])).toEqual([["overlap", "2018-01-01"]])
    expect(p([{ from: "2018-01-01", until: "2019-06-30", value: 1 }, { from: "2019-06-01", value: 2 }])).toEqual([["overlap", "2019-06-01"]])
    expect(p([{ from: "2018-01-01", until: "2019-06-30", value: 1 }, { from: "2019-08-01", value: 2 }])).toEqual([["gap", "2019-07-01"]])
    expect(p([{ from: "2018-01-01", until: "2019-06-30", value: 1 }, { from: "2019-07-01", value: 2 }])).toEqual([])
    expect(p([{ from: "2018-03-01", value: 1 }])).toEqual([["starts-late", "2018-01-01"]])
    expect(p([{ from: "2018-02-30", value: 1 }])).toEqual([["bad-date", "2018-02-30"]])
    expect(p([{ from: "2018-01-01", until: "2019-02-30", value: 1 }])).toEqual([["bad-date", "2018-01-01"]])
    expect(p([{ from: "2018-01-01", until: "2017-12-31", value: 1 }])).toEqual([["bad-date", "2018-01-01"]])
    expect(p([{ from: "2018-01-01", until: "2018-01-01", value: 1 }])).toEqual([])
    expect(p([])).toEqual([["empty", null]])
    expect(p([], true)).toEqual([])
  })

  it("only the values without a region must start on the policy's first day: a region's own values may start later", () => {
    const check = (values: Parameter.Parameter["values"]) => Parameter.checkSeries({ ...threshold, values }, "2018-01-01").map((x) => [x.kind, x.region, x.at])
    expect(check([{ from: "2018-01-01", value: 1 }, { from: "2019-01-01", value: 2, region: "4301" }])).toEqual([])
    expect(check([{ from: "2018-03-01", value: 1 }, { from: "2019-01-01", value: 2, region: "4301" }])).toEqual([["starts-late", null, "2018-01-01"]])
    expect(check([{ from: "2019-01-01", value: 2, region: "4301" }])).toEqual([])
  })

  it("an overlap's or a gap's text names the region of the values only when they have one, in both languages", () => {
    const texts = (region: string | undefined) =>
      Parameter.checkSeries(
        {
          ...threshold,
          regional: region !== undefined,
          values: [
            { from: "2018-01-01", until: "2019-06-30", value: 1, ...(region === undefined ? {} : { region }) },
            { from: "2019-06-01", until: "2019-12-31", value: 2, ...(region === undefined ? {} : { region }) },
            { from: "2020-03-01", value: 3, ...(region === undefined ? {} : { region }) }
          ]
        },
        "2018-01-01"
      ).map((x) => ({ kind: x.kind, region: x.region, ...x.text }))
    const plain = texts(undefined)
    expect(plain.map((x) => [x.kind, x.region])).toEqual([["overlap", null], ["gap", null]])
    for (const x of plain) {
      expect(x.en).toMatch(new RegExp(`^parameter ${threshold.id} (has two values in force on 2019-06-01|has no value from 2020-01-01 to 2020-02-29)$`))
      expect(x.zh).toMatch(new RegExp(`^参数 ${threshold.id} (在 2019-06-01 有两个同时生效的取值|从 2020-01-01 到 2020-02-29 没有取值)$`))
    }
    const regional = texts("4301")
    expect(regional.map((x) => [x.kind, x.region])).toEqual([["overlap", "4301"], ["gap", "4301"]])
    regional.forEach((x, i) => {
      expect(x.en).toBe(plain[i]!.en.replace(threshold.id, `${threshold.id} (region 4301)`))
      expect(x.zh).toBe(plain[i]!.zh.replace(threshold.id, `${threshold.id}（区划 4301）`))
    })
  })

  const seriesArb = fc
    .array(fc.tuple(dateArb("2018-01-01", "2025-12-31"), fc.integer({ min: 0, max: 100 })), { minLength: 1, maxLength: 6 })
    .map((xs) => xs.map(([from, value]) => ({ from, value })))

  test.prop([seriesArb, dateArb("2018-01-01", "2026-12-31")], { numRuns: 1000 })(
    "a series without problems has exactly one value in force on every day from its first start",
    (values, date) => {
      const p = { ...threshold, values }
      const problems = Parameter.checkSeries(p, null)
      const distinctStarts = new Set(values.map((v) => v.from)).size === values.length
      expect(problems.length === 0).toBe(distinctStarts)
      if (!distinctStarts) return
      const first = values.reduce((m, v) => CalendarDate.min(m, v.from), "9999-12-31")
      const v = Parameter.valueAt(p, date)
      if (date < first) expect(v).toBeUndefined()
      else {
        const inForce = values.filter((x) => x.from <= date).sort((a, b) => (a.from < b.from ? 1 : -1))[0]
        expect(v).toEqual(inForce)
      }
    }
  )

  test.prop(
    [
      fc.array(
        fc.tuple(dateArb("2018-01-01", "2025-12-31"), fc.option(fc.integer({ min: -400, max: 400 }), { nil: undefined }), fc.constantFrom("", "2019-02-29", "2019-13-01")),
        { minLength: 1, maxLength: 5 }
      )
    ],
    { numRuns: 500 }
  )("a value is a bad date exactly when its start or its end is not a calendar date, or it ends before it starts", (xs) => {
    const values = xs.map(([from, days, bad], i) => ({
      from: bad !== "" && i % 2 === 0 ? bad : from,
      ...(days === undefined ? {} : { until: bad !== "" && i % 2 === 1 ? bad : CalendarDate.isValid(from) ? CalendarDate.addDays(from, days) : from }),
      value: i
    }))
    const bad = Parameter.checkSeries({ ...threshold, values }, null).filter((p) => p.kind === "bad-date")
    const expected = values.filter((v) => !CalendarDate.isValid(v.from) || (v.until !== undefined && (!CalendarDate.isValid(v.until) || v.until < v.from)))
    expect(bad.map((b) => b.at)).toEqual(expected.map((v) => v.from))
    for (const b of bad) expect(b.text.en).toContain(b.at!)
  })

  test.prop([seriesArb.map((vs) => vs.map((v, i) => (i % 2 === 0 ? v : { ...v, until: CalendarDate.addDays(v.from, i * 40), region: "4301" })))], { numRuns: 300 })(
    "changeDates lists, once each and in order, every start and every day after an end, and the value in force changes only there",
    (values: ReadonlyArray<Parameter.DatedValue<number>>) => {
      const p = { ...threshold, values }
      const dates = Parameter.changeDates(p)
      expect([...dates]).toEqual([...new Set(values.flatMap((v) => [v.from, ...(v.until === undefined ? [] : [CalendarDate.addDays(v.until, 1)])]))].sort())
      const first = dates[0]!
      let prev = Parameter.valueAt(p, first, "430121101201")
      for (let d = CalendarDate.addDays(first, 1); d <= "2026-12-31"; d = CalendarDate.addDays(d, 7)) {
        const v = Parameter.valueAt(p, d, "430121101201")
        const previous = CalendarDate.addDays(d, -7)
        if (v !== prev) expect(dates.some((c) => c > previous && c <= d)).toBe(true)
        prev = v
      }
    }
  )
})

