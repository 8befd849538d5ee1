import 'fake-indexeddb/auto'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { AggregateDefinition, DerivedFieldDefinition } from '../../../src/core/derive/definition'
import { guessStandardColumns, standardDefinitions } from '../../../src/core/derive/standardSet'
import { rowAt } from '../../../src/core/engine/columns'
import type { Row } from '../../../src/core/engine/columns'
import type { FieldMeta } from '../../../src/core/fields/types'
import { getDataset, listDatasets, loadTable } from '../../../src/db/datasets'
import { getDerivations } from '../../../src/db/derivations'
import type { DeriveFieldsResult } from '../../../src/worker/deriveProtocol'
import { createDispatcher } from '../../../src/worker/dispatcher'
import type { CountResult, FromWorker, ImportTableResult } from '../../../src/worker/protocol'
import { dumpDb } from '../../db/fixtures'
import { storeLegacyFixture } from '../../db/deriveFixtures'
import { createHarness, smallDemo } from '../worker/harness'
import type { Harness } from '../worker/harness'
import { naiveDerive } from './naive'

// The derive requests through the worker's dispatcher on fake-indexeddb: persistence, recompute when
// events or the as-of date change, cancel, refusals; values against the naive loop of naive.ts.

const DAY = 86_400_000
const AS_OF = Date.UTC(2025, 5, 30)
const CUSTOMERS_CSV = 'id,city\nc1,上海\nc2,北京\nc3,上海\n'
const CUSTOMER_FIELDS: FieldMeta[] = [{ name: 'id', type: 'text' }, { name: 'city', type: 'category' }]
const ORDER_FIELDS: FieldMeta[] = [
  { name: 'order', type: 'text' }, { name: 'cust', type: 'text' }, { name: 'day', type: 'date', dateFormat: 'date' },
  { name: 'amount', type: 'number' }, { name: 'category', type: 'category' },
]
const ORDERS_1 = 'order,cust,day,amount,category\no1,c1,2025-06-01,10,酒店\no2,c1,2025-06-20,20,餐饮\no3,c3,2025-05-01,5,酒店\n'
const ORDERS_2 = 'order,cust,day,amount,category\np1,c2,2025-06-29,100,酒店\np2,c2,2025-01-01,1,酒店\np3,c1,2025-06-02,3,餐饮\n'

let h: Harness
beforeEach(() => {
  h = createHarness({ chunkSize: 2 })
})
afterEach(async () => {
  await h.db.delete()
})

const rowsOf = async (id: string): Promise<Row[]> => {
  const t = await loadTable(id, h.db)
  return Array.from({ length: t.rowCount }, (_, i) => rowAt(t, i))
}
const importCustomers = () => h.call<ImportTableResult>('importTable', {
  name: 'Shop', kind: 'customers', text: CUSTOMERS_CSV, fields: CUSTOMER_FIELDS, idField: 'id', asOf: AS_OF,
})
const importOrders = (parentId: string, text: string) => h.call<ImportTableResult>('importTable', {
  name: 'Orders', kind: 'events', text, fields: ORDER_FIELDS, idField: 'order', parentId, customerIdField: 'cust', dateField: 'day', amountField: 'amount',
})
const hotelSpend = (events: string): AggregateDefinition => ({
  kind: 'aggregate', name: '酒店消费', events, aggregate: 'sum', of: 'amount', dateField: 'day',
  filter: { in: [{ var: 'category' }, ['酒店']] }, window: { lastDays: 90 },
})
const expectedSpend = async (customers: string, orders: string, asOf = AS_OF) =>
  naiveDerive(await rowsOf(customers), 'id', await rowsOf(orders), 'cust', { ...hotelSpend(orders), filter: { in: [{ var: 'category' }, ['酒店']] } }, asOf)

