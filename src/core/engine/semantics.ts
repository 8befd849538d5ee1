import type { JsonLogic } from '../logic/types'

/*
 * json-logic-js 2.0.5 semantics the compiler must reproduce, in one place.
 * The comparison operations there are literally `a == b`, `a < b`, …; the functions below are
 * the same JavaScript expressions, so evaluating them on a value gives the reference's answer.
 */

export type CompareOp = '==' | '!=' | '===' | '!==' | '<' | '<=' | '>' | '>='

export const COMPARE_OPS: ReadonlySet<string> = new Set<CompareOp>(['==', '!=', '===', '!==', '<', '<=', '>', '>='])

/** `x op y` ≡ `y FLIPPED[op] x` for primitives (JS defines `a <= b` as `!(b < a)`, as `b >= a`). */
export const FLIPPED: Record<CompareOp, CompareOp> = {
  '==': '==', '!=': '!=', '===': '===', '!==': '!==', '<': '>', '<=': '>=', '>': '<', '>=': '<=',
}

/** json-logic-js operations whose arguments are not evaluated against the row (they rebind data). */
export const SCOPED_OPS: ReadonlySet<string> = new Set(['filter', 'map', 'reduce', 'all', 'none', 'some'])

/** Operations that read the row other than through a literal `var` path. */
export const ROW_READING_OPS: ReadonlySet<string> = new Set(['var', 'missing', 'missing_some'])

/** json-logic truthiness: like JavaScript, except that an empty array is false. */
export function truthy(value: unknown): boolean {
  if (Array.isArray(value) && value.length === 0) return false
  return !!value
}

/** The reference's two-argument comparison, `a op b`, with JavaScript's coercions. */
export function compareValues(op: CompareOp, a: unknown, b: unknown): boolean {
  // Relational operators on `unknown` need a cast; the emitted JavaScript is the reference's.
  const x = a as number, y = b as number
  switch (op) {
    case '==': return a == b
    case '!=': return a != b
    case '===': return a === b
    case '!==': return a !== b
    case '<': return x < y
    case '<=': return x <= y
    case '>': return x > y
    case '>=': return x >= y
  }
}

/** The reference's `in`: substring for strings, `===` membership for arrays, false otherwise. */
export function inValue(needle: unknown, haystack: unknown): boolean {
  if (!haystack) return false
  const h = haystack as { indexOf?: (x: unknown) => number }
  if (typeof h.indexOf === 'undefined') return false
  return h.indexOf(needle) !== -1
}

/** json-logic-js `is_logic`: a non-array object with exactly one key. */
export function isLogic(x: unknown): x is { [op: string]: JsonLogic } {
  return typeof x === 'object' && x !== null && !Array.isArray(x) && Object.keys(x).length === 1
}

/** Operator and argument list of a logic node, as json-logic-js reads them (a non-array is one argument). */
export function operands(logic: { [op: string]: JsonLogic }): { op: string; args: JsonLogic[] } {
  const op = Object.keys(logic)[0]
  const values = logic[op]
  return { op, args: Array.isArray(values) ? values : [values] }
}

/** True for values json-logic-js returns unchanged and that compare as primitives. */
export function isPrimitive(x: unknown): x is string | number | boolean | null | undefined {
  return x === null || (typeof x !== 'object' && typeof x !== 'function')
}

/**
 * A stable key for a logic tree: object keys sorted, and numbers that JSON would merge kept
 * apart (`-0` vs `0`, `NaN` vs `null`), since `{"/":[1,-0]}` and `{"/":[1,0]}` differ.
 * `memo` remembers the keys of sub-objects so that keying every level of a tree stays linear.
 */
export function canonicalKey(x: unknown, memo?: WeakMap<object, string>): string {
  if (x === null) return 'null'
  switch (typeof x) {
    case 'number':
      if (Object.is(x, -0)) return '-0'
      return Number.isFinite(x) ? String(x) : `#${String(x)}`
    case 'string': return JSON.stringify(x)
    case 'boolean': return x ? 'true' : 'false'
    case 'object': {
      const known = memo?.get(x)
      if (known !== undefined) return known
      const key = Array.isArray(x)
        ? `[${x.map((e) => canonicalKey(e, memo)).join(',')}]`
        : `{${Object.keys(x).sort().map((k) => `${JSON.stringify(k)}:${canonicalKey((x as Record<string, unknown>)[k], memo)}`).join(',')}}`
      memo?.set(x, key)
      return key
    }
    default: return `#${typeof x}`
  }
}
