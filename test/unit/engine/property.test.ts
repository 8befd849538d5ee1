import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { Engine } from '../../../src/core/engine/evaluate'
import { asOfArb, conditionArb, ruleArb, tableArb } from './arbitraries'
import { allRows, membersOf, referenceMembers } from './helpers'

describe('Engine agrees with json-logic-js on random rules and data', () => {
  it('single conditions of every shape', () => {
    fc.assert(fc.property(tableArb, asOfArb, fc.array(conditionArb, { minLength: 1, maxLength: 8 }), (table, asOf, conditions) => {
      const engine = new Engine(table, { asOf })
      const rows = allRows(table)
      for (const logic of conditions) {
        expect(membersOf(engine.evaluate(logic)), JSON.stringify(logic)).toEqual(referenceMembers(rows, logic, asOf))
      }
    }), { numRuns: 200 })
  })

  it('nested and/or/!/if trees, several rules sharing one engine and its cache', () => {
    fc.assert(fc.property(tableArb, asOfArb, fc.array(ruleArb, { minLength: 1, maxLength: 3 }), (table, asOf, rules) => {
      const engine = new Engine(table, { asOf })
      const rows = allRows(table)
      for (const logic of rules) {
        expect(membersOf(engine.evaluate(logic)), JSON.stringify(logic)).toEqual(referenceMembers(rows, logic, asOf))
      }
    }), { numRuns: 200 })
  })
})
