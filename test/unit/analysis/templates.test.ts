import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { affinityFieldName, guessBinding, templateById } from '../../../src/core/analysis/templates'
import type { TemplateBinding } from '../../../src/core/analysis/templates'
import { checkDefinitions } from '../../../src/core/derive/checkDefinitions'
import { deriveAll, withColumns } from '../../../src/core/derive/deriveFields'
import { rowAt, type ColumnarTable } from '../../../src/core/engine/columns'
import type { FieldMeta } from '../../../src/core/fields/types'
import { applyLogic, isTruthy, setEvaluationAsOf } from '../../../src/core/logic/customOps'
import { toJsonLogic } from '../../../src/core/logic/toJsonLogic'
import { CUSTOMER_FIELDS as DEMO_CUSTOMER_FIELDS } from '../../../src/core/demo/demoCustomers'
import { makeTable } from '../engine/helpers'

const DAY = 86_400_000
const asOf = Date.UTC(2024, 5, 30)
const iso = (ms: number) => new Date(ms).toISOString().slice(0, 10)
const member = (rule: Parameters<typeof toJsonLogic>[0], row: Record<string, unknown>): boolean => {
  setEvaluationAsOf(asOf)
  try {
    return isTruthy(applyLogic(toJsonLogic(rule), row))
  } finally {
    setEvaluationAsOf(null)
  }
}

describe('lifecycle template', () => {
  const lifecycle = templateById('lifecycle')
  const binding = (last: string, first?: string): TemplateBinding =>
    ({ fields: { last, first }, params: { newDays: 30, activeDays: 90, riskDays: 180 } })

  /** The classes by their definition, written independently: the first that applies. */
  function naive(lastDays: number | null, firstDays: number | null): string {
    if (firstDays !== null && firstDays < 30) return 'new'
    if (lastDays === null) return 'never'
    if (lastDays < 90) return 'active'
    if (lastDays < 180) return 'atRisk'
    return 'lost'
  }

  it('puts every customer in exactly one class, with days-since number fields', () => {
    const fields: FieldMeta[] = [{ name: 'd_last', type: 'number' }, { name: 'd_first', type: 'number' }]
    const { segments } = lifecycle.build(binding('d_last', 'd_first'), fields)
    expect(segments.map((s) => s.key)).toEqual(['new', 'active', 'atRisk', 'lost', 'never'])
    const days = fc.option(fc.constantFrom(0, 1, 29, 30, 31, 89, 90, 91, 179, 180, 181, 5000), { nil: null })
    fc.assert(fc.property(days, days, (l, f) => {
      const hits = segments.filter((s) => member(s.rule, { d_last: l, d_first: f })).map((s) => s.key)
      expect(hits).toEqual([naive(l, f)])
    }), { numRuns: 300 })
  })

  it('works on date fields the same way (in the last N days / N or more days ago)', () => {
    const fields: FieldMeta[] = [{ name: 'last', type: 'date', dateFormat: 'date' }, { name: 'first', type: 'date', dateFormat: 'date' }]
    const { segments } = lifecycle.build(binding('last', 'first'), fields)
    const ago = fc.option(fc.constantFrom(0, 29, 30, 89, 90, 179, 180, 700), { nil: null })
    fc.assert(fc.property(ago, ago, (l, f) => {
      const row = { last: l === null ? null : iso(asOf - l * DAY), first: f === null ? null : iso(asOf - f * DAY) }
      expect(segments.filter((s) => member(s.rule, row)).map((s) => s.key)).toEqual([naive(l, f)])
    }), { numRuns: 200 })
  })

  it('has no "new" class without a first-purchase field, and refuses thresholds out of order', () => {
    const fields: FieldMeta[] = [{ name: 'd_last', type: 'number' }]
    expect(lifecycle.build(binding('d_last'), fields).segments.map((s) => s.key)).toEqual(['active', 'atRisk', 'lost', 'never'])
    expect(lifecycle.check({ ...binding('d_last'), params: { newDays: 30, activeDays: 200, riskDays: 180 } }, fields)).toEqual(['order:riskDays'])
    expect(lifecycle.check(binding('nope'), fields)).toEqual(['missing:last'])
  })
})

