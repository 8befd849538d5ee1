import fc from 'fast-check'
import { afterEach, describe, expect, it } from 'vitest'
import type { FieldType } from '../../../src/core/fields/types'
import { applyLogic, isTruthy, setEvaluationAsOf } from '../../../src/core/logic/customOps'
import { operatorsFor } from '../../../src/core/logic/operators'
import { conditionToJsonLogic, toJsonLogic } from '../../../src/core/logic/toJsonLogic'
import type { Condition, ConditionValue, Group, JsonLogic, Operator } from '../../../src/core/logic/types'
import { valueFor } from './arbitraries'

const AS_OF = Date.UTC(2024, 5, 15, 12, 0, 0) // 2024-06-15 12:00 UTC
const DAY = 86_400_000
afterEach(() => setEvaluationAsOf(null))

type Cell = number | string | boolean | string[] | null

/**
 * The documented semantics (toJsonLogic.ts header), written independently of the shapes:
 * a missing value (null) fails everything except is_empty.
 */
function model(op: Operator, value: ConditionValue | undefined, cell: Cell, type: FieldType): boolean {
  const v = value as never
  const n = typeof cell === 'number'
  const s = typeof cell === 'string'
  switch (op) {
    case 'eq': return n && cell === v
    case 'ne': return n && cell !== v
    case 'lt': return n && cell < v
    case 'le': return n && cell <= v
    case 'gt': return n && cell > v
    case 'ge': return n && cell >= v
    case 'between': return n && (value as number[])[0] <= cell && cell <= (value as number[])[1]
    case 'text_eq': return s && cell === v
    case 'contains': return s && cell !== '' && cell.includes(v)
    case 'in_list': return s && (value as string[]).includes(cell)
    case 'any_of': return type === 'list'
      ? Array.isArray(cell) && cell.some((x) => (value as string[]).includes(x))
      : s && (value as string[]).includes(cell)
    case 'none_of': return cell !== null && !model('any_of', value, cell, type)
    case 'is_true': return cell === true
    case 'is_false': return cell === false
    case 'before': return s && cell < (value as string)
    case 'after': return s && cell > (value as string)
    case 'date_between': return s && (value as string[])[0] <= cell && cell <= (value as string[])[1]
    case 'in_last_days': {
      if (!s) return false
      const days = (Date.parse(new Date(AS_OF).toISOString().slice(0, 10)) - Date.parse(cell.slice(0, 10))) / DAY
      return days >= 0 && days < (value as number)
    }
    case 'is_empty': return cell === null
    case 'not_empty': return cell !== null
  }
}

/** Row values per field type: real values, the empty string where it is a value, and null. */
const CELLS: Record<FieldType, Cell[]> = {
  number: [0, 5, -3, 2.5, 10, 100, null],
  text: ['abc', '', 'b', 'bcd', 'x y', null],
  category: ['A', 'B', '', 'C', null],
  boolean: [true, false, null],
  date: ['2024-06-15', '2024-06-14', '2024-06-09', '2024-01-01', '2023-12-31', '2024-06-16', '2024-06-14T23:59:00', null],
  list: [['a'], ['a', 'b'], [], ['c'], [''], null],
}

const VALUES: Record<Operator, ConditionValue[]> = {
  eq: [0, 5, 2.5], ne: [0, 5], lt: [5, 0, -10], le: [5, 0], gt: [0, -5, 50], ge: [5, -5],
  between: [[0, 10], [-5, 5], [10, 0]],
  text_eq: ['abc', '', 'b'], contains: ['b', '', 'zz'], in_list: [['abc', ''], [], ['b']],
  any_of: [['A'], ['A', ''], [], ['a', 'c'], ['']], none_of: [['A'], [], ['a'], ['']],
  is_true: [null], is_false: [null], is_empty: [null], not_empty: [null],
  before: ['2024-06-14', '2024-01-01'], after: ['2024-06-14', '2023-12-31'],
  date_between: [['2024-01-01', '2024-06-14'], ['2024-06-16', '2024-01-01']],
  in_last_days: [1, 7, 0, 400],
}

const TYPES: FieldType[] = ['number', 'text', 'category', 'boolean', 'date', 'list']

