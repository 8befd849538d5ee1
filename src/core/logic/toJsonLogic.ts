import { cloneJson } from './cloneJson'
import { isFieldRef, operatorInfo } from './operators'
import type { Condition, ConditionValue, Group, JsonLogic, Operator, RuleNode } from './types'

/*
 * Rule tree → canonical JSON-logic (DESIGN.md §3: JSON-logic is the contract).
 *
 * MISSING VALUES. In the rows json-logic-js evaluates (engine/columns.ts `cellValue`), a missing
 * value is `null`, and a key absent from the row reads as `null` too. A missing value FAILS every
 * condition except `is_empty`, which matches exactly the missing values (and `not_empty`, its
 * negation, which fails them). `""` and `[]` are values, not missing: importers that want empty
 * cells to count as missing store them as missing. A guard `{"!=":[V,null]}` is added only where
 * json-logic-js would otherwise let null through — `null < 5` is true in JavaScript and `!` turns
 * "null is not in the list" into a match; `==`, `===`, `in`, the string comparisons and our
 * custom operations already fail on null. Every faster path (engine, SQL export) must follow this.
 *
 * Canonical shapes, V = {"var": field}:
 *   eq           {"==":[V,n]}                    ne        {"and":[{"!=":[V,null]},{"!=":[V,n]}]}
 *   lt le gt ge  {"and":[{"!=":[V,null]},{"<":[V,n]}]}  (and "<=", ">", ">=")
 *   between      {"and":[{"!=":[V,null]},{"<=":[a,V,b]}]}            (inclusive)
 *   text_eq      {"==":[V,s]}                    contains  {"in":[s,V]}
 *   in_list, any_of (category)   {"in":[V,[s…]]}
 *   none_of (category)           {"and":[{"!=":[V,null]},{"!":{"in":[V,[s…]]}}]}
 *   any_of (list)                {"list_any":[V,[s…]]}
 *   none_of (list)               {"and":[{"!=":[V,null]},{"!":{"list_any":[V,[s…]]}}]}
 *   is_true      {"===":[V,true]}                is_false  {"===":[V,false]}
 *   before       {"<":[V,d]}                     after     {">":[V,d]}
 *   date_between {"<=":[d1,V,d2]}                in_last_days {"in_last_days":[V,n]}
 *   is_empty     {"==":[V,null]}                 not_empty {"!=":[V,null]}
 *   not_between  {"and":[{"!=":[V,null]},{"!":{"<=":[a,V,b]}}]}
 *   text_ne      {"and":[{"!=":[V,null]},{"!=":[V,s]}]}
 *   not_contains {"and":[{"!=":[V,null]},{"!":{"in":[s,V]}}]}
 *   starts_with  {"starts_with":[V,s]}           ends_with {"ends_with":[V,s]}
 *   not_in_list  {"and":[{"!=":[V,null]},{"!":{"in":[V,[s…]]}}]}   (same shape as category none_of)
 *   all_of (list) {"list_all":[V,[s…]]}          on        {"on_day":[V,d]}
 *   in_last_weeks {"in_last_weeks":[V,n]}  in_last_months {"in_last_months":[V,n]}
 *   days_ago_at_least {"days_ago_at_least":[V,n]}  in_next_days {"in_next_days":[V,n]}
 *   anniversary_month {"anniversary_month":[V,m]}  (m = 1–12, 0 = the month of asOf)
 *   (the custom operations' exact meaning is in customOps.ts)
 *
 * ignoreCase (text operators): in the TEST part V becomes {"lower":V} and the constants are
 * emitted lower-cased; a guard keeps the plain V. E.g. contains "Ab" → {"in":["ab",{"lower":V}]},
 * text_ne → {"and":[{"!=":[V,null]},{"!=":[{"lower":V},"ab"]}]}.
 *
 * Field compare (value {"field": B} on an operator with `fieldCompare`), A = V, B = {"var": B}:
 *   {"and":[{"!=":[A,null]},{"!=":[B,null]},T]} with T the operator's test on A and B:
 *   eq/text_eq "==", ne/text_ne "!=", lt "<", le "<=", gt ">", ge ">=", before "<", after ">",
 *   on "on_day"; with ignoreCase both sides are wrapped in {"lower":…}. Either side missing fails.
 *
 * Edge cases that follow from json-logic-js and that other evaluators must reproduce:
 * - Dates compare as ISO strings. Write values at the field's precision: on a datetime field,
 *   `after "2024-01-01"` matches "2024-01-01T10:00:00" (longer string sorts after its prefix).
 * - `contains` never matches the empty string `""` (json-logic-js `in` treats a falsy haystack as
 *   absent); `contains ""` matches every other string.
 * - Lists compare elements with `===`; a list value of another type (number) never matches.
 * - Number and date fields hold numbers / ISO strings or null (engine/columns.ts); anything else
 *   there (e.g. `""`, which json-logic-js compares as 0) is outside the row contract.
 *
 * Groups: `and`/`or` over the children's logic, `{"!": …}` around a negated group. An EMPTY group
 * means "everyone": `true` (negated: `false`). A group with one child stays a group, so the tree
 * survives fromJsonLogic. Advanced nodes emit (a copy of) their logic unchanged. A child with
 * `disabled: true` (switched off in the builder, kept in the tree) is left out as if absent, so
 * the JSON-logic never carries it and fromJsonLogic never makes one: a disabled node lives only
 * in the stored tree (and the rule-set file's `rule`), never in `logic`.
 *
 * Incomplete values (the user has not typed one yet) are emitted as `null` in the value slot,
 * so the result is always JSON; valueFitsOperator (operators.ts) tells the UI which ones to flag.
 */

