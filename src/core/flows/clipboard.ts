import type { FlowEdge, FlowGraph, FlowNode, XY } from './types'

/**
 * Notes: copy/paste of flow nodes. A clip holds deep copies of the chosen nodes and of the edges
 * whose both ends were chosen (edges to nodes left behind would dangle). Entry nodes are never
 * copied: a flow has one entry. Pasting gives every node, branch and edge a new id (from `newId`,
 * so tests stay deterministic), shifts the nodes by `offset`, and appends them to the graph.
 */
export interface FlowClip {
  nodes: FlowNode[]
  edges: FlowEdge[]
}

/** Offset (px) of a pasted copy from the original, so it does not hide it. */
export const PASTE_OFFSET: XY = { x: 40, y: 40 }

/** The chosen nodes (entries left out) and the edges between them, as independent copies. */
export function copyNodes(graph: FlowGraph, nodeIds: readonly string[]): FlowClip {
  const chosen = new Set(nodeIds)
  const nodes = graph.nodes.filter((n) => chosen.has(n.id) && n.type !== 'entry')
  const kept = new Set(nodes.map((n) => n.id))
  const edges = graph.edges.filter((e) => kept.has(e.source) && kept.has(e.target))
  return structuredClone({ nodes, edges })
}

/** Result of a paste: the new graph and the ids of the pasted nodes (to select them). */
export interface PasteResult {
  graph: FlowGraph
  nodeIds: string[]
}

/** Appends a copy of `clip` with fresh ids; branch ids change too, and edge handles follow them. */
export function pasteClip(graph: FlowGraph, clip: FlowClip, newId: () => string, offset: XY = PASTE_OFFSET): PasteResult {
  const nodeIds = new Map<string, string>()
  const handleIds = new Map<string, string>()
  const nodes = clip.nodes.map((n) => {
    const copy = structuredClone(n)
    copy.id = newId()
    nodeIds.set(n.id, copy.id)
    copy.position = { x: n.position.x + offset.x, y: n.position.y + offset.y }
    renameBranches(copy, n.id, newId, handleIds)
    return copy
  })
  const edges = clip.edges.flatMap((e): FlowEdge[] => {
    const source = nodeIds.get(e.source)
    const target = nodeIds.get(e.target)
    if (!source || !target) return []
    const handle = e.sourceHandle == null ? null : handleIds.get(`${e.source}\u0000${e.sourceHandle}`) ?? e.sourceHandle
    return [{ id: newId(), source, sourceHandle: handle, target }]
  })
  return { graph: { ...graph, nodes: [...graph.nodes, ...nodes], edges: [...graph.edges, ...edges] }, nodeIds: [...nodeIds.values()] }
}

/** Gives the branches of any node kind that has them (their ids are handle ids) new ids. */
function renameBranches(copy: FlowNode, oldNodeId: string, newId: () => string, handleIds: Map<string, string>): void {
  const data = copy.data as { branches?: unknown }
  if (!Array.isArray(data.branches)) return
  data.branches = (data.branches as { id: string }[]).map((b) => {
    const id = newId()
    handleIds.set(`${oldNodeId}\u0000${b.id}`, id)
    return { ...b, id }
  })
}
