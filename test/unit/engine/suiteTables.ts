import { formatDate, type ColumnarTable } from '../../../src/core/engine/columns'
import type { FieldMeta, FieldType } from '../../../src/core/fields/types'
import { makeTable, type Cell } from './helpers'

/*
 * Tables for the data-driven suite (test/fixtures/engine-suite): a case's `data` object is one row.
 * A value can live in several column types with the same row form — a string in a text, a
 * category or (when it is an ISO date or datetime) a date column; null in any column — and each
 * type takes another path through the engine, so the runner tries each.
 */

/** A column type, with the date format for dates. */
export type ColumnKind = Exclude<FieldType, 'date'> | 'date' | 'datetime'

const ALL_KINDS: ColumnKind[] = ['number', 'text', 'category', 'boolean', 'date', 'datetime', 'list']

/** 'YYYY-MM-DD' or 'YYYY-MM-DDTHH:mm:ss' read back exactly, years 0000–9999 (0099 too, unlike parseIsoDate). */
function isoMs(s: string, format: 'date' | 'datetime'): number {
  const shape = format === 'date' ? /^\d{4}-\d{2}-\d{2}$/ : /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}$/
  if (!shape.test(s)) return NaN
  const ms = Date.parse(format === 'date' ? `${s}T00:00:00Z` : `${s}Z`)
  return Number.isNaN(ms) || formatDate(ms, format) !== s ? NaN : ms
}

/** The column kinds that hold `value` with exactly this row form; empty when none does. */
export function kindsFor(value: unknown): ColumnKind[] {
  if (value === null) return ALL_KINDS
  if (typeof value === 'number') return ['number']
  if (typeof value === 'boolean') return ['boolean']
  if (typeof value === 'string') {
    const dates = (['date', 'datetime'] as const).filter((f) => !Number.isNaN(isoMs(value, f)))
    return ['text', 'category', ...dates]
  }
  if (Array.isArray(value) && value.every((v) => typeof v === 'string')) return ['list']
  return []
}

/** Table rows of `data` objects with the given column kinds per field. */
export function suiteTable(rows: Array<Record<string, unknown>>, kinds: Record<string, ColumnKind>): ColumnarTable {
  const fields: FieldMeta[] = Object.entries(kinds).map(([name, kind]) => (kind === 'date' || kind === 'datetime'
    ? { name, type: 'date', dateFormat: kind }
    : { name, type: kind }))
  const table = makeTable(fields, rows.map((r) => r as Record<string, Cell>))
  // makeTable parses dates with parseIsoDate, which refuses years before 100: write them directly.
  for (const f of fields) {
    if (f.type !== 'date') continue
    const format = f.dateFormat ?? 'date'
    table.columns[f.name] = { type: 'date', dateFormat: format, values: Float64Array.from(rows, (r) => (r[f.name] === null ? NaN : isoMs(r[f.name] as string, format))) }
  }
  return table
}

/**
 * The column kinds of each field that every row can hold, or null when some field has none in
 * common. Variant `k` picks the k-th possible kind of each field (cycling), so that trying
 * variants 0 … maxVariants − 1 gives every field each of its kinds at least once.
 */
export function commonKinds(rows: Array<Record<string, unknown>>): Record<string, ColumnKind[]> | null {
  const out: Record<string, ColumnKind[]> = {}
  for (const name of Object.keys(rows[0] ?? {})) {
    let kinds = kindsFor(rows[0][name])
    for (const r of rows) kinds = kinds.filter((k) => kindsFor(r[name]).includes(k))
    if (kinds.length === 0) return null
    out[name] = kinds
  }
  return out
}

/** The kinds of variant `k`. */
export function variant(kinds: Record<string, ColumnKind[]>, k: number): Record<string, ColumnKind> {
  return Object.fromEntries(Object.entries(kinds).map(([name, ks]) => [name, ks[k % ks.length]]))
}

/** How many variants give every field each of its kinds. */
export function variantCount(kinds: Record<string, ColumnKind[]>): number {
  return Math.max(1, ...Object.values(kinds).map((ks) => ks.length))
}