const v = (field: string): JsonLogic => ({ var: field })
const notNull = (field: string): JsonLogic => ({ '!=': [v(field), null] })
const guarded = (field: string, test: JsonLogic): JsonLogic => ({ and: [notNull(field), test] })

const scalar = (x: ConditionValue | undefined): JsonLogic =>
  typeof x === 'number' || typeof x === 'string' ? x : null
const pair = (x: ConditionValue | undefined): [JsonLogic, JsonLogic] =>
  Array.isArray(x) && x.length === 2 ? [scalar(x[0]), scalar(x[1])] : [null, null]
const list = (x: ConditionValue | undefined): JsonLogic =>
  Array.isArray(x) ? x.map((s) => (typeof s === 'string' ? s : String(s))) : []

const COMPARE = { lt: '<', le: '<=', gt: '>', ge: '>=' } as const

/** The test of a field-vs-field comparison, per operator (fieldCompare operators only). */
const FIELD_TEST: Partial<Record<Operator, string>> = {
  eq: '==', ne: '!=', lt: '<', le: '<=', gt: '>', ge: '>=', text_eq: '==', text_ne: '!=',
  before: '<', after: '>', on: 'on_day',
}

/** `{"and":[A != null, B != null, A op B]}`, the shape of a field-vs-field comparison. */
function fieldCompare(c: Condition, other: string): JsonLogic {
  const low = (x: JsonLogic): JsonLogic => (c.ignoreCase === true ? { lower: x } : x)
  const test = FIELD_TEST[c.op] ?? '=='
  return { and: [notNull(c.field), notNull(other), { [test]: [low(v(c.field)), low(v(other))] }] }
}

/** Text operators: V and the constant(s), lower-cased when the condition ignores case. */
function textParts(c: Condition): { T: JsonLogic; s: JsonLogic; l: JsonLogic } {
  const V = v(c.field)
  if (c.ignoreCase !== true) return { T: V, s: scalar(c.value), l: list(c.value) }
  const s = scalar(c.value)
  const l = list(c.value) as string[]
  return { T: { lower: V }, s: typeof s === 'string' ? s.toLowerCase() : s, l: l.map((x) => x.toLowerCase()) }
}

type TextOperator = 'text_eq' | 'text_ne' | 'contains' | 'not_contains' | 'starts_with' | 'ends_with' | 'in_list' | 'not_in_list'

