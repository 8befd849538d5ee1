import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { rowAt } from '../../../src/core/engine/columns'
import type { ColumnarTable, Row } from '../../../src/core/engine/columns'
import { linkEvents } from '../../../src/core/io/linkEvents'
import { INFER_ROWS, readDataFile } from '../../../src/core/io/readDataFile'
import type { DataFile, DataFileOptions, ReadDataFileResult } from '../../../src/core/io/readDataFile'
import { FIXTURES, fixtureCustomers, fixtureOrders, withOrderFields } from '../../cli/reference'
import { errorsOf, okOf } from './results'

const bytesOf = (name: string): Uint8Array => readFileSync(join(FIXTURES, name))
const rowsOf = (t: ColumnarTable): Row[] => Array.from({ length: t.rowCount }, (_, i) => rowAt(t, i))
const typesOf = (d: DataFile): string[] => d.table.fields.map((f) => `${f.name}:${f.type}`)

const dataOf = (r: ReadDataFileResult): DataFile => okOf(r).data

const customers = (opts: DataFileOptions = {}): Promise<ReadDataFileResult> => readDataFile(bytesOf('customers.csv'), 'customers.csv', opts)
const AS_OF = Date.UTC(2026, 5, 30)

describe('readDataFile: a customer CSV the app did not write', () => {
  it('infers the types the import dialog shows and suggests the id', async () => {
    const d = dataOf(await customers())
    expect(d).toMatchObject({ fileName: 'customers.csv', format: 'csv', encoding: 'utf-8', kind: 'customers', idField: '会员编号' })
    // 年龄 holds one "abc" in 28 values: under the 98% bar, so text until the user says number.
    expect(typesOf(d)).toEqual(['会员编号:text', '性别:category', '年龄:text', '城市:category', '等级:category', '注册日期:date', '邮编:number', '标签:list'])
    expect(d.issues).toEqual([])
  })

  it('applies type overrides by field name or header text, reporting values that do not fit', async () => {
    const d = dataOf(await customers({ types: [['年龄', 'number'], ['邮编', 'text']] }))
    expect(typesOf(d)).toContain('年龄:number')
    expect(typesOf(d)).toContain('邮编:text')
    expect(d.issues).toEqual([expect.objectContaining({ file: 'customers.csv', row: 5, field: '年龄', code: 'not_a_number' })])
    const expected = fixtureCustomers().map((r) => ({ ...r, 邮编: String(r['邮编']) }))
    expect(rowsOf(d.table)).toEqual(expected)
  })

  it('refuses unknown columns and type names, naming each', async () => {
    const errors = errorsOf(await customers({ types: [['工资', 'number'], ['年龄', 'integer']], idField: 'nope' }))
    expect(errors.map((e) => [e.code, e.field])).toEqual([['unknown_column', '工资'], ['bad_type', '年龄'], ['unknown_column', 'nope']])
    expect(errors[0].reason).toContain('columns: 会员编号, 性别, 年龄')
    expect(errors[1].reason).toContain('use one of number, text, category, boolean, date, list')
  })

  it('takes the id column the user names; repeated ids are reported, not fatal', async () => {
    const d = dataOf(await customers({ idField: '城市' }))
    expect(d.idField).toBe('城市')
    const cities = new Set(fixtureCustomers().map((r) => r['城市']))
    expect(d.issues.filter((i) => i.code === 'duplicate_id')).toHaveLength(30 - cities.size)
  })

  it('uses the given as-of date, else the start of today (UTC)', async () => {
    expect(dataOf(await customers({ asOf: AS_OF })).asOf).toBe(AS_OF)
    expect(dataOf(await customers({ now: Date.UTC(2026, 2, 4, 15, 30) })).asOf).toBe(Date.UTC(2026, 2, 4))
  })
})

