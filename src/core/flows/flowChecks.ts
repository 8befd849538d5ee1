import type { JsonLogic } from '../logic/types'
import type { FlowCounts, FlowEdge, FlowGraph, FlowNode, SplitBranch } from './types'
import { ELSE_HANDLE } from './types'
import { branchLogic } from './compileFlow'
import type { EvaluateLogic } from './computeFlowCounts'
import { computeFlowCounts } from './computeFlowCounts'
import { analyzeFlow, routingOrder } from './graph'
import { expandFlowSegmentRefs } from './flowSegmentRefs'
import type { SplitNode } from './graph'

/**
 * Notes: checks that need customer data, for rule splits (counted in the worker):
 * - a branch's customers: those reaching the split that its rule takes (first match wins);
 * - a branch's overlap: customers reaching the split who match its rule AND the rule of an earlier
 *   branch; they go to the earlier branch, so the later rule does not get them.
 * Both are measured with "probe" graphs: the flow unchanged up to the split, whose outgoing edges are
 * replaced by edges to a probe action. So everything upstream — any node kind computeFlowCounts
 * knows — is counted exactly as in the live counts, and no routing code is repeated here.
 */

/** Counts of one branch of a rule split. */
export interface BranchCheck {
  branchId: string
  /** Customers this branch takes. */
  customers: number
  /** Customers matching this branch's rule and an earlier one (they took the earlier branch). */
  overlap: number
}

/** Per rule split reached from the entry: customers reaching it and per branch counts. */
export type FlowBranchChecks = Record<string, { input: number; branches: BranchCheck[] }>

/** One probe graph and what each of its edges measures. */
export interface BranchProbe {
  nodeId: string
  graph: FlowGraph
  measures: { edgeId: string; branchId: string; kind: 'customers' | 'overlap' | 'else' }[]
}

const PROBE = '\u0000probe'

/** The probes that measure every branch of every rule split the entry reaches. */
export function planBranchChecks(flow: FlowGraph, segmentLogic: Readonly<Record<string, JsonLogic>> = {}): BranchProbe[] {
  const graph = expandFlowSegmentRefs(flow, segmentLogic)
  const s = analyzeFlow(graph)
  const probes: BranchProbe[] = []
  for (const id of routingOrder(s)) {
    const node = s.nodeById.get(id)
    if (node?.type !== 'split' || node.data.branches.length === 0) continue
    probes.push(takenProbe(graph, node))
    node.data.branches.forEach((b, j) => {
      if (j > 0) probes.push(overlapProbe(graph, node, b, node.data.branches.slice(0, j)))
    })
  }
  return probes
}

/** The split as it is, every handle led to the probe action: edge counts are the branch sizes. */
function takenProbe(graph: FlowGraph, node: SplitNode): BranchProbe {
  const handles = [...node.data.branches.map((b) => b.id), ELSE_HANDLE]
  const edges = handles.map((h) => probeEdge(node.id, h))
  const measures = handles.map((h, i) => ({
    edgeId: edges[i].id, branchId: h, kind: h === ELSE_HANDLE ? 'else' as const : 'customers' as const,
  }))
  return { nodeId: node.id, graph: probeGraph(graph, node, node, edges), measures }
}

/** The split replaced by one branch "this rule and an earlier one". */
function overlapProbe(graph: FlowGraph, node: SplitNode, branch: SplitBranch, earlier: SplitBranch[]): BranchProbe {
  const logic: JsonLogic = { and: [branchLogic(branch), { or: earlier.map(branchLogic) }] }
  const probeBranch: SplitBranch = { id: branch.id, label: branch.label, rule: { kind: 'group', id: PROBE, combinator: 'and', children: [{ kind: 'advanced', id: PROBE, logic }] } }
  const replaced: SplitNode = { ...node, data: { ...node.data, branches: [probeBranch] } }
  const edge = probeEdge(node.id, branch.id)
  return { nodeId: node.id, graph: probeGraph(graph, node, replaced, [edge]), measures: [{ edgeId: edge.id, branchId: branch.id, kind: 'overlap' }] }
}

function probeEdge(source: string, handle: string): FlowEdge {
  return { id: `${PROBE}${source}\u0000${handle}`, source, sourceHandle: handle, target: `${PROBE}${source}` }
}

function probeGraph(graph: FlowGraph, node: SplitNode, replacement: FlowNode, edges: FlowEdge[]): FlowGraph {
  const sink: FlowNode = { id: `${PROBE}${node.id}`, type: 'action', position: { x: 0, y: 0 }, data: { name: '', channel: 'sms', offer: '' } }
  return {
    nodes: [...graph.nodes.map((n) => (n.id === node.id ? replacement : n)), sink],
    edges: [...graph.edges.filter((e) => e.source !== node.id), ...edges],
  }
}

/** Gathers the probes' edge counts (same order as `probes`) into per-split checks. */
export function summarizeBranchChecks(probes: readonly BranchProbe[], counts: readonly FlowCounts[]): FlowBranchChecks {
  const out: FlowBranchChecks = {}
  probes.forEach((probe, i) => {
    const entry = (out[probe.nodeId] ??= { input: 0, branches: [] })
    for (const m of probe.measures) {
      const n = counts[i]?.edges[m.edgeId] ?? 0
      if (m.kind !== 'overlap') entry.input += n
      if (m.kind === 'customers') entry.branches.push({ branchId: m.branchId, customers: n, overlap: 0 })
      if (m.kind === 'overlap') {
        const b = entry.branches.find((x) => x.branchId === m.branchId)
        if (b) b.overlap = n
      }
    }
  })
  return out
}

/** All checks at once (tests, small flows); the worker runs the probes one by one to stay cancellable. */
export function computeBranchChecks(
  graph: FlowGraph, evaluate: EvaluateLogic, rowCount: number, segmentLogic: Record<string, JsonLogic>,
): FlowBranchChecks {
  const probes = planBranchChecks(graph, segmentLogic)
  return summarizeBranchChecks(probes, probes.map((p) => computeFlowCounts(p.graph, evaluate, rowCount, segmentLogic)))
}
