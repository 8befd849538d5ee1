import type { Bitset } from './bitset'
import { sumPresent } from './measure'
import { cellValue, formatDate, rowAt, type Column, type ColumnarTable, type Row, type RowValue } from './columns'

const DAY_MS = 86_400_000

/* Read-only questions the worker asks about a selection of rows. */

/** Number of selected rows. */
export function countOf(bits: Bitset): number {
  return bits.count()
}

function columnOf(table: ColumnarTable, name: string): Column {
  if (!Object.hasOwn(table.columns, name)) throw new Error(`Unknown field "${name}"`)
  return table.columns[name]
}

/**
 * The first `n` selected rows in row order, in row form (missing → null, dates as ISO strings).
 * When `idField` is given it comes first in each row, as lists show the id first.
 */
export function sampleRows(table: ColumnarTable, bits: Bitset, n: number, idField?: string): Row[] {
  if (idField !== undefined) columnOf(table, idField)
  const out: Row[] = []
  if (n <= 0) return out
  bits.forEach((i) => {
    out.push(rowWithIdFirst(table, i, idField))
    return out.length < n
  })
  return out
}

/** Row `i` in row form, with `idField` (when given) as its first key, as lists show the id first. */
export function rowWithIdFirst(table: ColumnarTable, i: number, idField?: string): Row {
  const row = rowAt(table, i)
  return idField === undefined ? row : { [idField]: row[idField], ...row }
}

/** The id of every selected row, in row order (null where the id is missing). */
export function memberIds(table: ColumnarTable, bits: Bitset, idField: string): RowValue[] {
  const col = columnOf(table, idField)
  const out: RowValue[] = []
  bits.forEach((i) => {
    out.push(cellValue(col, i))
  })
  return out
}

/** Sum of a number field over the selected rows; missing values count as nothing (measure.ts). */
export function sumOf(table: ColumnarTable, bits: Bitset, measureField: string): number {
  return sumPresent(table, bits, measureField).sum
}

export interface ValueCount { value: string; count: number }

/**
 * The most frequent values of a category, text or list column (each tag counts once per row),
 * most frequent first, ties by value; at most `limit`. Other column types have no value list: [].
 * The rule builder offers these as choices, with their counts.
 */
export function topValues(table: ColumnarTable, field: string, limit: number): ValueCount[] {
  const col = columnOf(table, field)
  if (col.type !== 'category' && col.type !== 'text' && col.type !== 'list') return []
  const counts = new Float64Array(col.dict.length)
  if (col.type === 'list') {
    // A tag repeated within one row ("a|a") still counts that row once.
    const seenInRow = new Int32Array(col.dict.length).fill(-1)
    for (let i = 0; i < table.rowCount; i++) {
      for (let k = col.offsets[i]; k < col.offsets[i + 1]; k++) {
        const c = col.codes[k]
        if (seenInRow[c] !== i) {
          seenInRow[c] = i
          counts[c]++
        }
      }
    }
  } else {
    for (let i = 0; i < table.rowCount; i++) if (col.codes[i] >= 0) counts[col.codes[i]]++
  }
  const out: ValueCount[] = []
  for (let c = 0; c < counts.length; c++) if (counts[c] > 0) out.push({ value: col.dict[c], count: counts[c] })
  out.sort((a, b) => b.count - a.count || (a.value < b.value ? -1 : a.value > b.value ? 1 : 0))
  return out.slice(0, limit)
}

/** One bar of a histogram: values from `from` to `to` and how many rows hold one. */
export interface HistogramBin<V> { from: V; to: V; count: number }

/** Range and distribution of one column's present values. */
interface StatsOf<V> {
  /** Smallest and largest present value; null when every value is missing. */
  min: V | null
  max: V | null
  /** Rows with a value, rows without one. */
  present: number
  missing: number
  /** Equal-width bins from min to max, in order; [] when every value is missing. */
  histogram: HistogramBin<V>[]
}