function cond(op: Operator, value: ConditionValue, type: FieldType): Condition {
  const c: Condition = { kind: 'condition', id: 'c', field: 'x', op, fieldType: type }
  if (value !== null) c.value = value
  return c
}

describe('conditionToJsonLogic: every operator on values, null, a missing key and ""', () => {
  for (const type of TYPES) {
    for (const op of operatorsFor(type)) {
      it(`${type} ${op}`, () => {
        setEvaluationAsOf(AS_OF)
        let checked = 0
        for (const value of VALUES[op]) {
          const logic = conditionToJsonLogic(cond(op, value, type))
          for (const cell of CELLS[type]) {
            const row = { x: cell }
            expect(isTruthy(applyLogic(logic, row)), `${JSON.stringify(logic)} on ${JSON.stringify(row)}`).toBe(model(op, value, cell, type))
            checked++
          }
          // A key absent from the row behaves exactly like null.
          expect(isTruthy(applyLogic(logic, {})), `${JSON.stringify(logic)} on {}`).toBe(op === 'is_empty')
        }
        expect(checked).toBeGreaterThan(0)
      })
    }
  }

  it('agrees with the model on random values and rows', () => {
    setEvaluationAsOf(AS_OF)
    const cases = TYPES.flatMap((type) => operatorsFor(type).map((op) => ({ type, op })))
    fc.assert(fc.property(
      fc.constantFrom(...cases).chain(({ type, op }) =>
        fc.record({ type: fc.constant(type), op: fc.constant(op), value: valueFor(op), cell: fc.constantFrom(...CELLS[type]) })),
      ({ type, op, value, cell }) => {
        const logic = conditionToJsonLogic(cond(op, value ?? null, type))
        expect(isTruthy(applyLogic(logic, { x: cell }))).toBe(model(op, value, cell, type))
      },
    ), { numRuns: 2000 })
  })
})

describe('canonical shapes', () => {
  const V = { var: 'x' }
  const G = { '!=': [V, null] }
  const cases: [Operator, ConditionValue, FieldType, JsonLogic][] = [
    ['eq', 3, 'number', { '==': [V, 3] }],
    ['ne', 3, 'number', { and: [G, { '!=': [V, 3] }] }],
    ['lt', 3, 'number', { and: [G, { '<': [V, 3] }] }],
    ['le', 3, 'number', { and: [G, { '<=': [V, 3] }] }],
    ['gt', 3, 'number', { and: [G, { '>': [V, 3] }] }],
    ['ge', 3, 'number', { and: [G, { '>=': [V, 3] }] }],
    ['between', [1, 2], 'number', { and: [G, { '<=': [1, V, 2] }] }],
    ['text_eq', 's', 'text', { '==': [V, 's'] }],
    ['contains', 's', 'text', { in: ['s', V] }],
    ['in_list', ['a'], 'text', { in: [V, ['a']] }],
    ['any_of', ['a'], 'category', { in: [V, ['a']] }],
    ['none_of', ['a'], 'category', { and: [G, { '!': { in: [V, ['a']] } }] }],
    ['any_of', ['a'], 'list', { list_any: [V, ['a']] }],
    ['none_of', ['a'], 'list', { and: [G, { '!': { list_any: [V, ['a']] } }] }],
    ['is_true', null, 'boolean', { '===': [V, true] }],
    ['is_false', null, 'boolean', { '===': [V, false] }],
    ['before', '2024-01-01', 'date', { '<': [V, '2024-01-01'] }],
    ['after', '2024-01-01', 'date', { '>': [V, '2024-01-01'] }],
    ['date_between', ['2024-01-01', '2024-02-01'], 'date', { '<=': ['2024-01-01', V, '2024-02-01'] }],
    ['in_last_days', 30, 'date', { in_last_days: [V, 30] }],
    ['is_empty', null, 'list', { '==': [V, null] }],
    ['not_empty', null, 'number', G],
  ]
  it.each(cases)('%s (%j on %s)', (op, value, type, expected) => {
    expect(conditionToJsonLogic(cond(op, value, type))).toEqual(expected)
  })

  it('guards exactly the shapes where json-logic-js lets null through', () => {
    // Without the guard these tests match a missing value: the guard is needed…
    const unguarded: JsonLogic[] = [
      { '!=': [V, 5] }, { '<': [V, 5] }, { '<=': [V, 5] }, { '>': [V, -5] }, { '>=': [V, -5] },
      { '<=': [-5, V, 5] }, { '!': { in: [V, ['a']] } }, { '!': { list_any: [V, ['a']] } },
    ]
    for (const t of unguarded) expect(isTruthy(applyLogic(t, { x: null })), JSON.stringify(t)).toBe(true)
    // …and the unguarded shapes already fail on null.
    const plain = cases.filter(([, , , l]) => !('and' in (l as object)) && l !== G).map(([, , , l]) => l)
    for (const l of plain.filter((l) => JSON.stringify(l) !== JSON.stringify({ '==': [V, null] }))) {
      expect(isTruthy(applyLogic(l, { x: null })), JSON.stringify(l)).toBe(false)
    }
  })

  it('emits null for a value not typed yet, so the result is always JSON', () => {
    const c: Condition = { kind: 'condition', id: 'c', field: 'x', op: 'between' }
    expect(conditionToJsonLogic(c)).toEqual({ and: [G, { '<=': [null, V, null] }] })
  })
})

