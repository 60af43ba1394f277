// The compiled fast path (internal/validator.ts, both its generated code and its closures) and
// Decode.caseFile accept exactly what Effect's decoder accepts. Cases carry every field the
// schema declares, optional ones included, and get random edits at random paths: wrong types,
// missing keys, extra keys (prototype names too), boundary values, values moved from elsewhere.
// `pnpm test` runs a few thousand cases; `pnpm test:fuzz` (LIUSHOU_FUZZ_RUNS) tens of thousands.
import { fc, test } from "@fast-check/vitest"
import { CalendarDate, CaseFile, Decode, IdNumber } from "@liushou/core"
import { Schema, SchemaAST } from "effect"
import { describe, expect, it } from "vitest"
import * as Validator from "../src/internal/validator.js"
import { caseFileArb, dateArb } from "./arbitraries.js"
import { CONCERNS, PROGRAMS } from "./fixtures.js"

const RUNS = Number.parseInt(process.env.LIUSHOU_FUZZ_RUNS ?? "", 10) || 3000
// a run that keeps its own clock (the mutation runs) raises the time limits with LIUSHOU_TEST_TIMEOUT
const limit = (ms: number): number => Math.max(ms, Number(process.env.LIUSHOU_TEST_TIMEOUT ?? 0))

const phoneArb = fc.oneof(
  fc.tuple(fc.constantFrom("3", "5", "8"), fc.integer({ min: 0, max: 999_999_999 })).map(([p, n]) => `1${p}${String(n).padStart(9, "0")}`),
  fc.constantFrom("0731-84012345", "+86 138 0000 0000", "12345", "12345678901234567890")
)
const maybe = <A>(arb: fc.Arbitrary<A>) => fc.option(arb, { nil: undefined })

