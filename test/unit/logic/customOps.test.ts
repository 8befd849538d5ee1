import jsonLogic from 'json-logic-js'
import { afterEach, describe, expect, it, vi } from 'vitest'
import {
  applyLogic, CUSTOM_OPERATIONS, getEvaluationAsOf, inLastDays, listAny, monthsBeforeDay, registerCustomOperations,
  setEvaluationAsOf,
} from '../../../src/core/logic/customOps'

afterEach(() => {
  setEvaluationAsOf(null)
  vi.useRealTimers()
})

describe('in_last_days', () => {
  const asOf = Date.UTC(2024, 2, 10, 15, 30) // 2024-03-10 15:30 UTC
  const run = (date: unknown, n: unknown) => applyLogic({ in_last_days: [{ var: 'd' }, n as number] }, { d: date })

  it('counts whole UTC days back from the reference date, today included', () => {
    setEvaluationAsOf(asOf)
    expect(run('2024-03-10', 1)).toBe(true)
    expect(run('2024-03-09', 1)).toBe(false)
    expect(run('2024-03-09', 2)).toBe(true)
    expect(run('2024-03-04', 7)).toBe(true)
    expect(run('2024-03-03', 7)).toBe(false)
    expect(run('2024-02-29T23:59:59', 11)).toBe(true) // 10 days before, leap day
    expect(run('2024-02-29', 10)).toBe(false)
  })

  it('fails on future, missing, unparseable dates and bad day counts', () => {
    setEvaluationAsOf(asOf)
    expect(run('2024-03-11', 30)).toBe(false)
    expect(run(null, 30)).toBe(false)
    expect(applyLogic({ in_last_days: [{ var: 'd' }, 30] }, {})).toBe(false)
    expect(run('2024-02-30', 30)).toBe(false)
    expect(run('10/03/2024', 30)).toBe(false)
    expect(run(20240310, 30)).toBe(false)
    expect(run('2024-03-10', 0)).toBe(false)
    expect(run('2024-03-10', '30')).toBe(false)
    expect(inLastDays('2024-03-10', Number.NaN)).toBe(false)
  })

  it('defaults the reference date to now, and null resets it', () => {
    vi.useFakeTimers()
    vi.setSystemTime(new Date('2030-01-05T10:00:00Z'))
    expect(getEvaluationAsOf()).toBe(Date.parse('2030-01-05T10:00:00Z'))
    expect(run('2030-01-04', 2)).toBe(true)
    setEvaluationAsOf(asOf)
    expect(getEvaluationAsOf()).toBe(asOf)
    expect(run('2030-01-04', 2)).toBe(false)
    setEvaluationAsOf(null)
    expect(run('2030-01-04', 2)).toBe(true)
  })
})

describe('list_any', () => {
  it('is true when the list shares an element with the values', () => {
    const l = { list_any: [{ var: 't' }, ['vip', 'new']] }
    expect(applyLogic(l, { t: ['a', 'vip'] })).toBe(true)
    expect(applyLogic(l, { t: ['a'] })).toBe(false)
    expect(applyLogic(l, { t: [] })).toBe(false)
    expect(applyLogic(l, { t: null })).toBe(false)
    expect(applyLogic(l, {})).toBe(false)
    expect(applyLogic(l, { t: 'vip' })).toBe(false) // a string is not a list
    expect(listAny(['1'], [1])).toBe(false) // elements compare strictly
    expect(listAny(['a'], 'a')).toBe(false)
  })
})

describe('registration', () => {
  it('registers every listed operation once, on the shared json-logic-js instance', () => {
    registerCustomOperations()
    registerCustomOperations()
    expect([...CUSTOM_OPERATIONS].sort()).toEqual([
      'anniversary_month', 'bucket', 'days_ago_at_least', 'ends_with', 'in_last_days', 'in_last_months', 'in_last_weeks',
      'in_next_days', 'list_all', 'list_any', 'lower', 'on_day', 'starts_with',
    ])
    // Callers that use json-logic-js directly (the worker's fallback) see the same operations.
    expect(jsonLogic.apply({ list_any: [['x'], ['x']] } as never)).toBe(true)
  })
})

describe('the text and list operations', () => {
  const run = (op: string, a: unknown, b?: unknown) =>
    applyLogic({ [op]: [{ var: 'a' }, { var: 'b' }] }, { a, b })

  it('starts_with / ends_with need two strings', () => {
    expect(run('starts_with', 'Wang Fang', 'Wang')).toBe(true)
    expect(run('starts_with', 'Wang Fang', 'wang')).toBe(false)
    expect(run('starts_with', 'abc', '')).toBe(true)
    expect(run('starts_with', null, '')).toBe(false)
    expect(run('starts_with', 123, '1')).toBe(false)
    expect(run('starts_with', ['a'], 'a')).toBe(false)
    expect(run('starts_with', 'abc', null)).toBe(false)
    expect(run('ends_with', '王小明', '明')).toBe(true)
    expect(run('ends_with', 'abc', 'ab')).toBe(false)
    expect(run('ends_with', 'abc', 1)).toBe(false)
  })

  it('lower lower-cases strings and returns anything else unchanged', () => {
    expect(applyLogic({ lower: { var: 'a' } }, { a: 'ÄbC' })).toBe('äbc')
    expect(applyLogic({ lower: { var: 'a' } }, { a: null })).toBe(null)
    expect(applyLogic({ lower: { var: 'a' } }, {})).toBe(null)
    expect(applyLogic({ lower: { var: 'a' } }, { a: 5 })).toBe(5)
    expect(applyLogic({ '==': [{ lower: { var: 'a' } }, null] }, { a: null })).toBe(true)
  })

  it('list_all: a non-empty list holding every value; no values = every non-empty list', () => {
    expect(run('list_all', ['a', 'b', 'c'], ['a', 'c'])).toBe(true)
    expect(run('list_all', ['a'], ['a', 'b'])).toBe(false)
    expect(run('list_all', ['a'], [])).toBe(true)
    expect(run('list_all', [], [])).toBe(false)
    expect(run('list_all', null, ['a'])).toBe(false)
    expect(run('list_all', 'abc', ['a'])).toBe(false)
    expect(run('list_all', ['1'], [1])).toBe(false)
  })
})

