/** Canonical JSON: object keys sorted, so equal values hash equally. */
export const canonicalJson = (value: unknown): string => {
  if (value === null || typeof value !== "object") return JSON.stringify(value) ?? "null"
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`
  const keys = Object.keys(value as object).filter((k) => (value as Record<string, unknown>)[k] !== undefined).sort()
  return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalJson((value as Record<string, unknown>)[k])}`).join(",")}}`
}

/**
 * A 64-bit non-cryptographic hash (cyrb53 construction, both halves kept) as 16 hex digits:
 * pure JavaScript, the same on every platform. Used for input versions and parameter hashes,
 * where a change must show, not to resist an attacker.
 */
export const hash64 = (text: string): string => {
  // the multipliers as signed 32-bit integers (2654435761 is -1640531535): Math.imul takes the
  // same value, and V8 keeps the loop in integer registers (about 1.7x faster than with 2654435761)
  let h1 = 0xdeadbeef | 0
  let h2 = 0x41c6ce57
  const n = text.length
  for (let i = 0; i < n; i++) {
    const ch = text.charCodeAt(i)
    h1 = Math.imul(h1 ^ ch, -1640531535)
    h2 = Math.imul(h2 ^ ch, 1597334677)
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507)
  h1 ^= Math.imul(h2 ^ (h2 >>> 13), 3266489909)
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507)
  h2 ^= Math.imul(h1 ^ (h1 >>> 13), 3266489909)
  return (h2 >>> 0).toString(16).padStart(8, "0") + (h1 >>> 0).toString(16).padStart(8, "0")
}
