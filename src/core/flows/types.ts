import type { Group } from '../logic/types'

export interface XY { x: number; y: number }

export interface EntryNodeData {
  /** `null` = all customers; otherwise the id of a segment of the same rule set. */
  segmentId: string | null
}

export interface SplitBranch {
  /** Also the id of the source handle the branch's edge leaves from. */
  id: string
  label: string
  rule: Group
}

export interface SplitNodeData {
  /** Evaluated in order: a customer takes the first branch that matches, else the `else` handle. */
  branches: SplitBranch[]
}

export type Channel = 'sms' | 'email' | 'wechat' | 'app_push' | 'coupon' | 'call'

export interface ActionNodeData {
  name: string
  channel: Channel
  offer: string
}

export type FlowNode =
  | { id: string; type: 'entry'; position: XY; data: EntryNodeData }
  | { id: string; type: 'split'; position: XY; data: SplitNodeData }
  | { id: string; type: 'action'; position: XY; data: ActionNodeData }

/** The split's "everyone else" handle id. */
export const ELSE_HANDLE = 'else'

export interface FlowEdge {
  id: string
  source: string
  /** For split sources: a branch id or ELSE_HANDLE. Entry and action nodes have one handle (undefined/null). */
  sourceHandle?: string | null
  target: string
}

export interface FlowGraph {
  nodes: FlowNode[]
  edges: FlowEdge[]
}

export interface Flow extends FlowGraph {
  id: string
  ruleSetId: string
  name: string
  createdAt: number
  updatedAt: number
}

export interface FlowIssue {
  code:
    | 'no_entry' | 'many_entries' | 'unreachable_action' | 'cycle' | 'split_without_branches' | 'dangling_handle' | 'unknown_segment'
    // Added by the flows module: edges that cannot route anyone (see core/flows/graph.ts).
    | FlowEdgeIssueCode
  nodeId?: string
  /** Every node concerned, when several are (a cycle). */
  nodeIds?: string[]
  /** The edge concerned, for edge issues. */
  edgeId?: string
  /** Parameters for the i18n message. */
  params?: Record<string, string | number>
}

/**
 * Edges that route nobody: a missing node or handle (`broken_edge`), an edge leaving an action
 * (actions are terminal) or entering an entry, and every edge after the first one from the same handle
 * (a customer takes exactly one path, so one handle feeds one edge).
 */
export type FlowEdgeIssueCode = 'broken_edge' | 'edge_from_action' | 'edge_into_entry' | 'duplicate_handle_edge'

/** Customers per edge and per node of a flow (see computeFlowCounts.ts). */
export interface FlowCounts {
  edges: Record<string, number>
  nodes: Record<string, number>
}
