import fc from 'fast-check'
import type { FieldMeta, FieldType } from '../../../src/core/fields/types'
import { operatorsFor } from '../../../src/core/logic/operators'
import { conditionToJsonLogic } from '../../../src/core/logic/toJsonLogic'
import type { Condition, ConditionValue, Group, JsonLogic, Operator, RuleNode } from '../../../src/core/logic/types'

/** One field per type; the generators below only use these names (plus an unknown one). */
export const FIELDS: FieldMeta[] = [
  { name: 'age', type: 'number' },
  { name: 'city', type: 'text' },
  { name: 'tier', type: 'category' },
  { name: 'member', type: 'boolean' },
  { name: 'lastOrder', type: 'date' },
  { name: 'tags', type: 'list' },
]

const str = fc.constantFrom('a', 'b', 'A', '', 'bc', '北京', 'x y')
const num = fc.oneof(fc.integer({ min: -100, max: 100 }), fc.double({ min: -1e6, max: 1e6, noNaN: true, noDefaultInfinity: true }))
const date = fc.constantFrom('2024-01-01', '2024-02-29', '2023-12-31', '2024-06-15', '2024-06-15T08:30:00')

/** A value that fits `op` (the shapes of ConditionValue). */
export function valueFor(op: Operator): fc.Arbitrary<ConditionValue | undefined> {
  switch (op) {
    case 'eq': case 'ne': case 'lt': case 'le': case 'gt': case 'ge': return num
    case 'between': case 'not_between': return fc.tuple(num, num)
    case 'text_eq': case 'text_ne': case 'contains': case 'not_contains': case 'starts_with': case 'ends_with': return str
    case 'in_list': case 'not_in_list': case 'any_of': case 'all_of': case 'none_of': return fc.array(str, { maxLength: 3 })
    case 'before': case 'after': case 'on': return date
    case 'date_between': return fc.tuple(date, date)
    case 'in_last_days': case 'days_ago_at_least': case 'in_next_days': return fc.integer({ min: 0, max: 400 })
    case 'in_last_weeks': return fc.integer({ min: 0, max: 60 })
    case 'in_last_months': return fc.integer({ min: 0, max: 30 })
    case 'anniversary_month': return fc.integer({ min: 0, max: 12 })
    default: return fc.constant(undefined)
  }
}

/** Another field to compare with (FieldRef): the field of `type` (FIELDS has one per type), or none chosen yet. */
export function fieldRefArb(type: FieldType): fc.Arbitrary<ConditionValue> {
  return fc.constantFrom(...FIELDS.filter((f) => f.type === type).map((f) => f.name), '')
    .map((field) => ({ field }))
}

/** Any ConditionValue, fitting or not: trees under edit hold such values too. */
const anyValue: fc.Arbitrary<ConditionValue | undefined> = fc.oneof(
  fc.constant(undefined), fc.constant(null), num, str, fc.array(str, { maxLength: 2 }), fc.tuple(num, num), fc.tuple(date, date),
)

let counter = 0
const id = fc.constant(null).map(() => `n${++counter}`)

/** A condition on one of FIELDS (or on an unknown field), usually with a fitting value. */
export const conditionArb: fc.Arbitrary<Condition> = fc
  .tuple(fc.constantFrom<FieldType>('number', 'text', 'category', 'boolean', 'date', 'list'), fc.boolean(), fc.nat(), id)
  .chain(([type, withType, k, nodeId]) => {
    const field = FIELDS.find((f) => f.type === type)!
    const ops = operatorsFor(type)
    const op = ops[k % ops.length]
    const values = fc.oneof({ weight: 5, arbitrary: valueFor(op) }, { weight: 1, arbitrary: anyValue }, { weight: 1, arbitrary: fieldRefArb(type) })
    return fc.tuple(values, fc.constantFrom(field.name, 'other'), fc.boolean())
      .map(([value, name, ignoreCase]) => {
        const c: Condition = { kind: 'condition', id: nodeId, field: name, op }
        if (value !== undefined) c.value = value
        if (ignoreCase) c.ignoreCase = true
        if (withType || type === 'list') c.fieldType = type
        return c
      })
  })

