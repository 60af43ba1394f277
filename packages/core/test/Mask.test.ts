import { fc, test } from "@fast-check/vitest"
import { Mask } from "@liushou/core"
import { describe, expect, it } from "vitest"
import { caseFileArb } from "./arbitraries.js"

describe("Mask", () => {
  it("masks personal numbers", () => {
    expect(Mask.idNumber("430121195901010020")).toBe("430121********0020")
    expect(Mask.phone("13800138000")).toBe("138******00")
    expect(Mask.name("张桂英")).toBe("张**")
    // a one-character name is masked whole (its first character would be all of it), as is an empty one
    expect(Mask.name("英")).toBe("*")
    expect(Mask.name("")).toBe("*")
    expect(Mask.name("王芳")).toBe("王*")
  })

  it("tells the kind of a personal key, also under misspellings", () => {
    expect(["idNumber", "id_number", "IDCARD", "sfz", "身份证号"].map(Mask.kindOfKey)).toEqual(["idNumber", "idNumber", "idNumber", "idNumber", "idNumber"])
    expect(["phone", "mobile", "tel", "手机"].map(Mask.kindOfKey)).toEqual(["phone", "phone", "phone", "phone"])
    expect(["name", "姓名"].map(Mask.kindOfKey)).toEqual(["name", "name"])
  })

  test.prop([caseFileArb, fc.boolean()], { numRuns: 200 })("masks every name, ID number and phone of a case file, and nothing else", (cf, names) => {
    const m = Mask.caseFile(cf, { names })
    const people = (c: typeof cf) => [c.elder, ...c.supporters, ...(c.delegatedCarer === null ? [] : [c.delegatedCarer])] as Array<{ name?: string; phone?: string; idNumber?: string }>
    const before = people(cf)
    const after = people(m)
    after.forEach((p, i) => {
      const b = before[i]!
      expect(p.name).toBe(b.name === undefined ? undefined : names ? Mask.name(b.name) : b.name)
      expect(p.phone).toBe(b.phone === undefined ? undefined : Mask.phone(b.phone))
      expect(p.idNumber).toBe(b.idNumber === undefined ? undefined : Mask.idNumber(b.idNumber))
    })
    const strip = (c: typeof cf) => JSON.stringify(c, (k, v) => (k === "name" || k === "phone" || k === "idNumber" ? "·" : v))
    expect(strip(m)).toBe(strip(cf))
  })

  // the case-file arbitrary gives supporters no name or phone: here they have them
  const withContacts = caseFileArb.chain((cf) =>
    fc
      .array(fc.record({ name: fc.option(fc.constantFrom("李四", "王芳芳"), { nil: undefined }), phone: fc.option(fc.constantFrom("13800138000", "13912345678"), { nil: undefined }) }), {
        minLength: cf.supporters.length,
        maxLength: cf.supporters.length
      })
      .map((extra) => ({ ...cf, supporters: cf.supporters.map((s, i) => ({ ...s, ...(extra[i]!.name === undefined ? {} : { name: extra[i]!.name }), ...(extra[i]!.phone === undefined ? {} : { phone: extra[i]!.phone }) })) }))
  )
  // nor the elder or the delegated carer a phone: here they have one, or not
  const withPhones = fc
    .tuple(caseFileArb, fc.option(fc.constantFrom("13800138000", "0731-84567890"), { nil: undefined }), fc.option(fc.constantFrom("13912345678", "110"), { nil: undefined }))
    .map(([cf, elder, carer]) => ({
      ...cf,
      elder: elder === undefined ? cf.elder : { ...cf.elder, phone: elder },
      delegatedCarer: cf.delegatedCarer === null || carer === undefined ? cf.delegatedCarer : { ...cf.delegatedCarer, phone: carer }
    }))
  test.prop([withPhones, fc.boolean()], { numRuns: 100 })("masks the elder's and the delegated carer's phones, and adds none where there was none", (cf, names) => {
    const m = Mask.caseFile(cf, { names })
    expect(m.elder.phone).toBe(cf.elder.phone === undefined ? undefined : Mask.phone(cf.elder.phone))
    expect("phone" in m.elder).toBe(cf.elder.phone !== undefined)
    if (cf.delegatedCarer === null) expect(m.delegatedCarer).toBeNull()
    else {
      expect(m.delegatedCarer?.phone).toBe(cf.delegatedCarer.phone === undefined ? undefined : Mask.phone(cf.delegatedCarer.phone))
      expect("phone" in m.delegatedCarer!).toBe(cf.delegatedCarer.phone !== undefined)
      expect(m.delegatedCarer?.name).toBe(names ? Mask.name(cf.delegatedCarer.name) : cf.delegatedCarer.name)
    }
    if (cf.elder.phone !== undefined) expect(m.elder.phone).not.toBe(cf.elder.phone)
  })

  test.prop([withContacts.filter((cf) => cf.supporters.some((s) => s.name !== undefined)), fc.boolean()], { numRuns: 50 })("masks the supporters' names (unless names: false) and phones", (cf, names) => {
    const m = Mask.caseFile(cf, { names })
    m.supporters.forEach((p, i) => {
      const b = cf.supporters[i]!
      expect(p.name).toBe(b.name === undefined ? undefined : names ? Mask.name(b.name) : b.name)
      expect(p.phone).toBe(b.phone === undefined ? undefined : Mask.phone(b.phone))
    })
  })
})

describe("Mask.value", () => {
  test.prop([fc.constantFrom("idNumber", "phone", "name") as fc.Arbitrary<"idNumber" | "phone" | "name">, fc.string({ maxLength: 20 })], { numRuns: 500 })(
    "masks a value as its kind says",
    (kind, v) => {
      expect(Mask.value(kind, v)).toBe(kind === "idNumber" ? Mask.idNumber(v) : kind === "phone" ? Mask.phone(v) : Mask.name(v))
    }
  )
  it("keeps what each kind keeps", () => {
    expect(Mask.value("idNumber", "430121195901010020")).toBe("430121********0020")
    expect(Mask.value("phone", "13800138000")).toBe("138******00")
    expect(Mask.value("name", "张桂英")).toBe("张**")
  })
})
