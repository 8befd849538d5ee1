import 'fake-indexeddb/auto'
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import type { Breakdown } from '../../../src/core/engine/breakdown'
import type { MemberPage } from '../../../src/core/engine/page'
import { registerCustomOperations, setEvaluationAsOf } from '../../../src/core/logic/customOps'
import type { Group, JsonLogic } from '../../../src/core/logic/types'
import type { CountResult, FromWorker, OverlapResult } from '../../../src/worker/protocol'
import {
  demoReference, listRow, membersOfRule, naiveBreakdown, naiveMeasure, naiveOrder, naiveOverlap, type Reference,
} from '../engine/answersReference'
import { createHarness, SMALL_DEMO_CUSTOMERS, type Harness } from './harness'

// The dispatcher path of count+measure, overlap, page and breakdown on the small demo the harness
// creates, against plain loops over the same demo built by core (never the worker's engine).

let ref: Reference
beforeAll(() => {
  registerCustomOperations()
  ref = demoReference(7, SMALL_DEMO_CUSTOMERS) // what harness.ts smallDemo() generates
})

let h: Harness
let id: string
beforeEach(async () => {
  h = createHarness()
  id = (await h.call<{ datasetId: string }>('ensureDemo', {})).datasetId
})
afterEach(async () => {
  await h.db.delete()
})

const RULES: Record<string, JsonLogic> = {
  frequent: { '>=': [{ var: 'order_count' }, 3] },
  recentWomen: { and: [{ '==': [{ var: 'gender' }, '女'] }, { in_last_days: [{ var: 'last_order_date' }, 90] }] },
  sportyOrBig: { or: [{ list_any: [{ var: 'tags' }, ['运动', '旅行']] }, { '>': [{ var: 'total_amount' }, 2000] }] },
  noAge: { '==': [{ var: 'age' }, null] },
}

function expectError(m: FromWorker, code: string, message: RegExp): void {
  expect(m).toMatchObject({ type: 'error', error: { code } })
  if (m.type === 'error') expect(m.error.message).toMatch(message)
}

describe('count with a measure', () => {
  it('adds sum, average, present count and share of the measure, like a loop over the member rows', async () => {
    setEvaluationAsOf(0) // the worker must use the dataset's asOf
    for (const [name, logic] of Object.entries(RULES)) {
      const members = membersOfRule(ref, logic)
      expect(members.length, name).toBeGreaterThan(0)
      for (const measure of ['total_amount', 'age']) {
        const r = await h.call<CountResult>('count', { datasetId: id, logic, sample: 2, measure })
        expect(r.count, name).toBe(members.length)
        expect(r.measure, `${name} ${measure}`).toEqual(naiveMeasure(ref.rows, members, measure))
      }
    }
    const plain = await h.call<CountResult>('count', { datasetId: id, logic: RULES.frequent })
    expect(plain).not.toHaveProperty('measure')
  })

  it('refuses a measure that is unknown or not a number', async () => {
    expectError(await h.send('count', { datasetId: id, logic: true, measure: 'city' }), 'bad_request', /"city" is a category, not a number/)
    expectError(await h.send('count', { datasetId: id, logic: true, measure: 'revenue' }), 'bad_request', /Unknown field "revenue"/)
    expectError(await h.send('count', { datasetId: id, logic: true, measure: 3 }), 'bad_request', /measure/)
  })
})

describe('overlap', () => {
  it('answers the pairwise overlap of the segments in the order asked', async () => {
    const rules = Object.entries(RULES).map(([rid, logic]) => ({ id: rid, logic }))
    const r = await h.call<OverlapResult>('overlap', { datasetId: id, rules })
    const want = naiveOverlap(rules.map((rule) => membersOfRule(ref, rule.logic)))
    expect(r).toEqual({ ids: Object.keys(RULES), sizes: want.map((row, i) => row[i]), matrix: want })
    expect(want[0][2]).toBeGreaterThan(0)
  })

  it('refuses no segment, more than 20, and a rule the engine refuses', async () => {
    const rule = (k: number) => ({ id: `s${k}`, logic: { '>=': [{ var: 'age' }, k] } })
    const twenty = await h.call<OverlapResult>('overlap', { datasetId: id, rules: Array.from({ length: 20 }, (_, k) => rule(k)) })
    expect(twenty.matrix).toHaveLength(20)
    expectError(await h.send('overlap', { datasetId: id, rules: Array.from({ length: 21 }, (_, k) => rule(k)) }), 'bad_request', /at most 20 segments/)
    expectError(await h.send('overlap', { datasetId: id, rules: [] }), 'bad_request', /1 to 20 segments/)
    const evil = { id: 'evil', logic: { var: 'constructor.constructor' } }
    expectError(await h.send('overlap', { datasetId: id, rules: [rule(1), evil] }), 'invalid_logic', /segment 2 \("evil"\)/)
  })
})

