import type { ColumnarTable } from '../engine/columns'

// Describing clusters in the user's own units: size, share, centre (mean of the members' original
// values) and a profile index (cluster mean ÷ overall mean × 100, overall = every clustered customer).

export interface ClusterSummary {
  /** 0-based cluster number (shown 1-based). */
  index: number
  size: number
  /** size ÷ customers clustered. */
  share: number
  /** Mean of each picked field over the members, original units. */
  centre: number[]
  /** centre ÷ overall mean × 100 per field; null when the overall mean is 0. */
  profile: (number | null)[]
}

/**
 * Summaries of k clusters: `rows[p]` is the table row of point p and `labels[p]` its cluster;
 * `fields` are number fields of `table` present on every point.
 */
export function describeClusters(table: ColumnarTable, fields: string[], rows: Int32Array, labels: Int32Array, k: number): ClusterSummary[] {
  const d = fields.length, n = rows.length
  const sums = new Float64Array(k * d), all = new Float64Array(d), sizes = new Float64Array(k)
  fields.forEach((f, j) => {
    const col = table.columns[f]
    if (col?.type !== 'number') throw new Error(`field "${f}" is not a number field`)
    for (let p = 0; p < n; p++) {
      const v = col.values[rows[p]]
      sums[labels[p] * d + j] += v
      all[j] += v
    }
  })
  for (let p = 0; p < n; p++) sizes[labels[p]]++
  return Array.from({ length: k }, (_, c) => {
    const centre = fields.map((_, j) => (sizes[c] > 0 ? sums[c * d + j] / sizes[c] : NaN))
    const profile = centre.map((m, j) => (all[j] !== 0 && n > 0 ? (m / (all[j] / n)) * 100 : null))
    return { index: c, size: sizes[c], share: n > 0 ? sizes[c] / n : 0, centre, profile }
  })
}

/** Table row → cluster (−1 for rows left out of the clustering). */
export function rowLabels(rowCount: number, rows: Int32Array, labels: Int32Array): Int32Array {
  const out = new Int32Array(rowCount).fill(-1)
  rows.forEach((r, p) => { out[r] = labels[p] })
  return out
}
