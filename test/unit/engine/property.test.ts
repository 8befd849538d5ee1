import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import type { ColumnarTable } from '../../../src/core/engine/columns'
import { Engine } from '../../../src/core/engine/evaluate'
import { toJsonLogic } from '../../../src/core/logic/toJsonLogic'
import type { JsonLogic } from '../../../src/core/logic/types'
import { asOfArb, conditionArb, ruleArb, tableArb } from './arbitraries'
import { builderConditionArb, builderGroupArb, replaceCondition } from './builderArbitraries'
import { dateAsOfArb, dateConditionArb, dateTableArb } from './dateArbitraries'
import { allRows, membersOf, referenceMembers } from './helpers'

/*
 * The engine against json-logic-js on random data and rules. Every case builds one table and
 * evaluates several rules on one engine, so the cache, the column facts and the list indexes
 * (built on a column's second list condition) are shared the way the app shares them.
 * Issue 4 asks for at least 2,000 random cases per run; the last test checks they all ran.
 */

const RUNS = { conditions: 1500, trees: 1000, builder: 800, edits: 500, dates: 700 }
const ran: Record<keyof typeof RUNS, number> = { conditions: 0, trees: 0, builder: 0, edits: 0, dates: 0 }

/** Evaluates every rule on one engine and compares each with the reference. */
function expectSameMembers(table: ColumnarTable, asOf: number, rules: JsonLogic[]): void {
  const engine = new Engine(table, { asOf })
  const rows = allRows(table)
  for (const logic of rules) {
    expect(membersOf(engine.evaluate(logic)), JSON.stringify(logic)).toEqual(referenceMembers(rows, logic, asOf))
  }
}

/** `RUNS[key]` random cases: a table, an as-of date and rules evaluated on one engine, each compared with the reference. */
function agree(key: keyof typeof RUNS, rules: fc.Arbitrary<JsonLogic[]>, tables = tableArb, asOfs = asOfArb): void {
  fc.assert(fc.property(tables, asOfs, rules, (table, asOf, logic) => {
    ran[key]++
    expectSameMembers(table, asOf, logic)
  }), { numRuns: RUNS[key] })
}

/** A builder rule, then the same rule with one condition replaced, again and again. */
const editedVersionsArb = fc.tuple(builderGroupArb, fc.array(fc.tuple(fc.nat(), builderConditionArb), { minLength: 1, maxLength: 4 }))
  .map(([group, edits]) => {
    const versions = [group]
    for (const [k, next] of edits) versions.push(replaceCondition(versions[versions.length - 1], k, next))
    return versions.map(toJsonLogic)
  })

describe('Engine agrees with json-logic-js on random rules and data', () => {
  it('single conditions of every shape, many per table', () => {
    agree('conditions', fc.array(conditionArb, { minLength: 1, maxLength: 10 }))
  })

  it('nested and/or/!/!!/if trees, several rules sharing one engine and its cache', () => {
    agree('trees', fc.array(ruleArb, { minLength: 1, maxLength: 4 }))
  })

  it('builder rules: every operator, negated and nested groups, wrong-shaped values', () => {
    agree('builder', fc.array(builderGroupArb, { minLength: 1, maxLength: 4 }).map((groups) => groups.map(toJsonLogic)))
  })

  it('edits: one condition replaced at a time, answered through the cache of the previous rule', () => {
    agree('edits', editedVersionsArb)
  })

  it('dates at their edges: fractional and negative ms, years before 100 and beyond 9999', () => {
    agree('dates', fc.array(dateConditionArb, { minLength: 1, maxLength: 8 }), dateTableArb, dateAsOfArb)
  })

  // Runs last (tests in a file run in order): lowering a numRuns below the total fails the suite.
  it('ran at least 2,000 random cases', () => {
    expect(ran).toEqual(RUNS)
    expect(Object.values(ran).reduce((a, b) => a + b, 0)).toBeGreaterThanOrEqual(2000)
  })
})
