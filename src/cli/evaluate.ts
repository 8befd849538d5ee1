import type { Bitset } from '../core/engine/bitset'
import type { ColumnarTable, RowValue } from '../core/engine/columns'
import { Engine } from '../core/engine/evaluate'
import { memberIds } from '../core/engine/query'
import { computeFlowCounts } from '../core/flows/computeFlowCounts'
import { validateFlow } from '../core/flows/validateFlow'
import type { RulesFile } from '../core/io/readRules'
import type { ImportIssue } from '../core/io/types'
import type { JsonLogic } from '../core/logic/types'

export interface SegmentResult {
  name: string
  count: number
  /** count / customers (0 without customers). */
  share: number
  /** Member ids in row order, when asked for. */
  members?: RowValue[]
}

export interface FlowResult {
  name: string
  /** Customers entering the flow. */
  audience: number
  actions: { name: string; count: number; share: number }[]
}

export interface Evaluation {
  customers: number
  segments: SegmentResult[]
  flows?: FlowResult[]
  /** Flow problems worth telling (dangling branches, unreachable actions …). */
  warnings: ImportIssue[]
}

const shareOf = (count: number, total: number): number => (total === 0 ? 0 : count / total)

/**
 * Evaluates every segment of `rules` on `table` with the engine (as of `asOf`), and for a rule set
 * routes every flow with computeFlowCounts, the count the app shows on each action.
 */
export function evaluateRules(
  table: ColumnarTable,
  rules: RulesFile,
  opts: { asOf: number; idField: string; members: boolean },
): Evaluation {
  const engine = new Engine(table, { asOf: opts.asOf })
  const n = table.rowCount
  const segments = rules.segments.map((s): SegmentResult => {
    const bits = engine.evaluate(s.logic)
    const count = bits.count()
    return { name: s.name, count, share: shareOf(count, n), ...(opts.members ? { members: memberIds(table, bits, opts.idField) } : {}) }
  })
  if (!rules.ruleSet) return { customers: n, segments, warnings: [] }
  const evaluate = (logic: JsonLogic): Bitset => engine.evaluate(logic)
  const segmentLogic: Record<string, JsonLogic> = Object.fromEntries(rules.ruleSet.segments.map((s) => [s.id, s.logic]))
  const warnings: ImportIssue[] = []
  const flows = rules.ruleSet.flows.map((flow, i): FlowResult => {
    for (const issue of validateFlow(flow, Object.keys(segmentLogic))) {
      warnings.push({
        file: rules.fileName, path: `$.flows[${i}]`, code: issue.code,
        reason: `flow "${flow.name}": ${issue.code.replace(/_/g, ' ')}${issue.nodeId ? ` (node "${issue.nodeId}")` : ''}`,
      })
    }
    const counts = computeFlowCounts(flow, evaluate, n, segmentLogic)
    const entry = flow.nodes.find((node) => node.type === 'entry')
    const actions = flow.nodes.flatMap((node) => node.type !== 'action' ? [] : [{
      name: node.data.name, count: counts.nodes[node.id], share: shareOf(counts.nodes[node.id], n),
    }])
    return { name: flow.name, audience: entry ? counts.nodes[entry.id] : 0, actions }
  })
  return { customers: n, segments, flows, warnings }
}
