import 'fake-indexeddb/auto'
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { rowAt, type Row } from '../../../src/core/engine/columns'
import { applyDerived, deriveOrderFields } from '../../../src/core/derive/deriveOrderFields'
import { DEMO_LINKS } from '../../../src/core/demo/generateDemo'
import type { FlowCounts, FlowGraph } from '../../../src/core/flows/types'
import { createHarness, smallDemo } from '../worker/harness'
import type { Harness } from '../worker/harness'
import { referenceBucket } from './bucketReference'

// The worker's 'flowCounts' over the (small) demo: a filter and a random split, and the measure per
// node, against a naive loop over the demo rows as core builds them.
let rows: Row[]
beforeAll(() => {
  const demo = smallDemo()
  const derived = deriveOrderFields(demo.customers.table, DEMO_LINKS.customerIdField, demo.orders.table, DEMO_LINKS.eventCustomerIdField, {
    dateField: DEMO_LINKS.dateField, amountField: DEMO_LINKS.amountField, asOf: demo.asOf,
  })
  const table = applyDerived(demo.customers.table, derived)
  rows = Array.from({ length: table.rowCount }, (_, i) => rowAt(table, i))
})

let h: Harness
beforeEach(() => {
  h = createHarness()
})
afterEach(async () => {
  await h.db.delete()
})

const at = { x: 0, y: 0 }
const graph: FlowGraph = {
  nodes: [
    { id: 'e', type: 'entry', position: at, data: { segmentId: null } },
    {
      id: 'f', type: 'filter', position: at,
      data: { label: 'buyers', rule: { kind: 'group', id: 'g', combinator: 'and', children: [{ kind: 'condition', id: 'c', field: 'order_count', op: 'ge', value: 1 }] } },
    },
    { id: 'r', type: 'random', position: at, data: { seed: 'w', idField: 'customer_id', branches: [{ id: 't', label: 'T', basisPoints: 8000 }, { id: 'k', label: '对照组', basisPoints: 2000, control: true }] } },
    { id: 'aT', type: 'action', position: at, data: { name: 'T', channel: 'coupon', offer: '', costPerCustomer: 1 } },
    { id: 'aK', type: 'action', position: at, data: { name: 'K', channel: 'sms', offer: '' } },
  ],
  edges: [
    { id: 'e0', source: 'e', target: 'f' }, { id: 'e1', source: 'f', target: 'r' },
    { id: 'e2', source: 'r', sourceHandle: 't', target: 'aT' }, { id: 'e3', source: 'r', sourceHandle: 'k', target: 'aK' },
  ],
}

describe("the worker's flowCounts with filter, random split and a measure", () => {
  it('counts and sums each action as a naive loop does', async () => {
    const { datasetId } = await h.call<{ datasetId: string }>('ensureDemo', {})
    const r = await h.call<FlowCounts>('flowCounts', { datasetId, graph, segmentLogic: {}, measure: 'total_amount' })
    const buyers = rows.filter((x) => typeof x.order_count === 'number' && x.order_count >= 1)
    const control = buyers.filter((x) => referenceBucket(String(x.customer_id), 'w') >= 8000)
    expect(control.length).toBeGreaterThan(0)
    expect(r.edges).toEqual({ e0: rows.length, e1: buyers.length, e2: buyers.length - control.length, e3: control.length })
    const sum = (xs: Row[]) => xs.reduce((s, x) => s + (typeof x.total_amount === 'number' ? x.total_amount : 0), 0)
    expect(r.measures?.aK.sum).toBeCloseTo(sum(control), 6)
    expect(r.measures?.aK.share).toBeCloseTo(sum(control) / sum(rows), 9)
  })

  it('refuses a measure that is not a number field', async () => {
    const { datasetId } = await h.call<{ datasetId: string }>('ensureDemo', {})
    const answer = await h.send('flowCounts', { datasetId, graph, segmentLogic: {}, measure: 'gender' })
    expect(JSON.stringify(answer)).toContain('not a number')
  })
})
