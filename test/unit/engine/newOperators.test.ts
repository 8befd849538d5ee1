import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { Engine } from '../../../src/core/engine/evaluate'
import type { FieldMeta } from '../../../src/core/fields/types'
import type { JsonLogic } from '../../../src/core/logic/types'
import { allRows, makeTable, membersOf, referenceMembers, type Cell } from './helpers'

/*
 * The issue-6 shapes on columns built for them: two number columns, two date columns per format
 * (field-vs-field), lists (list_all), and the date operations around month ends and far years.
 * Every answer is checked against json-logic-js, and the compiled paths must have served them.
 */

const FIELDS: FieldMeta[] = [
  { name: 'x', type: 'number' }, { name: 'y', type: 'number' },
  { name: 'd', type: 'date', dateFormat: 'date' }, { name: 'e', type: 'date', dateFormat: 'date' },
  { name: 's', type: 'date', dateFormat: 'datetime' }, { name: 'u', type: 'date', dateFormat: 'datetime' },
  { name: 'l', type: 'list' },
]
const CELLS: Record<string, Cell[]> = {
  x: [null, 0, -0, 1, 2.5, 5, -3, 1e21], y: [null, 0, 1, 5, -3, 2.5],
  d: [null, '2024-02-29', '2024-03-01', '2024-03-31', '2023-03-31', '2024-12-31', '2025-01-01', '0100-01-01', '0050-06-01', '1969-12-31', '2024-04-01'],
  e: [null, '2024-02-29', '2024-03-31', '2024-03-01', '1969-12-31'],
  s: [null, '2024-03-31T00:00:00', '2024-03-31T23:59:59', '2024-03-01T12:00:00', '2024-02-29T08:00:00', '2023-04-15T10:00:00'],
  u: [null, '2024-03-31T00:00:00', '2024-03-31T12:00:00', '2024-02-29T08:00:00'],
  l: [null, [], ['a'], ['a', 'b'], ['b', 'c'], ['a', 'a'], ['']],
}
const AS_OFS = [Date.UTC(2024, 2, 31, 15), Date.UTC(2024, 1, 29), Date.UTC(2025, 0, 1)]

const rowArb = fc.record(Object.fromEntries(FIELDS.map((f) => [f.name, fc.constantFrom(...CELLS[f.name])])))
const tableArb = fc.array(rowArb, { minLength: 0, maxLength: 40 }).map((rows) => makeTable(FIELDS, rows as Array<Record<string, Cell>>))

const V = (f: string) => ({ var: f })
const DATE_OPS = ['on_day', 'in_last_weeks', 'in_last_months', 'days_ago_at_least', 'in_next_days', 'anniversary_month']
const ARGS: JsonLogic[] = [0, 1, 2, 3, 12, 13, 0.5, -1, null, '2024-03-31', '2024-03-31T10:00:00', '2024-02-29', 'x', 100000]

const leafArb: fc.Arbitrary<JsonLogic> = fc.oneof(
  fc.tuple(fc.constantFrom(...DATE_OPS), fc.constantFrom('d', 's'), fc.constantFrom(...ARGS)).map(([op, f, n]) => ({ [op]: [V(f), n] })),
  fc.tuple(fc.constantFrom('==', '!=', '<', '<=', '>', '>=', '===', '!=='), fc.constantFrom<[string, string]>(['x', 'y'], ['y', 'x'], ['d', 'e'], ['s', 'u'], ['x', 'x']))
    .map(([op, [a, b]]) => ({ [op]: [V(a), V(b)] })),
  fc.constantFrom<[string, string]>(['d', 'e'], ['s', 'u'], ['e', 'd'], ['d', 'd']).map(([a, b]) => ({ on_day: [V(a), V(b)] })),
  fc.constantFrom<JsonLogic>(['a'], ['a', 'b'], [], [''], ['a', 'a'], ['z'], 'a', null).map((vals) => ({ list_all: [V('l'), vals] })),
)

describe('issue-6 operations in the engine', () => {
  it('select what json-logic-js selects, without the row-by-row fallback', () => {
    let runs = 0
    fc.assert(fc.property(tableArb, fc.constantFrom(...AS_OFS), fc.array(leafArb, { minLength: 1, maxLength: 6 }), (table, asOf, leaves) => {
      const engine = new Engine(table, { asOf })
      const rows = allRows(table)
      for (const logic of leaves) {
        expect(membersOf(engine.evaluate(logic)), JSON.stringify(logic)).toEqual(referenceMembers(rows, logic, asOf))
        expect(membersOf(engine.evaluate({ '!': logic })), JSON.stringify(logic)).toEqual(referenceMembers(rows, { '!': logic }, asOf))
      }
      expect(engine.stats.fallback).toBe(0)
      runs++
    }), { numRuns: 400 })
    expect(runs).toBe(400)
  })

  it('falls back (exactly) for field comparisons it does not cover: dates of two formats', () => {
    const table = makeTable(FIELDS, CELLS.s.map((s, i) => ({ ...Object.fromEntries(FIELDS.map((f) => [f.name, null])), s, d: CELLS.d[i] })))
    const engine = new Engine(table, { asOf: AS_OFS[0] })
    const logic = { '<': [V('d'), V('s')] }
    expect(membersOf(engine.evaluate(logic))).toEqual(referenceMembers(allRows(table), logic, AS_OFS[0]))
    expect(engine.stats.fallback).toBeGreaterThan(0)
  })
})

