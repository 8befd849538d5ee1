import jsonLogic from 'json-logic-js'
import { afterEach, describe, expect, it, vi } from 'vitest'
import {
  applyLogic, CUSTOM_OPERATIONS, getEvaluationAsOf, inLastDays, listAny, registerCustomOperations, setEvaluationAsOf,
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
    expect([...CUSTOM_OPERATIONS].sort()).toEqual(['in_last_days', 'list_any'])
    // Callers that use json-logic-js directly (the worker's fallback) see the same operations.
    expect(jsonLogic.apply({ list_any: [['x'], ['x']] } as never)).toBe(true)
  })
})
