import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import { autoLayout, estimateNodeSize } from '../../../src/core/flows/layout'
import type { FlowGraph } from '../../../src/core/flows/types'
import { ELSE_HANDLE } from '../../../src/core/flows/types'
import { action, branch, buildFlow, cond, edge, entry, flowShapeArb, group, split } from './fixtures'

function boxes(g: FlowGraph) {
  return g.nodes.map((n) => ({ id: n.id, ...n.position, ...estimateNodeSize(n) }))
}

function overlapping(g: FlowGraph): string[] {
  const b = boxes(g)
  const out: string[] = []
  for (let i = 0; i < b.length; i++) {
    for (let j = i + 1; j < b.length; j++) {
      const p = b[i]
      const q = b[j]
      if (p.x < q.x + q.width && q.x < p.x + p.width && p.y < q.y + q.height && q.y < p.y + p.height) out.push(`${p.id}/${q.id}`)
    }
  }
  return out
}

/** entry → split(b1, b2) → a1, a2; else → a3. */
function sample(): FlowGraph {
  const r = () => group([cond('age', 'gt', 30)])
  return {
    nodes: [action('a3'), entry('e'), split('s', [branch('b1', r()), branch('b2', r())]), action('a1'), action('a2')],
    edges: [edge('1', 'e', 's'), edge('2', 's', 'a1', 'b1'), edge('3', 's', 'a2', 'b2'), edge('4', 's', 'a3', ELSE_HANDLE)],
  }
}

describe('autoLayout', () => {
  it('places ranks left to right along the edges', () => {
    const g = autoLayout(sample())
    const pos = Object.fromEntries(g.nodes.map((n) => [n.id, n.position]))
    expect(pos.e.x).toBeLessThan(pos.s.x)
    for (const a of ['a1', 'a2', 'a3']) expect(pos.s.x).toBeLessThan(pos[a].x)
    // The three actions share a rank: one column.
    expect(new Set([pos.a1.x, pos.a2.x, pos.a3.x]).size).toBe(1)
  })

  it('changes positions only: ids, data, order and edges are kept', () => {
    const before = sample()
    const after = autoLayout(before)
    expect(after.edges).toEqual(before.edges)
    expect(after.nodes.map((n) => ({ ...n, position: null }))).toEqual(before.nodes.map((n) => ({ ...n, position: null })))
    expect(after.nodes.every((n) => Number.isInteger(n.position.x) && Number.isInteger(n.position.y))).toBe(true)
  })

  it('is deterministic and never overlaps boxes, on random flows (cycles and chaos included)', () => {
    fc.assert(
      fc.property(flowShapeArb(true), (shape) => {
        const g = buildFlow(shape)
        const a = autoLayout(g)
        expect(autoLayout(structuredClone(g))).toEqual(a)
        expect(overlapping(a)).toEqual([])
      }),
      { numRuns: 60 },
    )
  })

  it('lays out a graph with unconnected nodes and a dangling edge without failing', () => {
    const g: FlowGraph = { nodes: [entry('e'), action('x'), action('y')], edges: [edge('1', 'e', 'ghost')] }
    const a = autoLayout(g)
    expect(overlapping(a)).toEqual([])
    expect(a.nodes).toHaveLength(3)
  })
})
