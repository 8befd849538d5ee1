import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import { compileFlow } from '../../../src/core/flows/compileFlow'
import { computeFlowCounts } from '../../../src/core/flows/computeFlowCounts'
import { computeBranchChecks } from '../../../src/core/flows/flowChecks'
import { expandFlowSegmentRefs, nodeSegmentRefs } from '../../../src/core/flows/flowSegmentRefs'
import { validateFlow } from '../../../src/core/flows/validateFlow'
import type { FlowGraph, FlowNode } from '../../../src/core/flows/types'
import { applyLogic, isTruthy, registerCustomOperations } from '../../../src/core/logic/customOps'
import type { Group, SegmentRefNode } from '../../../src/core/logic/types'
import { action, branch, cond, customerArb, edge, entry, group, referenceEvaluator, routeAll, SEGMENT_LOGIC, split } from './fixtures'
import type { Customer } from './fixtures'

// "In / not in segment X" inside flows: branch, filter and inline-entry rules referring to segments
// route, count and check exactly as the same rules with the segment's logic written out.

registerCustomOperations()
const ref = (segmentId: string, not = false): SegmentRefNode => ({ kind: 'segment', id: `r-${segmentId}-${not}`, segmentId, ...(not ? { not: true } : {}) })
const withRef = (g: Group, r: SegmentRefNode): Group => ({ ...g, children: [...g.children, r] })

/** entry (inline rule: in segA or 北京) → filter (age ≥ 20 and in segA) → split [in segA and age > 50, not in segA, else] → actions. */
function flowWithRefs(): FlowGraph {
  const filter: FlowNode = { id: 'f', type: 'filter', position: { x: 0, y: 0 }, data: { label: 'f', rule: withRef(group([cond('age', 'ge', 20)]), ref('segA')) } }
  const e = entry('e')
  const inlineEntry: FlowNode = { ...e, data: { segmentId: null, rule: { kind: 'group', id: 'ge', combinator: 'or', children: [ref('segA'), cond('city', 'any_of', ['北京'])] } } } as FlowNode
  return {
    nodes: [inlineEntry, filter, split('s', [branch('b1', withRef(group([cond('age', 'gt', 50)]), ref('segA'))), branch('b2', group([ref('segA', true) as never]))]), action('a1'), action('a2'), action('a3')],
    edges: [edge('1', 'e', 'f'), edge('2', 'f', 's'), edge('3', 's', 'a1', 'b1'), edge('4', 's', 'a2', 'b2'), edge('5', 's', 'a3', 'else')],
  }
}

/** Where a customer should go, by hand from the segment's logic. */
function expected(c: Customer): string | null {
  const inA = isTruthy(applyLogic(SEGMENT_LOGIC.segA, c))
  const entered = inA || c.city === '北京'
  const passes = c.age !== null && c.age >= 20 && inA
  if (!entered || !passes) return null
  if (c.age !== null && c.age > 50) return 'a1'
  return inA ? 'a3' : 'a2'
}

describe('segment conditions in flows', () => {
  it('lists the segments a node refers to, and leaves a flow without references as it is', () => {
    const g = flowWithRefs()
    expect(g.nodes.map(nodeSegmentRefs)).toEqual([['segA'], ['segA'], ['segA'], [], [], []])
    const plain: FlowGraph = { nodes: [entry('e'), action('a')], edges: [edge('1', 'e', 'a')] }
    expect(expandFlowSegmentRefs(plain, SEGMENT_LOGIC)).toBe(plain)
    expect(JSON.stringify(expandFlowSegmentRefs(g, SEGMENT_LOGIC))).not.toContain('"segment"')
  })

  it('routes (json-logic-js over the compiled flow) and counts (worker path) every customer as the rules with the logic written out', () => {
    fc.assert(fc.property(fc.array(customerArb, { minLength: 1, maxLength: 60 }), (rows) => {
      const g = flowWithRefs()
      const compiled = compileFlow(g, SEGMENT_LOGIC)
      const want = new Map<unknown, number>()
      for (const r of rows) want.set(expected(r), (want.get(expected(r)) ?? 0) + 1)
      expect(routeAll(compiled, rows)).toEqual(want)
      const counts = computeFlowCounts(g, referenceEvaluator(rows), rows.length, SEGMENT_LOGIC)
      for (const a of ['a1', 'a2', 'a3']) expect(counts.nodes[a]).toBe(want.get(a) ?? 0)
    }), { numRuns: 200 })
  })

  it('counts overlapping branches through the references: a later "in segA" overlaps "in segA and age > 50"', () => {
    const rows: Customer[] = [
      { age: 60, city: '北京', vip: true }, { age: 45, city: '上海', vip: null }, { age: 25, city: '北京', vip: true }, { age: 70, city: null, vip: false },
    ]
    const g = flowWithRefs()
    // A third branch "in segA" after b1 overlaps b1 by its customers over 50.
    const more: FlowGraph = { ...g, nodes: g.nodes.map((n) => (n.id === 's' && n.type === 'split' ? { ...n, data: { branches: [...n.data.branches, branch('b3', group([ref('segA') as never]))] } } : n)) }
    const checks = computeBranchChecks(more, referenceEvaluator(rows), rows.length, SEGMENT_LOGIC).s
    const b3 = checks.branches.find((b) => b.branchId === 'b3')!
    const overThere = rows.filter((r) => expected(r) === 'a1').length
    expect(overThere).toBeGreaterThan(0)
    expect(b3.overlap).toBe(overThere)
  })

  it('a reference to a segment that does not exist selects nobody and is reported on its node', () => {
    const g: FlowGraph = {
      nodes: [entry('e'), split('s', [branch('b1', group([ref('ghost') as never]))]), action('a1'), action('a2')],
      edges: [edge('1', 'e', 's'), edge('2', 's', 'a1', 'b1'), edge('3', 's', 'a2', 'else')],
    }
    expect(validateFlow(g, ['segA'])).toEqual([{ code: 'unknown_segment', nodeId: 's', params: { segmentId: 'ghost' } }])
    const rows: Customer[] = [{ age: 1, city: null, vip: null }, { age: 99, city: '北京', vip: true }]
    expect(routeAll(compileFlow(g, SEGMENT_LOGIC), rows)).toEqual(new Map([['a2', 2]]))
  })
})
