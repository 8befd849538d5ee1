import { kmeans, mulberry32, sqDist } from './kmeans'

// The "which k?" hint: inertia (elbow) and mean silhouette for k = 2…10 on a fixed-seed sample.

/** Inertia and mean silhouette of one k. */
export interface KHint { k: number; inertia: number; silhouette: number }

/**
 * `m` distinct point indices out of n drawn with a seeded partial Fisher–Yates shuffle, ascending.
 * All points when m ≥ n.
 */
export function samplePoints(n: number, m: number, seed: number): Int32Array {
  if (m >= n) return Int32Array.from({ length: n }, (_, i) => i)
  const idx = Int32Array.from({ length: n }, (_, i) => i)
  const rng = mulberry32(seed)
  for (let i = 0; i < m; i++) {
    const j = i + Math.floor(rng() * (n - i))
    const t = idx[i]; idx[i] = idx[j]; idx[j] = t
  }
  return idx.slice(0, m).sort()
}

/** The rows `points` of an n × d matrix, as a new m × d matrix. */
export function pickPoints(data: Float64Array, d: number, points: Int32Array): Float64Array {
  const out = new Float64Array(points.length * d)
  points.forEach((p, q) => { out.set(data.subarray(p * d, p * d + d), q * d) })
  return out
}

/**
 * Mean silhouette: for each point, a = mean distance to its own cluster's other points, b = the
 * smallest mean distance to another cluster's points, s = (b − a) / max(a, b); s = 0 for a point
 * alone in its cluster. O(n² d): meant for a sample of a few thousand points.
 */
export function meanSilhouette(data: Float64Array, n: number, d: number, labels: Int32Array, k: number): number {
  if (n < 2) return 0
  const sizes = new Float64Array(k)
  for (let i = 0; i < n; i++) sizes[labels[i]]++
  const sums = new Float64Array(k)
  let total = 0
  for (let i = 0; i < n; i++) {
    sums.fill(0)
    for (let j = 0; j < n; j++) if (j !== i) sums[labels[j]] += Math.sqrt(sqDist(data, i, data, j, d))
    const own = labels[i]
    if (sizes[own] <= 1) continue
    const a = sums[own] / (sizes[own] - 1)
    let b = Infinity
    for (let c = 0; c < k; c++) if (c !== own && sizes[c] > 0) b = Math.min(b, sums[c] / sizes[c])
    if (b === Infinity) continue
    const m = Math.max(a, b)
    total += m > 0 ? (b - a) / m : 0
  }
  return total / n
}

/**
 * Hints for k = 2…maxK on `sample` (a matrix of m points): inertia and mean silhouette of the
 * k-means clustering with the app's seed. `onK` runs after each k (progress; may throw to cancel).
 */
export async function kHints(sample: Float64Array, m: number, d: number, maxK = 10, onK?: (k: number) => Promise<void>): Promise<KHint[]> {
  const out: KHint[] = []
  for (let k = 2; k <= Math.min(maxK, m); k++) {
    const r = await kmeans(sample, m, d, k)
    out.push({ k, inertia: r.inertia, silhouette: meanSilhouette(sample, m, d, r.labels, k) })
    await onK?.(k)
  }
  return out
}

/** The suggested k: the highest mean silhouette (the smaller k on a tie); null without hints. */
export function suggestK(hints: KHint[]): number | null {
  let best: KHint | null = null
  for (const h of hints) if (!best || h.silhouette > best.silhouette) best = h
  return best ? best.k : null
}
