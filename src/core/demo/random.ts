/** A seeded generator of floats in [0, 1). */
export type Rng = () => number

/**
 * mulberry32: a tiny 32-bit PRNG, good enough for demo data and identical on every engine,
 * which `Math.random` is not (the demo must be reproducible from its seed).
 */
export function mulberry32(seed: number): Rng {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

/** Integer in [min, max], both included. */
export function randInt(rng: Rng, min: number, max: number): number {
  return min + Math.floor(rng() * (max - min + 1))
}

/** Standard normal draw (Box–Muller). */
export function randNormal(rng: Rng): number {
  const u = 1 - rng()
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * rng())
}

/** Index drawn with probability proportional to `weights`. */
export function pickWeighted(rng: Rng, weights: readonly number[]): number {
  let total = 0
  for (const w of weights) total += w
  let x = rng() * total
  for (let k = 0; k < weights.length; k++) {
    x -= weights[k]
    if (x < 0) return k
  }
  return weights.length - 1
}
