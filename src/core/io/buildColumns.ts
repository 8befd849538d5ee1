import { idKeyAt } from '../derive/idIndex'
import type { Column, ColumnarTable, Row, RowValue } from '../engine/columns'
import { parseValue } from '../fields/parseValue'
import type { ParsedValue } from '../fields/parseValue'
import type { FieldMeta } from '../fields/types'
import { makeColumnBuilder } from './buildColumnsBuilders'
import type { ColumnBuilder } from './buildColumnsBuilders'
import { IssueCollector } from './csvIssues'
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
}

export interface BuildColumnsResult {
  table: ColumnarTable
  issues: ImportIssue[]
}

const shorten = (s: string): string => (s.length > 50 ? `${s.slice(0, 47)}…` : s)

/**
 * Converts CSV rows to typed columns. `fields` is positional: `fields[i]` describes cell `i` of every
 * row; `null` skips that column. Cells beyond a short row are missing.
 *
 * A cell that does not parse becomes missing AND is reported with file, row, field, value and reason;
 * it is never turned into 0. With `idField`, empty and duplicate ids are reported too.
 */
export function buildColumns(
  fields: readonly (FieldMeta | null)[],
  rows: Iterable<readonly string[]>,
  opts: BuildColumnsOptions,
): BuildColumnsResult {
  const firstRow = opts.firstRow ?? 1
  const issues = new IssueCollector(opts.fileName, opts.maxIssuesPerKind)
  const active = fields.flatMap((f, i) => (f ? [{ f, i }] : []))
  const capacity = Array.isArray(rows) ? rows.length : 1024
  const builders = active.map(({ f }) => makeColumnBuilder(f, capacity))
  let rowCount = 0
  for (const row of rows) {
    for (let k = 0; k < active.length; k++) {
      const { f, i } = active[k]
      const raw = row[i] ?? ''
      const res = parseValue(raw, f)
      if (res.ok) {
        builders[k].push(res.value)
        continue
      }
      builders[k].push(null)
      issues.add(`${res.code}:${f.name}`, {
        row: firstRow + rowCount,
        field: f.name,
        code: res.code,
        reason: `"${shorten(raw.trim())}" is ${res.reason}; kept as missing`,
        params: { value: shorten(raw.trim()) },
      })
    }
    rowCount++
  }
  const table = finishTable(active.map((a) => a.f), builders, rowCount)
  if (opts.idField !== undefined) checkIds(table, opts.idField, firstRow, issues)
  return { table, issues: issues.finish() }
}

function finishTable(fields: FieldMeta[], builders: ColumnBuilder[], rowCount: number): ColumnarTable {
  const columns: Record<string, Column> = {}
  fields.forEach((f, k) => {
    columns[f.name] = builders[k].finish()
  })
  return { rowCount, fields: fields.map((f) => ({ ...f })), columns }
}

/** Reports missing and repeated ids (the first occurrence is the one that counts). */
function checkIds(table: ColumnarTable, idField: string, firstRow: number, issues: IssueCollector): void {
  const col = table.columns[idField]
  if (!col) {
    issues.add('unknown_id_field', {
      field: idField,
      code: 'unknown_id_field',
      reason: `the id field "${idField}" is not among the imported columns`,
    })
    return
  }
  const firstSeen = new Map<string, number>()
  for (let i = 0; i < table.rowCount; i++) {
    const key = idKeyAt(col, i)
    const row = firstRow + i
    if (key === null) {
      issues.add('empty_id', { row, field: idField, code: 'empty_id', reason: 'the id is empty' })
      continue
    }
    const first = firstSeen.get(key)
    if (first === undefined) firstSeen.set(key, row)
    else {
      issues.add('duplicate_id', {
        row,
        field: idField,
        code: 'duplicate_id',
        reason: `id "${shorten(key)}" already used in row ${first}`,
        params: { value: shorten(key), first },
      })
    }
  }
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
