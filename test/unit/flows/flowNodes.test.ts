import { describe, expect, it } from 'vitest'
import { generateDemo } from '../../../src/core/demo/generateDemo'
import { Engine } from '../../../src/core/engine/evaluate'
import { rowAt, type Row } from '../../../src/core/engine/columns'
import { measureStats } from '../../../src/core/engine/measure'
import { actionEconomics } from '../../../src/core/flows/actionEconomics'
import { compileFlow } from '../../../src/core/flows/compileFlow'
import { computeFlowCounts } from '../../../src/core/flows/computeFlowCounts'
import { newFilterNode, newRandomBranch, newRandomNode } from '../../../src/core/flows/defaultFlow'
import { removeRandomBranch, updateRandomBranch } from '../../../src/core/flows/editFlow'
import type { Condition, Group } from '../../../src/core/logic/types'
import { ELSE_HANDLE, type FlowGraph, type FlowNode } from '../../../src/core/flows/types'
import { validateFlow } from '../../../src/core/flows/validateFlow'
import { applyLogic } from '../../../src/core/logic/customOps'
import { referenceBucket } from './bucketReference'
import { action, edge, referenceEvaluator } from './fixtures'
import type { Customer } from './fixtures'

const at = { x: 0, y: 0 }
let n = 0
const c = (field: string, op: Condition['op'], value: Condition['value'], fieldType: Condition['fieldType']): Condition =>
  ({ kind: 'condition', id: `c${++n}`, field, op, value, fieldType })
const g = (children: Condition[]): Group => ({ kind: 'group', id: `g${++n}`, combinator: 'and', children })

/** entry (inline rule) → filter → random split 90 / 10 with a control group → two actions; rest unconnected. */
function campaign(entryRule: Group | null, filterRule: Group, idField: string): FlowGraph {
  const entry: FlowNode = { id: 'e', type: 'entry', position: at, data: { segmentId: null, rule: entryRule } }
  const filter = { ...newFilterNode(at, 'opt-in', 'f'), data: { label: 'opt-in', rule: filterRule } }
  const random = newRandomNode(at, idField, [newRandomBranch('treat', 9000, false, 't'), newRandomBranch('对照组', 1000, true, 'k')], 'seed-42', 'r')
  return {
    nodes: [entry, filter, random, action('aT'), action('aK')],
    edges: [edge('e-f', 'e', 'f'), edge('f-r', 'f', 'r'), edge('r-t', 'r', 'aT', 't'), edge('r-k', 'r', 'aK', 'k')],
  }
}

describe('entry, filter and random split on a hand-computed fixture', () => {
  // Rows carry an id for the hash; buckets for seed-42 come from the reference in the test.
  const rows = [
    { age: 25, city: '北京', vip: true }, { age: 45, city: '上海', vip: false }, { age: 65, city: '广州', vip: null },
    { age: null, city: '深圳', vip: true }, { age: 33, city: null, vip: true },
  ].map((r, i) => ({ ...r, id: `u${i}` })) as (Customer & { id: string })[]
  const flow = campaign(g([c('age', 'ge', 30, 'number')]), g([c('vip', 'is_true', undefined, 'boolean')]), 'id')

  it('the entry rule keeps ages ≥ 30 (a missing age fails), the filter passes vip, the hash splits the rest', () => {
    const counts = computeFlowCounts(flow, referenceEvaluator(rows), rows.length, {})
    // age ≥ 30: u1, u2, u4 (u3's age is missing); vip true among them: u4 only.
    expect(counts.nodes.e).toBe(3)
    expect(counts.edges['e-f']).toBe(3)
    expect(counts.nodes.f).toBe(3)
    expect(counts.edges['f-r']).toBe(1)
    const inControl = referenceBucket('u4', 'seed-42') >= 9000 ? 1 : 0
    expect(counts.nodes.aK).toBe(inControl)
    expect(counts.nodes.aT).toBe(1 - inControl)
    const compiled = compileFlow(flow, {})
    expect(rows.map((r) => applyLogic(compiled, r))).toEqual([null, null, null, null, inControl ? 'aK' : 'aT'])
  })

  it('an entry without rule or segment takes everyone; an empty filter lets everyone pass', () => {
    const everyone = campaign(null, g([]), 'id')
    const counts = computeFlowCounts(everyone, referenceEvaluator(rows), rows.length, {})
    expect(counts.nodes.e).toBe(5)
    expect(counts.nodes.r).toBe(5)
    const control = rows.filter((r) => referenceBucket(r.id, 'seed-42') >= 9000).length
    expect([counts.nodes.aT, counts.nodes.aK]).toEqual([5 - control, control])
  })
})

