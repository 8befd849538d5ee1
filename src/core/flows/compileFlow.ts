import type { JsonLogic } from '../logic/types'
import { toJsonLogic } from '../logic/toJsonLogic'
import type { EntryNodeData, FlowGraph, SplitBranch } from './types'
import { ELSE_HANDLE } from './types'
import type { FlowStructure } from './graph'
import { analyzeFlow, ENTRY_HANDLE, routingOrder } from './graph'

/**
 * The audience of an entry node as JSON-logic: `true` for all customers, the segment's logic, or
 * `false` when the segment is unknown (validateFlow reports it; routing nobody beats guessing).
 */
export function audienceLogic(data: EntryNodeData, segmentLogic: Record<string, JsonLogic>): JsonLogic {
  if (data.segmentId === null) return true
  return Object.hasOwn(segmentLogic, data.segmentId) ? segmentLogic[data.segmentId] : false
}

/** The JSON-logic of a split branch's rule. */
export function branchLogic(branch: SplitBranch): JsonLogic {
  return toJsonLogic(branch.rule)
}

/**
 * Compiles a flow into ONE JSON-logic `if` chain that returns the id of the action node a customer
 * reaches, or `null` when they reach none (outside the audience, a dangling branch, a cycle).
 * Splits become nested `if`s whose pairs follow branch order, so the first matching branch wins and
 * the last value is the "everyone else" path. Any JSON-logic runtime then routes customers exactly
 * as computeFlowCounts counts them: both walk the same routing structure (graph.ts).
 */
export function compileFlow(graph: FlowGraph, segmentLogic: Record<string, JsonLogic>): JsonLogic {
  const s = analyzeFlow(graph)
  if (!s.entry) return null
  const routed = new Set(routingOrder(s))
  const memo = new Map<string, JsonLogic>()
  const target = (nodeId: string, handle: string): JsonLogic => {
    const edge = s.out.get(nodeId)?.get(handle)
    return edge && routed.has(edge.target) ? compileNode(s, edge.target, target, memo) : null
  }
  return { if: [audienceLogic(s.entry.data, segmentLogic), target(s.entry.id, ENTRY_HANDLE), null] }
}

type TargetOf = (nodeId: string, handle: string) => JsonLogic

function compileNode(s: FlowStructure, id: string, target: TargetOf, memo: Map<string, JsonLogic>): JsonLogic {
  const cached = memo.get(id)
  if (cached !== undefined) return cached
  const node = s.nodeById.get(id)
  let logic: JsonLogic = null
  if (node?.type === 'action') logic = node.id
  else if (node?.type === 'split') {
    const chain: JsonLogic[] = []
    for (const b of node.data.branches) chain.push(branchLogic(b), target(id, b.id))
    chain.push(target(id, ELSE_HANDLE))
    // `{"if": [x]}` would return x itself: fine, but a bare value reads more plainly.
    logic = chain.length === 1 ? chain[0] : { if: chain }
  }
  memo.set(id, logic)
  return logic
}
