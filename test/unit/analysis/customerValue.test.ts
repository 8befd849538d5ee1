import { describe, expect, it } from 'vitest'
import { lifetimeValue, measuredChurn, topGrowth, topPositions, yearlyValue } from '../../../src/core/analysis/customerValue'
import { compareSnapshots } from '../../../src/core/analysis/snapshotCompare'
import type { SnapshotMembers } from '../../../src/core/analysis/snapshot'

const all = (n: number): Uint32Array => {
  const w = new Uint32Array((n + 31) >>> 5)
  for (let k = 0; k < n; k++) w[k >>> 5] |= 1 << (k & 31)
  return w
}

describe('top 20 %', () => {
  it('takes ceil(20 % of the buyers) by value, ties in position order, non-buyers and missing values out', () => {
    // Buyers: 7 (value > 0) → ceil(1.4) = 2: positions 2 (90) and then 0 (50) before 5 (50).
    const v = Float64Array.from([50, 0, 90, NaN, 10, 50, 20, 30, -5, 40])
    expect(topPositions(v, 0.2)).toEqual([2, 0])
  })
  it('reports number, revenue and how many of the earlier top stayed (matched by id)', () => {
    const earlier = { ids: ['a', 'b', 'c', 'd', 'e'], value: Float64Array.from([100, 80, 10, 5, 0]) } // 4 buyers → top 1: a
    const later = { ids: ['e', 'd', 'c', 'b', 'a', 'f'], value: Float64Array.from([200, 5, 10, 80, 150, 60]) } // 6 buyers → top 2: e, a
    expect(topGrowth(earlier, later)).toEqual({
      share: 0.2, earlier: { count: 1, value: 100, buyers: 4 }, later: { count: 2, value: 350, buyers: 6 }, stayed: 1,
    })
  })
})

describe('yearly value, churn and LTV', () => {
  it('is Σ value ÷ Σ max(tenure days, 1)/365 over members with both', () => {
    const group = Uint32Array.of(0b1011) // positions 0, 1, 3
    const value = Float64Array.from([365, 730, 999, NaN])
    const tenure = Float64Array.from([365, 0, 10, 30])
    // position 0: 365 over 1 year; position 1: 730 over 1/365 year; position 3 has no value.
    const r = yearlyValue(group, value, tenure)
    expect(r.valued).toBe(2)
    expect(r.perYear).toBeCloseTo((365 + 730) / (1 + 1 / 365), 9)
  })
  it('counts earlier buyers gone or without a purchase between the as-of dates as lost, and annualises', () => {
    // Earlier buyers a, b, c, d (e never bought). Later: a bought 10 days ago (kept), b 40 days ago (lost,
    // > 30 days apart), c gone, d's recency missing (lost).
    const r = measuredChurn({
      group: all(5), earlier: { ids: ['a', 'b', 'c', 'd', 'e'], value: Float64Array.from([1, 2, 3, 4, 0]) },
      later: { ids: ['a', 'b', 'd', 'e'], recencyDays: Float64Array.from([10, 40, NaN, 5]) }, daysBetween: 30,
    })
    expect([r.base, r.lost]).toEqual([4, 3])
    expect(r.yearly).toBeCloseTo(1 - Math.pow(0.25, 365 / 30), 12)
  })
  it('LTV = yearly value ÷ yearly churn, undefined without churn', () => {
    expect(lifetimeValue(1200, 0.25)).toBe(4800)
    expect(lifetimeValue(1200, 0)).toBeNaN()
    expect(lifetimeValue(1200, NaN)).toBeNaN()
  })
})

describe('compareSnapshots', () => {
  const members = (ids: string[], value: number[], tenure: number[], recency: number[], rfm: number[]): SnapshotMembers => ({
    ids, groups: [all(ids.length)], value: Float64Array.from(value), tenureDays: Float32Array.from(tenure),
    recencyDays: Float32Array.from(recency), rfm: Int8Array.from(rfm),
  })
  const seg = [{ id: 's', name: 'All', size: 0, revenue: 0 }]
  const DAY = 86_400_000
  const earlier = { asOf: 0, segments: seg, members: members(['a', 'b'], [100, 100], [365, 365], [5, 5], [0, 4]) }
  const later = { asOf: 73 * DAY, segments: seg, members: members(['a', 'b'], [200, 100], [438, 438], [3, 78], [0, 7]) }

  it('uses the measured churn unless the user gives one', () => {
    const r = compareSnapshots(earlier, later)
    expect(r.daysBetween).toBe(73)
    // b did not buy in the 73 days: period churn 1/2 → yearly 1 − 0.5^5.
    const yearly = 1 - Math.pow(0.5, 5)
    const perYear = 300 / (2 * 438 / 365)
    expect(r.values[0]).toMatchObject({ valued: 2, churnBase: 2, churnLost: 1 })
    expect(r.values[0].measuredChurn).toBeCloseTo(yearly, 12)
    expect(r.values[0].ltv).toBeCloseTo(perYear / yearly, 9)
    expect(compareSnapshots(earlier, later, 0.5).values[0].ltv).toBeCloseTo(perYear * 2, 9)
    expect(r.rfm?.cells[4][7]).toBe(1)
    expect(r.rfm?.cells[0][0]).toBe(1)
  })
})
