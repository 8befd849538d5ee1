import 'fake-indexeddb/auto'
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { rowAt } from '../../../src/core/engine/columns'
import type { ColumnarTable, RowValue } from '../../../src/core/engine/columns'
import type { FieldStats } from '../../../src/core/engine/query'
import type { FlowCounts, FlowGraph } from '../../../src/core/flows/types'
import { applyLogic, isTruthy, registerCustomOperations, setEvaluationAsOf } from '../../../src/core/logic/customOps'
import { toJsonLogic } from '../../../src/core/logic/toJsonLogic'
import type { Group, JsonLogic } from '../../../src/core/logic/types'
import { listDatasets } from '../../../src/db/datasets'
import type { CountResult } from '../../../src/worker/protocol'
import { dumpDb } from '../../db/fixtures'
import { createHarness, SMALL_DEMO_CUSTOMERS, SMALL_DEMO_SEED } from './harness'
import type { Harness } from './harness'
import { demoReference } from '../engine/answersReference'

// Expected values come from the reference evaluator (json-logic-js, row by row) on the demo as
// core builds it, never from the engine the dispatcher uses.
let reference: { table: ColumnarTable; asOf: number }

function referenceRows(logic: JsonLogic): number[] {
  setEvaluationAsOf(reference.asOf)
  const out: number[] = []
  for (let i = 0; i < reference.table.rowCount; i++) if (isTruthy(applyLogic(logic, rowAt(reference.table, i)))) out.push(i)
  return out
}

const RULES: Record<string, JsonLogic> = {
  frequent: { '>=': [{ var: 'order_count' }, 3] },
  recentWomen: { and: [{ '==': [{ var: 'gender' }, '女'] }, { in_last_days: [{ var: 'last_order_date' }, 90] }] },
  sportyOrBig: { or: [{ list_any: [{ var: 'tags' }, ['运动', '旅行']] }, { '>': [{ var: 'total_amount' }, 2000] }] },
  noEmail: { '!': { var: 'email_opt_in' } },
  agedMissing: { '==': [{ var: 'age' }, null] },
}

beforeAll(() => {
  registerCustomOperations()
  reference = demoReference(SMALL_DEMO_SEED, SMALL_DEMO_CUSTOMERS)
})

let h: Harness
beforeEach(() => {
  h = createHarness()
})
afterEach(async () => {
  await h.db.delete()
})

async function demoId(): Promise<string> {
  return (await h.call<{ datasetId: string }>('ensureDemo', {})).datasetId
}

describe('ensureDemo', () => {
  it('creates the demo once: customers with derived order fields, and their orders', async () => {
    const id = await demoId()
    const list = await listDatasets(h.db)
    expect(list.map((d) => d.kind).sort()).toEqual(['customers', 'events'])
    const customers = list.find((d) => d.kind === 'customers')!
    expect(customers.id).toBe(id)
    expect(customers.rowCount).toBe(SMALL_DEMO_CUSTOMERS)
    expect(customers.fields.filter((f) => f.derived).map((f) => f.name)).toContain('order_count')
    expect(list.find((d) => d.kind === 'events')!.parentId).toBe(id)
    expect(await demoId()).toBe(id)
    expect(await listDatasets(h.db)).toHaveLength(2)
  })
})

