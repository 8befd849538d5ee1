// @vitest-environment happy-dom
import 'fake-indexeddb/auto'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { createPinia, setActivePinia } from 'pinia'
import { openDatabase, setDefaultDatabase } from '../../../src/db/database'
import type { SegmentFlowDb } from '../../../src/db/database'
import { loadTable, saveDataset } from '../../../src/db/datasets'
import { createEngineClient } from '../../../src/worker/client'
import type { EngineClient, WorkerLike } from '../../../src/worker/client'
import { createDispatcher } from '../../../src/worker/dispatcher'
import { metaFor, tableFromRows } from '../../db/fixtures'

// The behaviour-field store against the REAL dispatcher (in Node, on fake-indexeddb) behind the real
// client: what the panel does — one-click set, edit, delete an event table, cancel — end to end.

let db: SegmentFlowDb
let client: EngineClient
vi.mock('@/worker/client', async (importOriginal) => ({ ...(await importOriginal<object>()), getEngineClient: () => client }))
const { useDeriveStore } = await import('../../../src/stores/derive')
const { useWorkspaceStore } = await import('../../../src/stores/workspace')

function dispatcherWorker(): WorkerLike {
  let listener: (e: { data: unknown }) => void = () => undefined
  const dispatcher = createDispatcher({ db, chunkSize: 2, post: (m) => setTimeout(() => listener({ data: structuredClone(m) })) })
  return {
    postMessage: (m: unknown) => void dispatcher.handle(structuredClone(m)),
    addEventListener: (type: string, fn: (e: { data: unknown }) => void) => {
      if (type === 'message') listener = fn
    },
  } as WorkerLike
}

const DAY = 86_400_000
const asOf = Date.UTC(2025, 5, 30)
const day = (d: number) => new Date(asOf - d * DAY).toISOString().slice(0, 10)

beforeEach(async () => {
  db = openDatabase(`derive-store-${Math.random()}`)
  setDefaultDatabase(db)
  client = createEngineClient(dispatcherWorker())
  setActivePinia(createPinia())
  const customers = tableFromRows([{ name: 'id', type: 'text' }], [{ id: 'a' }, { id: 'b' }])
  await saveDataset(metaFor('cu', customers, { asOf }), customers, {}, db)
  const orders = tableFromRows([
    { name: 'cid', type: 'text' }, { name: 'order_no', type: 'text' }, { name: 'at', type: 'date' }, { name: 'amount', type: 'number' },
    { name: 'category', type: 'category' },
  ], [
    { cid: 'a', order_no: 'o1', at: day(3), amount: 10, category: '酒店' },
    { cid: 'a', order_no: 'o1', at: day(3), amount: 5, category: '酒店' },
    { cid: 'b', order_no: 'o2', at: day(30), amount: 100, category: '餐饮' },
  ])
  await saveDataset(metaFor('ev', orders, { kind: 'events', parentId: 'cu', customerIdField: 'cid', idField: 'order_no', asOf }), orders, {}, db)
  const visits = tableFromRows([{ name: 'cid', type: 'text' }, { name: 'at', type: 'date' }], [{ cid: 'a', at: day(1) }])
  await saveDataset(metaFor('vi', visits, { kind: 'events', parentId: 'cu', customerIdField: 'cid', idField: 'cid', asOf }), visits, {}, db)
  const ws = useWorkspaceStore()
  await ws.refreshDatasets()
  ws.selectDataset('cu')
})
afterEach(async () => {
  client.terminate()
  setDefaultDatabase(null)
  await db.delete()
})

const column = async (name: string) => {
  const t = await loadTable('cu', db)
  return Array.from({ length: t.rowCount }, (_, i) => (t.columns[name] as { values: Float64Array }).values[i])
}

describe('useDeriveStore', () => {
  it('adds the standard set in one click: fields in the workspace, definitions listed', async () => {
    const derive = useDeriveStore()
    expect(derive.eventTables.map((e) => e.id)).toEqual(['ev', 'vi'])
    expect(await derive.addStandardSet('ev')).toEqual([])
    expect(derive.error).toBeNull()
    expect(derive.definitions.map((d) => d.name)).toContain('rfm_class')
    expect(useWorkspaceStore().fields.filter((f) => f.derived).map((f) => f.name)).toContain('favourite_category')
    // Orders are counted by their number: a's two lines are one order.
    expect(await column('frequency')).toEqual([1, 1])
    expect(derive.lastComputed).toHaveLength(11)
  })

  it('says what an event table lacks instead of sending anything', async () => {
    const derive = useDeriveStore()
    expect(await derive.addStandardSet('vi')).toEqual(['amountField'])
    expect(derive.definitions).toEqual([])
    expect(derive.lastComputed).toBeNull()
  })

  it('edits, removes, and keeps definitions when their event table is deleted', async () => {
    const derive = useDeriveStore()
    const visits = { kind: 'aggregate', name: 'visits', events: 'vi', aggregate: 'count', dateField: 'at' } as const
    expect(derive.issuesOf([{ ...visits, name: 'id' }]).map((i) => i.code)).toEqual(['name_taken'])
    expect(await derive.saveDefinition(visits)).toBe(true)
    expect(await column('visits')).toEqual([1, 0])
    expect(await derive.saveDefinition({ ...visits, window: { lastDays: 1 } }, 'visits')).toBe(true)
    expect(await column('visits')).toEqual([0, 0])
    expect(await derive.deleteEventTable('vi')).toBe(true)
    expect(useWorkspaceStore().datasets.map((d) => d.id)).toEqual(['cu', 'ev'])
    expect(derive.definitions.map((d) => d.name)).toEqual(['visits'])
    expect(await derive.removeDefinition('visits')).toBe(true)
    expect(useWorkspaceStore().fields.map((f) => f.name)).toEqual(['id'])
  })

  it('cancels a running derive without an error, and nothing changes', async () => {
    const derive = useDeriveStore()
    const done = derive.setAsOf('2025-07-30')
    expect(derive.running).toBe(true)
    derive.cancel()
    expect(await done).toBe(false)
    expect(derive.running).toBe(false)
    expect(derive.error).toBeNull()
    expect(useWorkspaceStore().dataset?.asOf).toBe(asOf)
  })
})
