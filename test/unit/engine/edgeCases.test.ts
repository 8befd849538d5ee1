import { describe, expect, it } from 'vitest'
import type { ColumnarTable } from '../../../src/core/engine/columns'
import { Engine } from '../../../src/core/engine/evaluate'
import type { JsonLogic } from '../../../src/core/logic/types'
import { allRows, makeTable, membersOf, referenceMembers } from './helpers'

const AS_OF = Date.UTC(2026, 5, 30)
const DAY = 86_400_000

function expectExactAll(table: ColumnarTable, rules: JsonLogic[]): Engine {
  const engine = new Engine(table, { asOf: AS_OF })
  const rows = allRows(table)
  for (const logic of rules) {
    expect(membersOf(engine.evaluate(logic)), JSON.stringify(logic)).toEqual(referenceMembers(rows, logic, AS_OF))
  }
  return engine
}

describe('edge cases of the columnar data', () => {
  it('dates whose ISO string has no 4-digit year (sorting breaks) stay exact', () => {
    const year10000 = 253_402_300_800_000 + DAY
    const yearMinus1 = -62_167_219_200_000 - 400 * DAY
    const table: ColumnarTable = {
      rowCount: 4,
      fields: [{ name: 'd', type: 'date', dateFormat: 'date' }],
      columns: { d: { type: 'date', dateFormat: 'date', values: Float64Array.from([year10000, yearMinus1, Date.UTC(2024, 0, 1), NaN]) } },
    }
    expectExactAll(table, [
      { '<': [{ var: 'd' }, '2024-01-02'] }, { '>': [{ var: 'd' }, '+'] }, { '==': [{ var: 'd' }, '2024-01-01'] },
      { in_last_days: [{ var: 'd' }, 1e9] }, { in: [{ var: 'd' }, ['2024-01-01']] },
    ])
  })

  it('boolean bytes other than 0, 1 and missing read as false', () => {
    const table: ColumnarTable = {
      rowCount: 4,
      fields: [{ name: 'b', type: 'boolean' }],
      columns: { b: { type: 'boolean', values: Uint8Array.from([0, 1, 2, 255]) } },
    }
    expectExactAll(table, [
      { '===': [{ var: 'b' }, false] }, { var: 'b' }, { '!': { var: 'b' } }, { '==': [{ var: 'b' }, null] }, { '<': [{ var: 'b' }, 1] },
    ])
  })

  it('a dictionary holding a string twice still selects every row with it', () => {
    const table: ColumnarTable = {
      rowCount: 4,
      fields: [{ name: 't', type: 'text' }],
      columns: { t: { type: 'text', dict: ['a', 'b', 'a'], codes: Int32Array.from([0, 1, 2, -1]) } },
    }
    expectExactAll(table, [{ '==': [{ var: 't' }, 'a'] }, { '!=': [{ var: 't' }, 'a'] }, { in: [{ var: 't' }, ['a']] }])
  })

  it('an empty table gives empty bitsets', () => {
    const table = makeTable([{ name: 'n', type: 'number' }], [])
    const engine = expectExactAll(table, [{ '>': [{ var: 'n' }, 1] }, true, { '!': { var: 'n' } }])
    expect(engine.evaluate(true).size).toBe(0)
  })

  it('fields without a column, columns without a field, and dotted names read as the row does', () => {
    const table: ColumnarTable = {
      rowCount: 3,
      fields: [{ name: 'n', type: 'number' }, { name: 'ghost', type: 'number' }, { name: 'a.b', type: 'number' }],
      columns: {
        n: { type: 'number', values: Float64Array.from([1, NaN, 3]) },
        hidden: { type: 'number', values: Float64Array.from([1, 1, 1]) },
        'a.b': { type: 'number', values: Float64Array.from([1, 1, 1]) },
      },
    }
    const engine = expectExactAll(table, [
      { '==': [{ var: 'ghost' }, null] }, { '==': [{ var: 'hidden' }, 1] }, { '==': [{ var: 'a.b' }, 1] },
      { '==': [{ var: ['ghost', 3] }, { var: 'n' }] }, { '<': [{ var: 'ghost' }, 1] },
    ])
    expect(membersOf(engine.evaluate({ '==': [{ var: 'ghost' }, null] }))).toEqual([0, 1, 2])
  })

  it('comparisons across more or fewer arguments than two follow json-logic-js', () => {
    const table = makeTable([{ name: 'n', type: 'number' }], [{ n: 1 }, { n: null }, { n: 5 }, { n: 0 }])
    expectExactAll(table, [
      { '==': [{ var: 'n' }] }, { '==': [] }, { '<': [0, { var: 'n' }, 5, 100] }, { '<': [0, { var: 'n' }, { and: [] }] },
      { '>': [{ var: 'n' }, 0, 100] }, { '!': [{ var: 'n' }, 1] }, { '!!': [] }, { if: [] }, { if: [{ var: 'n' }] },
      { in: [{ var: 'n' }, [1, null, '5']] }, { in: [null, [{ var: 'n' }]] },
    ])
  })
})
