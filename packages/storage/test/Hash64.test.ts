import { hash64 } from "@liushou/core"
import { describe, expect, it } from "vitest"
import { Hash64 } from "../src/internal/assess.js"

// the stored evaluations' body hash is fed in parts: it must stay core's hash64 of the whole text
describe("Hash64", () => {
  it("fed in parts gives core's hash64 of the whole text, also after a copy", () => {
    const texts = ["", "a", "湘民发〔2018〕30号", "x".repeat(5000), '{"reasons":["0123456789abcdef"]}\n', "\u0000\ud83d\ude00"]
    for (const a of texts) {
      for (const b of texts) {
        const h = new Hash64().add(a)
        expect(h.copy().add(b).value()).toBe(hash64(a + b))
        expect(h.value()).toBe(hash64(a))
      }
    }
  })
})
