import { fc, test } from "@fast-check/vitest"
import { IdNumber } from "@liushou/core"
import { describe, expect, it } from "vitest"
import { dateArb } from "./arbitraries.js"

describe("IdNumber (GB 11643)", () => {
  it("accepts the issue's example and rejects a wrong check character", () => {
    expect(IdNumber.validate("430121195901010020")).toBeUndefined()
    expect(IdNumber.validate("430121195901010021")).toBe("check-digit")
    expect(IdNumber.validate("43012119590101002")).toBe("format")
    expect(IdNumber.validate("11010519491231002X")).toBeUndefined()
    expect(IdNumber.birthDate("430121195901010020")).toBe("1959-01-01")
    expect(IdNumber.sex("430121195901010020")).toBe("female")
    expect(IdNumber.sex("430121195901010039".slice(0, 17) + IdNumber.checkCharacter("43012119590101003"))).toBe("male")
  })

  it("rejects an impossible embedded birth date even with a correct check character", () => {
    const first17 = "43012119590230002"
    expect(IdNumber.validate(first17 + IdNumber.checkCharacter(first17))).toBe("birth-date")
  })

  test.prop([fc.stringMatching(/^[1-6]\d{5}$/), dateArb("1900-01-01", "2020-12-31"), fc.integer({ min: 0, max: 999 })], { numRuns: 1000 })(
    "made numbers validate and carry their birth date and sex",
    (area, birth, seq) => {
      const id = IdNumber.make(area, birth, seq)
      expect(IdNumber.validate(id)).toBeUndefined()
      expect(IdNumber.birthDate(id)).toBe(birth)
      expect(IdNumber.sex(id)).toBe(seq % 2 === 1 ? "male" : "female")
    }
  )

  test.prop([fc.stringMatching(/^[1-6]\d{5}$/), dateArb("1900-01-01", "2020-12-31"), fc.integer({ min: 0, max: 999 }), fc.integer({ min: 0, max: 16 }), fc.integer({ min: 1, max: 9 })], { numRuns: 1000 })(
    "changing any one digit breaks the check character",
    (area, birth, seq, pos, delta) => {
      const id = IdNumber.make(area, birth, seq)
      const d = (id.charCodeAt(pos) - 48 + delta) % 10
      const changed = id.slice(0, pos) + String(d) + id.slice(pos + 1)
      expect(IdNumber.validate(changed)).not.toBeUndefined()
    }
  )
})
