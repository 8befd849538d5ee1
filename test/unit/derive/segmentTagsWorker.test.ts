import 'fake-indexeddb/auto'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { SegmentTagsDefinition } from '../../../src/core/derive/definition'
import { rowAt } from '../../../src/core/engine/columns'
import type { FieldMeta } from '../../../src/core/fields/types'
import { loadTable } from '../../../src/db/datasets'
import { getDerivations } from '../../../src/db/derivations'
import type { DeriveFieldsResult } from '../../../src/worker/deriveProtocol'
import type { CountResult, ImportTableResult } from '../../../src/worker/protocol'
import { dumpDb } from '../../db/fixtures'
import { createHarness } from '../worker/harness'
import type { Harness } from '../worker/harness'

// Tags from segments through the worker's deriveFields request (fake-indexeddb): a live tag follows an
// event import, a frozen one keeps its members; a cycle is refused and a refused request changes nothing.

const AS_OF = Date.UTC(2026, 5, 30)
const CUSTOMER_FIELDS: FieldMeta[] = [{ name: 'id', type: 'text' }, { name: 'city', type: 'category' }]
const ORDER_FIELDS: FieldMeta[] = [
  { name: 'order', type: 'text' }, { name: 'cust', type: 'text' }, { name: 'day', type: 'date', dateFormat: 'date' }, { name: 'amount', type: 'number' },
]

let h: Harness
beforeEach(() => {
  h = createHarness({ chunkSize: 2 })
})
afterEach(async () => {
  await h.db.delete()
})

const tagsOf = async (id: string): Promise<unknown[]> => {
  const t = await loadTable(id, h.db)
  return Array.from({ length: t.rowCount }, (_, i) => rowAt(t, i)['分群标签'])
}
const importOrders = (parentId: string, text: string) => h.call<ImportTableResult>('importTable', {
  name: 'Orders', kind: 'events', text, fields: ORDER_FIELDS, idField: 'order', parentId, customerIdField: 'cust', dateField: 'day', amountField: 'amount',
})
const frequent = { '>=': [{ var: 'order_count' }, 2] }

describe('segmentTags through deriveFields', () => {
  it('a live tag follows new events; a frozen tag keeps the members it had; both stay stored', async () => {
    const { datasetId } = await h.call<ImportTableResult>('importTable', {
      name: 'Shop', kind: 'customers', text: 'id,city\nc1,上海\nc2,北京\nc3,上海\n', fields: CUSTOMER_FIELDS, idField: 'id', asOf: AS_OF,
    })
    const orders = await importOrders(datasetId, 'order,cust,day,amount\no1,c1,2026-06-01,10\no2,c1,2026-06-02,20\no3,c2,2026-06-03,5\n')
    const defs = await getDerivations(datasetId, h.db)
    const tags: SegmentTagsDefinition = {
      kind: 'segmentTags', name: '分群标签',
      tags: [{ label: '常客', logic: frequent, segmentId: 's1' }, { label: '六月常客', logic: frequent, segmentId: 's1', frozen: {} }],
    }
    const r = await h.call<DeriveFieldsResult>('deriveFields', { datasetId, definitions: [...defs, tags] })
    expect(r.computed).toEqual(['分群标签'])
    expect(await tagsOf(datasetId)).toEqual([['常客', '六月常客'], [], []])
    const stored = (await getDerivations(datasetId, h.db)).find((d) => d.name === '分群标签') as SegmentTagsDefinition
    expect(stored.tags[1].frozen).toEqual({ at: '2026-06-30', ids: ['c1'] })
    const c = await h.call<CountResult>('count', { datasetId, logic: { list_any: [{ var: '分群标签' }, ['常客']] } })
    expect(c.count).toBe(1)

    // New events: the table is replaced, c2 and c3 now have 2 orders each, c1 none; the frozen tag stays with c1.
    await h.call('deleteEventTable', { datasetId: orders.datasetId })
    await importOrders(datasetId, 'order,cust,day,amount\np1,c2,2026-06-01,1\np2,c2,2026-06-02,2\np3,c3,2026-06-03,3\np4,c3,2026-06-04,4\n')
    expect(await tagsOf(datasetId)).toEqual([['六月常客'], ['常客'], ['常客']])
  })

  it('refuses a tag whose rule reads its own field, changing nothing', async () => {
    const { datasetId } = await h.call<ImportTableResult>('importTable', {
      name: 'Shop', kind: 'customers', text: 'id,city\nc1,上海\n', fields: CUSTOMER_FIELDS, idField: 'id', asOf: AS_OF,
    })
    const before = await dumpDb(h.db)
    const cyclic: SegmentTagsDefinition = { kind: 'segmentTags', name: '分群标签', tags: [{ label: 'x', logic: { list_any: [{ var: '分群标签' }, ['x']] } }] }
    expect(await h.send('deriveFields', { datasetId, definitions: [cyclic] })).toMatchObject({ type: 'error', error: { code: 'invalid' } })
    expect(await dumpDb(h.db)).toEqual(before)
  })
})
