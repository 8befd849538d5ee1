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
    default: return newModel(op, value, cell, type)
  }
}

const dayNo = (iso: string): number => Date.parse(iso.slice(0, 10)) / DAY
const AS_OF_DAY = dayNo(new Date(AS_OF).toISOString())

/** The operators added for issue 6, written from their documented meaning. */
function newModel(op: Operator, value: ConditionValue | undefined, cell: Cell, type: FieldType): boolean {
  const s = typeof cell === 'string'
  const str = value as string
  const n = value as number
  const ago = s ? AS_OF_DAY - dayNo(cell) : NaN
  switch (op) {
    case 'not_between': return typeof cell === 'number' && !model('between', value, cell, type)
    case 'text_ne': return s && cell !== str
    case 'not_contains': return s && !model('contains', value, cell, type)
    case 'starts_with': return s && cell.startsWith(str)
    case 'ends_with': return s && cell.endsWith(str)
    case 'not_in_list': return s && !(value as string[]).includes(cell)
    case 'all_of': return Array.isArray(cell) && cell.length > 0 && (value as string[]).every((x) => cell.includes(x))
    case 'on': return s && cell.slice(0, 10) === str.slice(0, 10)
    case 'in_last_weeks': return ago >= 0 && ago < 7 * n
    // AS_OF is the 15th: n months back is the 15th of that month, never clamped.
    case 'in_last_months': return ago >= 0 && dayNo(cell as string) > Date.UTC(2024, 5 - n, 15) / DAY
    case 'days_ago_at_least': return ago >= 0 && ago >= n
    case 'in_next_days': return -ago >= 0 && -ago < n
    case 'anniversary_month': return s && Number(cell.slice(5, 7)) === (n === 0 ? 6 : n)
    default: return false
  }
}

