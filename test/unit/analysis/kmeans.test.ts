import { describe, expect, it } from 'vitest'
import { assignPoints, kmeans, kmeansSync, mulberry32, seedPlusPlus, updateCentres } from '../../../src/core/analysis/kmeans'
import { standardise } from '../../../src/core/analysis/kmeansData'
import { meanSilhouette, samplePoints, suggestK } from '../../../src/core/analysis/kmeansHint'
import { makeTable } from '../engine/helpers'

/** Three well-separated 2-D blobs of 40 points each, jittered by a seeded PRNG; group of point i = i % 3. */
function blobs(): { data: Float64Array; groups: number[] } {
  const centres = [[0, 0], [10, 10], [-10, 10]]
  const rng = mulberry32(7)
  const data = new Float64Array(120 * 2)
  const groups: number[] = []
  for (let i = 0; i < 120; i++) {
    const g = i % 3
    groups.push(g)
    data[i * 2] = centres[g][0] + (rng() - 0.5) * 2
    data[i * 2 + 1] = centres[g][1] + (rng() - 0.5) * 2
  }
  return { data, groups }
}

/** Whether two labelings are the same partition (cluster numbers may differ). */
function samePartition(a: ArrayLike<number>, b: ArrayLike<number>): boolean {
  const ab = new Map<number, number>(), ba = new Map<number, number>()
  for (let i = 0; i < a.length; i++) {
    if ((ab.get(a[i]) ?? b[i]) !== b[i] || (ba.get(b[i]) ?? a[i]) !== a[i]) return false
    ab.set(a[i], b[i])
    ba.set(b[i], a[i])
  }
  return true
}

describe('kmeans', () => {
  it('recovers separable groups with a fixed seed, and is deterministic', async () => {
    const { data, groups } = blobs()
    const r1 = await kmeans(data, 120, 2, 3)
    const r2 = await kmeans(data, 120, 2, 3)
    expect(samePartition(r1.labels, groups)).toBe(true)
    expect(Array.from(r2.labels)).toEqual(Array.from(r1.labels))
    expect(Array.from(r2.centres)).toEqual(Array.from(r1.centres))
    expect(r1.iterations).toBeGreaterThanOrEqual(1)
  })

  it('ends with every point at its nearest centre and the inertia a naive loop computes', async () => {
    const { data } = blobs()
    const r = await kmeans(data, 120, 2, 4, { seed: 3 })
    let naive = 0
    for (let i = 0; i < 120; i++) {
      const d = [0, 1, 2, 3].map((c) => (data[i * 2] - r.centres[c * 2]) ** 2 + (data[i * 2 + 1] - r.centres[c * 2 + 1]) ** 2)
      expect(d[r.labels[i]]).toBe(Math.min(...d))
      naive += Math.min(...d)
    }
    expect(r.inertia).toBeCloseTo(naive, 9)
    expect(assignPoints(data, 120, 2, r.centres, 4, Int32Array.from(r.labels)).changed).toBe(0)
  })

  it('gives plain Lloyd labels (its bounds only skip work) on overlapping random data', () => {
    for (const seed of [1, 2, 3]) {
      const rng = mulberry32(100 + seed)
      const n = 3000, d = 3, k = 6
      const data = Float64Array.from({ length: n * d }, () => rng() + rng())
      const fast = kmeansSync(data, n, d, k, seed)
      // Naive Lloyd: full assignment every step, same seeds.
      const centres = seedPlusPlus(data, n, d, k, mulberry32(seed))
      const labels = new Int32Array(n).fill(-1)
      let it = 0
      let inertia: number
      for (;;) {
        const step = assignPoints(data, n, d, centres, k, labels)
        inertia = step.inertia
        if (++it >= 100 || step.changed === 0) break
        updateCentres(data, n, d, labels, centres, k)
      }
      expect(fast.iterations).toBe(it)
      expect(Array.from(fast.labels)).toEqual(Array.from(labels))
      expect(fast.inertia).toBeCloseTo(inertia, 9)
    }
  })

  it('reports every iteration and can be stopped by the callback (cancel)', async () => {
    const { data } = blobs()
    const seen: number[] = []
    await expect(kmeans(data, 120, 2, 3, { onIteration: (it) => { seen.push(it); if (it === 1) throw new Error('cancelled') } }))
      .rejects.toThrow('cancelled')
    expect(seen).toEqual([1])
  })
})