/** The operators of text fields (ignoreCase applies). */
function textToJsonLogic(c: Condition & { op: TextOperator }): JsonLogic {
  const { T, s, l } = textParts(c)
  const f = c.field
  switch (c.op) {
    case 'text_eq': return { '==': [T, s] }
    case 'text_ne': return guarded(f, { '!=': [T, s] })
    case 'contains': return { in: [s, T] }
    case 'not_contains': return guarded(f, { '!': { in: [s, T] } })
    case 'starts_with': return { starts_with: [T, s] }
    case 'ends_with': return { ends_with: [T, s] }
    case 'in_list': return { in: [T, l] }
    case 'not_in_list': return guarded(f, { '!': { in: [T, l] } })
  }
}

/** The canonical JSON-logic of one condition (shapes in the header of this file). */
export function conditionToJsonLogic(c: Condition): JsonLogic {
  // A FieldRef whose field is not chosen yet is an incomplete value: emitted as null like others.
  if (isFieldRef(c.value) && c.value.field !== '' && operatorInfo(c.op)?.fieldCompare === true) {
    return fieldCompare(c, c.value.field)
  }
  return otherToJsonLogic(c)
}

function otherToJsonLogic(c: Condition): JsonLogic {
  const f = c.field
  const V = v(f)
  const isList = c.fieldType === 'list'
  const n = scalar(c.value)
  switch (c.op) {
    case 'eq': return { '==': [V, n] }
    case 'ne': return guarded(f, { '!=': [V, n] })
    case 'lt': case 'le': case 'gt': case 'ge': return guarded(f, { [COMPARE[c.op]]: [V, n] })
    case 'between': return guarded(f, { '<=': [pair(c.value)[0], V, pair(c.value)[1]] })
    case 'not_between': return guarded(f, { '!': { '<=': [pair(c.value)[0], V, pair(c.value)[1]] } })
    case 'any_of': return isList ? { list_any: [V, list(c.value)] } : { in: [V, list(c.value)] }
    case 'all_of': return { list_all: [V, list(c.value)] }
    case 'none_of': return guarded(f, { '!': isList ? { list_any: [V, list(c.value)] } : { in: [V, list(c.value)] } })
    case 'is_true': return { '===': [V, true] }
    case 'is_false': return { '===': [V, false] }
    case 'before': return { '<': [V, n] }
    case 'after': return { '>': [V, n] }
    case 'on': return { on_day: [V, n] }
    case 'date_between': return { '<=': [pair(c.value)[0], V, pair(c.value)[1]] }
    case 'in_last_days': case 'in_last_weeks': case 'in_last_months': case 'days_ago_at_least':
    case 'in_next_days': case 'anniversary_month': return { [c.op]: [V, n] }
    case 'is_empty': return { '==': [V, null] }
    case 'not_empty': return notNull(f)
    case 'text_eq': case 'text_ne': case 'contains': case 'not_contains': case 'starts_with': case 'ends_with':
    case 'in_list': case 'not_in_list': return textToJsonLogic({ ...c, op: c.op })
  }
}

/** The JSON-logic of any rule node. */
export function nodeToJsonLogic(node: RuleNode): JsonLogic {
  switch (node.kind) {
    case 'condition': return conditionToJsonLogic(node)
    case 'group': return toJsonLogic(node)
    case 'advanced': return cloneJson(node.logic)
    // Only expandSegmentRefs (segmentRefs.ts) knows the referenced rule: evaluating or exporting an
    // unexpanded reference is a programming error, never a silent "nobody".
    case 'segment': throw new Error(`segment reference ${node.id} must be expanded first (expandSegmentRefs)`)
  }
}

/** Whether `node` takes part in the JSON-logic: a disabled condition or group is left out. */
export function isEnabled(node: RuleNode): boolean {
  return node.kind === 'advanced' || node.disabled !== true
}

/**
 * The canonical JSON-logic of a group: the exported, evaluated form of a rule. Disabled children
 * are left out, so a group whose children are all disabled is empty ("everyone"). The group's own
 * `disabled` is not read here: its parent leaves it out (and the root cannot be disabled).
 */
export function toJsonLogic(group: Group): JsonLogic {
  const children = group.children.filter(isEnabled)
  if (children.length === 0) return !group.not
  const inner: JsonLogic = { [group.combinator]: children.map(nodeToJsonLogic) }
  return group.not ? { '!': inner } : inner
}
