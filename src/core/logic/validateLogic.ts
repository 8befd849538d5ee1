import { CUSTOM_OPERATIONS } from './customOps'

// Static checks run on untrusted JSON-logic BEFORE it is evaluated (DESIGN.md §4 "Bad input and
// safety"). json-logic-js is not a sandbox: `var` walks the prototype chain, a non-operation
// object is returned as data (truthy: it matches everyone), `log` prints once per customer, deep
// nesting overflows the stack and `reduce`+`merge` can exhaust memory. So this refuses, with the
// JSON path of each problem:
// - `var` paths with a __proto__/constructor/prototype segment, or naming another inherited
//   Object.prototype member (toString, valueOf, …: truthy for every customer); `var`/`missing`
//   paths that are computed rather than literal (they could spell a prototype key at run time);
// - objects that are not single-key operations; values that are not JSON;
// - `log`, `method`, unknown operations, and (for now) reduce/map/all/some/none/merge;
// - our custom operations (customOps.ts) with the wrong number of arguments (they would quietly
//   select no one): `lower` takes one, the others two;
// - nesting deeper than maxDepth (operations and literal arrays count, argument lists do not);
// - arrays longer than maxArray, strings longer than maxString;
// - an empty `var` path outside filter predicates (it reads the whole row: matches everyone);
// - with `fields`: `var` paths whose first segment is not a field (outside filter predicates,
//   where `var` reads the array element instead of the row).

export interface LogicIssue {
  /** JSON path of the offending value, e.g. `$.and[1].in[0]`. */
  path: string
  reason: string
}

export interface ValidateLogicOptions {
  /** Known field names; when given, other `var` paths are refused. */
  fields?: readonly string[]
  maxDepth?: number
  maxArray?: number
  maxString?: number
  /** Stop after this many issues (a hostile file could otherwise produce millions). */
  maxIssues?: number
}

/** Documented limits of imported logic (README "Rule-set file format"). */
export const LOGIC_LIMITS = { maxDepth: 64, maxArray: 10_000, maxString: 10_000, maxIssues: 100 } as const

/** json-logic-js 2.0.5's own operations. */
export const STANDARD_OPERATIONS: readonly string[] = [
  '==', '===', '!=', '!==', '>', '>=', '<', '<=', '!!', '!', '%', 'log', 'in', 'cat', 'substr',
  '+', '*', '-', '/', 'min', 'max', 'merge', 'var', 'missing', 'missing_some',
  'if', '?:', 'and', 'or', 'filter', 'map', 'reduce', 'all', 'none', 'some',
]

const REFUSED = new Map<string, string>([
  ['log', '"log" is refused: it writes to the console once per customer'],
  ['method', '"method" is refused: it would call JavaScript methods on the data'],
  ...['reduce', 'map', 'merge'].map((op): [string, string] =>
    [op, `"${op}" is not supported yet: it builds arrays of unbounded size (memory exhaustion)`]),
  ...['all', 'some', 'none'].map((op): [string, string] =>
    [op, `"${op}" is not supported yet: iterating operations are not handled by the builder and the engine`]),
])

const ALLOWED = new Set<string>([...STANDARD_OPERATIONS.filter((op) => !REFUSED.has(op)), ...CUSTOM_OPERATIONS])

/** Argument counts of the custom operations. */
const CUSTOM_ARITY = new Map<string, number>(CUSTOM_OPERATIONS.map((op) => [op, op === 'lower' ? 1 : 2]))

const PROTOTYPE_KEYS = new Set(['__proto__', 'constructor', 'prototype'])
const INHERITED = new Set(Object.getOwnPropertyNames(Object.prototype))

/** `.key` for identifier-like keys, `["=="]` otherwise: the JSONPath member syntax. */
export function pathKey(key: string | number): string {
  if (typeof key === 'number') return `[${key}]`
  return /^[A-Za-z_$][\w$]*$/.test(key) ? `.${key}` : `[${JSON.stringify(key)}]`
}

interface State {
  issues: LogicIssue[]
  fields?: ReadonlySet<string>
  maxDepth: number
  maxArray: number
  maxString: number
  maxIssues: number
}

type Scope = 'row' | 'element'

function report(st: State, path: string, reason: string): void {
  if (st.issues.length < st.maxIssues) st.issues.push({ path, reason })
}

function isPlainObject(x: object): boolean {
  const proto = Object.getPrototypeOf(x)
  return proto === Object.prototype || proto === null
}

/** A literal `var`/`missing` path: prototype segments, inherited names, unknown fields. */
function checkPath(st: State, p: string, path: string, scope: Scope): void {
  const segments = p.split('.')
  const proto = segments.find((s) => PROTOTYPE_KEYS.has(s))
  if (proto !== undefined) return report(st, path, `var path "${p}" has a prototype segment "${proto}"`)
  const inherited = segments.find((s) => INHERITED.has(s))
  if (inherited !== undefined) return report(st, path, `var path "${p}" names the inherited property "${inherited}"`)
  if (scope === 'row' && st.fields && !st.fields.has(segments[0])) report(st, path, `unknown field "${p}"`)
}

