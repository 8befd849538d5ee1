import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { dropRows } from '../../../src/core/io/buildColumnsTables'
import { CsvChunkParser } from '../../../src/core/io/csvStream'
import { parseCsvText } from '../../../src/core/io/parseCsv'
import { bytesSource, previewFile } from '../../../src/core/io/importFile'
import { importBytes, rowsOf, utf8 } from './helpers'
import { makeXlsx } from './xlsx'

/** Feeds `text` to the streaming parser in the given piece sizes; returns every record. */
function streamCsv(text: string, sizes: number[]): string[][] {
  const p = new CsvChunkParser()
  const out: string[][] = []
  let at = 0
  for (let k = 0; at < text.length; k++) {
    const size = sizes[k % sizes.length]
    out.push(...p.push(text.slice(at, at + size), at + size >= text.length).rows)
    at += size
  }
  if (text.length === 0) out.push(...p.push('', true).rows)
  return out
}

const cellArb = fc.oneof(fc.constantFrom('', 'a', '上海', '1,234', 'x"y', 'line\nbreak', ' sp ', '¥5'), fc.string({ maxLength: 6 }))

describe('CSV in pieces', () => {
  it('gives the records papaparse gives for the whole text, whatever the piece sizes (quotes and newlines inside fields)', () => {
    fc.assert(fc.property(
      fc.array(fc.array(cellArb, { minLength: 3, maxLength: 3 }), { minLength: 1, maxLength: 30 }),
      fc.array(fc.integer({ min: 1, max: 40 }), { minLength: 1, maxLength: 5 }),
      fc.constantFrom('\n', '\r\n'),
      (rows, sizes, newline) => {
        const text = [['h1', 'h2', 'h3'], ...rows].map((r) => r.map((c) => `"${c.replace(/"/g, '""')}"`).join(',')).join(newline)
        const whole = parseCsvText(text, { fileName: 'x.csv' })
        const streamed = streamCsv(text, sizes)
        expect(streamed[0]).toEqual(whole.header)
        expect(streamed.slice(1)).toEqual(whole.rows)
      },
    ), { numRuns: 200 })
  })

  it('detects tab and semicolon delimiters', async () => {
    expect((await previewFile(bytesSource('a.txt', utf8('a\tb\n1\t2\n')))).info.delimiter).toBe('\t')
    expect((await previewFile(bytesSource('a.csv', utf8('a;b\n1;2\n')))).info.delimiter).toBe(';')
  })

  it('reports ragged rows (padded or cut) and an unterminated quote, and marks those rows bad', async () => {
    const { prepared } = await importBytes('r.csv', utf8('id,a,b\n1,x,yy\n2,x\n3,x,yy,z\n4,x,yy,\n5,"open,x\n'))
    const rows = rowsOf(prepared.table)
    expect(rows.slice(0, 4)).toEqual([
      { id: 1, a: 'x', b: 'yy' }, { id: 2, a: 'x', b: null }, { id: 3, a: 'x', b: 'yy' }, { id: 4, a: 'x', b: 'yy' },
    ])
    expect(Array.from(prepared.badRows)).toEqual([0, 1, 1, 0, 1])
    const codes = prepared.report.issues.map((i) => [i.code, i.row])
    expect(codes).toEqual(expect.arrayContaining([['ragged_row', 2], ['ragged_row', 3], ['csv_syntax', 5]]))
  })
})

