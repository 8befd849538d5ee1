import { describe, expect, it } from 'vitest'
import { computePareto } from '../../../src/core/analysis/paretoCurve'
import { keyCustomersRule, paretoTemplateRules } from '../../../src/core/analysis/paretoRules'
import { FIELDS, retailCustomers, ruleMembers, valueTable } from './valueFixtures'

// Monetary 100, 50, 50, 30, 20, 0 and one missing: total 250 over 6 customers with a value.
const table = valueTable([
  ['a', 1, 1, 50], ['b', 1, 1, 100], ['c', 1, 1, 20], ['d', 1, 1, null], ['e', 1, 1, 50], ['f', 1, 1, 0], ['g', 1, 1, 30],
])
const spend = (table.columns.spend as { values: Float64Array }).values

describe('Pareto 80/20', () => {
  it('finds the fewest top customers holding the threshold, missing values left out', () => {
    const p = computePareto(spend, 0.8)
    // cumulative 100, 150, 200 ≥ 0.8 × 250 → 3 of 6 customers.
    expect(p).toMatchObject({ customers: 6, missing: 1, totalRevenue: 250, topCount: 3, topShare: 0.5, cutoff: 50, keyCount: 3, keyRevenue: 200 })
    expect(p.points).toEqual([0, 100, 150, 200, 230, 250, 250].map((c, i) => [i / 6, c / 250]))
  })

  it('counts the ties at the cutoff in the key rule (more customers than the share)', () => {
    const p = computePareto(spend, 0.5)
    // 100 < 125 ≤ 150: 2 customers hold half, but the second one's value 50 is shared by a third.
    expect(p).toMatchObject({ topCount: 2, topShare: 2 / 6, cutoff: 50, keyCount: 3, keyRevenue: 200 })
    expect(ruleMembers(table, keyCustomersRule(FIELDS.monetary, p.cutoff!))).toEqual([0, 1, 4])
  })

  it('downsamples to evenly spaced ranks with both ends, and has no share without a positive total', () => {
    expect(computePareto(spend, 0.8, 3).points).toEqual([[0, 0], [0.5, 0.8], [1, 1]])
    const zero = computePareto(new Float64Array([0, 0, NaN]), 0.8)
    expect(zero).toMatchObject({ customers: 2, topCount: null, topShare: null, cutoff: null, keyCount: 0 })
    expect(computePareto(new Float64Array([]), 0.8).points).toEqual([])
  })

  it('agrees with a sort of row objects on the demo; templates are disjoint rules', () => {
    const t = retailCustomers()
    const values = (t.columns.total_amount as { values: Float64Array }).values
    const p = computePareto(values, 0.8)
    const rows = Array.from(values, (v, i) => ({ i, v })).filter((r) => !Number.isNaN(r.v)).sort((x, y) => y.v - x.v)
    const total = rows.reduce((s, r) => s + r.v, 0)
    let k = 0, cum = 0
    while (cum < 0.8 * total) cum += rows[k++].v
    expect(p.topCount).toBe(k)
    expect(ruleMembers(t, keyCustomersRule('total_amount', p.cutoff!)).length).toBe(p.keyCount)
    const f = { recency: 'days_since_last_order', frequency: 'order_count', monetary: 'total_amount' }
    const r = paretoTemplateRules(f, { cutoff: p.cutoff!, frequency: 8, recency: 60, monetary: 900 })
    const [key, frequent, potential] = [r.key, r.frequent, r.potential].map((g) => new Set(ruleMembers(t, g)))
    expect(frequent.size).toBeGreaterThan(0)
    for (const i of frequent) expect(key.has(i) || potential.has(i)).toBe(false)
    for (const i of potential) expect(key.has(i)).toBe(false)
  })
})
