import { readFileSync } from "node:fs"
import { fc, test } from "@fast-check/vitest"
import { CaseFile, Decode, IdNumber, Mask } from "@liushou/core"
import { Result, Schema } from "effect"
import { describe, expect, it } from "vitest"
import * as Validator from "../src/internal/validator.js"
import { caseFileArb } from "./arbitraries.js"

const example = {
  elder: {
    id: "HN-0001",
    name: "张桂英",
    idNumber: "430121195901010020",
    sex: "female",
    birthDate: "1959-01-01",
    regionCode: "430121101201",
    rural: true,
    livingArrangement: "alone",
    ability: "mild",
    seriousIllness: false,
    disabilityGrade: null,
    annualIncome: 4800,
    incomeSources: ["farming", "children"],
    receiving: ["dibao"]
  },
  supporters: [{ id: "S1", relation: "son", whereabouts: "out-of-county", awaySince: "2018-03-01", reportedToVillage: true, lastContact: "2019-05-20" }],
  delegatedCarer: { name: "李四", relation: "niece", since: "2018-03-01" },
  visits: [{ date: "2019-06-01", mode: "home", by: "village-committee", concerns: [] }],
  riskAssessments: [{ date: "2018-09-01", level: "high" }]
}

const withElder = (patch: Record<string, unknown>) => ({ ...example, elder: { ...example.elder, ...patch } })
const issuesOf = (input: unknown) => {
  const r = Decode.caseFile(input, 4)
  if (r.ok) throw new Error("expected a decoding error")
  return r.error
}

