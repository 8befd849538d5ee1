import type { JsonLogic } from '../logic/types'
import { singleFieldRead } from './analyze'
import type { Bitset } from './bitset'
import type { Row, RowValue } from './columns'
import { booleanMask, dictMask } from './compareField'
import { reference, type CompileContext } from './context'
import { bytesMasked, codesMasked } from './kernels'
import { truthy } from './semantics'

/**
 * Any expression that reads one text, category or boolean field (and nothing else of the row)
 * has one answer per distinct value of that field. Ask the reference once per dictionary entry
 * (plus null), then select rows by code: exact by construction, and as fast as the dictionary
 * is small. Returns null when the expression does not qualify.
 */
export function liftSingleField(ctx: CompileContext, logic: JsonLogic): Bitset | null {
  const name = singleFieldRead(logic, (f) => {
    const type = ctx.column(f)?.type
    return type === 'text' || type === 'category' || type === 'boolean'
  })
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
    default: return null
  }
}
