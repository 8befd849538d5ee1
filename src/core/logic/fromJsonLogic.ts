import type { FieldMeta, FieldType } from '../fields/types'
import { parseIsoDate } from '../engine/columns'
import { cloneJson } from './cloneJson'
import { operatorFits } from './operators'
import { newId as defaultNewId } from './tree'
import type { AdvancedNode, Condition, ConditionValue, Group, JsonLogic, Operator, RuleNode } from './types'

// JSON-logic → rule tree, the inverse of toJsonLogic.ts (shapes documented there).
// Invariant: for EVERY JSON-logic L, nodeToJsonLogic(parsed node of L) deep-equals L. A shape is
// recognised as a condition only when toJsonLogic would emit exactly that shape back; anything
// else becomes a group (non-empty and/or arrays) or an advanced node kept verbatim. This is what
// makes toJsonLogic(fromJsonLogic(toJsonLogic(t))) equal toJsonLogic(t), and why foreign logic
// (other query builders, hand-written rules) is never dropped or silently rewritten.
// JSON-logic has no disabled nodes (toJsonLogic leaves them out), so no node made here is disabled.

type Obj = { [k: string]: JsonLogic }

interface Ctx {
  types: Map<string, FieldType>
  newId: () => string
}

/** A recognised shape: the operators it can mean (preferred first), and its value. */
interface Match {
  field: string
  ops: Operator[]
  value?: ConditionValue
  /** true: a list-field shape (`list_any`); false: a shape wrong for list fields (`in`). */
  list?: boolean
  /** The shape reads `{"lower": V}` (text operators with ignoreCase). */
  ignoreCase?: boolean
  /** Field compare: the other field, which must have the same type when both are known. */
  ref?: string
}

const isObj = (x: unknown): x is Obj => typeof x === 'object' && x !== null && !Array.isArray(x)

/** The operation of a single-key object, else undefined. */
function opOf(x: unknown): string | undefined {
  if (!isObj(x)) return undefined
  const keys = Object.keys(x)
  return keys.length === 1 ? keys[0] : undefined
}

/** The arguments of `{op: [...]}` when it has exactly `n` of them. */
function argsOf(x: unknown, op: string, n: number): JsonLogic[] | undefined {
  if (opOf(x) !== op) return undefined
  const a = (x as Obj)[op]
  return Array.isArray(a) && a.length === n ? a : undefined
}

/** The field of a canonical `{"var": "name"}`. */
function varOf(x: unknown): string | undefined {
  if (opOf(x) !== 'var') return undefined
  const f = (x as Obj).var
  return typeof f === 'string' && f !== '' ? f : undefined
}

const isNum = (x: unknown): x is number => typeof x === 'number' && Number.isFinite(x)
const isDate = (x: unknown): x is string => typeof x === 'string' && !Number.isNaN(parseIsoDate(x))
const isStrList = (x: unknown): x is string[] => Array.isArray(x) && x.every((s) => typeof s === 'string')

const COMPARE: Record<string, Operator> = { '<': 'lt', '<=': 'le', '>': 'gt', '>=': 'ge' }

/** V or `{"lower": V}`: the field and whether it is lower-cased. */
function textVarOf(x: unknown): { field: string; lower: boolean } | undefined {
  const f = varOf(x)
  if (f !== undefined) return { field: f, lower: false }
  const inner = opOf(x) === 'lower' ? varOf((x as Obj).lower) : undefined
  return inner === undefined ? undefined : { field: inner, lower: true }
}

const isLower = (s: string): boolean => s === s.toLowerCase()

/** Text shapes `{op:[T, s]}` / `{"in":[s, T]}` with T = V or {"lower": V} (constants lower-case then). */
function matchText(op: string, two: JsonLogic[]): Match | undefined {
  const t = textVarOf(two[0])
  const x = two[1]
  const ok = (s: unknown): s is string => typeof s === 'string' && (!t?.lower || isLower(s))
  if (t !== undefined) {
    const m = { field: t.field, ignoreCase: t.lower || undefined }
    if (op === '==' && ok(x) && t.lower) return { ...m, ops: ['text_eq'], value: x }
    if (op === 'starts_with' && ok(x)) return { ...m, ops: ['starts_with'], value: x }
    if (op === 'ends_with' && ok(x)) return { ...m, ops: ['ends_with'], value: x }
    if (op === 'in' && isStrList(x) && x.every(ok)) {
      return { ...m, ops: t.lower ? ['in_list'] : ['any_of', 'in_list'], value: [...x], list: false }
    }
  }
  const hay = textVarOf(x)
  if (op === 'in' && hay !== undefined && typeof two[0] === 'string' && (!hay.lower || isLower(two[0]))) {
    return { field: hay.field, ops: ['contains'], value: two[0], ignoreCase: hay.lower || undefined }
  }
  return undefined
}

