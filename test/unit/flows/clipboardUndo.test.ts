import 'fake-indexeddb/auto'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { createPinia, setActivePinia } from 'pinia'
import type { FlowGraph } from '../../../src/core/flows/types'
import { openDatabase, setDefaultDatabase } from '../../../src/db/database'
import type { SegmentFlowDb } from '../../../src/db/database'
import { createRuleSet } from '../../../src/db/ruleSets'
import { addNode, connect, moveNode, setActionData } from '../../../src/core/flows/editFlow'
import { newActionNode } from '../../../src/core/flows/defaultFlow'
import { copyNodes, pasteClip } from '../../../src/core/flows/clipboard'
import { autoLayout } from '../../../src/core/flows/layout'

// The worker never answers: these tests are about the graph history only.
vi.mock('@/worker/client', () => ({
  getEngineClient: () => ({
    flowCounts: () => new Promise(() => {}),
    flowChecks: () => new Promise(() => {}),
    count: () => new Promise(() => {}),
    counts: () => new Promise(() => {}),
  }),
}))

const { useFlowsStore } = await import('../../../src/stores/flows')
const { useWorkspaceStore } = await import('../../../src/stores/workspace')

const LABELS = { branch: 'B', branchAction: 'X', elseAction: 'Y' }
let db: SegmentFlowDb

beforeEach(async () => {
  db = openDatabase(`flow-history-${Math.random()}`)
  setDefaultDatabase(db)
  setActivePinia(createPinia())
  const rs = await createRuleSet('rs', db)
  useWorkspaceStore().ruleSetId = rs.id
})
afterEach(async () => {
  setDefaultDatabase(null)
  await db.delete()
})

const graphOf = (s: ReturnType<typeof useFlowsStore>): FlowGraph => structuredClone({ nodes: s.current!.nodes, edges: s.current!.edges })

/** Edit number i: adds, moves, renames or connects, so every kind of step is in the history. */
function step(g: FlowGraph, i: number): FlowGraph {
  const actions = g.nodes.filter((n) => n.type === 'action')
  if (i % 4 === 0) return addNode(g, newActionNode({ x: i, y: i }, `A${i}`, 'sms', `a${i}`))
  if (i % 4 === 1) return moveNode(g, actions[i % actions.length].id, { x: i * 10, y: -i })
  if (i % 4 === 2) return autoLayout(g)
  const split = g.nodes.find((n) => n.type === 'split')!
  const branch = split.type === 'split' ? split.data.branches[0].id : null
  return connect(g, { source: split.id, sourceHandle: branch, target: actions[i % actions.length].id }, `e${i}`)
}

describe('flow undo/redo', () => {
  it('restores every one of 100 graphs exactly, backwards and forwards', async () => {
    const store = useFlowsStore()
    await store.create('F', LABELS)
    const states: FlowGraph[] = [graphOf(store)]
    for (let i = 0; i < 100; i++) {
      store.updateGraph(step(store.current!, i))
      states.push(graphOf(store))
    }
    expect(store.canRedo).toBe(false)
    for (let i = 99; i >= 0; i--) {
      expect(store.undo()).toBe(true)
      expect(graphOf(store)).toEqual(states[i])
    }
    expect(store.canUndo).toBe(false)
    expect(store.undo()).toBe(false)
    for (let i = 1; i <= 100; i++) {
      expect(store.redo()).toBe(true)
      expect(graphOf(store)).toEqual(states[i])
    }
    expect(store.redo()).toBe(false)
  })

  it('makes typing into one node one step, and a new edit forgets the redo steps', async () => {
    const store = useFlowsStore()
    const flow = (await store.create('F', LABELS))!
    const before = graphOf(store)
    const action = flow.nodes.find((n) => n.type === 'action')!
    for (const name of ['N', 'Ne', 'New']) store.updateGraph(setActionData(store.current!, action.id, { name }))
    expect(store.undo()).toBe(true)
    expect(graphOf(store)).toEqual(before)
    expect(store.canRedo).toBe(true)
    store.updateGraph(moveNode(store.current!, action.id, { x: 1, y: 2 }))
    expect(store.canRedo).toBe(false)
  })

  it('undoes a paste in one step; the pasted copy keeps its inner edges', async () => {
    const store = useFlowsStore()
    const flow = (await store.create('F', LABELS))!
    const before = graphOf(store)
    const ids = flow.nodes.filter((n) => n.type !== 'entry').map((n) => n.id)
    let k = 0
    const { graph, nodeIds } = pasteClip(store.current!, copyNodes(store.current!, ids), () => `p${++k}`)
    store.updateGraph(graph)
    expect(store.current!.nodes).toHaveLength(7)
    // The default flow's split has two edges to its actions; both are copied between the copies.
    const pastedEdges = store.current!.edges.filter((e) => nodeIds.includes(e.source))
    expect(pastedEdges).toHaveLength(2)
    expect(pastedEdges.every((e) => nodeIds.includes(e.target))).toBe(true)
    store.undo()
    expect(graphOf(store)).toEqual(before)
  })

  it('keeps one history per flow', async () => {
    const store = useFlowsStore()
    const a = (await store.create('A', LABELS))!
    store.updateGraph(moveNode(store.current!, a.nodes[0].id, { x: 5, y: 5 }))
    await store.create('B', LABELS)
    expect(store.canUndo).toBe(false)
    store.select(a.id)
    expect(store.canUndo).toBe(true)
  })
})
