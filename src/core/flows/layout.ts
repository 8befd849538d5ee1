import dagre from '@dagrejs/dagre'
import type { FlowGraph, FlowNode, XY } from './types'
import { sourceHandles } from './graph'

/** Width and height (px) the layout reserves for a node. */
export interface NodeSize { width: number; height: number }

/** Gaps (px) between ranks (left → right) and between nodes of one rank. */
export const LAYOUT_RANK_GAP = 120
export const LAYOUT_NODE_GAP = 40

/**
 * The box the canvas draws a node in, estimated from its kind: 240 px wide; a node with several
 * source handles (split branches and "everyone else") grows by one row per handle, others are one block.
 */
export function estimateNodeSize(node: FlowNode): NodeSize {
  const rows = sourceHandles(node).length
  return { width: 240, height: rows > 1 ? 90 + 30 * rows : 110 }
}

/**
 * Auto-layout with dagre: left → right, one rank per edge step, nodes of a rank stacked with
 * LAYOUT_NODE_GAP between boxes. Returns the same graph with new top-left positions (rounded to
 * whole pixels); edges and data are untouched. Deterministic: the same graph gives the same layout.
 * Edges to or from unknown nodes are ignored; nodes without edges get their own column slot.
 */
export function autoLayout(graph: FlowGraph, size: (n: FlowNode) => NodeSize = estimateNodeSize): FlowGraph {
  const g = new dagre.graphlib.Graph({ multigraph: true })
  g.setGraph({ rankdir: 'LR', ranksep: LAYOUT_RANK_GAP, nodesep: LAYOUT_NODE_GAP, marginx: 0, marginy: 0 })
  g.setDefaultEdgeLabel(() => ({}))
  const ids = new Set(graph.nodes.map((n) => n.id))
  for (const n of graph.nodes) g.setNode(n.id, { ...size(n) })
  for (const e of graph.edges) {
    if (ids.has(e.source) && ids.has(e.target) && e.source !== e.target) g.setEdge(e.source, e.target, {}, e.id)
  }
  dagre.layout(g)
  const positions = new Map<string, XY>()
  for (const n of graph.nodes) {
    const box = g.node(n.id) as { x: number; y: number; width: number; height: number }
    positions.set(n.id, { x: Math.round(box.x - box.width / 2), y: Math.round(box.y - box.height / 2) })
  }
  return { ...graph, nodes: graph.nodes.map((n) => ({ ...n, position: positions.get(n.id) as XY })) }
}
