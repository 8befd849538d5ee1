import { describe, expect, it } from 'vitest'
import { validateFlow } from '../../../src/core/flows/validateFlow'
import { compileFlow } from '../../../src/core/flows/compileFlow'
import { computeFlowCounts } from '../../../src/core/flows/computeFlowCounts'
import { ELSE_HANDLE } from '../../../src/core/flows/types'
import type { FlowGraph, FlowIssue } from '../../../src/core/flows/types'
import { applyLogic } from '../../../src/core/logic/customOps'
import { action, branch, cond, edge, entry, group, referenceEvaluator, split } from './fixtures'
import type { Customer } from './fixtures'

const rule = () => group([cond('age', 'gt', 30)])

/** A valid flow: entry → split(b1) → a1 (b1), a2 (else). */
function valid(): FlowGraph {
  return {
    nodes: [entry('e'), split('s', [branch('b1', rule())]), action('a1'), action('a2')],
    edges: [edge('1', 'e', 's'), edge('2', 's', 'a1', 'b1'), edge('3', 's', 'a2', ELSE_HANDLE)],
  }
}

const codes = (issues: FlowIssue[]) => issues.map((i) => i.code)

describe('validateFlow', () => {
  it('finds nothing wrong with a connected flow', () => {
    expect(validateFlow(valid(), [])).toEqual([])
  })

  it('reports a missing entry', () => {
    const g = valid()
    g.nodes = g.nodes.filter((n) => n.id !== 'e')
    expect(codes(validateFlow(g, []))).toContain('no_entry')
  })

  it('reports every entry after the first one', () => {
    const g = valid()
    g.nodes.push(entry('e2'), entry('e3'))
    const many = validateFlow(g, []).filter((i) => i.code === 'many_entries')
    expect(many.map((i) => i.nodeId)).toEqual(['e2', 'e3'])
    expect(many[0].params).toEqual({ count: 3 })
  })

  it('reports an action no customer can reach', () => {
    const g = valid()
    g.nodes.push(action('orphan', 'Orphan'))
    expect(validateFlow(g, []).filter((i) => i.code === 'unreachable_action')).toEqual([
      { code: 'unreachable_action', nodeId: 'orphan', params: { name: 'Orphan' } },
    ])
  })

  it('reports a cycle once, naming all its nodes, and does not hang', () => {
    const g: FlowGraph = {
      nodes: [entry('e'), split('s1', [branch('x', rule())]), split('s2', [branch('y', rule())]), action('a')],
      edges: [edge('1', 'e', 's1'), edge('2', 's1', 's2', 'x'), edge('3', 's2', 's1', 'y'), edge('4', 's2', 'a', ELSE_HANDLE)],
    }
    const cycles = validateFlow(g, []).filter((i) => i.code === 'cycle')
    expect(cycles).toHaveLength(1)
    expect([...(cycles[0].nodeIds ?? [])].sort()).toEqual(['s1', 's2'])
    // Counting and compiling terminate too; nodes on or after the cycle route nobody.
    const rows: Customer[] = [{ age: 40, city: null, vip: null }, { age: 20, city: null, vip: null }]
    const counts = computeFlowCounts(g, referenceEvaluator(rows), rows.length, {})
    expect(counts.nodes.a).toBe(0)
    expect(rows.map((r) => applyLogic(compileFlow(g, {}), r))).toEqual([null, null])
  })

  it('reports a self-loop as a cycle', () => {
    const g = valid()
    g.edges[2] = edge('3', 's', 's', ELSE_HANDLE)
    expect(validateFlow(g, []).filter((i) => i.code === 'cycle').map((i) => i.nodeIds)).toEqual([['s']])
  })

  it('reports a split without branches', () => {
    const g: FlowGraph = { nodes: [entry('e'), split('s', []), action('a')], edges: [edge('1', 'e', 's'), edge('2', 's', 'a', ELSE_HANDLE)] }
    expect(codes(validateFlow(g, []))).toEqual(['split_without_branches'])
  })

  it('reports dangling branch handles and a dangling entry, but not an open "else"', () => {
    const g = valid()
    g.edges = g.edges.filter((e) => e.id === '1' || e.id === '3')
    const s = g.nodes[1]
    if (s.type === 'split') s.data.branches.push(branch('b2', rule(), 'Second'))
    expect(validateFlow(g, []).filter((i) => i.code === 'dangling_handle')).toEqual([
      { code: 'dangling_handle', nodeId: 's', params: { handle: 'b1', branch: 'b1' } },
      { code: 'dangling_handle', nodeId: 's', params: { handle: 'b2', branch: 'Second' } },
    ])
    const open = valid()
    open.edges = open.edges.filter((e) => e.id !== '1' && e.id !== '3')
    const issues = validateFlow(open, [])
    expect(issues.find((i) => i.code === 'dangling_handle' && i.nodeId === 'e')).toBeTruthy()
    expect(issues.some((i) => i.params?.handle === ELSE_HANDLE)).toBe(false)
  })

  it('reports an entry on an unknown segment, and accepts a known one', () => {
    const g = valid()
    g.nodes[0] = entry('e', 'seg-1')
    expect(validateFlow(g, ['seg-1'])).toEqual([])
    expect(validateFlow(g, ['other'])).toEqual([{ code: 'unknown_segment', nodeId: 'e', params: { segmentId: 'seg-1' } }])
  })

  it('reports edges that route nobody, with the edge id', () => {
    const g = valid()
    g.edges.push(
      edge('dup', 's', 'a2', 'b1'),
      edge('fromAction', 'a1', 'a2'),
      edge('intoEntry', 's', 'e', ELSE_HANDLE),
      edge('ghostNode', 's', 'nowhere', 'b1'),
      edge('ghostHandle', 's', 'a2', 'no-such-branch'),
    )
    const edgeIssues = validateFlow(g, []).filter((i) => i.edgeId)
    expect(edgeIssues.map((i) => [i.code, i.edgeId])).toEqual([
      ['duplicate_handle_edge', 'dup'],
      ['edge_from_action', 'fromAction'],
      ['edge_into_entry', 'intoEntry'],
      ['broken_edge', 'ghostNode'],
      ['broken_edge', 'ghostHandle'],
    ])
  })
})
