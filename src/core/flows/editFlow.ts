import type {
  ActionNodeData, EntryNodeData, FilterNodeData, FlowEdge, FlowGraph, FlowNode, RandomBranch, RandomSplitNodeData, SplitBranch, XY,
} from './types'
import { analyzeFlow, handleKey, reachableFrom } from './graph'

/**
 * Notes: the edits the flow screen offers, as pure functions from graph to new graph, so that a
 * drag on the canvas and the keyboard path (side panel buttons) take the same rules. Ids are passed
 * in: the caller owns id generation, tests stay deterministic. An edit that is not allowed returns
 * the graph unchanged (same object), so `result === graph` means "refused".
 */

export interface Connection {
  source: string
  /** Branch id or ELSE_HANDLE for splits; null/undefined for the entry. */
  sourceHandle?: string | null
  target: string
}

/** Whether `c` may become an edge: the handle exists, the target is a split or action, no cycle. */
export function canConnect(graph: FlowGraph, c: Connection): boolean {
  const s = analyzeFlow(graph)
  const source = s.nodeById.get(c.source)
  const target = s.nodeById.get(c.target)
  if (!source || !target || source.id === target.id || target.type === 'entry') return false
  if (handleKey(source, c) === undefined) return false
  // A path target → … → source means the new edge would close a cycle.
  return !reachableFrom(s, target.id).has(source.id)
}

/** Nodes `c.source`'s handle may connect to (for the keyboard "connect to" select). */
export function connectTargets(graph: FlowGraph, source: string, sourceHandle: string | null): FlowNode[] {
  return graph.nodes.filter((n) => canConnect(graph, { source, sourceHandle, target: n.id }))
}

/** The edge leaving a node's handle, if any (the first one, as routing takes it). */
export function edgeFromHandle(graph: FlowGraph, nodeId: string, sourceHandle: string | null): FlowEdge | undefined {
  const s = analyzeFlow(graph)
  const node = s.nodeById.get(nodeId)
  const key = node && handleKey(node, { sourceHandle })
  return key === undefined ? undefined : s.out.get(nodeId)?.get(key)
}

/**
 * Adds the edge `c` with id `edgeId`. A handle feeds one edge (a customer takes one path), so an edge
 * already leaving the same handle is replaced rather than left to route nobody.
 */
export function connect(graph: FlowGraph, c: Connection, edgeId: string): FlowGraph {
  if (!canConnect(graph, c)) return graph
  const source = graph.nodes.find((n) => n.id === c.source) as FlowNode
  const key = handleKey(source, c)
  const kept = graph.edges.filter((e) => e.source !== c.source || handleKey(source, e) !== key)
  const edge: FlowEdge = { id: edgeId, source: c.source, sourceHandle: c.sourceHandle ?? null, target: c.target }
  return { ...graph, edges: [...kept, edge] }
}

/** Adds a node (its id must be new). */
export function addNode(graph: FlowGraph, node: FlowNode): FlowGraph {
  if (graph.nodes.some((n) => n.id === node.id)) return graph
  return { ...graph, nodes: [...graph.nodes, node] }
}

/** Removes a node and every edge touching it. */
export function removeNode(graph: FlowGraph, nodeId: string): FlowGraph {
  return {
    ...graph,
    nodes: graph.nodes.filter((n) => n.id !== nodeId),
    edges: graph.edges.filter((e) => e.source !== nodeId && e.target !== nodeId),
  }
}

/** Removes an edge. */
export function removeEdge(graph: FlowGraph, edgeId: string): FlowGraph {
  return { ...graph, edges: graph.edges.filter((e) => e.id !== edgeId) }
}

/** Moves a node on the canvas. */
export function moveNode(graph: FlowGraph, nodeId: string, position: XY): FlowGraph {
  return mapNode(graph, nodeId, (n) => ({ ...n, position: { x: position.x, y: position.y } }))
}

/** Replaces the data of an entry node. */
export function setEntryData(graph: FlowGraph, nodeId: string, data: EntryNodeData): FlowGraph {
  return mapNode(graph, nodeId, (n) => (n.type === 'entry' ? { ...n, data: { ...data } } : n))
}

/** Updates the data of an action node. */
export function setActionData(graph: FlowGraph, nodeId: string, patch: Partial<ActionNodeData>): FlowGraph {
  return mapNode(graph, nodeId, (n) => (n.type === 'action' ? { ...n, data: { ...n.data, ...patch } } : n))
}

/** Updates the data of a random split (seed, id field or its whole branch list). */
export function setRandomData(graph: FlowGraph, nodeId: string, patch: Partial<RandomSplitNodeData>): FlowGraph {
  return mapNode(graph, nodeId, (n) => (n.type === 'random' ? { ...n, data: { ...n.data, ...patch } } : n))
}

