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

describe('null guards of the builder', () => {
  const table = makeTable([{ name: 'n', type: 'number' }, { name: 't', type: 'text' }], [
    { n: 1, t: 'a' }, { n: null, t: null }, { n: 7, t: '' }, { n: 0, t: 'b' }, { n: null, t: 'c' }, { n: 10, t: null },
  ])
  const guard = (f: string): JsonLogic => ({ '!=': [{ var: f }, null] })
  const compiledFor = (logic: JsonLogic): number => {
    const engine = expectExactAll(table, [logic])
    return engine.stats.compiled
  }

  it('is not evaluated beside a condition on its field that a missing value fails anyway', () => {
    expect(compiledFor({ and: [guard('n'), { '>=': [{ var: 'n' }, 6] }] })).toBe(1)
    expect(compiledFor({ and: [guard('n'), { '<=': [1, { var: 'n' }, 8] }] })).toBe(1)
    expect(compiledFor({ and: [guard('n'), guard('n'), { '>': [{ var: 'n' }, 0] }] })).toBe(1)
  })

  it('is evaluated where a missing value would pass the condition, or the condition reads another field', () => {
    // null < 6 and null <= 0 hold in JavaScript: the guard is what keeps missing values out.
    expect(compiledFor({ and: [guard('n'), { '<': [{ var: 'n' }, 6] }] })).toBe(2)
    expect(compiledFor({ and: [guard('n'), { '<=': [{ var: 'n' }, 0] }] })).toBe(2)
    expect(compiledFor({ and: [guard('t'), { '>=': [{ var: 'n' }, 6] }] })).toBe(2)
    expect(compiledFor({ and: [guard('n'), guard('t')] })).toBe(2)
  })
})

describe('groups over one dictionary or boolean field', () => {
  it('are decided once per value, in one pass, exactly', () => {
    const table = makeTable([{ name: 'c', type: 'category' }, { name: 'b', type: 'boolean' }], [
      { c: 'x', b: true }, { c: null, b: null }, { c: 'y', b: false }, { c: '', b: true }, { c: 'z', b: null },
    ])
    const noneOf: JsonLogic = { and: [{ '!=': [{ var: 'c' }, null] }, { '!': { in: [{ var: 'c' }, ['x', 'y']] } }] }
    const onBoolean: JsonLogic = { or: [{ '===': [{ var: 'b' }, true] }, { '==': [{ var: 'b' }, null] }] }
    const engine = expectExactAll(table, [noneOf, onBoolean, { if: [{ var: 'c' }, { '!': { var: 'c' } }, true] }])
    expect(engine.stats).toMatchObject({ compiled: 3, fallback: 0 })
  })

  it('are evaluated child by child when the dictionary is large', () => {
    const rows = Array.from({ length: 5000 }, (_, i) => ({ t: i % 7 === 0 ? null : `v${i}` }))
    const table = makeTable([{ name: 't', type: 'text' }], rows)
    const engine = expectExactAll(table, [{ and: [{ '!=': [{ var: 't' }, null] }, { '!=': [{ var: 't' }, 'v1'] }] }])
    expect(engine.stats.compiled).toBe(2)
  })
})

describe('expressions over one number field of few integers', () => {
  const arithmetic = (f: string): JsonLogic => ({ '==': [{ '%': [{ '+': [{ var: f }, 1] }, 3] }, 0] })

  it('are decided once per value, missing values included', () => {
    const table = makeTable([{ name: 'k', type: 'number' }], [{ k: 2 }, { k: null }, { k: -1 }, { k: 5 }, { k: 0 }, { k: 8 }])
    const engine = expectExactAll(table, [arithmetic('k'), { '==': [{ '/': [1, { var: 'k' }] }, Infinity] }, { '!': { '+': [{ var: 'k' }, 1] } }])
    expect(engine.stats).toMatchObject({ compiled: 3, fallback: 0 })
  })

  it('fall back row by row when values are fractions, -0, far apart or nearly all distinct', () => {
    for (const cells of [[1, 2.5, null], [0, -0, 1], [0, 1e6, 7], Array.from({ length: 100 }, (_, i) => i)]) {
      const table = makeTable([{ name: 'k', type: 'number' }], cells.map((k) => ({ k })))
      const engine = expectExactAll(table, [arithmetic('k')])
      expect(engine.stats.fallback, JSON.stringify(cells.slice(0, 4))).toBe(1)
    }
  })
})