/** A valid case file with every optional field present about half the time. */
const fullCaseArb: fc.Arbitrary<Record<string, any>> = fc
  .tuple(
    caseFileArb,
    fc.record({
      $schema: maybe(fc.constantFrom("https://liushou.dev/schema/case-file.v1.json", "./case-file.schema.json", "")),
      phone: maybe(phoneArb),
      housingSafety: maybe(fc.constantFrom(...CaseFile.HOUSING_SAFETY)),
      categories: maybe(fc.uniqueArray(fc.constantFrom(...CaseFile.CATEGORIES), { maxLength: 3 })),
      facts: maybe(fc.dictionary(fc.constantFrom("mutual-aid-point", "hukou-years", "moved-in", "note"), fc.oneof(fc.boolean(), fc.integer({ min: 0, max: 90 }), fc.constantFrom("2019-01-01", "yes"), fc.constant(null)))),
      supporterNames: fc.array(maybe(fc.constantFrom("王小明", "李娟", "Zhang Wei"))),
      supporterPhones: fc.array(maybe(phoneArb)),
      carerPhone: maybe(phoneArb),
      verified: maybe(fc.record({ supporters: dateArb("2015-01-01", "2025-12-31"), income: dateArb("2015-01-01", "2025-12-31"), health: dateArb("2015-01-01", "2025-12-31"), housing: dateArb("2015-01-01", "2025-12-31") }, { requiredKeys: [] })),
      ledgerEvents: maybe(
        fc.tuple(dateArb("2015-01-01", "2022-12-31"), fc.boolean(), fc.array(fc.integer({ min: 0, max: 400 }), { minLength: 0, maxLength: 4 }), maybe(fc.constantFrom("入住乡镇敬老院", "moved to Changsha"))).map(([start, entered, gaps, note]) => {
          let date = start
          let event = entered ? "entered" : "exited"
          return [0, ...gaps].map((g, i) => {
            date = CalendarDate.addDays(date, g)
            const e = { date, event, reason: event === "entered" ? "identified" : "died", ...(i === 0 && note !== undefined ? { note } : {}) }
            event = event === "entered" ? "exited" : "entered"
            return e
          })
        })
      ),
      followUps: maybe(
        fc.array(
          fc.record(
            {
              date: fc.constantFrom("2019-03-01", "2020-02-29"),
              step: fc.constantFrom("reminder", "criticism-education"),
              by: fc.constantFrom("village-committee", "staff-017"),
              note: fc.constantFrom("电话督促长子", "入户批评教育\n次子到场")
            },
            { requiredKeys: ["date", "step", "by"] }
          ),
          { maxLength: 3 }
        )
      ),
      services: maybe(
        fc.array(
          fc.record(
            {
              date: fc.constantFrom("2019-03-01", "2020-02-29"),
              kind: fc.constantFrom("daily-care", "emotional-comfort", "safety-monitoring", "rights-protection"),
              personKind: fc.constantFrom(...CaseFile.PERSON_KINDS),
              personId: fc.constantFrom("V-001", "S-9"),
              program: fc.constantFrom("health-management", "legal-aid"),
              organisation: fc.constantFrom("elder-association-4301211012", "social-work-station"),
              note: fc.constantFrom("陪老人聊天", "送米送油\n检查用电")
            },
            { requiredKeys: ["date", "kind", "personKind", "personId"] }
          ),
          { maxLength: 3 }
        )
      ),
      visitServices: maybe(fc.array(fc.constantFrom("daily-care", "emotional-comfort", "safety-monitoring"), { maxLength: 3 })),
      concerns: maybe(
        fc.array(
          fc
            .record(
              {
                concern: fc.constantFrom(...CONCERNS),
                date: fc.constantFrom("2019-03-01", "2020-02-29"),
                observedBy: fc.constantFrom(...CaseFile.OBSERVERS),
                verified: fc.boolean(),
                serious: fc.boolean(),
                grounds: fc.constantFrom("入户核实：伤情有村医记录"),
                resolvedOn: fc.constantFrom(null, "2020-03-01")
              },
              { requiredKeys: ["concern", "date", "observedBy"] }
            )
            .map((c) => (c.serious === true && c.verified !== true ? { ...c, verified: true } : c)),
          { maxLength: 3 }
        )
      )
    })
  )
  .map(([cf, o]) => {
    const out = JSON.parse(JSON.stringify(cf)) as Record<string, any>
    if (o.$schema !== undefined) out.$schema = o.$schema
    if (o.phone !== undefined) out.elder.phone = o.phone
    if (o.housingSafety !== undefined) out.elder.housingSafety = o.housingSafety
    if (o.categories !== undefined) out.elder.categories = o.categories
    if (o.facts !== undefined) out.elder.facts = o.facts
    out.supporters.forEach((s: Record<string, unknown>, i: number) => {
      const name = o.supporterNames[i]
      const phone = o.supporterPhones[i]
      if (name !== undefined) s.name = name
      if (phone !== undefined) s.phone = phone
    })
    if (out.delegatedCarer !== null && o.carerPhone !== undefined) out.delegatedCarer.phone = o.carerPhone
    if (o.verified !== undefined) out.verified = o.verified
    if (o.ledgerEvents !== undefined) out.ledgerEvents = o.ledgerEvents
    if (o.followUps !== undefined) out.followUps = o.followUps
    if (o.concerns !== undefined) out.concerns = o.concerns
    if (o.services !== undefined) out.services = o.services
    if (o.visitServices !== undefined && out.visits.length > 0) out.visits[0].services = o.visitServices
    return out
  })

/** Every field path the schema declares (`elder.phone`, `supporters[].name`, ...). */
const schemaPaths = (ast: SchemaAST.AST, prefix = ""): Array<string> => {
  switch (ast._tag) {
    case "Objects":
      return ast.propertySignatures.flatMap((ps) => {
        const p = prefix === "" ? String(ps.name) : `${prefix}.${String(ps.name)}`
        return [p, ...schemaPaths(ps.type, p)]
      })
    case "Arrays":
      return ast.rest.flatMap((t) => schemaPaths(t, `${prefix}[]`))
    case "Union":
      return ast.types.flatMap((t) => schemaPaths(t, prefix))
    default:
      return []
  }
}

const pathsOf = (v: unknown, prefix = ""): Array<string> => {
  if (Array.isArray(v)) return v.flatMap((x) => pathsOf(x, `${prefix}[]`))
  if (typeof v === "object" && v !== null) {
    return Object.entries(v).flatMap(([k, x]) => {
      const p = prefix === "" ? k : `${prefix}.${k}`
      return [p, ...pathsOf(x, p)]
    })
  }
  return []
}