describe('deriveFields', () => {
  it('stores definitions with the customers and computes them; a new dispatcher (a reload) sees the same', async () => {
    const { datasetId } = await importCustomers()
    const orders = await importOrders(datasetId, ORDERS_1)
    const before = await getDerivations(datasetId, h.db)
    expect(before.map((d) => d.name)).toEqual(['order_count', 'total_amount', 'avg_amount', 'last_order_date', 'days_since_last_order'])
    const r = await h.call<DeriveFieldsResult>('deriveFields', { datasetId, definitions: [...before, hotelSpend(orders.datasetId)] })
    expect(r.computed).toEqual(['酒店消费']) // the order fields did not change: not recomputed
    expect((await rowsOf(datasetId)).map((x) => x['酒店消费'])).toEqual(await expectedSpend(datasetId, orders.datasetId))
    expect((await rowsOf(datasetId)).map((x) => x['酒店消费'])).toEqual([10, 0, 5])
    expect(await getDerivations(datasetId, h.db)).toEqual([...before, hotelSpend(orders.datasetId)])
    // A reload: a new dispatcher with nothing in memory reads the stored field.
    const posted: FromWorker[] = []
    await createDispatcher({ db: h.db, post: (m) => posted.push(m) })
      .handle({ seq: 1, type: 'count', payload: { datasetId, logic: { '>': [{ var: '酒店消费' }, 0] } } })
    expect(posted.at(-1)).toMatchObject({ type: 'result', result: { count: 2, total: 3 } })
  })

  it('recomputes when the event table is deleted, and again when a replacement is imported', async () => {
    const { datasetId } = await importCustomers()
    const first = await importOrders(datasetId, ORDERS_1)
    await h.call('deriveFields', { datasetId, definitions: [...await getDerivations(datasetId, h.db), hotelSpend(first.datasetId)] })
    const del = await h.call<DeriveFieldsResult>('deleteEventTable', { datasetId: first.datasetId })
    expect(del.computed.sort()).toEqual(['avg_amount', 'days_since_last_order', 'last_order_date', 'order_count', 'total_amount', '酒店消费'].sort())
    expect(await getDataset(first.datasetId, h.db)).toBeUndefined()
    expect((await rowsOf(datasetId)).map((x) => [x.order_count, x['酒店消费'], x.last_order_date])).toEqual([[0, 0, null], [0, 0, null], [0, 0, null]])
    // The custom definition kept its (deleted) table; the new import re-binds it because its fields fit.
    const second = await importOrders(datasetId, ORDERS_2)
    expect((await getDerivations(datasetId, h.db)).find((d) => d.name === '酒店消费')).toMatchObject({ events: second.datasetId })
    const rows = await rowsOf(datasetId)
    // c2's 2025-01-01 stay is outside the last 90 days: only the 100 counts.
    expect(rows.map((x) => x['酒店消费'])).toEqual(await expectedSpend(datasetId, second.datasetId))
    expect(rows.map((x) => x['酒店消费'])).toEqual([0, 100, 0])
    expect(rows.map((x) => x.order_count)).toEqual([1, 2, 0])
  })

  it('recomputes every field when the as-of date moves, and moves the event tables with it', async () => {
    const { datasetId } = await importCustomers()
    const orders = await importOrders(datasetId, ORDERS_1)
    await h.call('deriveFields', { datasetId, definitions: [...await getDerivations(datasetId, h.db), hotelSpend(orders.datasetId)] })
    const asOf = AS_OF + 60 * DAY
    const r = await h.call<DeriveFieldsResult>('deriveFields', { datasetId, asOf })
    expect(r.meta.asOf).toBe(asOf)
    expect(r.computed).toHaveLength(6)
    expect((await getDataset(orders.datasetId, h.db))!.asOf).toBe(asOf)
    const rows = await rowsOf(datasetId)
    expect(rows.map((x) => x.days_since_last_order)).toEqual([70, null, 120])
    expect(rows.map((x) => x['酒店消费'])).toEqual(await expectedSpend(datasetId, orders.datasetId, asOf))
    // in_last_days in segments now counts from the new date too.
    const c = await h.call<CountResult>('count', { datasetId, logic: { in_last_days: [{ var: 'last_order_date' }, 80] } })
    expect(c.count).toBe(1)
  })

  it('refuses definitions that cannot be computed, and a cancelled derive changes nothing', async () => {
    const { datasetId } = await importCustomers()
    const orders = await importOrders(datasetId, ORDERS_1)
    const before = await dumpDb(h.db)
    const bad: DerivedFieldDefinition = { ...hotelSpend(orders.datasetId), of: 'category' }
    expect(await h.send('deriveFields', { datasetId, definitions: [bad] })).toMatchObject({ type: 'error', error: { code: 'invalid' } })
    expect(await h.send('deriveFields', { datasetId, definitions: [{ ...bad, name: 'city' }] })).toMatchObject({ type: 'error', error: { code: 'conflict' } })
    expect(await h.send('deriveFields', { datasetId: orders.datasetId, definitions: [] })).toMatchObject({ type: 'error', error: { code: 'invalid' } })
    h.onPost = (m) => {
      if (m.seq === 99 && m.type === 'progress' && m.progress.phase === 'derive') void h.dispatcher.handle({ type: 'cancel', seq: 99 })
    }
    const m = await h.send('deriveFields', { datasetId, asOf: AS_OF + DAY }, 99)
    expect(m).toMatchObject({ type: 'error', error: { code: 'cancelled' } })
    expect(await dumpDb(h.db)).toEqual(before)
  })

  it('upgrades a dataset stored before definitions existed on its first derive', async () => {
    await storeLegacyFixture(h.db)
    const r = await h.call<DeriveFieldsResult>('deriveFields', { datasetId: 'legacy-customers', asOf: Date.UTC(2026, 6, 10) })
    expect(r.computed).toEqual(['order_count', 'total_amount', 'avg_amount', 'last_order_date', 'days_since_last_order'])
    expect((await rowsOf('legacy-customers')).map((x) => x.days_since_last_order)).toEqual([20, 40, null])
    expect((await h.db.datasets.get('legacy-customers'))!.derivations).toHaveLength(5)
  })
})

