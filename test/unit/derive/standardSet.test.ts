import { describe, expect, it } from 'vitest'
import { deriveAll, withColumns } from '../../../src/core/derive/deriveFields'
import { guessStandardColumns, mergeDefinitions, standardDefinitions, STANDARD_FIELDS } from '../../../src/core/derive/standardSet'
import type { DerivedFieldDefinition } from '../../../src/core/derive/definition'
import { ORDER_FIELDS } from '../../../src/core/demo/generateDemo'
import { rowAt } from '../../../src/core/engine/columns'
import type { FieldMeta } from '../../../src/core/fields/types'
import { tableFromRows } from '../../db/fixtures'

const DAY = 86_400_000
const asOf = Date.UTC(2026, 5, 30)
const day = (d: number): string => new Date(asOf - d * DAY).toISOString().slice(0, 10)

describe('guessStandardColumns', () => {
  it('finds the demo orders\' columns', () => {
    expect(guessStandardColumns(ORDER_FIELDS, 'customer_id')).toEqual({
      dateField: 'order_date', amountField: 'amount', orderIdField: 'order_id', categoryField: 'category',
    })
  })

  it('reads Chinese headers and never takes the customer id for the order id', () => {
    const fields: FieldMeta[] = [
      { name: '会员编号', type: 'text' }, { name: '订单号', type: 'text' }, { name: '渠道', type: 'category' },
      { name: '品类', type: 'category' }, { name: '下单日期', type: 'date' }, { name: '数量', type: 'number' }, { name: '金额', type: 'number' },
    ]
    expect(guessStandardColumns(fields, '会员编号')).toEqual({ dateField: '下单日期', amountField: '金额', orderIdField: '订单号', categoryField: '品类' })
    // A channel is not a category: without a field named like one there is no favourite category.
    const noOrder = fields.filter((f) => f.name !== '订单号' && f.name !== '品类')
    expect(guessStandardColumns(noOrder, '会员编号')).toMatchObject({ orderIdField: null, categoryField: null })
  })

  it('prefers the columns the order-field definitions already use', () => {
    const fields: FieldMeta[] = [{ name: 'cid', type: 'text' }, { name: 'd1', type: 'date' }, { name: 'd2', type: 'date' }, { name: 'price', type: 'number' }, { name: 'paid', type: 'number' }]
    const existing = [
      { kind: 'aggregate', name: 'order_count', events: 'e', aggregate: 'count', dateField: 'd2' },
      { kind: 'aggregate', name: 'total_amount', events: 'e', aggregate: 'sum', of: 'paid', dateField: 'd2' },
    ] as const
    expect(guessStandardColumns(fields, 'cid', [...existing])).toMatchObject({ dateField: 'd2', amountField: 'paid' })
  })
})

describe('standardDefinitions', () => {
  const customers = tableFromRows([{ name: 'id', type: 'text' }], [{ id: 'a' }, { id: 'b' }, { id: 'c' }])
  // Order LINES: a's order o1 has two lines (服装 and 食品), o2 one line; b has one order with one line.
  const events = tableFromRows([
    { name: 'cid', type: 'text' }, { name: 'order_id', type: 'text' }, { name: 'order_date', type: 'date', dateFormat: 'date' },
    { name: 'amount', type: 'number' }, { name: 'category', type: 'category' },
  ], [
    { cid: 'a', order_id: 'o1', order_date: day(40), amount: 100, category: '服装' },
    { cid: 'a', order_id: 'o1', order_date: day(40), amount: 50, category: '食品' },
    { cid: 'a', order_id: 'o2', order_date: day(10), amount: 30, category: '食品' },
    { cid: 'b', order_id: 'o3', order_date: day(5), amount: 20, category: '图书' },
  ])
  const cols = guessStandardColumns(events.fields, 'cid')
  const { definitions, missing } = standardDefinitions('orders', cols)
  const table = withColumns(customers, deriveAll({ customers, idField: 'id', asOf, events: { orders: { table: events, customerIdField: 'cid' } } }, definitions))
  const row = (i: number) => rowAt(table, i)

  it('creates the six behaviour fields and RFM', () => {
    expect(missing).toEqual([])
    expect(definitions.map((d) => d.name)).toEqual(Object.values(STANDARD_FIELDS))
  })

  it('counts distinct orders, not order lines, and divides the amount by them', () => {
    // a: 2 orders (o1, o2) on 3 lines, 180 in total → 90 per order; last purchase 10 days ago, first 40.
    expect(row(0)).toMatchObject({ recency_days: 10, frequency: 2, monetary: 180, avg_order_value: 90, tenure_days: 40, favourite_category: '食品' })
    expect(row(1)).toMatchObject({ recency_days: 5, frequency: 1, monetary: 20, avg_order_value: 20, tenure_days: 5, favourite_category: '图书' })
    // c never bought: counts 0, everything else missing.
    expect(row(2)).toMatchObject({ recency_days: null, frequency: 0, monetary: 0, avg_order_value: null, tenure_days: null, favourite_category: null })
  })

  it('scores RFM over the two buyers only', () => {
    // b is more recent (5 < 10) but buys less: R a=1 (k=0), b=floor(5·1/2)+1=3; F and M the other way round.
    expect([row(0).rfm_cell, row(1).rfm_cell, row(2).rfm_cell]).toEqual(['133', '311', null])
    // Means: R 7.5, F 1.5, M 100 → a: R 10 low, F 2 high, M 180 high = important retention; b: high, low, low.
    expect([row(0).rfm_class, row(1).rfm_class, row(2).rfm_class]).toEqual(['重要保持客户', '一般发展客户', null])
  })

  it('counts events when there is no order id and leaves out the favourite without a category', () => {
    const defs = standardDefinitions('e', { dateField: 'd', amountField: 'x', orderIdField: null, categoryField: null }).definitions
    expect(defs.find((d) => d.name === 'frequency')).toMatchObject({ aggregate: 'count' })
    expect(defs.some((d) => d.name === 'favourite_category')).toBe(false)
  })

  it('says which columns are missing', () => {
    expect(standardDefinitions('e', { dateField: null, amountField: null, orderIdField: null, categoryField: null }))
      .toEqual({ definitions: [], missing: ['dateField', 'amountField'] })
  })
})

describe('mergeDefinitions', () => {
  it('replaces same-named definitions in place and appends the others', () => {
    const a: DerivedFieldDefinition = { kind: 'aggregate', name: 'a', events: 'e1', aggregate: 'count' }
    const b: DerivedFieldDefinition = { kind: 'ratio', name: 'b', numerator: 'x', denominator: 'y' }
    const a2: DerivedFieldDefinition = { ...a, events: 'e2' }
    const c: DerivedFieldDefinition = { kind: 'aggregate', name: 'c', events: 'e2', aggregate: 'count' }
    expect(mergeDefinitions([a, b], [c, a2])).toEqual([a2, b, c])
  })
})