describe('page', () => {
  it('pages members sorted by a field like a comparator sort of the reference members', async () => {
    const logic = RULES.sportyOrBig
    const members = membersOfRule(ref, logic)
    for (const [sortField, direction] of [['total_amount', 'desc'], ['last_order_date', 'asc'], ['city', 'asc'], ['age', 'desc']] as const) {
      const want = naiveOrder(ref, members, sortField, direction)
      for (const [offset, limit] of [[0, 50], [0, 500], [1000, 500], [40, 7]]) {
        const r = await h.call<MemberPage>('page', { datasetId: id, logic, sortField, direction, offset, limit })
        expect(r.total).toBe(members.length)
        expect(r.rows, `${sortField} ${direction} ${offset}`).toEqual(want.slice(offset, offset + limit).map((i) => listRow(ref, i, 'customer_id')))
      }
    }
    // All customers: pages past the first thousand sort everyone once; the cached order then serves page one.
    const everyone = naiveOrder(ref, ref.rows.map((_, i) => i), 'total_amount', 'desc')
    for (const offset of [1000, 0]) {
      const r = await h.call<MemberPage>('page', { datasetId: id, logic: true, sortField: 'total_amount', direction: 'desc', offset, limit: 500 })
      expect(r.rows, `everyone ${offset}`).toEqual(everyone.slice(offset, offset + 500).map((i) => listRow(ref, i, 'customer_id')))
    }
    const rowOrder = await h.call<MemberPage>('page', { datasetId: id, logic, direction: 'asc', offset: 10, limit: 5 })
    expect(rowOrder.rows).toEqual(members.slice(10, 15).map((i) => listRow(ref, i, 'customer_id')))
  })

  it('refuses a page over 500 rows, an unknown sort field and a tag list', async () => {
    const page = { datasetId: id, logic: true, direction: 'asc', offset: 0 }
    expectError(await h.send('page', { ...page, limit: 501 }), 'bad_request', /at most 500 rows/)
    expectError(await h.send('page', { ...page, limit: 10, sortField: 'revenue' }), 'bad_request', /Unknown sort field "revenue"/)
    expectError(await h.send('page', { ...page, limit: 10, sortField: 'tags' }), 'bad_request', /tag list/)
    expectError(await h.send('page', { ...page, limit: 10, direction: 'up' }), 'bad_request', /direction/)
  })
})

const BUILDER_RULE: Group = {
  kind: 'group', id: 'root', combinator: 'and', children: [
    { kind: 'condition', id: 'c1', field: 'gender', op: 'any_of', value: ['女'], fieldType: 'category' },
    { kind: 'group', id: 'g1', combinator: 'or', children: [
      { kind: 'condition', id: 'c2', field: 'tags', op: 'any_of', value: ['运动'], fieldType: 'list' },
      { kind: 'condition', id: 'c3', field: 'total_amount', op: 'gt', value: 1000, fieldType: 'number' },
    ] },
    { kind: 'group', id: 'g2', combinator: 'and', not: true, children: [
      { kind: 'condition', id: 'c4', field: 'age', op: 'lt', value: 30, fieldType: 'number' },
      { kind: 'condition', id: 'c5', field: 'email_opt_in', op: 'is_false', fieldType: 'boolean' },
    ] },
    { kind: 'advanced', id: 'a1', logic: { '>=': [{ var: 'order_count' }, 1] } },
  ],
}

describe('breakdown', () => {
  it('counts each node alone and the funnel of each AND group like json-logic-js', async () => {
    await h.call('count', { datasetId: id, logic: true })
    const r = await h.call<Breakdown>('breakdown', { datasetId: id, rule: BUILDER_RULE })
    expect(r).toEqual(naiveBreakdown(ref, BUILDER_RULE))
    expect(r.remaining.a1).toBeGreaterThan(0)
  })

  it('refuses repeated node ids, a malformed tree and unsafe advanced logic', async () => {
    const twice: Group = { ...BUILDER_RULE, children: [...BUILDER_RULE.children, { kind: 'advanced', id: 'c1', logic: true }] }
    expectError(await h.send('breakdown', { datasetId: id, rule: twice }), 'bad_request', /"c1" appears more than once/)
    expectError(await h.send('breakdown', { datasetId: id, rule: { kind: 'group', id: 'r', combinator: 'xor', children: [] } }), 'bad_request', /combinator/)
    const evil: Group = { kind: 'group', id: 'r', combinator: 'and', children: [{ kind: 'advanced', id: 'x', logic: { var: '__proto__' } }] }
    expectError(await h.send('breakdown', { datasetId: id, rule: evil }), 'invalid_logic', /__proto__/)
  })
})
