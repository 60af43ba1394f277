/**
 * Checks a vocabulary id against the policy that governs an elder on a date (the chain's
 * declared terms), before a write: the ledger stores what the policy can account for.
 */
import { type Loader, type Policy, Selection } from "@liushou/core"

type Text = { readonly zh: string; readonly en: string }

/**
 * The terms of a vocabulary of the policy governing a village on a date, or why there are none.
 */
export const termsAt = <T extends Policy.Term>(
  registry: Loader.Registry,
  regionCode: string,
  date: string,
  pick: (v: Policy.Vocabularies) => ReadonlyArray<T>
): { ok: true; terms: ReadonlyArray<T>; policy: string } | { ok: false; message: Text } => {
  const { policy } = Selection.select(registry, regionCode, date)
  if (policy === undefined) return { ok: false, message: { zh: `${date} 没有适用于 ${regionCode} 的政策`, en: `no policy governs ${regionCode} on ${date}` } }
  return { ok: true, terms: pick(policy.vocabularies) ?? [], policy: policy.key }
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
): { ok: true; term: T } | { ok: false; message: Text; path: string; expected: Text; found: string } => {
  const t = termsAt(registry, regionCode, date, pick)
  if (!t.ok) return { ok: false, message: t.message, path: field, expected: what, found: JSON.stringify(id) }
  const allowed = t.terms.filter(accept)
  const term = allowed.find((x) => x.id === id)
  if (term !== undefined) return { ok: true, term }
  const list = allowed.map((x) => x.id).join(", ") || "none"
  return {
    ok: false,
    path: field,
    expected: { zh: `${what.zh}（${list}）`, en: `${what.en} (${list})` },
    found: JSON.stringify(id),
    message: {
      zh: `${field} = ${JSON.stringify(id)} 不是 ${t.policy} 声明的${what.zh}（已声明：${list}）`,
      en: `${field} = ${JSON.stringify(id)} is not a ${what.en} that ${t.policy} declares (declared: ${list})`
    }
  }
}
