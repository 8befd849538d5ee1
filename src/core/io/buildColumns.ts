import type { Column, ColumnarTable, Row, RowValue } from '../engine/columns'
import { parseValue } from '../fields/parseValue'
import type { Cell, ParsedValue, ParseOptions } from '../fields/parseValue'
import type { FieldMeta } from '../fields/types'
import { makeColumnBuilder } from './buildColumnsBuilders'
import type { ColumnBuilder } from './buildColumnsBuilders'
import { TableBuilder } from './tableBuilder'
import type { ImportIssue } from './types'

export { sliceTable, concatTables } from './buildColumnsTables'
export { columnsToChunks, chunksToColumn, DEFAULT_CHUNK_SIZE } from './buildColumnsChunks'
export type { ColumnChunk, ColumnChunks, ChunkedColumnMeta } from './buildColumnsChunks'

export interface BuildColumnsOptions {
  /** Named in every issue. */
  fileName: string
  /** Customer tables: the id column, checked for empty and duplicate values. */
  idField?: string
  /** 1-based number of the first row passed, when a file is converted in several batches. */
  firstRow?: number
  /** Cap on listed issues of one kind (see IssueCollector). */
  maxIssuesPerKind?: number
  /** How the cells of a field are read, by field name (e.g. a list's separator). */
  parse?: Readonly<Record<string, ParseOptions>>
}

export interface BuildColumnsResult {
  table: ColumnarTable
  issues: ImportIssue[]
}

/**
 * Converts CSV rows to typed columns. `fields` is positional: `fields[i]` describes cell `i` of every
 * row; `null` skips that column. Cells beyond a short row are missing.
 *
 * A cell that does not parse becomes missing AND is reported with file, row, field, value and reason;
 * it is never turned into 0. With `idField`, empty and duplicate ids are reported too.
 * (TableBuilder does the work; this is its all-rows-at-once form.)
 */
export function buildColumns(
  fields: readonly (FieldMeta | null)[],
  rows: Iterable<readonly Cell[]>,
  opts: BuildColumnsOptions,
): BuildColumnsResult {
  const capacity = Array.isArray(rows) ? rows.length : 1024
  const builder = new TableBuilder(fields, { ...opts, capacity })
  for (const row of rows) builder.add(row)
  const { table, tally } = builder.finish()
  return { table, issues: tally.finish() }
}

function finishTable(fields: FieldMeta[], builders: ColumnBuilder[], rowCount: number): ColumnarTable {
  const columns: Record<string, Column> = {}
  fields.forEach((f, k) => {
    columns[f.name] = builders[k].finish()
  })
  return { rowCount, fields: fields.map((f) => ({ ...f })), columns }
}

/**
 * Builds a table from row objects with typed values (the `Row` form of engine/columns.ts: dates as
 * ISO strings or epoch ms, lists as string arrays, `null`/absent = missing). Strings in number, date,
 * boolean and list fields are parsed as CSV cells are. Throws on a value that does not fit its field,
 * naming the row and field: this is for programmatic data, where a mismatch is a bug.
 */
export function tableFromRows(fields: readonly FieldMeta[], rows: readonly Row[]): ColumnarTable {
  const builders = fields.map((f) => makeColumnBuilder(f, rows.length))
  rows.forEach((row, r) => {
    fields.forEach((f, k) => {
      const v = Object.prototype.hasOwnProperty.call(row, f.name) ? row[f.name] : null
      builders[k].push(toParsed(v, f, r))
    })
  })
  return finishTable([...fields], builders, rows.length)
}

function toParsed(v: RowValue | undefined, f: FieldMeta, r: number): ParsedValue {
  if (v === null || v === undefined) return null
  const fail = (why: string): never => {
    throw new TypeError(`row ${r + 1}, field "${f.name}": ${why} (${JSON.stringify(v)})`)
  }
  if (typeof v === 'string') {
    if ((f.type === 'text' || f.type === 'category')) return v
    const res = parseValue(v, f)
    return res.ok ? res.value : fail(res.reason)
  }
  switch (f.type) {
    case 'number':
    case 'date':
      return typeof v === 'number' ? (Number.isNaN(v) ? null : v) : fail(`expected a ${f.type}`)
    case 'boolean':
      return typeof v === 'boolean' ? v : fail('expected a boolean')
    case 'text':
    case 'category':
      return typeof v === 'number' || typeof v === 'boolean' ? String(v) : fail('expected a string')
    case 'list':
      return Array.isArray(v) && v.every((x) => typeof x === 'string') ? [...new Set(v)] : fail('expected a string list')
  }
}
