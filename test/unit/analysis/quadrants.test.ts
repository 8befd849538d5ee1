import { describe, expect, it } from 'vitest'
import { computeQuadrants, quadrantBuyers, quadrantRule, quadrantSplit } from '../../../src/core/analysis/quadrants'
import { buyerMedian } from '../../../src/core/analysis/rfmFields'
import { FIELDS, ruleMembers, valueTable } from './valueFixtures'

// (frequency, monetary): buyers a–e (frequency > 0 and monetary present); f never bought; g missing; h no amount.
const table = valueTable([
  ['a', 1, 5, 500], ['b', 1, 1, 100], ['c', 1, 3, 250], ['d', 1, 3, 150], ['e', 1, 3, 250],
  ['f', 1, 0, 0], ['g', null, null, null], ['h', 1, 2, null],
])
const col = (n: string): Float64Array => (table.columns[n] as { values: Float64Array }).values
const F = col('freq'), M = col('spend')
const buyers = quadrantBuyers(F, M)
const counts = (split: { frequency: number; monetary: number }): number[] =>
  computeQuadrants(F, M, buyers, split, 4).quadrants.map((q) => q.count)

describe('F × M quadrants', () => {
  it('splits at the mean or median of the buyers; equal to the split is low', () => {
    expect([...buyers]).toEqual([1, 1, 1, 1, 1, 0, 0, 0])
    expect(quadrantSplit('mean', F, M, buyers)).toEqual({ frequency: 3, monetary: 250 })
    expect(quadrantSplit('median', F, M, buyers)).toEqual({ frequency: 3, monetary: 250 })
    expect(buyerMedian(new Float64Array([4, 1, 3, 2]), new Uint8Array([1, 1, 1, 1]))).toBe(2.5)
    const q = computeQuadrants(F, M, buyers, { frequency: 3, monetary: 250 }, 4)
    // hh, hl, lh, ll: only a is above both; c, e sit on both splits → low/low.
    expect(q.quadrants).toEqual([{ count: 1, revenue: 500 }, { count: 0, revenue: 0 }, { count: 0, revenue: 0 }, { count: 4, revenue: 750 }])
    expect(q.noPurchase).toEqual({ count: 3, revenue: 0 })
    expect(q.totalRevenue).toBe(1250)
  })

  it('takes typed values, with equality on the low side', () => {
    expect(counts({ frequency: 2, monetary: 200 })).toEqual([3, 1, 0, 1]) // a c e | d | – | b
    expect(counts({ frequency: 3, monetary: 150 })).toEqual([1, 0, 2, 2]) // a | – | c e | b d
  })

  it('bins buyers into an equal-width heat map', () => {
    const q = computeQuadrants(F, M, buyers, { frequency: 3, monetary: 250 }, 4)
    expect(q.heat).toMatchObject({ bins: 4, fMin: 1, fMax: 5, mMin: 100, mMax: 500 })
    expect(q.heat.counts.reduce((s, c) => s + c, 0)).toBe(5)
    expect(q.heat.counts[3 * 4 + 3]).toBe(1) // a at both maxima
    expect(q.heat.counts[0]).toBe(1) // b at both minima
  })

  it('each quadrant rule selects exactly that quadrant (Engine and json-logic-js)', () => {
    const f = { frequency: FIELDS.frequency, monetary: FIELDS.monetary }
    const expected = { '3,150': [[0], [], [2, 4], [1, 3]], '2,200': [[0, 2, 4], [3], [], [1]] }
    for (const [key, members] of Object.entries(expected)) {
      const [frequency, monetary] = key.split(',').map(Number)
      members.forEach((m, k) => expect(ruleMembers(table, quadrantRule(f, { frequency, monetary }, k)), `${key} ${k}`).toEqual(m))
    }
  })
})
