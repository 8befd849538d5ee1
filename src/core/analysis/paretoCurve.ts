/** The Pareto (80/20) view of one value field (DOMAIN.md "80/20 and the big-data CRM view"). */
export interface ParetoAnalysis {
  /** Customers with a value of the field (missing values are left out and counted in `missing`). */
  customers: number
  missing: number
  /** Sum of the values, accumulated from the largest down. */
  totalRevenue: number
  /** The revenue share asked for (0.5…0.95). */
  threshold: number
  /**
   * The fewest top customers whose values sum to ≥ threshold × total (null when the total is not
   * positive), and that number over `customers`.
   */
  topCount: number | null
  topShare: number | null
  /** The value of the last of those customers: the key-customer rule is "value ≥ cutoff". */
  cutoff: number | null
  /** Customers with value ≥ cutoff (ties at the cutoff included, so ≥ topCount) and their sum. */
  keyCount: number
  keyRevenue: number
  /** The curve: [share of customers, share of revenue], from [0, 0] to [1, 1], ≤ maxPoints points. */
  points: [number, number][]
}

/** The present values of `values`, largest first. */
export function sortedDescending(values: Float64Array): Float64Array {
  const out = values.filter((v) => v === v).sort()
  return out.reverse()
}

/**
 * The Pareto curve over `values` (e.g. monetary per customer): sorted descending, cumulative sum, the
 * share of customers that holds `threshold` of the total, the cutoff value and the customers at or above
 * it. The curve is downsampled to at most `maxPoints` evenly spaced ranks (both ends kept).
 */
export function computePareto(values: Float64Array, threshold: number, maxPoints = 1000): ParetoAnalysis {
  const sorted = sortedDescending(values)
  const n = sorted.length
  const cum = new Float64Array(n + 1)
  for (let i = 0; i < n; i++) cum[i + 1] = cum[i] + sorted[i]
  const total = cum[n]
  let topCount: number | null = null
  if (total > 0) {
    const goal = threshold * total
    topCount = 1
    while (cum[topCount] < goal) topCount++
  }
  const cutoff = topCount === null ? null : sorted[topCount - 1]
  let keyCount = 0
  if (cutoff !== null) {
    keyCount = topCount!
    while (keyCount < n && sorted[keyCount] >= cutoff) keyCount++
  }
  return {
    customers: n, missing: values.length - n, totalRevenue: total, threshold,
    topCount, topShare: topCount === null ? null : topCount / n, cutoff,
    keyCount, keyRevenue: cum[keyCount], points: curvePoints(cum, maxPoints),
  }
}

/** [i / n, cum[i] / total] at ≤ maxPoints evenly spaced ranks i, 0 and n included. */
function curvePoints(cum: Float64Array, maxPoints: number): [number, number][] {
  const n = cum.length - 1
  const total = cum[n]
  if (n === 0) return []
  const count = Math.min(n + 1, Math.max(2, maxPoints))
  const out: [number, number][] = []
  for (let j = 0; j < count; j++) {
    const i = Math.round((j * n) / (count - 1))
    out.push([i / n, total === 0 ? 0 : cum[i] / total])
  }
  return out
}