describe("Decode.caseFile", () => {
  it("decodes the contract's example", () => {
    const r = Decode.caseFile(example)
    expect(r.ok).toBe(true)
  })

  it("decodes a v1 file without followUps or concerns, and one with them (additive fields, verified absent = false)", () => {
    expect(Decode.caseFile(example).ok).toBe(true)
    const r = Decode.caseFile({
      ...example,
      followUps: [{ date: "2019-06-05", step: "reminder", by: "village-committee", note: "电话督促长子" }],
      concerns: [
        { concern: "neglect", date: "2019-06-20", observedBy: "neighbor" },
        { concern: "abuse", date: "2019-06-21", observedBy: "township", verified: true, serious: true, grounds: "入户核实", resolvedOn: null }
      ]
    })
    if (!r.ok) throw new Error(r.error.message.en)
    expect(r.value.concerns![0]!.verified).toBeUndefined()
    expect(r.value.followUps![0]!.step).toBe("reminder")
  })

  it("refuses a serious finding on an unverified concern, a resolution before the concern, and an unknown observer, in English and Chinese; notes are never shown", () => {
    const e = issuesOf({
      ...example,
      followUps: [{ date: "2019-06-05", step: "reminder", by: "village-committee", note: "" }],
      concerns: [
        { concern: "abuse", date: "2019-06-21", observedBy: "township", serious: true, grounds: "王某某 13800000000" },
        { concern: "abuse", date: "2019-06-21", observedBy: "village-committee", resolvedOn: "2019-06-20" },
        { concern: "abuse", date: "2019-06-21", observedBy: "passer-by" }
      ]
    })
    const byPath = Object.fromEntries(e.issues.map((i) => [i.path, i]))
    expect(Object.keys(byPath).sort()).toEqual(["concerns[0].serious", "concerns[1].resolvedOn", "concerns[2].observedBy", "followUps[0].note"])
    expect(byPath["concerns[0].serious"]!.expected).toEqual({ en: "serious only on a verified concern (verified: true)", zh: "仅对已核实（verified: true）的关注事项认定情节严重" })
    expect(byPath["concerns[1].resolvedOn"]!.expected.zh).toBe("不早于 date 的解决日期")
    expect(byPath["followUps[0].note"]!.expected.zh).toBe("1至500个字符、不含控制字符（可换行）的说明")
    expect(e.message.en).not.toContain("13800000000")
    expect(e.message.zh).not.toContain("王某某")
  })

  it("names the case, the field path, what was expected and what was found, in English and Chinese", () => {
    const e = issuesOf(withElder({ birthDate: "2019-02-30" }))
    expect(e.position).toBe(4)
    expect(e.elderId).toBe("HN-0001")
    expect(e.issues).toEqual([{ path: "elder.birthDate", expected: { en: "a calendar date YYYY-MM-DD", zh: "日历上存在的日期（YYYY-MM-DD）" }, found: '"2019-02-30"' }])
    expect(e.message.en).toBe('case #5 (elder.id=HN-0001) elder.birthDate: expected a calendar date YYYY-MM-DD, found "2019-02-30"')
    expect(e.message.zh).toBe('案卷 #5（elder.id=HN-0001） elder.birthDate：应为日历上存在的日期（YYYY-MM-DD），实际为 "2019-02-30"')
  })

  it("reports every problem at once, including array positions", () => {
    const e = issuesOf({
      ...withElder({ annualIncome: -1, sex: "f" }),
      supporters: [{ ...example.supporters[0], relation: "uncle" }, 3]
    })
    expect(e.issues.map((i) => i.path).sort()).toEqual(["elder.annualIncome", "elder.sex", "supporters[0].relation", "supporters[1]"])
  })

  it("rejects money that is not finite and non-negative", () => {
    expect(issuesOf(withElder({ annualIncome: Number.POSITIVE_INFINITY })).issues[0]!.path).toBe("elder.annualIncome")
    expect(issuesOf(withElder({ annualIncome: Number.NaN })).issues[0]!.path).toBe("elder.annualIncome")
    expect(issuesOf(withElder({ annualIncome: -0.5 })).issues[0]!.path).toBe("elder.annualIncome")
  })

  it("keeps enumerations closed and rejects unknown fields instead of dropping them", () => {
    expect(issuesOf(withElder({ livingArrangement: "nursing-home" })).issues[0]!.path).toBe("elder.livingArrangement")
    const e = issuesOf(withElder({ annualIncom: 4800 }))
    expect(e.issues[0]).toMatchObject({ path: "elder.annualIncom", expected: { en: "no such field (it is not part of the case file)" } })
    expect(issuesOf({ ...example, visits: undefined }).issues.some((i) => i.path === "visits")).toBe(true)
  })

  it("checks the ID number's check character and its agreement with birth date and sex", () => {
    expect(issuesOf(withElder({ idNumber: "430121195901010021" })).issues[0]!.path).toBe("elder.idNumber")
    const otherBirth = IdNumber.make("430121", "1959-01-02", 2)
    expect(issuesOf(withElder({ idNumber: otherBirth })).issues[0]!.expected.en).toContain("birth date agrees")
    const male = IdNumber.make("430121", "1959-01-01", 3)
    expect(issuesOf(withElder({ idNumber: male })).issues[0]!.expected.en).toContain("sex digit agrees")
  })

  it("never shows personal data unmasked", () => {
    const e = issuesOf(withElder({ idNumber: "430121195901010021", name: 42, phone: "abc" }))
    const text = JSON.stringify(e)
    expect(text).not.toContain("430121195901010021")
    expect(text).toContain("430121********0021")
    const e2 = issuesOf({ ...example, supporters: [{ ...example.supporters[0], phone: "13800138000x" }] })
    expect(JSON.stringify(e2)).not.toContain("13800138000")
  })

  it("parses JSON arrays and JSON Lines, keeping good cases and reporting bad lines", () => {
    const lines = [JSON.stringify(example), "{oops", JSON.stringify(withElder({ id: "HN-0002", birthDate: "1959-13-01" })), "", JSON.stringify(withElder({ id: "HN-0003" }))].join("\n")
    const r = Decode.parseText(lines)
    expect(r.cases.map((c) => c.elder.id)).toEqual(["HN-0001", "HN-0003"])
    expect(r.positions).toEqual([0, 4])
    expect(r.errors.map((e) => [e.position, e.elderId])).toEqual([
      [1, null],
      [2, "HN-0002"]
    ])
    const arr = Decode.parseText(JSON.stringify([example, { elder: 1 }]))
    expect(arr.cases).toHaveLength(1)
    expect(arr.errors[0]!.position).toBe(1)
  })

  test.prop([caseFileArb], { numRuns: 1000 })("decode then encode gives a valid case file back (round trip)", (cf) => {
    const decoded = Decode.caseFile(JSON.parse(JSON.stringify(cf)))
    expect(decoded.ok).toBe(true)
    if (!decoded.ok) return
    const encoded = Schema.encodeSync(CaseFile.CaseFile)(decoded.value)
    const again = Decode.caseFile(JSON.parse(JSON.stringify(encoded)))
    expect(again.ok).toBe(true)
    if (again.ok) expect(again.value).toEqual(decoded.value)
  })

  test.prop([caseFileArb, fc.constantFrom("elder.birthDate", "elder.regionCode", "supporters", "elder.ability")], { numRuns: 300 })(
    "a broken field is always reported at its path",
    (cf, field) => {
      const copy = JSON.parse(JSON.stringify(cf)) as Record<string, Record<string, unknown>>
      const [head, tail] = field.split(".") as [string, string | undefined]
      if (tail === undefined) copy[head] = "not an array" as never
      else copy[head]![tail] = "2019-02-30-x"
      const r = Decode.caseFile(copy)
      expect(r.ok).toBe(false)
      if (!r.ok) expect(r.error.issues.map((i) => i.path)).toContain(field)
    }
  )
})

