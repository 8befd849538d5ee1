import { describe, expect, it } from 'vitest'
import { binDimension, binOf, cutPoints } from '../../../src/core/analysis/gridBins'
import { Bitset } from '../../../src/core/engine/bitset'
import { makeTable } from '../engine/helpers'

const ages = [18, 20, 25, 30, 30, 30, 40, 58, null]
const table = makeTable(
  [
    { name: 'age', type: 'number' }, { name: 'g', type: 'category' }, { name: 'ok', type: 'boolean' },
    { name: 'd', type: 'date', dateFormat: 'date' }, { name: 'tags', type: 'list' },
  ],
  ages.map((age, i) => ({
    age, g: i === 8 ? null : ['m', 'f', 'f'][i % 3], ok: i === 0 ? null : i % 2 === 0,
    d: ['2024-01-01', '2024-01-10', '2024-01-11', '2024-01-20', '2024-01-31', '2024-01-31', null, '2024-01-05', '2024-01-15'][i],
    tags: ['a'],
  })),
)

describe('binOf', () => {
  it('puts a value equal to a cut in the bin above it', () => {
    expect([0, 9.99, 10, 15, 20, 99].map((v) => binOf([10, 20], v))).toEqual([0, 0, 1, 1, 2, 2])
  })
})

describe('cutPoints', () => {
  it('equal width: min + (max − min)·k / n', () => {
    expect(cutPoints(Float64Array.of(0, 3, 10), { field: 'x', method: 'equal', bins: 4 }, false)).toEqual([2.5, 5, 7.5])
  })
  it('quantile: the value at ⌊k·N / n⌋, ties never split, cuts at the minimum dropped', () => {
    // sorted 1 1 1 1 2 3 4 5: quartile positions 2, 4, 6 → values 1 (= min, dropped), 2, 4
    expect(cutPoints(Float64Array.of(1, 1, 1, 1, 2, 3, 4, 5), { field: 'x', method: 'quantile', bins: 4 }, false)).toEqual([2, 4])
  })
  it('custom breaks are sorted and deduplicated; dates are parsed to days', () => {
    expect(cutPoints(Float64Array.of(0, 100), { field: 'x', method: 'breaks', breaks: [50, 10, 50] }, false)).toEqual([10, 50])
    const day = Date.UTC(2024, 0, 10) / 86_400_000
    expect(cutPoints(Float64Array.of(day - 9, day + 9), { field: 'd', method: 'breaks', breaks: ['2024-01-10'] }, true)).toEqual([day])
  })
  it('one bin when every value is equal', () => {
    expect(cutPoints(Float64Array.of(7, 7, 7), { field: 'x', method: 'equal', bins: 5 }, false)).toEqual([])
  })
})

describe('binDimension', () => {
  it('number, equal width: edges go up, the maximum is in the last bin, missing last', () => {
    // min 18, max 58, 4 bins → cuts 28, 38, 48
    const { dim, index } = binDimension(table, { field: 'age', method: 'equal', bins: 4 }, null)
    expect(dim.bins).toEqual([
      { kind: 'range', lo: null, hi: 28 }, { kind: 'range', lo: 28, hi: 38 }, { kind: 'range', lo: 38, hi: 48 },
      { kind: 'range', lo: 48, hi: null }, { kind: 'missing' },
    ])
    expect([...index]).toEqual([0, 0, 0, 1, 1, 1, 2, 3, 4])
    expect([dim.min, dim.max]).toEqual([18, 58])
  })
  it('number, quantiles keep the tie 30, 30, 30 in one bin', () => {
    // present sorted: 18 20 25 30 30 30 40 58; n = 2 → position 4 → cut 30
    const { index } = binDimension(table, { field: 'age', method: 'quantile', bins: 2 }, null)
    expect([...index]).toEqual([0, 0, 0, 1, 1, 1, 1, 1, 2])
  })
  it('category: values by count, missing as its own bin; only rows in scope', () => {
    const { dim, index } = binDimension(table, { field: 'g' }, null)
    expect(dim.bins).toEqual([{ kind: 'value', value: 'f' }, { kind: 'value', value: 'm' }, { kind: 'missing' }])
    expect([...index]).toEqual([1, 0, 0, 1, 0, 0, 1, 0, 2])
    const scope = new Bitset(9)
    scope.set(0)
    scope.set(3)
    const scoped = binDimension(table, { field: 'g' }, scope)
    expect(scoped.dim.bins).toEqual([{ kind: 'value', value: 'm' }])
    expect([...scoped.index]).toEqual([0, -1, -1, 0, -1, -1, -1, -1, -1])
  })
  it('boolean: yes, no, missing', () => {
    const { dim, index } = binDimension(table, { field: 'ok' }, null)
    expect(dim.bins.map((b) => b.kind)).toEqual(['bool', 'bool', 'missing'])
    expect([...index]).toEqual([2, 1, 0, 1, 0, 1, 0, 1, 0])
  })
  it('date, custom breaks by day: a date on the break is in the later bin', () => {
    const { dim, index } = binDimension(table, { field: 'd', method: 'breaks', breaks: ['2024-01-11', '2024-01-31'] }, null)
    expect(dim.bins).toHaveLength(4)
    expect([...index]).toEqual([0, 0, 1, 1, 2, 2, 3, 0, 1])
  })
  it('date, equal width in whole days', () => {
    // days 0…30 from 2024-01-01, 31 days / 3 → cuts at day 10 and 21 (2024-01-11, 2024-01-22)
    const { dim, index } = binDimension(table, { field: 'd', method: 'equal', bins: 3 }, null)
    const day0 = Date.UTC(2024, 0, 1) / 86_400_000
    expect(dim.bins.slice(0, 3)).toEqual([
      { kind: 'range', lo: null, hi: day0 + 10 }, { kind: 'range', lo: day0 + 10, hi: day0 + 21 }, { kind: 'range', lo: day0 + 21, hi: null },
    ])
    expect([...index]).toEqual([0, 0, 1, 1, 2, 2, 3, 0, 1])
  })
  it('refuses a tag list and an unknown field', () => {
    expect(() => binDimension(table, { field: 'tags' }, null)).toThrow(/tag list/)
    expect(() => binDimension(table, { field: 'nope' }, null)).toThrow(/Unknown field/)
  })
})
