import type { Bitset } from './bitset'

// Counting helpers over bitset words. They live apart from bitset.ts, which the evaluation code
// owns, and only read `words`.

/** Number of set bits in a 32-bit word (SWAR popcount, no per-bit loop). */
export function popcount32(v: number): number {
  v = v - ((v >>> 1) & 0x55555555)
  v = (v & 0x33333333) + ((v >>> 2) & 0x33333333)
  return (((v + (v >>> 4)) & 0x0f0f0f0f) * 0x01010101) >>> 24
}

/** |a ∩ b| without building the intersection: word-wise AND and popcount. Both must have the same size. */
export function intersectionCount(a: Bitset, b: Bitset): number {
  if (a.size !== b.size) throw new Error(`Bitsets of different sizes (${a.size} and ${b.size}) cannot be intersected`)
  const x = a.words, y = b.words
  let n = 0
  for (let k = 0; k < x.length; k++) n += popcount32(x[k] & y[k])
  return n
}

/**
 * Up to `limit` members of `bits` in ascending row order, skipping the first `offset` members.
 * Whole words are skipped by popcount, so a late page does not visit every earlier member.
 */
export function membersSlice(bits: Bitset, offset: number, limit: number): number[] {
  const out: number[] = []
  if (limit <= 0) return out
  const words = bits.words
  let skip = offset
  for (let k = 0; k < words.length; k++) {
    let w = words[k]
    if (w === 0) continue
    if (skip > 0) {
      const c = popcount32(w)
      if (c <= skip) {
        skip -= c
        continue
      }
    }
    while (w !== 0) {
      const low = w & -w
      if (skip > 0) skip--
      else {
        out.push((k << 5) + 31 - Math.clz32(low))
        if (out.length === limit) return out
      }
      w ^= low
    }
  }
  return out
}

/** Every member of `bits` in ascending row order, as a typed array. */
export function membersArray(bits: Bitset): Uint32Array {
  const out = new Uint32Array(bits.count())
  const words = bits.words
  let n = 0
  for (let k = 0; k < words.length; k++) {
    let w = words[k]
    while (w !== 0) {
      const low = w & -w
      out[n++] = (k << 5) + 31 - Math.clz32(low)
      w ^= low
    }
  }
  return out
}
