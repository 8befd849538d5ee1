import type { Column } from '../engine/columns'
import { DAY_MS } from './demoTable'

/** Row order by day, stable (counting sort: linear, and days span only the event window). */
export function orderByDay(days: Int32Array, minDay: number, maxDay: number): Int32Array {
  const counts = new Int32Array(maxDay - minDay + 2)
  for (const d of days) counts[d - minDay + 1]++
  for (let k = 1; k < counts.length; k++) counts[k] += counts[k - 1]
  const order = new Int32Array(days.length)
  for (let r = 0; r < days.length; r++) order[counts[days[r] - minDay]++] = r
  return order
}

/** `values` rearranged so that element k is `values[order[k]]`. */
export function permute<T extends Float64Array | Int32Array | Uint8Array>(values: T, order: Int32Array): T {
  const out = new (values.constructor as new (n: number) => T)(order.length)
  for (let k = 0; k < order.length; k++) out[k] = values[order[k]]
  return out
}

/** A date column (epoch ms, UTC midnight) of the UTC day numbers `days` taken in `order`. */
export function dayColumn(days: Int32Array, order: Int32Array): Column {
  const values = new Float64Array(order.length)
  for (let k = 0; k < order.length; k++) values[k] = days[order[k]] * DAY_MS
  return { type: 'date', values, dateFormat: 'date' }
}

/**
 * The event-id and customer-id columns of events taken in `order`: ids are `prefix` plus the 1-based
 * position in that order, zero-padded to `width` digits (as a shop system numbers its exports);
 * `customer[r]` is the row of event r's customer in `customerIds`.
 */
export function eventKeyColumns(
  order: Int32Array, customer: Int32Array, customerIds: readonly string[], prefix: string, width: number,
): { eventId: Column; customerId: Column } {
  const n = order.length
  const ids = new Array<string>(n)
  const codes = new Int32Array(n)
  const dict: string[] = []
  const codeOf = new Int32Array(customerIds.length).fill(-1)
  for (let k = 0; k < n; k++) {
    ids[k] = `${prefix}${String(k + 1).padStart(width, '0')}`
    const c = customer[order[k]]
    if (codeOf[c] < 0) codeOf[c] = dict.push(customerIds[c]) - 1
    codes[k] = codeOf[c]
  }
  return {
    eventId: { type: 'text', codes: Int32Array.from({ length: n }, (_, k) => k), dict: ids },
    customerId: { type: 'text', codes, dict },
  }
}
