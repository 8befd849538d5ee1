import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { AGGREGATE_OF_TYPES, AGGREGATES } from '../../../src/core/derive/definition'
import type { Aggregate, AggregateDefinition, DeriveWindow } from '../../../src/core/derive/definition'
import { deriveAll, withColumns } from '../../../src/core/derive/deriveFields'
import { rowAt } from '../../../src/core/engine/columns'
import type { ColumnarTable, Row, RowValue } from '../../../src/core/engine/columns'
import type { FieldMeta } from '../../../src/core/fields/types'
import type { Group, JsonLogic } from '../../../src/core/logic/types'
import { tableFromRows } from '../../db/fixtures'
import { naiveDerive } from './naive'

// Every aggregate, with and without filters and windows, against naive.ts (row objects, json-logic-js,
// ISO strings) on a hand-made table and on random ones.

const DAY = 86_400_000
const asOf = Date.UTC(2024, 2, 31)
const rowsOf = (t: ColumnarTable): Row[] => Array.from({ length: t.rowCount }, (_, i) => rowAt(t, i))

const customerFields: FieldMeta[] = [{ name: 'id', type: 'text' }]
const eventFields: FieldMeta[] = [
  { name: 'cid', type: 'text' },
  { name: 'oid', type: 'text' },
  { name: 'at', type: 'date', dateFormat: 'date' },
  { name: 'amt', type: 'number' },
  { name: 'cat', type: 'category' },
  { name: 'ch', type: 'category' },
  { name: 'flag', type: 'boolean' },
]

/** The builder's "channel any of app": a group filter, converted by the code (toJsonLogic) and by hand for naive.ts. */
const appGroup: Group = {
  kind: 'group', id: 'g', combinator: 'and',
  children: [{ kind: 'condition', id: 'c', field: 'ch', op: 'any_of', value: ['app'], fieldType: 'category' }],
}
const FILTERS: { filter?: Group | JsonLogic; logic: JsonLogic | null }[] = [
  { logic: null },
  { filter: { in: [{ var: 'cat' }, ['酒店', 'b']] }, logic: { in: [{ var: 'cat' }, ['酒店', 'b']] } },
  { filter: appGroup, logic: { in: [{ var: 'ch' }, ['app']] } },
  { filter: { '===': [{ var: 'flag' }, true] }, logic: { '===': [{ var: 'flag' }, true] } },
  { filter: { in_last_days: [{ var: 'at' }, 30] }, logic: { in_last_days: [{ var: 'at' }, 30] } },
]
const OF_FIELD: Record<string, string> = { number: 'amt', date: 'at', text: 'oid', category: 'cat', boolean: 'flag' }

function definition(aggregate: Aggregate, ofType: string | undefined, f: (typeof FILTERS)[number], window?: DeriveWindow): AggregateDefinition {
  return {
    kind: 'aggregate', name: 'x', events: 'e', aggregate, dateField: 'at',
    ...(ofType ? { of: OF_FIELD[ofType] } : {}), ...(f.filter ? { filter: f.filter } : {}), ...(window ? { window } : {}),
  }
}

function derived(customers: ColumnarTable, events: ColumnarTable, def: AggregateDefinition): RowValue[] {
  const [one] = deriveAll({ customers, idField: 'id', asOf, events: { e: { table: events, customerIdField: 'cid' } } }, [def])
  return rowsOf(withColumns(customers, [one])).map((r) => r.x)
}

function expectClose(actual: RowValue[], expected: RowValue[], label: string): void {
  const bad = actual.flatMap((a, i) => {
    const e = expected[i]
    const ok = typeof a === 'number' && typeof e === 'number' ? Math.abs(a - e) <= 1e-9 * Math.max(1, Math.abs(e)) : a === e
    return ok ? [] : [{ customer: i, actual: a, expected: e }]
  })
  expect(bad.slice(0, 3), label).toEqual([])
}

const day = (d: number): string => new Date(asOf - d * DAY).toISOString().slice(0, 10)

