import type { InjectionKey, Ref } from 'vue'
import { indentNode, moveToSlot, outdentNode, findParent } from '@/core/logic/tree'
import type { Group } from '@/core/logic/types'

/** MIME type carried by a field dragged from the field panel into a condition group. */
export const FIELD_DRAG_TYPE = 'application/x-segmentflow-field'
/** MIME type carried by a condition or group dragged by its handle; the data is the node id. */
export const NODE_DRAG_TYPE = 'application/x-segmentflow-node'

/** A move of one node anywhere in the tree: to a drop slot, one step up/down, out of or into a group. */
export type TreeMove =
  | { kind: 'slot'; nodeId: string; groupId: string; slot: number }
  | { kind: 'by'; nodeId: string; delta: -1 | 1 }
  | { kind: 'outdent'; nodeId: string }
  | { kind: 'indent'; nodeId: string }

/** The new root after `m` (throws when the move is impossible, like the core functions). */
export function applyMove(root: Group, m: TreeMove): Group {
  if (m.kind === 'slot') return moveToSlot(root, m.nodeId, m.groupId, m.slot)
  if (m.kind === 'outdent') return outdentNode(root, m.nodeId)
  if (m.kind === 'indent') return indentNode(root, m.nodeId)
  const parent = findParent(root, m.nodeId)
  const i = parent ? parent.children.findIndex((c) => c.id === m.nodeId) : -1
  if (!parent || i + m.delta < 0 || i + m.delta >= parent.children.length) throw new Error('cannot move there')
  // Slots count before the move: one down means "before the child after next".
  return moveToSlot(root, m.nodeId, parent.id, m.delta < 0 ? i - 1 : i + 2)
}

/**
 * Provided by the root RuleGroupEditor to every nested editor: moves apply to the whole tree and
 * reach the outside as one update (one undo step). Drag state is shared so that only the innermost
 * group under the pointer shows an insertion line.
 */
export interface TreeMoves {
  root: () => Group
  /** Id of the node being dragged by its handle, while a drag is on. */
  dragging: Ref<string | null>
  /** Id of the group that shows the insertion line, and the slot it shows it at. */
  dropTarget: Ref<{ groupId: string; slot: number } | null>
  /** Applies the move; afterwards focuses the moved node's first control matching `focus`. False if impossible. */
  move: (m: TreeMove, ...focus: string[]) => boolean
}

export const TREE_MOVES: InjectionKey<TreeMoves> = Symbol('treeMoves')
