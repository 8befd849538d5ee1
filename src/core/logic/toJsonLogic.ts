import { cloneJson } from './cloneJson'
import type { Condition, ConditionValue, Group, JsonLogic, RuleNode } from './types'

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

/** The canonical JSON-logic of one condition (shapes in the header of this file). */
export function conditionToJsonLogic(c: Condition): JsonLogic {
  const f = c.field
  const V = v(f)
  const isList = c.fieldType === 'list'
  switch (c.op) {
    case 'eq': case 'text_eq': return { '==': [V, scalar(c.value)] }
    case 'ne': return guarded(f, { '!=': [V, scalar(c.value)] })
    case 'lt': case 'le': case 'gt': case 'ge': return guarded(f, { [COMPARE[c.op]]: [V, scalar(c.value)] })
    case 'between': {
      const [a, b] = pair(c.value)
      return guarded(f, { '<=': [a, V, b] })
    }
    case 'contains': return { in: [scalar(c.value), V] }
    case 'in_list': return { in: [V, list(c.value)] }
    case 'any_of': return isList ? { list_any: [V, list(c.value)] } : { in: [V, list(c.value)] }
    case 'none_of': return guarded(f, { '!': isList ? { list_any: [V, list(c.value)] } : { in: [V, list(c.value)] } })
    case 'is_true': return { '===': [V, true] }
    case 'is_false': return { '===': [V, false] }
    case 'before': return { '<': [V, scalar(c.value)] }
    case 'after': return { '>': [V, scalar(c.value)] }
    case 'date_between': {
      const [a, b] = pair(c.value)
      return { '<=': [a, V, b] }
    }
    case 'in_last_days': return { in_last_days: [V, scalar(c.value)] }
    case 'is_empty': return { '==': [V, null] }
    case 'not_empty': return notNull(f)
  }
}

/** The JSON-logic of any rule node. */
export function nodeToJsonLogic(node: RuleNode): JsonLogic {
  switch (node.kind) {
    case 'condition': return conditionToJsonLogic(node)
    case 'group': return toJsonLogic(node)
    case 'advanced': return cloneJson(node.logic)
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
