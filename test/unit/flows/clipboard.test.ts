import { describe, expect, it } from 'vitest'
import { copyNodes, pasteClip, PASTE_OFFSET } from '../../../src/core/flows/clipboard'
import type { FlowGraph } from '../../../src/core/flows/types'
import { ELSE_HANDLE } from '../../../src/core/flows/types'
import { validateFlow } from '../../../src/core/flows/validateFlow'
import { action, branch, cond, edge, entry, group, split } from './fixtures'

/** e → s; s.b1 → a1; s.else → a2; a3 unconnected. */
function sample(): FlowGraph {
  return {
    nodes: [entry('e'), split('s', [branch('b1', group([cond('age', 'gt', 30)]))]), action('a1'), action('a2'), action('a3')],
    edges: [edge('1', 'e', 's'), edge('2', 's', 'a1', 'b1'), edge('3', 's', 'a2', ELSE_HANDLE)],
  }
}

function counter() {
  let n = 0
  return () => `n${++n}`
}

describe('copy and paste of flow nodes', () => {
  it('keeps the edges between copied nodes and drops the others (and the entry)', () => {
    const clip = copyNodes(sample(), ['e', 's', 'a1'])
    expect(clip.nodes.map((n) => n.id)).toEqual(['s', 'a1'])
    expect(clip.edges.map((e) => e.id)).toEqual(['2'])
  })

  it('pastes with new node, branch and edge ids; the inner edge follows the new branch handle', () => {
    const g = sample()
    const { graph, nodeIds } = pasteClip(g, copyNodes(g, ['s', 'a1', 'a2']), counter())
    // Node s → n1 (branch b1 → n2), a1 → n3, a2 → n4; edges n5, n6.
    expect(nodeIds).toEqual(['n1', 'n3', 'n4'])
    const pastedSplit = graph.nodes.find((n) => n.id === 'n1')
    expect(pastedSplit?.type === 'split' && pastedSplit.data.branches.map((b) => b.id)).toEqual(['n2'])
    expect(graph.edges.slice(3)).toEqual([
      { id: 'n5', source: 'n1', sourceHandle: 'n2', target: 'n3' },
      { id: 'n6', source: 'n1', sourceHandle: ELSE_HANDLE, target: 'n4' },
    ])
    expect(graph.nodes.find((n) => n.id === 'n3')?.position).toEqual({ x: PASTE_OFFSET.x, y: PASTE_OFFSET.y })
    // The original is untouched and every id is unique.
    expect(graph.nodes.slice(0, 5)).toEqual(structuredClone(g.nodes))
    expect(g.nodes).toHaveLength(5)
    const ids = [...graph.nodes.map((n) => n.id), ...graph.edges.map((e) => e.id)]
    expect(new Set(ids).size).toBe(ids.length)
    // Pasted edges route: only the pasted (unreached) actions are reported, no broken edges.
    expect(validateFlow(graph, []).map((i) => i.code).sort()).toEqual(['unreachable_action', 'unreachable_action', 'unreachable_action'])
  })

  it('copies deeply: editing the pasted rule leaves the original alone', () => {
    const g = sample()
    const clip = copyNodes(g, ['s'])
    const { graph } = pasteClip(g, clip, counter())
    const copy = graph.nodes[5]
    if (copy.type !== 'split') throw new Error('expected a split')
    copy.data.branches[0].label = 'changed'
    expect(g.nodes[1].type === 'split' && g.nodes[1].data.branches[0].label).toBe('b1')
  })

  it('pastes the same clip twice as two independent copies', () => {
    const g = sample()
    const clip = copyNodes(g, ['s', 'a1'])
    const next = counter()
    const once = pasteClip(g, clip, next).graph
    const twice = pasteClip(once, clip, next).graph
    expect(twice.nodes).toHaveLength(9)
    expect(twice.edges).toHaveLength(5)
    expect(new Set(twice.nodes.map((n) => n.id)).size).toBe(9)
  })
})