describe('toJsonLogic on groups', () => {
  const a: Condition = { kind: 'condition', id: 'a', field: 'x', op: 'eq', value: 1 }
  const b: Condition = { kind: 'condition', id: 'b', field: 'y', op: 'is_true' }
  const g = (over: Partial<Group>): Group => ({ kind: 'group', id: 'g', combinator: 'and', children: [], ...over })

  it('an empty group is everyone; negated, no one', () => {
    expect(toJsonLogic(g({}))).toBe(true)
    expect(toJsonLogic(g({ combinator: 'or' }))).toBe(true)
    expect(toJsonLogic(g({ not: true }))).toBe(false)
  })

  it('combines children and negates with "!"', () => {
    expect(toJsonLogic(g({ combinator: 'or', children: [a, b] }))).toEqual({ or: [{ '==': [{ var: 'x' }, 1] }, { '===': [{ var: 'y' }, true] }] })
    expect(toJsonLogic(g({ not: true, children: [a] }))).toEqual({ '!': { and: [{ '==': [{ var: 'x' }, 1] }] } })
  })

  it('keeps advanced logic unchanged and nests groups', () => {
    const adv: JsonLogic = { some: [{ var: 'tags' }, { '==': [{ var: '' }, 'vip'] }] }
    const tree = g({ children: [{ kind: 'advanced', id: 'v', logic: adv }, g({ id: 'h', combinator: 'or', children: [b] })] })
    expect(toJsonLogic(tree)).toEqual({ and: [adv, { or: [{ '===': [{ var: 'y' }, true] }] }] })
  })

  it('returns fresh plain data even for proxied trees (Vue reactive state goes to a worker)', () => {
    const deepProxy = <T extends object>(x: T): T => new Proxy(x, {
      get: (t, k) => {
        const v = Reflect.get(t, k)
        return typeof v === 'object' && v !== null ? deepProxy(v) : v
      },
    })
    const adv: JsonLogic = { '>': [{ var: 'x' }, 1] }
    const tree = deepProxy(g({ children: [a, { kind: 'advanced', id: 'v', logic: adv }, { kind: 'condition', id: 'l', field: 't', op: 'any_of', value: ['p'], fieldType: 'list' }] }))
    expect(() => structuredClone(tree)).toThrow()
    const logic = toJsonLogic(tree)
    expect(structuredClone(logic)).toEqual({ and: [{ '==': [{ var: 'x' }, 1] }, adv, { list_any: [{ var: 't' }, ['p']] }] })
    expect((logic as { and: JsonLogic[] }).and[1]).not.toBe(adv)
  })

  it('a negated group selects exactly the rows its positive form does not', () => {
    const rows = [{ x: 1, y: true }, { x: 1, y: false }, { x: null, y: null }, {}]
    const pos = g({ children: [a, b] })
    for (const row of rows) {
      expect(isTruthy(applyLogic(toJsonLogic({ ...pos, not: true }), row))).toBe(!isTruthy(applyLogic(toJsonLogic(pos), row)))
    }
  })
})
