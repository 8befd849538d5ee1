import type { JsonLogic } from '../logic/types'
import { singleFieldRead } from './analyze'
import type { Bitset } from './bitset'
import type { Column, Row, RowValue } from './columns'
import { booleanMask, dictMask } from './compareField'
import { reference, type CompileContext } from './context'
import { bytesMasked, codesMasked, integerLookup } from './kernels'
import { truthy } from './semantics'

export interface LiftOptions {
  /** Text and category fields with more distinct strings than this are not lifted. */
  maxDictionary?: number
  /** Whether number fields holding few, close integers (ColumnInfo.smallIntegers) are lifted. */
  numbers?: boolean
}

/**
 * Any expression that reads one text, category or boolean field, or one number field of few
 * close integers (and nothing else of the row), has one answer per distinct value of that field.
 * Ask the reference once per distinct value (plus null), then select rows by code or value: exact
 * by construction, and as fast as the values are few. Returns null when the expression does not
 * qualify, or when the field has too many values for asking per value to pay.
 */
export function liftSingleField(ctx: CompileContext, logic: JsonLogic, opts: LiftOptions = {}): Bitset | null {
  const name = singleFieldRead(logic, (f) => liftable(ctx, f, opts))
  const col = name === null ? undefined : ctx.column(name)
  if (name === null || !col) return null
  const test = (value: RowValue): boolean => {
    const row: Row = {}
    row[name] = value
    return truthy(reference(logic, row))
  }
  switch (col.type) {
    case 'text':
    case 'category': return codesMasked(col.codes, ctx.rowCount, dictMask(col.dict, test))
    case 'boolean': return bytesMasked(col.values, ctx.rowCount, booleanMask(test))
    case 'number': return liftIntegers(ctx, name, col.values, test)
    default: return null
  }
}

function liftable(ctx: CompileContext, name: string, opts: LiftOptions): boolean {
  const col: Column | undefined = ctx.column(name)
  switch (col?.type) {
    case 'boolean': return true
    case 'text':
    case 'category': return col.dict.length <= (opts.maxDictionary ?? Infinity)
    case 'number': return opts.numbers === true && ctx.info(name).smallIntegers !== null
    default: return false
  }
}

/** The answer of each distinct integer in a lookup table from the smallest; missing rows take the answer of null. */
function liftIntegers(ctx: CompileContext, name: string, values: Float64Array, test: (v: RowValue) => boolean): Bitset {
  const info = ctx.info(name)
  const distinct = info.smallIntegers ?? new Float64Array(0)
  const min = distinct.length > 0 ? distinct[0] : 0
  const answers = new Uint8Array(distinct.length > 0 ? distinct[distinct.length - 1] - min + 1 : 1)
  for (const v of distinct) answers[v - min] = test(v) ? 1 : 0
  const bits = integerLookup(values, ctx.rowCount, min, answers).andNot(info.missing)
  return test(null) ? bits.or(info.missing) : bits
}
