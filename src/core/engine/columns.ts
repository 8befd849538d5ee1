import type { FieldMeta } from '../fields/types'

/**
 * Columnar representation of one table (DESIGN.md "Data at scale").
 * Missing values: NaN for number/date, 255 for boolean, -1 code for text/category,
 * a set bit in `missing` for list.
 */
export type Column =
  | { type: 'number'; values: Float64Array }
  /** Epoch milliseconds, UTC. Date-only values are at 00:00:00 UTC. */
  | { type: 'date'; values: Float64Array; dateFormat: 'date' | 'datetime' }
  | { type: 'boolean'; values: Uint8Array }
  | { type: 'text' | 'category'; codes: Int32Array; dict: string[] }
  | { type: 'list'; offsets: Int32Array; codes: Int32Array; dict: string[]; missing: Uint8Array }

export const BOOL_MISSING = 255

export interface ColumnarTable {
  rowCount: number
  fields: FieldMeta[]
  columns: Record<string, Column>
}

/** The value of a row as json-logic-js sees it: missing is `null`; dates are ISO strings. */
export type RowValue = number | string | boolean | string[] | null
export type Row = Record<string, RowValue>

const DAY = 86_400_000

/** Formats epoch ms (UTC) as `YYYY-MM-DD` or `YYYY-MM-DDTHH:mm:ss`. */
export function formatDate(ms: number, format: 'date' | 'datetime' = 'date'): string {
  const iso = new Date(ms).toISOString()
  return format === 'date' ? iso.slice(0, 10) : iso.slice(0, 19)
}

/** Parses `YYYY-MM-DD` or `YYYY-MM-DDTHH:mm[:ss]` as UTC epoch ms; NaN when it is not such a string. */
export function parseIsoDate(s: string): number {
  const m = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2}))?)?$/.exec(s)
  if (!m) return NaN
  const ms = Date.UTC(+m[1], +m[2] - 1, +m[3], m[4] ? +m[4] : 0, m[5] ? +m[5] : 0, m[6] ? +m[6] : 0)
  const d = new Date(ms)
  if (d.getUTCFullYear() !== +m[1] || d.getUTCMonth() !== +m[2] - 1 || d.getUTCDate() !== +m[3]) return NaN
  return ms
}

/** Whole days from `fromMs` to `toMs` (UTC calendar days). */
export function daysBetween(fromMs: number, toMs: number): number {
  return Math.floor(toMs / DAY) - Math.floor(fromMs / DAY)
}

/** The value of one cell, in the row form json-logic-js evaluates. */
export function cellValue(col: Column, i: number): RowValue {
  switch (col.type) {
    case 'number': {
      const v = col.values[i]
      return Number.isNaN(v) ? null : v
    }
    case 'date': {
      const v = col.values[i]
      return Number.isNaN(v) ? null : formatDate(v, col.dateFormat)
    }
    case 'boolean': {
      const v = col.values[i]
      return v === BOOL_MISSING ? null : v === 1
    }
    case 'text':
    case 'category': {
      const c = col.codes[i]
      return c < 0 ? null : col.dict[c]
    }
    case 'list': {
      if (col.missing[i]) return null
      const out: string[] = []
      for (let k = col.offsets[i]; k < col.offsets[i + 1]; k++) out.push(col.dict[col.codes[k]])
      return out
    }
  }
}

/** Materialises row `i` as a plain object (own properties only, null prototype avoided for json-logic-js). */
export function rowAt(table: ColumnarTable, i: number): Row {
  const row: Row = {}
  for (const f of table.fields) {
    const col = table.columns[f.name]
    if (col) row[f.name] = cellValue(col, i)
  }
  return row
}