describe('hotel template', () => {
  const hotel = templateById('hotel')
  it('splits regular guests into business (invoice) and self-paying, leaving the others out', () => {
    const fields: FieldMeta[] = [{ name: 'months', type: 'number' }, { name: 'inv', type: 'number' }, { name: 'corp', type: 'boolean' }]
    const byCount = hotel.build({ fields: { regular: 'months', invoice: 'inv' }, params: { regularMin: 3, invoiceMin: 1 } }, fields)
    const byFlag = hotel.build({ fields: { regular: 'months', invoice: 'corp' }, params: { regularMin: 3, invoiceMin: 1 } }, fields)
    const n = fc.option(fc.constantFrom(0, 1, 2, 3, 4), { nil: null })
    fc.assert(fc.property(n, n, fc.option(fc.boolean(), { nil: null }), (months, inv, corp) => {
      const row = { months, inv, corp }
      const regular = months !== null && months >= 3
      const keys = (r: typeof byCount) => r.segments.filter((s) => member(s.rule, row)).map((s) => s.key)
      expect(keys(byCount)).toEqual(regular ? [inv !== null && inv >= 1 ? 'business' : 'selfPay'] : [])
      expect(keys(byFlag)).toEqual(regular ? [corp === true ? 'business' : 'selfPay'] : [])
    }), { numRuns: 200 })
  })
})

describe('category affinity template', () => {
  it('derives "bought in category X in the last N days" and selects exactly the buyers', () => {
    const affinity = templateById('affinity')
    const eventFields: FieldMeta[] = [{ name: 'cid', type: 'text' }, { name: 'cat', type: 'category' }, { name: 'at', type: 'date', dateFormat: 'date' }]
    const customers = makeTable([{ name: 'id', type: 'text' }], ['a', 'b', 'c', 'd'].map((id) => ({ id })))
    const ev = [
      { cid: 'a', cat: '运动', at: iso(asOf - 3 * DAY) }, // in the window
      { cid: 'b', cat: '运动', at: iso(asOf - 30 * DAY) }, // day 30: just outside a 30-day window
      { cid: 'c', cat: '美妆', at: iso(asOf) },
      { cid: 'd', cat: '运动', at: iso(asOf - 29 * DAY) }, // last day of the window
    ]
    const events = makeTable(eventFields, ev)
    const binding: TemplateBinding = { fields: { category: 'cat', date: 'at' }, params: { days: 30 }, text: { value: '运动', events: 'orders' } }
    expect(affinity.check(binding, eventFields)).toEqual([])
    const { segments, derived } = affinity.build(binding, eventFields)
    expect(derived[0].name).toBe(affinityFieldName('运动', 30))
    expect(checkDefinitions(derived, { customerFields: customers.fields, eventTables: { orders: eventFields } })).toEqual([])
    const table: ColumnarTable = withColumns(customers, deriveAll({ customers, idField: 'id', asOf, events: { orders: { table: events, customerIdField: 'cid' } } }, derived))
    const buyers = Array.from({ length: table.rowCount }, (_, i) => rowAt(table, i)).filter((r) => member(segments[0].rule, r)).map((r) => r.id)
    expect(buyers).toEqual(['a', 'd'])
  })
})

describe('guessing the mapping', () => {
  it('finds the retail demo\'s fields', () => {
    const fields: FieldMeta[] = [...DEMO_CUSTOMER_FIELDS, { name: 'order_count', type: 'number' }, { name: 'days_since_last_order', type: 'number' }]
    expect(guessBinding(templateById('lifecycle'), fields).fields).toEqual({ last: 'days_since_last_order', first: 'signup_date' })
  })
  it('finds the hotel demo\'s fields', () => {
    const fields: FieldMeta[] = [
      { name: 'stay_count', type: 'number' }, { name: 'months_stayed_last_3', type: 'number' }, { name: 'invoice_stays', type: 'number' },
    ]
    expect(guessBinding(templateById('hotel'), fields).fields).toEqual({ regular: 'months_stayed_last_3', invoice: 'invoice_stays' })
  })
})
