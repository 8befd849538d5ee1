import { emptyGroup, newId } from '../logic/tree'
import type { ActionNode, EntryNode, FilterNode, RandomNode, SplitNode } from './graph'
import type { Channel, Flow, RandomBranch, SplitBranch, XY } from './types'
import { ELSE_HANDLE } from './types'

/** The channels an action can use, in the order the UI lists them. */
export const CHANNELS: readonly Channel[] = ['sms', 'email', 'wechat', 'app_push', 'coupon', 'call', 'none']

/** A branch with an empty rule (an empty group matches every customer it is offered). */
export function newBranch(label: string, id: string = newId()): SplitBranch {
  return { id, label, rule: emptyGroup() }
}

/** An entry node; `segmentId` null means all customers. */
export function newEntryNode(position: XY, segmentId: string | null = null, id: string = newId()): EntryNode {
  return { id, type: 'entry', position, data: { segmentId } }
}

/** A split node with the given branches. */
export function newSplitNode(position: XY, branches: SplitBranch[], id: string = newId()): SplitNode {
  return { id, type: 'split', position, data: { branches } }
}

/**
 * A random split: the given branches (e.g. 90 % treatment, 10 % control), hashing `idField` with
 * `seed` (see randomSplit.ts). A fresh random seed keeps two splits of one flow independent.
 */
export function newRandomNode(position: XY, idField: string, branches: RandomBranch[], seed: string = newId(), id: string = newId()): RandomNode {
  return { id, type: 'random', position, data: { seed, idField, branches } }
}

/** A random-split branch; `basisPoints` 1 % = 100. */
export function newRandomBranch(label: string, basisPoints: number, control = false, id: string = newId()): RandomBranch {
  return control ? { id, label, basisPoints, control } : { id, label, basisPoints }
}

/** A filter node with an empty rule (an empty group lets everyone pass). */
export function newFilterNode(position: XY, label: string, id: string = newId()): FilterNode {
  return { id, type: 'filter', position, data: { label, rule: emptyGroup() } }
}

/** An action node. */
export function newActionNode(position: XY, name: string, channel: Channel = 'sms', id: string = newId()): ActionNode {
  return { id, type: 'action', position, data: { name, channel, offer: '' } }
}

/** User-visible default names, in the UI's language (core knows no language). */
export interface DefaultFlowLabels {
  branch: string
  branchAction: string
  elseAction: string
}

export interface NewFlowMeta {
  ruleSetId: string
  name: string
  now: number
  id?: string
  /** The segment the flow starts from; absent or null: all customers. */
  segmentId?: string | null
}

/**
 * A new flow that already counts: entry (all customers, or `meta.segmentId`) → split with one branch → one action on the
 * branch and one on "everyone else", all connected, so the user sees numbers on every edge at once.
 */
export function createDefaultFlow(meta: NewFlowMeta, labels: DefaultFlowLabels): Flow {
  const entry = newEntryNode({ x: 0, y: 140 }, meta.segmentId ?? null)
  const branch = newBranch(labels.branch)
  const split = newSplitNode({ x: 320, y: 110 }, [branch])
  const onBranch = newActionNode({ x: 700, y: 0 }, labels.branchAction, 'coupon')
  const onElse = newActionNode({ x: 700, y: 260 }, labels.elseAction, 'sms')
  return {
    id: meta.id ?? newId(),
    ruleSetId: meta.ruleSetId,
    name: meta.name,
    createdAt: meta.now,
    updatedAt: meta.now,
    nodes: [entry, split, onBranch, onElse],
    edges: [
      { id: newId(), source: entry.id, sourceHandle: null, target: split.id },
      { id: newId(), source: split.id, sourceHandle: branch.id, target: onBranch.id },
      { id: newId(), source: split.id, sourceHandle: ELSE_HANDLE, target: onElse.id },
    ],
  }
}
