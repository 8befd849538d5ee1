import { Bitset } from '../engine/bitset'
import type { JsonLogic } from '../logic/types'
import type { FlowCounts, FlowGraph, FlowNode } from './types'
import type { MeasureStats } from '../engine/measure'
import { audienceLogic, nodeRouting } from './compileFlow'
import { analyzeFlow, routingOrder } from './graph'
import { expandFlowSegmentRefs } from './flowSegmentRefs'

/** Evaluates a JSON-logic rule to the set of rows for which it is truthy. */
export type EvaluateLogic = (logic: JsonLogic) => Bitset

/**
 * Customers per edge and per node of a flow, with bitsets:
 * entry = audience; for a split or random split, branch_i = in ∧ rule_i ∧ ¬(earlier rules) and
 * else = in ∧ ¬(every rule); a filter passes in ∧ rule; with `measureOf`, each node's measure too;
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
  measureOf?: (set: Bitset) => MeasureStats,
): FlowCounts {
  const counts: FlowCounts = { edges: {}, nodes: {} }
  if (measureOf) counts.measures = {}
  for (const n of graph.nodes) counts.nodes[n.id] = 0
  for (const e of graph.edges) counts.edges[e.id] = 0
  const s = analyzeFlow(expandFlowSegmentRefs(graph, segmentLogic))
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
    if (counts.measures && measureOf) counts.measures[id] = measureOf(set)
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

/** The set each source handle of a node carries, given the node's own set (nodeRouting's order). */
function handleSets(node: FlowNode, set: Bitset, evalSet: EvaluateLogic): [string, Bitset][] {
  const routing = nodeRouting(node)
  const out: [string, Bitset][] = []
  const remaining = set.clone()
  for (const choice of routing.choices) {
    const rule = evalSet(choice.logic)
    out.push([choice.handle, remaining.clone().and(rule)])
    remaining.andNot(rule)
  }
  if (routing.otherwise !== null) out.push([routing.otherwise, remaining])
  return out
}