/** The custom operations `{op: [V, n]}` of date fields, named like their operator. */
const DATE_COUNT_OPS = new Set<string>([
  'in_last_days', 'in_last_weeks', 'in_last_months', 'days_ago_at_least', 'in_next_days', 'anniversary_month',
])

/** Shapes that are a single operation on V: eq, text_eq, is_empty, not_empty, in, list_any, …. */
function matchPlain(l: JsonLogic): Match | undefined {
  const op = opOf(l)
  if (op === undefined) return undefined
  const two = argsOf(l, op, 2)
  const f = two && varOf(two[0])
  if (two && f !== undefined) {
    const x = two[1]
    if (op === '==' && x === null) return { field: f, ops: ['is_empty'] }
    if (op === '==' && isNum(x)) return { field: f, ops: ['eq'], value: x }
    if (op === '==' && typeof x === 'string') return { field: f, ops: ['text_eq'], value: x }
    if (op === '!=' && x === null) return { field: f, ops: ['not_empty'] }
    if (op === '===' && typeof x === 'boolean') return { field: f, ops: [x ? 'is_true' : 'is_false'] }
    if (op === 'list_any' && isStrList(x)) return { field: f, ops: ['any_of'], value: [...x], list: true }
    if (op === 'list_all' && isStrList(x)) return { field: f, ops: ['all_of'], value: [...x], list: true }
    if (op === '<' && isDate(x)) return { field: f, ops: ['before'], value: x }
    if (op === '>' && isDate(x)) return { field: f, ops: ['after'], value: x }
    if (op === 'on_day' && isDate(x)) return { field: f, ops: ['on'], value: x }
    if (DATE_COUNT_OPS.has(op) && isNum(x)) return { field: f, ops: [op as Operator], value: x }
  }
  const text = two && matchText(op, two)
  if (text) return text
  const three = argsOf(l, '<=', 3)
  const mid = three && varOf(three[1])
  if (three && mid !== undefined && isDate(three[0]) && isDate(three[2])) {
    return { field: mid, ops: ['date_between'], value: [three[0], three[2]] }
  }
  return undefined
}

/** What `{"!": shape}` means under a null guard. */
const NEGATED: Partial<Record<Operator, Operator>> = { any_of: 'none_of', in_list: 'not_in_list', contains: 'not_contains' }

/** `{"!": …}` under the guard: none_of, not_in_list, not_contains, not_between. */
function matchNegated(f: string, neg: JsonLogic): Match | undefined {
  const three = argsOf(neg, '<=', 3)
  if (three && varOf(three[1]) === f && isNum(three[0]) && isNum(three[2])) {
    return { field: f, ops: ['not_between'], value: [three[0], three[2]] }
  }
  const m = matchPlain(neg)
  if (!m || m.field !== f || m.ref !== undefined) return undefined
  const ops = m.ops.map((o) => NEGATED[o])
  if (ops.length === 0 || ops.some((o) => o === undefined)) return undefined
  return { ...m, ops: ops as Operator[] }
}

/** The test part of a guarded shape `{"and":[{"!=":[V,null]}, test]}`, for field f. */
function matchGuardedTest(f: string, t: JsonLogic): Match | undefined {
  const op = opOf(t)
  if (op === undefined) return undefined
  const two = argsOf(t, op, 2)
  if (two && varOf(two[0]) === f && isNum(two[1])) {
    if (op === '!=') return { field: f, ops: ['ne'], value: two[1] }
    if (COMPARE[op]) return { field: f, ops: [COMPARE[op]], value: two[1] }
  }
  const tv = two && textVarOf(two[0])
  if (op === '!=' && two && tv?.field === f && typeof two[1] === 'string' && (!tv.lower || isLower(two[1]))) {
    return { field: f, ops: ['text_ne'], value: two[1], ignoreCase: tv.lower || undefined }
  }
  const three = argsOf(t, '<=', 3)
  if (three && varOf(three[1]) === f && isNum(three[0]) && isNum(three[2])) {
    return { field: f, ops: ['between'], value: [three[0], three[2]] }
  }
  return op === '!' ? matchNegated(f, (t as Obj)['!']) : undefined
}

/** The field of a guard `{"!=":[V,null]}`. */
function guardOf(x: unknown): string | undefined {
  const guard = argsOf(x, '!=', 2)
  return guard && guard[1] === null ? varOf(guard[0]) : undefined
}

function matchGuarded(l: JsonLogic): Match | undefined {
  const parts = argsOf(l, 'and', 2)
  const f = parts && guardOf(parts[0])
  return parts && f !== undefined ? matchGuardedTest(f, parts[1]) : undefined
}

