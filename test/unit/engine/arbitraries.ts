import fc from 'fast-check'
import type { ColumnarTable } from '../../../src/core/engine/columns'
import type { FieldMeta } from '../../../src/core/fields/types'
import type { JsonLogic } from '../../../src/core/logic/types'
import { makeTable, type Cell } from './helpers'

/*
 * Random tables with awkward values and random rules mixing canonical and foreign shapes.
 * Each generated table is shared by several rules: the reference's row loop is the cost of a case.
 */

export const PROP_FIELDS: FieldMeta[] = [
  { name: 'n', type: 'number' },
  { name: 'm', type: 'number' },
  /** Few close integers: expressions over it are decided once per value (lift.ts). */
  { name: 'k', type: 'number' },
  { name: 't', type: 'text' },
  { name: 'c', type: 'category' },
  { name: 'b', type: 'boolean' },
  { name: 'd', type: 'date', dateFormat: 'date' },
  { name: 'dt', type: 'date', dateFormat: 'datetime' },
  { name: 'l', type: 'list' },
]

/** Text that JavaScript reads as a number, or almost: "1e3" == 1000, " 12 " == 12, "NaN" equals nothing. */
const NUMBER_LIKE = ['NaN', '1e3', ' 12 ', 'Infinity', '-0', '0x10', '12abc', '1_000']

const CELLS: Record<string, Cell[]> = {
  n: [null, 0, -0, 1, -1, 2.5, 5, 10, 12, 100, 1000, 1e21, 0.30000000000000004],
  m: [null, 0, 1, 5, 7, Infinity, -Infinity],
  k: [null, 0, 1, 2, 3, 5, 10, -4],
  t: [null, '', '0', '5', '05', ' 5', 'abc', 'ABC', 'a', 'true', 'null', '1e1', '2024-01-01', 'a,b', '10', ...NUMBER_LIKE],
  c: [null, 'x', 'y', 'z', '', '1', 'NaN', ' 12 '],
  b: [null, true, false],
  d: [null, '2023-12-31', '2024-01-01', '2024-02-29', '2026-06-24', '2026-06-29', '2026-06-30', '2026-07-01', '1969-12-31', '0100-01-01'],
  dt: [null, '2024-01-01T00:00:00', '2024-01-01T10:30:00', '2026-06-29T12:00:00', '2026-06-30T00:00:00', '2026-06-30T23:59:59'],
  l: [null, [], ['a'], ['a', 'b'], ['b'], ['c', 'a'], [''], ['5'], ['a', 'a'], ['NaN'], ['1e3', 'b']],
}

const rowArb = fc.record(Object.fromEntries(PROP_FIELDS.map((f) => [f.name, fc.constantFrom(...CELLS[f.name])])))

/**
 * Half the time 0–10 rows (shrinks well), half the time 31–70 (bitsets of several words, the last
 * one partial); fast-check's default size alone would never draw more than 10.
 */
export const rowCountArb: fc.Arbitrary<number> = fc.oneof(fc.integer({ min: 0, max: 10 }), fc.integer({ min: 31, max: 70 }))

/** A table drawn from the awkward values above. */
export const tableArb: fc.Arbitrary<ColumnarTable> = rowCountArb
  .chain((k) => fc.array(rowArb, { minLength: k, maxLength: k }))
  .map((rows) => makeTable(PROP_FIELDS, rows as Array<Record<string, Cell>>))

export const asOfArb = fc.constantFrom(Date.UTC(2026, 5, 30), Date.UTC(2026, 5, 30, 15))

export const scalarArb: fc.Arbitrary<JsonLogic> = fc.constantFrom<JsonLogic>(
  0, 1, -1, 2.5, 5, 10, 12, 100, 1000, '', '0', '5', '05', ' 5', 'abc', 'a', 'x', 'true', 'null', 'a,b', ...NUMBER_LIKE,
  null, true, false, '2024-01-01', '2026-06-29', '2026-06-30', '2026-06-30T00:00:00', '2024-01-01T10:30:00', '2026-07',
  // Not JSON, but a rule built in code can hold them, and the cache must keep them apart.
  -0, NaN, Infinity,
)

const literalArb: fc.Arbitrary<JsonLogic> = fc.oneof(
  { weight: 6, arbitrary: scalarArb },
  { weight: 1, arbitrary: fc.array(scalarArb, { maxLength: 3 }) },
  { weight: 1, arbitrary: fc.constantFrom<JsonLogic>({ '+': [2, 3] }, { cat: ['a', 'b'] }, { merge: [['a'], 'x'] }, { and: [] }) },
)

const fieldNameArb = fc.oneof(
  { weight: 12, arbitrary: fc.constantFrom(...PROP_FIELDS.map((f) => f.name)) },
  { weight: 1, arbitrary: fc.constantFrom('absent', 'toString', 't.length', 'l.0', '') },
)

