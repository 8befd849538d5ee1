import { describe, expect, it } from 'vitest'
import { fromJsonLogic } from '../../../src/core/logic/fromJsonLogic'
import { toJsonLogic } from '../../../src/core/logic/toJsonLogic'
import { duplicateNode, findNode, valueEditOf, withFreshIds } from '../../../src/core/logic/tree'
import type { Condition, Group } from '../../../src/core/logic/types'
import { buildRuleSetFile, parseRuleSetFile } from '../../../src/core/io/ruleSetFile'
import type { Segment } from '../../../src/core/logic/types'
import { breakdownOf } from '../../../src/core/engine/breakdown'
import { Bitset } from '../../../src/core/engine/bitset'
import { applyLogic, isTruthy } from '../../../src/core/logic/customOps'
import type { JsonLogic } from '../../../src/core/logic/types'

const age = (id: string, n: number, disabled?: boolean): Condition =>
  ({ kind: 'condition', id, field: 'age', op: 'ge', value: n, fieldType: 'number', ...(disabled ? { disabled } : {}) })
const vip = (id: string): Condition => ({ kind: 'condition', id, field: 'vip', op: 'is_true', fieldType: 'boolean' })

const rule = (): Group => ({
  kind: 'group', id: 'r', combinator: 'and', children: [
    age('a', 30),
    { kind: 'group', id: 'g', combinator: 'or', disabled: true, children: [vip('v')] },
    age('b', 60, true),
  ],
})
const GE = (n: number): JsonLogic => ({ and: [{ '!=': [{ var: 'age' }, null] }, { '>=': [{ var: 'age' }, n] }] })

describe('disabled conditions and groups', () => {
  it('are left out of the JSON-logic, as if absent', () => {
    expect(toJsonLogic(rule())).toEqual({ and: [GE(30)] })
  })

  it('leave an empty group ("everyone"; negated: no one) when every child is disabled', () => {
    const g: Group = { kind: 'group', id: 'r', combinator: 'or', children: [age('a', 30, true)] }
    expect(toJsonLogic(g)).toBe(true)
    expect(toJsonLogic({ ...g, not: true })).toBe(false)
  })

  it('select the same customers as the rule without them (json-logic-js)', () => {
    const rows = [{ age: 20, vip: true }, { age: 40, vip: false }, { age: 70, vip: true }, { age: null, vip: true }]
    const without: Group = { ...rule(), children: [age('a', 30)] }
    const pick = (l: JsonLogic) => rows.filter((r) => isTruthy(applyLogic(l, r))).map((r) => r.age)
    expect(pick(toJsonLogic(rule()))).toEqual([40, 70])
    expect(pick(toJsonLogic(rule()))).toEqual(pick(toJsonLogic(without)))
  })

  it('keep the JSON-logic round trip: tree → logic → tree → the same logic', () => {
    const once = toJsonLogic(rule())
    const back = fromJsonLogic(once)
    expect(toJsonLogic(back)).toEqual(once)
    expect(JSON.stringify(back)).not.toContain('disabled')
  })

  it('survive the rule-set file (rule keeps the flag, logic leaves the node out) and its schema', () => {
    const seg: Segment = { id: 's', ruleSetId: 'rs', name: 'S', color: '#000000', rule: rule(), createdAt: 0, updatedAt: 0 }
    const file = buildRuleSetFile('RS', [seg], [], [{ name: 'age', type: 'number' }, { name: 'vip', type: 'boolean' }], 0)
    expect(file.segments[0].logic).toEqual({ and: [GE(30)] })
    const parsed = parseRuleSetFile(JSON.stringify(file), 'x.json')
    expect(parsed.ok).toBe(true)
    if (!parsed.ok) return
    expect(findNode(parsed.file.segments[0].rule, 'g')).toMatchObject({ disabled: true })
    expect(findNode(parsed.file.segments[0].rule, 'b')).toMatchObject({ disabled: true })
    const bad = JSON.parse(JSON.stringify(file))
    bad.segments[0].rule.children[0].disabled = 'yes'
    expect(parseRuleSetFile(JSON.stringify(bad), 'bad.json').ok).toBe(false)
  })

  it('count alone but are no step of the AND funnel', async () => {
    const rows = [{ age: 20, vip: true }, { age: 40, vip: false }, { age: 70, vip: true }]
    const evaluate = (l: JsonLogic) => {
      const b = new Bitset(rows.length)
      rows.forEach((r, i) => { if (isTruthy(applyLogic(l, r))) b.set(i) })
      return b
    }
    const out = await breakdownOf(rule(), evaluate, rows.length)
    expect(out.alone).toMatchObject({ r: 2, a: 2, g: 2, b: 1 })
    expect(out.remaining).toEqual({ a: 2 })
  })
})

describe('duplicateNode', () => {
  it('inserts a copy right after the original, with fresh ids throughout', () => {
    let n = 0
    const { root, id } = duplicateNode(rule(), 'g', () => `new${++n}`)
    expect(root.children.map((c) => c.id)).toEqual(['a', 'g', 'new1', 'b'])
    expect(id).toBe('new1')
    const copy = root.children[2] as Group
    expect(copy.children.map((c) => c.id)).toEqual(['new2'])
    expect({ ...copy, id: 'g', children: [] }).toEqual({ ...(rule().children[1] as Group), children: [] })
    expect(() => duplicateNode(rule(), 'r')).toThrow()
  })

  it('withFreshIds leaves the original untouched', () => {
    const g = rule()
    const copy = withFreshIds(g, () => 'x')
    expect(g.id).toBe('r')
    expect(copy.children.every((c) => c.id === 'x')).toBe(true)
  })
})

describe('valueEditOf', () => {
  it('names the one condition whose value alone changed, else undefined', () => {
    const a = rule()
    const b: Group = { ...a, children: [age('a', 31), a.children[1], a.children[2]] }
    expect(valueEditOf(a, b)).toBe('a')
    expect(valueEditOf(a, a)).toBeUndefined()
    const op: Group = { ...a, children: [{ ...age('a', 30), op: 'gt' }, a.children[1], a.children[2]] }
    expect(valueEditOf(a, op)).toBeUndefined()
    const two: Group = { ...a, children: [age('a', 31), a.children[1], age('b', 61, true)] }
    expect(valueEditOf(a, two)).toBeUndefined()
    expect(valueEditOf(a, { ...a, children: a.children.slice(1) })).toBeUndefined()
  })
})
