import 'fake-indexeddb/auto'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { createPinia, setActivePinia } from 'pinia'
import { nextTick } from 'vue'
import type { FlowCounts, FlowGraph } from '../../../src/core/flows/types'
import { openDatabase, setDefaultDatabase } from '../../../src/db/database'
import type { SegmentFlowDb } from '../../../src/db/database'
import { createRuleSet, listFlows } from '../../../src/db/ruleSets'

interface Call { graph: FlowGraph; signal?: AbortSignal; resolve: (c: FlowCounts) => void }
const calls: Call[] = []

// The worker is replaced by a fake whose answers the test releases in any order.
vi.mock('@/worker/client', () => ({
  getEngineClient: () => ({
    flowCounts: (_ds: string, graph: FlowGraph, _seg: unknown, options?: { signal?: AbortSignal }) =>
      new Promise<FlowCounts>((resolve) => calls.push({ graph, signal: options?.signal, resolve })),
    count: () => new Promise(() => {}),
    counts: () => new Promise(() => {}),
    breakdown: () => new Promise(() => {}),
    page: () => new Promise(() => {}),
  }),
}))

const { useFlowsStore } = await import('../../../src/stores/flows')
const { useWorkspaceStore } = await import('../../../src/stores/workspace')

const LABELS = { branch: 'B', branchAction: 'X', elseAction: 'Y' }
let db: SegmentFlowDb

beforeEach(async () => {
  calls.length = 0
  db = openDatabase(`flows-store-${Math.random()}`)
  setDefaultDatabase(db)
  setActivePinia(createPinia())
  const rs = await createRuleSet('rs', db)
  const ws = useWorkspaceStore()
  ws.ruleSetId = rs.id
  ws.datasetId = 'ds'
})
afterEach(async () => {
  setDefaultDatabase(null)
  await db.delete()
})

describe('useFlowsStore', () => {
  it('creates a connected default flow, saves it, and asks the worker for its counts', async () => {
    const store = useFlowsStore()
    const flow = await store.create('Flow 1', LABELS)
    expect(store.current?.id).toBe(flow!.id)
    expect((await listFlows(flow!.ruleSetId)).map((f) => f.name)).toEqual(['Flow 1'])
    await vi.waitFor(() => expect(calls).toHaveLength(1))
    expect(calls[0].graph.edges).toHaveLength(3)
    const answer = { nodes: { a: 1 }, edges: { e: 1 } }
    calls[0].resolve(answer)
    await vi.waitFor(() => expect(store.counts).toEqual(answer))
    expect(store.countsUpdating).toBe(false)
  })

  it('drops a stale answer that arrives after a newer one, and aborts the stale request', async () => {
    const store = useFlowsStore()
    const flow = (await store.create('F', LABELS))!
    await vi.waitFor(() => expect(calls).toHaveLength(1))
    store.updateGraph({ nodes: flow.nodes, edges: flow.edges.slice(0, 2) })
    await vi.waitFor(() => expect(calls).toHaveLength(2))
    expect(calls[0].signal?.aborted).toBe(true)
    const newer = { nodes: { n: 2 }, edges: {} }
    calls[1].resolve(newer)
    calls[0].resolve({ nodes: { n: 1 }, edges: {} })
    await vi.waitFor(() => expect(store.counts).toEqual(newer))
    await new Promise((r) => setTimeout(r, 0))
    expect(store.counts).toEqual(newer)
  })

  it('does not recount when only positions change, and autosaves edits', async () => {
    const store = useFlowsStore()
    const flow = (await store.create('F', LABELS))!
    await vi.waitFor(() => expect(calls).toHaveLength(1))
    calls[0].resolve({ nodes: {}, edges: {} })
    await vi.waitFor(() => expect(store.countsUpdating).toBe(false))
    store.updateGraph({ nodes: flow.nodes.map((n) => ({ ...n, position: { x: n.position.x + 5, y: 0 } })), edges: flow.edges })
    store.rename(flow.id, 'Renamed')
    await nextTick()
    expect(store.countsUpdating).toBe(false)
    expect(store.saving).toBe(true)
    await store.flush()
    expect(store.saving).toBe(false)
    const [saved] = await listFlows(flow.ruleSetId)
    expect(saved.name).toBe('Renamed')
    expect(saved.nodes.map((n) => n.position.y)).toEqual([0, 0, 0, 0])
    // A routing change does recount.
    store.updateGraph({ nodes: flow.nodes, edges: flow.edges.slice(1) })
    await nextTick()
    expect(store.countsUpdating).toBe(true)
  })

  it('deletes a flow and selects the next one', async () => {
    const store = useFlowsStore()
    const a = (await store.create('A', LABELS))!
    const b = (await store.create('B', LABELS))!
    await store.remove(b.id)
    expect(store.flows.map((f) => f.id)).toEqual([a.id])
    expect(store.currentId).toBe(a.id)
    expect((await listFlows(a.ruleSetId)).map((f) => f.id)).toEqual([a.id])
  })
})
