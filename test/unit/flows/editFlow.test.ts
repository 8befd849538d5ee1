import { describe, expect, it } from 'vitest'
import {
  addBranch, addNode, canConnect, connect, connectTargets, edgeFromHandle, moveBranch, removeBranch, removeEdge, removeNode,
  setActionData, updateBranch, addControlGroup,
} from '../../../src/core/flows/editFlow'
import { createDefaultFlow, newActionNode, newBranch, newRandomBranch, newRandomNode } from '../../../src/core/flows/defaultFlow'
import { compileFlow } from '../../../src/core/flows/compileFlow'
import { bucketOf } from '../../../src/core/flows/randomSplit'
import { applyLogic, registerCustomOperations } from '../../../src/core/logic/customOps'
import { validateFlow } from '../../../src/core/flows/validateFlow'
import { computeFlowCounts } from '../../../src/core/flows/computeFlowCounts'
import { ELSE_HANDLE } from '../../../src/core/flows/types'
import type { FlowGraph } from '../../../src/core/flows/types'
import { action, branch, cond, edge, entry, group, referenceEvaluator, split } from './fixtures'

function graph(): FlowGraph {
  return {
    nodes: [entry('e'), split('s', [branch('b1', group([cond('age', 'gt', 30)])), branch('b2', group([]))]), action('a1'), action('a2')],
    edges: [edge('1', 'e', 's'), edge('2', 's', 'a1', 'b1')],
  }
}

describe('editFlow', () => {
  it('connects a handle, replacing the edge that already leaves it', () => {
    const g = connect(graph(), { source: 's', sourceHandle: 'b1', target: 'a2' }, 'new')
    expect(g.edges.map((e) => [e.id, e.sourceHandle ?? null, e.target])).toEqual([['1', null, 's'], ['new', 'b1', 'a2']])
    expect(edgeFromHandle(g, 's', 'b1')?.target).toBe('a2')
  })

  it('refuses connections that would close a cycle, enter the entry, leave an action or use no handle', () => {
    const base = connect(graph(), { source: 's', sourceHandle: ELSE_HANDLE, target: 'a2' }, 'x')
    const withSecond = addNode(base, split('s2', [branch('c', group([]))]))
    const chained = connect(withSecond, { source: 's', sourceHandle: 'b2', target: 's2' }, 'y')
    expect(canConnect(chained, { source: 's2', sourceHandle: 'c', target: 's' })).toBe(false)
    expect(canConnect(chained, { source: 's', sourceHandle: 'b1', target: 'e' })).toBe(false)
    expect(canConnect(chained, { source: 'a1', sourceHandle: null, target: 's2' })).toBe(false)
    expect(canConnect(chained, { source: 's', sourceHandle: 'nope', target: 'a2' })).toBe(false)
    expect(canConnect(chained, { source: 's', sourceHandle: 's', target: 's' })).toBe(false)
    expect(connect(chained, { source: 's2', sourceHandle: 'c', target: 's' }, 'z')).toBe(chained)
    expect(connectTargets(chained, 's2', 'c').map((n) => n.id)).toEqual(['a1', 'a2'])
  })

  it('removes a node with its edges, and an edge alone', () => {
    const g = removeNode(graph(), 's')
    expect(g.nodes.map((n) => n.id)).toEqual(['e', 'a1', 'a2'])
    expect(g.edges).toEqual([])
    expect(removeEdge(graph(), '2').edges.map((e) => e.id)).toEqual(['1'])
  })

  it('removes a branch with the edge leaving its handle', () => {
    const g = removeBranch(graph(), 's', 'b1')
    const s = g.nodes.find((n) => n.id === 's')
    expect(s?.type === 'split' && s.data.branches.map((b) => b.id)).toEqual(['b2'])
    expect(g.edges.map((e) => e.id)).toEqual(['1'])
  })

  it('reorders branches, which changes who goes where', () => {
    const rows = [{ age: 40, city: null, vip: null }, { age: 20, city: null, vip: null }]
    const g = connect(graph(), { source: 's', sourceHandle: 'b2', target: 'a2' }, '3')
    const before = computeFlowCounts(g, referenceEvaluator(rows), 2, {})
    const moved = moveBranch(g, 's', 'b2', -1)
    const after = computeFlowCounts(moved, referenceEvaluator(rows), 2, {})
    expect([before.nodes.a1, before.nodes.a2]).toEqual([1, 1])
    // b2 (empty rule = everyone) now comes first and takes everyone.
    expect([after.nodes.a1, after.nodes.a2]).toEqual([0, 2])
    expect(moveBranch(moved, 's', 'b2', -1)).toBe(moved)
  })

  it('adds and updates branches and action data', () => {
    let g = addBranch(graph(), 's', branch('b3', group([])))
    g = updateBranch(g, 's', 'b3', { label: 'Third' })
    g = setActionData(g, 'a1', { channel: 'email', offer: '连住 3 晚送 1 晚' })
    const s = g.nodes.find((n) => n.id === 's')
    expect(s?.type === 'split' && s.data.branches.map((b) => b.label)).toEqual(['b1', 'b2', 'Third'])
    const a1 = g.nodes.find((n) => n.id === 'a1')
    expect(a1?.type === 'action' && a1.data).toEqual({ name: 'a1', channel: 'email', offer: '连住 3 晚送 1 晚' })
  })
})

