import { describe, expect, it } from 'vitest'
import { bitsetGrouping, codeGrouping, matchPositions, migrationMatrix } from '../../../src/core/analysis/migration'
import { hasBit } from '../../../src/core/analysis/snapshot'

/** Bitset words over positions 0…n-1 with the given positions set. */
function words(n: number, set: number[]): Uint32Array {
  const w = new Uint32Array((n + 31) >>> 5)
  for (const k of set) w[k >>> 5] |= 1 << (k & 31)
  return w
}

describe('migrationMatrix (segments, matched by id)', () => {
  // Earlier: a b c d e;  A = {a, b}, B = {b, c} (b in both), d and e in none.
  // Later:   c b f a e;  A = {b, f}, B = {c, a}, e in none; d gone; f new.
  const earlier = bitsetGrouping(['a', 'b', 'c', 'd', 'e'], [words(5, [0, 1]), words(5, [1, 2])])
  const later = bitsetGrouping(['c', 'b', 'f', 'a', 'e'], [words(5, [1, 2]), words(5, [0, 3])])
  const m = migrationMatrix(earlier, later)

  it('has rows A, B, none, new and columns A, B, none, gone', () => {
    expect([m.rows, m.cols]).toEqual([4, 4])
  })
  it('counts moves, overlaps, new and gone customers as computed by hand', () => {
    // a: A → B.  b: A,B → A (two cells).  c: B → B.  d: none → gone.  e: none → none.  f: new → A.
    expect(m.cells).toEqual([
      [1, 1, 0, 0], // from A: b→A, a→B
      [1, 1, 0, 0], // from B: b→A, c→B
      [0, 0, 1, 1], // from none: e→none, d→gone
      [1, 0, 0, 0], // new: f→A
    ])
  })
  it('gives exclusive groups exactly one cell per customer (RFM classes, -1 = no purchase)', () => {
    const r = migrationMatrix(codeGrouping(['x', 'y', 'z'], [0, 7, -1], 8), codeGrouping(['y', 'z', 'w'], [0, 3, -1], 8))
    expect(r.cells.flat().reduce((s, v) => s + v, 0)).toBe(4) // x gone, y, z, w new
    expect(r.cells[7][0]).toBe(1) // y: class 7 → class 0
    expect(r.cells[8][3]).toBe(1) // z: no purchase → class 3
    expect(r.cells[0][9]).toBe(1) // x: class 0 → gone
    expect(r.cells[9][8]).toBe(1) // w: new → no purchase
  })
  it('agrees with a naive pair loop on random overlapping segments', () => {
    let seed = 11
    const rnd = (): number => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31)
    const ids1 = Array.from({ length: 200 }, (_, k) => `c${k}`)
    const ids2 = Array.from({ length: 220 }, (_, k) => `c${k + 30}`).filter(() => rnd() > 0.1)
    const g1 = [0, 1, 2].map(() => words(ids1.length, ids1.map((_, k) => k).filter(() => rnd() < 0.3)))
    const g2 = [0, 1].map(() => words(ids2.length, ids2.map((_, k) => k).filter(() => rnd() < 0.4)))
    const got = migrationMatrix(bitsetGrouping(ids1, g1), bitsetGrouping(ids2, g2)).cells
    const labels = (ids: string[], g: Uint32Array[], id: string, absent: number): number[] => {
      const k = ids.indexOf(id)
      if (k < 0) return [absent]
      const in_ = g.flatMap((w, j) => (hasBit(w, k) ? [j] : []))
      return in_.length > 0 ? in_ : [g.length]
    }
    const want = Array.from({ length: 5 }, () => new Array<number>(4).fill(0))
    for (const id of new Set([...ids1, ...ids2])) {
      for (const r of labels(ids1, g1, id, 4)) for (const c of labels(ids2, g2, id, 3)) want[r][c]++
    }
    expect(got).toEqual(want)
  })
})

describe('matchPositions', () => {
  it('maps ids in the same order without hashing, and other orders by id (-1 = gone)', () => {
    expect([...matchPositions(['a', 'b'], ['a', 'b'])]).toEqual([0, 1])
    expect([...matchPositions(['a', 'b', 'c'], ['c', 'a'])]).toEqual([1, -1, 0])
  })
})
