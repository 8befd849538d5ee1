// Cluster analysis (issue 7 item 7): k-means k = 8 on 5 number fields. The app's side works on the
// column store (core/analysis: z-scores in a Float64Array, k-means++ seeds, Lloyd); the baseline is
// the same algorithm written the straightforward way over an array of row objects, with the same
// seeded PRNG, so both must give the same assignment to every customer.
import { KMEANS_SEED, kmeansSync, mulberry32 } from '../src/core/analysis/kmeans'
import { standardise } from '../src/core/analysis/kmeansData'
import type { Row } from '../src/core/engine/columns'
import type { Case } from './cases'
import { onceMs } from './measure'

const dist2 = (a: number[], b: number[]): number => {
  let s = 0
  for (let j = 0; j < a.length; j++) {
    const x = a[j] - b[j]
    s += x * x
  }
  return s
}

/** Points of the rows having every field, z-scored (population sd, 1 when constant). */
function rowPoints(rows: readonly Row[], fields: string[]): number[][] {
  const kept = rows.filter((r) => fields.every((f) => typeof r[f] === 'number'))
  const points = kept.map(() => new Array<number>(fields.length))
  fields.forEach((f, j) => {
    let sum = 0
    for (const r of kept) sum += r[f] as number
    const mean = sum / kept.length
    let ss = 0
    for (const r of kept) ss += ((r[f] as number) - mean) ** 2
    const sd = Math.sqrt(ss / kept.length) || 1
    kept.forEach((r, p) => { points[p][j] = ((r[f] as number) - mean) / sd })
  })
  return points
}

/** k-means++ seeds drawn exactly as the app draws them. */
function rowSeeds(points: number[][], k: number): number[][] {
  const rng = mulberry32(KMEANS_SEED)
  const nearest = points.map(() => Infinity)
  const centres: number[][] = []
  let pick = Math.min(points.length - 1, Math.floor(rng() * points.length))
  while (centres.length < k) {
    centres.push([...points[pick]])
    let total = 0
    points.forEach((p, i) => { nearest[i] = Math.min(nearest[i], dist2(p, centres[centres.length - 1])); total += nearest[i] })
    if (centres.length === k) break
    let r = rng() * total
    pick = nearest.findIndex((w) => w > 0 && (r -= w) < 0)
    if (pick < 0) pick = nearest.findLastIndex((w) => w > 0)
  }
  return centres
}

/** The baseline: k-means over row objects, labels of the clustered rows in row order. */
export function kmeansRowObjects(rows: readonly Row[], fields: string[], k: number): number[] {
  const points = rowPoints(rows, fields)
  const centres = rowSeeds(points, k)
  const labels = points.map(() => -1)
  for (let it = 1; it <= 100; it++) {
    let changed = 0
    points.forEach((p, i) => {
      const d = centres.map((c) => dist2(p, c))
      const best = d.indexOf(Math.min(...d))
      if (labels[i] !== best) { labels[i] = best; changed++ }
    })
    if (changed === 0 || it === 100) break
    for (let c = 0; c < k; c++) {
      const members = points.filter((_, i) => labels[i] === c)
      if (members.length === 0) continue
      centres[c] = centres[c].map((_, j) => members.reduce((s, p) => s + p[j], 0) / members.length)
    }
  }
  return labels
}

/** The bench case: engine = column store, both baseline columns = the row-object k-means. */
export function kmeansCase(fields: string[], k: number): Case {
  return {
    label: `k-means k = ${k} on ${fields.length} number fields (z-scores, k-means++, Lloyd ≤ 100)`,
    engine: (table) => {
      let labels: Int32Array = new Int32Array(0), iterations = 0, n = 0
      const ms = onceMs(() => {
        const z = standardise(table, fields)
        const r = kmeansSync(z.data, z.n, z.d, k)
        labels = r.labels
        iterations = r.iterations
        n = z.n
      })
      return { ms, answer: [Array.from(labels)], members: `${n.toLocaleString('en')} clustered, ${iterations} iterations`, fallback: false }
    },
    rows: (rows) => {
      let labels: number[] = []
      const ms = onceMs(() => { labels = kmeansRowObjects(rows, fields, k) })
      return { jsMs: ms, jleMs: ms, answer: [labels] }
    },
  }
}