/** Field compare: which operators each test means (toJsonLogic FIELD_TEST, read backwards). */
const FIELD_OPS: Record<string, Operator[]> = {
  '==': ['eq', 'text_eq'], '!=': ['ne', 'text_ne'], '<': ['lt', 'before'], '<=': ['le'], '>': ['gt', 'after'],
  '>=': ['ge'], on_day: ['on'],
}

/** `{"and":[{"!=":[A,null]},{"!=":[B,null]},{op:[A,B]}]}`, both sides lower-cased or neither. */
function matchFieldCompare(l: JsonLogic): Match | undefined {
  const parts = argsOf(l, 'and', 3)
  const a = parts && guardOf(parts[0])
  const b = parts && guardOf(parts[1])
  const op = parts && opOf(parts[2])
  if (!parts || a === undefined || b === undefined || op === undefined || !FIELD_OPS[op]) return undefined
  const two = argsOf(parts[2], op, 2)
  const x = two && textVarOf(two[0])
  const y = two && textVarOf(two[1])
  if (!x || !y || x.field !== a || y.field !== b || x.lower !== y.lower) return undefined
  const ops = x.lower ? FIELD_OPS[op].filter((o) => o === 'text_eq' || o === 'text_ne') : FIELD_OPS[op]
  return ops.length === 0 ? undefined : { field: a, ops, value: { field: b }, ref: b, ignoreCase: x.lower || undefined }
}

/** Turns a shape into a condition, choosing the operator that fits the field's known type. */
function toCondition(m: Match, ctx: Ctx): Condition | undefined {
  const t = ctx.types.get(m.field)
  const op = t === undefined ? m.ops[0] : m.ops.find((o) => operatorFits(o, t))
  if (op === undefined) return undefined
  if (t !== undefined && m.list !== undefined && (t === 'list') !== m.list) return undefined
  const refType = m.ref === undefined ? undefined : ctx.types.get(m.ref)
  if (t !== undefined && refType !== undefined && refType !== t) return undefined
  const c: Condition = { kind: 'condition', id: ctx.newId(), field: m.field, op }
  if (m.value !== undefined) c.value = m.value
  if (m.ignoreCase === true) c.ignoreCase = true
  const fieldType = t ?? (m.list ? 'list' : undefined)
  if (fieldType !== undefined) c.fieldType = fieldType
  return c
}

/** `{"and"|"or": [non-empty]}` as a group. */
function parseCombinator(l: JsonLogic, ctx: Ctx): Group | undefined {
  const op = opOf(l)
  if (op !== 'and' && op !== 'or') return undefined
  const kids = (l as Obj)[op]
  if (!Array.isArray(kids) || kids.length === 0) return undefined
  const id = ctx.newId()
  return { kind: 'group', id, combinator: op, children: kids.map((k) => parseNode(k, ctx)) }
}

/** The group forms toJsonLogic emits: true / false (empty), and/or, and `!` around and/or. */
function parseGroup(l: JsonLogic, ctx: Ctx): Group | undefined {
  if (l === true || l === false) {
    const g: Group = { kind: 'group', id: ctx.newId(), combinator: 'and', children: [] }
    if (l === false) g.not = true
    return g
  }
  if (opOf(l) === '!') {
    const inner = parseCombinator((l as Obj)['!'], ctx)
    return inner && { ...inner, not: true }
  }
  return parseCombinator(l, ctx)
}

function parseNode(l: JsonLogic, ctx: Ctx): RuleNode {
  const m = matchPlain(l) ?? matchGuarded(l) ?? matchFieldCompare(l)
  const c = m && toCondition(m, ctx)
  if (c) return c
  const g = parseGroup(l, ctx)
  if (g) return g
  const adv: AdvancedNode = { kind: 'advanced', id: ctx.newId(), logic: cloneJson(l) }
  return adv
}

/**
 * Reads JSON-logic (ours or another tool's) into a builder tree. Canonical shapes become
 * conditions, and/or become groups, `{"!": and/or}` a negated group, `true` the empty group;
 * everything else is kept verbatim as an advanced node. With `fields`, each condition gets the
 * operator and `fieldType` that fit the field, and a shape that does not fit it stays advanced.
 * Logic that is not a group at the top is wrapped in an `and` group.
 */
export function fromJsonLogic(logic: JsonLogic, fields?: FieldMeta[], newId: () => string = defaultNewId): Group {
  const ctx: Ctx = { types: new Map((fields ?? []).map((f) => [f.name, f.type])), newId }
  const g = parseGroup(logic, ctx)
  if (g) return g
  return { kind: 'group', id: ctx.newId(), combinator: 'and', children: [parseNode(logic, ctx)] }
}
