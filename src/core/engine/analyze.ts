import type { JsonLogic } from '../logic/types'
import { isLogic, isPrimitive, operands, ROW_READING_OPS, SCOPED_OPS } from './semantics'

/*
 * Static questions about a logic tree, answered by walking it the way json-logic-js applies it:
 * arrays are evaluated element by element, one-key objects are operations, other objects are data.
 */

/** True when the tree never reads the row: it evaluates to the same value for every customer. */
export function isDataIndependent(logic: JsonLogic): boolean {
  if (Array.isArray(logic)) return logic.every(isDataIndependent)
  if (!isLogic(logic)) return true
  const { op, args } = operands(logic)
  if (ROW_READING_OPS.has(op)) return false
  return args.every(isDataIndependent)
}

/**
 * The field a node reads when it is a plain `{"var": "field"}` (optionally with a literal default):
 * a literal, non-empty path without dots. Otherwise null — `"a.b"` descends into `a`, and `""`
 * returns the whole row.
 */
export function plainVarName(logic: JsonLogic): string | null {
  if (!isLogic(logic)) return null
  const { op, args } = operands(logic)
  if (op !== 'var' || args.length === 0 || args.length > 2 || !args.every(isPrimitive)) return null
  const path = args[0]
  if (typeof path !== 'string' && typeof path !== 'number') return null
  const name = String(path)
  return name === '' || name.includes('.') ? null : name
}

/** The literal default of a plain `var` (json-logic-js: `null` when none). */
export function varDefault(logic: { [op: string]: JsonLogic }): JsonLogic {
  const { args } = operands(logic)
  return args.length > 1 && args[1] !== undefined ? args[1] : null
}

/**
 * The first path segments (row keys) a tree can read, or null when it may read keys it does not
 * name literally (`var` with a computed or empty path, `missing`, `missing_some`). Rows holding
 * only these keys evaluate exactly like full rows.
 */
export function rowKeysRead(logic: JsonLogic): Set<string> | null {
  const keys = new Set<string>()
  return collectKeys(logic, keys) ? keys : null
}

function collectKeys(logic: JsonLogic, keys: Set<string>): boolean {
  if (Array.isArray(logic)) return logic.every((l) => collectKeys(l, keys))
  if (!isLogic(logic)) return true
  const { op, args } = operands(logic)
  if (op === 'missing' || op === 'missing_some') return false
  if (op === 'var') {
    const path = args[0]
    if (typeof path !== 'string' && typeof path !== 'number') return false
    const root = String(path).split('.')[0]
    if (root === '') return false
    keys.add(root)
  }
  return args.every((a) => collectKeys(a, keys))
}

/**
 * When every row read in the tree is a plain `var` of one and the same field accepted by
 * `eligible`, that field; else null. Such a tree's value depends on that field's value only, so it
 * can be evaluated once per distinct value instead of once per row.
 */
export function singleFieldRead(logic: JsonLogic, eligible: (name: string) => boolean): string | null {
  const found: { name: string | null } = { name: null }
  return walkSingleField(logic, eligible, found) ? found.name : null
}

function walkSingleField(logic: JsonLogic, eligible: (name: string) => boolean, found: { name: string | null }): boolean {
  if (Array.isArray(logic)) return logic.every((l) => walkSingleField(l, eligible, found))
  if (!isLogic(logic)) return true
  const { op, args } = operands(logic)
  if (op === 'var') {
    const name = plainVarName(logic)
    if (name === null || !eligible(name) || (found.name !== null && found.name !== name)) return false
    found.name = name
    return true
  }
  // Scoped operations evaluate their body on items, not rows; `log` must print once per row.
  if (ROW_READING_OPS.has(op) || SCOPED_OPS.has(op) || op === 'log') return false
  return args.every((a) => walkSingleField(a, eligible, found))
}

/** The field of a builder null guard `{"!=": [{"var": field}, null]}`, else null. */
export function nullGuardField(logic: JsonLogic): string | null {
  if (!isLogic(logic)) return null
  const { op, args } = operands(logic)
  return op === '!=' && args.length === 2 && args[1] === null ? plainVarName(args[0]) : null
}