// values an edit may put anywhere: other types, and values on the edges of what each field accepts
const longString = (n: number) => "长".repeat(n)
const valueArb: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom<unknown>(
    null, undefined, true, false, 0, -0, 1, 2, 3, 4, 5, -1, 0.5, 1.5, -0.01, 1e21, Number.MAX_SAFE_INTEGER + 2, Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY,
    "", " ", "a", " a", "a ", "\t", "0", "null", "true", "1959-01-01", "1959-02-29", "1960-02-29", "2019-13-01", "2019-00-10", "2019-1-1", " 2019-01-01", "0000-01-01", "9999-12-31",
    "430121101201", "43012110120", "4301211012011", "430121000000", "43012110120x", "430121195901010020", "430121195901010021", "43012119590101002X",
    "13800000000", "call me", "1234", longString(64), longString(65), longString(128), longString(129), longString(256), longString(257), longString(2000),
    [], [null], [1], ["dibao"], ["dibao", "dibao"], ["nope"], {}, { id: "S1" }, { date: "2019-01-01" }, [{}],
    // the case file's limits: text length, control and invisible characters, birth dates, incomes
    "a".repeat(200), "a".repeat(201), "\u0000", "a\u0007b", "\u009f", "\u200b", "\u3000", "\ufeff张", "张\u202e", "张\u00ad", "张\u200b三",
    "1879-12-31", "1880-01-01", 10_000_000, 10_000_001, 9_999_999.5, 10_000_000.01
  ),
  fc.constantFrom<unknown>(
    ...CaseFile.SEXES, ...CaseFile.LIVING_ARRANGEMENTS, ...CaseFile.ABILITY_LEVELS, ...CaseFile.RELATIONS, ...CaseFile.WHEREABOUTS,
    ...CaseFile.VISIT_MODES, ...CaseFile.VISITORS, ...CONCERNS, ...CaseFile.HOUSING_SAFETY, ...CaseFile.CATEGORIES, ...PROGRAMS, ...CaseFile.INCOME_SOURCES
  ),
  fc.string(),
  fc.integer(),
  fc.double()
)
const keyArb = fc.constantFrom("extra", "__proto__", "constructor", "toString", "valueOf", "hasOwnProperty", "0", "length", "phone", "name", "idNumber", "$schema", "housingSafety", "categories", "since", "level")

type Edit =
  | { readonly kind: "set"; readonly pick: number; readonly value: unknown }
  | { readonly kind: "copy"; readonly pick: number; readonly from: number }
  | { readonly kind: "delete"; readonly pick: number }
  | { readonly kind: "add"; readonly pick: number; readonly key: string; readonly value: unknown }
  | { readonly kind: "idNumber"; readonly birthDate: string; readonly seq: number }
  | { readonly kind: "dropOptional"; readonly pick: number }
  | { readonly kind: "sameSupporterId"; readonly a: number; readonly b: number }

const editArb: fc.Arbitrary<Edit> = fc.oneof(
  fc.record({ kind: fc.constant("set" as const), pick: fc.nat(), value: valueArb }),
  fc.record({ kind: fc.constant("copy" as const), pick: fc.nat(), from: fc.nat() }),
  fc.record({ kind: fc.constant("delete" as const), pick: fc.nat() }),
  fc.record({ kind: fc.constant("add" as const), pick: fc.nat(), key: keyArb, value: valueArb }),
  fc.record({ kind: fc.constant("idNumber" as const), birthDate: fc.constantFrom("1950-01-01", "1959-01-01", "1960-02-29"), seq: fc.integer({ min: 0, max: 999 }) }),
  // edits that often keep the case valid, so both outcomes are compared
  fc.record({ kind: fc.constant("dropOptional" as const), pick: fc.nat() }),
  fc.record({ kind: fc.constant("sameSupporterId" as const), a: fc.nat(), b: fc.nat() }),
  fc.record({ kind: fc.constant("add" as const), pick: fc.nat(), key: fc.constantFrom("phone", "name", "housingSafety", "categories"), value: fc.constantFrom<unknown>("13800000000", "李四", "safe", ["dementia"], []) })
)

const OPTIONAL = new Set(["$schema", "idNumber", "phone", "housingSafety", "categories", "name"])

/** The containers and keys of a JSON value, the root's own keys included. */
const slots = (v: unknown): Array<readonly [Record<string, unknown> | Array<unknown>, string]> => {
  const out: Array<readonly [Record<string, unknown> | Array<unknown>, string]> = []
  const walk = (x: unknown) => {
    if (typeof x !== "object" || x === null) return
    for (const k of Object.keys(x)) {
      out.push([x as Record<string, unknown>, k])
      walk((x as Record<string, unknown>)[k])
    }
  }
  walk(v)
  return out
}

