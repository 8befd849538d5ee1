// k-means over standardised numeric columns (issue 7 item 7). Pure and deterministic: every random
// choice comes from a seeded PRNG, so the app, the tests and the bench get the same clusters.
// Data are row-major Float64Arrays (n × d): point i is data[i*d … i*d+d-1].

/** Seeded PRNG (mulberry32): uniform numbers in [0, 1), the same sequence for the same seed. */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

/** The seed every clustering in the app uses. */
export const KMEANS_SEED = 20240607

/** Squared Euclidean distance between point i of `data` and centre c of `centres` (both d wide). */
export function sqDist(data: Float64Array, i: number, centres: Float64Array, c: number, d: number): number {
  let s = 0
  const a = i * d, b = c * d
  for (let j = 0; j < d; j++) {
    const x = data[a + j] - centres[b + j]
    s += x * x
  }
  return s
}

/**
 * k-means++ seeding: the first centre is a uniformly drawn point, each next one a point drawn with
 * probability proportional to its squared distance to the nearest centre chosen so far.
 * Fewer than k distinct points: the remaining centres repeat chosen points.
 */
export function seedPlusPlus(data: Float64Array, n: number, d: number, k: number, rng: () => number): Float64Array {
  const centres = new Float64Array(k * d)
  const nearest = new Float64Array(n).fill(Infinity)
  let pick = Math.min(n - 1, Math.floor(rng() * n))
  for (let c = 0; c < k; c++) {
    for (let j = 0; j < d; j++) centres[c * d + j] = data[pick * d + j]
    let total = 0
    for (let i = 0; i < n; i++) {
      const dist = sqDist(data, i, centres, c, d)
      if (dist < nearest[i]) nearest[i] = dist
      total += nearest[i]
    }
    if (c + 1 < k) pick = drawWeighted(nearest, total, rng)
  }
  return centres
}

/** Index drawn with probability weights[i] / total (the last positive weight on rounding). */
function drawWeighted(weights: Float64Array, total: number, rng: () => number): number {
  if (!(total > 0)) return Math.min(weights.length - 1, Math.floor(rng() * weights.length))
  let r = rng() * total
  let last = 0
  for (let i = 0; i < weights.length; i++) {
    if (weights[i] <= 0) continue
    last = i
    r -= weights[i]
    if (r < 0) return i
  }
  return last
}

/**
 * One Lloyd assignment step: each point to its nearest centre (ties to the lower index).
 * Returns how many labels changed and the inertia (sum of squared distances).
 */
export function assignPoints(data: Float64Array, n: number, d: number, centres: Float64Array, k: number, labels: Int32Array): { changed: number; inertia: number } {
  let changed = 0, inertia = 0
  // The hot loop of the whole analysis (n × k × d per step): flat indexes, no calls.
  for (let i = 0, a = 0; i < n; i++, a += d) {
    let best = 0, bestD = Infinity
    for (let c = 0, b = 0; c < k; c++, b += d) {
      let dist = 0
      for (let j = 0; j < d; j++) {
        const x = data[a + j] - centres[b + j]
        dist += x * x
      }
      if (dist < bestD) { bestD = dist; best = c }
    }
    if (labels[i] !== best) { labels[i] = best; changed++ }
    inertia += bestD
  }
  return { changed, inertia }
}

/** One Lloyd update step: each centre to the mean of its points; an empty cluster keeps its centre. */
export function updateCentres(data: Float64Array, n: number, d: number, labels: Int32Array, centres: Float64Array, k: number): void {
  const sums = new Float64Array(k * d)
  const counts = new Float64Array(k)
  for (let i = 0; i < n; i++) {
    const c = labels[i]
    counts[c]++
    for (let j = 0; j < d; j++) sums[c * d + j] += data[i * d + j]
  }
  for (let c = 0; c < k; c++) {
    if (counts[c] === 0) continue
    for (let j = 0; j < d; j++) centres[c * d + j] = sums[c * d + j] / counts[c]
  }
}

export interface KMeansResult {
  /** Cluster of each point, 0…k-1. */
  labels: Int32Array
  /** k × d centres, in the data's (standardised) units. */
  centres: Float64Array
  /** Sum of squared distances of the points to their centres. */
  inertia: number
  /** Assignment steps run. */
  iterations: number
}

/** Options of a k-means run. */
export interface KMeansOptions {
  seed?: number
  maxIterations?: number
  /** Called after every assignment step; may throw to stop (cancel). */
  onIteration?: (iteration: number, changed: number) => void | Promise<void>
}

// Bounds below this much are not trusted (rounding in the bound updates): such points are rescanned.
const BOUND_EPS = 1e-9

/** Half the distance from each centre to its nearest other centre (Hamerly's s). */
function halfGaps(centres: Float64Array, k: number, d: number): Float64Array {
  const s = new Float64Array(k).fill(Infinity)
  for (let a = 0; a < k; a++) for (let b = a + 1; b < k; b++) {
    const g = Math.sqrt(sqDist(centres, a, centres, b, d)) / 2
    if (g < s[a]) s[a] = g
    if (g < s[b]) s[b] = g
  }
  return s
}