describe('the date operations', () => {
  const asOf = Date.UTC(2024, 2, 31, 15, 30) // Sunday 2024-03-31 15:30 UTC
  const run = (op: string, a: unknown, b: unknown) => {
    setEvaluationAsOf(asOf)
    return applyLogic({ [op]: [{ var: 'a' }, { var: 'b' }] }, { a, b })
  }

  // [operation, date, argument, expected], grouped by operation; asOf is Sunday 2024-03-31.
  const CASES: Array<[string, unknown, unknown, boolean]> = [
    // on_day: same UTC day, dates or datetimes; anything unparseable fails
    ['on_day', '2024-03-31T23:59:59', '2024-03-31', true], ['on_day', '2024-03-31', '2024-04-01', false],
    ['on_day', '2024-02-30', '2024-02-30', false], ['on_day', null, null, false], ['on_day', 'x', 'x', false],
    // in_last_weeks n = in_last_days 7n: 2024-03-25 is 6 days back, 2024-03-24 is 7
    ['in_last_weeks', '2024-03-25', 1, true], ['in_last_weeks', '2024-03-24', 1, false], ['in_last_weeks', '2024-03-24', 2, true],
    ['in_last_weeks', '2024-04-01', 2, false], ['in_last_weeks', '2024-03-31', '1', false],
    // in_last_months: (asOf − n months, asOf]; 31 Mar 2024 − 1 month = 29 Feb (leap year), − 13 months = 28 Feb 2023
    ['in_last_months', '2024-03-01', 1, true], ['in_last_months', '2024-02-29T23:00:00', 1, false],
    ['in_last_months', '2024-03-31', 1, true], ['in_last_months', '2024-04-01', 1, false], ['in_last_months', '2024-03-31', 0, false],
    ['in_last_months', '2023-03-01', 13, true], ['in_last_months', '2023-02-28', 13, false], ['in_last_months', null, 3, false],
    // days_ago_at_least: whole days back >= n, never the future
    ['days_ago_at_least', '2024-03-01', 30, true], ['days_ago_at_least', '2024-03-02', 30, false],
    ['days_ago_at_least', '2024-04-02', 0, false], ['days_ago_at_least', '2024-03-31', 0, true],
    // in_next_days: 0 <= days ahead < n
    ['in_next_days', '2024-03-31', 1, true], ['in_next_days', '2024-04-01', 1, false], ['in_next_days', '2024-04-01', 2, true],
    ['in_next_days', '2024-03-30', 10, false], ['in_next_days', '2024-04-01', null, false],
    // anniversary_month: the UTC month, 0 = the month of asOf
    ['anniversary_month', '1990-03-05', 3, true], ['anniversary_month', '1990-03-05', 0, true],
    ['anniversary_month', '1990-04-05', 0, false], ['anniversary_month', '1990-12-31T23:59:59', 12, true],
    ['anniversary_month', '1990-03-05', 13, false], ['anniversary_month', '1990-03-05', 3.5, false], ['anniversary_month', null, 3, false],
  ]
  it.each(CASES)('%s(%j, %j) is %s', (op, date, arg, expected) => {
    expect(run(op, date, arg)).toBe(expected)
  })

  it('monthsBeforeDay clamps to the last day of the target month', () => {
    const day = (y: number, m: number, d: number) => Date.UTC(y, m - 1, d) / 86_400_000
    expect(monthsBeforeDay(asOf, 1)).toBe(day(2024, 2, 29))
    expect(monthsBeforeDay(asOf, 13)).toBe(day(2023, 2, 28))
    expect(monthsBeforeDay(asOf, 3)).toBe(day(2023, 12, 31))
    expect(monthsBeforeDay(Date.UTC(2024, 4, 15), 1)).toBe(day(2024, 4, 15))
    expect(monthsBeforeDay(Date.UTC(2024, 0, 10), -1)).toBe(day(2024, 2, 10))
  })

  it('days_ago_at_least is the complement of in_last_days among past dates', () => {
    for (const d of ['2024-03-31', '2024-03-30', '2024-03-02', '2024-03-01', '2023-01-01', '2024-03-31T01:00:00']) {
      for (const n of [0, 1, 2, 30, 31, 0.5]) {
        expect(run('days_ago_at_least', d, n), `${d} ${n}`).toBe(!run('in_last_days', d, n))
      }
    }
  })
})
