import { describe, expect, it } from 'vitest'
import type { ColumnarTable } from '../../../src/core/engine/columns'
import { DEMO_SEED, generateDemo } from '../../../src/core/demo/generateDemo'
import { Engine } from '../../../src/core/engine/evaluate'
import { handTable, HAND_AS_OF } from './fixtures'
import { allRows, membersOf, referenceMembers } from './helpers'
import { operatorCases, type OperatorCase } from './operatorCases'
import { ALL_OPERATORS } from '../../../src/core/logic/operators'

/** Engine members equal reference members for every case; returns how many cases ran. */
function expectExact(table: ColumnarTable, asOf: number, perField: number, negated: boolean): { cases: OperatorCase[]; engine: Engine } {
  const engine = new Engine(table, { asOf })
  const rows = allRows(table)
  const cases = operatorCases(table, perField, negated)
  for (const c of cases) {
    const want = referenceMembers(rows, c.logic, asOf)
    expect(membersOf(engine.evaluate(c.logic)), c.label).toEqual(want)
  }
  return { cases, engine }
}

describe('every builder operator matches json-logic-js', () => {
  it('on a hand-made table with missing, empty and odd values', () => {
    const { cases, engine } = expectExact(handTable(), HAND_AS_OF, 6, true)
    expect(new Set(cases.map((c) => c.op))).toEqual(new Set(ALL_OPERATORS))
    // The canonical shapes are all compiled: nothing needed the row-by-row fallback.
    expect(engine.stats.fallback).toBe(0)
  })

  // The reference needs ~2 µs a row, so: the real demo customers, and the orders of a smaller
  // demo (same generator, 2,000 customers); negation is covered on the hand-made table.
  it('on the demo customers', () => {
    const data = generateDemo()
    const { cases, engine } = expectExact(data.customers.table, data.asOf, 2, false)
    expect(cases.length).toBeGreaterThan(50)
    expect(engine.stats.fallback).toBe(0)
  })

  it('on demo orders', () => {
    const data = generateDemo(DEMO_SEED, 2000)
    const { cases, engine } = expectExact(data.orders.table, data.asOf, 2, false)
    expect(cases.length).toBeGreaterThan(50)
    expect(engine.stats.fallback).toBe(0)
  })
})