describe('count, counts, members, rows, flowCounts', () => {
  it('count matches the reference evaluator on the demo, with a sample of the first members', async () => {
    const id = await demoId()
    setEvaluationAsOf(0) // the dispatcher must use the dataset's asOf, not whatever was set before
    for (const [name, logic] of Object.entries(RULES)) {
      const expected = referenceRows(logic)
      expect(expected.length, name).toBeGreaterThan(0)
      expect(expected.length, name).toBeLessThan(SMALL_DEMO_CUSTOMERS)
      setEvaluationAsOf(0)
      const r = await h.call<CountResult>('count', { datasetId: id, logic, sample: 5 })
      expect(r.count, name).toBe(expected.length)
      expect(r.total).toBe(SMALL_DEMO_CUSTOMERS)
      expect(r.sample, name).toEqual(expected.slice(0, 5).map((i) => rowAt(reference.table, i)))
    }
  })

  it('counts answers per rule and leaves out a rule it refuses', async () => {
    const id = await demoId()
    const rules = [...Object.entries(RULES).map(([rid, logic]) => ({ id: rid, logic })), { id: 'evil', logic: { var: 'constructor.constructor' } }]
    const r = await h.call<Record<string, number>>('counts', { datasetId: id, rules })
    expect(r).toEqual(Object.fromEntries(Object.entries(RULES).map(([rid, logic]) => [rid, referenceRows(logic).length])))
  })

  it('members returns the ids of the reference matches', async () => {
    const id = await demoId()
    const ids = await h.call<string[]>('members', { datasetId: id, logic: RULES.recentWomen })
    expect(ids).toEqual(referenceRows(RULES.recentWomen).map((i) => rowAt(reference.table, i).customer_id))
  })

  it('fieldValues counts each value (each tag once per row) like a plain loop over the rows', async () => {
    const id = await demoId()
    const r = await h.call<Record<string, { value: string; count: number }[]>>('fieldValues', { datasetId: id, fields: ['city', 'tags', 'age', 'nope'], limit: 5 })
    for (const field of ['city', 'tags']) {
      const tally = new Map<string, number>()
      for (let i = 0; i < reference.table.rowCount; i++) {
        const v = rowAt(reference.table, i)[field]
        for (const x of Array.isArray(v) ? new Set(v) : v === null ? [] : [String(v)]) tally.set(x, (tally.get(x) ?? 0) + 1)
      }
      const expected = [...tally].map(([value, count]) => ({ value, count }))
        .sort((a, b) => b.count - a.count || (a.value < b.value ? -1 : 1)).slice(0, 5)
      expect(r[field], field).toEqual(expected)
    }
    expect(r.age).toEqual([])
    expect(Object.hasOwn(r, 'nope')).toBe(false)
  })

  it('rows pages through the table, loaded or not', async () => {
    const id = await demoId()
    const expected = Array.from({ length: 30 }, (_, k) => rowAt(reference.table, 700 + k))
    const cold = await h.call<{ rows: unknown[]; total: number }>('rows', { datasetId: id, offset: 700, limit: 30 })
    await h.call('open', { datasetId: id })
    const warm = await h.call<{ rows: unknown[]; total: number }>('rows', { datasetId: id, offset: 700, limit: 30 })
    expect(cold).toEqual({ rows: expected, total: SMALL_DEMO_CUSTOMERS })
    expect(warm).toEqual(cold)
  })

  it('flowCounts routes customers like the reference rules', async () => {
    const id = await demoId()
    const older: Group = { kind: 'group', id: 'g', combinator: 'and', children: [{ kind: 'condition', id: 'c', field: 'age', op: 'ge', value: 40 }] }
    const graph: FlowGraph = {
      nodes: [
        { id: 'entry', type: 'entry', position: { x: 0, y: 0 }, data: { segmentId: 'seg' } },
        { id: 'split', type: 'split', position: { x: 0, y: 1 }, data: { branches: [{ id: 'old', label: '40+', rule: older }] } },
        { id: 'a', type: 'action', position: { x: 0, y: 2 }, data: { name: 'A', channel: 'sms', offer: 'x' } },
        { id: 'b', type: 'action', position: { x: 1, y: 2 }, data: { name: 'B', channel: 'email', offer: 'y' } },
      ],
      edges: [
        { id: 'e0', source: 'entry', target: 'split' },
        { id: 'e1', source: 'split', sourceHandle: 'old', target: 'a' },
        { id: 'e2', source: 'split', sourceHandle: 'else', target: 'b' },
      ],
    }
    const r = await h.call<FlowCounts>('flowCounts', { datasetId: id, graph, segmentLogic: { seg: RULES.sportyOrBig } })
    const entry = referenceRows(RULES.sportyOrBig).length
    const a = referenceRows({ and: [RULES.sportyOrBig, toJsonLogic(older)] }).length
    expect(a).toBeGreaterThan(0)
    expect(r.nodes).toEqual({ entry, split: entry, a, b: entry - a })
    expect(r.edges).toEqual({ e0: entry, e1: a, e2: entry - a })
  })
})

