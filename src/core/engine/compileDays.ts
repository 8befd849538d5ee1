import { CUSTOM_IMPLEMENTATIONS, type CustomOperation } from '../logic/customOps'
import { Bitset } from './bitset'
import { formatDate, type Column } from './columns'
import { listRows } from './compareField'
import { constBits, referenceOp, type CompileContext, type Operand } from './context'
import { compareValues, truthy, type CompareOp } from './semantics'

/*
 * The issue-6 custom operations on their columns, and field-vs-field comparisons. Each asks the
 * reference (json-logic-js plus customOps) for the answers it needs and only spreads them over
 * rows, so it is exact by construction; what it does not cover returns null (row-by-row fallback).
 */

const DAY = 86_400_000

/** Custom operations whose answer on a date depends on the date's UTC day only (customOps.ts `dayOf`). */
export const DAY_OPS: ReadonlySet<string> = new Set([
  'on_day', 'in_last_weeks', 'in_last_months', 'days_ago_at_least', 'in_next_days', 'anniversary_month',
])

type FieldOperand = Operand & { kind: 'field' }
type DateColumn = Column & { type: 'date' }

/**
 * `{op: [date field, constant]}` for an op of DAY_OPS: the reference is asked once per distinct
 * UTC day of the column (with that day written as the column writes it) and once for a missing
 * value, then each row looks its day up. Exact because these operations read the day only and
 * whether a date string parses depends on its day only.
 */
export function compileDayOp(ctx: CompileContext, op: string, a: Operand, b: Operand): Bitset | null {
  if (a.kind !== 'field' || b.kind !== 'const' || a.column.type !== 'date') return null
  const col = a.column
  const arg = b.value
  const impl = CUSTOM_IMPLEMENTATIONS[op as CustomOperation]
  const answers = new Map<number, boolean>()
  const ask = (day: number): boolean => {
    let hit = answers.get(day)
    if (hit === undefined) {
      // The registered implementation itself: json-logic-js would call it with these very values.
      hit = truthy(impl(formatDate(day * DAY, col.dateFormat), arg))
      answers.set(day, hit)
    }
    return hit
  }
  const bits = dayLookup(col.values, ctx.rowCount, ask)
  if (truthy(referenceOp(op, null, arg))) bits.or(ctx.info(a.name).missing)
  return bits
}

/** Most days a lookup table spans (≈ 2,700 years); wider columns ask per row through a Map. */
const MAX_DAY_SPAN = 1_000_000

/**
 * The rows whose UTC day `ask` answers true, asking once per distinct day: through a byte table
 * over the column's day span (0 = not asked yet, 1 = false, 2 = true), a Map when the span is huge.
 */
function dayLookup(values: Float64Array, n: number, ask: (day: number) => boolean): Bitset {
  let lo = Infinity
  let hi = -Infinity
  for (let i = 0; i < n; i++) {
    const v = values[i]
    if (v < lo) lo = v
    if (v > hi) hi = v
  }
  const bits = new Bitset(n)
  if (lo > hi) return bits
  const first = Math.floor(lo / DAY)
  const span = Math.floor(hi / DAY) - first + 1
  if (span > MAX_DAY_SPAN) {
    for (let i = 0; i < n; i++) {
      const v = values[i]
      if (v === v && ask(Math.floor(v / DAY))) bits.set(i)
    }
    return bits
  }
  const table = new Uint8Array(span)
  for (let i = 0; i < n; i++) {
    const v = values[i]
    if (v !== v) continue
    const k = Math.floor(v / DAY) - first
    let a = table[k]
    if (a === 0) table[k] = a = ask(k + first) ? 2 : 1
    if (a === 2) bits.set(i)
  }
  return bits
}

/**
 * `{"list_all": [list field, values]}`: the AND over the values of "the list holds it" (one
 * element mask each); the answers for an empty and a missing list come from the reference.
 */
