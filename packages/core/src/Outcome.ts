/**
 * The one shape of a result that may be an expected failure: `{ ok: true, value }` or
 * `{ ok: false, error }`. Decoding a case file, evaluating one, moving a case through a
 * workflow and every write to the ledger answer with it. Defects (a plugin that breaks its
 * contract, a database that fails, a caller passing a malformed argument) are thrown instead.
 *
 * A plain union rather than Effect's `Result`: a host, a plugin or a test narrows it with
 * `if (r.ok)` without importing Effect, it serialises to JSON as it is, and evaluating an
 * elder on the hot path builds one small object.
 *
 * **Example**
 * ```ts
 * import { Decode } from "@liushou/core"
 * const r = Decode.caseFile(JSON.parse(text))
 * if (r.ok) console.log(r.value.elder.id)
 * else console.error(Decode.formatError(r.error, "en"))
 * ```
 *
 * @since 0.2.0
 */

/**
 * A success carrying its value.
 *
 * @category models
 * @since 0.2.0
 */
export interface Success<A> {
  readonly ok: true
  readonly value: A
}

/**
 * An expected failure carrying its error value.
 *
 * @category models
 * @since 0.2.0
 */
export interface Failure<E> {
  readonly ok: false
  readonly error: E
}

/**
 * A success or an expected failure.
 *
 * @category models
 * @since 0.2.0
 */
export type Outcome<A, E> = Success<A> | Failure<E>
