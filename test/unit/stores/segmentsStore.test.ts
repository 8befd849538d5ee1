import 'fake-indexeddb/auto'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { createPinia, setActivePinia } from 'pinia'
import type { JsonLogic } from '../../../src/core/logic/types'
import type { CountResult } from '../../../src/worker/protocol'
import { openDatabase, setDefaultDatabase } from '../../../src/db/database'
import type { SegmentFlowDb } from '../../../src/db/database'
import { createRuleSet, listSegments } from '../../../src/db/ruleSets'
import { newCondition } from '../../../src/core/logic/tree'

interface Call { ds: string; logic: JsonLogic; signal?: AbortSignal; resolve: (c: CountResult) => void }
const allCalls: Call[] = []
// Each test works on its own dataset id: a debounced request of an earlier test's store may still land.
let testDs = ''
const calls = { get length() { return mine().length }, at: (i: number) => mine()[i] }
const mine = () => allCalls.filter((c) => c.ds === testDs)

// The worker is replaced by a fake whose answers the test releases in any order.
vi.mock('@/worker/client', () => ({
  getEngineClient: () => ({
    count: (ds: string, logic: JsonLogic, _sample: number, options?: { signal?: AbortSignal }) =>
      new Promise<CountResult>((resolve) => allCalls.push({ ds, logic, signal: options?.signal, resolve })),
    counts: () => new Promise(() => {}),
    breakdown: () => new Promise(() => {}),
    page: () => new Promise(() => {}),
    fieldValues: () => new Promise(() => {}),
  }),
}))

const { useSegmentsStore } = await import('../../../src/stores/segments')
const { useWorkspaceStore } = await import('../../../src/stores/workspace')

let db: SegmentFlowDb
const answer = (count: number): CountResult => ({ count, total: 100, sample: [] })

beforeEach(async () => {
  testDs = `ds-${Math.random()}`
  db = openDatabase(`segments-store-${Math.random()}`)
  setDefaultDatabase(db)
  setActivePinia(createPinia())
  const rs = await createRuleSet('rs', db)
  const ws = useWorkspaceStore()
  ws.ruleSetId = rs.id
  ws.datasetId = testDs
})
afterEach(async () => {
  await useSegmentsStore().flush() // autosaves still waiting for their debounce
  setDefaultDatabase(null)
  await db.delete()
})

describe('useSegmentsStore', () => {
  it('creates a segment, autosaves edits and survives a reload of the store', async () => {
    const store = useSegmentsStore()
    const seg = await store.create('分群')
    expect(seg.name).toBe('分群 1')
    store.update(seg.id, { name: '高价值' })
    store.updateRule({ ...seg.rule, children: [newCondition({ name: 'age', type: 'number' })] })
    await store.flush()
    const saved = await listSegments(seg.ruleSetId)
    expect(saved.map((s) => s.name)).toEqual(['高价值'])
    expect(saved[0].rule.children).toHaveLength(1)
    setActivePinia(createPinia())
    const ws = useWorkspaceStore()
    ws.ruleSetId = seg.ruleSetId
    const again = useSegmentsStore()
    await again.load()
    expect(again.selected?.name).toBe('高价值')
  })

  it('shows only the newest answer, aborts superseded requests and shows "updating" meanwhile', async () => {
    const store = useSegmentsStore()
    const seg = await store.create('S')
    await vi.waitFor(() => expect(calls.length).toBe(1))
    expect(store.updating).toBe(true)
    store.updateRule({ ...seg.rule, children: [newCondition({ name: 'age', type: 'number' })] })
    await vi.waitFor(() => expect(calls.length).toBe(2))
    expect(calls.at(0).signal?.aborted).toBe(true)
    calls.at(1).resolve(answer(42))
    calls.at(0).resolve(answer(7))
    await vi.waitFor(() => expect(store.live?.count).toBe(42))
    await new Promise((r) => setTimeout(r, 0))
    expect(store.live?.count).toBe(42)
    expect(store.updating).toBe(false)
  })

  it('debounces a burst of edits into one request for the last rule', async () => {
    const store = useSegmentsStore()
    const seg = await store.create('S')
    for (const v of [1, 2, 3, 4]) {
      store.updateRule({ ...seg.rule, children: [{ ...newCondition({ name: 'age', type: 'number' }), id: 'c', value: v }] })
    }
    await vi.waitFor(() => expect(calls.length).toBe(1))
    await new Promise((r) => setTimeout(r, 300))
    expect(calls.length).toBe(1)
    expect(JSON.stringify(calls.at(0).logic)).toContain('4')
  })

  it('deletes a segment and selects the next one', async () => {
    const store = useSegmentsStore()
    const a = await store.create('S')
    const b = await store.create('S')
    expect(store.selectedId).toBe(b.id)
    await store.remove(b.id)
    expect(store.selectedId).toBe(a.id)
    expect((await listSegments(a.ruleSetId)).map((s) => s.id)).toEqual([a.id])
  })
})
