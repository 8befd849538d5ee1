import type { JsonLogic } from '../logic/types'
import { applyLogic } from '../logic/customOps'
import { varDefault, isDataIndependent, plainVarName } from './analyze'
import { Bitset } from './bitset'
import type { Column, ColumnarTable } from './columns'
import type { ColumnInfo } from './columnInfo'
import { isLogic } from './semantics'

/**
 * The reference evaluator threw (unknown operation, bad arguments…). json-logic-js would throw
 * for some rows only, and `and`/`or`/`if` may short-circuit past the throwing part, so the engine
 * answers such a rule by running the whole rule through the reference row by row.
 */
export class ReferenceThrew extends Error {
  constructor(readonly original: unknown) {
    super(original instanceof Error ? original.message : String(original))
    this.name = 'ReferenceThrew'
  }
}

/** What the compilers need from the engine. */
export interface CompileContext {
  readonly table: ColumnarTable
  readonly rowCount: number
  /** Reference date of `in_last_days`, epoch ms UTC. */
  readonly asOf: number
  /** The column of a field that rows carry (`rowAt` writes it), else undefined. */
  column(name: string): Column | undefined
  info(name: string): ColumnInfo
}

/** json-logic-js on `data`; a throw becomes ReferenceThrew. */
export function reference(logic: JsonLogic, data: unknown): unknown {
  try {
    return applyLogic(logic, data)
  } catch (e) {
    throw new ReferenceThrew(e)
  }
}

/** The reference's `op` applied to two values passed through the row, so they are never read as logic. */
export function referenceOp(op: string, a: unknown, b: unknown): unknown {
  return reference({ [op]: [{ var: 'a' }, { var: 'b' }] }, { a, b })
}

/** All rows or none. */
export function constBits(rowCount: number, value: boolean): Bitset {
  return value ? Bitset.full(rowCount) : new Bitset(rowCount)
}

/** An argument the compiler understands: a field's value or a value that is the same on every row. */
export type Operand =
  | { kind: 'field'; name: string; column: Column }
  | { kind: 'const'; value: unknown }

const INHERITED: object = {}

/**
 * Classifies one argument. A `var` of a field rows do not carry reads its default (json-logic-js
 * `not_found`), unless the name is inherited from Object.prototype (`toString`): that stays with
 * the reference. Data-independent arguments are evaluated once.
 */
export function resolveOperand(ctx: CompileContext, arg: JsonLogic): Operand | null {
  const name = plainVarName(arg)
  if (name !== null && isLogic(arg)) {
    const column = ctx.column(name)
    if (column) return { kind: 'field', name, column }
    if (name in INHERITED) return null
    return { kind: 'const', value: varDefault(arg) }
  }
  if (isDataIndependent(arg)) return { kind: 'const', value: reference(arg, {}) }
  return null
}
