import { describe, expect, it } from 'vitest'
import jsonLogic from 'json-logic-js'
import { Bitset } from '../../../src/core/engine/bitset'
import { rowAt } from '../../../src/core/engine/columns'
import { Engine } from '../../../src/core/engine/evaluate'
import { overlapMatrix } from '../../../src/core/engine/overlap'
import { combinationRule, overlapValue, regionSplit, vennRegions } from '../../../src/core/analysis/overlapView'
import { expandSegmentRefs, lookupIn } from '../../../src/core/logic/segmentRefs'
import { toJsonLogic } from '../../../src/core/logic/toJsonLogic'
import type { Group, JsonLogic } from '../../../src/core/logic/types'
import { makeTable } from '../engine/helpers'

const bitsOf = (size: number, members: number[]): Bitset => {
  const b = new Bitset(size)
  for (const i of members) b.set(i)
  return b
}

/** Deterministic pseudo-random members (LCG), so the naive loops have something irregular to check. */
function randomBits(size: number, seed: number, density: number): Bitset {
  const b = new Bitset(size)
  let x = seed
  for (let i = 0; i < size; i++) {
    x = (x * 1103515245 + 12345) % 2147483648
    if (x / 2147483648 < density) b.set(i)
  }
  return b
}

describe('overlapValue', () => {
  // A = {0,1,2,3}, B = {2,3,4}, E = {} over 6 rows: |A∩B| = 2, |A∪B| = 5.
  const { sizes, matrix } = overlapMatrix([bitsOf(6, [0, 1, 2, 3]), bitsOf(6, [2, 3, 4]), bitsOf(6, [])])
  it('counts, share of the row segment and Jaccard', () => {
    expect(overlapValue(sizes, matrix, 0, 1, 'count')).toBe(2)
    expect(overlapValue(sizes, matrix, 0, 1, 'rowShare')).toBe(0.5)
    expect(overlapValue(sizes, matrix, 1, 0, 'rowShare')).toBeCloseTo(2 / 3, 12)
    expect(overlapValue(sizes, matrix, 0, 1, 'jaccard')).toBe(0.4)
    expect(overlapValue(sizes, matrix, 0, 0, 'jaccard')).toBe(1)
  })
  it('has no ratio for an empty segment (null, shown as —), but a count of 0', () => {
    expect(overlapValue(sizes, matrix, 2, 0, 'count')).toBe(0)
    expect(overlapValue(sizes, matrix, 2, 0, 'rowShare')).toBeNull()
    expect(overlapValue(sizes, matrix, 0, 2, 'rowShare')).toBe(0)
    expect(overlapValue(sizes, matrix, 2, 2, 'jaccard')).toBeNull()
    expect(overlapValue(sizes, matrix, 0, 2, 'jaccard')).toBe(0)
  })
})

describe('vennRegions', () => {
  it('gives hand-counted regions of three small sets', () => {
    // rows 0..9: A = {0,1,2,3,4}, B = {3,4,5,6}, C = {4,6,7}
    const r = vennRegions([bitsOf(10, [0, 1, 2, 3, 4]), bitsOf(10, [3, 4, 5, 6]), bitsOf(10, [4, 6, 7])])
    // masks: 1=A only {0,1,2}, 2=B only {5}, 3=AB only {3}, 4=C only {7}, 5=AC only {}, 6=BC only {6}, 7=ABC {4}, 0 = {8,9}
    expect(r).toEqual([2, 3, 1, 1, 1, 0, 1, 1])
  })
  it('agrees with a naive per-row loop on irregular sets across word boundaries, including an empty one', () => {
    for (const size of [1, 31, 32, 33, 1000]) {
      const sets = [randomBits(size, 7, 0.5), randomBits(size, 99, 0.3), new Bitset(size)]
      for (const n of [2, 3]) {
        const want = new Array<number>(1 << n).fill(0)
        for (let i = 0; i < size; i++) {
          let mask = 0
          for (let s = 0; s < n; s++) if (sets[s].has(i)) mask |= 1 << s
          want[mask]++
        }
        expect(vennRegions(sets.slice(0, n))).toEqual(want)
      }
    }
  })
  it('refuses more than three sets', () => {
    expect(() => vennRegions([1, 2, 3, 4].map(() => new Bitset(3)))).toThrow(/1 to 3/)
  })
})

