import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import { computeBranchChecks } from '../../../src/core/flows/flowChecks'
import { branchCheckIssues } from '../../../src/core/flows/validateFlow'
import type { FlowGraph, SplitBranch } from '../../../src/core/flows/types'
import { ELSE_HANDLE } from '../../../src/core/flows/types'
import { applyLogic, isTruthy } from '../../../src/core/logic/customOps'
import { toJsonLogic } from '../../../src/core/logic/toJsonLogic'
import { action, branch, cond, customerArb, edge, entry, group, referenceEvaluator, ruleArb, split } from './fixtures'
import type { Customer } from './fixtures'

const c = (age: number | null, city: string | null = null, vip: boolean | null = null): Customer => ({ age, city, vip })

// Ages 20, 35, 50, 65, missing; cities 北京 for the first three.
const rows: Customer[] = [c(20, '北京'), c(35, '北京'), c(50, '北京'), c(65), c(null, '上海')]

/** e → s [over30: age > 30, beijing: city 北京, old: age > 60, kids: age < 10] ; only over30 → a1 connected. */
function sample(): FlowGraph {
  return {
    nodes: [
      entry('e'),
      split('s', [
        branch('over30', group([cond('age', 'gt', 30)])),
        branch('beijing', group([cond('city', 'any_of', ['北京'])])),
        branch('old', group([cond('age', 'gt', 60)])),
        branch('kids', group([cond('age', 'lt', 10)])),
      ]),
      action('a1'),
    ],
    edges: [edge('1', 'e', 's'), edge('2', 's', 'a1', 'over30')],
  }
}

describe('branch checks (overlap and empty branches)', () => {
  it('counts by hand on a small fixture, missing values matching no rule', () => {
    const checks = computeBranchChecks(sample(), referenceEvaluator(rows), rows.length, {})
    // over30 takes 35, 50, 65 (3). beijing: 20, 35, 50 match, 35 and 50 were taken → takes 1, overlap 2.
    // old: 65 matches, taken by over30 → takes 0, overlap 1. kids: nobody. The missing age goes to else.
    expect(checks).toEqual({
      s: {
        input: 5,
        branches: [
          { branchId: 'over30', customers: 3, overlap: 0 },
          { branchId: 'beijing', customers: 1, overlap: 2 },
          { branchId: 'old', customers: 0, overlap: 1 },
          { branchId: 'kids', customers: 0, overlap: 0 },
        ],
      },
    })
    expect(branchCheckIssues(sample(), checks)).toEqual([
      { code: 'overlapping_branches', nodeId: 's', params: { branch: 'beijing', count: 2 } },
      { code: 'overlapping_branches', nodeId: 's', params: { branch: 'old', count: 1 } },
      { code: 'empty_branch', nodeId: 's', params: { branch: 'old' } },
      { code: 'empty_branch', nodeId: 's', params: { branch: 'kids' } },
    ])
  })

  it('counts only customers reaching the split (a split behind another one)', () => {
    const g: FlowGraph = {
      nodes: [
        entry('e'),
        split('s0', [branch('bj', group([cond('city', 'any_of', ['北京'])]))]),
        split('s1', [branch('x', group([cond('age', 'gt', 30)])), branch('y', group([cond('age', 'gt', 40)]))]),
        action('a'),
      ],
      edges: [edge('1', 'e', 's0'), edge('2', 's0', 's1', 'bj'), edge('3', 's1', 'a', ELSE_HANDLE)],
    }
    const checks = computeBranchChecks(g, referenceEvaluator(rows), rows.length, {})
    // Reaching s1: the three 北京 customers (20, 35, 50). x takes 35, 50; y matches 50 only, already taken.
    expect(checks.s1).toEqual({ input: 3, branches: [{ branchId: 'x', customers: 2, overlap: 0 }, { branchId: 'y', customers: 0, overlap: 1 }] })
    expect(checks.s0.input).toBe(5)
  })

  it('reports nothing for a split nobody reaches, and nothing without checks', () => {
    const g = sample()
    g.edges = []
    const checks = computeBranchChecks(g, referenceEvaluator(rows), rows.length, {})
    expect(checks).toEqual({})
    expect(branchCheckIssues(g, checks)).toEqual([])
    expect(branchCheckIssues(g, null)).toEqual([])
  })

  it('matches a naive loop over customers on random rules', () => {
    fc.assert(
      fc.property(fc.array(customerArb, { maxLength: 40 }), fc.array(ruleArb, { minLength: 1, maxLength: 4 }), (customers, rules) => {
        const branches: SplitBranch[] = rules.map((r, i) => branch(`b${i}`, r))
        const g: FlowGraph = { nodes: [entry('e'), split('s', branches)], edges: [edge('1', 'e', 's')] }
        const checks = computeBranchChecks(g, referenceEvaluator(customers), customers.length, {})
        const match = (i: number, row: Customer) => isTruthy(applyLogic(toJsonLogic(rules[i]), row))
        const expected = rules.map((_, j) => ({
          branchId: `b${j}`,
          customers: customers.filter((row) => match(j, row) && !rules.slice(0, j).some((_, i) => match(i, row))).length,
          overlap: customers.filter((row) => match(j, row) && rules.slice(0, j).some((_, i) => match(i, row))).length,
        }))
        expect(checks.s).toEqual({ input: customers.length, branches: expected })
      }),
      { numRuns: 80 },
    )
  })
})
