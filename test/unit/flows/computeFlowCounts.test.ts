import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import { computeFlowCounts } from '../../../src/core/flows/computeFlowCounts'
import { ELSE_HANDLE } from '../../../src/core/flows/types'
import type { FlowGraph } from '../../../src/core/flows/types'
import type { JsonLogic } from '../../../src/core/logic/types'
import {
  action, branch, buildFlow, cond, customerArb, edge, entry, flowShapeArb, group, referenceEvaluator, SEGMENT_LOGIC, split,
} from './fixtures'
import type { Customer } from './fixtures'

const data: Customer[] = Array.from({ length: 97 }, (_, i) => ({
  age: i % 11 === 0 ? null : 18 + ((i * 7) % 60),
  city: ['北京', '上海', '广州', '深圳', null][i % 5],
  vip: i % 3 === 0 ? true : i % 3 === 1 ? false : null,
}))

const older = branch('older', group([cond('age', 'ge', 40)]))
const vip = branch('vip', group([cond('vip', 'is_true')]))
const isOlder = (c: Customer) => c.age !== null && c.age >= 40
const isVip = (c: Customer) => c.vip === true

describe('computeFlowCounts', () => {
  it('counts branches in order: first match wins, else takes the rest', () => {
    const g: FlowGraph = {
      nodes: [entry('e'), split('s', [older, vip]), action('a1'), action('a2'), action('a3')],
      edges: [edge('e-s', 'e', 's'), edge('b1', 's', 'a1', 'older'), edge('b2', 's', 'a2', 'vip'), edge('el', 's', 'a3', ELSE_HANDLE)],
    }
    const c = computeFlowCounts(g, referenceEvaluator(data), data.length, {})
    const first = data.filter(isOlder).length
    const second = data.filter((x) => !isOlder(x) && isVip(x)).length
    expect(c.edges).toEqual({ 'e-s': data.length, b1: first, b2: second, el: data.length - first - second })
    expect(c.nodes).toEqual({ e: data.length, s: data.length, a1: first, a2: second, a3: data.length - first - second })
  })

  it('unions incoming edges into a node and starts from the entry segment', () => {
    const g: FlowGraph = {
      nodes: [entry('e', 'seg'), split('s1', [older]), split('s2', [vip]), action('merge'), action('rest')],
      edges: [
        edge('1', 'e', 's1'), edge('2', 's1', 'merge', 'older'), edge('3', 's1', 's2', ELSE_HANDLE),
        edge('4', 's2', 'merge', 'vip'), edge('5', 's2', 'rest', ELSE_HANDLE),
      ],
    }
    const seg: Record<string, JsonLogic> = { seg: { in: [{ var: 'city' }, ['北京', '上海']] } }
    const inSeg = (x: Customer) => x.city === '北京' || x.city === '上海'
    const c = computeFlowCounts(g, referenceEvaluator(data), data.length, seg)
    const audience = data.filter(inSeg)
    expect(c.nodes.e).toBe(audience.length)
    expect(c.nodes.merge).toBe(audience.filter((x) => isOlder(x) || isVip(x)).length)
    expect(c.edges['4']).toBe(audience.filter((x) => !isOlder(x) && isVip(x)).length)
    expect(c.nodes.rest).toBe(audience.filter((x) => !isOlder(x) && !isVip(x)).length)
  })

  it('gives every node and edge a number, 0 for those that route nobody', () => {
    const g: FlowGraph = {
      nodes: [entry('e'), action('a'), action('lonely'), entry('e2')],
      edges: [edge('1', 'e', 'a'), edge('dup', 'e', 'lonely'), edge('fromAction', 'a', 'lonely'), edge('broken', 'e', 'nowhere')],
    }
    const c = computeFlowCounts(g, referenceEvaluator(data), data.length, {})
    expect(c.nodes).toEqual({ e: data.length, a: data.length, lonely: 0, e2: 0 })
    expect(c.edges).toEqual({ 1: data.length, dup: 0, fromAction: 0, broken: 0 })
  })

  it('does not mutate the bitsets the evaluator returns (they may be cached)', () => {
    const evaluate = referenceEvaluator(data)
    const cache = new Map<string, ReturnType<typeof evaluate>>()
    const cached = (logic: JsonLogic) => {
      const key = JSON.stringify(logic)
      if (!cache.has(key)) cache.set(key, evaluate(logic))
      return cache.get(key)!
    }
    const g: FlowGraph = {
      nodes: [entry('e'), split('s', [older, vip]), action('a'), action('b')],
      edges: [edge('1', 'e', 's'), edge('2', 's', 'a', 'older'), edge('3', 's', 'b', ELSE_HANDLE)],
    }
    const first = computeFlowCounts(g, cached, data.length, {})
    const second = computeFlowCounts(g, cached, data.length, {})
    expect(second).toEqual(first)
    expect([...cache.values()].map((b) => b.count())).toEqual([data.filter(isOlder).length, data.filter(isVip).length])
  })

  it('conserves customers: a split hands on exactly what it receives', () => {
    fc.assert(
      fc.property(flowShapeArb(false), fc.array(customerArb, { maxLength: 40 }), (shape, rows) => {
        const g = buildFlow(shape)
        const c = computeFlowCounts(g, referenceEvaluator(rows), rows.length, SEGMENT_LOGIC)
        for (const n of g.nodes) {
          if (n.type !== 'split') continue
          const handles = [...n.data.branches.map((b) => b.id), ELSE_HANDLE]
          const out = handles.map((h) => g.edges.find((e) => e.source === n.id && e.sourceHandle === h))
          // Only meaningful when every handle is connected; the generator leaves some open.
          if (out.every(Boolean)) expect(out.reduce((sum, e) => sum + c.edges[e!.id], 0)).toBe(c.nodes[n.id])
        }
      }),
      { numRuns: 200 },
    )
  })
})
