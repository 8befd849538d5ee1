import type { FieldMeta, FieldType } from '../fields/types'
import { defaultValue } from './defaultValue'
import type { Condition, Group, JsonLogic, Operator, RuleNode } from './types'

// Helpers for editing a rule tree without mutating it: every edit returns a new root that shares
// the untouched subtrees with the old one (path copying). Vue's reactive proxies cannot be
// structuredClone'd, so nothing here clones wholesale.

/** A fresh node id (random UUID where available). */
export function newId(): string {
  const c = globalThis.crypto
  if (c && typeof c.randomUUID === 'function') return c.randomUUID()
  return `n${Date.now().toString(36)}${Math.random().toString(36).slice(2, 10)}`
}

/** An empty group: it selects everyone. */
export function emptyGroup(combinator: 'and' | 'or' = 'and'): Group {
  return { kind: 'group', id: newId(), combinator, children: [] }
}

/** The operator a new condition starts with, per field type: the most common question. */
export const DEFAULT_OPERATOR: Readonly<Record<FieldType, Operator>> = {
  number: 'ge',
  text: 'contains',
  category: 'any_of',
  boolean: 'is_true',
  date: 'in_last_days',
  list: 'any_of',
}

/** A condition on `field` with the type's default operator and value. */
export function newCondition(field: FieldMeta): Condition {
  const op = DEFAULT_OPERATOR[field.type]
  const c: Condition = { kind: 'condition', id: newId(), field: field.name, op, fieldType: field.type }
  const value = defaultValue(op, field)
  if (value !== undefined) c.value = value
  return c
}

/** The node with `id` (the root included), or undefined. */
export function findNode(root: RuleNode, id: string): RuleNode | undefined {
  if (root.id === id) return root
  if (root.kind !== 'group') return undefined
  for (const child of root.children) {
    const hit = findNode(child, id)
    if (hit) return hit
  }
  return undefined
}

/** The group whose children include `id`, or undefined (for the root or an unknown id). */
export function findParent(root: Group, id: string): Group | undefined {
  for (const child of root.children) {
    if (child.id === id) return root
    if (child.kind === 'group') {
      const hit = findParent(child, id)
      if (hit) return hit
    }
  }
  return undefined
}

/** Copies the path from `root` to group `groupId` and replaces that group with `edit(group)`. */
function editGroup(root: Group, groupId: string, edit: (g: Group) => Group): Group {
  if (root.id === groupId) return edit(root)
  let changed = false
  const children = root.children.map((child) => {
    if (changed || child.kind !== 'group' || !findNode(child, groupId)) return child
    changed = true
    return editGroup(child, groupId, edit)
  })
  if (!changed) throw new Error(`group ${groupId} not found`)
  return { ...root, children }
}

/** Inserts `node` into group `parentId` at `index` (default: at the end). */
export function addChild(root: Group, parentId: string, node: RuleNode, index?: number): Group {
  const parent = findNode(root, parentId)
  if (!parent || parent.kind !== 'group') throw new Error(`group ${parentId} not found`)
  return editGroup(root, parentId, (g) => {
    const children = [...g.children]
    const at = index === undefined ? children.length : Math.max(0, Math.min(index, children.length))
    children.splice(at, 0, node)
    return { ...g, children }
  })
}

/** Removes node `id` and its subtree. The root cannot be removed. */
export function removeNode(root: Group, id: string): Group {
  const parent = findParent(root, id)
  if (!parent) throw new Error(root.id === id ? 'cannot remove the root group' : `node ${id} not found`)
  return editGroup(root, parent.id, (g) => ({ ...g, children: g.children.filter((c) => c.id !== id) }))
}

/**
 * Whether node `nodeId` may move into group `targetGroupId`: both exist, the node is not the root,
 * the target is a group, and it is neither the node itself nor inside it.
 */
export function canMove(root: Group, nodeId: string, targetGroupId: string): boolean {
  const node = findNode(root, nodeId)
  const target = findNode(root, targetGroupId)
  if (!node || node === root || !target || target.kind !== 'group') return false
  return !findNode(node, targetGroupId)
}