describe('the bench rule of the issue-6 operators', () => {
  it('is compiled and selects what json-logic-js selects on 3,000 bench customers', async () => {
    const { generateBenchCustomers } = await import('../../../bench/customers')
    const { NEW_OPERATORS } = await import('../../../bench/rules')
    const { table, asOf } = generateBenchCustomers(3000)
    const engine = new Engine(table, { asOf })
    const got = membersOf(engine.evaluate(NEW_OPERATORS))
    expect(got).toEqual(referenceMembers(allRows(table), NEW_OPERATORS, asOf))
    expect(got.length).toBeGreaterThan(0)
    expect(engine.stats.fallback).toBe(0)
  })
})

describe('text tests over the dictionary (starts/ends with, ignore case)', () => {
  const TEXT_FIELDS: FieldMeta[] = [{ name: 't', type: 'text' }, { name: 'c', type: 'category' }]
  const WORDS: Cell[] = [null, '', 'Abc', 'abc', 'ABCD', 'xabc', 'İstanbul', 'istanbul', 'Straße', 'STRASSE', '北京A', '北京a', '1', '0', 'null']
  const textRow = fc.record({ t: fc.constantFrom(...WORDS), c: fc.constantFrom(...WORDS) })
  const textTable = fc.array(textRow, { maxLength: 40 }).map((rows) => makeTable(TEXT_FIELDS, rows as Array<Record<string, Cell>>))
  const CONSTS: JsonLogic[] = ['abc', 'Abc', 'a', 'c', '', 'i̇stanbul', 'straße', '北京a', 1, 0, null, true, ['abc', 'a'], ['1'], 'null']
  const side = fc.constantFrom<JsonLogic>(V('t'), V('c'), { lower: V('t') }, { lower: [V('c')] })
  const textLeaf: fc.Arbitrary<JsonLogic> = fc.tuple(fc.constantFrom('==', '!=', 'in', 'starts_with', 'ends_with'), side, fc.constantFrom(...CONSTS), fc.boolean())
    .map(([op, f, k, flip]) => ({ [op]: flip ? [k, f] : [f, k] }))

  it('select what json-logic-js selects, with the field on either side', () => {
    fc.assert(fc.property(textTable, fc.array(textLeaf, { minLength: 1, maxLength: 6 }), (table, leaves) => {
      const engine = new Engine(table, { asOf: AS_OFS[0] })
      const rows = allRows(table)
      for (const logic of leaves) {
        expect(membersOf(engine.evaluate(logic)), JSON.stringify(logic)).toEqual(referenceMembers(rows, logic, AS_OFS[0]))
      }
      expect(engine.stats.fallback).toBe(0)
    }), { numRuns: 400 })
  })
})

describe('the random split bucket over an id column', () => {
  const ID_FIELDS: FieldMeta[] = [{ name: 't', type: 'text' }, { name: 'c', type: 'category' }, { name: 'n', type: 'number' }]
  const IDS: Cell[] = [null, '', 'C00001', 'C00002', '王小明', '😀', 'a:b', '42']
  const NUMS: Cell[] = [null, 0, -0, 42, 7.5, 1e21, -3]
  const row = fc.record({ t: fc.constantFrom(...IDS), c: fc.constantFrom(...IDS), n: fc.constantFrom(...NUMS) })
  const table = fc.array(row, { maxLength: 40 }).map((rows) => makeTable(ID_FIELDS, rows as Array<Record<string, Cell>>))
  const leaf: fc.Arbitrary<JsonLogic> = fc.tuple(
    fc.constantFrom('<', '<=', '>', '>=', '==', '!=', '===', '!=='), fc.constantFrom('t', 'c', 'n'),
    fc.constantFrom<JsonLogic>('s1', 'seed-2', 7), fc.constantFrom<JsonLogic>(0, 1000, 5000, 9999, 10000, '5000', null), fc.boolean(),
  ).map(([op, f, seed, k, flip]) => {
    const b: JsonLogic = { bucket: [V(f), seed] }
    return { [op]: flip ? [k, b] : [b, k] }
  })

  it('selects what json-logic-js selects, for ids of every kind and both argument orders', () => {
    fc.assert(fc.property(table, fc.array(leaf, { minLength: 1, maxLength: 6 }), (t, leaves) => {
      const engine = new Engine(t, { asOf: AS_OFS[0] })
      const rows = allRows(t)
      for (const logic of leaves) expect(membersOf(engine.evaluate(logic)), JSON.stringify(logic)).toEqual(referenceMembers(rows, logic, AS_OFS[0]))
      expect(engine.stats.fallback).toBe(0)
    }), { numRuns: 300 })
  })
})
