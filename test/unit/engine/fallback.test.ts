import { describe, expect, it } from 'vitest'
import { Engine } from '../../../src/core/engine/evaluate'
import type { JsonLogic } from '../../../src/core/logic/types'
import { handTable, HAND_AS_OF } from './fixtures'
import { allRows, membersOf, referenceMembers } from './helpers'

const table = handTable()
const rows = allRows(table)

function evaluateBoth(engine: Engine, logic: JsonLogic): { got: number[]; want: number[] } {
  return { got: membersOf(engine.evaluate(logic)), want: referenceMembers(rows, logic, HAND_AS_OF) }
}

describe('fallback to json-logic-js', () => {
  it.each<[string, JsonLogic]>([
    ['arithmetic on a number field', { '==': [{ '+': [{ var: 'spend' }, 1] }, 6] }],
    ['a dotted path into a text field', { '>': [{ var: 'name.length' }, 3] }],
    ['two fields compared', { '<': [{ var: 'spend' }, { var: 'seen' }] }],
    ['a substring test on a number', { in: [{ var: 'spend' }, '0123456789'] }],
    ['missing', { missing: ['spend', 'joined'] }],
    ['the whole row', { var: '' }],
    ['an inherited property', { '==': [{ var: 'toString' }, null] }],
  ])('evaluates %s row by row, exactly', (_label, logic) => {
    const engine = new Engine(table, { asOf: HAND_AS_OF })
    const { got, want } = evaluateBoth(engine, logic)
    expect(got).toEqual(want)
    expect(engine.stats.fallback).toBe(1)
  })

  it('falls back for the uncovered condition only, compiling its siblings', () => {
    const engine = new Engine(table, { asOf: HAND_AS_OF })
    const logic: JsonLogic = { or: [{ '>': [{ var: 'spend' }, 10] }, { '==': [{ '%': [{ var: 'spend' }, 2] }, 1] }] }
    const { got, want } = evaluateBoth(engine, logic)
    expect(got).toEqual(want)
    expect(engine.stats).toMatchObject({ compiled: 1, fallback: 1 })
  })

  it('lifts a foreign expression over one text field to a per-value answer instead of falling back', () => {
    const engine = new Engine(table, { asOf: HAND_AS_OF })
    const { got, want } = evaluateBoth(engine, { '==': [{ substr: [{ var: 'name' }, 0, 1] }, 'a'] })
    expect(got).toEqual(want)
    expect(want.length).toBeGreaterThan(0)
    expect(engine.stats).toMatchObject({ compiled: 1, fallback: 0 })
  })

  it('selects no row on which the reference throws, honouring and/or short-circuits', () => {
    const engine = new Engine(table, { asOf: HAND_AS_OF })
    const unknown: JsonLogic = { no_such_op: [1] }
    expect(evaluateBoth(engine, unknown).got).toEqual([])
    // json-logic-js never reaches the unknown operation on rows where vip is true.
    const shortCircuit: JsonLogic = { or: [{ var: 'vip' }, unknown] }
    const { got, want } = evaluateBoth(engine, shortCircuit)
    expect(want.length).toBeGreaterThan(0)
    expect(got).toEqual(want)
    // Negating the throwing rule must not turn "threw" into "selected".
    const negated: JsonLogic = { '!': shortCircuit }
    expect(evaluateBoth(engine, negated)).toMatchObject({ got: [], want: [] })
    expect(evaluateBoth(engine, shortCircuit).got).toEqual(want)
  })
})