/**
 * Moves node `nodeId` into group `newParentId` at `index`, its position after the move: the node is
 * first taken out, then inserted at `index` (clamped to 0…length) among the target's remaining
 * children. So within one group, `index` 0 makes it first and `children.length - 1` makes it last.
 * Refuses (throws) the root, unknown ids, a non-group target, and a group moving into itself or its
 * own descendants (see canMove).
 */
export function moveNode(root: Group, nodeId: string, newParentId: string, index: number): Group {
  const node = findNode(root, nodeId)
  if (!node || node === root) throw new Error(`cannot move node ${nodeId}`)
  if (findNode(node, newParentId)) throw new Error('cannot move a group into itself')
  if (!canMove(root, nodeId, newParentId)) throw new Error(`group ${newParentId} not found`)
  return addChild(removeNode(root, nodeId), newParentId, node, index)
}

/**
 * Moves node `nodeId` to drop slot `slot` of group `groupId`, where slots are counted in the group
 * as it is now, before the move (slot k = just before its child k; slot length = at the end). This is
 * what a drop between two rows means; moveNode's index is after removal, hence the shift by one
 * when the node leaves an earlier position of the same group.
 */
export function moveToSlot(root: Group, nodeId: string, groupId: string, slot: number): Group {
  const parent = findParent(root, nodeId)
  const from = parent && parent.id === groupId ? parent.children.findIndex((c) => c.id === nodeId) : -1
  return moveNode(root, nodeId, groupId, from >= 0 && from < slot ? slot - 1 : slot)
}

/** Whether node `id` sits in a nested group, so that outdentNode can take it out. */
export function canOutdent(root: Group, id: string): boolean {
  const parent = findParent(root, id)
  return !!parent && parent !== root
}

/** Moves node `id` out of its group to just after that group, in the group's own parent. */
export function outdentNode(root: Group, id: string): Group {
  const parent = findParent(root, id)
  const grand = parent ? findParent(root, parent.id) : undefined
  if (!parent || !grand) throw new Error(`node ${id} is not in a nested group`)
  return moveToSlot(root, id, grand.id, grand.children.findIndex((c) => c.id === parent.id) + 1)
}

/** The group right above node `id` among its siblings, into which indentNode moves it, if any. */
export function groupAbove(root: Group, id: string): Group | undefined {
  const parent = findParent(root, id)
  const i = parent ? parent.children.findIndex((c) => c.id === id) : -1
  const above = i > 0 ? parent?.children[i - 1] : undefined
  return above?.kind === 'group' ? above : undefined
}

/**
 * Moves node `id` into the sibling group just above it, as that group's last child. (No group is
 * created: to wrap a node in a new group, add a group and indent the node into it.)
 */
export function indentNode(root: Group, id: string): Group {
  const target = groupAbove(root, id)
  if (!target) throw new Error(`no group above node ${id}`)
  return moveNode(root, id, target.id, target.children.length)
}

/** The node's position as the editor labels it: "1" for the root, "1.2.1" for the first child of its second child. */
export function pathOf(root: Group, id: string): string | undefined {
  if (root.id === id) return '1'
  for (const [i, child] of root.children.entries()) {
    if (child.id === id) return `1.${i + 1}`
    const sub = child.kind === 'group' ? pathOf(child, id) : undefined
    if (sub) return `1.${i + 1}${sub.slice(1)}`
  }
  return undefined
}

/** A copy of `node` and its subtree with fresh ids everywhere (so breakdown counts do not collide). */
export function withFreshIds<T extends RuleNode>(node: T, makeId: () => string = newId): T {
  if (node.kind !== 'group') return { ...node, id: makeId() }
  return { ...node, id: makeId(), children: node.children.map((c) => withFreshIds(c, makeId)) }
}

/**
 * Inserts a copy of node `id` (fresh ids throughout) right after it in its group.
 * Returns the new root and the copy's id. The root cannot be duplicated.
 */
