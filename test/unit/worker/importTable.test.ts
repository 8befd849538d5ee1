import 'fake-indexeddb/auto'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { FieldMeta } from '../../../src/core/fields/types'
import { getDataset, listDatasets, loadTable } from '../../../src/db/datasets'
import type { CountResult, ImportTableResult } from '../../../src/worker/protocol'
import { alignFields } from '../../../src/worker/importTable'
import { dumpDb } from '../../db/fixtures'
import { createHarness } from './harness'
import type { Harness } from './harness'

const CUSTOMERS_CSV = '\uFEFFid,city,age,joined\nc1,上海,31,2024-01-05\nc2,Beijing,abc,2024-02-01\nc3,上海,,2023-12-31\n'
const CUSTOMER_FIELDS: FieldMeta[] = [
  { name: 'id', type: 'text' }, { name: 'city', type: 'category' }, { name: 'age', type: 'number' }, { name: 'joined', type: 'date', dateFormat: 'date' },
]
const ORDERS_CSV = 'order,cust,day,amount\no1,c1,2025-06-01,10\no2,c1,2025-06-20,20\no3,c3,2025-05-01,5\no4,cX,2025-05-02,7\n'
const ORDER_FIELDS: FieldMeta[] = [
  { name: 'order', type: 'text' }, { name: 'cust', type: 'text' }, { name: 'day', type: 'date', dateFormat: 'date' }, { name: 'amount', type: 'number' },
]
const AS_OF = Date.UTC(2025, 5, 30)

let h: Harness
beforeEach(() => {
  h = createHarness({ chunkSize: 2 })
})
afterEach(async () => {
  await h.db.delete()
})

async function importCustomers(): Promise<ImportTableResult> {
  return h.call<ImportTableResult>('importTable', {
    name: 'Shop', fileName: 'shop.csv', kind: 'customers', text: CUSTOMERS_CSV, fields: CUSTOMER_FIELDS, idField: 'id', asOf: AS_OF,
  })
}

function ordersPayload(parentId: string) {
  return {
    name: 'Orders', fileName: 'orders.csv', kind: 'events', text: ORDERS_CSV, fields: ORDER_FIELDS, idField: 'order',
    parentId, customerIdField: 'cust', dateField: 'day', amountField: 'amount',
  }
}

describe('importTable', () => {
  it('imports customers with the chosen types, reports bad cells, and reports progress', async () => {
    const seq = 5
    const m = await h.send('importTable', {
      name: 'Shop', fileName: 'shop.csv', kind: 'customers', text: CUSTOMERS_CSV, fields: CUSTOMER_FIELDS, idField: 'id', asOf: AS_OF,
    }, seq)
    if (m.type !== 'result') throw new Error(JSON.stringify(m))
    const r = m.result as ImportTableResult
    expect(r.rowCount).toBe(3)
    expect(r.issues).toEqual([expect.objectContaining({ file: 'shop.csv', row: 2, field: 'age' })])
    const meta = await getDataset(r.datasetId, h.db)
    expect(meta).toMatchObject({ name: 'Shop', kind: 'customers', idField: 'id', asOf: AS_OF, source: 'shop.csv', rowCount: 3 })
    const rows = await h.call<{ rows: unknown[] }>('rows', { datasetId: r.datasetId, offset: 0, limit: 10 })
    expect(rows.rows).toEqual([
      { id: 'c1', city: '上海', age: 31, joined: '2024-01-05' },
      { id: 'c2', city: 'Beijing', age: null, joined: '2024-02-01' },
      { id: 'c3', city: '上海', age: null, joined: '2023-12-31' },
    ])
    const phases = h.progressOf(seq).map((p) => p.phase)
    expect(phases).toContain('parse')
    expect(phases.filter((p) => p === 'save').length).toBeGreaterThan(2) // chunkSize 2: several batches
  })

  it('imports events and derives order fields onto the customers in the same commit', async () => {
    const { datasetId: customers } = await importCustomers()
    await h.call('open', { datasetId: customers }) // loaded before: the new version must replace it
    const r = await h.call<ImportTableResult>('importTable', ordersPayload(customers))
    expect(r.issues).toEqual([expect.objectContaining({ code: 'unmatched_events', params: { count: 1 } })])
    expect((await getDataset(r.datasetId, h.db))).toMatchObject({ kind: 'events', parentId: customers, customerIdField: 'cust', asOf: AS_OF })
    const parent = await getDataset(customers, h.db)
    expect(parent?.version).toBe(2)
    const table = await loadTable(customers, h.db)
    expect(Array.from((table.columns.order_count as { values: Float64Array }).values)).toEqual([2, 0, 1])
    expect(Array.from((table.columns.total_amount as { values: Float64Array }).values)).toEqual([30, 0, 5])
    const c = await h.call<CountResult>('count', { datasetId: customers, logic: { '>=': [{ var: 'order_count' }, 1] }, sample: 10 })
    expect(c.count).toBe(2)
    expect(c.sample.map((row) => row.days_since_last_order)).toEqual([10, 60])
  })

  it('a failing derive step leaves the database exactly as before', async () => {
    // The customer file already has an imported "order_count": derived fields may not replace it.
    const text = 'id,order_count\nc1,4\nc2,5\n'
    const { datasetId } = await h.call<ImportTableResult>('importTable', {
      name: 'Shop', kind: 'customers', text, fields: [{ name: 'id', type: 'text' }, { name: 'order_count', type: 'number' }], idField: 'id',
    })
    const before = await dumpDb(h.db)
    const m = await h.send('importTable', ordersPayload(datasetId))
    expect(m).toMatchObject({ type: 'error', error: { code: 'conflict' } })
    expect(await dumpDb(h.db)).toEqual(before)
  })

  it('refuses a file without the id column and writes nothing', async () => {
    const m = await h.send('importTable', {
      name: 'Shop', kind: 'customers', text: 'a,b\n1,2\n', fields: [{ name: 'a', type: 'number' }, { name: 'b', type: 'number' }], idField: 'id',
    })
    expect(m).toMatchObject({ type: 'error', error: { code: 'invalid' } })
    expect(await listDatasets(h.db)).toEqual([])
  })
})

describe('alignFields', () => {
  it('is positional when as long as the header, else matches by name', () => {
    const a: FieldMeta = { name: 'a', type: 'number' }
    const c: FieldMeta = { name: 'c', type: 'text' }
    expect(alignFields(['x', 'y'], [a, null])).toEqual([a, null])
    expect(alignFields(['a', 'b', 'c'], [c, a])).toEqual([a, null, c])
  })
})
