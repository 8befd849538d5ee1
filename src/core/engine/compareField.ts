import { Bitset } from './bitset'
import { BOOL_MISSING, formatDate, type Column } from './columns'
import type { ColumnInfo } from './columnInfo'
import { codesMasked, bytesMasked, listAnyMasked, numberCompare, numberInRange, numberTruthy } from './kernels'
import { compareValues, type CompareOp } from './semantics'

/*
 * `field op constant` for a primitive constant, one function per column type. Each reproduces
 * JavaScript's comparison of the row value (engine/columns.ts cellValue) with the constant:
 * missing rows are null, dates are ISO strings, lists are arrays.
 */

type Primitive = string | number | boolean | null | undefined

/** Rows where `value(row) op c`; null when this column type is left to another path. */
export function compareField(col: Column, info: ColumnInfo, op: CompareOp, c: Primitive): Bitset | null {
  const nullRes = compareValues(op, null, c)
  let bits: Bitset | null
  switch (col.type) {
    case 'number': bits = compareNumber(col.values, info, op, c); break
    case 'date': bits = compareDate(col.values, col.dateFormat, info, op, c); break
    case 'boolean': return bytesMasked(col.values, info.rowCount, booleanMask((v) => compareValues(op, v, c)))
    case 'text':
    case 'category': return compareDict(col.codes, col.dict, info, op, c)
    case 'list': bits = compareList(info, op, c); break
  }
  if (bits && nullRes) bits.or(info.missing)
  return bits
}

/** ToNumber of the constant as `number == c` applies it (null and undefined equal no number). */
function looseEqualNumber(c: Primitive): number {
  if (typeof c === 'number') return c
  if (typeof c === 'string') return Number(c)
  if (typeof c === 'boolean') return c ? 1 : 0
  return NaN
}

/** ToNumber of the constant as `number < c` applies it (null is 0, undefined NaN). */
function relationalNumber(c: Primitive): number {
  if (c === null) return 0
  return looseEqualNumber(c)
}

function compareNumber(values: Float64Array, info: ColumnInfo, op: CompareOp, c: Primitive): Bitset {
  const n = info.rowCount
  switch (op) {
    case '==': return numberCompare(values, n, '==', looseEqualNumber(c))
    case '!=': return numberCompare(values, n, '==', looseEqualNumber(c)).not().andNot(info.missing)
    case '===': return numberCompare(values, n, '==', typeof c === 'number' ? c : NaN)
    case '!==': return numberCompare(values, n, '==', typeof c === 'number' ? c : NaN).not().andNot(info.missing)
    default: return numberCompare(values, n, op, relationalNumber(c))
  }
}

/**
 * Dates are ISO strings in the row. Against a string the comparison is lexicographic, which for
 * 4-digit years is date order, so each operator selects an interval of the sorted distinct dates,
 * found by binary search with the very string comparison the reference makes. Against anything
 * else an ISO string converts to NaN and equals nothing, so all present dates answer alike.
 */
function compareDate(values: Float64Array, format: 'date' | 'datetime', info: ColumnInfo, op: CompareOp, c: Primitive): Bitset | null {
  if (!info.dateOrderSafe) return null
  const n = info.rowCount
  const sorted = info.sortedDistinct
  if (typeof c !== 'string') {
    const same = sorted.length > 0 && compareValues(op, formatDate(sorted[0], format), c)
    return same ? info.present.clone() : new Bitset(n)
  }
  const [lo, hi] = dateInterval(sorted, format, op, c)
  const bits = lo < hi ? numberInRange(values, n, sorted[lo], sorted[hi - 1]) : new Bitset(n)
  return op === '!=' || op === '!==' ? bits.not().andNot(info.missing) : bits
}

/** Index range [lo, hi) of `sorted` whose ISO strings satisfy `s op c` (`!=` gives the `==` range). */
export function dateInterval(sorted: Float64Array, format: 'date' | 'datetime', op: CompareOp, c: string): [number, number] {
  const firstWhere = (pred: (s: string) => boolean): number => {
    let lo = 0, hi = sorted.length
    while (lo < hi) {
      const mid = (lo + hi) >>> 1
      if (pred(formatDate(sorted[mid], format))) hi = mid
      else lo = mid + 1
    }
    return lo
  }
  switch (op) {
    case '<': return [0, firstWhere((s) => s >= c)]
    case '<=': return [0, firstWhere((s) => s > c)]
    case '>': return [firstWhere((s) => s > c), sorted.length]
    case '>=': return [firstWhere((s) => s >= c), sorted.length]
    default: return [firstWhere((s) => s >= c), firstWhere((s) => s > c)]
  }
}

/** Text/category: decide once per dictionary entry, then one lookup per row. */
function compareDict(codes: Int32Array, dict: string[], info: ColumnInfo, op: CompareOp, c: Primitive): Bitset {
  const eq = op === '==' || op === '==='
  if ((eq || op === '!=' || op === '!==') && typeof c === 'string' && info.dictUnique) {
    // string == string is plain equality: look the constant up once.
    const mask = new Uint8Array(dict.length + 1).fill(eq ? 0 : 1)
    const code = info.dictIndex.get(c)
    if (code !== undefined) mask[code + 1] = eq ? 1 : 0
    mask[0] = compareValues(op, null, c) ? 1 : 0
    return codesMasked(codes, info.rowCount, mask)
  }
  return codesMasked(codes, info.rowCount, dictMask(dict, (v) => compareValues(op, v, c)))
}

/** Arrays are never `===` a primitive and never `==` null/undefined; other list comparisons coerce the array to a string. */
function compareList(info: ColumnInfo, op: CompareOp, c: Primitive): Bitset | null {
  const strictOrNullish = op === '===' || op === '!==' || ((op === '==' || op === '!=') && (c === null || c === undefined))
  if (!strictOrNullish) return null
  return compareValues(op, [], c) ? info.present.clone() : new Bitset(info.rowCount)
}

/** `mask[code + 1]` = test(dict[code]); `mask[0]` = test(null) for missing values. */
export function dictMask(dict: readonly string[], test: (value: string | null) => boolean): Uint8Array {
  const mask = new Uint8Array(dict.length + 1)
  mask[0] = test(null) ? 1 : 0
  for (let c = 0; c < dict.length; c++) mask[c + 1] = test(dict[c]) ? 1 : 0
  return mask
}

/** A 256-entry mask over boolean bytes: 1 is true, BOOL_MISSING null, anything else false (as cellValue reads them). */
export function booleanMask(test: (value: boolean | null) => boolean): Uint8Array {
  const whenFalse = test(false) ? 1 : 0
  const mask = new Uint8Array(256).fill(whenFalse)
  mask[1] = test(true) ? 1 : 0
  mask[BOOL_MISSING] = test(null) ? 1 : 0
  return mask
}

/** Rows whose value is truthy in json-logic's sense (`{"var": field}` used as a condition). */
export function fieldTruthy(col: Column, info: ColumnInfo): Bitset {
  const n = info.rowCount
  switch (col.type) {
    case 'number': return numberTruthy(col.values, n)
    case 'date': return info.present.clone()
    case 'boolean': return bytesMasked(col.values, n, booleanMask((v) => v === true))
    case 'text':
    case 'category': return codesMasked(col.codes, n, dictMask(col.dict, (v) => !!v))
    case 'list': {
      const all = new Uint8Array(col.dict.length).fill(1)
      return listAnyMasked(col.offsets, col.codes, col.missing, n, all, false, false)
    }
  }
}
