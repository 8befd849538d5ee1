import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { applyDerived, deriveOrderFields } from '../../../src/core/derive/deriveOrderFields'
import { DEMO_LINKS, generateDemo } from '../../../src/core/demo/generateDemo'
import { rowAt } from '../../../src/core/engine/columns'
import type { ColumnarTable, Row } from '../../../src/core/engine/columns'
import { tableFromRows } from '../../../src/core/io/buildColumns'
import type { FieldMeta } from '../../../src/core/fields/types'

const DAY = 86_400_000
const DERIVED = ['order_count', 'total_amount', 'avg_amount', 'last_order_date', 'days_since_last_order']
const rowsOf = (t: ColumnarTable): Row[] => Array.from({ length: t.rowCount }, (_, i) => rowAt(t, i))

const customerFields: FieldMeta[] = [{ name: 'id', type: 'text' }, { name: 'name', type: 'text' }]
const eventFields = (dateFormat: 'date' | 'datetime' = 'date'): FieldMeta[] => [
  { name: 'cid', type: 'text' },
  { name: 'at', type: 'date', dateFormat },
  { name: 'amt', type: 'number' },
]
const opts = (asOf: number) => ({ dateField: 'at', amountField: 'amt', asOf })

/**
 * The obvious computation, written independently of the columnar code: for every customer, scan all
 * event rows (as rowAt objects) with the same id. Ids repeat → only the first customer gets events.
 */
function naive(
  customers: Row[], idField: string, events: Row[], evIdField: string, asOf: number, [dateField, amountField] = ['at', 'amt'],
): Row[] {
  const owner = new Map<string, number>()
  customers.forEach((c, i) => {
    if (c[idField] !== null && !owner.has(String(c[idField]))) owner.set(String(c[idField]), i)
  })
  const grouped = new Map<number, Row[]>()
  for (const e of events) {
    const i = e[evIdField] === null ? undefined : owner.get(String(e[evIdField]))
    if (i !== undefined) grouped.set(i, [...(grouped.get(i) ?? []), e])
  }
  return customers.map((_, i) => {
    const mine = grouped.get(i) ?? []
    const amounts = mine.map((e) => e[amountField]).filter((a): a is number => a !== null)
    const dates = mine.map((e) => e[dateField]).filter((d): d is string => d !== null).sort()
    const last = dates.length ? dates[dates.length - 1] : null
    const total = amounts.reduce((s, a) => s + a, 0)
    return {
      order_count: mine.length,
      total_amount: total,
      avg_amount: amounts.length ? total / amounts.length : null,
      last_order_date: last,
      days_since_last_order: last === null ? null : Math.round((asOf - Date.parse(`${last.slice(0, 10)}T00:00:00Z`)) / DAY),
    }
  })
}

function derivedRows(t: ColumnarTable): Row[] {
  return rowsOf(t).map((r) => Object.fromEntries(DERIVED.map((k) => [k, r[k]])))
}

function expectSameRows(actual: Row[], expected: Row[]): void {
  expect(actual.length).toBe(expected.length)
  const bad = actual.flatMap((row, i) => DERIVED.filter((k) => {
    const a = row[k], e = expected[i][k]
    if (typeof a === 'number' && typeof e === 'number') return Math.abs(a - e) > 1e-9 * Math.max(1, Math.abs(e))
    return a !== e
  }).map((k) => ({ row: i, field: k, actual: row[k], expected: expected[i][k] })))
  expect(bad.slice(0, 5)).toEqual([])
}

