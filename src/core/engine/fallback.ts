import type { JsonLogic } from '../logic/types'
import { rowKeysRead } from './analyze'
import { Bitset } from './bitset'
import { ByteLru } from './cache'
import { cellValue, type ColumnarTable, type Row, type RowValue } from './columns'
import { reference, ReferenceThrew, type CompileContext } from './context'
import { truthy } from './semantics'

/** Rough heap cost of one materialised cell, by column type (pointer + boxed value or string). */
const CELL_BYTES = { number: 16, boolean: 8, text: 8, category: 8, date: 64, list: 64 } as const

/**
 * Row-form values of columns for the reference evaluator, materialised once per column and kept
 * within a byte budget: formatting dates and building lists is the costly part of a fallback.
 */
export class RowValues {
  private readonly cache: ByteLru<RowValue[]>

  constructor(private readonly table: ColumnarTable, maxBytes: number) {
    this.cache = new ByteLru(maxBytes)
  }

  /** The value of every row of field `name` (which must have a column), as rowAt gives it. */
  of(name: string): RowValue[] {
    const hit = this.cache.get(name)
    if (hit) return hit
    const col = this.table.columns[name]
    const n = this.table.rowCount
    const out = new Array<RowValue>(n)
    for (let i = 0; i < n; i++) out[i] = cellValue(col, i)
    this.cache.set(name, out, n * CELL_BYTES[col.type])
    return out
  }
}

/**
 * The rows where the reference finds `logic` truthy, evaluated row by row. Rows carry only the
 * fields the logic can read (all of them when it reads keys it does not name). Throws
 * ReferenceThrew if the reference throws on a row, unless `throwMeansFalse`, when that row is
 * simply not selected — json-logic-js gave no truthy answer for it.
 */
export function fallbackBits(ctx: CompileContext, logic: JsonLogic, values: RowValues, throwMeansFalse = false): Bitset {
  const keys = rowKeysRead(logic)
  const names = [...new Set(ctx.table.fields.map((f) => f.name))]
    .filter((name) => ctx.column(name) && (!keys || keys.has(name)))
  const columns = names.map((name) => values.of(name))
  const out = new Bitset(ctx.rowCount)
  for (let i = 0; i < ctx.rowCount; i++) {
    const row: Row = {}
    for (let k = 0; k < names.length; k++) row[names[k]] = columns[k][i]
    try {
      if (truthy(reference(logic, row))) out.set(i)
    } catch (e) {
      if (!(throwMeansFalse && e instanceof ReferenceThrew)) throw e
    }
  }
  return out
}
