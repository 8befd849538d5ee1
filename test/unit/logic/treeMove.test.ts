import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import {
  canMove, canOutdent, groupAbove, indentNode, moveNode, moveToSlot, outdentNode, pathOf,
} from '../../../src/core/logic/tree'
import { toJsonLogic } from '../../../src/core/logic/toJsonLogic'
import type { Condition, Group, RuleNode } from '../../../src/core/logic/types'
import { groupArb } from './arbitraries'

const c = (id: string): Condition => ({ kind: 'condition', id, field: 'age', op: 'ge', value: id.length })
const g = (id: string, children: RuleNode[] = []): Group => ({ kind: 'group', id, combinator: 'and', children })
// root ─ a
//      ├ g1 ─ b
//      │    └ g2 ─ d
//      └ e
const sample = (): Group => g('root', [c('a'), g('g1', [c('b'), g('g2', [c('d')])]), c('e')])
const shape = (n: RuleNode): unknown => (n.kind === 'group' ? { [n.id]: n.children.map(shape) } : n.id)

// ---- A naive model, written independently of tree.ts: mutate a JSON copy with plain loops. ----

type Plain = Group
// structuredClone, not JSON: a JSON copy would turn a value of -0 into 0.
const copy = (root: Group): Plain => structuredClone(root) as Plain

function allNodes(n: RuleNode, out: RuleNode[] = []): RuleNode[] {
  out.push(n)
  if (n.kind === 'group') for (const k of n.children) allNodes(k, out)
  return out
}
const idsOf = (root: Group) => allNodes(root).map((n) => n.id).sort()

/** [parent, index] of `id`, by a plain walk. */
function locate(n: RuleNode, id: string): [Group, number] | undefined {
  if (n.kind !== 'group') return undefined
  for (let i = 0; i < n.children.length; i++) {
    if (n.children[i].id === id) return [n, i]
    const hit = locate(n.children[i], id)
    if (hit) return hit
  }
  return undefined
}

/** The naive move: cut the node out of a copy, then splice it into the target at the clamped index. */
function naiveMove(root: Group, id: string, target: string, index: number): Group {
  const t = copy(root)
  const [parent, i] = locate(t, id)!
  const [node] = parent.children.splice(i, 1)
  const dest = allNodes(t).find((n) => n.id === target) as Group
  dest.children.splice(Math.min(Math.max(index, 0), dest.children.length), 0, node)
  return t
}

const unique = (root: Group) => new Set(idsOf(root)).size === idsOf(root).length

/** A tree plus a node, a target group and an index picked from it. */
const moveCase = fc.tuple(groupArb, fc.nat(), fc.nat(), fc.nat({ max: 6 })).map(([root, k, j, index]) => {
  const nodes = allNodes(root)
  const groups = nodes.filter((n): n is Group => n.kind === 'group')
  return { root, node: nodes[k % nodes.length], target: groups[j % groups.length], index }
})

describe('moveNode: properties against a naive rebuild', () => {
  it('never loses or duplicates a node, matches the naive move, and refuses illegal moves', () => {
    fc.assert(fc.property(moveCase, ({ root, node, target, index }) => {
      fc.pre(unique(root))
      const before = JSON.stringify(root)
      const illegal = node.id === root.id || allNodes(node).some((n) => n.id === target.id)
      expect(canMove(root, node.id, target.id)).toBe(!illegal)
      if (illegal) {
        expect(() => moveNode(root, node.id, target.id, index)).toThrow()
        return
      }
      const moved = moveNode(root, node.id, target.id, index)
      const naive = naiveMove(root, node.id, target.id, index)
      expect(idsOf(moved)).toEqual(idsOf(root))
      expect(toJsonLogic(moved)).toEqual(toJsonLogic(naive))
      expect(moved).toEqual(naive)
      expect(JSON.stringify(root)).toBe(before) // the old root is untouched
    }), { numRuns: 400 })
  })

  it('moveToSlot counts slots before the move: the node lands just before the child that was at the slot', () => {
    fc.assert(fc.property(moveCase, ({ root, node, target, index }) => {
      fc.pre(unique(root) && canMove(root, node.id, target.id))
      const slot = Math.min(index, target.children.length)
      const moved = moveToSlot(root, node.id, target.id, slot)
      const after = target.children[slot]
      const [parent, at] = locate(moved, node.id)!
      expect(parent.id).toBe(target.id)
      if (after && after.id !== node.id) expect(parent.children[at + 1].id).toBe(after.id)
      else if (!after) expect(at).toBe(parent.children.length - 1)
      expect(idsOf(moved)).toEqual(idsOf(root))
    }), { numRuns: 300 })
  })

  it('outdent and indent are inverse where both apply, and keep every node', () => {
    fc.assert(fc.property(moveCase, ({ root, node }) => {
      fc.pre(unique(root) && node.id !== root.id)
      if (canOutdent(root, node.id)) {
        const out = outdentNode(root, node.id)
        const [oldParent] = locate(root, node.id)!
        const [parent, at] = locate(out, node.id)!
        expect(parent.children[at - 1].id).toBe(oldParent.id) // right after its old group
        expect(idsOf(out)).toEqual(idsOf(root))
        // Moving back in: the old group is now right above it; it becomes its last child.
        const back = indentNode(out, node.id)
        expect(locate(back, node.id)![0].id).toBe(oldParent.id)
      } else {
        expect(() => outdentNode(root, node.id)).toThrow()
      }
      const above = groupAbove(root, node.id)
      if (above) expect(indentNode(root, node.id)).toEqual(naiveMove(root, node.id, above.id, above.children.length))
      else expect(() => indentNode(root, node.id)).toThrow()
    }), { numRuns: 300 })
  })
})

