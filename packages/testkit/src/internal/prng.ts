/**
 * A small, fast, seedable pseudo-random generator (sfc32 seeded through splitmix32). Plain
 * numbers, no allocation per draw: the synthetic population draws millions of values.
 */

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

/** A seeded generator; the same seed gives the same sequence on every machine. */
export class Prng {
  private a: number
  private b: number
  private c: number
  private d: number
  constructor(seed: number) {
    const init = splitmix32(seed)
    this.a = init() | 0
    this.b = init() | 0
    this.c = init() | 0
    this.d = init() | 0
    for (let i = 0; i < 12; i++) this.next()
  }
  /** a float in [0, 1) */
  next(): number {
    const t = (((this.a + this.b) | 0) + this.d) | 0
    this.d = (this.d + 1) | 0
    this.a = this.b ^ (this.b >>> 9)
    this.b = (this.c + (this.c << 3)) | 0
    this.c = (this.c << 21) | (this.c >>> 11)
    this.c = (this.c + t) | 0
    return (t >>> 0) / 4294967296
  }
  /** an integer in [min, max], both inclusive */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1))
  }
  /** true with probability p */
  chance(p: number): boolean {
    return this.next() < p
  }
  /** one element of a non-empty array */
  pick<A>(items: ReadonlyArray<A>): A {
    return items[Math.floor(this.next() * items.length)]!
  }
  /** one element of a non-empty array, by weights (same length) */
  weighted<A>(items: ReadonlyArray<A>, weights: ReadonlyArray<number>): A {
    let total = 0
    for (let i = 0; i < weights.length; i++) total += weights[i]!
    let r = this.next() * total
    for (let i = 0; i < items.length; i++) {
      r -= weights[i]!
      if (r < 0) return items[i]!
    }
    return items[items.length - 1]!
  }
}

/** A generator for a seed. */
export const make = (seed: number): Prng => new Prng(seed)
