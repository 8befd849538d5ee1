import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import { applyLogic, isTruthy } from '../../../src/core/logic/customOps'
import {
  canReference, expandedJsonLogic, expandSegmentRefs, lookupIn, missingSegmentRefs, referencedSegments, SegmentCycleError,
} from '../../../src/core/logic/segmentRefs'
import { conditionToJsonLogic, toJsonLogic } from '../../../src/core/logic/toJsonLogic'
import { summarize } from '../../../src/core/logic/summarize'
import type { Condition, Group, RuleNode, SegmentRefNode } from '../../../src/core/logic/types'

const cond = (id: string, field: string, op: 'ge' | 'lt', value: number): RuleNode =>
  ({ kind: 'condition', id, field, op, value, fieldType: 'number' })
const ref = (id: string, segmentId: string, extra: Partial<SegmentRefNode> = {}): SegmentRefNode =>
  ({ kind: 'segment', id, segmentId, ...extra })
const group = (id: string, children: RuleNode[], combinator: 'and' | 'or' = 'and'): Group => ({ kind: 'group', id, combinator, children })

// A: age >= 30; B: in A and orders >= 3; C: not in B or age < 20
const A = { id: 'A', name: '成熟客', rule: group('ga', [cond('a1', 'age', 'ge', 30)]) }
const B = { id: 'B', name: '常客', rule: group('gb', [ref('rb', 'A'), cond('b1', 'orders', 'ge', 3)]) }
const C = { id: 'C', name: 'Others', rule: group('gc', [ref('rc', 'B', { not: true }), cond('c1', 'age', 'lt', 20)], 'or') }
const lookup = lookupIn([A, B, C])

describe('segment references', () => {
  it('expand into the referenced rule, recursively, keeping the reference id', () => {
    const b = expandSegmentRefs(B.rule, lookup, 'B')
    expect(b.children[0]).toEqual({ kind: 'advanced', id: 'rb', logic: toJsonLogic(A.rule) })
    const bLogic = { and: [toJsonLogic(A.rule), conditionToJsonLogic(B.rule.children[1] as Condition)] }
    expect(expandedJsonLogic(B.rule, lookup, 'B')).toEqual(bLogic)
    expect(expandedJsonLogic(C.rule, lookup, 'C')).toEqual({ or: [{ '!': bLogic }, conditionToJsonLogic(C.rule.children[1] as Condition)] })
  })

  it('select the same customers as the referenced segments, by json-logic-js on random rows', () => {
    const row = fc.record({ age: fc.option(fc.integer({ min: 0, max: 80 }), { nil: null }), orders: fc.option(fc.integer({ min: 0, max: 10 }), { nil: null }) })
    fc.assert(fc.property(row, (r) => {
      const inA = isTruthy(applyLogic(toJsonLogic(A.rule), r))
      const inB = inA && r.orders !== null && r.orders >= 3
      const inC = !inB || (r.age !== null && r.age < 20)
      expect(isTruthy(applyLogic(expandedJsonLogic(B.rule, lookup, 'B'), r))).toBe(inB)
      expect(isTruthy(applyLogic(expandedJsonLogic(C.rule, lookup, 'C'), r))).toBe(inC)
    }), { numRuns: 500 })
  })

  it('leave disabled references out and leave rules without references untouched', () => {
    const rule = group('g', [ref('r', 'A', { disabled: true }), cond('c', 'orders', 'ge', 1)])
    expect(expandedJsonLogic(rule, lookup)).toEqual({ and: [conditionToJsonLogic(rule.children[1] as Condition)] })
    expect(expandSegmentRefs(A.rule, lookup)).toBe(A.rule)
  })

  it('a reference to a segment that does not exist selects nobody and is reported', () => {
    const rule = group('g', [ref('r', 'gone')])
    expect(expandedJsonLogic(rule, lookup)).toEqual({ and: [false] })
    expect(missingSegmentRefs(rule, lookup)).toEqual(['gone'])
    expect(missingSegmentRefs(B.rule, lookup)).toEqual([])
  })

  it('refuse cycles with the chain of names', () => {
    const X = { id: 'X', name: 'X', rule: group('gx', [ref('rx', 'Y')]) }
    const Y = { id: 'Y', name: 'Y', rule: group('gy', [ref('ry', 'X')]) }
    const l = lookupIn([X, Y])
    expect(() => expandSegmentRefs(X.rule, l, 'X')).toThrow(SegmentCycleError)
    try {
      expandSegmentRefs(X.rule, l, 'X')
    } catch (e) {
      expect((e as SegmentCycleError).chain).toEqual(['X', 'Y', 'X'])
    }
    const self = { id: 'S', name: 'S', rule: group('gs', [ref('rs', 'S')]) }
    expect(() => expandSegmentRefs(self.rule, lookupIn([self]), 'S')).toThrow(/S → S/)
  })

  it('canReference offers only targets that do not reach back', () => {
    expect(canReference('C', 'B', lookup)).toBe(true)
    expect(canReference('A', 'B', lookup)).toBe(false) // B refers to A
    expect(canReference('A', 'C', lookup)).toBe(false) // C → B → A
    expect(canReference('A', 'A', lookup)).toBe(false)
    expect(canReference('B', 'C', lookup)).toBe(false)
    expect(referencedSegments(C.rule)).toEqual(['B'])
  })

  it('read in the summary with the segment name', () => {
    const names = (id: string) => lookup(id)?.name
    expect(summarize(C.rule, [], 'zh-CN', undefined, names)).toContain('不属于分群“常客”')
    expect(summarize(B.rule, [], 'en', undefined, names)).toContain('in segment "成熟客"')
  })

  it('must be expanded before toJsonLogic', () => {
    expect(() => toJsonLogic(B.rule)).toThrow(/expanded/)
  })
})
