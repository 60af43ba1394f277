/**
 * A small, fast, seedable pseudo-random generator (sfc32 seeded through splitmix32). Plain
 * numbers, no allocation per draw: the synthetic population draws millions of values.
 */

/** A seeded generator: `next()` returns a float in [0, 1). */
export interface Prng {
  readonly next: () => number
  /** an integer in [min, max], both inclusive */
  readonly int: (min: number, max: number) => number
  /** true with probability p */
  readonly chance: (p: number) => boolean
  /** one element of a non-empty array */
  readonly pick: <A>(items: ReadonlyArray<A>) => A
  /** one element of a non-empty array, by weights (same length) */
  readonly weighted: <A>(items: ReadonlyArray<A>, weights: ReadonlyArray<number>) => A
}

const splitmix32 = (seed: number) => {
  let s = seed >>> 0
  return () => {
    s = (s + 0x9e3779b9) >>> 0
    let z = s
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0
    return (z ^ (z >>> 16)) >>> 0
  }
}

/** A generator for a seed (any integer; the same seed gives the same sequence everywhere). */
export const make = (seed: number): Prng => {
  const init = splitmix32(seed)
  let a = init()
  let b = init()
  let c = init()
  let d = init()
  const next = (): number => {
    const t = (((a + b) >>> 0) + d) >>> 0
    d = (d + 1) >>> 0
    a = b ^ (b >>> 9)
    b = (c + (c << 3)) >>> 0
    c = (c << 21) | (c >>> 11)
    c = (c + t) >>> 0
    return t / 4294967296
  }
  for (let i = 0; i < 12; i++) next()
  const int = (min: number, max: number) => min + Math.floor(next() * (max - min + 1))
  return {
    next,
    int,
    chance: (p) => next() < p,
    pick: (items) => items[Math.floor(next() * items.length)]!,
    weighted: (items, weights) => {
      let total = 0
      for (const w of weights) total += w
      let r = next() * total
      for (let i = 0; i < items.length; i++) {
        r -= weights[i]!
        if (r < 0) return items[i]!
      }
      return items[items.length - 1]!
    }
  }
}