describe('readDataFile: event tables and linking', () => {
  it('finds the link, date and amount columns of orders.csv, preferring the customers\' id name', async () => {
    const d = dataOf(await readDataFile(bytesOf('orders.csv'), 'orders.csv', { kind: 'events', events: { parentIdField: '会员编号' } }))
    expect(d.events).toEqual({ customerIdField: '会员编号', dateField: '下单日期', amountField: '金额' })
    expect(d.idField).toBe('会员编号')
  })

  it('refuses event columns that are missing or of the wrong type', async () => {
    const wrong = errorsOf(await readDataFile(bytesOf('orders.csv'), 'orders.csv', { kind: 'events', events: { dateField: '金额', amountField: 'price' } }))
    expect(wrong.map((e) => [e.code, e.field])).toEqual([['wrong_type', '金额'], ['unknown_column', 'price']])
    const noDate = errorsOf(await readDataFile('customer_id,amount\nC1,3\n', 'o.csv', { kind: 'events' }))
    expect(noDate).toEqual([expect.objectContaining({ file: 'o.csv', code: 'no_column', reason: 'no date column found (needs a date column)' })])
  })

  it('derives the order fields onto the customers as a plain loop does, reporting unmatched events', async () => {
    const c = dataOf(await customers({ types: [['年龄', 'number']], asOf: AS_OF }))
    const o = dataOf(await readDataFile(bytesOf('orders.csv'), 'orders.csv', { kind: 'events', events: { parentIdField: c.idField } }))
    const linked = linkEvents({ table: c.table, idField: c.idField, asOf: AS_OF, name: 'customers.csv' }, { table: o.table, fileName: 'orders.csv', events: o.events! })
    const cols = { customerId: '会员编号', orderCustomerId: '会员编号', date: '下单日期', amount: '金额' }
    expect(rowsOf(linked.table)).toEqual(withOrderFields(fixtureCustomers(), fixtureOrders(), cols, AS_OF))
    const known = new Set(fixtureCustomers().map((r) => r['会员编号']))
    const unmatched = fixtureOrders().filter((r) => !known.has(r['会员编号'])).length
    expect(unmatched).toBeGreaterThan(0)
    expect(linked.issues).toEqual([expect.objectContaining({ file: 'orders.csv', code: 'unmatched_events', params: { count: unmatched } })])
  })
})

describe('readDataFile: encodings, formats and the inference sample', () => {
  it('reads GB18030 (what Chinese Excel writes) and UTF-16 with a BOM', async () => {
    const gbk = Uint8Array.from([177, 224, 186, 197, 44, 179, 199, 202, 208, 10, 65, 49, 44, 201, 207, 186, 163, 10]) // "编号,城市\nA1,上海\n"
    const d = dataOf(await readDataFile(gbk, 'gbk.csv'))
    expect(d.encoding).toBe('gb18030')
    expect(rowsOf(d.table)).toEqual([{ 编号: 'A1', 城市: '上海' }])
    const text = '编号\t城市\r\nB2\t北京\r\n'
    const utf16 = Uint8Array.from([0xff, 0xfe, ...[...text].flatMap((ch) => [ch.charCodeAt(0) & 0xff, ch.charCodeAt(0) >> 8])])
    const u = dataOf(await readDataFile(utf16, 'u16.tsv'))
    expect(u.encoding).toBe('utf-16le')
    expect(rowsOf(u.table)).toEqual([{ 编号: 'B2', 城市: '北京' }])
  })

  it('refuses a zip that is no workbook and an old .xls with a clear reason; reads JSON', async () => {
    const zip = Uint8Array.from([0x50, 0x4b, 0x03, 0x04, 0, 0, 0, 0])
    expect(errorsOf(await readDataFile(zip, 'customers.csv'))[0]).toMatchObject({ file: 'customers.csv', code: 'bad_xlsx' })
    expect(errorsOf(await readDataFile('a,b\n1,2\n', 'c.xls'))[0].reason).toContain('save the sheet as .xlsx or CSV')
    expect(rowsOf(dataOf(await readDataFile('[{"a":1}]', 'c.json')).table)).toEqual([{ a: 1 }])
  })

  it('refuses a file without a header row', async () => {
    expect(errorsOf(await readDataFile('', 'empty.csv'))).toEqual([expect.objectContaining({ file: 'empty.csv', code: 'empty_file' })])
  })

  it(`infers types from the first ${INFER_ROWS} rows, as the import dialog does, and reports later misfits`, async () => {
    const lines = ['id,score']
    for (let i = 1; i <= INFER_ROWS + 500; i++) lines.push(`c${i},${i <= INFER_ROWS ? i : 'n/a?'}`)
    const d = dataOf(await readDataFile(lines.join('\n'), 'scores.csv'))
    expect(typesOf(d)).toEqual(['id:text', 'score:number'])
    const misfits = d.issues.filter((i) => i.code === 'not_a_number' || i.code === 'more_issues')
    expect(misfits[0]).toMatchObject({ row: INFER_ROWS + 1, field: 'score' })
    expect(rowsOf(d.table)[INFER_ROWS]).toEqual({ id: `c${INFER_ROWS + 1}`, score: null })
  })

  it('follows a reviewed mapping (null skips a column) and refuses one that does not fit the header', async () => {
    const d = dataOf(await readDataFile('id,secret,n\na,x,1\n', 'm.csv', { fields: [{ name: 'id', type: 'text' }, null, { name: 'n', type: 'text' }] }))
    expect(rowsOf(d.table)).toEqual([{ id: 'a', n: '1' }])
    expect(errorsOf(await readDataFile('id,n\na,1\n', 'm.csv', { fields: [{ name: 'id', type: 'text' }] }))[0].code).toBe('field_count')
  })
})
