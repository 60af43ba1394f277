/**
 * Checks a vocabulary id against the policy that governs an elder on a date (the chain's
 * declared terms), before a write: the ledger stores what the policy can account for.
 */
import { type Loader, type Outcome, type Policy, Selection } from "@liushou/core"

type Text = { readonly zh: string; readonly en: string }

/** No policy governs the village on the date. */
export interface NoPolicy {
  readonly _tag: "NoPolicy"
  readonly message: Text
}

/** A vocabulary id the governing policy does not declare (or no policy governs): the field, the declared ids, what was found. */
export interface UndeclaredTerm {
  readonly _tag: "UndeclaredTerm"
  readonly message: Text
  readonly path: string
  readonly expected: Text
  readonly found: string
}

/**
 * The terms of a vocabulary of the policy governing a village on a date, or why there are none.
 */
export const termsAt = <T extends Policy.Term>(
  registry: Loader.Registry,
  regionCode: string,
  date: string,
  pick: (v: Policy.Vocabularies) => ReadonlyArray<T>
): Outcome.Outcome<{ readonly terms: ReadonlyArray<T>; readonly policy: string }, NoPolicy> => {
  const { policy } = Selection.select(registry, regionCode, date)
  if (policy === undefined) return { ok: false, error: { _tag: "NoPolicy", message: { zh: `${date} 没有适用于 ${regionCode} 的政策`, en: `no policy governs ${regionCode} on ${date}` } } }
  return { ok: true, value: { terms: pick(policy.vocabularies) ?? [], policy: policy.key } }
}

/**
 * Checks that `id` is a term the governing policy declares (and passes `accept`), naming the
 * field and the declared ids when it is not.
 */
export const checkTerm = <T extends Policy.Term>(
  registry: Loader.Registry,
  regionCode: string,
  date: string,
  field: string,
  what: Text,
  pick: (v: Policy.Vocabularies) => ReadonlyArray<T>,
  id: string,
  accept: (t: T) => boolean = () => true
): Outcome.Outcome<T, UndeclaredTerm> => {
  const t = termsAt(registry, regionCode, date, pick)
  if (!t.ok) return { ok: false, error: { _tag: "UndeclaredTerm", message: t.error.message, path: field, expected: what, found: JSON.stringify(id) } }
  const allowed = t.value.terms.filter(accept)
  const term = allowed.find((x) => x.id === id)
  if (term !== undefined) return { ok: true, value: term }
  const list = allowed.map((x) => x.id).join(", ") || "none"
  return {
    ok: false,
    error: {
      _tag: "UndeclaredTerm",
      path: field,
      expected: { zh: `${what.zh}（${list}）`, en: `${what.en} (${list})` },
      found: JSON.stringify(id),
      message: {
        zh: `${field} = ${JSON.stringify(id)} 不是 ${t.value.policy} 声明的${what.zh}（已声明：${list}）`,
        en: `${field} = ${JSON.stringify(id)} is not a ${what.en} that ${t.value.policy} declares (declared: ${list})`
      }
    }
  }
}