describe("JSON Schema", () => {
  it("the committed docs/schema/case-file.schema.json is the one derived from the Schema (run `pnpm schema` if this fails)", () => {
    const committed = readFileSync(new URL("../../../docs/schema/case-file.schema.json", import.meta.url), "utf8")
    expect(committed).toBe(JSON.stringify(CaseFile.jsonSchema(), null, 2) + "\n")
  })

  it("is strict about unknown fields, like the decoder", () => {
    expect(JSON.stringify(CaseFile.jsonSchema())).toContain('"additionalProperties":false')
  })
})

describe("Decode limits: bad bytes and implausible values", () => {
  const cases: ReadonlyArray<readonly [string, (cf: Record<string, any>) => void, string]> = [
    ["a NUL in the id", (cf) => void (cf.elder.id = "HN\u00000001"), "elder.id"],
    ["a 5000-character id", (cf) => void (cf.elder.id = "H".repeat(5000)), "elder.id"],
    ["an ESC sequence and a newline in the id", (cf) => void (cf.elder.id = "HN\u001b[2J\nroot"), "elder.id"],
    ["a name of zero-width spaces", (cf) => void (cf.elder.name = "\u200b\u200c\u200d"), "elder.name"],
    ["a supporter's name of a Hangul filler", (cf) => void (cf.supporters[0].name = "\u3164"), "supporters[0].name"],
    ["a carer's name with a bidi override", (cf) => void (cf.delegatedCarer.name = "李\u202e四"), "delegatedCarer.name"],
    ["a birth date before 1880", (cf) => void (cf.elder.birthDate = "1879-12-31"), "elder.birthDate"],
    ["an income beyond the bound", (cf) => void (cf.elder.annualIncome = 48_000_000), "elder.annualIncome"],
    ["two supporters with one id", (cf) => void (cf.supporters = [cf.supporters[0], { ...cf.supporters[0], relation: "daughter" }]), "supporters"]
  ]
  for (const [what, mutate, path] of cases) {
    it(`rejects ${what}, naming ${path} in English and Chinese`, () => {
      const copy = JSON.parse(JSON.stringify(example)) as Record<string, any>
      mutate(copy)
      const r = Decode.caseFile(copy, 0)
      expect(r.ok).toBe(false)
      if (r.ok) return
      expect(r.error.issues.map((i) => i.path)).toContain(path)
      const issue = r.error.issues.find((i) => i.path === path)!
      expect(issue.expected.en).not.toBe(issue.expected.zh)
      expect(issue.expected.zh).toMatch(/[\u4e00-\u9fff]/)
      // nothing printed carries a control character
      expect(r.error.message.en).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f]/)
    })
  }
  it("accepts the bounds themselves and names of ordinary characters", () => {
    const copy = JSON.parse(JSON.stringify(example)) as Record<string, any>
    copy.elder.id = "H".repeat(64)
    copy.elder.annualIncome = 10_000_000
    copy.elder.name = "欧阳 娜娜"
    expect(Decode.caseFile(copy).ok).toBe(true)
  })
  it("accepts a UTF-8 byte order mark at the start of a text", () => {
    const r = Decode.parseText("\ufeff" + JSON.stringify(example) + "\n" + JSON.stringify(example))
    expect(r.errors).toEqual([])
    expect(r.cases).toHaveLength(2)
    expect(Decode.parseText("\ufeff[" + JSON.stringify(example) + "]").cases).toHaveLength(1)
  })
})

