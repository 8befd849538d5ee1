// Recency, frequency and monetary over generated events: the app's derive code (core/derive: deriveAll
// with the built-in set's definitions) on columns, against a per-customer Map over one plain object
// per event. The events are generated straight into columns (no CSV); the objects are made from them.
import type { ColumnarTable } from '../../src/core/engine/columns'
import { mulberry32 } from '../../src/core/demo/random'
import { deriveAll } from '../../src/core/derive/deriveFields'
import type { DeriveInput } from '../../src/core/derive/deriveFields'
import { STANDARD_FIELDS, standardDefinitions } from '../../src/core/derive/standardSet'
import { expectCount } from './check'

const DAY_MS = 86_400_000
/** The as-of date of the generated events (the demo's: 2026-06-30). */
export const EVENTS_AS_OF = Date.UTC(2026, 5, 30)
const SPAN_DAYS = 730

/** One event as the naive app holds it; the date is already epoch ms (no date parsing is timed). */
export interface EventObject {
  customer_id: string
  order_date: number
  amount: number | null
}

export interface DeriveData {
  customers: ColumnarTable
  events: ColumnarTable
}

/** Customer `i`'s id, as the demo writes ids. */
const idOf = (i: number): string => `C${String(i + 1).padStart(6, '0')}`

/**
 * `customerCount` customers (an id column) and `eventCount` events (customer id, date, amount),
 * deterministic. Customers are drawn skewed (a few buy often, many never); 0.2% of events name a
 * customer that does not exist and 1% have no amount.
 */
export function generateEvents(customerCount: number, eventCount: number, seed = 20260630): DeriveData {
  const rng = mulberry32(seed)
  const ids = Array.from({ length: customerCount }, (_, i) => idOf(i))
  const customers: ColumnarTable = {
    rowCount: customerCount, fields: [{ name: 'customer_id', type: 'text' }],
    columns: { customer_id: { type: 'text', codes: Int32Array.from(ids, (_, i) => i), dict: ids } },
  }
  const codes = new Int32Array(eventCount)
  const dates = new Float64Array(eventCount)
  const amounts = new Float64Array(eventCount)
  const asOfDay = EVENTS_AS_OF / DAY_MS
  for (let r = 0; r < eventCount; r++) {
    codes[r] = rng() < 0.002 ? customerCount : Math.floor(customerCount * rng() ** 2)
    dates[r] = (asOfDay - Math.floor(rng() * SPAN_DAYS)) * DAY_MS
    amounts[r] = rng() < 0.01 ? NaN : Math.round(Math.exp(5 + 0.8 * (rng() + rng() + rng() - 1.5)) * 100) / 100
  }
  const events: ColumnarTable = {
    rowCount: eventCount,
    fields: [{ name: 'customer_id', type: 'text' }, { name: 'order_date', type: 'date', dateFormat: 'date' }, { name: 'amount', type: 'number' }],
    columns: {
      customer_id: { type: 'text', codes, dict: [...ids, 'X-UNKNOWN'] },
      order_date: { type: 'date', values: dates, dateFormat: 'date' },
      amount: { type: 'number', values: amounts },
    },
  }
  return { customers, events }
}

/** The same events as one object each. */
export function eventObjects(events: ColumnarTable): EventObject[] {
  const id = events.columns.customer_id
  const date = events.columns.order_date
  const amount = events.columns.amount
  if (id.type !== 'text' || date.type !== 'date' || amount.type !== 'number') throw new Error('unexpected event columns')
  return Array.from({ length: events.rowCount }, (_, r) => {
    const a = amount.values[r]
    return { customer_id: id.dict[id.codes[r]], order_date: date.values[r], amount: Number.isNaN(a) ? null : a }
  })
}

/** Per customer, in customer order. NaN recency: no event. */
export interface Rfm {
  recency: Float64Array
  frequency: Float64Array
  monetary: Float64Array
}

const RFM_NAMES: readonly string[] = [STANDARD_FIELDS.recency, STANDARD_FIELDS.frequency, STANDARD_FIELDS.monetary]

/** The app: the built-in set's recency, frequency (events: no order id) and monetary definitions, through deriveAll. */
export function appRfm(data: DeriveData): Rfm {
  const cols = { dateField: 'order_date', amountField: 'amount', orderIdField: null, categoryField: null }
  const defs = standardDefinitions('events', cols).definitions.filter((d) => RFM_NAMES.includes(d.name))
  const input: DeriveInput = {
    customers: data.customers, idField: 'customer_id', asOf: EVENTS_AS_OF,
    events: { events: { table: data.events, customerIdField: 'customer_id' } },
  }
  const out = new Map(deriveAll(input, defs).map((d) => [d.field.name, d.column]))
  const values = (name: string): Float64Array => {
    const col = out.get(name)
    if (col?.type !== 'number') throw new Error(`derive gave no number column ${name}`)
    return col.values
  }
  return { recency: values(STANDARD_FIELDS.recency), frequency: values(STANDARD_FIELDS.frequency), monetary: values(STANDARD_FIELDS.monetary) }
}

/** What the naive app computes per customer: one object each, in customer order. */
export interface CustomerRfm {
  customer_id: string
  recency_days: number | null
  frequency: number
  monetary: number
}

/** The baseline: a Map from customer id to running count, sum and last date, then one object per customer. */
export function baselineRfm(customerIds: readonly string[], events: readonly EventObject[]): CustomerRfm[] {
  const acc = new Map<string, { count: number; sum: number; last: number }>()
  for (const e of events) {
    let a = acc.get(e.customer_id)
    if (!a) acc.set(e.customer_id, (a = { count: 0, sum: 0, last: -Infinity }))
    a.count++
    if (e.amount !== null) a.sum += e.amount
    if (e.order_date > a.last) a.last = e.order_date
  }
  const asOfDay = Math.floor(EVENTS_AS_OF / DAY_MS)
  return customerIds.map((id) => {
    const a = acc.get(id)
    return a
      ? { customer_id: id, recency_days: asOfDay - Math.floor(a.last / DAY_MS), frequency: a.count, monetary: a.sum }
      : { customer_id: id, recency_days: null, frequency: 0, monetary: 0 }
  })
}

/** Throws unless both give every customer the same three values; answers how many customers bought. */
export function expectSameRfm(app: Rfm, base: readonly CustomerRfm[]): number {
  expectCount('derive: customers', app.recency.length, base.length)
  let buyers = 0
  for (let i = 0; i < base.length; i++) {
    const b = base[i]
    const same = Object.is(app.recency[i], b.recency_days ?? NaN) && app.frequency[i] === b.frequency && app.monetary[i] === b.monetary
    if (!same) {
      throw new Error(`derive, customer ${b.customer_id}: app R/F/M ${app.recency[i]}/${app.frequency[i]}/${app.monetary[i]}, ` +
        `baseline ${b.recency_days}/${b.frequency}/${b.monetary}`)
    }
    if (b.frequency > 0) buyers++
  }
  return buyers
}
