import { describe, expect, it } from 'vitest'
import type { FieldMeta } from '../../../src/core/fields/types'
import { defaultValue } from '../../../src/core/logic/defaultValue'
import { OPERATORS, valueFitsOperator } from '../../../src/core/logic/operators'
import type { ConditionValue, Operator } from '../../../src/core/logic/types'

const TODAY = new Date('2024-06-15T10:00:00Z')
const fieldFor = (op: Operator): FieldMeta => ({ name: 'f', type: OPERATORS.find((o) => o.op === op)!.types[0] })
const dv = (op: Operator, previous?: ConditionValue, previousOp?: Operator) => defaultValue(op, fieldFor(op), previous, TODAY, previousOp)

describe('defaultValue', () => {
  it('gives every operator a fresh value of its own shape, and none to operators without a value', () => {
    for (const { op, value } of OPERATORS) {
      const v = dv(op)
      if (value === 'none') expect(v, op).toBeUndefined()
      else expect(valueFitsOperator(op, v), `${op} → ${JSON.stringify(v)}`).toBe(true)
    }
  })

  it('starts the new operators with the documented values', () => {
    expect(dv('not_between')).toEqual([0, 100])
    for (const op of ['text_ne', 'not_contains', 'starts_with', 'ends_with'] as const) expect(dv(op)).toBe('')
    for (const op of ['not_in_list', 'all_of'] as const) expect(dv(op)).toEqual([])
    expect(dv('on')).toBe('2024-06-15')
    expect(dv('in_last_weeks')).toBe(4)
    expect(dv('in_last_months')).toBe(3)
    expect(dv('days_ago_at_least')).toBe(90)
    expect(dv('in_next_days')).toBe(7)
    expect(dv('in_last_days')).toBe(30)
    expect(dv('anniversary_month')).toBe(0)
    expect(dv('date_between')).toEqual(['2024-06-15', '2024-06-15'])
  })

  it('keeps a previous value that fits the new operator', () => {
    expect(dv('ge', 42, 'lt')).toBe(42)
    expect(dv('not_between', [20, 40], 'between')).toEqual([20, 40])
    expect(dv('starts_with', '张', 'contains')).toBe('张')
    expect(dv('not_in_list', ['a', 'b'], 'in_list')).toEqual(['a', 'b'])
    expect(dv('all_of', ['vip'], 'any_of')).toEqual(['vip'])
    expect(dv('on', '2024-01-31', 'before')).toBe('2024-01-31')
    expect(dv('date_between', ['2024-01-01', '2024-02-01'], 'date_between')).toEqual(['2024-01-01', '2024-02-01'])
    expect(dv('days_ago_at_least', 45, 'in_last_days')).toBe(45)
    // Without the previous operator, any fitting value stays.
    expect(dv('anniversary_month', 5)).toBe(5)
    expect(dv('in_next_days', 14)).toBe(14)
  })

  it('keeps a half-typed value within the same editor shape (never a silent 0)', () => {
    expect(dv('gt', null, 'le')).toBeNull()
    expect(dv('not_between', [20, null] as unknown as [number, number], 'between')).toEqual([20, null])
  })

  it('does not carry a count across units or shapes', () => {
    expect(dv('in_last_weeks', 30, 'in_last_days')).toBe(4)
    expect(dv('in_last_months', 4, 'in_last_weeks')).toBe(3)
    expect(dv('anniversary_month', 6, 'in_last_days')).toBe(0)
    expect(dv('in_last_days', 0)).toBe(30)
    expect(dv('anniversary_month', 13)).toBe(0)
    expect(dv('between', 5, 'eq')).toEqual([0, 100])
    expect(dv('in_list', 'a', 'text_eq')).toEqual([])
    expect(dv('on', 'soon')).toBe('2024-06-15')
  })

  it('keeps a FieldRef only on operators that compare with another field', () => {
    const ref = { field: 'spend_last_year' }
    expect(dv('gt', ref, 'lt')).toEqual(ref)
    expect(dv('text_ne', { field: 'city2' }, 'text_eq')).toEqual({ field: 'city2' })
    expect(dv('on', { field: 'signup' }, 'after')).toEqual({ field: 'signup' })
    expect(dv('between', ref, 'gt')).toEqual([0, 100])
    expect(dv('contains', { field: 'city2' }, 'text_eq')).toBe('')
    expect(dv('in_last_days', { field: 'signup' }, 'after')).toBe(30)
    expect(dv('is_empty', ref, 'gt')).toBeUndefined()
    expect(dv('gt', { field: '' }, 'lt')).toBe(0)
  })
})