describe("Decode fast path", () => {
  const decodeSlow = (u: unknown) => Schema.decodeUnknownExit(CaseFile.CaseFile)(u, { errors: "all", onExcessProperty: "error" })
  const corrupt = fc.constantFrom<(cf: Record<string, any>) => void>(
    (cf) => void (cf.elder.birthDate = "1959-02-29"),
    (cf) => void (cf.elder.regionCode = "43012110120"),
    (cf) => void (cf.elder.extra = 1),
    (cf) => void delete cf.elder.sex,
    (cf) => void (cf.elder.annualIncome = -1),
    (cf) => void (cf.elder.annualIncome = "4800"),
    (cf) => void (cf.elder.disabilityGrade = 5),
    (cf) => void (cf.elder.idNumber = "430121195901010021"),
    (cf) => void (cf.elder.idNumber = IdNumber.make("430121", "1950-01-01", 2)),
    (cf) => void (cf.elder.receiving = ["dibao", " padded "]),
    (cf) => void (cf.elder.facts = { "mutual-aid-point": "yes", age: 3, known: true, none: null }),
    (cf) => void (cf.elder.facts = { "": 1 }),
    (cf) => void (cf.elder.facts = { x: [1] }),
    (cf) => void (cf.elder.facts = { x: Infinity }),
    (cf) => void (cf.supporters = [{ id: "S1", relation: "son", whereabouts: "out-of-province", awaySince: null, reportedToVillage: true, lastContact: null }]),
    (cf) => void (cf.supporters = [{ id: "S1", relation: "son", whereabouts: "abroad", awaySince: null, reportedToVillage: true, lastContact: null }]),
    (cf) => void (cf.supporters = [{ id: "S1" }]),
    (cf) => void (cf.supporters = {}),
    (cf) => void (cf.delegatedCarer = { name: "x", relation: "y" }),
    (cf) => void (cf.visits = [{ date: "2019-01-01", mode: "letter", by: "township", concerns: [] }]),
    (cf) => void (cf.riskAssessments = [{ date: "2019-01-01", level: "" }]),
    (cf) => void (cf.$schema = 3),
    (cf) => void (cf.elder.name = " 张 "),
    (cf) => void (cf.elder.phone = "call me"),
    (cf) => void (cf.elder.categories = ["dementia", "vip"]),
    (cf) => void (cf.elder.rural = "yes"),
    (cf) => void (cf.elder = null),
    (cf) => void (cf.visits = undefined),
    // bad bytes and implausible values
    (cf) => void (cf.elder.id = "E\u00001"),
    (cf) => void (cf.elder.id = "x".repeat(65)),
    (cf) => void (cf.elder.id = "x".repeat(64)),
    (cf) => void (cf.elder.id = "E1\u001b[31m\nfake"),
    (cf) => void (cf.elder.name = "\u200b\u200b"),
    (cf) => void (cf.elder.name = "\u3164"),
    (cf) => void (cf.elder.name = "王\u202e金莲"),
    (cf) => void (cf.elder.birthDate = "1879-12-31"),
    (cf) => void (cf.elder.annualIncome = 10_000_001),
    (cf) => void (cf.elder.annualIncome = 10_000_000),
    (cf) => void (cf.supporters = [cf.supporters[0] ?? { id: "S1", relation: "son", whereabouts: "in-county", awaySince: null, reportedToVillage: false, lastContact: null }, { ...(cf.supporters[0] ?? { id: "S1", relation: "son", whereabouts: "in-county", awaySince: null, reportedToVillage: false, lastContact: null }) }]),
    (cf) => void (cf.$schema = "https://x/\u0000"),
    () => undefined
  )
  const generated = Validator.compile(CaseFile.CaseFile.ast)
  const closures = Validator.compileClosures(CaseFile.CaseFile.ast)
  it("compiles both the generated and the closure validators for the case file", () => {
    expect(generated).toBeDefined()
    expect(closures).toBeDefined()
  })
  test.prop([caseFileArb, corrupt], { numRuns: 3000 })("accepts exactly what the full decoder accepts (both validators)", (cf, mutate) => {
    const copy = JSON.parse(JSON.stringify(cf)) as Record<string, any>
    mutate(copy)
    const expected = decodeSlow(copy)._tag === "Success"
    expect(Decode.caseFile(copy).ok).toBe(expected)
    expect(generated!(copy)).toBe(expected)
    expect(closures!(copy)).toBe(expected)
  })
})

