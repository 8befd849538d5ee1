import { generateCustomers } from './demoCustomers'
import { generateOrders } from './demoOrders'
import { generateLinked } from './demoTable'
import type { DemoTable } from './demoTable'

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

export type { DemoTable } from './demoTable'

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
  const { customers, events } = generateLinked(seed, customerCount, DEMO_AS_OF, DEMO_ORDER_WINDOW_DAYS, {
    idField: DEMO_LINKS.customerIdField, customers: generateCustomers, events: generateOrders,
  })
  return { customers, orders: events, asOf: DEMO_AS_OF }
}
