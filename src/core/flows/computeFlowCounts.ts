import { Bitset } from '../engine/bitset'
import type { JsonLogic } from '../logic/types'
import type { FlowCounts, FlowGraph, FlowNode } from './types'
import { ELSE_HANDLE } from './types'
import { audienceLogic, branchLogic } from './compileFlow'
import { analyzeFlow, ENTRY_HANDLE, routingOrder } from './graph'

/** Evaluates a JSON-logic rule to the set of rows for which it is truthy. */
export type EvaluateLogic = (logic: JsonLogic) => Bitset

/**
 * Customers per edge and per node of a flow, with bitsets:
 * entry = audience; for a split, branch_i = in ∧ rule_i ∧ ¬(earlier rules) and else = in ∧ ¬(every rule);
 * an edge carries its source handle's set; a node's set is the union of its incoming edges.
 * Nodes are visited once, in topological order; nodes on or after a cycle, unreachable nodes and
 * edges that route nobody (graph.ts) count 0. Every node and edge of the graph gets a number.
 * `evaluate`'s bitsets are never mutated, so it may return cached sets.
 */
export function computeFlowCounts(
  graph: FlowGraph,
  evaluate: EvaluateLogic,
  rowCount: number,
  segmentLogic: Record<string, JsonLogic>,
): FlowCounts {
  const counts: FlowCounts = { edges: {}, nodes: {} }
  for (const n of graph.nodes) counts.nodes[n.id] = 0
  for (const e of graph.edges) counts.edges[e.id] = 0
  const s = analyzeFlow(graph)
  if (!s.entry) return counts
  const evalSet = (logic: JsonLogic): Bitset => {
    if (logic === true) return Bitset.full(rowCount)
    if (logic === false) return new Bitset(rowCount)
    return evaluate(logic)
  }
  const sets = new Map<string, Bitset>([[s.entry.id, evalSet(audienceLogic(s.entry.data, segmentLogic)).clone()]])
  for (const id of routingOrder(s)) {
    const node = s.nodeById.get(id) as FlowNode
    const set = sets.get(id) ?? new Bitset(rowCount)
    counts.nodes[id] = set.count()
    for (const [handle, handleSet] of handleSets(node, set, evalSet)) {
      const edge = s.out.get(id)?.get(handle)
      if (!edge) continue
      counts.edges[edge.id] = handleSet.count()
      const into = sets.get(edge.target)
      if (into) into.or(handleSet)
      else sets.set(edge.target, handleSet.clone())
    }
  }
  return counts
}

/** The set each source handle of a node carries, given the node's own set. */
function handleSets(node: FlowNode, set: Bitset, evalSet: EvaluateLogic): [string, Bitset][] {
  if (node.type === 'entry') return [[ENTRY_HANDLE, set]]
  if (node.type !== 'split') return []
  const out: [string, Bitset][] = []
  const remaining = set.clone()
  for (const branch of node.data.branches) {
    const rule = evalSet(branchLogic(branch))
    out.push([branch.id, remaining.clone().and(rule)])
    remaining.andNot(rule)
  }
  out.push([ELSE_HANDLE, remaining])
  return out
}