const isLiteralKey = (x: unknown): x is string | number => typeof x === 'string' || typeof x === 'number'

function checkKeys(st: State, keys: unknown[], at: (i: number) => string, scope: Scope): void {
  keys.forEach((k, i) => {
    if (isLiteralKey(k)) checkPath(st, String(k), at(i), scope)
    else report(st, at(i), 'a field name here must be a literal string, not computed')
  })
}

/** The arguments of one operation. */
function walkOp(st: State, op: string, args: unknown, path: string, depth: number, scope: Scope): void {
  const p = path + pathKey(op)
  const refused = REFUSED.get(op)
  if (refused !== undefined) return report(st, p, refused)
  if (!ALLOWED.has(op)) return report(st, p, `unknown operation "${op}"`)
  const list = Array.isArray(args) ? args : [args]
  const at = (i: number): string => (Array.isArray(args) ? `${p}[${i}]` : p)
  if (list.length > st.maxArray) return report(st, p, `more than ${st.maxArray} arguments`)
  const arity = CUSTOM_ARITY.get(op)
  if (arity !== undefined && list.length !== arity) report(st, p, `"${op}" takes ${arity} argument${arity === 1 ? '' : 's'}, not ${list.length}`)
  if (op === 'var') {
    const first = list[0]
    if (first === undefined || first === null || first === '') {
      // An empty path reads the whole row object: truthy, so it would match everyone.
      if (scope === 'row') report(st, at(0), 'an empty "var" path reads the whole customer record')
    } else if (isLiteralKey(first)) checkPath(st, String(first), at(0), scope)
    else report(st, at(0), 'the path of "var" must be a literal string, not computed')
    list.slice(1).forEach((a, i) => walk(st, a, at(i + 1), depth + 1, scope))
  } else if (op === 'missing') {
    const keys = Array.isArray(list[0]) ? (list[0] as unknown[]) : list
    const keyAt = Array.isArray(list[0]) ? (i: number) => `${at(0)}[${i}]` : at
    checkKeys(st, keys, keyAt, scope)
  } else if (op === 'missing_some') {
    walk(st, list[0], at(0), depth + 1, scope)
    if (Array.isArray(list[1])) checkKeys(st, list[1], (i) => `${at(1)}[${i}]`, scope)
    else report(st, at(1), 'the field names of "missing_some" must be a literal array')
  } else {
    list.forEach((a, i) => walk(st, a, at(i), depth + 1, op === 'filter' && i === 1 ? 'element' : scope))
  }
}

function walk(st: State, x: unknown, path: string, depth: number, scope: Scope): void {
  if (st.issues.length >= st.maxIssues) return
  if (typeof x === 'string') {
    if (x.length > st.maxString) report(st, path, `string longer than ${st.maxString} characters`)
    return
  }
  if (x === null || typeof x === 'boolean') return
  if (typeof x === 'number') {
    if (!Number.isFinite(x)) report(st, path, 'not a finite number')
    return
  }
  if (typeof x !== 'object') return report(st, path, `not a JSON value (${typeof x})`)
  if (depth > st.maxDepth) return report(st, path, `nested deeper than ${st.maxDepth} levels`)
  if (Array.isArray(x)) {
    if (x.length > st.maxArray) return report(st, path, `array longer than ${st.maxArray} elements`)
    x.forEach((el, i) => walk(st, el, `${path}[${i}]`, depth + 1, scope))
    return
  }
  if (!isPlainObject(x)) return report(st, path, 'not a plain JSON object')
  const keys = Object.keys(x)
  if (keys.length !== 1) {
    const what = keys.length === 0 ? 'an empty object {}' : `an object with ${keys.length} keys`
    return report(st, path, `${what} is not an operation: json-logic-js would return it as data and match every customer`)
  }
  walkOp(st, keys[0], (x as Record<string, unknown>)[keys[0]], path, depth, scope)
}

/**
 * Checks untrusted JSON-logic before evaluation and returns every problem found (empty = safe to
 * evaluate with applyLogic). Paths are JSONPath from `$`, e.g. `$.and[1].in[0]`.
 */
export function validateLogic(logic: unknown, opts: ValidateLogicOptions = {}): LogicIssue[] {
  const st: State = {
    issues: [],
    fields: opts.fields ? new Set(opts.fields) : undefined,
    maxDepth: opts.maxDepth ?? LOGIC_LIMITS.maxDepth,
    maxArray: opts.maxArray ?? LOGIC_LIMITS.maxArray,
    maxString: opts.maxString ?? LOGIC_LIMITS.maxString,
    maxIssues: opts.maxIssues ?? LOGIC_LIMITS.maxIssues,
  }
  walk(st, logic, '$', 1, 'row')
  return st.issues
}
