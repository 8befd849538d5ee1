import type { FieldMeta, FieldType } from '../fields/types'
import { fromJsonLogic } from './fromJsonLogic'
import { newId as defaultNewId } from './tree'
import type { Group, JsonLogic, RuleNode } from './types'

// JSON-logic exported by other query builders (react-awesome-query-builder, react-querybuilder)
// → builder tree, WITHOUT changing which customers match under json-logic-js.
//
// Their shapes lack our null guards, so most cannot be read as our conditions as they are:
// `{"<":[V,30]}` matches null ages (null < 30 is true in JavaScript), our `lt` does not. Before
// fromJsonLogic reads the logic, this pass rewrites a foreign shape into an equivalent canonical
// one — equal on EVERY row value, not only typical ones — and otherwise leaves it alone (it then
// stays a read-only advanced block):
//   {"!=":[V,x]}  (x number/string)  → NOT( V == x )            (json-logic-js: a != b ≡ !(a == b))
//   {"<":[V,n]} (and <=, >, >=)       → lt n, or (lt n OR is empty) when `null < n` holds (0 < n)
//   {"<=":[a,V,b]} (numbers)          → between a..b, or (between OR is empty) when a ≤ 0 ≤ b
//   {"!": X} (X a readable shape)     → NOT( X )                  (a negated one-child group)
//   {"startsWith":[V,s]} (s a string) → starts_with s             } react-querybuilder's additional
//   {"endsWith":[V,s]}   (s a string) → ends_with s               } operations: `typeof a === "string"
//                                                                   && a.startsWith(b)`, ours also
//                                                                   needs b a string: same when it is
//   {"==":[V,s]} on a CATEGORY field  → any of [s]                 } rely on the row contract:
//   {"==":[V,true|false]} on BOOLEAN  → is true / is false         } such cells hold strings /
//   {"!":V} / {"!!":V} ("is empty")   → is empty OR = 0 / = "" / …  } booleans / numbers / ISO
//                                       (and its negation)          } dates or null only
// A rewrite is kept only when the result reads back without advanced nodes. Everything else
// (startsWith/endsWith with a non-string, `!`/`!!` on a list or unknown field, numeric lists,
// string numbers) stays advanced. Negations keep their `!`: react-querybuilder's
// doesNotBeginWith / doesNotContain and react-awesome-query-builder's not_like / not_between /
// select_not_any_in match a missing value (`!false`), which our guarded not_* operators do not,
// so they become negated groups, never not_contains / not_between / not_in_list.
// (react-awesome-query-builder exports no JSON-logic for starts_with, ends_with and proximity.)

type Obj = { [k: string]: JsonLogic }
type Types = ReadonlyMap<string, FieldType>

const isObj = (x: unknown): x is Obj => typeof x === 'object' && x !== null && !Array.isArray(x)
const isNum = (x: unknown): x is number => typeof x === 'number' && Number.isFinite(x)

function opOf(x: unknown): string | undefined {
  if (!isObj(x)) return undefined
  const keys = Object.keys(x)
  return keys.length === 1 ? keys[0] : undefined
}

function varOf(x: unknown): string | undefined {
  if (opOf(x) !== 'var') return undefined
  const f = (x as Obj).var
  return typeof f === 'string' && f !== '' ? f : undefined
}

function args(x: JsonLogic, op: string, n: number): JsonLogic[] | undefined {
  const a = (x as Obj)[op]
  return Array.isArray(a) && a.length === n ? a : undefined
}

const isEmpty = (V: JsonLogic): JsonLogic => ({ '==': [V, null] })
const guarded = (V: JsonLogic, test: JsonLogic): JsonLogic => ({ and: [{ '!=': [V, null] }, test] })
/** `test` guarded against null, OR'ed with "is empty" when json-logic-js lets null through. */
const withNull = (V: JsonLogic, test: JsonLogic, nullMatches: boolean): JsonLogic =>
  nullMatches ? { or: [guarded(V, test), isEmpty(V)] } : guarded(V, test)

const NULL_AS_ZERO: Record<string, (n: number) => boolean> = {
  '<': (n) => 0 < n, '<=': (n) => 0 <= n, '>': (n) => 0 > n, '>=': (n) => 0 >= n,
}

/** Two-argument comparisons and equalities on one field. */
function rewriteBinary(l: JsonLogic, op: string, t: Types): JsonLogic | undefined {
  const two = args(l, op, 2)
  const f = two && varOf(two[0])
  if (!two || f === undefined) return undefined
  const [V, x] = two
  if (op === '!=' && (isNum(x) || typeof x === 'string')) return { '!': { and: [rewriteLeaf({ '==': [V, x] }, t)] } }
  if (NULL_AS_ZERO[op] && isNum(x)) return withNull(V, { [op]: [V, x] }, NULL_AS_ZERO[op](x))
  if (op === '==' && typeof x === 'string' && t.get(f) === 'category') return { in: [V, [x]] }
  if (op === '==' && typeof x === 'boolean' && t.get(f) === 'boolean') return { '===': [V, x] }
  if (op === 'startsWith' && typeof x === 'string') return { starts_with: [V, x] }
  if (op === 'endsWith' && typeof x === 'string') return { ends_with: [V, x] }
  return undefined
}

