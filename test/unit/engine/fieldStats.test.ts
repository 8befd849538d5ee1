import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { rowAt, type ColumnarTable } from '../../../src/core/engine/columns'
import { fieldStats } from '../../../src/core/engine/query'
import type { FieldMeta } from '../../../src/core/fields/types'
import { makeTable, type Cell } from './helpers'

// Expected values come from plain loops over the rows in row form (rowAt), never from the column arrays.

const FIELDS: FieldMeta[] = [
  { name: 'spend', type: 'number' },
  { name: 'joined', type: 'date' },
  { name: 'seen', type: 'date', dateFormat: 'datetime' },
  { name: 'city', type: 'category' },
]

function table(rows: Array<Record<string, Cell>>): ColumnarTable {
  return makeTable(FIELDS, rows)
}

function cells(t: ColumnarTable, field: string): Cell[] {
  return Array.from({ length: t.rowCount }, (_, i) => rowAt(t, i)[field])
}

/** Naive histogram of numbers: edges min + (max − min)·k/bins, each bin [from, to), the last closed. */
function naiveNumberBins(values: number[], bins: number): { from: number; to: number; count: number }[] {
  const min = Math.min(...values)
  const max = Math.max(...values)
  if (min === max) return [{ from: min, to: max, count: values.length }]
  const edges = Array.from({ length: bins + 1 }, (_, k) => (k === bins ? max : min + ((max - min) * k) / bins))
  return edges.slice(0, -1).map((from, k) => {
    const to = edges[k + 1]
    const last = k === bins - 1
    return { from, to, count: values.filter((v) => v >= from && (last ? v <= to : v < to)).length }
  })
}

describe('fieldStats of a number field', () => {
  it('gives min, max, missing and equal-width bins (worked by hand)', () => {
    const t = table([0, 10, 25, 50, null, 99, 100, null].map((spend) => ({ spend })))
    expect(fieldStats(t, 'spend', 4)).toEqual({
      type: 'number', min: 0, max: 100, present: 6, missing: 2,
      histogram: [
        { from: 0, to: 25, count: 2 }, { from: 25, to: 50, count: 1 }, { from: 50, to: 75, count: 1 }, { from: 75, to: 100, count: 2 },
      ],
    })
  })

  it('agrees with a naive loop over the rows on random data, missing values included', () => {
    const value = fc.oneof(fc.constant(null), fc.integer({ min: -1000, max: 1000 }), fc.double({ min: -1e6, max: 1e6, noNaN: true }))
    fc.assert(fc.property(fc.array(value, { minLength: 1, maxLength: 60 }), fc.integer({ min: 1, max: 50 }), (spends, bins) => {
      const t = table(spends.map((spend) => ({ spend: Object.is(spend, -0) ? 0 : spend })))
      const present = cells(t, 'spend').filter((v): v is number => v !== null)
      const stats = fieldStats(t, 'spend', bins)
      expect(stats?.present).toBe(present.length)
      expect(stats?.missing).toBe(t.rowCount - present.length)
      if (present.length === 0) return
      expect(stats).toMatchObject({ type: 'number', min: Math.min(...present), max: Math.max(...present) })
      expect(stats?.histogram).toEqual(naiveNumberBins(present, bins))
    }))
  })

  it('puts a single repeated value in one bin', () => {
    const t = table([{ spend: 7 }, { spend: 7 }, { spend: null }])
    expect(fieldStats(t, 'spend', 10)).toEqual({
      type: 'number', min: 7, max: 7, present: 2, missing: 1, histogram: [{ from: 7, to: 7, count: 2 }],
    })
  })

  it('has no range and no bins when every value is missing', () => {
    const t = table([{ spend: null }, { spend: null }])
    expect(fieldStats(t, 'spend', 5)).toEqual({ type: 'number', min: null, max: null, present: 0, missing: 2, histogram: [] })
  })
})

describe('fieldStats of a date field', () => {
  it('bins whole days, reported as ISO dates, `to` being the last day of the bin', () => {
    const joined = ['2024-01-01', '2024-01-02', '2024-01-05', '2024-01-10', null, '2024-01-10']
    const t = table(joined.map((j) => ({ joined: j })))
    // 10 days in 3 bins of ceil(10/3) = 4 days: 1–4, 5–8, 9–10.
    expect(fieldStats(t, 'joined', 3)).toEqual({
      type: 'date', min: '2024-01-01', max: '2024-01-10', present: 5, missing: 1,
      histogram: [
        { from: '2024-01-01', to: '2024-01-04', count: 2 },
        { from: '2024-01-05', to: '2024-01-08', count: 1 },
        { from: '2024-01-09', to: '2024-01-10', count: 2 },
      ],
    })
  })

  it('counts each row in the bin holding its day, like a loop comparing ISO dates', () => {
    const seen = ['2023-12-31T23:59:59', '2024-03-01T00:00:00', '2024-02-29T12:00:00', null, '2024-06-30T08:00:00', '2024-01-15T00:00:01']
    const t = table(seen.map((s) => ({ seen: s })))
    const days = cells(t, 'seen').filter((v): v is string => v !== null).map((v) => v.slice(0, 10))
    const stats = fieldStats(t, 'seen', 7)
    expect(stats).toMatchObject({ type: 'date', min: '2023-12-31', max: '2024-06-30', present: 5, missing: 1 })
    const bins = stats?.histogram ?? []
    expect(bins.length).toBeLessThanOrEqual(7)
    expect(bins.map((b) => b.count)).toEqual(bins.map((b) => days.filter((d) => d >= (b.from as string) && d <= (b.to as string)).length))
    expect(bins.reduce((s, b) => s + b.count, 0)).toBe(days.length)
  })

  it('gives one one-day bin for a single date, and no bins when all are missing', () => {
    expect(fieldStats(table([{ joined: '2024-05-05' }]), 'joined', 20)?.histogram).toEqual([{ from: '2024-05-05', to: '2024-05-05', count: 1 }])
    expect(fieldStats(table([{ joined: null }]), 'joined', 20)).toEqual({
      type: 'date', min: null, max: null, present: 0, missing: 1, histogram: [],
    })
  })
})

describe('fieldStats of other fields', () => {
  it('is null for a category field and throws for an unknown one', () => {
    const t = table([{ city: '上海' }])
    expect(fieldStats(t, 'city', 5)).toBeNull()
    expect(() => fieldStats(t, 'nope', 5)).toThrow(/Unknown field/)
  })
})

describe('fieldStats at the float limits', () => {
  it('bins a range wider than the float range without losing a value', () => {
    const t = table([-1.5e308, 0, 1.5e308, 1.4e308].map((spend) => ({ spend })))
    const stats = fieldStats(t, 'spend', 3)
    expect(stats?.histogram.map((b) => b.count)).toEqual([1, 1, 2])
    expect(stats?.histogram.every((b) => Number.isFinite(b.from) && Number.isFinite(b.to))).toBe(true)
  })
})