/** Row values per field type: real values, the empty string where it is a value, and null. */
const CELLS: Record<FieldType, Cell[]> = {
  number: [0, 5, -3, 2.5, 10, 100, null],
  text: ['abc', '', 'b', 'bcd', 'x y', null],
  category: ['A', 'B', '', 'C', null],
  boolean: [true, false, null],
  date: [
    '2024-06-15', '2024-06-14', '2024-06-09', '2024-01-01', '2023-12-31', '2024-06-16', '2024-06-14T23:59:00',
    '2024-05-15', '2024-05-16', '2024-03-15', '2024-03-16T08:00:00', '1990-06-30', '2024-06-30', '2024-06-25', null,
  ],
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
  not_between: [[0, 10], [10, 0]], text_ne: ['abc', '', 'b'], not_contains: ['b', '', 'zz'],
  starts_with: ['a', '', 'bc', 'B'], ends_with: ['c', '', 'd', 'C'], not_in_list: [['abc', ''], [], ['b']],
  all_of: [['a'], ['a', 'b'], [], ['']], on: ['2024-06-14', '2024-06-15', '2024-06-14T08:00:00'],
  in_last_weeks: [1, 2, 0, 30], in_last_months: [1, 3, 0, 24], days_ago_at_least: [0, 1, 7, 90, 0.5],
  in_next_days: [1, 2, 16, 0], anniversary_month: [6, 0, 3, 12, 5],
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

describe('ignoreCase and field compare', () => {
  const V = { var: 'x' }
  const G = { '!=': [V, null] }
  const TEXT_OPS: Operator[] = ['text_eq', 'text_ne', 'contains', 'not_contains', 'starts_with', 'ends_with', 'in_list', 'not_in_list']
  const TEXT_CELLS: Cell[] = ['Abc', 'abc', 'ABC', '', 'b', 'BcD', 'Wang', null]
  const lowerValue = (v: ConditionValue): ConditionValue =>
    typeof v === 'string' ? v.toLowerCase() : Array.isArray(v) ? (v as string[]).map((x) => x.toLowerCase()) : v

  it('compares lower-cased: the model on lower-cased cell and value', () => {
    const values: Record<string, ConditionValue[]> = {
      text_eq: ['ABC', 'b', ''], text_ne: ['ABC', 'b'], contains: ['B', 'x', ''], not_contains: ['B', 'x', ''],
      starts_with: ['AB', 'w', ''], ends_with: ['C', 'ng'], in_list: [['ABC', 'B'], []], not_in_list: [['ABC', 'B'], []],
    }
    let checked = 0
    for (const op of TEXT_OPS) {
      for (const value of values[op]) {
        const logic = conditionToJsonLogic({ ...cond(op, value, 'text'), ignoreCase: true })
        for (const cell of TEXT_CELLS) {
          const lowered = typeof cell === 'string' ? cell.toLowerCase() : cell
          expect(isTruthy(applyLogic(logic, { x: cell })), `${JSON.stringify(logic)} on ${cell}`)
            .toBe(model(op, lowerValue(value), lowered, 'text'))
          checked++
        }
      }
    }
    expect(checked).toBeGreaterThan(100)
  })

  it('emits lower in the test part only, and lower-cased constants', () => {
    expect(conditionToJsonLogic({ ...cond('contains', 'Ab', 'text'), ignoreCase: true })).toEqual({ in: ['ab', { lower: V }] })
    expect(conditionToJsonLogic({ ...cond('text_ne', 'Ab', 'text'), ignoreCase: true }))
      .toEqual({ and: [G, { '!=': [{ lower: V }, 'ab'] }] })
    expect(conditionToJsonLogic({ ...cond('not_in_list', ['A', 'b'], 'text'), ignoreCase: true }))
      .toEqual({ and: [G, { '!': { in: [{ lower: V }, ['a', 'b']] } }] })
  })

  it('new canonical shapes', () => {
    const cases: [Operator, ConditionValue, FieldType, JsonLogic][] = [
      ['not_between', [1, 2], 'number', { and: [G, { '!': { '<=': [1, V, 2] } }] }],
      ['text_ne', 's', 'text', { and: [G, { '!=': [V, 's'] }] }],
      ['not_contains', 's', 'text', { and: [G, { '!': { in: ['s', V] } }] }],
      ['starts_with', 's', 'text', { starts_with: [V, 's'] }],
      ['ends_with', 's', 'text', { ends_with: [V, 's'] }],
      ['not_in_list', ['a'], 'text', { and: [G, { '!': { in: [V, ['a']] } }] }],
      ['all_of', ['a'], 'list', { list_all: [V, ['a']] }],
      ['on', '2024-01-01', 'date', { on_day: [V, '2024-01-01'] }],
      ['in_last_weeks', 2, 'date', { in_last_weeks: [V, 2] }],
      ['in_last_months', 3, 'date', { in_last_months: [V, 3] }],
      ['days_ago_at_least', 90, 'date', { days_ago_at_least: [V, 90] }],
      ['in_next_days', 7, 'date', { in_next_days: [V, 7] }],
      ['anniversary_month', 0, 'date', { anniversary_month: [V, 0] }],
      ['gt', { field: 'y' }, 'number', { and: [G, { '!=': [{ var: 'y' }, null] }, { '>': [V, { var: 'y' }] }] }],
      ['on', { field: 'y' }, 'date', { and: [G, { '!=': [{ var: 'y' }, null] }, { on_day: [V, { var: 'y' }] }] }],
    ]
    for (const [op, value, type, expected] of cases) expect(conditionToJsonLogic(cond(op, value, type)), op).toEqual(expected)
    expect(conditionToJsonLogic({ ...cond('text_eq', { field: 'y' }, 'text'), ignoreCase: true }))
      .toEqual({ and: [G, { '!=': [{ var: 'y' }, null] }, { '==': [{ lower: V }, { lower: { var: 'y' } }] }] })
    // A FieldRef not chosen yet is an incomplete value.
    expect(conditionToJsonLogic(cond('gt', { field: '' }, 'number'))).toEqual({ and: [G, { '>': [V, null] }] })
  })

  it('field compare: both present and the test holds', () => {
    const pairs: [Operator, FieldType, Cell[], (a: never, b: never) => boolean][] = [
      ['eq', 'number', [0, 5, 2.5, -1, null], (a, b) => a === b], ['ne', 'number', [0, 5, null], (a, b) => a !== b],
      ['lt', 'number', [0, 5, -1, null], (a, b) => a < b], ['le', 'number', [0, 5, null], (a, b) => a <= b],
      ['gt', 'number', [0, 5, -1, null], (a, b) => a > b], ['ge', 'number', [0, 5, null], (a, b) => a >= b],
      ['text_eq', 'text', ['a', 'A', '', null], (a, b) => a === b], ['text_ne', 'text', ['a', 'A', '', null], (a, b) => a !== b],
      ['before', 'date', ['2024-01-01', '2024-01-02', '2024-01-01T10:00:00', null], (a, b) => a < b],
      ['after', 'date', ['2024-01-01', '2024-01-02', null], (a, b) => a > b],
      ['on', 'date', ['2024-01-01', '2024-01-02', '2024-01-01T10:00:00', null], (a: string, b: string) => a.slice(0, 10) === b.slice(0, 10)],
    ]
    let checked = 0
    for (const [op, type, cells, test] of pairs) {
      const logic = conditionToJsonLogic(cond(op, { field: 'y' }, type))
      for (const x of cells) {
        for (const y of cells) {
          const want = x !== null && y !== null && test(x as never, y as never)
          expect(isTruthy(applyLogic(logic, { x, y })), `${op} ${x} ${y}`).toBe(want)
          checked++
        }
      }
      expect(isTruthy(applyLogic(logic, { x: cells[0] }))).toBe(false)
    }
    expect(checked).toBeGreaterThan(100)
  })
})
