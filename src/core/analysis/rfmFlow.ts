import { newActionNode, newEntryNode, newSplitNode } from '../flows/defaultFlow'
import type { Channel, FlowGraph, SplitBranch } from '../flows/types'
import { ELSE_HANDLE } from '../flows/types'
import { newId } from '../logic/tree'
import type { Group } from '../logic/types'
import { RFM_CLASSES } from '../derive/rfm'
import type { ValueFields } from './rfmFields'
import type { RfmMeans } from './rfmRules'
import { rfmClassRule } from './rfmRules'

/** One class of a strategy flow: its branch label and rule, and the action's name and offer text. */
export interface FlowClass {
  label: string
  rule: Group
  action: string
  offer: string
  channel?: Channel
}

/**
 * A strategy flow with one split: one branch per class (in order; classes are disjoint, so order does
 * not change who goes where) and one action per class carrying the class's strategy as its offer;
 * "everyone else" leads to `elseAction` (e.g. the customers who never bought).
 */
export function classFlowGraph(classes: readonly FlowClass[], elseAction: { name: string; offer: string; channel?: Channel }): FlowGraph {
  const entry = newEntryNode({ x: 0, y: 40 * classes.length })
  const branches: SplitBranch[] = classes.map((c) => ({ id: newId(), label: c.label, rule: c.rule }))
  const split = newSplitNode({ x: 320, y: 40 * classes.length }, branches)
  const actions = classes.map((c, k) => {
    const node = newActionNode({ x: 720, y: k * 110 }, c.action, c.channel ?? 'sms')
    return { ...node, data: { ...node.data, offer: c.offer } }
  })
  const other = newActionNode({ x: 720, y: classes.length * 110 }, elseAction.name, elseAction.channel ?? 'sms')
  const onElse = { ...other, data: { ...other.data, offer: elseAction.offer } }
  return {
    nodes: [entry, split, ...actions, onElse],
    edges: [
      { id: newId(), source: entry.id, sourceHandle: null, target: split.id },
      ...branches.map((b, k) => ({ id: newId(), source: split.id, sourceHandle: b.id, target: actions[k].id })),
      { id: newId(), source: split.id, sourceHandle: ELSE_HANDLE, target: onElse.id },
    ],
  }
}

/** Texts of the RFM flow: class k's name and strategy, and the no-purchase group's. */
export interface RfmFlowTexts {
  className: (k: number) => string
  strategy: (k: number) => string
  noPurchase: string
  noPurchaseStrategy: string
}

/**
 * The RFM strategy flow (DOMAIN.md "Customer value classification"): one branch per value class
 * against the buyers' `means` (rfmClassRule: the same thresholds as the RFM view's segments), each to
 * an action carrying the class's strategy; everyone else — the customers who never bought — to the
 * no-purchase strategy. Disjoint classes: branch order does not change who goes where.
 */
export function rfmFlowGraph(fields: ValueFields, means: RfmMeans, texts: RfmFlowTexts): FlowGraph {
  return classFlowGraph(RFM_CLASSES.map((_, k) => ({
    label: texts.className(k), rule: rfmClassRule(fields, means, k), action: texts.className(k), offer: texts.strategy(k),
  })), { name: texts.noPurchase, offer: texts.noPurchaseStrategy })
}
