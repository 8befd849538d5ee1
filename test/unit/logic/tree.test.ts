import { describe, expect, it } from 'vitest'
import type { FieldMeta } from '../../../src/core/fields/types'
import { operatorFits, valueFitsOperator } from '../../../src/core/logic/operators'
import {
  addChild, emptyGroup, fieldsUsed, findNode, findParent, moveNode, newCondition, newId, removeNode, updateNode,
} from '../../../src/core/logic/tree'
import type { Condition, Group } from '../../../src/core/logic/types'

const c = (id: string, field = 'age'): Condition => ({ kind: 'condition', id, field, op: 'eq', value: 1 })
const g = (id: string, children: Group['children'] = [], combinator: 'and' | 'or' = 'and'): Group => ({ kind: 'group', id, combinator, children })

// root ─ a
//      └ g1 ─ b
//           └ g2 ─ d
const sample = (): Group => g('root', [c('a'), g('g1', [c('b', 'city'), g('g2', [c('d', 'tier')])], 'or')])
const ids = (grp: Group): unknown => grp.children.map((n) => (n.kind === 'group' ? { [n.id]: ids(n) } : n.id))

describe('constructors', () => {
  it('newId is unique', () => {
    const all = new Set(Array.from({ length: 1000 }, newId))
    expect(all.size).toBe(1000)
  })

  it('emptyGroup selects everyone and takes a combinator', () => {
    expect(emptyGroup()).toMatchObject({ kind: 'group', combinator: 'and', children: [] })
    expect(emptyGroup('or').combinator).toBe('or')
  })

  it('newCondition picks an operator of the field type with a fitting value, and records the type', () => {
    const types: FieldMeta['type'][] = ['number', 'text', 'category', 'boolean', 'date', 'list']
    for (const type of types) {
      const cond = newCondition({ name: `f_${type}`, type })
      expect(cond).toMatchObject({ kind: 'condition', field: `f_${type}`, fieldType: type })
      expect(operatorFits(cond.op, type)).toBe(true)
      expect(valueFitsOperator(cond.op, cond.value)).toBe(true)
    }
  })
})

describe('finding', () => {
  it('finds nodes and parents anywhere', () => {
    const root = sample()
    expect(findNode(root, 'd')).toMatchObject({ id: 'd' })
    expect(findNode(root, 'root')).toBe(root)
    expect(findNode(root, 'nope')).toBeUndefined()
    expect(findParent(root, 'd')?.id).toBe('g2')
    expect(findParent(root, 'root')).toBeUndefined()
  })
})

describe('editing returns a new root and leaves the old one untouched', () => {
  it('addChild inserts at an index or at the end', () => {
    const root = sample()
    const before = JSON.stringify(root)
    const r1 = addChild(root, 'g1', c('x'), 0)
    const r2 = addChild(r1, 'root', c('y'))
    expect(ids(r2)).toEqual(['a', { g1: ['x', 'b', { g2: ['d'] }] }, 'y'])
    expect(JSON.stringify(root)).toBe(before)
    // Untouched subtrees are shared, not copied.
    expect(r1.children[0]).toBe(root.children[0])
    expect(() => addChild(root, 'a', c('z'))).toThrow(/not found/)
  })

  it('removeNode removes a subtree but never the root', () => {
    const root = sample()
    expect(ids(removeNode(root, 'g2'))).toEqual(['a', { g1: ['b'] }])
    expect(ids(removeNode(root, 'a'))).toEqual([{ g1: ['b', { g2: ['d'] }] }])
    expect(() => removeNode(root, 'root')).toThrow(/root/)
    expect(() => removeNode(root, 'nope')).toThrow(/not found/)
    expect(ids(root)).toEqual(['a', { g1: ['b', { g2: ['d'] }] }])
  })

  it('moveNode moves between groups and within a group', () => {
    const root = sample()
    expect(ids(moveNode(root, 'd', 'root', 0))).toEqual(['d', 'a', { g1: ['b', { g2: [] }] }])
    expect(ids(moveNode(root, 'a', 'root', 1))).toEqual([{ g1: ['b', { g2: ['d'] }] }, 'a'])
    expect(ids(moveNode(root, 'g2', 'root', 99))).toEqual(['a', { g1: ['b'] }, { g2: ['d'] }])
  })

  it('moveNode refuses to move a group into itself or its descendants, or the root', () => {
    const root = sample()
    expect(() => moveNode(root, 'g1', 'g2', 0)).toThrow(/itself/)
    expect(() => moveNode(root, 'g1', 'g1', 0)).toThrow(/itself/)
    expect(() => moveNode(root, 'root', 'g1', 0)).toThrow()
  })

  it('updateNode patches conditions and groups but not their identity', () => {
    const root = sample()
    const r = updateNode(updateNode(root, 'd', { op: 'any_of', value: ['x'], id: 'hacked' } as never), 'g1', { not: true, combinator: 'and' })
    expect(findNode(r, 'd')).toMatchObject({ id: 'd', kind: 'condition', op: 'any_of', value: ['x'] })
    expect(findNode(r, 'g1')).toMatchObject({ not: true, combinator: 'and' })
    expect(ids(r)).toEqual(ids(root))
    expect(updateNode(root, 'root', { combinator: 'or' }).combinator).toBe('or')
    expect(findNode(root, 'd')).toMatchObject({ op: 'eq' })
    expect(() => updateNode(root, 'nope', { not: true })).toThrow(/not found/)
  })
})

describe('fieldsUsed', () => {
  it('lists condition fields and the row fields advanced logic reads, once each, in order', () => {
    const root = addChild(sample(), 'g2', {
      kind: 'advanced', id: 'v',
      logic: { and: [{ some: [{ var: 'tags' }, { '==': [{ var: 'inner' }, 1] }] }, { '>': [{ var: 'orders.count' }, 1] }, { var: 'age' }] },
    })
    expect(fieldsUsed(root)).toEqual(['age', 'city', 'tier', 'tags', 'orders'])
    expect(fieldsUsed(emptyGroup())).toEqual([])
  })
})
