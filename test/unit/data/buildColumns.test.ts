import { describe, expect, it } from 'vitest'
import { buildColumns, tableFromRows } from '../../../src/core/io/buildColumns'
import { parseCsvText } from '../../../src/core/io/parseCsv'
import { inferFieldTypes } from '../../../src/core/fields/inferFieldType'
import { rowAt } from '../../../src/core/engine/columns'
import type { ColumnarTable, Row } from '../../../src/core/engine/columns'
import type { FieldMeta } from '../../../src/core/fields/types'

const fileName = 'members.csv'
const rowsOf = (t: ColumnarTable): Row[] => Array.from({ length: t.rowCount }, (_, i) => rowAt(t, i))

describe('buildColumns', () => {
  const csv = [
    '会员ID,性别,年龄,注册日期,标签,订阅,最近登录',
    'M1,男,30,2024-01-05,运动|美妆,是,2024-05-01 10:00',
    'M2,女,,2024/2/1,,否,',
    'M3,女,41,2023-12-31,数码,是,2024-05-02 08:30:15',
  ].join('\n')

  it('turns parsed CSV into typed columns that read back as rows', () => {
    const { header, rows } = parseCsvText(csv, { fileName })
    const fields = inferFieldTypes(header, rows)
    const { table, issues } = buildColumns(fields, rows, { fileName, idField: '会员ID' })
    expect(issues).toEqual([])
    expect(table.rowCount).toBe(3)
    expect(table.columns['年龄']).toMatchObject({ type: 'number' })
    expect(rowsOf(table)).toEqual([
      { 会员ID: 'M1', 性别: '男', 年龄: 30, 注册日期: '2024-01-05', 标签: ['运动', '美妆'], 订阅: true, 最近登录: '2024-05-01T10:00:00' },
      { 会员ID: 'M2', 性别: '女', 年龄: null, 注册日期: '2024-02-01', 标签: null, 订阅: false, 最近登录: null },
      { 会员ID: 'M3', 性别: '女', 年龄: 41, 注册日期: '2023-12-31', 标签: ['数码'], 订阅: true, 最近登录: '2024-05-02T08:30:15' },
    ])
  })

  it('reports unparseable values with file, row, field and value, and keeps them missing (not 0)', () => {
    const fields: FieldMeta[] = [
      { name: 'id', type: 'text' },
      { name: 'age', type: 'number' },
      { name: 'joined', type: 'date', dateFormat: 'date' },
      { name: 'vip', type: 'boolean' },
    ]
    const rows = [['a', '30', '2024-01-01', 'yes'], ['b', 'thirty', '2024-13-01', 'maybe'], ['c', '0', 'NULL', 'no']]
    const { table, issues } = buildColumns(fields, rows, { fileName })
    expect(issues).toEqual([
      expect.objectContaining({ file: fileName, row: 2, field: 'age', code: 'not_a_number', params: { value: 'thirty' } }),
      expect.objectContaining({ file: fileName, row: 2, field: 'joined', code: 'not_a_date', params: { value: '2024-13-01' } }),
      expect.objectContaining({ file: fileName, row: 2, field: 'vip', code: 'not_a_boolean', params: { value: 'maybe' } }),
    ])
    expect(rowAt(table, 1)).toEqual({ id: 'b', age: null, joined: null, vip: null })
    // A real 0 stays 0 and a NULL token is missing without an issue.
    expect(rowAt(table, 2)).toEqual({ id: 'c', age: 0, joined: null, vip: false })
  })

  it('reports empty and duplicate ids with the row of the first use', () => {
    const fields: FieldMeta[] = [{ name: 'id', type: 'text' }, { name: 'n', type: 'number' }]
    const rows = [['A', '1'], ['B', '2'], ['A', '3'], ['', '4'], ['B', '5']]
    const { issues } = buildColumns(fields, rows, { fileName, idField: 'id', firstRow: 101 })
    expect(issues.map((i) => [i.code, i.row, i.params?.first])).toEqual([
      ['duplicate_id', 103, 101],
      ['empty_id', 104, undefined],
      ['duplicate_id', 105, 102],
    ])
    expect(issues.every((i) => i.file === fileName && i.field === 'id')).toBe(true)
  })

  it('reports an id field that is not imported', () => {
    const { issues } = buildColumns([{ name: 'x', type: 'text' }], [['1']], { fileName, idField: 'id' })
    expect(issues[0]).toMatchObject({ code: 'unknown_id_field', field: 'id' })
  })

  it('skips columns mapped to null and reads short rows as missing', () => {
    const fields = [{ name: 'a', type: 'number' } as FieldMeta, null, { name: 'c', type: 'text' } as FieldMeta]
    const { table } = buildColumns(fields, [['1', 'skip', 'x'], ['2']], { fileName })
    expect(table.fields.map((f) => f.name)).toEqual(['a', 'c'])
    expect(rowsOf(table)).toEqual([{ a: 1, c: 'x' }, { a: 2, c: null }])
  })

  it('gives the same table from an iterator as from an array, beyond the initial capacity', () => {
    const fields: FieldMeta[] = [{ name: 'n', type: 'number' }, { name: 't', type: 'list' }, { name: 'b', type: 'boolean' }]
    const rows = Array.from({ length: 3000 }, (_, k) => [String(k), k % 3 ? `x|y${k % 7}` : '', k % 2 ? 'y' : 'n'])
    function* gen(): Generator<string[]> { yield* rows }
    const fromArray = buildColumns(fields, rows, { fileName }).table
    const fromIter = buildColumns(fields, gen(), { fileName }).table
    expect(fromIter.rowCount).toBe(3000)
    expect(rowsOf(fromIter)).toEqual(rowsOf(fromArray))
  })

  it('caps the issues listed per field and counts the rest', () => {
    const rows = Array.from({ length: 250 }, () => ['x'])
    const { issues } = buildColumns([{ name: 'n', type: 'number' }], rows, { fileName, maxIssuesPerKind: 100 })
    expect(issues).toHaveLength(101)
    expect(issues[100]).toMatchObject({ code: 'more_issues', field: 'n', params: { count: 150 } })
  })
})

describe('tableFromRows', () => {
  const fields: FieldMeta[] = [
    { name: 'id', type: 'text' },
    { name: 'n', type: 'number' },
    { name: 'd', type: 'date', dateFormat: 'date' },
    { name: 'b', type: 'boolean' },
    { name: 'tags', type: 'list' },
  ]

  it('round-trips rows through rowAt', () => {
    const rows: Row[] = [
      { id: 'a', n: 1.5, d: '2024-01-02', b: true, tags: ['x', 'y'] },
      { id: null, n: null, d: null, b: null, tags: null },
      { id: 'c', n: -2, d: '2020-02-29', b: false, tags: [] },
    ]
    expect(rowsOf(tableFromRows(fields, rows))).toEqual(rows)
  })

  it('parses strings in typed fields and takes absent keys as missing', () => {
    const t = tableFromRows(fields, [{ id: 7 as unknown as string, n: '1,000', d: Date.UTC(2024, 0, 3), b: 'no', tags: 'a|b' }, {}])
    expect(rowsOf(t)).toEqual([
      { id: '7', n: 1000, d: '2024-01-03', b: false, tags: ['a', 'b'] },
      { id: null, n: null, d: null, b: null, tags: null },
    ])
  })

  it('throws on a value that does not fit, naming row and field', () => {
    expect(() => tableFromRows(fields, [{ n: 1 }, { n: 'abc' }])).toThrow(/row 2, field "n"/)
    expect(() => tableFromRows(fields, [{ b: 1 }])).toThrow(/field "b"/)
  })
})
