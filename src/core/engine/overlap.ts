import type { Bitset } from './bitset'
import { intersectionCount } from './bitsetCount'

/** How many customers segments share: `matrix[i][j]` = |Sᵢ ∩ Sⱼ|, the diagonal is each size. */
export interface OverlapMatrix {
  sizes: number[]
  matrix: number[][]
}

/**
 * The overlap matrix of some segments' bitsets (all over the same table). Each pair costs one
 * word-wise AND + popcount pass and no allocation; the matrix is symmetric, so each pair is
 * counted once.
 */
export function overlapMatrix(sets: readonly Bitset[]): OverlapMatrix {
  const sizes = sets.map((s) => s.count())
  const matrix = sets.map(() => new Array<number>(sets.length).fill(0))
  for (let i = 0; i < sets.length; i++) {
    matrix[i][i] = sizes[i]
    for (let j = i + 1; j < sets.length; j++) {
      const n = intersectionCount(sets[i], sets[j])
      matrix[i][j] = n
      matrix[j][i] = n
    }
  }
  return { sizes, matrix }
}
