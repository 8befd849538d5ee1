import fc from 'fast-check'
import { OPERATORS } from '../../../src/core/logic/operators'
import type { Condition, ConditionValue, Group, Operator, OperatorInfo, RuleNode } from '../../../src/core/logic/types'
import { PROP_FIELDS } from './arbitraries'

/*
 * Random rule trees as the builder makes them: every operator of the catalogue on fields of its
 * types (and now and then on a field of another type, or with a value of the wrong shape, as an
 * imported or half-edited rule can be), in nested, sometimes negated groups. toJsonLogic turns
 * them into the canonical JSON-logic the app evaluates.
 */

const NUMBERS: number[] = [0, -0, 1, -1, 2.5, 5, 10, 12, 100, 1000, 1e21]
const STRINGS = ['', 'a', 'b', 'x', 'y', 'abc', '0', '5', '05', ' 5', 'NaN', '1e3', ' 12 ', '2024-01-01']
const DATES = ['2023-12-31', '2024-01-01', '2024-02-29', '2026-06-29', '2026-06-30', '2026-07-01', '2026-06-30T00:00:00', '2024-01-01T10:30:00', '2026-06']

const numberArb = fc.constantFrom(...NUMBERS)
const stringArb = fc.constantFrom(...STRINGS)
const dateArb = fc.constantFrom(...DATES)

/** A value of the shape the operator's editor produces. */
function valueFor(info: OperatorInfo): fc.Arbitrary<ConditionValue | undefined> {
  switch (info.value) {
    case 'number': return numberArb
    case 'numberRange': return fc.tuple(numberArb, numberArb)
    case 'text': return stringArb
    case 'textList':
    case 'categoryList': return fc.array(stringArb, { maxLength: 3 })
    case 'date': return dateArb
    case 'dateRange': return fc.tuple(dateArb, dateArb)
    case 'days': return fc.constantFrom(0, 1, 2, 7, 30, 365, 0.5, 100000)
    case 'weeks': return fc.constantFrom(0, 1, 2, 4, 52, 0.5, 10000)
    case 'months': return fc.constantFrom(0, 1, 2, 3, 6, 12, 30, 1.5, 100000)
    case 'month': return fc.constantFrom(0, 1, 2, 6, 7, 12, 13)
    case 'none': return fc.constant(undefined)
  }
}

/** A value of any shape, or none: what an incomplete or foreign rule may carry. */
const anyValueArb: fc.Arbitrary<ConditionValue | undefined> = fc.oneof(
  numberArb, stringArb, dateArb, fc.constant(null), fc.constant(undefined), fc.array(stringArb, { maxLength: 2 }),
)

const BY_TYPE = new Map(PROP_FIELDS.map((f) => [f.name, f.type]))

function conditionOf(info: OperatorInfo, field: string, value: ConditionValue | undefined, ignoreCase: boolean): Condition {
  const c: Condition = { kind: 'condition', id: 'c', field, op: info.op as Operator, value, fieldType: BY_TYPE.get(field) }
  if (ignoreCase) c.ignoreCase = true
  return c
}

/** Another field of one of the operator's types (field-vs-field comparison), now and then of another type. */
function fieldRefFor(info: OperatorInfo): fc.Arbitrary<ConditionValue | undefined> {
  const same = PROP_FIELDS.filter((f) => info.types.includes(f.type)).map((f) => f.name)
  return fc.constantFrom(...same, ...same, 'n', 'd', 'absent').map((field) => ({ field }))
}

/** A condition: usually an operator on a field of its type with a fitting value. */
export const builderConditionArb: fc.Arbitrary<Condition> = fc.constantFrom(...OPERATORS).chain((info) => {
  const fitting = PROP_FIELDS.filter((f) => info.types.includes(f.type)).map((f) => f.name)
  return fc.oneof(
    { weight: 8, arbitrary: fc.tuple(fc.constantFrom(...fitting), valueFor(info)) },
    { weight: 1, arbitrary: fc.tuple(fc.constantFrom(...PROP_FIELDS.map((f) => f.name)), valueFor(info)) },
    { weight: 1, arbitrary: fc.tuple(fc.constantFrom(...fitting), anyValueArb) },
    { weight: info.fieldCompare ? 3 : 0, arbitrary: fc.tuple(fc.constantFrom(...fitting), fieldRefFor(info)) },
  ).chain(([field, value]) => fc.boolean().map((ignoreCase) => conditionOf(info, field, value, ignoreCase && info.ignoreCase === true)))
})

/** Nested groups of builder conditions, some negated, some empty. */
export const builderGroupArb: fc.Arbitrary<Group> = fc.letrec<{ group: Group; node: RuleNode }>((tie) => ({
  group: fc.record({
    combinator: fc.constantFrom<'and' | 'or'>('and', 'or'),
    not: fc.boolean(),
    children: fc.array(tie('node'), { maxLength: 4 }),
  }).map(({ combinator, not, children }): Group => ({ kind: 'group', id: 'g', combinator, not, children })),
  node: fc.oneof({ depthSize: 'small', withCrossShrink: true }, { weight: 4, arbitrary: builderConditionArb }, { weight: 1, arbitrary: tie('group') }),
})).group

/** The conditions of a group, depth first. */
export function conditionsOf(group: Group): Condition[] {
  return group.children.flatMap((c) => (c.kind === 'condition' ? [c] : c.kind === 'group' ? conditionsOf(c) : []))
}

/** A copy of `group` with its `k`-th condition (depth first, modulo their number) replaced. */
export function replaceCondition(group: Group, k: number, next: Condition): Group {
  const total = conditionsOf(group).length
  if (total === 0) return group
  let left = k % total
  const walk = (g: Group): Group => ({
    ...g,
    children: g.children.map((c): RuleNode => {
      if (c.kind === 'group') return walk(c)
      if (c.kind === 'condition' && left-- === 0) return next
      return c
    }),
  })
  return walk(group)
}