/** JSON-logic of every kind: canonical fragments, near-misses, foreign operations, literals. */
export const logicArb: fc.Arbitrary<JsonLogic> = fc.letrec<{ logic: JsonLogic }>((tie) => ({
  logic: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.constantFrom<JsonLogic>(true, false, null, 0, 1, 'x', [], {}),
    fc.constantFrom<JsonLogic>(
      { '==': [{ var: 'age' }, '5'] }, { '<': [{ var: 'age' }, 5] }, { '!=': [{ var: 'city' }, 'a'] },
      { in: [{ var: 'tags' }, ['a']] }, { list_any: [{ var: 'tier' }, ['a']] }, { var: 'age' }, { var: ['age'] },
      { and: [] }, { or: [] }, { '!': [{ and: [true] }] }, { '!': true }, { some: [{ var: 'tags' }, { '==': [{ var: '' }, 'a'] }] },
      { and: [{ '!=': [{ var: 'age' }, null] }, { '<': [{ var: 'city' }, 5] }] },
      { and: [{ '!=': [{ var: 'age' }, null] }, { '!': { in: [{ var: 'age' }, [1]] } }] },
      // near misses of the new shapes: upper-case constants under lower, mixed lower, wrong guards
      { '==': [{ lower: { var: 'city' } }, 'A'] }, { starts_with: [{ lower: { var: 'city' } }, 'Ab'] },
      { in: [{ lower: { var: 'city' } }, ['a', 'B']] }, { in: ['A', { lower: { var: 'city' } }] },
      { lower: { var: 'city' } }, { '==': [{ lower: [{ var: 'city' }] }, 'a'] }, { on_day: [{ var: 'lastOrder' }, 'x'] },
      { and: [{ '!=': [{ var: 'city' }, null] }, { '!=': [{ lower: { var: 'city' } }, 'A'] }] },
      { and: [{ '!=': [{ var: 'age' }, null] }, { '!=': [{ var: 'age' }, null] }, { '<': [{ var: 'age' }, { var: 'age' }] }] },
      { and: [{ '!=': [{ var: 'age' }, null] }, { '!=': [{ var: 'tier' }, null] }, { '<': [{ var: 'age' }, { var: 'tier' }] }] },
      { and: [{ '!=': [{ var: 'city' }, null] }, { '!=': [{ var: 'x' }, null] }, { '==': [{ lower: { var: 'city' } }, { var: 'x' }] }] },
      { and: [{ '!=': [{ var: 'age' }, null] }, { '!=': [{ var: 'b' }, null] }, { '<': [{ var: 'b' }, { var: 'age' }] }] },
      { and: [{ '!=': [{ var: 'age' }, null] }, { '!': { '<=': [1, { var: 'age' }, '3'] } }] },
      { and: [{ '!=': [{ var: 'city' }, null] }, { '!': { in: ['A', { lower: { var: 'city' } }] } }] },
    ),
    conditionArb.map((c) => conditionToJsonLogic(c)),
    fc.record({ op: fc.constantFrom('and', 'or'), kids: fc.array(tie('logic'), { maxLength: 3 }) }).map(({ op, kids }) => ({ [op]: kids })),
    tie('logic').map((x) => ({ '!': x })),
    fc.record({ op: fc.constantFrom('and', '!=', '<=', 'in', 'if', 'foo'), args: fc.array(tie('logic'), { maxLength: 3 }) }).map(({ op, args }) => ({ [op]: args })),
  ),
})).logic

/** Rule trees: nested groups (negated or not, possibly empty), conditions and advanced nodes. */
export const groupArb: fc.Arbitrary<Group> = fc.letrec<{ group: Group; node: RuleNode }>((tie) => ({
  group: fc.record({
    id,
    combinator: fc.constantFrom<'and' | 'or'>('and', 'or'),
    not: fc.option(fc.boolean(), { nil: undefined }),
    children: fc.array(tie('node'), { maxLength: 4 }),
  }).map(({ id: gid, combinator, not, children }) => {
    const g: Group = { kind: 'group', id: gid, combinator, children }
    if (not !== undefined) g.not = not
    return g
  }),
  node: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    { weight: 4, arbitrary: conditionArb as fc.Arbitrary<RuleNode> },
    { weight: 1, arbitrary: fc.tuple(id, logicArb).map(([nid, logic]): RuleNode => ({ kind: 'advanced', id: nid, logic })) },
    { weight: 2, arbitrary: tie('group') },
  ),
})).group
