import { beforeAll, describe, expect, it } from 'vitest'
import { DEMO_AS_OF, generateDemo } from '../../../src/core/demo/generateDemo'
import type { DemoDataset } from '../../../src/core/demo/generateDemo'
import { CHANNELS, MEMBER_LEVELS, ORDER_CATEGORIES, PROVINCES, TAGS } from '../../../src/core/demo/demoData'
import { formatDate, rowAt } from '../../../src/core/engine/columns'
import type { ColumnarTable, Row } from '../../../src/core/engine/columns'

const DAY = 86_400_000
const rowsOf = (t: ColumnarTable): Row[] => Array.from({ length: t.rowCount }, (_, i) => rowAt(t, i))

describe('generateDemo', () => {
  let demo: DemoDataset
  let customers: Row[]
  let orders: Row[]

  beforeAll(() => {
    demo = generateDemo()
    customers = rowsOf(demo.customers.table)
    orders = rowsOf(demo.orders.table)
  })

  it('is deterministic for a seed and differs between seeds', () => {
    const again = generateDemo()
    for (const key of ['customers', 'orders'] as const) {
      const a = demo[key].table
      const b = again[key].table
      expect(b.rowCount).toBe(a.rowCount)
      expect(rowAt(b, 0)).toEqual(rowAt(a, 0))
      expect(rowAt(b, b.rowCount - 1)).toEqual(rowAt(a, a.rowCount - 1))
    }
    const other = generateDemo(1)
    expect(rowsOf(other.customers.table).slice(0, 20)).not.toEqual(customers.slice(0, 20))
  })

  it('has 20,000 customers and about 200,000 orders up to 2026-06-30', () => {
    expect(demo.asOf).toBe(Date.UTC(2026, 5, 30))
    expect(demo.customers.table.rowCount).toBe(20_000)
    expect(demo.orders.table.rowCount).toBeGreaterThanOrEqual(180_000)
    expect(demo.orders.table.rowCount).toBeLessThanOrEqual(220_000)
  })

  it('names fields in ASCII snake_case and describes every column', () => {
    for (const { fields, table } of [demo.customers, demo.orders]) {
      expect(table.fields).toEqual(fields)
      for (const f of fields) {
        expect(f.name).toMatch(/^[a-z][a-z0-9_]*$/)
        expect(table.columns[f.name]?.type).toBe(f.type)
      }
    }
  })

  it('has unique customer ids and missing values in several columns', () => {
    expect(new Set(customers.map((r) => r.customer_id)).size).toBe(customers.length)
    for (const name of ['gender', 'age', 'province', 'city', 'signup_date', 'tags', 'email_opt_in', 'sms_opt_in']) {
      const missing = customers.filter((r) => r[name] === null).length
      expect(missing, name).toBeGreaterThan(0)
      expect(missing, name).toBeLessThan(customers.length * 0.15)
    }
    for (const name of ['amount', 'channel']) expect(orders.some((r) => r[name] === null), name).toBe(true)
  })

  // Row checks collect offenders and assert once: an expect() per row of 200,000 orders is slow.
  it('uses the documented Chinese values and realistic province/city pairs', () => {
    const cityToProvince = new Map(PROVINCES.flatMap((p) => p.cities.map((c) => [c, p.name] as const)))
    const badCustomers = customers.filter((r) =>
      (r.gender !== null && r.gender !== '男' && r.gender !== '女')
      || !(MEMBER_LEVELS as readonly unknown[]).includes(r.member_level)
      || (r.city !== null && cityToProvince.get(r.city as string) !== r.province)
      || (r.tags !== null && !(r.tags as string[]).every((t) => (TAGS as readonly string[]).includes(t)))
      || (r.age !== null && (r.age as number) < 18))
    expect(badCustomers.slice(0, 3)).toEqual([])
    expect(new Set(customers.map((r) => r.province)).size).toBeGreaterThanOrEqual(11)
    expect(new Set(customers.map((r) => r.city)).size).toBeGreaterThanOrEqual(26)
    const badOrders = orders.filter((r) =>
      !(ORDER_CATEGORIES as readonly unknown[]).includes(r.category)
      || (r.channel !== null && !(CHANNELS as readonly unknown[]).includes(r.channel)))
    expect(badOrders.slice(0, 3)).toEqual([])
  })

  it('places orders of known customers within the two years up to asOf, after signup, sorted by date', () => {
    const signup = new Map(customers.map((r) => [r.customer_id as string, r.signup_date as string | null]))
    const from = formatDate(DEMO_AS_OF - 730 * DAY)
    const to = formatDate(DEMO_AS_OF)
    const bad = orders.filter((o, k) => {
      const date = o.order_date as string
      const s = signup.get(o.customer_id as string)
      return s === undefined || date < from || date > to || (s !== null && date < s)
        || (k > 0 && date < (orders[k - 1].order_date as string))
        || (o.amount !== null && !((o.amount as number) > 0))
    })
    expect(bad.slice(0, 3)).toEqual([])
  })

  it('has varied behaviour: non-buyers, lapsed and frequent buyers, revenue concentrated in few customers', () => {
    const byCustomer = new Map<string, { n: number; total: number; last: string }>()
    for (const o of orders) {
      const c = byCustomer.get(o.customer_id as string) ?? { n: 0, total: 0, last: '' }
      c.n++
      c.total += (o.amount as number | null) ?? 0
      if ((o.order_date as string) > c.last) c.last = o.order_date as string
      byCustomer.set(o.customer_id as string, c)
    }
    const nonBuyers = customers.length - byCustomer.size
    const stats = [...byCustomer.values()]
    const lapsed = stats.filter((c) => DEMO_AS_OF - Date.parse(`${c.last}T00:00:00Z`) > 180 * DAY).length
    const frequent = stats.filter((c) => c.n >= 20).length
    expect(nonBuyers).toBeGreaterThan(customers.length * 0.05)
    expect(lapsed).toBeGreaterThan(customers.length * 0.1)
    expect(frequent).toBeGreaterThan(customers.length * 0.1)
    const totals = stats.map((c) => c.total).sort((a, b) => b - a)
    const all = totals.reduce((s, v) => s + v, 0)
    const top = totals.slice(0, Math.round(customers.length * 0.2)).reduce((s, v) => s + v, 0)
    expect(top / all).toBeGreaterThan(0.6)
  })
})
