import type { JsonLogic } from '../logic/types'
import type { Bitset } from './bitset'
import { compareField, fieldInterval, fieldTruthy, intersect, intervalBits } from './compareField'
import { compareFields, compileDayOp, compileListAll, DAY_OPS, onDayFields } from './compileDays'
import { compileIn, compileInLastDays, compileListAny } from './compileOps'
import { constBits, resolveOperand, type CompileContext, type Operand } from './context'
import { compileBucketTest } from './compileBucket'
import { compileTextTest } from './compileText'
import { liftSingleField } from './lift'
import { COMPARE_OPS, FLIPPED, compareValues, isLogic, isPrimitive, operands, truthy, type CompareOp } from './semantics'

/*
 * Leaf compiler: one condition (a node that is not and/or/!/!!/if) → a bitset, computed with
 * typed-array loops. Returns null when the node's semantics on its column are not covered; the
 * engine then runs it through the reference row by row. Covering less is always safe; covering
 * something inexactly is the one bug this module must not have.
 */

/** The rows where `logic` is truthy, or null when the compiler does not cover it. */
export function compileLeaf(ctx: CompileContext, logic: JsonLogic): Bitset | null {
  return compileKnownShape(ctx, logic) ?? compileTextTest(ctx, logic) ?? compileBucketTest(ctx, logic)
    ?? liftSingleField(ctx, logic, { numbers: true })
}

function compileKnownShape(ctx: CompileContext, logic: JsonLogic): Bitset | null {
  if (!isLogic(logic)) return null
  const { op, args } = operands(logic)
  if (op === 'var') return compileTruthiness(ctx, logic)
  if (COMPARE_OPS.has(op)) return compileComparison(ctx, op as CompareOp, args)
  if (!CUSTOM_SHAPES.has(op)) return null
  const resolved = resolveAll(ctx, args)
  if (!resolved || resolved.length > 2) return null
  const [a, b] = padded(resolved, 2)
  switch (op) {
    case 'in': return compileIn(ctx, a, b)
    case 'list_any': return compileListAny(ctx, a, b)
    case 'list_all': return compileListAll(ctx, a, b)
    case 'in_last_days': return compileInLastDays(ctx, a, b)
    case 'on_day': return b.kind === 'field' ? onDayFields(ctx, a, b) : compileDayOp(ctx, op, a, b)
    default: return compileDayOp(ctx, op, a, b)
  }
}

/** Two-argument operations compiled per column type (the rest of `in` and the custom operations). */
const CUSTOM_SHAPES: ReadonlySet<string> = new Set(['in', 'list_any', 'list_all', 'in_last_days', ...DAY_OPS])

/** `{"var": f}` as a condition: the truthiness of the value. */
function compileTruthiness(ctx: CompileContext, logic: JsonLogic): Bitset | null {
  const operand = resolveOperand(ctx, logic)
  if (!operand) return null
  if (operand.kind === 'const') return constBits(ctx.rowCount, truthy(operand.value))
  return fieldTruthy(operand.column, ctx.info(operand.name))
}

/**
 * Comparisons take two arguments (missing ones are undefined, extra ones are evaluated and
 * ignored); `<` and `<=` take a third: `a < b < c` is `(a < b) && (b < c)` unless c is undefined.
 */
function compileComparison(ctx: CompileContext, op: CompareOp, args: JsonLogic[]): Bitset | null {
  const resolved = resolveAll(ctx, args)
  if (!resolved) return null
  const between = (op === '<' || op === '<=') && resolved.length >= 3 &&
    !(resolved[2].kind === 'const' && resolved[2].value === undefined)
  const [a, b, c] = padded(resolved, 3)
  if (between) {
    const fused = betweenConstants(ctx, op, a, b, c)
    if (fused) return fused
  }
  const first = comparePair(ctx, op, a, b)
  if (!first || !between) return first
  const second = comparePair(ctx, op, b, c)
  return second ? first.and(second) : null
}

/** `lo < field < hi` with constant ends on a number or date column: both sides as one interval, one pass. */
function betweenConstants(ctx: CompileContext, op: CompareOp, a: Operand, b: Operand, c: Operand): Bitset | null {
  if (b.kind !== 'field' || a.kind !== 'const' || c.kind !== 'const' || !isPrimitive(a.value) || !isPrimitive(c.value)) return null
  const col = b.column
  if (col.type !== 'number' && col.type !== 'date') return null
  const info = ctx.info(b.name)
  const low = fieldInterval(col, info, FLIPPED[op], a.value)
  const high = fieldInterval(col, info, op, c.value)
  return low && high ? intervalBits(col.values, info, intersect(low, high)) : null
}

function comparePair(ctx: CompileContext, op: CompareOp, x: Operand, y: Operand): Bitset | null {
  if (x.kind === 'field') return y.kind === 'field' ? compareFields(ctx, op, x, y) : fieldVersusConst(ctx, x, op, y.value)
  if (y.kind === 'field') return fieldVersusConst(ctx, y, FLIPPED[op], x.value)
  return constBits(ctx.rowCount, compareValues(op, x.value, y.value))
}

function fieldVersusConst(ctx: CompileContext, field: Operand & { kind: 'field' }, op: CompareOp, value: unknown): Bitset | null {
  // Arrays and objects coerce through toString; the reference handles those.
  if (!isPrimitive(value)) return null
  return compareField(field.column, ctx.info(field.name), op, value)
}

/** Every argument resolved, or null if one is not understood. */
function resolveAll(ctx: CompileContext, args: JsonLogic[]): Operand[] | null {
  const out: Operand[] = []
  for (const arg of args) {
    const operand = resolveOperand(ctx, arg)
    if (!operand) return null
    out.push(operand)
  }
  return out
}

/** Pads with `undefined` constants: a missing argument is undefined in json-logic-js. */
function padded(ops: Operand[], length: number): Operand[] {
  const out = ops.slice()
  while (out.length < length) out.push({ kind: 'const', value: undefined })
  return out
}
