import type { Bitset } from './bitset'
import { sumPresent } from './measure'
import { cellValue, rowAt, type Column, type ColumnarTable, type Row, type RowValue } from './columns'

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
