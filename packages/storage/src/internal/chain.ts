import { createHash } from "node:crypto"

/** The previous hash of the first entry of a chain. */
export const AUDIT_GENESIS = "0".repeat(64)

/** The hash of an audit entry: SHA-256 over the previous entry's hash and this entry's content. */
export const auditHash = (
  prev: string,
  e: { readonly at: string; readonly actor: string; readonly action: string; readonly region_code: string | null; readonly subject: string | null; readonly detail: string }
): string => createHash("sha256").update(JSON.stringify([prev, e.at, e.actor, e.action, e.region_code, e.subject, e.detail]), "utf8").digest("hex")

/**
 * An order-independent digest of a set of rows (the sum of their 64-bit hashes): the rows an
 * import wrote can be summed in any order and compared with the digest in its audit entry.
 */
export const setDigest = (): { add: (text: string) => void; value: () => string } => {
  let sum = 0n
  return {
    add: (text) => {
      const h = createHash("sha256").update(text, "utf8").digest()
      sum = (sum + h.readBigUInt64BE(0)) & 0xffffffffffffffffn
    },
    value: () => sum.toString(16).padStart(16, "0")
  }
}

/** The digest of history rows: what verification recomputes from elder_history. */
export const historyDigest = (rows: ReadonlyArray<{ readonly region_code: string; readonly elder_id: string; readonly revision: number; readonly input_version: string; readonly case_file: string }>): string => {
  const d = setDigest()
  for (const r of rows) d.add(historyLine(r))
  return d.value()
}

export const historyLine = (r: { readonly region_code: string; readonly elder_id: string; readonly revision: number; readonly input_version: string; readonly case_file: string }): string =>
  `${r.region_code}|${r.elder_id}|${Number(r.revision)}|${r.input_version}|${r.case_file.length}`

/** The sum of two digests (null: none yet). */
export const addDigests = (a: string | null, b: string): string =>
  (((a === null ? 0n : BigInt(`0x${a}`)) + BigInt(`0x${b}`)) & 0xffffffffffffffffn).toString(16).padStart(16, "0")

/**
 * A stored evaluation as the run digest covers it: whose, from which input, and its length
 * (before 0010) or its body hash and the length of its dates (since).
 */
export const evaluationLine = (r: { readonly region_code: string; readonly elder_id: string; readonly input_version: string; readonly n: number | string }): string =>
  `${r.region_code}|${r.elder_id}|${r.input_version}|${/^\d+$/.test(String(r.n)) ? Number(r.n) : r.n}`
