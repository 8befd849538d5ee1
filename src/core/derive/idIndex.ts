import { cellValue } from '../engine/columns'
import type { Column } from '../engine/columns'

/**
 * The id of row `i` as a string key, or `null` when missing. Numbers print in JavaScript's shortest form,
 * so a numeric id column (1001) matches a text id column ("1001") of another table.
 */
export function idKeyAt(col: Column, i: number): string | null {
  const v = cellValue(col, i)
  if (v === null) return null
  return Array.isArray(v) ? v.join('|') : String(v)
}

/**
 * Maps every row of `col` to the key index of its id, computing each distinct key once:
 * dictionary columns look up their dictionary (not every row), others key row by row.
 * `lookup(key)` returns the target index for a key or -1; missing ids map to -1.
 */
export function mapIdsToIndex(col: Column, rowCount: number, lookup: (key: string) => number): Int32Array {
  const out = new Int32Array(rowCount)
  if (col.type === 'text' || col.type === 'category') {
    const byCode = Int32Array.from(col.dict, (s) => lookup(s))
    for (let i = 0; i < rowCount; i++) {
      const c = col.codes[i]
      out[i] = c < 0 ? -1 : byCode[c]
    }
    return out
  }
  for (let i = 0; i < rowCount; i++) {
    const key = idKeyAt(col, i)
    out[i] = key === null ? -1 : lookup(key)
  }
  return out
}

/** Row index of the first occurrence of each id of a customer table's id column. */
export function buildIdIndex(col: Column, rowCount: number): Map<string, number> {
  const index = new Map<string, number>()
  for (let i = 0; i < rowCount; i++) {
    const key = idKeyAt(col, i)
    if (key !== null && !index.has(key)) index.set(key, i)
  }
  return index
}
