import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { fromJsonLogic } from '../../../src/core/logic/fromJsonLogic'
import { conditionToJsonLogic, toJsonLogic } from '../../../src/core/logic/toJsonLogic'
import type { Condition, Group, JsonLogic, RuleNode } from '../../../src/core/logic/types'
import { FIELDS, conditionArb, groupArb, logicArb } from './arbitraries'

const ids = () => {
  let n = 0
  return () => `id${++n}`
}
const only = (g: Group): RuleNode => {
  expect(g.children).toHaveLength(1)
  return g.children[0]
}
const V = (f: string) => ({ var: f })

describe('fromJsonLogic: canonical shapes become conditions', () => {
  it('reads every condition toJsonLogic writes back into the same condition', () => {
    fc.assert(fc.property(conditionArb, (c) => {
      const logic = conditionToJsonLogic(c)
      const back = only(fromJsonLogic({ and: [logic] }))
      expect(nodeLogic(back)).toEqual(logic)
    }), { numRuns: 1000 })
  })

  it('recovers operator, value and list-ness without field metadata', () => {
    const g = fromJsonLogic({
      and: [
        { and: [{ '!=': [V('age'), null] }, { '<=': [18, V('age'), 30] }] },
        { list_any: [V('tags'), ['vip']] },
        { and: [{ '!=': [V('tags'), null] }, { '!': { list_any: [V('tags'), ['x']] } }] },
        { in: ['shop', V('city')] },
        { in_last_days: [V('last'), 30] },
      ],
    }, undefined, ids())
    expect(g.children.map((c) => (c.kind === 'condition' ? [c.op, c.value, c.fieldType] : c.kind))).toEqual([
      ['between', [18, 30], undefined],
      ['any_of', ['vip'], 'list'],
      ['none_of', ['x'], 'list'],
      ['contains', 'shop', undefined],
      ['in_last_days', 30, undefined],
    ])
  })

  it('uses field types to choose between operators with the same shape', () => {
    const logic: JsonLogic = { or: [{ in: [V('city'), ['a']] }, { in: [V('tier'), ['a']] }] }
    const g = fromJsonLogic(logic, FIELDS, ids())
    expect(g.children.map((c) => (c as Condition).op)).toEqual(['in_list', 'any_of'])
    expect(g.children.map((c) => (c as Condition).fieldType)).toEqual(['text', 'category'])
  })

  it('keeps a shape that does not fit the field type as an advanced node', () => {
    // `in` on a tag list can never match; text_eq on a number field is not in its catalogue.
    const logic: JsonLogic = { and: [{ in: [V('tags'), ['a']] }, { '==': [V('age'), 'x'] }, { list_any: [V('tier'), ['a']] }] }
    const g = fromJsonLogic(logic, FIELDS, ids())
    expect(g.children.map((c) => c.kind)).toEqual(['advanced', 'advanced', 'advanced'])
    expect(toJsonLogic(g)).toEqual(logic)
  })
})

describe('fromJsonLogic: groups and the root', () => {
  it('reads true as the empty group and false as the negated empty group', () => {
    expect(fromJsonLogic(true, undefined, ids())).toEqual({ kind: 'group', id: 'id1', combinator: 'and', children: [] })
    expect(fromJsonLogic(false, undefined, ids())).toEqual({ kind: 'group', id: 'id1', combinator: 'and', children: [], not: true })
  })

  it('reads {"!": and/or} as a negated group and nests groups', () => {
    const g = fromJsonLogic({ '!': { or: [{ and: [{ '===': [V('m'), true] }] }, true] } }, undefined, ids())
    expect(g.not).toBe(true)
    expect(g.combinator).toBe('or')
    expect(g.children.map((c) => c.kind)).toEqual(['group', 'group'])
  })

  it('wraps logic that is not a group in an "and" group', () => {
    const g = fromJsonLogic({ '==': [V('age'), 3] }, undefined, ids())
    expect(g.combinator).toBe('and')
    expect(only(g)).toMatchObject({ kind: 'condition', field: 'age', op: 'eq', value: 3 })
  })

  it('gives every node a fresh id from newId', () => {
    const g = fromJsonLogic({ and: [{ '==': [V('a'), 1] }, { or: [{ foo: 1 }] }] }, undefined, ids())
    const all: string[] = []
    const walk = (n: RuleNode): void => {
      all.push(n.id)
      if (n.kind === 'group') n.children.forEach(walk)
    }
    walk(g)
    expect(all.sort()).toEqual(['id1', 'id2', 'id3', 'id4'])
  })
})