export function compileListAll(ctx: CompileContext, a: Operand, b: Operand): Bitset | null {
  if (a.kind !== 'field' || b.kind !== 'const' || a.column.type !== 'list') return null
  const col = a.column
  const info = ctx.info(a.name)
  const values = b.value
  const test = (list: unknown): boolean => truthy(referenceOp('list_all', list, values))
  if (!Array.isArray(values)) return constBits(ctx.rowCount, false).or(test(null) ? info.missing : new Bitset(ctx.rowCount))
  let bits = info.present.clone().andNot(info.emptyLists)
  for (const x of new Set<unknown>(values)) {
    const mask = new Uint8Array(col.dict.length)
    for (let c = 0; c < col.dict.length; c++) mask[c] = col.dict[c] === x ? 1 : 0
    bits = bits.and(listRows(col, info, mask, false, false))
  }
  if (test([])) bits.or(info.emptyLists)
  if (test(null)) bits.or(info.missing)
  return bits
}

/** `A op B` for two fields: two number columns, or two date columns of one format whose dates sort as strings. */
export function compareFields(ctx: CompileContext, op: CompareOp, x: FieldOperand, y: FieldOperand): Bitset | null {
  const a = x.column
  const b = y.column
  if (a.type === 'number' && b.type === 'number') return numberPairs(ctx.rowCount, op, a.values, b.values)
  if (a.type !== 'date' || b.type !== 'date' || a.dateFormat !== b.dateFormat) return null
  if (!ctx.info(x.name).dateOrderSafe || !ctx.info(y.name).dateOrderSafe) return null
  return datePairs(ctx.rowCount, op, a, b)
}

/** JavaScript's comparison of two numbers or nulls (a missing number is null in the row). */
function numberPairs(n: number, op: CompareOp, av: Float64Array, bv: Float64Array): Bitset {
  const bits = new Bitset(n)
  for (let i = 0; i < n; i++) {
    const p = av[i]
    const q = bv[i]
    if (compareValues(op, p === p ? p : null, q === q ? q : null)) bits.set(i)
  }
  return bits
}

/**
 * ISO strings of one format compare like their values truncated to the format's precision (day
 * or second); a string against null compares as NaN against 0, the same for every date string.
 */
function datePairs(n: number, op: CompareOp, a: DateColumn, b: DateColumn): Bitset {
  const unit = a.dateFormat === 'date' ? DAY : 1000
  const someDate = '2000-01-01'
  const nullDate = compareValues(op, null, someDate)
  const dateNull = compareValues(op, someDate, null)
  const nullNull = compareValues(op, null, null)
  const bits = new Bitset(n)
  for (let i = 0; i < n; i++) {
    const p = a.values[i]
    const q = b.values[i]
    const hit = p !== p ? (q !== q ? nullNull : nullDate)
      : q !== q ? dateNull : compareValues(op, Math.floor(p / unit), Math.floor(q / unit))
    if (hit) bits.set(i)
  }
  return bits
}

/** `{"on_day": [A, B]}` for two date columns: same UTC day, and that day parses (asked once per day). */
export function onDayFields(ctx: CompileContext, x: Operand, y: Operand): Bitset | null {
  if (x.kind !== 'field' || y.kind !== 'field' || x.column.type !== 'date' || y.column.type !== 'date') return null
  const a = x.column
  const b = y.column
  const parses = new Map<number, boolean>()
  const bits = new Bitset(ctx.rowCount)
  for (let i = 0; i < ctx.rowCount; i++) {
    const p = a.values[i]
    const q = b.values[i]
    if (p !== p || q !== q) continue
    const day = Math.floor(p / DAY)
    if (day !== Math.floor(q / DAY)) continue
    let ok = parses.get(day)
    if (ok === undefined) {
      ok = truthy(referenceOp('on_day', formatDate(day * DAY, a.dateFormat), formatDate(day * DAY, b.dateFormat)))
      parses.set(day, ok)
    }
    if (ok) bits.set(i)
  }
  // on_day is false whenever a side is missing: check that the reference agrees.
  return truthy(referenceOp('on_day', null, null)) ? null : bits
}
