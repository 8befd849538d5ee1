import type { JsonLogic } from '../logic/types'
import { toJsonLogic } from '../logic/toJsonLogic'
import type { EntryNodeData, FlowGraph, FlowNode, SplitBranch } from './types'
import { ELSE_HANDLE } from './types'
import { randomBranchLogics } from './randomSplit'
import type { FlowStructure } from './graph'
import { analyzeFlow, ENTRY_HANDLE, routingOrder } from './graph'
import { expandFlowSegmentRefs } from './flowSegmentRefs'

/**
 * The audience of an entry node as JSON-logic: `true` for all customers, the inline rule, the segment's
 * logic, or `false` when the segment is unknown (validateFlow reports it; routing nobody beats guessing).
 */
export function audienceLogic(data: EntryNodeData, segmentLogic: Record<string, JsonLogic>): JsonLogic {
  if (data.segmentId === null) return data.rule ? toJsonLogic(data.rule) : true
  return Object.hasOwn(segmentLogic, data.segmentId) ? segmentLogic[data.segmentId] : false
}

/** The JSON-logic of a split branch's rule. */
export function branchLogic(branch: SplitBranch): JsonLogic {
  return toJsonLogic(branch.rule)
}

/**
 * Compiles a flow into ONE JSON-logic `if` chain that returns the id of the action node a customer
 * reaches, or `null` when they reach none (outside the audience, a dangling branch, a cycle).
 * Splits, random splits (via the `bucket` operation, randomSplit.ts) and filters become nested `if`s
 * whose pairs follow branch order, so the first matching branch wins and the last value is the
 * "everyone else" path (null after a filter). Segment references in rules become the segments' logic
 * (flowSegmentRefs.ts). Any JSON-logic runtime then routes customers exactly
 * as computeFlowCounts counts them: both walk the same routing structure (graph.ts).
 */
export function compileFlow(graph: FlowGraph, segmentLogic: Record<string, JsonLogic>): JsonLogic {
  const s = analyzeFlow(expandFlowSegmentRefs(graph, segmentLogic))
  if (!s.entry) return null
  const routed = new Set(routingOrder(s))
  const memo = new Map<string, JsonLogic>()
  const target = (nodeId: string, handle: string): JsonLogic => {
    const edge = s.out.get(nodeId)?.get(handle)
    return edge && routed.has(edge.target) ? compileNode(s, edge.target, target, memo) : null
  }
  return { if: [audienceLogic(s.entry.data, segmentLogic), target(s.entry.id, ENTRY_HANDLE), null] }
}

/**
 * How a node routes the customers it receives: `choices` are tried in order (the first whose logic is
 * truthy wins) and `otherwise` is the handle of everyone else — null when they leave the flow (a
 * filter's non-matching customers, and every customer of an action, which is terminal).
 */
export interface NodeRouting {
  choices: { handle: string; logic: JsonLogic }[]
  otherwise: string | null
}

/** The routing of a node (shared by compileFlow and computeFlowCounts so they cannot disagree). */
export function nodeRouting(node: FlowNode): NodeRouting {
  switch (node.type) {
    case 'entry': return { choices: [], otherwise: ENTRY_HANDLE }
    case 'filter': return { choices: [{ handle: ENTRY_HANDLE, logic: toJsonLogic(node.data.rule) }], otherwise: null }
    case 'split':
      return { choices: node.data.branches.map((b) => ({ handle: b.id, logic: branchLogic(b) })), otherwise: ELSE_HANDLE }
    case 'random': {
      const { idField, seed, branches } = node.data
      const logics = randomBranchLogics(idField, seed, branches.map((b) => b.basisPoints))
      return { choices: branches.map((b, i) => ({ handle: b.id, logic: logics[i] })), otherwise: ELSE_HANDLE }
    }
    default: return { choices: [], otherwise: null }
  }
}

type TargetOf = (nodeId: string, handle: string) => JsonLogic

function compileNode(s: FlowStructure, id: string, target: TargetOf, memo: Map<string, JsonLogic>): JsonLogic {
  const cached = memo.get(id)
  if (cached !== undefined) return cached
  const node = s.nodeById.get(id)
  let logic: JsonLogic = null
  if (node?.type === 'action') logic = node.id
  else if (node && node.type !== 'entry') {
    const routing = nodeRouting(node)
    const chain: JsonLogic[] = []
    for (const c of routing.choices) chain.push(c.logic, target(id, c.handle))
    chain.push(routing.otherwise === null ? null : target(id, routing.otherwise))
    // `{"if": [x]}` would return x itself: fine, but a bare value reads more plainly.
    logic = chain.length === 1 ? chain[0] : { if: chain }
  }
  memo.set(id, logic)
  return logic
}
