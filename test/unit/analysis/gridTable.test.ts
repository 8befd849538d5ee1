import { describe, expect, it } from 'vitest'
import { computeGrid, gridTotals } from '../../../src/core/analysis/gridTable'
import { Bitset } from '../../../src/core/engine/bitset'
import { makeTable } from '../engine/helpers'

// 8 customers: vehicle type × price (万), spend as the measure (one missing).
const rows = [
  { type: 'SUV', price: 15, spend: 10 }, { type: 'SUV', price: 25, spend: 20 }, { type: 'SUV', price: 35, spend: null },
  { type: 'Sedan', price: 10, spend: 5 }, { type: 'Sedan', price: 20, spend: 7 }, { type: 'SUV', price: 20, spend: 1 },
  { type: null, price: 40, spend: 2 }, { type: 'Sedan', price: null, spend: 3 },
]
const table = makeTable(
  [{ name: 'type', type: 'category' }, { name: 'price', type: 'number' }, { name: 'spend', type: 'number' }, { name: 'seg', type: 'category' }],
  rows.map((r, i) => ({ ...r, seg: i < 4 ? 'a' : 'b' })),
)
const breaks = { field: 'price', method: 'breaks' as const, breaks: [20, 30] }

describe('computeGrid', () => {
  it('counts, sums and totals of a category × binned number grid, missing on both axes', async () => {
    const g = await computeGrid(table, { rows: { field: 'type' }, cols: breaks, measure: 'spend' }, null)
    // rows SUV, Sedan, (missing); cols <20, [20,30), ≥30, (missing)
    expect(g.rows.map((k) => k[0].bin)).toEqual([0, 1, 2])
    expect(g.cols).toHaveLength(4)
    expect(g.counts).toEqual([1, 2, 1, 0, 1, 1, 0, 1, 0, 0, 1, 0])
    expect(g.sums).toEqual([10, 21, 0, 0, 5, 7, 0, 3, 0, 0, 2, 0])
    expect(g.present).toEqual([1, 2, 0, 0, 1, 1, 0, 1, 0, 0, 1, 0])
    expect([g.scopeCount, g.tableCount]).toEqual([8, 8])
    const t = gridTotals(g)
    expect(t.rows.map((x) => x.count)).toEqual([4, 3, 1])
    expect(t.cols.map((x) => x.count)).toEqual([2, 3, 2, 1])
    expect(t.rows.map((x) => x.sum)).toEqual([31, 15, 2])
    expect(t.all).toEqual({ count: 8, sum: 48, present: 7 })
  })
  it('restricted to a scope: only its members are counted, bins come from them', async () => {
    const scope = new Bitset(8)
    for (const i of [0, 1, 2, 3]) scope.set(i)
    const g = await computeGrid(table, { rows: { field: 'type' }, cols: breaks }, scope)
    expect(g.counts).toEqual([1, 1, 1, 1, 0, 0])
    expect(g.scopeCount).toBe(4)
    expect(g.sums).toBeUndefined()
  })
  it('sub-split: the row "SUV" becomes one row per price bin', async () => {
    const g = await computeGrid(table, { rows: { field: 'type' }, cols: { field: 'seg' }, split: { axis: 'rows', bin: 0, dim: breaks } }, null)
    expect(g.rows).toEqual([
      [{ dim: 0, bin: 0 }, { dim: 2, bin: 0 }], [{ dim: 0, bin: 0 }, { dim: 2, bin: 1 }], [{ dim: 0, bin: 0 }, { dim: 2, bin: 2 }],
      [{ dim: 0, bin: 0 }, { dim: 2, bin: 3 }], [{ dim: 0, bin: 1 }], [{ dim: 0, bin: 2 }],
    ])
    // cols a, b. SUV <20: #0(a); SUV [20,30): #1(a) #5(b); SUV ≥30: #2(a); SUV missing price: none
    expect(g.counts).toEqual([1, 0, 1, 1, 1, 0, 0, 0, 1, 2, 0, 1])
  })
  it('refuses a measure that is not a number', async () => {
    await expect(computeGrid(table, { rows: { field: 'type' }, cols: breaks, measure: 'seg' }, null)).rejects.toThrow(/not a number/)
  })
})