describe('the standard set on the demo', () => {
  it('classifies customers as the 8-class model says, from independently computed R, F and M', async () => {
    const { datasetId } = await h.call<{ datasetId: string }>('ensureDemo', {})
    const orders = (await listDatasets(h.db)).find((d) => d.kind === 'events')!
    const { definitions } = standardDefinitions(orders.id, guessStandardColumns(orders.fields, 'customer_id'))
    await h.call('deriveFields', { datasetId, definitions: [...await getDerivations(datasetId, h.db), ...definitions] })
    const demo = smallDemo()
    const t = demo.orders.table
    const byCustomer = new Map<string, Row[]>()
    for (let i = 0; i < t.rowCount; i++) {
      const o = rowAt(t, i)
      const list = byCustomer.get(o.customer_id as string)
      if (list) list.push(o)
      else byCustomer.set(o.customer_id as string, [o])
    }
    const rfm = (await rowsOf(datasetId)).map((c) => {
      const mine = byCustomer.get(c.customer_id as string) ?? []
      const last = mine.map((o) => o.order_date as string).sort().at(-1)
      return {
        got: c.rfm_class,
        r: last === undefined ? null : Math.round((demo.asOf - Date.parse(`${last}T00:00:00Z`)) / DAY),
        f: new Set(mine.map((o) => o.order_id)).size,
        m: mine.reduce((s, o) => s + ((o.amount as number | null) ?? 0), 0),
      }
    })
    const buyers = rfm.filter((x) => x.r !== null && x.f > 0)
    const mean = (k: 'r' | 'f' | 'm') => buyers.reduce((s, x) => s + (x[k] as number), 0) / buyers.length
    const [mr, mf, mm] = [mean('r'), mean('f'), mean('m')]
    const important = rfm.filter((x) => x.r !== null && x.f > 0 && x.r < mr && x.f > mf && x.m > mm)
    expect(important.length).toBeGreaterThan(10)
    expect(rfm.filter((x) => x.got === '重要价值客户').length).toBe(important.length)
    expect(rfm.filter((x) => x.got === null).length).toBe(rfm.length - buyers.length)
    const c = await h.call<CountResult>('count', { datasetId, logic: { in: [{ var: 'rfm_class' }, ['重要价值客户']] } })
    expect(c.count).toBe(important.length)
  })
})