describe("Decode fast path: records", () => {
  const decodeSlow = (u: unknown) => Schema.decodeUnknownExit(CaseFile.CaseFile)(u, { errors: "all", onExcessProperty: "error" })
  const generated = Validator.compile(CaseFile.CaseFile.ast)!
  const closures = Validator.compileClosures(CaseFile.CaseFile.ast)!
  // elder.facts is the case file's one record (id -> value): anything but an object is refused by
  // both validators, as by the decoder, and never throws
  test.prop(
    [caseFileArb, fc.constantFrom<unknown>(null, [], ["x"], "facts", 0, true, { "a-fact": true }, { "a-fact": null }, { "a-fact": {} }, { "a-fact": [1] }, {})],
    { numRuns: 200 }
  )("a record field holding null, an array, a scalar or a bad value is refused; an object of facts is accepted", (cf, facts) => {
    const copy = JSON.parse(JSON.stringify(cf)) as Record<string, any>
    copy.elder.facts = facts
    const expected = decodeSlow(copy)._tag === "Success"
    expect(expected).toBe(facts !== null && typeof facts === "object" && !Array.isArray(facts) && Object.values(facts).every((v) => v === null || typeof v !== "object"))
    expect(generated(copy)).toBe(expected)
    expect(closures(copy)).toBe(expected)
    expect(Decode.caseFile(copy).ok).toBe(expected)
  })
})

