import type { Bitset } from '../engine/bitset'
import { popcount32 } from '../engine/bitsetCount'
import type { Group, SegmentRefNode } from '../logic/types'

/** What an overlap matrix cell shows: |A∩B|, |A∩B| / |A| (share of the row's segment) or Jaccard |A∩B| / |A∪B|. */
export type OverlapMetric = 'count' | 'rowShare' | 'jaccard'

/**
 * The value of cell (i, j) of an overlap matrix under `metric`. `sizes[i]` = |Sᵢ|, `matrix[i][j]` = |Sᵢ ∩ Sⱼ|.
 * null when the ratio has no denominator: an empty row segment for `rowShare`, an empty union for `jaccard`.
 */
export function overlapValue(sizes: readonly number[], matrix: readonly number[][], i: number, j: number, metric: OverlapMetric): number | null {
  const both = matrix[i][j]
  if (metric === 'count') return both
  if (metric === 'rowShare') return sizes[i] === 0 ? null : both / sizes[i]
  const union = sizes[i] + sizes[j] - both
  return union === 0 ? null : both / union
}

/**
 * Exact Venn region sizes of 2 or 3 segments (all over the same table). `regions[mask]` for mask
 * 1…2ⁿ−1 counts the rows in exactly the segments whose bits are set in mask (bit k = segment k) and
 * in none of the others; `regions[0]` counts rows in none of them. One word-wise pass, no allocation.
 */
export function vennRegions(sets: readonly Bitset[]): number[] {
  const n = sets.length
  if (n < 1 || n > 3) throw new Error(`a Venn diagram takes 1 to 3 segments, not ${n}`)
  const size = sets[0].size
  for (const s of sets) if (s.size !== size) throw new Error('Venn segments must be over the same table')
  const regions = new Array<number>(1 << n).fill(0)
  const words = sets.map((s) => s.words)
  const wordCount = words[0].length
  for (let k = 0; k < wordCount; k++) {
    for (let mask = 1; mask < regions.length; mask++) {
      let w = 0xffffffff
      for (let s = 0; s < n; s++) w &= (mask >> s) & 1 ? words[s][k] : ~words[s][k]
      regions[mask] += popcount32(w)
    }
  }
  let inAny = 0
  for (let mask = 1; mask < regions.length; mask++) inAny += regions[mask]
  regions[0] = size - inAny
  return regions
}

/** A segment reference node ("is in" / "is not in" segment `segmentId`). */
function ref(segmentId: string, not: boolean, k: number): SegmentRefNode {
  return { kind: 'segment', id: `ref-${k}`, segmentId, ...(not ? { not: true } : {}) }
}

/**
 * The editable rule of a combination of segments, by reference (so it follows them when they
 * change): members of every segment of `inAll` and of none of `inNone`. [A, B], [] is the
 * intersection; [A], [B] the difference A − B; [A], [B, C] the Venn region "only A".
 */
export function combinationRule(inAll: readonly string[], inNone: readonly string[] = []): Group {
  if (inAll.length === 0) throw new Error('a combination needs at least one segment it is in')
  const children = [...inAll.map((id, k) => ref(id, false, k)), ...inNone.map((id, k) => ref(id, true, inAll.length + k))]
  return { kind: 'group', id: 'root', combinator: 'and', children }
}

/** The segments in and not in Venn region `mask` of `ids` (bit k = ids[k]). */
export function regionSplit(ids: readonly string[], mask: number): { inAll: string[]; inNone: string[] } {
  return {
    inAll: ids.filter((_, k) => (mask >> k) & 1),
    inNone: ids.filter((_, k) => !((mask >> k) & 1)),
  }
}