describe('moves on a fixed tree', () => {
  it('moveNode index is the position after removal', () => {
    expect(shape(moveNode(sample(), 'a', 'root', 1))).toEqual({ root: [{ g1: ['b', { g2: ['d'] }] }, 'a', 'e'] })
    expect(shape(moveNode(sample(), 'a', 'root', 2))).toEqual({ root: [{ g1: ['b', { g2: ['d'] }] }, 'e', 'a'] })
    expect(shape(moveNode(sample(), 'e', 'g2', 0))).toEqual({ root: ['a', { g1: ['b', { g2: ['e', 'd'] }] }] })
  })

  it('moveToSlot index is the drop slot before removal', () => {
    expect(shape(moveToSlot(sample(), 'a', 'root', 2))).toEqual({ root: [{ g1: ['b', { g2: ['d'] }] }, 'a', 'e'] })
    expect(shape(moveToSlot(sample(), 'a', 'root', 3))).toEqual({ root: [{ g1: ['b', { g2: ['d'] }] }, 'e', 'a'] })
    expect(shape(moveToSlot(sample(), 'e', 'root', 0))).toEqual({ root: ['e', 'a', { g1: ['b', { g2: ['d'] }] }] })
  })

  it('refuses the root, unknown ids, conditions as targets and a group into its own subtree', () => {
    const root = sample()
    expect(() => moveNode(root, 'root', 'g1', 0)).toThrow()
    expect(() => moveNode(root, 'nope', 'g1', 0)).toThrow()
    expect(() => moveNode(root, 'a', 'b', 0)).toThrow(/not found/)
    expect(() => moveNode(root, 'g1', 'g2', 0)).toThrow(/itself/)
    expect(canMove(root, 'g1', 'g1')).toBe(false)
    expect(canMove(root, 'g2', 'root')).toBe(true)
  })

  it('outdents to just after the group and indents into the group above', () => {
    const root = sample()
    expect(shape(outdentNode(root, 'b'))).toEqual({ root: ['a', { g1: [{ g2: ['d'] }] }, 'b', 'e'] })
    expect(shape(outdentNode(root, 'd'))).toEqual({ root: ['a', { g1: ['b', { g2: [] }, 'd'] }, 'e'] })
    expect(() => outdentNode(root, 'a')).toThrow(/nested/)
    expect(canOutdent(root, 'a')).toBe(false)
    expect(shape(indentNode(root, 'e'))).toEqual({ root: ['a', { g1: ['b', { g2: ['d'] }, 'e'] }] })
    expect(groupAbove(root, 'a')).toBeUndefined()
    expect(() => indentNode(root, 'g1')).toThrow(/no group above/) // 'a' above is a condition
  })

  it('pathOf gives the editor path of any node', () => {
    const root = sample()
    expect(pathOf(root, 'root')).toBe('1')
    expect(pathOf(root, 'e')).toBe('1.3')
    expect(pathOf(root, 'd')).toBe('1.2.2.1')
    expect(pathOf(root, 'nope')).toBeUndefined()
  })
})
