import { describe, expect, it } from 'vitest'
import { Bitset } from '../../../src/core/engine/bitset'
import { Engine } from '../../../src/core/engine/evaluate'
import { countOf, memberIds, sampleRows, sumOf, topValues } from '../../../src/core/engine/query'
import { tableFromRows } from '../../../src/core/io/buildColumns'
import { handTable, HAND_AS_OF } from './fixtures'
import { allRows } from './helpers'

const table = handTable()
const rows = allRows(table)
// gold members: rows 0, 3, 7, 12 (spend 0, -3.5, 1e6, 7)
const gold = new Engine(table, { asOf: HAND_AS_OF }).evaluate({ '==': [{ var: 'level' }, 'gold'] })

describe('query helpers', () => {
  it('countOf counts members', () => {
    expect(countOf(gold)).toBe(4)
    expect(countOf(new Bitset(table.rowCount))).toBe(0)
  })

  it('sampleRows gives the first n members in row order, id first', () => {
    const sample = sampleRows(table, gold, 2, 'id')
    expect(sample).toEqual([rows[0], rows[3]])
    expect(Object.keys(sample[0])[0]).toBe('id')
    expect(sampleRows(table, gold, 10)).toHaveLength(4)
    expect(sampleRows(table, gold, 0)).toEqual([])
  })

  it('memberIds lists the id of every member', () => {
    expect(memberIds(table, gold, 'id')).toEqual(['c0', 'c3', 'c7', 'c12'])
  })

  it('sumOf adds a number field over members and skips missing values', () => {
    expect(sumOf(table, gold, 'spend')).toBe(0 - 3.5 + 1e6 + 7)
    const all = Bitset.full(table.rowCount)
    const want = rows.reduce((s, r) => s + (typeof r.spend === 'number' ? r.spend : 0), 0)
    expect(sumOf(table, all, 'spend')).toBe(want)
  })

  it('refuses unknown fields and sums of non-number fields', () => {
    expect(() => memberIds(table, gold, 'nope')).toThrow(/nope/)
    expect(() => sumOf(table, gold, 'name')).toThrow(/not a number/)
  })
})

describe('topValues', () => {
  it('counts a repeated tag once per row and orders by count, then value', () => {
    const t = tableFromRows(
      [{ name: 'tags', type: 'list' }, { name: 'city', type: 'category' }],
      [
        { tags: ['a', 'a', 'b'], city: 'x' },
        { tags: ['b'], city: 'y' },
        { tags: null, city: null },
        { tags: ['c', 'b'], city: 'x' },
      ],
    )
    expect(topValues(t, 'tags', 10)).toEqual([{ value: 'b', count: 3 }, { value: 'a', count: 1 }, { value: 'c', count: 1 }])
    expect(topValues(t, 'city', 1)).toEqual([{ value: 'x', count: 2 }])
  })
})
