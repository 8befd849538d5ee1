import type { Column, ColumnarTable } from '../engine/columns'
import type { FieldMeta } from '../fields/types'
import type { CustomerProfile } from './demoCustomers'
import { DAY_MS } from './demoCustomers'
import { CATEGORY_PRICE, CATEGORY_WEIGHTS, CHANNEL_WEIGHTS, CHANNELS, ORDER_CATEGORIES } from './demoData'
import { pickWeighted, randNormal } from './random'
import type { Rng } from './random'

export const ORDER_FIELDS: readonly FieldMeta[] = [
  { name: 'order_id', type: 'text' },
  { name: 'customer_id', type: 'text' },
  { name: 'order_date', type: 'date', dateFormat: 'date' },
  { name: 'amount', type: 'number' },
  { name: 'category', type: 'category' },
  { name: 'channel', type: 'category' },
]

interface RawOrders {
  customer: Int32Array
  day: Int32Array
  amount: Float64Array
  category: Int32Array
  channel: Int32Array
}

function drawOrders(rng: Rng, profiles: readonly CustomerProfile[]): RawOrders {
  const total = profiles.reduce((n, p) => n + p.orders, 0)
  const o: RawOrders = {
    customer: new Int32Array(total), day: new Int32Array(total), amount: new Float64Array(total),
    category: new Int32Array(total), channel: new Int32Array(total),
  }
  let r = 0
  profiles.forEach((p, c) => {
    for (let k = 0; k < p.orders; k++, r++) {
      o.customer[r] = c
      o.day[r] = p.firstDay + Math.floor(rng() * (p.lastDay - p.firstDay + 1))
      const cat = rng() < 0.55 ? p.favourite : pickWeighted(rng, CATEGORY_WEIGHTS)
      o.category[r] = cat
      o.channel[r] = rng() < 0.005 ? -1 : rng() < 0.7 ? p.channel : pickWeighted(rng, CHANNEL_WEIGHTS)
      // Lognormal baskets: most orders are small, a few are large, which with the personas' order
      // counts gives the 80/20-like concentration the Pareto view should find.
      const amount = Math.max(1, Math.round(Math.exp(p.logMean + 0.6 * randNormal(rng)) * CATEGORY_PRICE[cat] * 100) / 100)
      o.amount[r] = rng() < 0.001 ? NaN : amount
    }
  })
  return o
}

/** Row order by day, stable (counting sort: linear, and days span only the order window). */
function orderByDay(days: Int32Array, minDay: number, maxDay: number): Int32Array {
  const counts = new Int32Array(maxDay - minDay + 2)
  for (const d of days) counts[d - minDay + 1]++
  for (let k = 1; k < counts.length; k++) counts[k] += counts[k - 1]
  const order = new Int32Array(days.length)
  for (let r = 0; r < days.length; r++) order[counts[days[r] - minDay]++] = r
  return order
}

/**
 * Generates the orders of the given customers within [windowStart, asOfDay] (UTC day numbers), sorted by
 * date as an export from a shop system would be; order ids follow that order.
 */
export function generateOrders(
  rng: Rng, profiles: readonly CustomerProfile[], customerIds: readonly string[], windowStart: number, asOfDay: number,
): ColumnarTable {
  const raw = drawOrders(rng, profiles)
  const n = raw.day.length
  const order = orderByDay(raw.day, windowStart, asOfDay)
  const orderIds = new Array<string>(n)
  const custCodes = new Int32Array(n)
  const custDict: string[] = []
  const custCode = new Int32Array(profiles.length).fill(-1)
  const dates = new Float64Array(n)
  const amounts = new Float64Array(n)
  const cats = new Int32Array(n)
  const chans = new Int32Array(n)
  for (let k = 0; k < n; k++) {
    const r = order[k]
    orderIds[k] = `O${String(k + 1).padStart(7, '0')}`
    const c = raw.customer[r]
    if (custCode[c] < 0) custCode[c] = custDict.push(customerIds[c]) - 1
    custCodes[k] = custCode[c]
    dates[k] = raw.day[r] * DAY_MS
    amounts[k] = raw.amount[r]
    cats[k] = raw.category[r]
    chans[k] = raw.channel[r]
  }
  const columns: Record<string, Column> = {
    order_id: { type: 'text', codes: Int32Array.from({ length: n }, (_, k) => k), dict: orderIds },
    customer_id: { type: 'text', codes: custCodes, dict: custDict },
    order_date: { type: 'date', values: dates, dateFormat: 'date' },
    amount: { type: 'number', values: amounts },
    category: { type: 'category', codes: cats, dict: [...ORDER_CATEGORIES] },
    channel: { type: 'category', codes: chans, dict: [...CHANNELS] },
  }
  return { rowCount: n, fields: ORDER_FIELDS.map((f) => ({ ...f })), columns }
}