describe("Decode: printing values safely", () => {
  const CONTROL = new RegExp(CaseFile.CONTROL_CHARACTERS.source, "g")
  test.prop([fc.string({ unit: "binary", maxLength: 80 })], { numRuns: 1000 })(
    "escapeControl writes each control character as a \\u escape of four hex digits and leaves the rest as it is",
    (s) => {
      const out = Decode.escapeControl(s)
      expect(new RegExp(CaseFile.CONTROL_CHARACTERS.source).test(out)).toBe(false)
      expect(out).toBe(s.replace(CONTROL, (c) => "\\u" + c.charCodeAt(0).toString(16).padStart(4, "0")))
      // the escapes read back as the original text
      expect(out.replace(/\\u([0-9a-f]{4})/g, (m, h: string) => (CONTROL.test(String.fromCharCode(Number.parseInt(h, 16))) ? ((CONTROL.lastIndex = 0), String.fromCharCode(Number.parseInt(h, 16))) : ((CONTROL.lastIndex = 0), m)))).toBe(s)
    }
  )
  test.prop([fc.string({ maxLength: 100 }), fc.option(fc.stringMatching(/^[0-9]{11,18}$/), { nil: undefined })], { numRuns: 1000 })(
    "printable keeps at most 64 characters, masks every run of 11 or more digits and escapes control characters",
    (text, digits) => {
      const s = digits === undefined ? text : `${text.slice(0, 20)}${digits}${text.slice(20)}`
      const out = Decode.printable(s)
      expect(/[0-9]{11,}/.test(out)).toBe(false)
      expect(new RegExp(CaseFile.CONTROL_CHARACTERS.source).test(out)).toBe(false)
      const plain = !/[0-9]/.test(s) && !new RegExp(CaseFile.CONTROL_CHARACTERS.source).test(s)
      if (plain) expect(out).toBe(s.length > 64 ? s.slice(0, 64) + "…" : s)
      if (digits !== undefined && s.length <= 64 && !/[0-9]/.test(text) && !new RegExp(CaseFile.CONTROL_CHARACTERS.source).test(text)) {
        const masked = digits.length >= 15 ? Mask.idNumber(digits) : Mask.phone(digits)
        expect(out).toBe(`${text.slice(0, 20)}${masked}${text.slice(20)}`)
      }
    }
  )
  it("printable keeps a text of up to 64 characters whole and cuts a longer one at 64, marking the cut", () => {
    for (let n = 60; n <= 70; n++) {
      const s = "甲a".repeat(40).slice(0, n)
      expect(Decode.printable(s), String(n)).toBe(n > 64 ? s.slice(0, 64) + "…" : s)
    }
  })
  it("a field that takes one of several kinds names them all, joined by or (或)", () => {
    const sample = fc.sample(caseFileArb, { numRuns: 1, seed: 7 })[0]!
    const expected = (bad: unknown) => {
      const r = Decode.caseFile(bad)
      if (r.ok) throw new Error("expected a refusal")
      return r.error.issues.map((i) => i.expected)
    }
    expect(expected({ ...sample, delegatedCarer: 5 })).toEqual([{ en: "object or null", zh: "对象 或 null" }])
    expect(expected({ ...sample, elder: { ...sample.elder, disabilityGrade: "x" } })).toEqual([{ en: "DisabilityGrade or null", zh: "DisabilityGrade 或 null" }])
  })
  it("a JSON error names the position, says valid JSON was expected and hides the parser's excerpt of the text", () => {
    let detail = ""
    try {
      JSON.parse('{"elder": {"name": "张桂英", "phone": 13800138000 x}}')
    } catch (e) {
      detail = (e as Error).message
    }
    const e = Decode.jsonError(6, detail)
    expect(e.position).toBe(6)
    expect(e.elderId).toBeNull()
    expect(e.issues).toHaveLength(1)
    expect(e.issues[0]!.path).toBe("(case file)")
    expect(e.issues[0]!.expected).toEqual({ en: "valid JSON", zh: "合法的 JSON" })
    expect(e.issues[0]!.found.length).toBeGreaterThan(0)
    expect(e.issues[0]!.found.length).toBeLessThanOrEqual(80)
    expect(JSON.stringify(e)).not.toContain("张桂英")
    expect(JSON.stringify(e)).not.toContain("13800138000")
    expect(e.message.en).toBe(Decode.formatError(e, "en"))
    expect(e.message.zh).toBe(Decode.formatError(e, "zh"))
    expect(e.message.en).toContain("case #7")
    expect(e.message.en).toContain("expected valid JSON")
    expect(e.message.zh).toContain("案卷 #7")
    expect(e.message.zh).toContain("应为合法的 JSON")
  })
  it("formatError writes one line per issue in the language asked for, with the position and the elder id when known", () => {
    const error = {
      _tag: "CaseFileError" as const,
      position: null,
      elderId: "HN-0009",
      issues: [
        { path: "elder.sex", expected: { en: "one of a or b", zh: "以下之一：a b" }, found: '"x"' },
        { path: "visits[0].date", expected: { en: "a date", zh: "日期" }, found: "(missing)" }
      ]
    }
    expect(Decode.formatError(error, "en").split("\n")).toEqual([
      'case (elder.id=HN-0009) elder.sex: expected one of a or b, found "x"',
      "case (elder.id=HN-0009) visits[0].date: expected a date, found (missing)"
    ])
    expect(Decode.formatError(error, "zh").split("\n")).toEqual(['案卷（elder.id=HN-0009） elder.sex：应为以下之一：a b，实际为 "x"', "案卷（elder.id=HN-0009） visits[0].date：应为日期，实际为 (missing)"])
    expect(Decode.formatError({ ...error, position: 0, elderId: null, issues: error.issues.slice(0, 1) })).toBe('case #1 elder.sex: expected one of a or b, found "x"')
  })
})