describe('random split editing and validation', () => {
  const flow = campaign(null, g([]), 'id')
  it('marks one control group at a time, and reports shares over 100 %', () => {
    const marked = updateRandomBranch(flow, 'r', 't', { control: true })
    const r = marked.nodes.find((x) => x.id === 'r')
    expect(r?.type === 'random' && r.data.branches.map((b) => b.control)).toEqual([true, false])
    const over = updateRandomBranch(flow, 'r', 't', { basisPoints: 9500 })
    expect(validateFlow(over, []).filter((i) => i.code === 'random_over_total')).toEqual([
      { code: 'random_over_total', nodeId: 'r', params: { percent: 105 } },
    ])
    expect(validateFlow(flow, []).some((i) => i.code === 'random_over_total')).toBe(false)
  })

  it('removing a branch removes its edge; the rest (buckets past the branches) takes the else handle', () => {
    const g2 = removeRandomBranch(flow, 'r', 'k')
    expect(g2.edges.some((e) => e.id === 'r-k')).toBe(false)
    const withRest = { ...g2, edges: [...g2.edges, edge('r-else', 'r', 'aK', ELSE_HANDLE)] }
    const ids = Array.from({ length: 500 }, (_, i) => ({ id: `x${i}` })) as unknown as Customer[]
    const counts = computeFlowCounts(withRest, referenceEvaluator(ids), ids.length, {})
    const rest = ids.filter((r) => referenceBucket((r as unknown as { id: string }).id, 'seed-42') >= 9000).length
    expect(counts.edges['r-else']).toBe(rest)
  })
})

describe('action economics', () => {
  it('cost = customers × cost, return = customers × value, net = return − cost', () => {
    const data = { name: 'a', channel: 'coupon' as const, offer: '', costPerCustomer: 2.5, valuePerCustomer: 8 }
    expect(actionEconomics(data, 120)).toEqual({ customers: 120, revenueShare: null, totalCost: 300, expectedReturn: 960, net: 660 })
    expect(actionEconomics({ name: 'b', channel: 'sms', offer: '' }, 7).net).toBe(0)
  })
})

describe('on the demo customers: json-logic-js routes every customer as the worker counts', () => {
  const demo = generateDemo(20260630, 5000)
  const table = demo.customers.table
  const engine = new Engine(table, { asOf: demo.asOf })
  const flow = campaign(
    g([c('age', 'ge', 25, 'number')]),
    g([c('sms_opt_in', 'is_true', undefined, 'boolean')]),
    'customer_id',
  )

  it('counts per action agree, and the control edge equals the reference hash', () => {
    const counts = computeFlowCounts(flow, (logic) => engine.evaluate(logic), table.rowCount, {}, (set) => measureStats(table, set, 'age'))
    const compiled = compileFlow(flow, {})
    const tally = new Map<unknown, number>()
    const rows: Row[] = []
    for (let i = 0; i < table.rowCount; i++) rows.push(rowAt(table, i))
    for (const row of rows) {
      const to = applyLogic(compiled, row)
      tally.set(to, (tally.get(to) ?? 0) + 1)
    }
    expect(tally.get('aT') ?? 0).toBe(counts.nodes.aT)
    expect(tally.get('aK') ?? 0).toBe(counts.nodes.aK)
    // Independent naive loop: age ≥ 25 (present), sms opt-in true, reference bucket ≥ 9000.
    const passing = rows.filter((r) => typeof r.age === 'number' && r.age >= 25 && r.sms_opt_in === true)
    const control = passing.filter((r) => referenceBucket(String(r.customer_id), 'seed-42') >= 9000)
    expect(counts.edges['r-k']).toBe(control.length)
    expect(counts.nodes.aT).toBe(passing.length - control.length)
    expect(control.length).toBeGreaterThan(0)
    // The measure per node is the naive sum of the field over the node's customers.
    expect(counts.measures?.aK.sum).toBe(control.reduce((s, r) => s + (r.age as number), 0))
  })
})
