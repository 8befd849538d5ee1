import { describe, expect, it } from 'vitest'
import { growTree, readableThreshold, treePaths } from '../../../src/core/analysis/decisionTree'

describe('readableThreshold', () => {
  it('picks the roundest number in (a, b], which keeps the split', () => {
    expect(readableThreshold(5, 6)).toBe(6)
    expect(readableThreshold(1234, 1789)).toBe(1700)
    expect(readableThreshold(0.123, 0.5)).toBe(0.5)
    expect(readableThreshold(12.34, 12.9)).toBe(12.9)
    expect(readableThreshold(-7.5, -2)).toBe(-2)
    expect(readableThreshold(-0.004, 0.002)).toBe(0)
    expect(readableThreshold(99, 1000)).toBe(1000)
    expect(readableThreshold(0.1, 0.10001)).toBe(0.10001)
    for (const [a, b] of [[3.3, 3.31], [-0.004, 0.002], [149.99, 150], [1e6 - 1, 1e6 + 3]]) {
      const t = readableThreshold(a, b)
      expect(t > a && t <= b).toBe(true)
    }
  })
})

describe('growTree', () => {
  it('finds a known threshold on one feature and ignores a useless one', () => {
    const x = Float64Array.from({ length: 20 }, (_, i) => i + 1) // 1…20
    const noise = Float64Array.from({ length: 20 }, (_, i) => (i * 7) % 5)
    const target = Uint8Array.from(x, (v) => (v >= 13 ? 1 : 0))
    const tree = growTree([noise, x], target, { maxDepth: 3, minLeaf: 2 })
    expect(tree).toMatchObject({ kind: 'split', feature: 1, threshold: 13 })
    const paths = treePaths(tree)
    expect(paths).toHaveLength(2)
    expect(paths[1]).toEqual({ steps: [{ feature: 1, ge: true, threshold: 13 }], leaf: { kind: 'leaf', n: 8, pos: 8 } })
  })

  it('finds an AND of two thresholds (x ≥ 50 and y < 30) with depth 2', () => {
    const xs: number[] = [], ys: number[] = [], t: number[] = []
    for (let x = 0; x < 100; x += 10) for (let y = 0; y < 60; y += 10) {
      xs.push(x); ys.push(y); t.push(x >= 50 && y < 30 ? 1 : 0)
    }
    const tree = growTree([Float64Array.from(xs), Float64Array.from(ys)], Uint8Array.from(t), { maxDepth: 3, minLeaf: 3 })
    const pure = treePaths(tree).filter((p) => p.leaf.pos > 0)
    expect(pure).toHaveLength(1)
    expect(pure[0].leaf).toEqual({ kind: 'leaf', n: 15, pos: 15 })
    // Splits fall between distinct values (40|50 and 20|30) and are rounded: 50 and 30.
    expect(pure[0].steps.map((s) => [s.feature, s.ge, s.threshold]).sort()).toEqual([[0, true, 50], [1, false, 30]])
  })

  it('respects the depth and the minimum leaf size', () => {
    const x = Float64Array.from({ length: 10 }, (_, i) => i)
    const target = Uint8Array.from([1, 0, 1, 0, 1, 0, 1, 0, 1, 0])
    const shallow = growTree([x], target, { maxDepth: 1, minLeaf: 1 })
    expect(treePaths(shallow).every((p) => p.steps.length <= 1)).toBe(true)
    const wide = growTree([x], target, { maxDepth: 3, minLeaf: 4 })
    for (const p of treePaths(wide)) expect(p.leaf.n).toBeGreaterThanOrEqual(4)
    expect(growTree([x], new Uint8Array(10), { maxDepth: 3, minLeaf: 1 })).toEqual({ kind: 'leaf', n: 10, pos: 0 })
  })
})
