import { describe, expect, it } from 'vitest'
import { FIELD_TYPES } from '../../../src/core/fields/types'
import { OPERATORS, operatorFits, operatorsFor, valueFitsOperator } from '../../../src/core/logic/operators'

describe('operator catalogue', () => {
  it('offers the operators of each field type, in order', () => {
    expect(operatorsFor('number')).toEqual(['eq', 'ne', 'lt', 'le', 'gt', 'ge', 'between', 'not_between', 'is_empty', 'not_empty'])
    expect(operatorsFor('text')).toEqual([
      'text_eq', 'text_ne', 'contains', 'not_contains', 'starts_with', 'ends_with', 'in_list', 'not_in_list', 'is_empty', 'not_empty',
    ])
    expect(operatorsFor('category')).toEqual(['any_of', 'none_of', 'is_empty', 'not_empty'])
    expect(operatorsFor('boolean')).toEqual(['is_true', 'is_false', 'is_empty', 'not_empty'])
    expect(operatorsFor('date')).toEqual([
      'before', 'after', 'on', 'date_between', 'in_last_days', 'in_last_weeks', 'in_last_months', 'days_ago_at_least',
      'in_next_days', 'anniversary_month', 'is_empty', 'not_empty',
    ])
    expect(operatorsFor('list')).toEqual(['any_of', 'all_of', 'none_of', 'is_empty', 'not_empty'])
  })

  it('lists each operator once and every operator applies to some type', () => {
    const ops = OPERATORS.map((o) => o.op)
    expect(new Set(ops).size).toBe(ops.length)
    for (const o of OPERATORS) expect(FIELD_TYPES.some((t) => operatorFits(o.op, t))).toBe(true)
  })

  it('checks value shapes per operator', () => {
    expect(valueFitsOperator('eq', 3)).toBe(true)
    expect(valueFitsOperator('eq', '3')).toBe(false)
    expect(valueFitsOperator('eq', Number.NaN)).toBe(false)
    expect(valueFitsOperator('between', [1, 2])).toBe(true)
    expect(valueFitsOperator('between', [1] as never)).toBe(false)
    expect(valueFitsOperator('any_of', ['a', 'b'])).toBe(true)
    expect(valueFitsOperator('any_of', 'a')).toBe(false)
    expect(valueFitsOperator('before', '2024-02-29')).toBe(true)
    expect(valueFitsOperator('before', '2023-02-29')).toBe(false)
    expect(valueFitsOperator('date_between', ['2024-01-01', '2024-01-31T10:00'])).toBe(true)
    expect(valueFitsOperator('in_last_days', -1)).toBe(false)
    expect(valueFitsOperator('is_true', undefined)).toBe(true)
    expect(valueFitsOperator('is_true', 1)).toBe(false)
  })
})