describe('aggregates on a hand-made table', () => {
  const customers = tableFromRows(customerFields, [{ id: 'C1' }, { id: 'C2' }, { id: 'C3' }, { id: 'C1' }, { id: null }])
  const events = tableFromRows(eventFields, [
    { cid: 'C1', oid: 'o1', at: day(0), amt: 10, cat: '酒店', ch: 'app', flag: true },
    { cid: 'C1', oid: 'o1', at: day(0), amt: 5, cat: 'b', ch: 'web', flag: false },
    { cid: 'C1', oid: 'o2', at: day(40), amt: null, cat: '酒店', ch: 'app', flag: null },
    { cid: 'C1', oid: 'o3', at: day(-3), amt: 99, cat: 'b', ch: 'app', flag: true }, // after the as-of date
    { cid: 'C2', oid: 'o4', at: null, amt: 7, cat: 'b', ch: 'app', flag: true },
    { cid: 'C2', oid: 'o5', at: day(100), amt: 3, cat: null, ch: 'web', flag: false },
    { cid: 'X9', oid: 'o6', at: day(1), amt: 1, cat: 'b', ch: 'app', flag: true },
  ])

  it('computes the README examples exactly', () => {
    const base = { kind: 'aggregate', name: 'x', events: 'e', dateField: 'at' } as const
    // C1: three events up to the as-of day (one is later), C2: two (one undated), C3 none, repeated C1 none.
    expect(derived(customers, events, { ...base, aggregate: 'count' })).toEqual([3, 2, 0, 0, 0])
    expect(derived(customers, events, { ...base, aggregate: 'sum', of: 'amt' })).toEqual([15, 10, 0, 0, 0])
    expect(derived(customers, events, { ...base, aggregate: 'avg', of: 'amt' })).toEqual([7.5, 5, null, null, null])
    expect(derived(customers, events, { ...base, aggregate: 'distinct_count', of: 'oid' })).toEqual([2, 2, 0, 0, 0])
    expect(derived(customers, events, { ...base, aggregate: 'days_since_last' })).toEqual([0, 100, null, null, null])
    expect(derived(customers, events, { ...base, aggregate: 'days_since_first' })).toEqual([40, 100, null, null, null])
    // C1 bought 酒店 twice and b once; C2's category is b once and missing once.
    expect(derived(customers, events, { ...base, aggregate: 'mode', of: 'cat' })).toEqual(['酒店', 'b', null, null, null])
    // A window needs a date: C2's undated event no longer counts.
    expect(derived(customers, events, { ...base, aggregate: 'count', window: { lastDays: 101 } })).toEqual([3, 1, 0, 0, 0])
    expect(derived(customers, events, { ...base, aggregate: 'count', window: { lastDays: 1 } })).toEqual([2, 0, 0, 0, 0])
    expect(derived(customers, events, { ...base, aggregate: 'sum', of: 'amt', filter: appGroup })).toEqual([10, 7, 0, 0, 0])
  })

  it('breaks mode ties toward the smallest value', () => {
    const ev = tableFromRows(eventFields, [
      { cid: 'C1', cat: 'b', at: day(1) }, { cid: 'C1', cat: 'a', at: day(2) },
      { cid: 'C2', amt: 3 }, { cid: 'C2', amt: 2.5 }, { cid: 'C2', amt: 3 }, { cid: 'C2', amt: 2.5 },
      { cid: 'C3', flag: true }, { cid: 'C3', flag: false },
    ])
    const base = { kind: 'aggregate', name: 'x', events: 'e' } as const
    expect(derived(customers, ev, { ...base, aggregate: 'mode', of: 'cat' }).slice(0, 3)).toEqual(['a', null, null])
    expect(derived(customers, ev, { ...base, aggregate: 'mode', of: 'amt' }).slice(0, 3)).toEqual([null, 2.5, null])
    expect(derived(customers, ev, { ...base, aggregate: 'mode', of: 'flag' }).slice(0, 3)).toEqual([null, null, false])
  })

  it.each(AGGREGATES)('%s agrees with the naive loop under every filter and window', (aggregate) => {
    const windows: (DeriveWindow | undefined)[] = [undefined, { lastDays: 1 }, { lastDays: 41 }, { from: day(50), to: day(0) }, { from: day(120), to: day(90) }]
    const ofTypes = AGGREGATE_OF_TYPES[aggregate].length ? AGGREGATE_OF_TYPES[aggregate] : [undefined]
    for (const ofType of ofTypes) {
      for (const f of FILTERS) {
        for (const w of windows) {
          const def = definition(aggregate, ofType, f, w)
          const expected = naiveDerive(rowsOf(customers), 'id', rowsOf(events), 'cid', { ...def, filter: f.logic }, asOf)
          expectClose(derived(customers, events, def), expected, JSON.stringify({ aggregate, ofType, f: f.logic, w }))
        }
      }
    }
  })
})

const idArb = fc.option(fc.constantFrom('a', 'b', 'c', 'd', 'zz'), { freq: 8 })
const eventArb = fc.record({
  cid: idArb,
  oid: fc.option(fc.constantFrom('o1', 'o2', 'o3', 'o4'), { freq: 6 }),
  at: fc.option(fc.integer({ min: -5, max: 120 }).map(day), { freq: 6 }),
  amt: fc.option(fc.integer({ min: -100, max: 10_000 }).map((c) => c / 100), { freq: 6 }),
  cat: fc.option(fc.constantFrom('酒店', 'b', 'c'), { freq: 6 }),
  ch: fc.option(fc.constantFrom('app', 'web'), { freq: 6 }),
  flag: fc.option(fc.boolean(), { freq: 6 }),
})
const windowArb = fc.option(fc.oneof(
  fc.integer({ min: 1, max: 130 }).map((lastDays): DeriveWindow => ({ lastDays })),
  fc.tuple(fc.integer({ min: -5, max: 130 }), fc.integer({ min: 0, max: 60 })).map(([a, len]): DeriveWindow => ({ from: day(a + len), to: day(a) })),
), { nil: undefined })
const defArb = fc.constantFrom(...AGGREGATES).chain((aggregate) => fc.record({
  aggregate: fc.constant(aggregate),
  ofType: AGGREGATE_OF_TYPES[aggregate].length ? fc.constantFrom(...AGGREGATE_OF_TYPES[aggregate]) : fc.constant(undefined),
  filter: fc.constantFrom(...FILTERS),
  window: windowArb,
}))

describe('aggregates on random tables', () => {
  it('agree with the naive loop', () => {
    fc.assert(fc.property(fc.array(fc.record({ id: idArb }), { maxLength: 6 }), fc.array(eventArb, { maxLength: 40 }), defArb, (cs, es, d) => {
      const customers = tableFromRows(customerFields, cs)
      const events = tableFromRows(eventFields, es)
      const def = definition(d.aggregate, d.ofType, d.filter, d.window)
      const expected = naiveDerive(rowsOf(customers), 'id', rowsOf(events), 'cid', { ...def, filter: d.filter.logic }, asOf)
      expectClose(derived(customers, events, def), expected, JSON.stringify(d))
    }), { numRuns: 400 })
  })
})
