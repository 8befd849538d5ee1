import type { MeasureStats } from '../engine/measure'
import type { Group } from '../logic/types'

export interface XY { x: number; y: number }

export interface EntryNodeData {
  /** `null` = all customers; otherwise the id of a segment of the same rule set. */
  segmentId: string | null
  /**
   * An inline rule (a builder group edited in the node panel). Used only when `segmentId` is null and
   * the rule is present; absent or null with `segmentId` null: all customers.
   */
  rule?: Group | null
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

export interface RandomBranch {
  /** Also the id of the source handle the branch's edge leaves from. */
  id: string
  label: string
  /** Share of the audience in basis points (1 % = 100); branches take consecutive bucket ranges. */
  basisPoints: number
  /** Marks the control group (receives no treatment; kept for measuring lift). */
  control?: boolean
}

/** A split by a deterministic hash of the customer id (see randomSplit.ts); buckets beyond the branches go to `else`. */
export interface RandomSplitNodeData {
  seed: string
  /** The customer id field the hash reads (the dataset's id field). */
  idField: string
  branches: RandomBranch[]
}

/** Only customers matching the rule pass on (one source handle); the others leave the flow. */
export interface FilterNodeData {
  label: string
  rule: Group
}

/** `none`: no contact — a holdout (control group) kept only to measure the others' lift. */
export type Channel = 'sms' | 'email' | 'wechat' | 'app_push' | 'coupon' | 'call' | 'none'

export interface ActionNodeData {
  name: string
  channel: Channel
  offer: string
  /** Cost per customer reached (currency units); absent = 0. */
  costPerCustomer?: number
  /** Expected value per customer reached (currency units); absent = 0. */
  valuePerCustomer?: number
}

export type FlowNode =
  | { id: string; type: 'entry'; position: XY; data: EntryNodeData }
  | { id: string; type: 'split'; position: XY; data: SplitNodeData }
  | { id: string; type: 'action'; position: XY; data: ActionNodeData }
  | { id: string; type: 'random'; position: XY; data: RandomSplitNodeData }
  | { id: string; type: 'filter'; position: XY; data: FilterNodeData }

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
    // Random splits (flow nodes of issue 8): branch shares adding up to more than 100 %.
    | 'random_over_total'
    // Added by the flows module: edges that cannot route anyone (see core/flows/graph.ts).
    | FlowEdgeIssueCode
    // Need customer data, counted in the worker (see core/flows/flowChecks.ts).
    | 'overlapping_branches' | 'empty_branch'
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
  /** Per node, the measure summed over its customers, when a measure field was asked for. */
  measures?: Record<string, MeasureStats>
}
