import type { Column, ColumnarTable } from '../engine/columns'
import { Dictionary } from './buildColumnsBuilders'

/** Rows `[start, end)` of one column. Dictionaries are shared with the source, not copied or pruned. */
export function sliceColumn(col: Column, start: number, end: number): Column {
  switch (col.type) {
    case 'number':
      return { type: 'number', values: col.values.slice(start, end) }
    case 'date':
      return { type: 'date', values: col.values.slice(start, end), dateFormat: col.dateFormat }
    case 'boolean':
      return { type: 'boolean', values: col.values.slice(start, end) }
    case 'text':
    case 'category':
      return { type: col.type, codes: col.codes.slice(start, end), dict: col.dict }
    case 'list': {
      const base = col.offsets[start]
      const offsets = col.offsets.slice(start, end + 1)
      for (let k = 0; k < offsets.length; k++) offsets[k] -= base
      return {
        type: 'list',
        offsets,
        codes: col.codes.slice(base, col.offsets[end]),
        dict: col.dict,
        missing: col.missing.slice(start, end),
      }
    }
  }
}

/** Rows `[start, end)` of a table (clamped to its size), with the same fields. */
export function sliceTable(table: ColumnarTable, start: number, end = table.rowCount): ColumnarTable {
  const s = Math.max(0, Math.min(start, table.rowCount))
  const e = Math.max(s, Math.min(end, table.rowCount))
  const columns: Record<string, Column> = {}
  for (const [name, col] of Object.entries(table.columns)) columns[name] = sliceColumn(col, s, e)
  return { rowCount: e - s, fields: table.fields.map((f) => ({ ...f })), columns }
}

/**
 * Appends tables with the same fields (those of the first table; each must have their columns, of the
 * same type). Dictionaries are merged: codes are renumbered in order of first appearance across tables.
 */
export function concatTables(tables: readonly ColumnarTable[]): ColumnarTable {
  if (tables.length === 0) return { rowCount: 0, fields: [], columns: {} }
  const fields = tables[0].fields.map((f) => ({ ...f }))
  const columns: Record<string, Column> = {}
  for (const f of fields) {
    const parts = tables.map((t) => {
      const c = t.columns[f.name]
      if (!c || c.type !== tables[0].columns[f.name]?.type) {
        throw new TypeError(`concatTables: column "${f.name}" is missing or has another type in one table`)
      }
      return c
    })
    columns[f.name] = concatColumns(parts)
  }
  return { rowCount: tables.reduce((n, t) => n + t.rowCount, 0), fields, columns }
}

/** Concatenates typed arrays of one kind into a new array made by `make`. */
export function concatArrays<T extends Float64Array | Int32Array | Uint8Array>(parts: T[], make: (n: number) => T): T {
  const out = make(parts.reduce((n, p) => n + p.length, 0))
  let at = 0
  for (const p of parts) {
    out.set(p, at)
    at += p.length
  }
  return out
}

function concatColumns(parts: Column[]): Column {
  const first = parts[0]
  switch (first.type) {
    case 'number':
    case 'date': {
      const values = concatArrays(parts.map((p) => (p as typeof first).values), (n) => new Float64Array(n))
      return first.type === 'date' ? { ...first, values } : { type: 'number', values }
    }
    case 'boolean':
      return { type: 'boolean', values: concatArrays(parts.map((p) => (p as typeof first).values), (n) => new Uint8Array(n)) }
    case 'text':
    case 'category':
      return concatText(first.type, parts as (typeof first)[])
    case 'list':
      return concatList(parts as (typeof first)[])
  }
}

type TextColumn = Extract<Column, { type: 'text' | 'category' }>
type ListColumn = Extract<Column, { type: 'list' }>

function remapCodes(codes: Int32Array, dict: string[], into: Dictionary): Int32Array {
  const map = Int32Array.from(dict, (s) => into.code(s))
  return codes.map((c) => (c < 0 ? -1 : map[c]))
}

function concatText(type: 'text' | 'category', parts: TextColumn[]): Column {
  const dict = new Dictionary()
  const codes = concatArrays(parts.map((p) => remapCodes(p.codes, p.dict, dict)), (n) => new Int32Array(n))
  return { type, codes, dict: dict.values }
}

function concatList(parts: ListColumn[]): Column {
  const dict = new Dictionary()
  const used = parts.map((p) => p.codes.subarray(p.offsets[0], p.offsets[p.missing.length]))
  const codes = concatArrays(parts.map((p, k) => remapCodes(used[k], p.dict, dict)), (n) => new Int32Array(n))
  const rows = parts.reduce((n, p) => n + p.missing.length, 0)
  const offsets = new Int32Array(rows + 1)
  let row = 0
  let base = 0
  for (const p of parts) {
    for (let k = 1; k <= p.missing.length; k++) offsets[row + k] = base + p.offsets[k] - p.offsets[0]
    row += p.missing.length
    base += p.offsets[p.missing.length] - p.offsets[0]
  }
  const missing = concatArrays(parts.map((p) => p.missing), (n) => new Uint8Array(n))
  return { type: 'list', offsets, codes, dict: dict.values, missing }
}

/** Rows `i` with `keep[i] === 1`, gathered from one column; text dictionaries keep only the values still used. */
function gatherColumn(col: Column, rows: Int32Array): Column {
  switch (col.type) {
    case 'number':
    case 'date': {
      const values = Float64Array.from(rows, (i) => col.values[i])
      return col.type === 'date' ? { type: 'date', values, dateFormat: col.dateFormat } : { type: 'number', values }
    }
    case 'boolean':
      return { type: 'boolean', values: Uint8Array.from(rows, (i) => col.values[i]) }
    case 'text':
    case 'category': {
      const dict = new Dictionary()
      const codes = Int32Array.from(rows, (i) => (col.codes[i] < 0 ? -1 : dict.code(col.dict[col.codes[i]])))
      return { type: col.type, codes, dict: dict.values }
    }
    case 'list':
      return gatherList(col, rows)
  }
}

function gatherList(col: ListColumn, rows: Int32Array): Column {
  const dict = new Dictionary()
  const offsets = new Int32Array(rows.length + 1)
  let n = 0
  for (let k = 0; k < rows.length; k++) n += col.offsets[rows[k] + 1] - col.offsets[rows[k]]
  const codes = new Int32Array(n)
  let at = 0
  rows.forEach((i, k) => {
    for (let j = col.offsets[i]; j < col.offsets[i + 1]; j++) codes[at++] = dict.code(col.dict[col.codes[j]])
    offsets[k + 1] = at
  })
  return { type: 'list', offsets, codes, dict: dict.values, missing: Uint8Array.from(rows, (i) => col.missing[i]) }
}

/**
 * The rows of `table` whose `drop` flag is 0, in order. The table is consumed: each column is taken
 * out of it once its filtered copy exists, so a large import needs memory for its table plus one column,
 * not two tables.
 */
export function dropRows(table: ColumnarTable, drop: Uint8Array): ColumnarTable {
  let kept = 0
  for (let i = 0; i < table.rowCount; i++) if (!drop[i]) kept++
  const rows = new Int32Array(kept)
  for (let i = 0, k = 0; i < table.rowCount; i++) if (!drop[i]) rows[k++] = i
  const columns: Record<string, Column> = {}
  for (const name of Object.keys(table.columns)) {
    columns[name] = gatherColumn(table.columns[name], rows)
    delete table.columns[name]
  }
  return { rowCount: kept, fields: table.fields.map((f) => ({ ...f })), columns }
}