describe('fromJsonLogic: foreign logic is kept, never dropped', () => {
  // Shapes written by other query builders (react-awesome-query-builder, react-querybuilder).
  const foreign: JsonLogic[] = [
    { some: [{ var: 'tags' }, { in: [{ var: '' }, ['vip']] }] },
    { all: [{ var: 'tags' }, { '==': [{ var: '' }, 'a'] }] },
    { '<': [{ var: 'age' }, 30] }, // unguarded: also matches a missing age, so it is not lt
    { '<=': [18, { var: 'age' }, 30] },
    { '!=': [{ var: 'city' }, 'x'] },
    { '==': [{ var: ['age'] }, 3] },
    { '!': { var: 'member' } },
    { '!!': [{ var: 'member' }] },
    { if: [{ var: 'a' }, true, false] },
    { and: [] },
    { '!': [{ and: [true] }] },
    { method: [{ var: 'name' }, 'toUpperCase'] },
    { '==': [{ var: 'age' }, true] },
    { in: [{ var: 'city' }, ['a', 1]] },
    { '<': [{ var: 'd' }, 'not a date'] },
    {},
    { a: 1, b: 2 },
    'text',
    42,
  ]

  it.each(foreign.map((l) => [JSON.stringify(l), l]))('%s stays an advanced node, verbatim', (_, logic) => {
    const node = only(fromJsonLogic(logic as JsonLogic, FIELDS, ids()))
    expect(node.kind).toBe('advanced')
    expect((node as { logic: JsonLogic }).logic).toEqual(logic)
  })

  it('keeps foreign parts inside groups it can read', () => {
    const logic: JsonLogic = { and: [{ '==': [V('age'), 3] }, { some: [V('tags'), { '==': [{ var: '' }, 'a'] }] }] }
    const g = fromJsonLogic(logic, FIELDS, ids())
    expect(g.children.map((c) => c.kind)).toEqual(['condition', 'advanced'])
    expect(toJsonLogic(g)).toEqual(logic)
  })

  it('does not alias the input', () => {
    const logic = { and: [{ foo: [1, 2] }] }
    const g = fromJsonLogic(logic, undefined, ids())
    ;(logic.and[0].foo as number[]).push(3)
    expect(toJsonLogic(g)).toEqual({ and: [{ foo: [1, 2] }] })
  })
})

describe('round trip (property)', () => {
  it('toJsonLogic(fromJsonLogic(toJsonLogic(t))) equals toJsonLogic(t) for every tree t', () => {
    fc.assert(fc.property(groupArb, fc.boolean(), (t, withFields) => {
      const logic = toJsonLogic(t)
      expect(toJsonLogic(fromJsonLogic(logic, withFields ? FIELDS : undefined))).toEqual(logic)
    }), { numRuns: 1500 })
  })

  it('reads any group-shaped JSON-logic back to itself, and wraps anything else', () => {
    const single = (l: JsonLogic, keys: string[]): l is { [k: string]: JsonLogic } =>
      typeof l === 'object' && l !== null && !Array.isArray(l) && Object.keys(l).length === 1 && keys.includes(Object.keys(l)[0])
    const isCombinator = (l: JsonLogic): boolean => single(l, ['and', 'or']) && Array.isArray(Object.values(l)[0]) && (Object.values(l)[0] as JsonLogic[]).length > 0
    const groupShaped = (l: JsonLogic): boolean =>
      l === true || l === false || isCombinator(l) || (single(l, ['!']) && isCombinator(l['!']))
    fc.assert(fc.property(logicArb, (logic) => {
      const back = toJsonLogic(fromJsonLogic(logic))
      expect(back).toEqual(groupShaped(logic) ? logic : { and: [logic] })
    }), { numRuns: 1500 })
  })
})

function nodeLogic(n: RuleNode): JsonLogic {
  if (n.kind === 'condition') return conditionToJsonLogic(n)
  if (n.kind === 'advanced') return n.logic
  if (n.kind === 'segment') throw new Error('fromJsonLogic never makes segment references')
  return toJsonLogic(n)
}

