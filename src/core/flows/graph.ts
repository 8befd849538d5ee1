import type { FlowEdge, FlowEdgeIssueCode, FlowGraph, FlowNode } from './types'
import { ELSE_HANDLE } from './types'

/**
 * Notes: the routing structure that compileFlow, computeFlowCounts and validateFlow share, so that
 * the three cannot disagree about which edges route customers. Rules:
 * - the first entry node (in `nodes` order) is the flow's entry; others route nobody;
 * - entry and filter nodes have one source handle, whatever id the edge names (Vue Flow writes null or undefined);
 * - split and random-split handles are the branch ids plus ELSE_HANDLE; action nodes are terminal;
 * - per (source, handle) only the first edge in `edges` order routes; later ones are reported.
 */

/** Key of the single source handle of an entry node. */
export const ENTRY_HANDLE = ''

export type EntryNode = Extract<FlowNode, { type: 'entry' }>
export type SplitNode = Extract<FlowNode, { type: 'split' }>
export type ActionNode = Extract<FlowNode, { type: 'action' }>
export type RandomNode = Extract<FlowNode, { type: 'random' }>
export type FilterNode = Extract<FlowNode, { type: 'filter' }>

export interface EdgeProblem {
  edge: FlowEdge
  code: FlowEdgeIssueCode
}

export interface FlowStructure {
  nodeById: Map<string, FlowNode>
  /** The flow's entry: the first entry node, if any. */
  entry: EntryNode | undefined
  /** The routing edge of each (node, handle key). */
  out: Map<string, Map<string, FlowEdge>>
  /** Edges that route customers, in `edges` order. */
  routing: FlowEdge[]
  /** Edges that route nobody, with the reason. */
  problems: EdgeProblem[]
}

/** The source handle keys of a node, in routing order (branches first, `else` last). */
export function sourceHandles(node: FlowNode): string[] {
  if (node.type === 'entry' || node.type === 'filter') return [ENTRY_HANDLE]
  if (node.type === 'split' || node.type === 'random') return [...node.data.branches.map((b) => b.id), ELSE_HANDLE]
  return []
}

/** The handle key an edge leaves from, or undefined when its source has no such handle. */
export function handleKey(source: FlowNode, edge: Pick<FlowEdge, 'sourceHandle'>): string | undefined {
  if (source.type === 'entry' || source.type === 'filter') return ENTRY_HANDLE
  if ((source.type !== 'split' && source.type !== 'random') || edge.sourceHandle == null) return undefined
  return sourceHandles(source).includes(edge.sourceHandle) ? edge.sourceHandle : undefined
}

function classifyEdge(edge: FlowEdge, nodeById: Map<string, FlowNode>): { key: string } | { code: FlowEdgeIssueCode } {
  const source = nodeById.get(edge.source)
  const target = nodeById.get(edge.target)
  if (!source || !target) return { code: 'broken_edge' }
  if (source.type === 'action') return { code: 'edge_from_action' }
  if (target.type === 'entry') return { code: 'edge_into_entry' }
  const key = handleKey(source, edge)
  return key === undefined ? { code: 'broken_edge' } : { key }
}

/** Splits a graph's edges into routing edges and problems (see the notes above). */
export function analyzeFlow(graph: FlowGraph): FlowStructure {
  const nodeById = new Map(graph.nodes.map((n) => [n.id, n] as const))
  const entry = graph.nodes.find((n): n is EntryNode => n.type === 'entry')
  const out = new Map<string, Map<string, FlowEdge>>()
  const routing: FlowEdge[] = []
  const problems: EdgeProblem[] = []
  for (const edge of graph.edges) {
    const c = classifyEdge(edge, nodeById)
    if ('code' in c) {
      problems.push({ edge, code: c.code })
      continue
    }
    const handles = out.get(edge.source) ?? new Map<string, FlowEdge>()
    out.set(edge.source, handles)
    if (handles.has(c.key)) {
      problems.push({ edge, code: 'duplicate_handle_edge' })
      continue
    }
    handles.set(c.key, edge)
    routing.push(edge)
  }
  return { nodeById, entry, out, routing, problems }
}

/** Ids of the nodes reachable from `startId` along routing edges (including `startId`). */
export function reachableFrom(s: FlowStructure, startId: string): Set<string> {
  const seen = new Set<string>([startId])
  const stack = [startId]
  while (stack.length > 0) {
    const id = stack.pop() as string
    for (const edge of s.out.get(id)?.values() ?? []) {
      if (!seen.has(edge.target)) {
        seen.add(edge.target)
        stack.push(edge.target)
      }
    }
  }
  return seen
}

/**
 * Nodes reachable from the entry in topological order (Kahn). A node on a cycle, or after one, never
 * reaches in-degree zero and is left out: it routes nobody, which keeps counting finite and lets
 * compileFlow and computeFlowCounts agree even on invalid graphs.
 */
export function routingOrder(s: FlowStructure): string[] {
  if (!s.entry) return []
  const reachable = reachableFrom(s, s.entry.id)
  const indegree = new Map<string, number>()
  for (const edge of s.routing) {
    if (reachable.has(edge.source)) indegree.set(edge.target, (indegree.get(edge.target) ?? 0) + 1)
  }
  const order: string[] = []
  const queue = [s.entry.id]
  while (queue.length > 0) {
    const id = queue.shift() as string
    order.push(id)
    for (const edge of s.out.get(id)?.values() ?? []) {
      const left = (indegree.get(edge.target) ?? 0) - 1
      indegree.set(edge.target, left)
      if (left === 0) queue.push(edge.target)
    }
  }
  return order
}

/** Strongly connected components that form cycles (several nodes, or one node with a self-loop). */
export function findCycles(s: FlowStructure): string[][] {
  const ids = [...s.nodeById.keys()]
  const succ = (id: string) => [...(s.out.get(id)?.values() ?? [])].map((e) => e.target)
  const pred = new Map<string, string[]>()
  for (const e of s.routing) pred.set(e.target, [...(pred.get(e.target) ?? []), e.source])
  // Kosaraju, iteratively: finish order on the graph, then components on the reversed graph.
  const finished: string[] = []
  const visited = new Set<string>()
  for (const root of ids) {
    if (visited.has(root)) continue
    visited.add(root)
    const stack: [string, string[]][] = [[root, succ(root)]]
    while (stack.length > 0) {
      const top = stack[stack.length - 1]
      const next = top[1].find((t) => !visited.has(t))
      if (next === undefined) {
        finished.push(top[0])
        stack.pop()
      } else {
        visited.add(next)
        stack.push([next, succ(next)])
      }
    }
  }
  const assigned = new Set<string>()
  const cycles: string[][] = []
  for (const root of finished.reverse()) {
    if (assigned.has(root)) continue
    const component = collect(root, (id) => pred.get(id) ?? [], assigned)
    const selfLoop = s.routing.some((e) => e.source === root && e.target === root)
    if (component.length > 1 || selfLoop) cycles.push(component)
  }
  return cycles
}

function collect(root: string, next: (id: string) => string[], assigned: Set<string>): string[] {
  const component: string[] = []
  const stack = [root]
  assigned.add(root)
  while (stack.length > 0) {
    const id = stack.pop() as string
    component.push(id)
    for (const p of next(id)) {
      if (!assigned.has(p)) {
        assigned.add(p)
        stack.push(p)
      }
    }
  }
  return component
}
