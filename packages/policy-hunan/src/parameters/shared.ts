import { Decision, Parameter, type Policy } from "@liushou/core"
import { DOCUMENT, EFFECTIVE_FROM } from "../document.js"

/** A citation of a clause of 湘民发〔2018〕30号. */
export const hn = (clause: string) => Decision.cite(DOCUMENT.number, clause)

/** The date every Hunan parameter's first value takes effect. */
export const from = EFFECTIVE_FROM

/** What a one-value parameter may add to its id, status, reference, value and description. */
export interface Extra {
  readonly unit?: string
  readonly keyedBy?: Policy.VocabularyName
  readonly valuesFrom?: Policy.VocabularyName
  /** where the value comes from, when not the parameter's own reference (the value's `reference`) */
  readonly note?: string
}

/**
 * A Hunan parameter with one value, in force from the plugin's first day (most of them). The
 * fields come out in the order of a spelled-out `Parameter.define`, so the published
 * declaration is the same as one written in full; a parameter with a dated or regional series
 * is written with `Parameter.define`.
 */
export const parameter = <A>(
  id: string,
  status: Parameter.Status,
  reference: Decision.Citation,
  value: A,
  description: Decision.Text,
  extra: Extra = {}
): Parameter.Parameter<A> =>
  Parameter.define<A>({
    id,
    description,
    ...(extra.unit === undefined ? {} : { unit: extra.unit }),
    status,
    reference,
    ...(extra.keyedBy === undefined ? {} : { keyedBy: extra.keyedBy }),
    ...(extra.valuesFrom === undefined ? {} : { valuesFrom: extra.valuesFrom }),
    values: [extra.note === undefined ? { from, value } : { from, value, reference: extra.note }]
  })