const varArb: fc.Arbitrary<JsonLogic> = fc.oneof(
  { weight: 8, arbitrary: fieldNameArb.map((name): JsonLogic => ({ var: name })) },
  { weight: 1, arbitrary: fc.tuple(fieldNameArb, scalarArb).map(([name, dflt]): JsonLogic => ({ var: [name, dflt] })) },
  { weight: 1, arbitrary: fieldNameArb.map((name): JsonLogic => ({ var: [name] })) },
)

/** A value position: mostly a field or a literal, sometimes a foreign expression over a field. */
const operandArb: fc.Arbitrary<JsonLogic> = fc.oneof(
  { weight: 5, arbitrary: varArb },
  { weight: 4, arbitrary: literalArb },
  {
    weight: 1,
    arbitrary: fc.tuple(fc.constantFrom('+', 'cat', 'substr', '-', 'max', '%'), varArb, scalarArb)
      .map(([op, v, x]): JsonLogic => ({ [op]: [v, x] })),
  },
)

const ordered = (a: JsonLogic, b: JsonLogic, swap: boolean): JsonLogic[] => (swap ? [b, a] : [a, b])

/** One condition: canonical shapes, unguarded comparisons, custom ops, and shapes no compiler covers. */
export const conditionArb: fc.Arbitrary<JsonLogic> = fc.oneof(
  {
    weight: 8,
    arbitrary: fc.tuple(fc.constantFrom('==', '!=', '===', '!==', '<', '<=', '>', '>='), varArb, literalArb, fc.boolean())
      .map(([op, v, x, swap]): JsonLogic => ({ [op]: ordered(v, x, swap) })),
  },
  {
    weight: 2,
    arbitrary: fc.tuple(fc.constantFrom('==', '!=', '===', '<', '>='), varArb, operandArb, fc.boolean())
      .map(([op, v, x, swap]): JsonLogic => ({ [op]: ordered(v, x, swap) })),
  },
  {
    weight: 2,
    arbitrary: fc.tuple(fc.constantFrom('<', '<='), scalarArb, varArb, scalarArb)
      .map(([op, a, v, b]): JsonLogic => ({ [op]: [a, v, b] })),
  },
  { weight: 1, arbitrary: fc.tuple(varArb, fc.constantFrom<JsonLogic>(null, 'x', 0)).map(([v, x]): JsonLogic => ({ and: [{ '!=': [v, null] }, { '!=': [v, x] }] })) },
  {
    weight: 3,
    arbitrary: fc.tuple(varArb, literalArb, fc.boolean()).map(([v, x, swap]): JsonLogic => ({ in: ordered(v, x, swap) })),
  },
  { weight: 2, arbitrary: fc.tuple(varArb, literalArb).map(([v, x]): JsonLogic => ({ list_any: [v, x] })) },
  {
    weight: 2,
    arbitrary: fc.tuple(varArb, fc.constantFrom<JsonLogic>(0, 1, 2, 7, 30, 365, 0.5, -1, '7', null, 1e6))
      .map(([v, n]): JsonLogic => ({ in_last_days: [v, n] })),
  },
  { weight: 2, arbitrary: varArb },
  { weight: 1, arbitrary: fc.tuple(fc.constantFrom('!', '!!'), varArb).map(([op, v]): JsonLogic => ({ [op]: [v] })) },
  { weight: 1, arbitrary: literalArb },
  { weight: 1, arbitrary: fc.constantFrom<JsonLogic>({}, { a: 1, b: 2 }, [], [0], { missing: ['n', 't'] }, { missing_some: [1, ['n', 'l']] }) },
  { weight: 1, arbitrary: fc.tuple(varArb, varArb, fc.constantFrom('<', '==', '===')).map(([a, b, op]): JsonLogic => ({ [op]: [a, b] })) },
)

/** Random nested and/or/!/!!/if trees of conditions. */
export const ruleArb: fc.Arbitrary<JsonLogic> = fc.letrec<{ rule: JsonLogic }>((tie) => ({
  rule: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    { weight: 5, arbitrary: conditionArb },
    { weight: 2, arbitrary: fc.array(tie('rule'), { maxLength: 4 }).map((xs): JsonLogic => ({ and: xs })) },
    { weight: 2, arbitrary: fc.array(tie('rule'), { maxLength: 4 }).map((xs): JsonLogic => ({ or: xs })) },
    { weight: 1, arbitrary: tie('rule').map((x): JsonLogic => ({ '!': x })) },
    { weight: 1, arbitrary: tie('rule').map((x): JsonLogic => ({ '!!': [x] })) },
    { weight: 1, arbitrary: fc.array(tie('rule'), { maxLength: 5 }).map((xs): JsonLogic => ({ if: xs })) },
  ),
})).rule