export function duplicateNode(root: Group, id: string, makeId: () => string = newId): { root: Group; id: string } {
  const parent = findParent(root, id)
  if (!parent) throw new Error(root.id === id ? 'cannot duplicate the root group' : `node ${id} not found`)
  const index = parent.children.findIndex((c) => c.id === id)
  const copy = withFreshIds(parent.children[index], makeId)
  return { root: addChild(root, parent.id, copy, index + 1), id: copy.id }
}

/** The fields a patch may change; `kind`, `id` and (for groups) `children` stay. */
export type NodePatch = Partial<Omit<Condition, 'kind' | 'id'>> &
  Partial<Omit<Group, 'kind' | 'id' | 'children'>> & { logic?: JsonLogic }

/** Applies `patch` to node `id` (a condition's field/op/value, a group's combinator/not, …). */
export function updateNode(root: Group, id: string, patch: NodePatch): Group {
  const clean: Record<string, unknown> = { ...patch }
  delete clean.kind
  delete clean.id
  delete clean.children
  if (root.id === id) return { ...root, ...clean } as Group
  const parent = findParent(root, id)
  if (!parent) throw new Error(`node ${id} not found`)
  return editGroup(root, parent.id, (g) => ({
    ...g,
    children: g.children.map((c) => (c.id === id ? ({ ...c, ...clean } as RuleNode) : c)),
  }))
}

/** Row-level `var` paths of JSON-logic, skipping the element scope of filter/map/all/some/…. */
function collectVars(logic: JsonLogic, out: string[]): void {
  if (Array.isArray(logic)) {
    for (const x of logic) collectVars(x, out)
    return
  }
  if (typeof logic !== 'object' || logic === null) return
  for (const [op, args] of Object.entries(logic)) {
    const list = Array.isArray(args) ? args : [args]
    if (op === 'var' && (typeof list[0] === 'string' || typeof list[0] === 'number')) out.push(String(list[0]))
    else if (['filter', 'map', 'reduce', 'all', 'some', 'none'].includes(op)) collectVars(list[0] ?? null, out)
    else collectVars(list, out)
  }
}

/** Names of the fields a rule reads, in order of first use (advanced blocks and compared fields included). */
export function fieldsUsed(group: Group): string[] {
  const names: string[] = []
  const visit = (n: RuleNode): void => {
    if (n.kind === 'condition') {
      names.push(n.field)
      // A field-vs-field comparison reads the other field too.
      const v = n.value
      if (typeof v === 'object' && v !== null && !Array.isArray(v)) names.push(v.field)
    } else if (n.kind === 'group') n.children.forEach(visit)
    else if (n.kind === 'advanced') collectVars(n.logic, names)
    // A segment reference reads what the referenced segment reads: its own rule lists those fields.
  }
  visit(group)
  // var paths may reach into a value ("tags.0"); the field is the first segment.
  return [...new Set(names.map((p) => p.split('.')[0]).filter((p) => p !== ''))]
}

/** null: same; an id: only that condition's value differs; false: anything else differs. */
function valueDiff(a: RuleNode, b: RuleNode): string | null | false {
  if (a === b) return null
  if (a.kind !== b.kind || a.id !== b.id) return false
  if (a.kind === 'condition' && b.kind === 'condition') {
    const same = a.field === b.field && a.op === b.op && a.fieldType === b.fieldType && !!a.disabled === !!b.disabled
    return same ? a.id : false
  }
  if (a.kind !== 'group' || b.kind !== 'group') return false
  if (a.combinator !== b.combinator || !!a.not !== !!b.not || !!a.disabled !== !!b.disabled) return false
  if (a.children.length !== b.children.length) return false
  let hit: string | null = null
  for (let i = 0; i < a.children.length; i++) {
    const d = valueDiff(a.children[i], b.children[i])
    if (d === false || (d !== null && hit !== null)) return false
    if (d !== null) hit = d
  }
  return hit
}

/**
 * The id of the one condition whose value alone differs between two versions of a rule, else
 * undefined. Lets the undo history count typing into one value box as one step.
 */
export function valueEditOf(before: Group, after: Group): string | undefined {
  const d = valueDiff(before, after)
  return typeof d === 'string' ? d : undefined
}
