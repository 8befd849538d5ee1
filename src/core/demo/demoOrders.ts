import type { Column, ColumnarTable } from '../engine/columns'
import type { FieldMeta } from '../fields/types'
import type { CustomerProfile } from './demoCustomers'
import { dayColumn, eventKeyColumns, orderByDay, permute } from './demoEvents'
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

/**
 * Generates the orders of the given customers within [windowStart, asOfDay] (UTC day numbers), sorted by
 * date as an export from a shop system would be; order ids follow that order.
 */
export function generateOrders(
  rng: Rng, profiles: readonly CustomerProfile[], customerIds: readonly string[], windowStart: number, asOfDay: number,
): ColumnarTable {
  const raw = drawOrders(rng, profiles)
  const order = orderByDay(raw.day, windowStart, asOfDay)
  const keys = eventKeyColumns(order, raw.customer, customerIds, 'O', 7)
  const columns: Record<string, Column> = {
    order_id: keys.eventId,
    customer_id: keys.customerId,
    order_date: dayColumn(raw.day, order),
    amount: { type: 'number', values: permute(raw.amount, order) },
    category: { type: 'category', codes: permute(raw.category, order), dict: [...ORDER_CATEGORIES] },
    channel: { type: 'category', codes: permute(raw.channel, order), dict: [...CHANNELS] },
  }
  return { rowCount: order.length, fields: ORDER_FIELDS.map((f) => ({ ...f })), columns }
}