/** Updates one branch of a random split; marking a branch as control unmarks the others (one control group). */
export function updateRandomBranch(graph: FlowGraph, nodeId: string, branchId: string, patch: Partial<Omit<RandomBranch, 'id'>>): FlowGraph {
  const node = graph.nodes.find((n) => n.id === nodeId)
  if (node?.type !== 'random' || !node.data.branches.some((b) => b.id === branchId)) return graph
  const branches = node.data.branches.map((b) => {
    if (b.id === branchId) return { ...b, ...patch }
    return patch.control ? { ...b, control: false } : b
  })
  return setRandomData(graph, nodeId, { branches })
}

/** Removes a random split's branch and the edge leaving its handle. */
export function removeRandomBranch(graph: FlowGraph, nodeId: string, branchId: string): FlowGraph {
  const node = graph.nodes.find((n) => n.id === nodeId)
  if (node?.type !== 'random' || !node.data.branches.some((b) => b.id === branchId)) return graph
  const next = setRandomData(graph, nodeId, { branches: node.data.branches.filter((b) => b.id !== branchId) })
  return { ...next, edges: next.edges.filter((e) => e.source !== nodeId || e.sourceHandle !== branchId) }
}

/** Updates the data of a filter node. */
export function setFilterData(graph: FlowGraph, nodeId: string, patch: Partial<FilterNodeData>): FlowGraph {
  return mapNode(graph, nodeId, (n) => (n.type === 'filter' ? { ...n, data: { ...n.data, ...patch } } : n))
}

/** Appends a branch to a split (evaluated after the existing ones). */
export function addBranch(graph: FlowGraph, nodeId: string, branch: SplitBranch): FlowGraph {
  return mapBranches(graph, nodeId, (bs) => (bs.some((b) => b.id === branch.id) ? bs : [...bs, branch]))
}

/** Removes a branch and the edge leaving its handle. */
export function removeBranch(graph: FlowGraph, nodeId: string, branchId: string): FlowGraph {
  const next = mapBranches(graph, nodeId, (bs) => bs.filter((b) => b.id !== branchId))
  if (next === graph) return graph
  return { ...next, edges: next.edges.filter((e) => e.source !== nodeId || e.sourceHandle !== branchId) }
}

/** Updates a branch's label or rule. */
export function updateBranch(graph: FlowGraph, nodeId: string, branchId: string, patch: Partial<Omit<SplitBranch, 'id'>>): FlowGraph {
  return mapBranches(graph, nodeId, (bs) => bs.map((b) => (b.id === branchId ? { ...b, ...patch } : b)))
}

/** Moves a branch one place earlier (-1) or later (+1): order decides which rule wins. */
export function moveBranch(graph: FlowGraph, nodeId: string, branchId: string, delta: -1 | 1): FlowGraph {
  return mapBranches(graph, nodeId, (bs) => {
    const i = bs.findIndex((b) => b.id === branchId)
    const j = i + delta
    if (i < 0 || j < 0 || j >= bs.length) return bs
    const next = [...bs]
    ;[next[i], next[j]] = [next[j], next[i]]
    return next
  })
}

/**
 * Inserts a control group right after the entry: entry → `random` (its first branch the treatment,
 * its control branch the holdout) → the entry's old target on the treatment branch and `holdout`
 * (a no-contact action) on the control branch. Refused (same graph) without an entry, when `random`
 * has no control branch, or when the entry already leads to a random split.
 */
export function addControlGroup(graph: FlowGraph, random: Extract<FlowNode, { type: 'random' }>, holdout: Extract<FlowNode, { type: 'action' }>,
  edgeIds: readonly [string, string, string]): FlowGraph {
  const s = analyzeFlow(graph)
  const entry = s.entry
  const treatment = random.data.branches.find((b) => !b.control)
  const control = random.data.branches.find((b) => b.control)
  if (!entry || !treatment || !control) return graph
  const old = graph.edges.find((e) => e.source === entry.id)
  const oldTarget = old ? s.nodeById.get(old.target) : undefined
  if (oldTarget?.type === 'random') return graph
  const edges: FlowEdge[] = [
    ...graph.edges.filter((e) => e.source !== entry.id),
    { id: edgeIds[0], source: entry.id, sourceHandle: null, target: random.id },
    ...(oldTarget ? [{ id: edgeIds[1], source: random.id, sourceHandle: treatment.id, target: oldTarget.id }] : []),
    { id: edgeIds[2], source: random.id, sourceHandle: control.id, target: holdout.id },
  ]
  return { ...graph, nodes: [...graph.nodes, random, holdout], edges }
}

function mapNode(graph: FlowGraph, nodeId: string, fn: (n: FlowNode) => FlowNode): FlowGraph {
  if (!graph.nodes.some((n) => n.id === nodeId)) return graph
  return { ...graph, nodes: graph.nodes.map((n) => (n.id === nodeId ? fn(n) : n)) }
}

function mapBranches(graph: FlowGraph, nodeId: string, fn: (bs: SplitBranch[]) => SplitBranch[]): FlowGraph {
  const node = graph.nodes.find((n) => n.id === nodeId)
  if (node?.type !== 'split') return graph
  const branches = fn(node.data.branches)
  if (branches === node.data.branches) return graph
  return mapNode(graph, nodeId, () => ({ ...node, data: { ...node.data, branches } }))
}
