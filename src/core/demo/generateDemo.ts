import type { ColumnarTable } from '../engine/columns'
import type { FieldMeta } from '../fields/types'
import { CUSTOMER_FIELDS, DAY_MS, generateCustomers } from './demoCustomers'
import { generateOrders } from './demoOrders'
import { mulberry32 } from './random'

export { CUSTOMER_FIELDS } from './demoCustomers'
export { ORDER_FIELDS } from './demoOrders'

export const DEMO_SEED = 20260630
/** The demo's reference date: 2026-06-30, 00:00 UTC. */
export const DEMO_AS_OF = Date.UTC(2026, 5, 30)
export const DEMO_CUSTOMER_COUNT = 20_000
/** Orders span the two years up to `DEMO_AS_OF`. */
export const DEMO_ORDER_WINDOW_DAYS = 730

/** How the demo's tables link, ready for `deriveOrderFields`. */
export const DEMO_LINKS = {
  customerIdField: 'customer_id',
  eventCustomerIdField: 'customer_id',
  dateField: 'order_date',
  amountField: 'amount',
} as const

export interface DemoTable {
  fields: FieldMeta[]
  table: ColumnarTable
}

export interface DemoDataset {
  customers: DemoTable
  orders: DemoTable
  /** Reference date, epoch ms UTC. */
  asOf: number
}

/**
 * Generates the demo dataset: 20,000 customers of a Chinese retailer (gender, age, province/city,
 * member level, signup date, tags, opt-ins, with some missing values) and about 200,000 orders over
 * the two years up to 2026-06-30. Deterministic for a seed, no network; behaviour differs by customer
 * (never bought, lapsed, occasional, frequent, VIP) so that RFM and segments have structure.
 */
export function generateDemo(seed = DEMO_SEED, customerCount = DEMO_CUSTOMER_COUNT): DemoDataset {
  const rng = mulberry32(seed)
  const asOfDay = DEMO_AS_OF / DAY_MS
  const windowStart = asOfDay - DEMO_ORDER_WINDOW_DAYS
  const { table: customers, profiles } = generateCustomers(rng, customerCount, asOfDay, windowStart)
  const idCol = customers.columns.customer_id
  if (idCol.type !== 'text') throw new Error('demo: customer_id must be text')
  const orders = generateOrders(rng, profiles, idCol.dict, windowStart, asOfDay)
  return {
    customers: { fields: CUSTOMER_FIELDS.map((f) => ({ ...f })), table: customers },
    orders: { fields: orders.fields.map((f) => ({ ...f })), table: orders },
    asOf: DEMO_AS_OF,
  }
}