describe('deriveOrderFields', () => {
  const asOf = Date.UTC(2024, 2, 31)
  const customers = tableFromRows(customerFields, [{ id: 'C1' }, { id: 'C2' }, { id: 'C3' }, { id: 'C4' }])
  const events = tableFromRows(eventFields(), [
    { cid: 'C1', at: '2024-01-01', amt: 10 },
    { cid: 'C1', at: '2024-03-01', amt: 30 },
    { cid: 'C2', at: '2024-02-10', amt: null },
    { cid: 'X9', at: '2024-01-01', amt: 5 },
    { cid: null, at: '2024-01-01', amt: 5 },
    { cid: 'C3', at: null, amt: 7 },
    { cid: 'C1', at: '2024-02-01', amt: 20 },
  ])

  it('computes the aggregates of a hand-made example', () => {
    const d = deriveOrderFields(customers, 'id', events, 'cid', opts(asOf))
    expect(d.unmatched).toBe(2)
    expect(d.fields.every((f) => f.derived)).toBe(true)
    expect(derivedRows(applyDerived(customers, d))).toEqual([
      { order_count: 3, total_amount: 60, avg_amount: 20, last_order_date: '2024-03-01', days_since_last_order: 30 },
      { order_count: 1, total_amount: 0, avg_amount: null, last_order_date: '2024-02-10', days_since_last_order: 50 },
      { order_count: 1, total_amount: 7, avg_amount: 7, last_order_date: null, days_since_last_order: null },
      { order_count: 0, total_amount: 0, avg_amount: null, last_order_date: null, days_since_last_order: null },
    ])
  })

  it('matches numeric customer ids with text event ids and keeps datetime precision', () => {
    const nums = tableFromRows([{ name: 'no', type: 'number' }], [{ no: 1001 }, { no: 1002 }])
    const ev = tableFromRows(eventFields('datetime'), [
      { cid: '1002', at: '2024-03-30T23:00:00', amt: 1.5 },
      { cid: '1002', at: '2024-03-30T22:00:00', amt: 2.5 },
    ])
    const d = deriveOrderFields(nums, 'no', ev, 'cid', opts(asOf))
    expect(d.unmatched).toBe(0)
    const rows = derivedRows(applyDerived(nums, d))
    expect(rows[1]).toEqual({ order_count: 2, total_amount: 4, avg_amount: 2, last_order_date: '2024-03-30T23:00:00', days_since_last_order: 1 })
    expect(rows[0].order_count).toBe(0)
  })

  it('agrees with the naive computation on random tables', () => {
    const id = fc.option(fc.constantFrom('a', 'b', 'c', 'd', 'zz'), { freq: 8 })
    const custArb = fc.array(fc.record({ id }), { maxLength: 6 })
    const evArb = fc.array(fc.record({
      cid: id,
      at: fc.option(fc.integer({ min: 19_000, max: 19_800 }).map((d) => new Date(d * DAY).toISOString().slice(0, 10))),
      amt: fc.option(fc.integer({ min: -100, max: 10_000 }).map((c) => c / 100)),
    }), { maxLength: 30 })
    fc.assert(fc.property(custArb, evArb, (cs, es) => {
      const c = tableFromRows(customerFields, cs)
      const e = tableFromRows(eventFields(), es)
      const d = deriveOrderFields(c, 'id', e, 'cid', opts(asOf))
      const expected = naive(rowsOf(c), 'id', rowsOf(e), 'cid', asOf)
      expectSameRows(derivedRows(applyDerived(c, d)), expected)
      const matched = expected.reduce((n, r) => n + (r.order_count as number), 0)
      expect(d.unmatched).toBe(es.length - matched)
    }))
  })

  it('agrees with the naive computation on the demo', () => {
    const demo = generateDemo()
    const d = deriveOrderFields(demo.customers.table, DEMO_LINKS.customerIdField, demo.orders.table,
      DEMO_LINKS.eventCustomerIdField, { dateField: DEMO_LINKS.dateField, amountField: DEMO_LINKS.amountField, asOf: demo.asOf })
    expect(d.unmatched).toBe(0)
    const expected = naive(rowsOf(demo.customers.table), 'customer_id', rowsOf(demo.orders.table), 'customer_id', demo.asOf,
      ['order_date', 'amount'])
    expectSameRows(derivedRows(applyDerived(demo.customers.table, d)), expected)
  })

  it('refuses columns of the wrong type or that do not exist', () => {
    expect(() => deriveOrderFields(customers, 'id', events, 'cid', { ...opts(asOf), amountField: 'cid' })).toThrow(/expected number/)
    expect(() => deriveOrderFields(customers, 'nope', events, 'cid', opts(asOf))).toThrow(/no column "nope"/)
  })

  it('supports a prefix for a second event table', () => {
    const d = deriveOrderFields(customers, 'id', events, 'cid', { ...opts(asOf), prefix: 'stay_' })
    expect(d.fields.map((f) => f.name)).toEqual(DERIVED.map((n) => `stay_${n}`))
    expect(Object.keys(d.columns).sort()).toEqual(DERIVED.map((n) => `stay_${n}`).sort())
  })
})

describe('applyDerived', () => {
  const table = tableFromRows([{ name: 'id', type: 'text' }, { name: 'order_count', type: 'text' }], [{ id: 'a', order_count: 'x' }])
  const derived = {
    fields: [{ name: 'order_count', type: 'number', derived: true }, { name: 'extra', type: 'number', derived: true }] as FieldMeta[],
    columns: { order_count: { type: 'number' as const, values: new Float64Array([3]) }, extra: { type: 'number' as const, values: new Float64Array([NaN]) } },
  }

  it('replaces existing fields in place, appends new ones and leaves the input alone', () => {
    const out = applyDerived(table, derived)
    expect(out.fields.map((f) => [f.name, f.type])).toEqual([['id', 'text'], ['order_count', 'number'], ['extra', 'number']])
    expect(rowAt(out, 0)).toEqual({ id: 'a', order_count: 3, extra: null })
    expect(table.fields.map((f) => f.type)).toEqual(['text', 'text'])
    expect(rowAt(table, 0)).toEqual({ id: 'a', order_count: 'x' })
  })

  it('refuses a derived column of another length', () => {
    const wrong = { ...derived, columns: { ...derived.columns, extra: { type: 'number' as const, values: new Float64Array(2) } } }
    expect(() => applyDerived(table, wrong)).toThrow(/2 rows/)
  })
})
