import type { FlowGraph, FlowIssue } from './types'
import type { FlowBranchChecks } from './flowChecks'
import type { FlowStructure } from './graph'
import { analyzeFlow, ENTRY_HANDLE, findCycles, reachableFrom } from './graph'
import { BUCKETS } from './randomSplit'
import { nodeSegmentRefs } from './flowSegmentRefs'

/**
 * Problems that make a flow route customers other than the user likely means: no entry or several,
 * an entry on (or a rule referring to) an unknown segment, a split without branches, a random split over 100 % (later branches
 * then get fewer customers than their share says), a branch (or the entry) whose handle has no
 * edge, an action no customer can reach, a cycle, and edges that route nobody (graph.ts).
 * The "everyone else" handle may stay unconnected: those customers get no action, a valid choice.
 * Finite on every graph (cycles included); issues come in graph order, entry problems first.
 */
export function validateFlow(graph: FlowGraph, segmentIds: readonly string[]): FlowIssue[] {
  const s = analyzeFlow(graph)
  return [
    ...entryIssues(graph, s, new Set(segmentIds)),
    ...refIssues(graph, new Set(segmentIds)),
    ...splitIssues(graph, s),
    ...unreachableIssues(graph, s),
    ...findCycles(s).map((ids): FlowIssue => ({ code: 'cycle', nodeId: ids[0], nodeIds: ids, params: { count: ids.length } })),
    ...s.problems.map((p): FlowIssue => ({
      code: p.code,
      nodeId: s.nodeById.has(p.edge.source) ? p.edge.source : undefined,
      edgeId: p.edge.id,
    })),
  ]
}

function entryIssues(graph: FlowGraph, s: FlowStructure, segmentIds: Set<string>): FlowIssue[] {
  const entries = graph.nodes.filter((n) => n.type === 'entry')
  if (entries.length === 0) return [{ code: 'no_entry' }]
  const issues: FlowIssue[] = entries
    .slice(1)
    .map((n) => ({ code: 'many_entries', nodeId: n.id, params: { count: entries.length } }))
  for (const n of entries) {
    if (n.type === 'entry' && n.data.segmentId !== null && !segmentIds.has(n.data.segmentId)) {
      issues.push({ code: 'unknown_segment', nodeId: n.id, params: { segmentId: n.data.segmentId } })
    }
    if (!s.out.get(n.id)?.has(ENTRY_HANDLE)) issues.push({ code: 'dangling_handle', nodeId: n.id, params: { handle: ENTRY_HANDLE, branch: '' } })
  }
  return issues
}

/** "In segment X" conditions in a node's rules whose segment does not exist (they select nobody). */
function refIssues(graph: FlowGraph, segmentIds: Set<string>): FlowIssue[] {
  return graph.nodes.flatMap((n) => nodeSegmentRefs(n).filter((id) => !segmentIds.has(id))
    .map((id): FlowIssue => ({ code: 'unknown_segment', nodeId: n.id, params: { segmentId: id } })))
}

function splitIssues(graph: FlowGraph, s: FlowStructure): FlowIssue[] {
  const issues: FlowIssue[] = []
  for (const n of graph.nodes) {
    if (n.type !== 'split' && n.type !== 'random') continue
    if (n.data.branches.length === 0) issues.push({ code: 'split_without_branches', nodeId: n.id })
    if (n.type === 'random') {
      const total = n.data.branches.reduce((sum, b) => sum + b.basisPoints, 0)
      if (total > BUCKETS) issues.push({ code: 'random_over_total', nodeId: n.id, params: { percent: total / 100 } })
    }
    for (const b of n.data.branches) {
      if (!s.out.get(n.id)?.has(b.id)) issues.push({ code: 'dangling_handle', nodeId: n.id, params: { handle: b.id, branch: b.label } })
    }
  }
  return issues
}

function unreachableIssues(graph: FlowGraph, s: FlowStructure): FlowIssue[] {
  const reached = s.entry ? reachableFrom(s, s.entry.id) : new Set<string>()
  return graph.nodes
    .filter((n) => n.type === 'action' && !reached.has(n.id))
    .map((n) => ({ code: 'unreachable_action', nodeId: n.id, params: { name: n.type === 'action' ? n.data.name : '' } }))
}

/**
 * Issues from the worker's branch checks (flowChecks.ts), in graph and branch order:
 * `overlapping_branches` for a branch whose rule also matches customers an earlier branch took
 * (params: branch label, count), `empty_branch` for a branch that takes nobody although the split
 * receives customers (a split nobody reaches is an upstream problem, not each branch's).
 */
export function branchCheckIssues(graph: FlowGraph, checks: FlowBranchChecks | null): FlowIssue[] {
  if (!checks) return []
  const issues: FlowIssue[] = []
  for (const n of graph.nodes) {
    const check = n.type === 'split' ? checks[n.id] : undefined
    if (!check || n.type !== 'split') continue
    for (const b of check.branches) {
      const branch = n.data.branches.find((x) => x.id === b.branchId)
      if (!branch) continue
      if (b.overlap > 0) issues.push({ code: 'overlapping_branches', nodeId: n.id, params: { branch: branch.label, count: b.overlap } })
      if (b.customers === 0 && check.input > 0) issues.push({ code: 'empty_branch', nodeId: n.id, params: { branch: branch.label } })
    }
  }
  return issues
}