describe("Decode.fieldIssues", () => {
  const Body = Schema.Struct({ date: CaseFile.Date, personId: CaseFile.Id, count: Schema.Int, name: Schema.String })
  const decode = (input: unknown) => {
    const r = Schema.decodeUnknownResult(Body)(input, { errors: "all", onExcessProperty: "error" })
    if (Result.isSuccess(r)) throw new Error("expected a failure")
    return r.failure
  }
  it("names each path, what was expected in both languages and the value found, masked when personal", () => {
    const input = { date: "2021-02-30", personId: " 430121195203051234", count: 1.5, name: 13800138000, extra: true }
    const issues = Decode.fieldIssues(decode(input), input)
    const byPath = Object.fromEntries(issues.map((i) => [i.path, i]))
    expect(Object.keys(byPath).sort()).toEqual(["count", "date", "extra", "name", "personId"])
    expect(byPath["date"]).toEqual({ path: "date", expected: { zh: "日历上存在的日期（YYYY-MM-DD）", en: "a calendar date YYYY-MM-DD" }, found: '"2021-02-30"' })
    expect(byPath["count"]!.expected).toEqual({ zh: "整数", en: "an integer" })
    expect(byPath["extra"]!.expected).toEqual({ zh: "不存在该字段", en: "no such field" })
    expect(byPath["personId"]!.found).not.toContain("430121195203051234")
    expect(byPath["name"]!.found).not.toContain("13800138000")
  })
  it("prefixes paths and names the root", () => {
    expect(Decode.fieldIssues(decode(5), 5, { root: "(body)" }).map((i) => [i.path, i.found])).toEqual([["(body)", "5"]])
    const input = { date: "2021-06-30", personId: "p", count: 1 }
    expect(Decode.fieldIssues(decode(input), input, { prefix: "visits[3]" }).map((i) => [i.path, i.found])).toEqual([["visits[3].name", "(missing)"]])
  })
  it("joins a prefix to an index without a dot, and to a field with one", () => {
    const Bodies = Schema.Array(Body)
    const good = { date: "2021-06-30", personId: "p", count: 1, name: "n" }
    const input = [good, { ...good, count: "2" }, good, { ...good, date: "2021-02-30" }]
    const r = Schema.decodeUnknownResult(Bodies)(input, { errors: "all", onExcessProperty: "error" })
    if (Result.isSuccess(r)) throw new Error("expected a failure")
    const issues = Decode.fieldIssues(r.failure, input, { prefix: "visits" })
    expect(issues.map((i) => [i.path, i.found]).sort()).toEqual([
      ["visits[1].count", '"2"'],
      ["visits[3].date", '"2021-02-30"']
    ])
    // without a prefix the index leads, and a root names only the whole value
    expect(Decode.fieldIssues(r.failure, input).map((i) => i.path).sort()).toEqual(["[1].count", "[3].date"])
    expect(Decode.fieldIssues(r.failure, input, { root: "(body)" }).map((i) => i.path).sort()).toEqual(["[1].count", "[3].date"])
  })
})

