import { Bitset } from './bitset'
import { END_ISO_MS, type ColumnInfo } from './columnInfo'
import { booleanMask, dateRange, dictMask, listRows, truncBefore, truncFrom } from './compareField'
import { constBits, referenceOp, type CompileContext, type Operand } from './context'
import { bytesMasked, codesMasked, numberMemberOf, numberRange } from './kernels'
import { inValue, isPrimitive, truthy } from './semantics'

/* `in` and the project's custom operations, compiled per column type. */

const DAY = 86_400_000
/** 0100-01-01 UTC: the first date whose ISO string parseIsoDate reads back (customOps `in_last_days`). */
const YEAR_100_MS = Date.UTC(100, 0, 1)

type FieldOperand = Operand & { kind: 'field' }

/** `{"in": [a, b]}`: `a` an element of array `b`, or a substring of string `b`. */
export function compileIn(ctx: CompileContext, a: Operand, b: Operand): Bitset | null {
  if (a.kind === 'const' && b.kind === 'const') return constBits(ctx.rowCount, inValue(a.value, b.value))
  if (a.kind === 'field') return b.kind === 'field' ? null : fieldInConst(ctx, a, b.value)
  return b.kind === 'field' ? constInField(ctx, a.value, b) : null
}

function fieldInConst(ctx: CompileContext, field: FieldOperand, hay: unknown): Bitset | null {
  const n = ctx.rowCount
  // A falsy or indexOf-less primitive haystack contains nothing; data objects stay with the reference.
  if (typeof hay !== 'string' && !Array.isArray(hay)) return isPrimitive(hay) ? new Bitset(n) : null
  const col = field.column
  const info = ctx.info(field.name)
  const test = Array.isArray(hay) ? arrayMembership(hay) : (v: unknown) => inValue(v, hay)
  let bits: Bitset | null
  switch (col.type) {
    case 'text':
    case 'category': return codesMasked(col.codes, n, dictMask(col.dict, test))
    case 'boolean': return bytesMasked(col.values, n, booleanMask(test))
    case 'number': bits = Array.isArray(hay) ? numberMemberOf(col.values, n, sortedNumbers(hay)) : null; break
    case 'date': bits = Array.isArray(hay) ? dateMemberOf(col.values, col.dateFormat, info, hay) : null; break
    // `indexOf` compares arrays by identity: a row's list is never an element of the constant.
    case 'list': bits = Array.isArray(hay) ? new Bitset(n) : null; break
  }
  if (bits && inValue(null, hay)) bits.or(info.missing)
  return bits
}

/** `Array.prototype.indexOf` membership (strict equality) through a Set; NaN, the one difference, is never a row value here. */
function arrayMembership(hay: unknown[]): (v: unknown) => boolean {
  const set = new Set(hay)
  return (v) => v === v && set.has(v)
}

function sortedNumbers(hay: unknown[]): Float64Array {
  return Float64Array.from(hay.filter((x): x is number => typeof x === 'number' && !Number.isNaN(x))).sort()
}

function dateMemberOf(values: Float64Array, format: 'date' | 'datetime', info: ColumnInfo, hay: unknown[]): Bitset | null {
  if (!info.dateOrderSafe) return null
  const bits = new Bitset(info.rowCount)
  for (const s of new Set(hay)) {
    if (typeof s !== 'string') continue
    const [lo, hi] = dateRange(format, '==', s)
    bits.or(numberRange(values, info.rowCount, lo, hi))
  }
  return bits
}

function constInField(ctx: CompileContext, needle: unknown, field: FieldOperand): Bitset | null {
  const col = field.column
  const n = ctx.rowCount
  switch (col.type) {
    // Numbers and booleans have no indexOf (and 0, false, null are falsy): never a haystack.
    case 'number':
    case 'boolean': return new Bitset(n)
    case 'text':
    case 'category': return codesMasked(col.codes, n, dictMask(col.dict, (v) => inValue(needle, v)))
    case 'date': return null
    case 'list': {
      const mask = new Uint8Array(col.dict.length)
      for (let c = 0; c < col.dict.length; c++) mask[c] = col.dict[c] === needle ? 1 : 0
      return listRows(col, ctx.info(field.name), mask, false, false)
    }
  }
}

/**
 * `{"list_any": [list, values]}`. The operation is "some element of the list is in values", so a
 * list's answer is the OR of its elements' answers; each element's answer, and those of an empty
 * and a missing list, come from the reference itself.
 */
export function compileListAny(ctx: CompileContext, a: Operand, b: Operand): Bitset | null {
  if (a.kind !== 'field' || b.kind !== 'const' || a.column.type !== 'list') return null
  const col = a.column
  const test = (list: unknown): boolean => truthy(referenceOp('list_any', list, b.value))
  const mask = new Uint8Array(col.dict.length)
  for (let c = 0; c < col.dict.length; c++) mask[c] = test([col.dict[c]]) ? 1 : 0
  return listRows(col, ctx.info(a.name), mask, test([]), test(null))
}

/**
 * `{"in_last_days": [date, n]}`: 0 <= whole UTC days from the date to asOf < n, i.e. the dates in
 * [day(asOf) - n + 1, day(asOf)]. The reference parses the row's ISO string back, which fails for
 * years before 100 (Date.UTC reads 0–99 as 19xx) and after 9999 (no 4-digit year): those never match.
 */
export function compileInLastDays(ctx: CompileContext, a: Operand, b: Operand): Bitset | null {
  if (a.kind !== 'field' || b.kind !== 'const' || a.column.type !== 'date') return null
  const days = b.value
  // The operation is false for every value when n is not a finite number.
  if (typeof days !== 'number' || !Number.isFinite(days)) return new Bitset(ctx.rowCount)
  const today = Math.floor(ctx.asOf / DAY)
  const from = Math.max((Math.floor(today - days) + 1) * DAY, YEAR_100_MS)
  const until = Math.min((today + 1) * DAY, END_ISO_MS)
  const bits = numberRange(a.column.values, ctx.rowCount, truncFrom(from), truncBefore(until))
  if (truthy(referenceOp('in_last_days', null, days))) bits.or(ctx.info(a.name).missing)
  return bits
}