/** Bounds kept between steps: distance to the own centre (upper) and to any other (lower). */
interface Bounds { upper: Float64Array; lower: Float64Array }

/**
 * Exact nearest centre of point i (the same arithmetic and tie rule as assignPoints), writing its
 * bounds; returns whether its label changed.
 */
function rescan(data: Float64Array, i: number, d: number, centres: Float64Array, k: number, labels: Int32Array, bounds: Bounds): boolean {
  let best = 0, bestD = Infinity, second = Infinity
  for (let c = 0; c < k; c++) {
    const dist = sqDist(data, i, centres, c, d)
    if (dist < bestD) { second = bestD; bestD = dist; best = c } else if (dist < second) second = dist
  }
  bounds.upper[i] = Math.sqrt(bestD)
  bounds.lower[i] = Math.sqrt(second)
  if (labels[i] === best) return false
  labels[i] = best
  return true
}

/**
 * One assignment step with Hamerly's bounds: a point whose distance to its centre is clearly below
 * half the gap to the next centre, or below its lower bound, keeps its label without computing
 * distances (the triangle inequality); the others are rescanned exactly. Same labels as assignPoints.
 */
function assignBounded(data: Float64Array, n: number, d: number, centres: Float64Array, k: number, labels: Int32Array, bounds: Bounds): number {
  const s = halfGaps(centres, k, d)
  let changed = 0
  for (let i = 0; i < n; i++) {
    const own = labels[i]
    const m = Math.max(s[own], bounds.lower[i]) - BOUND_EPS
    if (bounds.upper[i] < m) continue
    bounds.upper[i] = Math.sqrt(sqDist(data, i, centres, own, d))
    if (bounds.upper[i] < m) continue
    if (rescan(data, i, d, centres, k, labels, bounds)) changed++
  }
  return changed
}

/** Loosens the bounds by how far the centres moved in an update. */
function moveBounds(before: Float64Array, centres: Float64Array, k: number, d: number, labels: Int32Array, bounds: Bounds): void {
  const drift = Array.from({ length: k }, (_, c) => Math.sqrt(sqDist(before, c, centres, c, d)))
  let far = 0
  for (let c = 1; c < k; c++) if (drift[c] > drift[far]) far = c
  const secondFar = Math.max(0, ...drift.filter((_, c) => c !== far))
  for (let i = 0; i < labels.length; i++) {
    bounds.upper[i] += drift[labels[i]]
    bounds.lower[i] -= labels[i] === far ? secondFar : drift[far]
  }
}

/** Sum of squared distances of the points to their centres. */
function inertiaOf(data: Float64Array, n: number, d: number, centres: Float64Array, labels: Int32Array): number {
  let sum = 0
  for (let i = 0; i < n; i++) sum += sqDist(data, i, centres, labels[i], d)
  return sum
}

/**
 * Lloyd's iterations from k-means++ seeds, one assignment step per `yield` (the number of labels it
 * changed): assign, update, repeat until no label changes or `maxIterations` steps. The steps skip
 * points that provably keep their centre (Hamerly's bounds), so the labels are Lloyd's.
 */
export function* lloydSteps(data: Float64Array, n: number, d: number, k: number, seed: number, maxIterations: number): Generator<number, KMeansResult> {
  const centres = seedPlusPlus(data, n, d, k, mulberry32(seed))
  const labels = new Int32Array(n).fill(-1)
  const bounds: Bounds = { upper: new Float64Array(n), lower: new Float64Array(n) }
  let iterations = 0
  while (iterations < maxIterations) {
    let changed = 0
    if (iterations === 0) for (let i = 0; i < n; i++) changed += rescan(data, i, d, centres, k, labels, bounds) ? 1 : 0
    else changed = assignBounded(data, n, d, centres, k, labels, bounds)
    iterations++
    yield changed
    // Stop before an update when done, so the labels stay those of the nearest returned centre.
    if (changed === 0 || iterations >= maxIterations) break
    const before = Float64Array.from(centres)
    updateCentres(data, n, d, labels, centres, k)
    moveBounds(before, centres, k, d, labels, bounds)
  }
  return { labels, centres, inertia: inertiaOf(data, n, d, centres, labels), iterations }
}

/** k-means (see lloydSteps) with a callback after every step, which may throw to stop (cancel). */
export async function kmeans(data: Float64Array, n: number, d: number, k: number, options: KMeansOptions = {}): Promise<KMeansResult> {
  const { seed = KMEANS_SEED, maxIterations = 100, onIteration } = options
  const steps = lloydSteps(data, n, d, k, seed, maxIterations)
  let it = 0
  for (;;) {
    const next = steps.next()
    if (next.done) return next.value
    await onIteration?.(++it, next.value)
  }
}

/** k-means (see lloydSteps) in one synchronous run. */
export function kmeansSync(data: Float64Array, n: number, d: number, k: number, seed = KMEANS_SEED, maxIterations = 100): KMeansResult {
  const steps = lloydSteps(data, n, d, k, seed, maxIterations)
  for (;;) {
    const next = steps.next()
    if (next.done) return next.value
  }
}