describe('errors and cancel', () => {
  it('answers a malformed request with bad_request and an unsafe rule with invalid_logic', async () => {
    const id = await demoId()
    const bad = [
      await h.send('explode', {}),
      await h.send('count', { datasetId: id }),
      await h.send('rows', { datasetId: id, offset: -1, limit: 5 }),
      await h.send('importTable', { name: 'x', kind: 'events', text: 'a\n1', fields: [{ name: 'a', type: 'number' }], idField: 'a' }),
    ]
    for (const m of bad) expect(m).toMatchObject({ type: 'error', error: { code: 'bad_request' } })
    const evil = await h.send('count', { datasetId: id, logic: { '==': [{ var: 'constructor.constructor' }, 1] } })
    expect(evil).toMatchObject({ type: 'error', error: { code: 'invalid_logic' } })
    expect(await h.send('count', { datasetId: 'nope', logic: true })).toMatchObject({ type: 'error', error: { code: 'not_found' } })
  })

  it('ignores a message it cannot answer (no seq)', async () => {
    await h.dispatcher.handle({ type: 'count' })
    await h.dispatcher.handle(null)
    expect(h.posted).toEqual([])
  })

  it('cancels a queued request: it answers cancelled, not a result', async () => {
    const id = await demoId()
    const answer = h.dispatcher.handle({ seq: 1, type: 'count', payload: { datasetId: id, logic: RULES.frequent } })
    await h.dispatcher.handle({ type: 'cancel', seq: 1 })
    await answer
    expect(h.posted.filter((m) => m.seq === 1)).toEqual([{ seq: 1, type: 'error', error: expect.objectContaining({ code: 'cancelled' }) }])
  })

  it('cancels an import while it saves, leaving the database as before', async () => {
    await demoId()
    const before = await dumpDb(h.db)
    const text = ['id,score', ...Array.from({ length: 3000 }, (_, i) => `k${i},${i}`)].join('\n')
    h.onPost = (m) => {
      if (m.seq === 77 && m.type === 'progress' && m.progress.phase === 'save' && m.progress.done > 0) void h.dispatcher.handle({ type: 'cancel', seq: 77 })
    }
    const m = await h.send('importTable', { name: 'big', kind: 'customers', text, fields: [{ name: 'id', type: 'text' }, { name: 'score', type: 'number' }], idField: 'id' }, 77)
    expect(m).toMatchObject({ type: 'error', error: { code: 'cancelled' } })
    expect(h.progressOf(77).some((p) => p.phase === 'save' && p.done > 0)).toBe(true)
    expect(await dumpDb(h.db)).toEqual(before)
  })
})

/** One field of every reference row, in row order. */
const column = (field: string): RowValue[] => Array.from({ length: reference.table.rowCount }, (_, i) => rowAt(reference.table, i)[field])

describe('fieldStats through the dispatcher', () => {
  it('answers number and date fields like a loop over the rows, leaving out other and unknown fields', async () => {
    const id = await demoId()
    const r = await h.call<Record<string, FieldStats>>('fieldStats', { datasetId: id, fields: ['age', 'signup_date', 'city', 'nope'], bins: 12 })
    expect(Object.keys(r).sort()).toEqual(['age', 'signup_date'])

    const ages = column('age').filter((v): v is number => v !== null)
    expect(r.age).toMatchObject({ type: 'number', min: Math.min(...ages), max: Math.max(...ages), present: ages.length })
    expect(r.age.present + r.age.missing).toBe(SMALL_DEMO_CUSTOMERS)
    expect(r.age.histogram).toHaveLength(12)
    const ageBins = (r.age as Extract<FieldStats, { type: 'number' }>).histogram
    ageBins.forEach((b, k) => {
      const last = k === ageBins.length - 1
      expect(b.count, `age bin ${k}`).toBe(ages.filter((v) => v >= b.from && (last ? v <= b.to : v < b.to)).length)
    })

    const days = column('signup_date').filter((v): v is string => v !== null).sort()
    expect(r.signup_date).toMatchObject({ type: 'date', min: days[0], max: days[days.length - 1], present: days.length })
    expect(r.signup_date.missing).toBe(SMALL_DEMO_CUSTOMERS - days.length)
    expect(r.signup_date.histogram.length).toBeLessThanOrEqual(12)
    for (const b of r.signup_date.histogram) {
      expect(b.count).toBe(days.filter((d) => d >= (b.from as string) && d <= (b.to as string)).length)
    }
  })

  it('refuses more than 50 bins, no bins, and a missing field list with bad_request', async () => {
    const id = await demoId()
    const bad = [
      await h.send('fieldStats', { datasetId: id, fields: ['age'], bins: 51 }),
      await h.send('fieldStats', { datasetId: id, fields: ['age'], bins: 0 }),
      await h.send('fieldStats', { datasetId: id, bins: 10 }),
    ]
    for (const m of bad) expect(m).toMatchObject({ type: 'error', error: { code: 'bad_request' } })
    expect(await h.send('fieldStats', { datasetId: 'nope', fields: ['age'], bins: 10 })).toMatchObject({ type: 'error', error: { code: 'not_found' } })
  })
})