/**
 * Stats of a number field (bins [from, to), the last one closed) or of a date field (ISO dates; bins
 * of whole days, `to` being the last day in the bin).
 */
export type FieldStats = ({ type: 'number' } & StatsOf<number>) | ({ type: 'date' } & StatsOf<string>)

/** The present values of a number or date column (dates as epoch days), and how many rows miss one. */
function presentValues(values: Float64Array, rowCount: number, asDays: boolean): { present: Float64Array; missing: number } {
  const present = new Float64Array(rowCount)
  let n = 0
  for (let i = 0; i < rowCount; i++) {
    const v = values[i]
    if (!Number.isNaN(v)) present[n++] = asDays ? Math.floor(v / DAY_MS) : v
  }
  return { present: present.subarray(0, n), missing: rowCount - n }
}

function rangeOf(values: Float64Array): { min: number; max: number } {
  let min = Infinity
  let max = -Infinity
  for (const v of values) {
    if (v < min) min = v
    if (v > max) max = v
  }
  return { min, max }
}

/** `bins` equal-width bins over [min, max]; edge k is min + (max − min)·k / bins, so bins meet exactly. */
function numberHistogram(values: Float64Array, min: number, max: number, bins: number): HistogramBin<number>[] {
  if (min === max) return [{ from: min, to: max, count: values.length }]
  // A span beyond the float range (±1e308) is worked out in halves. Either way edges grow with k.
  const finite = Number.isFinite(max - min)
  const halfStep = (max / 2 - min / 2) / bins
  const inner = (k: number): number => (finite ? min + ((max - min) * k) / bins : 2 * (min / 2 + halfStep * k))
  const edge = (k: number): number => (k === bins ? max : inner(k))
  const out = Array.from({ length: bins }, (_, k) => ({ from: edge(k), to: edge(k + 1), count: 0 }))
  for (const v of values) {
    let k = finite ? Math.min(bins - 1, Math.floor(((v - min) * bins) / (max - min))) : 0
    // Rounding may put a value beside its bin (tiny ranges give empty bins [x, x)): the edges decide.
    while (k > 0 && v < out[k].from) k--
    while (k < bins - 1 && v >= out[k].to) k++
    out[k].count++
  }
  return out
}

/** Bins of whole days over [min, max] (epoch days): at most `bins`, each `width` days, the last one possibly shorter. */
function dayHistogram(days: Float64Array, min: number, max: number, bins: number): HistogramBin<string>[] {
  const span = max - min + 1
  const width = Math.ceil(span / Math.min(bins, span))
  const counts = new Array<number>(Math.ceil(span / width)).fill(0)
  for (const d of days) counts[Math.floor((d - min) / width)]++
  const iso = (day: number): string => formatDate(day * DAY_MS)
  return counts.map((count, k) => ({ from: iso(min + k * width), to: iso(Math.min(max, min + (k + 1) * width - 1)), count }))
}

/**
 * Min, max, present/missing counts and a histogram of at most `bins` (≥ 1) equal-width bins of a
 * number or date field, over all rows; null for other field types. The rule builder's value editors
 * show them beside the inputs.
 */
export function fieldStats(table: ColumnarTable, field: string, bins: number): FieldStats | null {
  const col = columnOf(table, field)
  if (col.type !== 'number' && col.type !== 'date') return null
  const nBins = Math.max(1, Math.floor(bins))
  const { present, missing } = presentValues(col.values, table.rowCount, col.type === 'date')
  const counts = { present: present.length, missing }
  if (present.length === 0) return { type: col.type, min: null, max: null, ...counts, histogram: [] }
  const { min, max } = rangeOf(present)
  if (col.type === 'number') return { type: 'number', min, max, ...counts, histogram: numberHistogram(present, min, max, nBins) }
  const histogram = dayHistogram(present, min, max, nBins)
  return { type: 'date', min: formatDate(min * DAY_MS), max: formatDate(max * DAY_MS), ...counts, histogram }
}
