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

const pad2 = (n: number): string => (n < 10 ? `0${n}` : `${n}`)
/** Epoch ms of 0000-01-01 and 10000-01-01 (UTC): the years `toISOString` writes with four digits. */
const YEAR_0_MS = -62_167_219_200_000
const YEAR_10000_MS = 253_402_300_800_000

/**
 * Formats epoch ms (UTC) as `YYYY-MM-DD` or `YYYY-MM-DDTHH:mm:ss`, exactly as `toISOString` does.
 * Rows are materialised for every page and every fallback evaluation, and `new Date().toISOString()`
 * dominated that cost; this is integer arithmetic (days → civil date, H. Hinnant's algorithm).
 * Years outside 0000–9999 (which ISO writes with a sign) still go through `toISOString`.
 */
export function formatDate(time: number, format: 'date' | 'datetime' = 'date'): string {
  const ms = Math.trunc(time) + 0 // a Date's time value is truncated toward zero (TimeClip); + 0 turns -0 into 0
  if (!(ms >= YEAR_0_MS && ms < YEAR_10000_MS)) {
    const iso = new Date(ms).toISOString()
    return format === 'date' ? iso.slice(0, iso.indexOf('T')) : iso.slice(0, iso.indexOf('.'))
  }
  const days = Math.floor(ms / DAY)
  const z = days + 719_468
  const era = Math.floor(z / 146_097)
  const doe = z - era * 146_097
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36_524) - Math.floor(doe / 146_096)) / 365)
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100))
  const mp = Math.floor((5 * doy + 2) / 153)
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1
  const m = mp < 10 ? mp + 3 : mp - 9
  const y = yoe + era * 400 + (m <= 2 ? 1 : 0)
  const date = `${String(y).padStart(4, '0')}-${pad2(m)}-${pad2(d)}`
  if (format === 'date') return date
  const secs = Math.floor((ms - days * DAY) / 1000)
  return `${date}T${pad2(Math.floor(secs / 3600))}:${pad2(Math.floor(secs / 60) % 60)}:${pad2(secs % 60)}`
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