describe('JSON and NDJSON', () => {
  const records = [
    { id: 'c1', 城市: '上海', tags: ['运动', '美妆'], address: { city: '上海', zip: '200000' }, spend: 12.5, vip: true },
    { id: 'c2', 城市: '北京', tags: [], spend: null, vip: false, late: 1 },
  ]
  const expected = [
    { id: 'c1', 城市: '上海', tags: ['运动', '美妆'], address: '{"city":"上海","zip":"200000"}', spend: 12.5, vip: true },
    { id: 'c2', 城市: '北京', tags: [], address: null, spend: null, vip: false },
  ]

  it('reads an array of objects: nested objects as JSON text, arrays of scalars as lists', async () => {
    const { preview, prepared } = await importBytes('d.json', utf8(JSON.stringify(records, null, 2)), {}, 5)
    expect(preview.info.format).toBe('json')
    expect(preview.fields.map((f) => `${f.name}:${f.type}`)).toEqual(['id:text', '城市:text', 'tags:list', 'address:text', 'spend:number', 'vip:boolean', 'late:number'])
    const rows = rowsOf(prepared.table)
    expect(rows.map(({ late: _l, ...r }) => r)).toEqual(expected)
  })

  it('reads NDJSON, leaving out lines that are not JSON objects, and reports keys seen only after the head', async () => {
    const lines = [...records.map((r) => JSON.stringify(r)), 'not json', '[1,2]', '', JSON.stringify({ id: 'c3', newKey: 1 })]
    const source = utf8(lines.join('\r\n'))
    const { preview } = await importBytes('d.ndjson', source)
    expect(preview.info.format).toBe('ndjson')
    const { prepared } = await importBytes('d.ndjson', source, { header: preview.header.slice(0, 6), fields: preview.fields.slice(0, 6) })
    expect(prepared.report.droppedRowCount).toBe(2)
    const found = prepared.report.issues.map((i) => [i.row, i.code, i.field ?? '']).sort((a, b) => Number(a[0]) - Number(b[0]))
    expect(found).toEqual([[2, 'unknown_key', 'late'], [3, 'bad_json_record', ''], [4, 'not_an_object', ''], [5, 'unknown_key', 'newKey']])
    expect(rowsOf(prepared.table).map((r) => r.id)).toEqual(['c1', 'c2', 'c3'])
  })

  it('refuses a .json file that is not an array', async () => {
    await expect(importBytes('d.json', utf8('{"a": 1}'))).rejects.toMatchObject({ code: 'bad_json' })
  })
})

describe('Excel workbooks', () => {
  it('reads the first sheet: text, numbers, dates, booleans, Chinese; blank rows skipped', async () => {
    const bytes = makeXlsx([
      ['客户编号', '城市', '金额', '注册日期', '会员'],
      ['X1', '上海', 1234.5, new Date(Date.UTC(2024, 2, 1)), true],
      [null, null, null, null, null],
      ['X2', '北京', 88, new Date(Date.UTC(2024, 11, 31, 10, 30)), false],
    ], '客户')
    const { preview, prepared } = await importBytes('k.xlsx', bytes)
    expect(preview.info.format).toBe('xlsx')
    expect(preview.fields.map((f) => f.type)).toEqual(['text', 'text', 'number', 'date', 'boolean'])
    expect(rowsOf(prepared.table)).toEqual([
      { 客户编号: 'X1', 城市: '上海', 金额: 1234.5, 注册日期: '2024-03-01T00:00:00', 会员: true },
      { 客户编号: 'X2', 城市: '北京', 金额: 88, 注册日期: '2024-12-31T10:30:00', 会员: false },
    ])
  })

  it('refuses a zip that is not a workbook, and an old .xls, with a reason', async () => {
    await expect(previewFile(bytesSource('x.xlsx', Uint8Array.of(0x50, 0x4b, 3, 4, 0, 0)))).rejects.toMatchObject({ code: 'bad_xlsx' })
    await expect(previewFile(bytesSource('x.xls', Uint8Array.of(0xd0, 0xcf, 0x11, 0xe0)))).rejects.toMatchObject({ code: 'unsupported_format' })
  })
})

describe('skip or keep the bad rows', () => {
  it('"skip" drops exactly the flagged rows of every column type; "keep" keeps them', async () => {
    const csv = 'id,n,d,b,c,tags\nc1,1,2024-01-01,是,x,a|b\nc2,oops,2024-01-02,否,y,c\nc3,3,bad,是,x,\nc4,4,2024-01-04,?,z,a\nc5,5,2024-01-05,否,w,d|a\n'
    const { prepared } = await importBytes('s.csv', utf8(csv), {
      header: ['id', 'n', 'd', 'b', 'c', 'tags'], idField: 'id',
      fields: [{ name: 'id', type: 'text' }, { name: 'n', type: 'number' }, { name: 'd', type: 'date', dateFormat: 'date' },
        { name: 'b', type: 'boolean' }, { name: 'c', type: 'category' }, { name: 'tags', type: 'list' }],
    })
    const all = rowsOf(prepared.table)
    expect(Array.from(prepared.badRows)).toEqual([0, 1, 1, 1, 0])
    const kept = rowsOf(dropRows(prepared.table, prepared.badRows))
    expect(kept).toEqual([all[0], all[4]])
    expect(kept).toEqual([
      { id: 'c1', n: 1, d: '2024-01-01', b: true, c: 'x', tags: ['a', 'b'] },
      { id: 'c5', n: 5, d: '2024-01-05', b: false, c: 'w', tags: ['d', 'a'] },
    ])
  })
})
