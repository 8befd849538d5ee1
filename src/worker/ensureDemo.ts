import type { ColumnarTable } from '../core/engine/columns'
import { applyDerived, deriveOrderFields } from '../core/derive/deriveOrderFields'
import { DEMO_LINKS, generateDemo } from '../core/demo/generateDemo'
import { generateHotelDemo, HOTEL_DEMO_SOURCE, HOTEL_LINKS, hotelGuestsWithStays } from '../core/demo/generateHotelDemo'
import type { DatasetMeta } from '../core/io/types'
import { deleteDataset, listDatasets, saveDataset } from '../db/datasets'
import { newDbId } from '../db/ids'
import type { WorkContext } from './context'
import type { RequestResult } from './protocol'

/** A generated customer table (derived fields included) and its event table, ready to be saved. */
interface DemoPair {
  source: string
  asOf: number
  customers: { name: string; idField: string; table: ColumnarTable }
  events: { name: string; idField: string; customerIdField: string; table: ColumnarTable }
}

/**
 * Saves a demo's customers, then its events (each staged, then published); if saving the events
 * fails, the customers are removed again. The customers stay in the worker's cache, ready to count.
 */
async function saveDemoPair(ctx: WorkContext, demo: DemoPair): Promise<{ datasetId: string }> {
  const base = { asOf: demo.asOf, version: 1, createdAt: Date.now(), status: 'staging' as const, source: demo.source }
  const { customers, events } = demo
  const customerMeta: DatasetMeta = {
    ...base, id: newDbId(), name: customers.name, kind: 'customers', idField: customers.idField,
    rowCount: customers.table.rowCount, fields: customers.table.fields,
  }
  const eventMeta: DatasetMeta = {
    ...base, id: newDbId(), name: events.name, kind: 'events', idField: events.idField, parentId: customerMeta.id,
    customerIdField: events.customerIdField, rowCount: events.table.rowCount, fields: events.table.fields,
  }
  const save = { onProgress: ctx.progress, signal: ctx.signal, chunkSize: ctx.chunkSize }
  const saved = await saveDataset(customerMeta, customers.table, save, ctx.db)
  try {
    await saveDataset(eventMeta, events.table, save, ctx.db)
  } catch (e) {
    await deleteDataset(saved.id, ctx.db).catch(() => undefined)
    throw e
  }
  ctx.datasets.put(saved, customers.table)
  return { datasetId: saved.id }
}

/**
 * 'ensureDemo': when there is no customer dataset at all, generates the retail demo (customers and
 * orders), derives the order fields onto the customers and saves both. Otherwise answers with the
 * first customer dataset.
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
  return saveDemoPair(ctx, {
    source: 'demo', asOf: demo.asOf,
    customers: { name: '演示客户 / Demo customers', idField: links.customerIdField, table: customers },
    events: { name: '演示订单 / Demo orders', idField: 'order_id', customerIdField: links.eventCustomerIdField, table: demo.orders.table },
  })
}

/**
 * 'loadHotelDemo': generates the hotel-chain demo (guests and stays), derives the stay fields onto the
 * guests and saves both — on demand, so that the first start only pays for the retail demo. When the
 * hotel guests are already stored, answers with them instead of adding a second copy.
 */
export async function handleLoadHotelDemo(ctx: WorkContext, generate = generateHotelDemo): Promise<RequestResult<'loadHotelDemo'>> {
  const existing = (await listDatasets(ctx.db)).find((d) => d.kind === 'customers' && d.source === HOTEL_DEMO_SOURCE)
  if (existing) return { datasetId: existing.id }
  ctx.progress({ phase: 'demo', done: 0, total: 1 })
  const demo = generate()
  await ctx.checkpoint()
  const guests = hotelGuestsWithStays(demo)
  await ctx.checkpoint()
  return saveDemoPair(ctx, {
    source: HOTEL_DEMO_SOURCE, asOf: demo.asOf,
    customers: { name: '酒店演示客人 / Hotel demo guests', idField: HOTEL_LINKS.customerIdField, table: guests },
    events: { name: '酒店演示入住 / Hotel demo stays', idField: 'stay_id', customerIdField: HOTEL_LINKS.eventCustomerIdField, table: demo.stays.table },
  })
}
