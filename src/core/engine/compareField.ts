import { Bitset } from './bitset'
import { BOOL_MISSING, formatDate, type Column } from './columns'
import { END_ISO_MS, FIRST_ISO_MS, type ColumnInfo } from './columnInfo'
import { bytesMasked, codesMasked, listAnyMasked, numberRange, numberTruthy, postingsMasked, type Bound } from './kernels'
import { compareValues, type CompareOp } from './semantics'

/*
 * `field op constant` for a primitive constant, one function per column type. Each reproduces
 * JavaScript's comparison of the row value (engine/columns.ts cellValue) with the constant:
 * missing rows are null, dates are ISO strings, lists are arrays.
 */

type Primitive = string | number | boolean | null | undefined

/** Rows where `value(row) op c`; null when this column type is left to another path. */
export function compareField(col: Column, info: ColumnInfo, op: CompareOp, c: Primitive): Bitset | null {
  if ((c === null || c === undefined) && EQUALITY.has(op)) return nullishEquality(info, op, c)
  switch (col.type) {
    case 'number':
    case 'date': return compareOrdered(col, info, op, c)
    case 'boolean': return bytesMasked(col.values, info.rowCount, booleanMask((v) => compareValues(op, v, c)))
    case 'text':
    case 'category': return compareDict(col.codes, col.dict, info, op, c)
    case 'list': return compareList(info, op, c)
  }
}

const EQUALITY: ReadonlySet<CompareOp> = new Set<CompareOp>(['==', '!=', '===', '!=='])

/**
 * `== null`, `!== undefined` and the like, on any column: a present value (number, string,
 * boolean, array) is never null or undefined, so only the operator's polarity matters for it;
 * missing rows hold null. Answered from the column's missing rows, with no pass over the values.
 */
function nullishEquality(info: ColumnInfo, op: CompareOp, c: null | undefined): Bitset {
  const bits = op === '!=' || op === '!==' ? info.present.clone() : new Bitset(info.rowCount)
  if (compareValues(op, null, c)) bits.or(info.missing)
  return bits
}

/** Number and date columns: an interval of values, or the complement of one for `!=` / `!==`. */
function compareOrdered(col: Column & { values: Float64Array }, info: ColumnInfo, op: CompareOp, c: Primitive): Bitset | null {
  const interval = fieldInterval(col, info, op, c)
  if (interval) return intervalBits(col.values, info, interval)
  if (op !== '!=' && op !== '!==') return null
  const equal = fieldInterval(col, info, op === '!=' ? '==' : '===', c)
  if (!equal) return null
  const bits = numberRange(col.values, info.rowCount, equal.lo, equal.hi).not().andNot(info.missing)
  if (compareValues(op, null, c)) bits.or(info.missing)
  return bits
}

/** The present values inside [lo, hi], and the missing rows when `withMissing`. */
export interface Interval { lo: Bound; hi: Bound; withMissing: boolean }

const ANY_LOW: Bound = { at: -Infinity, open: false }
const ANY_HIGH: Bound = { at: Infinity, open: false }
/** Nothing is at or above NaN. */
const NO_VALUE: Bound = { at: NaN, open: false }
const closed = (at: number): Bound => ({ at, open: false })
const open = (at: number): Bound => ({ at, open: true })

/**
 * `value(row) op c` on a number or date column as one interval of its values; null when it is not
 * one (`!=`, `!==`) or not covered (dates whose ISO strings do not sort, other column types).
 */
export function fieldInterval(col: Column, info: ColumnInfo, op: CompareOp, c: Primitive): Interval | null {
  if (op === '!=' || op === '!==') return null
  const withMissing = compareValues(op, null, c)
  if (col.type === 'number') {
    const [lo, hi] = numberBounds(op, c)
    return { lo, hi, withMissing }
  }
  if (col.type !== 'date') return null
  if (typeof c !== 'string') {
    // An ISO string converts to NaN: every present date answers like any other.
    const all = compareValues(op, formatDate(0, col.dateFormat), c)
    return { lo: all ? ANY_LOW : NO_VALUE, hi: ANY_HIGH, withMissing }
  }
  if (!info.dateOrderSafe) return null
  const [lo, hi] = dateRange(col.dateFormat, op, c)
  return { lo, hi, withMissing }
}

/** JavaScript's `number op c`, as bounds: `==` converts c loosely, `===` only matches numbers, `<` reads null as 0. */
function numberBounds(op: CompareOp, c: Primitive): [Bound, Bound] {
  switch (op) {
    case '==': return [closed(looseEqualNumber(c)), closed(looseEqualNumber(c))]
    case '===': return typeof c === 'number' ? [closed(c), closed(c)] : [NO_VALUE, ANY_HIGH]
    case '<': return [ANY_LOW, open(relationalNumber(c))]
    case '<=': return [ANY_LOW, closed(relationalNumber(c))]
    case '>': return [open(relationalNumber(c)), ANY_HIGH]
    default: return [closed(relationalNumber(c)), ANY_HIGH]
  }
}

