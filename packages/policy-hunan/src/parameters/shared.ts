import { Decision } from "@liushou/core"
import { DOCUMENT, EFFECTIVE_FROM } from "../document.js"

/** A citation of a clause of 湘民发〔2018〕30号. */
export const hn = (clause: string) => Decision.cite(DOCUMENT.number, clause)

/** The date every Hunan parameter's first value takes effect. */
export const from = EFFECTIVE_FROM