describe('createDefaultFlow', () => {
  const flow = createDefaultFlow({ ruleSetId: 'rs', name: 'F', now: 5 }, { branch: 'B', branchAction: 'X', elseAction: 'Y' })

  it('starts from a segment when given one', () => {
    const f = createDefaultFlow({ ruleSetId: 'rs', name: 'F', now: 5, segmentId: 'seg1' }, { branch: 'B', branchAction: 'X', elseAction: 'Y' })
    expect(f.nodes[0]).toMatchObject({ type: 'entry', data: { segmentId: 'seg1' } })
    expect(validateFlow(f, ['seg1'])).toEqual([])
    expect(flow.nodes[0]).toMatchObject({ type: 'entry', data: { segmentId: null } })
  })

  it('is valid and connected: entry → split → two actions', () => {
    expect(validateFlow(flow, [])).toEqual([])
    expect(flow.nodes.map((n) => n.type)).toEqual(['entry', 'split', 'action', 'action'])
    expect(flow.edges).toHaveLength(3)
    expect(new Set([...flow.nodes.map((n) => n.id), ...flow.edges.map((e) => e.id), flow.id]).size).toBe(8)
  })

  it('shows counts at once: the branch (empty rule) takes everyone until the user edits it', () => {
    const rows = [{ age: 1, city: null, vip: null }, { age: 2, city: null, vip: null }, { age: null, city: null, vip: null }]
    const c = computeFlowCounts(flow, referenceEvaluator(rows), rows.length, {})
    expect(Object.values(c.edges)).toEqual([3, 3, 0])
  })

  it('makes fresh nodes with unique ids', () => {
    expect(newBranch('x').id).not.toBe(newBranch('x').id)
    expect(newActionNode({ x: 1, y: 2 }, 'n').data).toEqual({ name: 'n', channel: 'sms', offer: '' })
  })
})

describe('addControlGroup', () => {
  registerCustomOperations()
  const random = () => newRandomNode({ x: 0, y: 0 }, 'id', [newRandomBranch('T', 9000, false, 't'), newRandomBranch('K', 1000, true, 'k')], 'seed-1', 'r')
  const holdout = () => newActionNode({ x: 0, y: 0 }, '对照组', 'none', 'h')

  it('puts a random split between the entry and its old target, the control group on a no-contact action', () => {
    const g = addControlGroup(graph(), random(), holdout(), ['x1', 'x2', 'x3'])
    expect(g.edges.filter((e) => ['x1', 'x2', 'x3'].includes(e.id)).map((e) => [e.source, e.sourceHandle ?? null, e.target]))
      .toEqual([['e', null, 'r'], ['r', 't', 's'], ['r', 'k', 'h']])
    expect(g.edges.some((e) => e.source === 'e' && e.target === 's')).toBe(false)
    expect(validateFlow(g, [])).toEqual(validateFlow(graph(), []))
    // Routing through the compiled flow: the holdout gets exactly the customers whose bucket is ≥ 9,000.
    const rows = Array.from({ length: 3000 }, (_, i) => ({ id: `c${i}`, age: 20 + (i % 40) }))
    const logic = compileFlow(g, {})
    const routed = rows.map((r) => applyLogic(logic, r))
    const holdouts = rows.filter((r) => bucketOf(r.id, 'seed-1') >= 9000)
    expect(routed.filter((x) => x === 'h').length).toBe(holdouts.length)
    expect(holdouts.length).toBeGreaterThan(200)
    // The treated customers follow the old flow unchanged.
    const before = compileFlow(graph(), {})
    rows.forEach((r, i) => {
      if (bucketOf(r.id, 'seed-1') < 9000) expect(routed[i]).toBe(applyLogic(before, r))
    })
  })

  it('is refused when the entry already leads to a random split, and without a control branch', () => {
    const once = addControlGroup(graph(), random(), holdout(), ['x1', 'x2', 'x3'])
    const again = newRandomNode({ x: 0, y: 0 }, 'id', [newRandomBranch('T', 9000, false, 't2'), newRandomBranch('K', 1000, true, 'k2')], 's2', 'r2')
    expect(addControlGroup(once, again, newActionNode({ x: 0, y: 0 }, 'h2', 'none', 'h2'), ['y1', 'y2', 'y3'])).toBe(once)
    const noControl = newRandomNode({ x: 0, y: 0 }, 'id', [newRandomBranch('T', 10000, false, 't3')], 's3', 'r3')
    const base = graph()
    expect(addControlGroup(base, noControl, holdout(), ['z1', 'z2', 'z3'])).toBe(base)
  })

  it('works on an entry with no target yet: only the holdout is connected', () => {
    const bare: FlowGraph = { nodes: [entry('e')], edges: [] }
    const g = addControlGroup(bare, random(), holdout(), ['x1', 'x2', 'x3'])
    expect(g.edges.map((e) => e.id)).toEqual(['x1', 'x3'])
  })
})