/** Both conditions at once (`a < v < b`): the tighter bound on each side, missing rows only if both take them. */
export function intersect(x: Interval, y: Interval): Interval {
  return { lo: tighter(x.lo, y.lo, 1), hi: tighter(x.hi, y.hi, -1), withMissing: x.withMissing && y.withMissing }
}

/** The bound that admits less: the larger lower bound (`sign` 1) or the smaller upper one (-1); open wins a tie; NaN admits nothing. */
function tighter(a: Bound, b: Bound, sign: 1 | -1): Bound {
  if (Number.isNaN(a.at)) return a
  if (Number.isNaN(b.at)) return b
  if (a.at !== b.at) return (a.at - b.at) * sign > 0 ? a : b
  return a.open ? a : b
}

/** The rows of an interval of a number or date column. */
export function intervalBits(values: Float64Array, info: ColumnInfo, interval: Interval): Bitset {
  const bits = numberRange(values, info.rowCount, interval.lo, interval.hi)
  if (interval.withMissing) bits.or(info.missing)
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

/*
 * Dates are ISO strings in the row. Against a string they compare lexicographically, which for
 * 4-digit years is date order, so each operator selects an interval of epoch ms. Its ends are
 * found by binary search over ms with the very string comparison the reference makes: about 50
 * formatted dates, where sorting a million distinct values to search them took ~90 ms cold.
 */

/** The ms at which `pred(ISO string)` turns true for good; `pred` must be monotone in date order (END_ISO_MS: never). */
function firstMs(format: 'date' | 'datetime', pred: (s: string) => boolean): number {
  let lo = FIRST_ISO_MS, hi = END_ISO_MS
  while (lo < hi) {
    const mid = Math.floor((lo + hi) / 2)
    if (pred(formatDate(mid, format))) hi = mid
    else lo = mid + 1
  }
  return lo
}

/*
 * A row's ISO string is that of trunc(v): Date truncates fractional ms toward zero. So "string of
 * v is at or after the one of ms m" (m an integer) is trunc(v) >= m, which for m >= 1 is v >= m
 * and for m <= 0 is v > m - 1 (v in (m - 1, m) is negative and truncates up to m).
 */

/** Lower bound on v meaning trunc(v) >= m. */
export function truncFrom(m: number): Bound {
  return m >= 1 ? { at: m, open: false } : { at: m - 1, open: true }
}

/** Upper bound on v meaning trunc(v) < m. */
export function truncBefore(m: number): Bound {
  return m >= 1 ? { at: m, open: true } : { at: m - 1, open: false }
}

/** Bounds on the epoch ms of the dates whose ISO strings satisfy `s op c` (`!=` gives the `==` range). */
export function dateRange(format: 'date' | 'datetime', op: CompareOp, c: string): [Bound, Bound] {
  const atOrAfter = firstMs(format, (s) => s >= c)
  const after = firstMs(format, (s) => s > c)
  switch (op) {
    case '<': return [ANY_LOW, truncBefore(atOrAfter)]
    case '<=': return [ANY_LOW, truncBefore(after)]
    case '>': return [truncFrom(after), ANY_HIGH]
    case '>=': return [truncFrom(atOrAfter), ANY_HIGH]
    default: return [truncFrom(atOrAfter), truncBefore(after)]
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

/** Arrays are never `===` a primitive (null and undefined are answered before); other list comparisons coerce the array to a string. */
function compareList(info: ColumnInfo, op: CompareOp, c: Primitive): Bitset | null {
  if (op !== '===' && op !== '!==') return null
  const bits = compareValues(op, [], c) ? info.present.clone() : new Bitset(info.rowCount)
  if (compareValues(op, null, c)) bits.or(info.missing)
  return bits
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
    case 'list': return listRows(col, info, new Uint8Array(col.dict.length).fill(1), false, false)
  }
}

type ListColumn = Column & { type: 'list' }

/** List rows by content: missing → `nullRes`, empty → `emptyRes`, else whether an element's code is in `mask` (0/1 per code). */
export function listRows(col: ListColumn, info: ColumnInfo, mask: Uint8Array, emptyRes: boolean, nullRes: boolean): Bitset {
  const n = info.rowCount
  const postings = info.postingsOnReuse()
  const bits = postings ? postingsMasked(postings, n, mask) : listAnyMasked(col.offsets, col.codes, n, mask)
  if (emptyRes) bits.or(info.emptyLists)
  bits.andNot(info.missing)
  if (nullRes) bits.or(info.missing)
  return bits
}