const containers = (v: unknown): Array<Record<string, unknown> | Array<unknown>> => {
  const out: Array<Record<string, unknown> | Array<unknown>> = []
  const walk = (x: unknown) => {
    if (typeof x !== "object" || x === null) return
    out.push(x as Record<string, unknown>)
    for (const k of Object.keys(x)) walk((x as Record<string, unknown>)[k])
  }
  walk(v)
  return out
}

const apply = (doc: Record<string, any>, edit: Edit): void => {
  if (edit.kind === "idNumber") {
    if (typeof doc.elder === "object" && doc.elder !== null) doc.elder.idNumber = IdNumber.make("430121", edit.birthDate, edit.seq)
    return
  }
  if (edit.kind === "sameSupporterId") {
    const list = doc.supporters
    if (Array.isArray(list) && list.length > 0) {
      const a = list[edit.a % list.length]
      const b = list[edit.b % list.length]
      if (typeof a === "object" && a !== null && typeof b === "object" && b !== null) b.id = a.id
    }
    return
  }
  if (edit.kind === "dropOptional") {
    const ss = slots(doc).filter(([c, k]) => !Array.isArray(c) && OPTIONAL.has(k))
    if (ss.length > 0) {
      const [c, k] = ss[edit.pick % ss.length]!
      delete (c as Record<string, unknown>)[k]
    }
    return
  }
  if (edit.kind === "add") {
    const cs = containers(doc).filter((c) => !Array.isArray(c))
    if (cs.length === 0) return
    const c = cs[edit.pick % cs.length]!
    // JSON.parse makes "__proto__" an own key; so does defineProperty
    Object.defineProperty(c, edit.key, { value: edit.value, enumerable: true, writable: true, configurable: true })
    return
  }
  const ss = slots(doc)
  if (ss.length === 0) return
  const [c, k] = ss[edit.pick % ss.length]!
  if (edit.kind === "delete") {
    if (Array.isArray(c)) c.splice(+k, 1)
    else delete c[k]
  } else if (edit.kind === "set") {
    ;(c as Record<string, unknown>)[k] = edit.value
  } else {
    const [c2, k2] = ss[edit.from % ss.length]!
    ;(c as Record<string, unknown>)[k] = structuredClone((c2 as Record<string, unknown>)[k2])
  }
}

const decodeSlow = (u: unknown) => Schema.decodeUnknownExit(CaseFile.CaseFile)(u, { errors: "all", onExcessProperty: "error" })
const generated = Validator.compile(CaseFile.CaseFile.ast)!
const closures = Validator.compileClosures(CaseFile.CaseFile.ast)!

describe("Decode fast path, fuzzed", () => {
  it("the valid cases carry every field the schema declares, optional ones included", () => {
    const seen = new Set(fc.sample(fullCaseArb, { numRuns: 500, seed: 1 }).flatMap((cf) => pathsOf(cf)))
    const declared = [...new Set(schemaPaths(CaseFile.CaseFile.ast))]
    expect(declared.filter((p) => !seen.has(p))).toEqual([])
  })

  it("every valid case is accepted by all four", () => {
    fc.assert(
      fc.property(fullCaseArb, (cf) => {
        expect(decodeSlow(cf)._tag).toBe("Success")
        expect(generated(cf)).toBe(true)
        expect(closures(cf)).toBe(true)
        expect(Decode.caseFile(cf).ok).toBe(true)
      }),
      { numRuns: Math.min(RUNS, 1000) }
    )
  }, limit(120_000))

  let accepted = 0
  let refused = 0
  test.prop([fullCaseArb, fc.array(editArb, { minLength: 1, maxLength: 3 })], { numRuns: RUNS })(
    "after random edits at random paths, the fast path accepts exactly what the decoder accepts",
    (cf, edits) => {
      const doc = structuredClone(cf)
      for (const e of edits) apply(doc, e)
      const expected = decodeSlow(doc)._tag === "Success"
      if (expected) accepted++
      else refused++
      expect(generated(doc)).toBe(expected)
      expect(closures(doc)).toBe(expected)
      expect(Decode.caseFile(doc).ok).toBe(expected)
    },
    limit(Math.max(60_000, RUNS * 20))
  )

  it("the edits give both outcomes often (the comparison is not one-sided)", () => {
    console.log(`decoder equivalence: ${accepted} edited cases accepted, ${refused} refused`)
    expect(accepted).toBeGreaterThan(RUNS / 20)
    expect(accepted + refused).toBe(RUNS)
    expect(refused).toBeGreaterThan(RUNS / 4)
  })
})
