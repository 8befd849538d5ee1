import { DEMO_LINKS } from '../../../src/core/demo/generateDemo'
import type { DemoDataset } from '../../../src/core/demo/generateDemo'
import { rowAt } from '../../../src/core/engine/columns'

/**
 * The mall template's field by a plain loop over a demo's orders (not the app's derive code): customer
 * id → the category of most orders in the last `days` days up to the as-of day (ties: the smaller value
 * by `<`); customers without such orders are absent.
 */
export function recentCategoryByCustomer(demo: DemoDataset, days: number): Map<string, string> {
  const orders = demo.orders.table
  const from = demo.asOf - (days - 1) * 86_400_000
  const per = new Map<string, Map<string, number>>()
  for (let i = 0; i < orders.rowCount; i++) {
    const o = rowAt(orders, i)
    const day = Date.parse(`${String(o[DEMO_LINKS.dateField]).slice(0, 10)}T00:00:00Z`)
    if (day < from || day > demo.asOf || o.category === null) continue
    const id = String(o[DEMO_LINKS.eventCustomerIdField])
    const counts = per.get(id) ?? new Map<string, number>()
    counts.set(String(o.category), (counts.get(String(o.category)) ?? 0) + 1)
    per.set(id, counts)
  }
  const out = new Map<string, string>()
  for (const [id, counts] of per) {
    out.set(id, [...counts].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))[0][0])
  }
  return out
}