describe('fromJsonLogic: the issue-6 shapes', () => {
  const G = (f: string) => ({ '!=': [V(f), null] })
  const L = (f: string) => ({ lower: V(f) })
  const read = (l: JsonLogic) => {
    const n = only(fromJsonLogic({ and: [l] }, FIELDS, ids()))
    return n.kind === 'condition' ? [n.op, n.value, n.ignoreCase ?? false] : n.kind
  }

  it('reads each new operator by the field type', () => {
    expect(read({ and: [G('age'), { '!': { '<=': [1, V('age'), 5] } }] })).toEqual(['not_between', [1, 5], false])
    expect(read({ and: [G('city'), { '!=': [V('city'), 'a'] }] })).toEqual(['text_ne', 'a', false])
    expect(read({ and: [G('city'), { '!': { in: ['a', V('city')] } }] })).toEqual(['not_contains', 'a', false])
    expect(read({ starts_with: [V('city'), 'A'] })).toEqual(['starts_with', 'A', false])
    expect(read({ ends_with: [L('city'), 'a'] })).toEqual(['ends_with', 'a', true])
    expect(read({ and: [G('city'), { '!': { in: [V('city'), ['a']] } }] })).toEqual(['not_in_list', ['a'], false])
    expect(read({ and: [G('tier'), { '!': { in: [V('tier'), ['a']] } }] })).toEqual(['none_of', ['a'], false])
    expect(read({ list_all: [V('tags'), ['a']] })).toEqual(['all_of', ['a'], false])
    expect(read({ on_day: [V('lastOrder'), '2024-01-01'] })).toEqual(['on', '2024-01-01', false])
    for (const op of ['in_last_weeks', 'in_last_months', 'days_ago_at_least', 'in_next_days', 'anniversary_month'] as const) {
      expect(read({ [op]: [V('lastOrder'), 3] })).toEqual([op, 3, false])
    }
  })

  it('reads ignoreCase only when every constant is already lower-case', () => {
    expect(read({ '==': [L('city'), 'ab'] })).toEqual(['text_eq', 'ab', true])
    expect(read({ '==': [L('city'), 'Ab'] })).toBe('advanced')
    expect(read({ in: [L('city'), ['a', 'b']] })).toEqual(['in_list', ['a', 'b'], true])
    expect(read({ in: [L('city'), ['a', 'B']] })).toBe('advanced')
    expect(read({ and: [G('city'), { '!=': [L('city'), 'x'] }] })).toEqual(['text_ne', 'x', true])
    // the guard must keep the plain V
    expect(read({ and: [{ '!=': [L('city'), null] }, { '!=': [L('city'), 'x'] }] })).toBe('group')
  })

  it('reads field comparisons of two fields of the same type', () => {
    const cmp = (a: string, b: string, t: JsonLogic) => ({ and: [G(a), G(b), t] })
    const types = [{ name: 'x', type: 'number' as const }, { name: 'y', type: 'number' as const }, { name: 's', type: 'text' as const },
      { name: 't', type: 'text' as const }, { name: 'd', type: 'date' as const }, { name: 'e', type: 'date' as const }]
    const r = (l: JsonLogic) => {
      const n = only(fromJsonLogic({ and: [l] }, types, ids()))
      return n.kind === 'condition' ? [n.op, n.value, n.ignoreCase ?? false] : n.kind
    }
    expect(r(cmp('x', 'y', { '>': [V('x'), V('y')] }))).toEqual(['gt', { field: 'y' }, false])
    expect(r(cmp('d', 'e', { '<': [V('d'), V('e')] }))).toEqual(['before', { field: 'e' }, false])
    expect(r(cmp('d', 'e', { on_day: [V('d'), V('e')] }))).toEqual(['on', { field: 'e' }, false])
    expect(r(cmp('s', 't', { '==': [L('s'), L('t')] }))).toEqual(['text_eq', { field: 't' }, true])
    expect(r(cmp('s', 't', { '==': [L('s'), V('t')] }))).toBe('group')
    expect(r(cmp('x', 's', { '>': [V('x'), V('s')] }))).toBe('group') // types differ
    expect(r(cmp('x', 'y', { '>': [V('y'), V('x')] }))).toBe('group') // sides swapped against the guards
    expect(r(cmp('d', 'e', { '<=': [V('d'), V('e')] }))).toBe('group') // le is a number operator
  })
})
