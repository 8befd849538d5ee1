import type { JsonLogic } from '../logic/types'
import { expandRefsWithLogic, hasSegmentRefs, referencedSegments } from '../logic/segmentRefs'
import type { FlowGraph, FlowNode } from './types'

/*
 * "Is in / is not in segment X" inside a flow: split branches, filters and an inline-rule entry may
 * hold segment references, as segment rules do. Before a flow is counted, compiled, exported or
 * checked, every reference is replaced by the segment's current JSON-logic (the segment store's
 * expanded `segmentLogic`), so everything downstream sees plain rules. Segments never refer to flows,
 * so no cycle can pass through a flow.
 */

/** The rules of a node (branches of a split, a filter's, an inline entry's). */
function rulesOf(n: FlowNode) {
  if (n.type === 'split') return n.data.branches.map((b) => b.rule)
  if (n.type === 'filter') return [n.data.rule]
  if (n.type === 'entry' && n.data.rule) return [n.data.rule]
  return []
}

/** Ids of the segments a node's rules refer to (without repeats, in rule order). */
export function nodeSegmentRefs(n: FlowNode): string[] {
  return [...new Set(rulesOf(n).flatMap((r) => referencedSegments(r)))]
}

/** The flow with every segment reference in its rules replaced by `segmentLogic` (the same graph when it has none). */
export function expandFlowSegmentRefs(graph: FlowGraph, segmentLogic: Readonly<Record<string, JsonLogic>>): FlowGraph {
  if (!graph.nodes.some((n) => rulesOf(n).some(hasSegmentRefs))) return graph
  const expand = (n: FlowNode): FlowNode => {
    switch (n.type) {
      case 'split': return { ...n, data: { ...n.data, branches: n.data.branches.map((b) => ({ ...b, rule: expandRefsWithLogic(b.rule, segmentLogic) })) } }
      case 'filter': return { ...n, data: { ...n.data, rule: expandRefsWithLogic(n.data.rule, segmentLogic) } }
      case 'entry': return n.data.rule ? { ...n, data: { ...n.data, rule: expandRefsWithLogic(n.data.rule, segmentLogic) } } : n
      default: return n
    }
  }
  return { ...graph, nodes: graph.nodes.map(expand) }
}
