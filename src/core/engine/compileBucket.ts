import type { JsonLogic } from '../logic/types'
import { CUSTOM_IMPLEMENTATIONS } from '../logic/customOps'
import { Bitset } from './bitset'
import type { Column } from './columns'
import { plainVarName } from './analyze'
import { resolveOperand, type CompileContext } from './context'
import { codesMasked } from './kernels'
import { COMPARE_OPS, compareValues, FLIPPED, isLogic, isPrimitive, operands, type CompareOp } from './semantics'

/*
 * The random split's test, `{op: [{"bucket": [{"var": id}, seed]}, n]}` (or flipped), natively. The
 * ids are nearly unique, so asking json-logic-js once per distinct id (liftSingleField) costs as
 * much as evaluating every row; here each id's bucket is computed once per (column, seed) with the
 * registered implementation itself — the function json-logic-js calls — and kept, so the groups of a
 * split (one comparison each) and later edits reuse it. Exact by construction: the comparison is
 * semantics.ts `compareValues`, json-logic-js's own operators.
 */

const bucketOf = CUSTOM_IMPLEMENTATIONS.bucket as (id: unknown, seed: unknown) => number

/** Buckets per id column (dictionary entries, or number rows) and seed. Columns are immutable per dataset version. */
const cache = new WeakMap<object, Map<string, Float64Array>>()

function bucketsOf(key: object, seed: string, count: number, idAt: (i: number) => unknown): Float64Array {
  let bySeed = cache.get(key)
  if (!bySeed) cache.set(key, (bySeed = new Map()))
  let out = bySeed.get(seed)
  if (!out) {
    out = new Float64Array(count)
    for (let i = 0; i < count; i++) out[i] = bucketOf(idAt(i), seed)
    bySeed.set(seed, out)
  }
  return out
}

/** `{"bucket": [{"var": f}, seed]}` with a constant string or number seed over a text, category or number column. */
function bucketSide(ctx: CompileContext, arg: JsonLogic): { column: Column; seed: string } | null {
  if (!isLogic(arg) || Object.keys(arg)[0] !== 'bucket') return null
  const args = (arg as { bucket: JsonLogic }).bucket
  if (!Array.isArray(args) || args.length !== 2 || !isLogic(args[0])) return null
  const name = plainVarName(args[0])
  const column = name === null ? undefined : ctx.column(name)
  const seed = args[1]
  if (!column || (typeof seed !== 'string' && typeof seed !== 'number')) return null
  if (column.type !== 'text' && column.type !== 'category' && column.type !== 'number') return null
  return { column, seed: String(seed) }
}

/** The rows where `bucket op n` holds, or null when `logic` is not that shape. */
export function compileBucketTest(ctx: CompileContext, logic: JsonLogic): Bitset | null {
  if (!isLogic(logic)) return null
  const { op, args } = operands(logic)
  if (!COMPARE_OPS.has(op) || args.length !== 2) return null
  const left = bucketSide(ctx, args[0])
  const side = left ?? bucketSide(ctx, args[1])
  const other = resolveOperand(ctx, args[left ? 1 : 0])
  if (!side || other?.kind !== 'const' || !isPrimitive(other.value)) return null
  const cmp = (left ? op : FLIPPED[op as CompareOp]) as CompareOp
  const test = (b: number): boolean => compareValues(cmp, b, other.value)
  const col = side.column
  if (col.type === 'number') {
    const buckets = bucketsOf(col.values, side.seed, ctx.rowCount, (i) => (col.values[i] === col.values[i] ? col.values[i] : null))
    const bits = new Bitset(ctx.rowCount)
    for (let i = 0; i < ctx.rowCount; i++) if (test(buckets[i])) bits.set(i)
    return bits
  }
  if (col.type !== 'text' && col.type !== 'category') return null
  const buckets = bucketsOf(col.dict, side.seed, col.dict.length, (i) => col.dict[i])
  // The layout of compareField.ts dictMask: [0] for a missing value, [c + 1] for code c.
  const mask = new Uint8Array(col.dict.length + 1)
  mask[0] = test(bucketOf(null, side.seed)) ? 1 : 0
  for (let c = 0; c < buckets.length; c++) mask[c + 1] = test(buckets[c]) ? 1 : 0
  return codesMasked(col.codes, ctx.rowCount, mask)
}
