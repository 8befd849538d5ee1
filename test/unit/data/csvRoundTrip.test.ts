import Papa from 'papaparse'
import { describe, expect, it } from 'vitest'
import { generateDemo } from '../../../src/core/demo/generateDemo'
import { rowAt } from '../../../src/core/engine/columns'
import type { ColumnarTable, Row, RowValue } from '../../../src/core/engine/columns'
import { inferFieldTypes, suggestIdField } from '../../../src/core/fields/inferFieldType'
import { buildColumns, sliceTable } from '../../../src/core/io/buildColumns'
import { parseCsvText } from '../../../src/core/io/parseCsv'

const rowsOf = (t: ColumnarTable): Row[] => Array.from({ length: t.rowCount }, (_, i) => rowAt(t, i))
const cell = (v: RowValue): string => (v === null ? '' : Array.isArray(v) ? v.join('|') : String(v))

/** Writes a table as a CSV file the way a user's export would look (BOM, CRLF). */
function toCsv(t: ColumnarTable): string {
  const header = t.fields.map((f) => f.name)
  const body = rowsOf(t).map((r) => header.map((h) => cell(r[h])))
  return '\uFEFF' + Papa.unparse([header, ...body], { newline: '\r\n' })
}

describe('demo → CSV → parse → infer → build', () => {
  const demo = generateDemo()

  it.each([
    ['customers', demo.customers.table],
    ['orders (first 5,000)', sliceTable(demo.orders.table, 0, 5000)],
  ])('recovers the %s types, id and values', (_name, table) => {
    const parsed = parseCsvText(toCsv(table), { fileName: 'demo.csv' })
    expect(parsed.issues).toEqual([])
    const fields = inferFieldTypes(parsed.header, parsed.rows)
    expect(fields).toEqual(table.fields)
    const idField = suggestIdField(parsed.header, parsed.rows, fields)
    expect(idField).toBe(table.fields[0].name)
    const built = buildColumns(fields, parsed.rows, { fileName: 'demo.csv', idField: idField ?? undefined })
    expect(built.issues).toEqual([])
    expect(rowsOf(built.table)).toEqual(rowsOf(table))
  })
})
