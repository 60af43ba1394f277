/**
 * A decision is data: a value plus the reasons for it, each reason citing the document and
 * clause it comes from, in Chinese and English.
 *
 * @since 0.1.0
 */

/**
 * A reference to a clause of a policy document. `clause` is the section number as an Arabic
 * numeral string ("1".."10" for 湘民发〔2018〕30号), optionally with a sub-part ("2.3").
 *
 * @category models
 * @since 0.1.0
 */
export interface Citation {
  readonly document: string
  readonly clause: string
}

/**
 * Text in the two languages people read: simplified Chinese and English.
 *
 * @category models
 * @since 0.1.0
 */
export interface Text {
  readonly zh: string
  readonly en: string
}

/**
 * What a reason (or a parameter value) rests on, strongest first:
 * - `law`: a number or rule the cited document itself sets;
 * - `interpretation`: a reading of the text where it is open (inclusive day counting, who
 *   counts as an obligor);
 * - `local`: a figure or choice the plugin (or a county) made where the text is silent;
 * - `sample`: a placeholder figure shipped for demonstration, to be replaced.
 *
 * A reason's basis is the weakest of what it rests on: a reason that reads a local figure is
 * local even if it cites a clause of law.
 *
 * @category models
 * @since 0.2.0
 */
export type Basis = "law" | "interpretation" | "local" | "sample"

/**
 * Every basis, strongest first.
 *
 * @category models
 * @since 0.2.0
 */
export const BASES: ReadonlyArray<Basis> = ["law", "interpretation", "local", "sample"]

const BASIS_RANK: Readonly<Record<Basis, number>> = { law: 0, interpretation: 1, local: 2, sample: 3 }

/**
 * The weaker of two bases (`law` < `interpretation` < `local` < `sample` in weakness).
 *
 * @category getters
 * @since 0.2.0
 */
export const weakest = (a: Basis, b: Basis): Basis => (BASIS_RANK[b] > BASIS_RANK[a] ? b : a)

/**
 * The label text shown to people carries for each basis (none for `law`).
 *
 * @category models
 * @since 0.2.0
 */
export const BASIS_LABEL: Readonly<Record<Basis, Text>> = {
  law: { zh: "", en: "" },
  interpretation: { zh: "（解释）", en: " (interpretation)" },
  local: { zh: "（本地设定）", en: " (local choice)" },
  sample: { zh: "（示例数据）", en: " (sample figure)" }
}

/**
 * The label a reason's text carries when its policy is applied after its last day in force
 * (`Reason.continuedPastExpiry`).
 *
 * @category models
 * @since 0.4.0
 */
export const CONTINUED_LABEL: Text = { zh: "（失效后继续适用）", en: " (continued past expiry)" }

/**
 * One reason for a decision. `code` is stable across versions and languages, for machines;
 * `text` is for people and ends with the basis label when the basis is not `law`; `basis` says
 * what the reason rests on. Rules build reasons with `CompileEnv.reason`, which derives the
 * basis from the parameters the reason reads; `continuedPastExpiry` is set when a host applies
 * an expired plugin past its last day (an explicit, audited host option).
 *
 * @category models
 * @since 0.1.0
 */
export interface Reason {
  readonly code: string
  readonly citation: Citation
  readonly basis: Basis
  readonly text: Text
  readonly continuedPastExpiry?: true
}

/**
 * A decided value with its reasons.
 *
 * @category models
 * @since 0.1.0
 */
export interface Decision<A> {
  readonly value: A
  readonly reasons: ReadonlyArray<Reason>
}

/**
 * The smallest change of facts that would change a decision ("eligible if annual income ≤
 * 4,560 yuan"). `field` is the case-file path, `to` the value (or bound) that would do it.
 *
 * @category models
 * @since 0.1.0
 */
export interface Counterfactual {
  readonly field: string
  readonly operator: "=" | "<=" | ">=" | "<" | ">"
  readonly to: string | number | boolean | null
  readonly result: string
  readonly text: Text
}

/**
 * Builds a citation.
 *
 * **Example**
 * ```ts
 * import { Decision } from "@liushou/core"
 * const c = Decision.cite("湘民发〔2018〕30号", "1")
 * ```
 *
 * @category constructors
 * @since 0.1.0
 */
export const cite = (document: string, clause: string): Citation => ({ document, clause })

/**
 * Builds a reason with a given basis; the text gets the basis label. For core's own reasons
 * (policy selection, which rests on the documents' stated validity: `law`) and for tests. A
 * rule builds its reasons with `CompileEnv.reason`, which derives the basis from the parameters
 * the reason reads instead of taking it by hand. Build reasons once (when a rule compiles), not
 * once per elder.
 *
 * @category constructors
 * @since 0.1.0
 */
export const reason = (code: string, citation: Citation, zh: string, en: string, basis: Basis = "law"): Reason => ({
  code,
  citation,
  basis,
  text: { zh: zh + BASIS_LABEL[basis].zh, en: en + BASIS_LABEL[basis].en }
})

/**
 * Builds a decision.
 *
 * @category constructors
 * @since 0.1.0
 */
export const make = <A>(value: A, reasons: ReadonlyArray<Reason>): Decision<A> => ({ value, reasons })

/**
 * Formats a yuan amount for text: 4560 → "4,560", 1234.5 → "1,234.5" (at most two decimals,
 * thousands grouped by commas). Plain string arithmetic, so the text is the same on every
 * platform (it does not depend on the ICU data a Node build carries) and costs little.
 *
 * @category getters
 * @since 0.1.0
 */
export const formatYuan = (n: number): string => {
  if (!Number.isFinite(n)) return String(n)
  const cents = Math.round(Math.abs(n) * 100)
  const whole = Math.floor(cents / 100)
  const frac = cents % 100
  let digits = String(whole)
  let grouped = ""
  while (digits.length > 3) {
    grouped = `,${digits.slice(-3)}${grouped}`
    digits = digits.slice(0, -3)
  }
  grouped = digits + grouped
  const sign = n < 0 && cents !== 0 ? "-" : ""
  if (frac === 0) return sign + grouped
  return `${sign}${grouped}.${frac % 10 === 0 ? String(frac / 10) : String(frac).padStart(2, "0")}`
}