describe("Decode.parseText", () => {
  // each line: a valid case, a case with a bad field, text that is not JSON, or blank
  const lineArb = fc.constantFrom("valid", "invalid", "not-json", "blank", "spaces")
  const text = (kind: string, i: number) =>
    kind === "valid"
      ? JSON.stringify(withElder({ id: `HN-${i}` }))
      : kind === "invalid"
        ? JSON.stringify(withElder({ id: `HN-${i}`, birthDate: "1959-02-30" }))
        : kind === "not-json"
          ? `{"elder": ${i}`
          : kind === "blank"
            ? ""
            : " \t "
  test.prop([fc.array(lineArb, { maxLength: 12 }), fc.constantFrom("\n", "\r\n"), fc.boolean()], { numRuns: 300 })(
    "JSON Lines: the valid cases in order with their line numbers; an error for each other non-blank line, in line order",
    (kinds, eol, bom) => {
      const r = Decode.parseText((bom ? "\ufeff" : "") + kinds.map(text).join(eol))
      const at = (pred: (k: string) => boolean) => kinds.flatMap((k, i) => (pred(k) ? [i] : []))
      // a text starting with "[" would be read as an array: none of these lines does
      expect(r.positions).toEqual(at((k) => k === "valid"))
      expect(r.cases.map((c) => c.elder.id)).toEqual(at((k) => k === "valid").map((i) => `HN-${i}`))
      expect(r.errors.map((e) => e.position)).toEqual(at((k) => k === "invalid" || k === "not-json"))
      expect(r.errors.map((e) => e.elderId)).toEqual(kinds.flatMap((k, i) => (k === "invalid" ? [`HN-${i}`] : k === "not-json" ? [null] : [])))
      for (const e of r.errors) expect(e.message.en).toContain(`case #${e.position! + 1}`)
      for (const c of r.cases) expect(Decode.versionOf(c)).toBe(CaseFile.version(c))
    }
  )
  test.prop([fc.array(fc.constantFrom("valid", "invalid", "scalar"), { maxLength: 10 }), fc.boolean()], { numRuns: 200 })(
    "a JSON array: the valid cases with their indexes; an error for each other element, in index order",
    (kinds, spaced) => {
      const items = kinds.map((k, i) => (k === "valid" ? withElder({ id: `HN-${i}` }) : k === "invalid" ? withElder({ id: `HN-${i}`, sex: "x" }) : i))
      const r = Decode.parseText((spaced ? " \n\t" : "") + JSON.stringify(items, null, spaced ? 1 : undefined))
      const at = (pred: (k: string) => boolean) => kinds.flatMap((k, i) => (pred(k) ? [i] : []))
      expect(r.positions).toEqual(at((k) => k === "valid"))
      expect(r.cases.map((c) => c.elder.id)).toEqual(at((k) => k === "valid").map((i) => `HN-${i}`))
      expect(r.errors.map((e) => e.position)).toEqual(at((k) => k !== "valid"))
    }
  )
  it("a text that is not a JSON array or not JSON at all is one error without a position", () => {
    for (const t of ["[1, 2", '[{"elder": "张桂英"'] as const) {
      const r = Decode.parseText(t)
      expect([r.cases, r.positions, r.errors.length, r.errors[0]!.position]).toEqual([[], [], 1, null])
      expect(JSON.stringify(r.errors)).not.toContain("张桂英")
    }
  })
})
