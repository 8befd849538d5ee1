import { describe, expect, it } from 'vitest'
import { checkDefinitions } from '../../../src/core/derive/checkDefinitions'
import type { AggregateDefinition, DerivedFieldDefinition } from '../../../src/core/derive/definition'
import { orderFieldDefinitions } from '../../../src/core/derive/deriveOrderFields'
import { legacyDefinitions, planDerive, rebindOrphans } from '../../../src/core/derive/planDerive'
import { rfmDefinitions } from '../../../src/core/derive/standardSet'
import type { FieldMeta } from '../../../src/core/fields/types'

const eventFields: FieldMeta[] = [
  { name: 'cid', type: 'text' }, { name: 'at', type: 'date' }, { name: 'amt', type: 'number' }, { name: 'cat', type: 'category' },
]
const count: AggregateDefinition = { kind: 'aggregate', name: 'n', events: 'e1', aggregate: 'count', dateField: 'at' }
const sum: AggregateDefinition = { kind: 'aggregate', name: 's', events: 'e2', aggregate: 'sum', of: 'amt', dateField: 'at' }
const days: AggregateDefinition = { kind: 'aggregate', name: 'd', events: 'e1', aggregate: 'days_since_last', dateField: 'at' }
const rfm = rfmDefinitions('d', 'n', 's')
const all: DerivedFieldDefinition[] = [count, sum, days, ...rfm]
const derivedField = (name: string, type: FieldMeta['type'] = 'number'): FieldMeta => ({ name, type, derived: true })
const customerFields: FieldMeta[] = [{ name: 'id', type: 'text' }, ...all.map((d) => derivedField(d.name))]
const names = (defs: DerivedFieldDefinition[]) => defs.map((d) => d.name)

describe('planDerive', () => {
  it('computes nothing when nothing changed', () => {
    expect(planDerive(all, all, { customerFields })).toEqual({ compute: [], remove: [] })
  })

  it('computes an edited aggregate and the RFM fields that read it, aggregates first', () => {
    const edited = all.map((d) => (d.name === 's' ? { ...sum, window: { lastDays: 30 } } : d))
    expect(names(planDerive(all, edited, { customerFields }).compute)).toEqual(['s', 'rfm_r', 'rfm_f', 'rfm_m', 'rfm_cell', 'rfm_class'])
  })

  it('computes everything when the as-of date moves, and what reads a changed event table', () => {
    expect(names(planDerive(all, all, { customerFields, asOfChanged: true }).compute)).toEqual(names(all))
    expect(names(planDerive(all, all, { customerFields, changedEvents: new Set(['e2']) }).compute)).toEqual(['s', ...names(rfm)])
  })

  it('computes a definition whose field is missing, and removes fields of removed definitions only', () => {
    const withoutD = customerFields.filter((f) => f.name !== 'd')
    expect(names(planDerive(all, all, { customerFields: withoutD }).compute)).toEqual(['d', ...names(rfm)])
    const legacy = [...customerFields, derivedField('old_field')]
    expect(planDerive(all, [count, sum, days], { customerFields: legacy })).toEqual({ compute: [], remove: names(rfm) })
  })
})

describe('rebindOrphans', () => {
  it('moves definitions of a deleted table to a new one whose fields fit, and leaves the others', () => {
    const onCategory: AggregateDefinition = { kind: 'aggregate', name: 'fav', events: 'gone', aggregate: 'mode', of: 'cat' }
    const onMissing: AggregateDefinition = { kind: 'aggregate', name: 'x', events: 'gone', aggregate: 'sum', of: 'price' }
    const filtered: AggregateDefinition = { ...count, name: 'f', events: 'gone', filter: { '==': [{ var: 'cat' }, 'a'] } }
    const badFilter: AggregateDefinition = { ...count, name: 'g', events: 'gone', filter: { '==': [{ var: 'shop' }, 'a'] } }
    const out = rebindOrphans([count, onCategory, onMissing, filtered, badFilter], new Set(['e1']), { id: 'new', fields: eventFields })
    expect(out.map((d) => (d.kind === 'aggregate' ? d.events : ''))).toEqual(['e1', 'new', 'gone', 'new', 'gone'])
  })
})

describe('legacyDefinitions', () => {
  const orderNames = ['order_count', 'total_amount', 'avg_amount', 'last_order_date', 'days_since_last_order']
  const legacyFields = [{ name: 'id', type: 'text' } as FieldMeta, ...orderNames.map((n) => derivedField(`stay_${n}`))]
  const orders = { id: 'ev', fields: [{ name: 'guest', type: 'text' }, { name: 'when', type: 'date' }, { name: '金额', type: 'number' }] as FieldMeta[], customerIdField: 'guest' }

  it('turns the order fields of a dataset stored before definitions into definitions', () => {
    expect(legacyDefinitions(legacyFields, [orders])).toEqual(orderFieldDefinitions('ev', { dateField: 'when', amountField: '金额', prefix: 'stay_' }))
  })

  it('guesses nothing when it cannot tell which table or which fields', () => {
    expect(legacyDefinitions(legacyFields, [orders, { ...orders, id: 'ev2' }])).toEqual([])
    expect(legacyDefinitions(legacyFields.slice(0, 3), [orders])).toEqual([])
    expect(legacyDefinitions(legacyFields, [{ ...orders, fields: orders.fields.slice(0, 2) }])).toEqual([])
  })
})

describe('checkDefinitions', () => {
  const ctx = { customerFields: [{ name: 'id', type: 'text' }, { name: 'age', type: 'number' }, { name: 'city', type: 'category' }] as FieldMeta[], eventTables: { e1: eventFields, e2: eventFields } }
  const codes = (defs: DerivedFieldDefinition[]) => checkDefinitions(defs, ctx).map((i) => `${i.name}:${i.code}`)

  it('accepts the standard kinds of definition', () => {
    expect(codes(all)).toEqual([])
  })

  it('names every problem', () => {
    expect(codes([
      { ...count, name: 'a.b' },
      { ...count, name: 'age' },
      { ...count, name: 'n' }, { ...count, name: 'n' },
      { ...count, name: 'u', events: 'nope' },
      { ...sum, name: 'v', of: undefined },
      { ...sum, name: 'w', of: 'cat' },
      { ...sum, name: 'x', of: 'price' },
      { kind: 'aggregate', name: 'y', events: 'e1', aggregate: 'last_date' },
      { ...count, name: 'z', window: { lastDays: 0 } },
      { ...count, name: 'z2', window: { from: '2024-05-01', to: '2024-04-01' } },
      { ...count, name: 'f', filter: { log: 1 } },
      { ...count, name: 'f2', filter: { '==': [{ var: 'shop' }, 1] } },
      { kind: 'ratio', name: 'r', numerator: 'city', denominator: 'nothing' },
      { kind: 'rfm', name: 'q', part: 'r', recency: 'q', frequency: 'age', monetary: 'age' },
    ])).toEqual([
      'a.b:bad_name', 'age:name_taken', 'n:duplicate_name', 'u:unknown_events', 'v:needs_field', 'w:wrong_type', 'x:unknown_field',
      'y:needs_date', 'z:bad_window', 'z2:bad_window', 'f:bad_filter', 'f2:bad_filter', 'r:wrong_type', 'r:unknown_field', 'q:self_reference',
    ])
  })
})
