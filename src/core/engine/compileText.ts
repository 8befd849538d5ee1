import type { JsonLogic } from '../logic/types'
import { CUSTOM_IMPLEMENTATIONS, lower } from '../logic/customOps'
import type { Bitset } from './bitset'
import type { Column } from './columns'
import { dictMask } from './compareField'
import { resolveOperand, type CompileContext } from './context'
import { codesMasked } from './kernels'
import { plainVarName } from './analyze'
import { inValue, isLogic, operands } from './semantics'

/*
 * Text tests over a dictionary, natively. liftSingleField asks json-logic-js once per distinct
 * value, which costs about as much as evaluating every row when the values are nearly unique
 * (customer ids, e-mail addresses). The shapes the builder emits for text — starts_with /
 * ends_with, and ==, != and `in` on `{"lower": V}` (ignore case) — are answered here with the same
 * JavaScript the reference runs: json-logic-js's `==` is `a == b`, `!=` is `a != b`, `in` is
 * semantics.ts `inValue`, and the custom operations are the registered implementations. Exact
 * by construction, and a plain loop over the dictionary.
 */

type TextColumn = Extract<Column, { type: 'text' | 'category' }>

const NATIVE: Record<string, (a: unknown, b: unknown) => boolean> = {
  '==': (a, b) => a == b,
  '!=': (a, b) => a != b,
  in: (a, b) => inValue(a, b),
  starts_with: (a, b) => CUSTOM_IMPLEMENTATIONS.starts_with(a, b) === true,
  ends_with: (a, b) => CUSTOM_IMPLEMENTATIONS.ends_with(a, b) === true,
}

/** The name of a text or category field read by a plain `{"var": name}`, else null. */
function plainTextField(ctx: CompileContext, arg: JsonLogic): string | null {
  const name = isLogic(arg) ? plainVarName(arg) : null
  const type = name === null ? undefined : ctx.column(name)?.type
  return type === 'text' || type === 'category' ? name : null
}

type Side = { kind: 'field'; column: TextColumn; lowered: boolean } | { kind: 'const'; value: unknown }

/** A text/category field, `{"lower": field}` (either argument form), or a constant. */
function sideOf(ctx: CompileContext, arg: JsonLogic): Side | null {
  let inner = arg
  let lowered = false
  if (isLogic(arg) && Object.keys(arg)[0] === 'lower') {
    const a = (arg as { lower: JsonLogic }).lower
    const list = Array.isArray(a) ? a : [a]
    if (list.length !== 1) return null
    inner = list[0]
    lowered = true
  }
  const name = plainTextField(ctx, inner)
  if (name !== null) return { kind: 'field', column: ctx.column(name) as TextColumn, lowered }
  if (lowered) return null
  const operand = resolveOperand(ctx, arg)
  return operand?.kind === 'const' ? operand : null
}

/**
 * `{op: [a, b]}` with op one of ==, !=, in, starts_with, ends_with, one side a text or category
 * field (possibly lower-cased) and the other a constant; null for anything else.
 */
export function compileTextTest(ctx: CompileContext, logic: JsonLogic): Bitset | null {
  if (!isLogic(logic)) return null
  const { op, args } = operands(logic)
  const test = NATIVE[op]
  if (!test || args.length !== 2) return null
  // Plain == / != / in on a field already have kernels; this path is for lower() and the affixes.
  if (!(op === 'starts_with' || op === 'ends_with' || JSON.stringify(args).includes('"lower"'))) return null
  const a = sideOf(ctx, args[0])
  const b = sideOf(ctx, args[1])
  if (!a || !b || (a.kind === 'field') === (b.kind === 'field')) return null
  const field = (a.kind === 'field' ? a : b) as Extract<Side, { kind: 'field' }>
  const other = (a.kind === 'const' ? a : b) as Extract<Side, { kind: 'const' }>
  const read = (v: string | null): unknown => (field.lowered ? lower(v) : v)
  const mask = dictMask(field.column.dict, a.kind === 'field'
    ? (v) => test(read(v), other.value)
    : (v) => test(other.value, read(v)))
  return codesMasked(field.column.codes, ctx.rowCount, mask)
}
