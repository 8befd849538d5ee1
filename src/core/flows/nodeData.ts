import type { Group } from '../logic/types'
import type { ActionNodeData, EntryNodeData, RandomSplitNodeData } from './types'

// Copies of node data with exactly the known keys (for files and stored documents): optional keys
// are written only when set, so flows saved before the new node fields existed stay byte-identical.

/** Entry data with only known keys; `cleanRule` copies the inline rule. */
export function cleanEntryData(d: EntryNodeData, cleanRule: (g: Group) => Group): EntryNodeData {
  const out: EntryNodeData = { segmentId: d.segmentId }
  if (d.rule) out.rule = cleanRule(d.rule)
  return out
}

/** Action data with only known keys. */
export function cleanActionData(d: ActionNodeData): ActionNodeData {
  const out: ActionNodeData = { name: d.name, channel: d.channel, offer: d.offer }
  if (d.costPerCustomer !== undefined) out.costPerCustomer = d.costPerCustomer
  if (d.valuePerCustomer !== undefined) out.valuePerCustomer = d.valuePerCustomer
  return out
}

/** Random-split data with only known keys. */
export function cleanRandomData(d: RandomSplitNodeData): RandomSplitNodeData {
  return {
    seed: d.seed,
    idField: d.idField,
    branches: d.branches.map((b) => (b.control ? { id: b.id, label: b.label, basisPoints: b.basisPoints, control: true } : { id: b.id, label: b.label, basisPoints: b.basisPoints })),
  }
}
