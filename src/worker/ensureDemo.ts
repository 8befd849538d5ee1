import { applyDerived, deriveOrderFields } from '../core/derive/deriveOrderFields'
import { DEMO_LINKS, generateDemo } from '../core/demo/generateDemo'
import type { DatasetMeta } from '../core/io/types'
import { deleteDataset, listDatasets, saveDataset } from '../db/datasets'
import { newDbId } from '../db/ids'
import type { WorkContext } from './context'
import type { RequestResult } from './protocol'

/**
 * 'ensureDemo': when there is no customer dataset at all, generates the demo (customers and orders),
 * derives the order fields onto the customers and saves both. Otherwise answers with the first
 * customer dataset. If saving the orders fails, the customers are removed again.
 */
export async function handleEnsureDemo(ctx: WorkContext, generate = generateDemo): Promise<RequestResult<'ensureDemo'>> {
  const existing = (await listDatasets(ctx.db)).find((d) => d.kind === 'customers')
  if (existing) return { datasetId: existing.id }
  ctx.progress({ phase: 'demo', done: 0, total: 1 })
  const demo = generate()
  const links = DEMO_LINKS
  const derived = deriveOrderFields(demo.customers.table, links.customerIdField, demo.orders.table, links.eventCustomerIdField, {
    dateField: links.dateField, amountField: links.amountField, asOf: demo.asOf,
  })
  const customers = applyDerived(demo.customers.table, derived)
  await ctx.checkpoint()
  const base = { asOf: demo.asOf, version: 1, createdAt: Date.now(), status: 'staging' as const, source: 'demo' }
  const customerMeta: DatasetMeta = {
    ...base, id: newDbId(), name: '演示客户 / Demo customers', kind: 'customers', idField: links.customerIdField,
    rowCount: customers.rowCount, fields: customers.fields,
  }
  const orderMeta: DatasetMeta = {
    ...base, id: newDbId(), name: '演示订单 / Demo orders', kind: 'events', idField: 'order_id', parentId: customerMeta.id,
    customerIdField: links.eventCustomerIdField, rowCount: demo.orders.table.rowCount, fields: demo.orders.table.fields,
  }
  const save = { onProgress: ctx.progress, signal: ctx.signal, chunkSize: ctx.chunkSize }
  const saved = await saveDataset(customerMeta, customers, save, ctx.db)
  try {
    await saveDataset(orderMeta, demo.orders.table, save, ctx.db)
  } catch (e) {
    await deleteDataset(saved.id, ctx.db).catch(() => undefined)
    throw e
  }
  ctx.datasets.put(saved, customers)
  return { datasetId: saved.id }
}