describe('combinationRule: the created rule selects exactly the region the view counted', () => {
  const table = makeTable(
    [{ name: 'age', type: 'number' }, { name: 'city', type: 'category' }, { name: 'vip', type: 'boolean' }],
    [
      { age: 35, city: '上海', vip: true }, { age: 22, city: '上海', vip: false }, { age: null, city: '北京', vip: true },
      { age: 41, city: null, vip: null }, { age: 30, city: '上海', vip: null }, { age: 18, city: '广州', vip: true },
      { age: 55, city: '北京', vip: false }, { age: null, city: null, vip: null },
    ],
  )
  const adv = (logic: JsonLogic): Group => ({ kind: 'group', id: 'g', combinator: 'and', children: [{ kind: 'advanced', id: 'a', logic }] })
  const segs = [
    { id: 'A', name: 'A', rule: adv({ '>=': [{ var: 'age' }, 30] }) },
    { id: 'B', name: 'B', rule: adv({ in: [{ var: 'city' }, ['上海']] }) },
    { id: 'C', name: 'C', rule: adv({ '===': [{ var: 'vip' }, true] }) },
    { id: 'E', name: 'E (empty)', rule: adv({ in: [{ var: 'city' }, ['深圳']] }) },
  ]
  const lookup = lookupIn(segs)
  const engine = new Engine(table, { asOf: 0 })
  const bitsOfSeg = (id: string): Bitset => engine.evaluate(toJsonLogic(lookup(id)!.rule))
  const membersOf = (rule: Group): number[] => {
    const logic = toJsonLogic(expandSegmentRefs(rule, lookup))
    const fast: number[] = []
    engine.evaluate(logic).forEach((i) => { fast.push(i) })
    const rows = Array.from({ length: table.rowCount }, (_, i) => rowAt(table, i))
    const reference = rows.flatMap((r, i) => (jsonLogic.apply(logic as never, r) ? [i] : []))
    expect(fast).toEqual(reference)
    return fast
  }

  it('every Venn region of A, B, C (missing values fall outside every segment)', () => {
    const ids = ['A', 'B', 'C']
    const regions = vennRegions(ids.map(bitsOfSeg))
    // Hand: A={0,3,4,6}, B={0,1,4}, C={0,2,5}: A only {3,6}, B only {1}, AB {4}, C only {2,5}, ABC {0}.
    expect(regions).toEqual([1, 2, 1, 1, 2, 0, 0, 1])
    for (let mask = 1; mask < 8; mask++) {
      const { inAll, inNone } = regionSplit(ids, mask)
      expect(membersOf(combinationRule(inAll, inNone)).length).toBe(regions[mask])
    }
  })
  it('matrix cells: intersection and difference, with an empty segment', () => {
    const ids = ['A', 'B', 'E']
    const { matrix, sizes } = overlapMatrix(ids.map(bitsOfSeg))
    expect(membersOf(combinationRule(['A', 'B']))).toEqual([0, 4])
    expect(matrix[0][1]).toBe(2)
    expect(membersOf(combinationRule(['A'], ['B'])).length).toBe(sizes[0] - matrix[0][1])
    expect(membersOf(combinationRule(['A', 'E'])).length).toBe(matrix[0][2])
    expect(matrix[0][2]).toBe(0)
    expect(membersOf(combinationRule(['A'], ['E'])).length).toBe(sizes[0])
  })
  it('references the segments, so the rule follows them', () => {
    const rule = combinationRule(['A'], ['B'])
    expect(rule.children).toEqual([
      { kind: 'segment', id: 'ref-0', segmentId: 'A' },
      { kind: 'segment', id: 'ref-1', segmentId: 'B', not: true },
    ])
  })
})