/** A comparison or equality leaf rewritten to a canonical equivalent, or itself. */
function rewriteLeaf(l: JsonLogic, t: Types): JsonLogic {
  const op = opOf(l)
  if (op === undefined) return l
  const three = op === '<=' ? args(l, op, 3) : undefined
  if (three && varOf(three[1]) !== undefined && isNum(three[0]) && isNum(three[2])) {
    const [a, V, b] = three
    return withNull(V, { '<=': [a, V, b] }, a <= 0 && 0 <= b)
  }
  if (op === '!!') return rewriteTruthy(l, t) ?? l
  return rewriteBinary(l, op, t) ?? l
}

/**
 * `{"!": V}` (react-awesome-query-builder's "is empty"): V is falsy. By the row contract a
 * number cell is a number or null, text/category a string or null, boolean true/false/null and
 * a date an ISO string or null, so "falsy" is "missing, or 0 / "" / false". Lists ([] is falsy
 * too) and unknown fields are left alone.
 */
function falsyShape(V: JsonLogic, type: FieldType | undefined): JsonLogic | undefined {
  const orEmpty = (x: JsonLogic): JsonLogic => ({ or: [{ '==': [V, null] }, x] })
  switch (type) {
    case 'number': return orEmpty({ '==': [V, 0] })
    case 'text': return orEmpty({ '==': [V, ''] })
    case 'category': return orEmpty({ in: [V, ['']] })
    case 'boolean': return orEmpty({ '===': [V, false] })
    case 'date': return { '==': [V, null] }
    default: return undefined
  }
}

/** The single argument of a unary operation (`{"!": x}` or `{"!": [x]}`). */
function unaryArg(l: JsonLogic, op: string): JsonLogic | undefined {
  const raw = (l as Obj)[op]
  return Array.isArray(raw) ? (raw.length === 1 ? raw[0] : undefined) : raw
}

/** `{"!!": V}` ("is not empty"): not falsy, i.e. the negation of falsyShape. */
function rewriteTruthy(l: JsonLogic, t: Types): JsonLogic | undefined {
  const V = unaryArg(l, '!!')
  const f = V === undefined ? undefined : varOf(V)
  const falsy = f === undefined ? undefined : falsyShape(V!, t.get(f))
  if (falsy === undefined) return undefined
  return opOf(falsy) === 'or' ? { '!': falsy } : { '!=': [V!, null] }
}

/** `{"!": x}` (or `{"!": [x]}`): a negated group when x reads as conditions. */
function rewriteNot(l: JsonLogic, t: Types): JsonLogic {
  const x = unaryArg(l, '!')
  if (x === undefined) return l
  const f = varOf(x)
  const falsy = f === undefined ? undefined : falsyShape(x, t.get(f))
  if (falsy !== undefined) return keepIfReadable(l, falsy, t)
  const xop = opOf(x)
  // A negated and/or is already a negated group; its children are checked one by one.
  if (xop === 'and' || xop === 'or') return { '!': rewrite(x, t) }
  return keepIfReadable(l, { '!': { and: [rewrite(x, t)] } }, t)
}

/** Rewrites inside and/or/! and at the leaves; other operations are left whole. */
function rewrite(l: JsonLogic, t: Types): JsonLogic {
  const op = opOf(l)
  if (op === 'and' || op === 'or') {
    // Our own guarded shapes (`{"and":[guard, test]}`) are conditions already: leave them whole.
    if (readsAs(l, t, (n) => n.kind === 'condition')) return l
    const kids = (l as Obj)[op]
    return Array.isArray(kids) ? { [op]: kids.map((k) => rewrite(k, t)) } : l
  }
  if (op === '!') return rewriteNot(l, t)
  return keepIfReadable(l, rewriteLeaf(l, t), t)
}

const hasAdvanced = (n: RuleNode): boolean =>
  n.kind === 'advanced' || (n.kind === 'group' && n.children.some(hasAdvanced))

/** Whether `l`, read by fromJsonLogic with the known field types, gives a node passing `test`. */
function readsAs(l: JsonLogic, t: Types, test: (n: RuleNode) => boolean): boolean {
  const fields = [...t].map(([name, type]) => ({ name, type }))
  const g = fromJsonLogic({ and: [l] }, fields.length > 0 ? fields : undefined, () => 'probe')
  return test(g.children[0])
}

/** The rewrite when it reads back as conditions and groups only; else the original shape. */
function keepIfReadable(original: JsonLogic, rewritten: JsonLogic, t: Types): JsonLogic {
  if (rewritten === original) return original
  return readsAs(rewritten, t, (n) => !hasAdvanced(n)) ? rewritten : original
}

/**
 * Rewrites another tool's JSON-logic into canonical shapes that select exactly the same
 * customers under json-logic-js (the rewrites are listed in the header of this file).
 */
export function canonicalizeForeign(logic: JsonLogic, fields?: readonly FieldMeta[]): JsonLogic {
  return rewrite(logic, new Map((fields ?? []).map((f) => [f.name, f.type])))
}

/**
 * Reads JSON-logic from react-awesome-query-builder, react-querybuilder or by hand into a
 * builder tree: shapes our operators express exactly become conditions; the rest stays as
 * advanced blocks. `toJsonLogic(result)` selects the same customers as `logic`.
 */
export function importForeignLogic(logic: JsonLogic, fields?: FieldMeta[], newId: () => string = defaultNewId): Group {
  return fromJsonLogic(canonicalizeForeign(logic, fields), fields, newId)
}
