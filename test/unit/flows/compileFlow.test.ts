import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import { compileFlow } from '../../../src/core/flows/compileFlow'
import { computeFlowCounts } from '../../../src/core/flows/computeFlowCounts'
import { ELSE_HANDLE } from '../../../src/core/flows/types'
import type { FlowGraph } from '../../../src/core/flows/types'
import { applyLogic } from '../../../src/core/logic/customOps'
import { Engine } from '../../../src/core/engine/evaluate'
import { rowAt } from '../../../src/core/engine/columns'
import type { FieldMeta } from '../../../src/core/fields/types'
import { tableFromRows } from '../../db/fixtures'
import {
  action, branch, buildFlow, cond, customerArb, edge, entry, flowShapeArb, group, referenceEvaluator, routeAll,
  SEGMENT_LOGIC, split,
} from './fixtures'
import type { Customer } from './fixtures'

const rows: Customer[] = [
  { age: 25, city: '北京', vip: true },
  { age: 45, city: '上海', vip: false },
  { age: 65, city: '广州', vip: null },
  { age: null, city: '深圳', vip: true },
  { age: 33, city: null, vip: false },
]

// Two overlapping branches: age ≥ 40, then city in 北京/上海. Customers matching both take the first.
const older = branch('older', group([cond('age', 'ge', 40)]))
const bigCity = branch('bigCity', group([cond('city', 'any_of', ['北京', '上海'])]))
const graph: FlowGraph = {
  nodes: [entry('e'), split('s', [older, bigCity]), action('a1'), action('a2'), action('a3')],
  edges: [
    edge('e-s', 'e', 's'),
    edge('s-a1', 's', 'a1', 'older'),
    edge('s-a2', 's', 'a2', 'bigCity'),
    edge('s-a3', 's', 'a3', ELSE_HANDLE),
  ],
}

describe('compileFlow', () => {
  it('routes each customer to the first matching branch, else to the else action', () => {
    const compiled = compileFlow(graph, {})
    expect(rows.map((r) => applyLogic(compiled, r))).toEqual(['a2', 'a1', 'a1', 'a3', 'a3'])
  })

  it('is one if chain whose pairs follow branch order', () => {
    const compiled = compileFlow(graph, {}) as { if: unknown[] }
    expect(Object.keys(compiled)).toEqual(['if'])
    const inner = compiled.if[1] as { if: unknown[] }
    expect(inner.if.filter((x) => typeof x === 'string')).toEqual(['a1', 'a2', 'a3'])
  })

  it('limits the flow to the entry segment and returns null for everyone else', () => {
    const g = { ...graph, nodes: [entry('e', 'vipSeg'), ...graph.nodes.slice(1)] }
    const compiled = compileFlow(g, { vipSeg: { '===': [{ var: 'vip' }, true] } })
    expect(rows.map((r) => applyLogic(compiled, r))).toEqual(['a2', null, null, 'a3', null])
  })

  it('routes nobody from an entry on an unknown segment, and returns null without an entry', () => {
    const g = { ...graph, nodes: [entry('e', 'ghost'), ...graph.nodes.slice(1)] }
    expect(rows.map((r) => applyLogic(compileFlow(g, {}), r))).toEqual([null, null, null, null, null])
    expect(compileFlow({ nodes: graph.nodes.slice(1), edges: [] }, {})).toBeNull()
  })

  it('returns null for customers on a dangling branch', () => {
    const g = { ...graph, edges: graph.edges.filter((e) => e.id !== 's-a1') }
    expect(rows.map((r) => applyLogic(compileFlow(g, {}), r))).toEqual(['a2', null, null, 'a3', 'a3'])
  })

  it('sends everyone through "else" when a split has no branches', () => {
    const g: FlowGraph = {
      nodes: [entry('e'), split('s', []), action('a')],
      edges: [edge('1', 'e', 's'), edge('2', 's', 'a', ELSE_HANDLE)],
    }
    expect(rows.map((r) => applyLogic(compileFlow(g, {}), r))).toEqual(['a', 'a', 'a', 'a', 'a'])
  })

  it('follows chained splits', () => {
    const vip = branch('vip', group([cond('vip', 'is_true')]))
    const g: FlowGraph = {
      nodes: [entry('e'), split('s1', [older]), split('s2', [vip]), action('old'), action('vipYoung'), action('rest')],
      edges: [
        edge('1', 'e', 's1'), edge('2', 's1', 'old', 'older'), edge('3', 's1', 's2', ELSE_HANDLE),
        edge('4', 's2', 'vipYoung', 'vip'), edge('5', 's2', 'rest', ELSE_HANDLE),
      ],
    }
    expect(rows.map((r) => applyLogic(compileFlow(g, {}), r))).toEqual(['vipYoung', 'old', 'old', 'vipYoung', 'rest'])
  })
})

describe('compileFlow agrees with computeFlowCounts', () => {
  const agree = (withChaos: boolean) =>
    fc.assert(
      fc.property(flowShapeArb(withChaos), fc.array(customerArb, { maxLength: 60 }), (shape, data) => {
        const g = buildFlow(shape)
        const counts = computeFlowCounts(g, referenceEvaluator(data), data.length, SEGMENT_LOGIC)
        const tally = routeAll(compileFlow(g, SEGMENT_LOGIC), data)
        let routed = 0
        for (const n of g.nodes) {
          if (n.type !== 'action') continue
          expect(tally.get(n.id) ?? 0).toBe(counts.nodes[n.id])
          routed += counts.nodes[n.id]
        }
        // Whoever is not routed to an action gets null, and nothing else comes out of the chain.
        expect(tally.get(null) ?? 0).toBe(data.length - routed)
        expect([...tally.keys()].every((k) => k === null || g.nodes.some((n) => n.id === k && n.type === 'action'))).toBe(true)
      }),
      { numRuns: 300 },
    )

  it('on random valid flows and customers', () => agree(false))
  it('on random invalid flows (cycles, duplicate and stray edges)', () => agree(true))
})

describe('compileFlow agrees with computeFlowCounts on the real Engine', () => {
  const fields: FieldMeta[] = [{ name: 'age', type: 'number' }, { name: 'city', type: 'category' }, { name: 'vip', type: 'boolean' }]

  it('on random flows over a columnar table', () => {
    fc.assert(
      fc.property(flowShapeArb(true), fc.array(customerArb, { minLength: 1, maxLength: 80 }), (shape, data) => {
        const table = tableFromRows(fields, data.map((c) => ({ ...c })))
        const engine = new Engine(table, { asOf: Date.UTC(2025, 0, 1) })
        const g = buildFlow(shape)
        const counts = computeFlowCounts(g, (logic) => engine.evaluate(logic), table.rowCount, SEGMENT_LOGIC)
        const compiled = compileFlow(g, SEGMENT_LOGIC)
        const tally = new Map<unknown, number>()
        for (let i = 0; i < table.rowCount; i++) {
          const to = applyLogic(compiled, rowAt(table, i))
          tally.set(to, (tally.get(to) ?? 0) + 1)
        }
        for (const n of g.nodes) if (n.type === 'action') expect(tally.get(n.id) ?? 0).toBe(counts.nodes[n.id])
      }),
      { numRuns: 150 },
    )
  })
})
