import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import {
  chunksToColumn, columnsToChunks, concatTables, sliceTable, tableFromRows,
} from '../../../src/core/io/buildColumns'
import { formatDate, rowAt } from '../../../src/core/engine/columns'
import type { Column, ColumnarTable, Row } from '../../../src/core/engine/columns'
import type { FieldMeta } from '../../../src/core/fields/types'

const DAY = 86_400_000
const fields: FieldMeta[] = [
  { name: 'n', type: 'number' },
  { name: 'd', type: 'date', dateFormat: 'date' },
  { name: 'b', type: 'boolean' },
  { name: 't', type: 'text' },
  { name: 'c', type: 'category' },
  { name: 'l', type: 'list' },
]

const rowArb: fc.Arbitrary<Row> = fc.record({
  n: fc.option(fc.double({ noNaN: true, noDefaultInfinity: true })),
  d: fc.option(fc.integer({ min: 0, max: 30_000 }).map((day) => formatDate(day * DAY))),
  b: fc.option(fc.boolean()),
  t: fc.option(fc.string({ maxLength: 4 })),
  c: fc.option(fc.constantFrom('男', '女', 'x')),
  l: fc.option(fc.uniqueArray(fc.constantFrom('运动', '美妆', '数码', 'y'), { maxLength: 3 })),
})
const rowsArb = fc.array(rowArb, { maxLength: 40 })
const rowsOf = (t: ColumnarTable): Row[] => Array.from({ length: t.rowCount }, (_, i) => rowAt(t, i))

function viaChunks(table: ColumnarTable, chunkSize: number): ColumnarTable {
  const columns: Record<string, Column> = {}
  for (const f of table.fields) columns[f.name] = chunksToColumn(columnsToChunks(table.columns[f.name], chunkSize))
  return { ...table, columns }
}

describe('columnsToChunks / chunksToColumn', () => {
  it('round-trips every column type for any chunk size', () => {
    fc.assert(fc.property(rowsArb, fc.integer({ min: 1, max: 12 }), (rows, size) => {
      const table = tableFromRows(fields, rows)
      expect(rowsOf(viaChunks(table, size))).toEqual(rows)
    }))
  })

  it('cuts columns into chunks of chunkSize rows that own their buffers', () => {
    const rows = Array.from({ length: 10 }, (_, k): Row => ({ n: k, l: k % 2 ? ['a', 'b'] : null, t: `v${k % 3}` }))
    const table = tableFromRows(fields, rows)
    const list = columnsToChunks(table.columns.l, 4)
    expect(list.meta).toMatchObject({ type: 'list', rowCount: 10, chunkSize: 4, dict: ['a', 'b'] })
    expect(list.chunks.map((c) => (c.kind === 'list' ? c.missing.length : -1))).toEqual([4, 4, 2])
    for (const c of list.chunks) {
      if (c.kind !== 'list') throw new Error('expected list chunks')
      expect(c.offsets[0]).toBe(0)
      expect(c.codes.buffer.byteLength).toBe(c.codes.byteLength)
    }
    const nums = columnsToChunks(table.columns.n, 4)
    for (const c of nums.chunks) {
      if (c.kind !== 'float64') throw new Error('expected float64 chunks')
      expect(c.values.buffer.byteLength).toBe(c.values.byteLength)
    }
    expect(columnsToChunks(table.columns.t, 4).meta.dict).toEqual(['v0', 'v1', 'v2'])
  })

  it('refuses chunks that disagree with their meta', () => {
    const table = tableFromRows(fields, [{ n: 1 }, { n: 2 }])
    const stored = columnsToChunks(table.columns.n, 1)
    expect(() => chunksToColumn({ ...stored, meta: { ...stored.meta, rowCount: 3 } })).toThrow(/rows/)
    expect(() => chunksToColumn({ ...stored, meta: { ...stored.meta, type: 'text' } })).toThrow(/expected "codes"/)
  })
})

describe('sliceTable / concatTables', () => {
  it('slices into pieces that concatenate back to the original rows', () => {
    fc.assert(fc.property(rowsArb, fc.array(fc.nat(), { maxLength: 4 }), (rows, cuts) => {
      const table = tableFromRows(fields, rows)
      const bounds = [0, ...cuts.map((c) => c % (rows.length + 1)).sort((a, b) => a - b), rows.length]
      const pieces = bounds.slice(1).map((end, k) => sliceTable(table, bounds[k], end))
      pieces.forEach((p, k) => expect(rowsOf(p)).toEqual(rows.slice(bounds[k], bounds[k + 1])))
      expect(rowsOf(concatTables(pieces))).toEqual(rows)
    }))
  })

  it('merges dictionaries of separately built tables', () => {
    const a = tableFromRows(fields, [{ c: '男', l: ['x'] }, { c: null, l: null }])
    const b = tableFromRows(fields, [{ c: '女', l: ['y', 'x'] }, { c: '男', l: [] }])
    const both = concatTables([a, b])
    expect(rowsOf(both).map((r) => [r.c, r.l])).toEqual([['男', ['x']], [null, null], ['女', ['y', 'x']], ['男', []]])
    expect(both.columns.c).toMatchObject({ dict: ['男', '女'] })
    expect(both.columns.l).toMatchObject({ dict: ['x', 'y'] })
  })

  it('refuses tables whose columns differ in type', () => {
    const a = tableFromRows([{ name: 'v', type: 'number' }], [{ v: 1 }])
    const b = tableFromRows([{ name: 'v', type: 'text' }], [{ v: '1' }])
    expect(() => concatTables([a, b])).toThrow(/"v"/)
  })
})