describe('k-means++ seeding', () => {
  it('draws the second centre with probability proportional to the squared distance', () => {
    // Points 0, 1, 3. First centre uniform (1/3 each); from 0 the weights of 1 and 3 are 1 and 9, etc.
    const data = Float64Array.from([0, 1, 3])
    const pairs = new Map<string, number>()
    const runs = 6000
    for (let s = 0; s < runs; s++) {
      const c = seedPlusPlus(data, 3, 1, 2, mulberry32(s))
      const key = `${c[0]}-${c[1]}`
      pairs.set(key, (pairs.get(key) ?? 0) + 1)
    }
    const expected: Record<string, number> = {
      '0-1': (1 / 3) * (1 / 10), '0-3': (1 / 3) * (9 / 10), '1-0': (1 / 3) * (1 / 5), '1-3': (1 / 3) * (4 / 5),
      '3-0': (1 / 3) * (9 / 13), '3-1': (1 / 3) * (4 / 13),
    }
    expect([...pairs.keys()].sort()).toEqual(Object.keys(expected).sort())
    for (const [key, p] of Object.entries(expected)) expect(Math.abs(pairs.get(key)! / runs - p)).toBeLessThan(0.02)
  })

  it('never picks a point already chosen while distinct points remain', () => {
    const data = Float64Array.from([5, 5, 5, 8])
    for (let s = 0; s < 200; s++) expect([...seedPlusPlus(data, 4, 1, 2, mulberry32(s))].sort()).toEqual([5, 8])
  })
})

describe('standardise', () => {
  it('z-scores the picked fields over customers having all of them and counts the others', () => {
    const fields = [{ name: 'a', type: 'number' as const }, { name: 'b', type: 'number' as const }]
    const table = makeTable(fields, [{ a: 1, b: 10 }, { a: 3, b: null }, { a: 5, b: 30 }, { a: null, b: 5 }, { a: 3, b: 20 }])
    const z = standardise(table, ['a', 'b'])
    expect(z.excluded).toBe(2)
    expect(Array.from(z.rows)).toEqual([0, 2, 4])
    // a over rows 0, 2, 4: 1, 5, 3 → mean 3, population sd √(8/3); b: 10, 30, 20 → mean 20, sd √(200/3).
    expect(z.means).toEqual([3, 20])
    expect(z.sds[0]).toBeCloseTo(Math.sqrt(8 / 3), 12)
    expect(z.sds[1]).toBeCloseTo(Math.sqrt(200 / 3), 12)
    expect(z.data[0]).toBeCloseTo(-2 / Math.sqrt(8 / 3), 12)
    expect(z.data[3]).toBeCloseTo(10 / Math.sqrt(200 / 3), 12)
    expect(z.data[4]).toBe(0)
  })
})

describe('k hint', () => {
  it('samples distinct points deterministically', () => {
    const s = samplePoints(1000, 50, 9)
    expect(new Set(s).size).toBe(50)
    expect(Array.from(samplePoints(1000, 50, 9))).toEqual(Array.from(s))
    expect(Array.from(samplePoints(3, 10, 9))).toEqual([0, 1, 2])
  })

  it('computes the silhouette of a hand example and suggests the best k', () => {
    // 1-D: {0, 1} and {5}: s(0) = 1 − 1/5, s(1) = 1 − 1/4, s(5) = 0 (alone) → mean (0.8 + 0.75) / 3.
    const s = meanSilhouette(Float64Array.from([0, 1, 5]), 3, 1, Int32Array.from([0, 0, 1]), 2)
    expect(s).toBeCloseTo((0.8 + 0.75) / 3, 12)
    expect(suggestK([{ k: 2, inertia: 9, silhouette: 0.4 }, { k: 3, inertia: 5, silhouette: 0.7 }, { k: 4, inertia: 4, silhouette: 0.7 }])).toBe(3)
  })
})
