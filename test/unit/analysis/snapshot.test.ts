import 'fake-indexeddb/auto'
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { buildSnapshot, hasBit } from '../../../src/core/analysis/snapshot'
import { tenureColumn } from '../../../src/core/analysis/snapshotFields'
import type { SnapshotComparison } from '../../../src/core/analysis/snapshotCompare'
import { Bitset } from '../../../src/core/engine/bitset'
import type { Row } from '../../../src/core/engine/columns'
import type { DatasetMeta } from '../../../src/core/io/types'
import { registerCustomOperations } from '../../../src/core/logic/customOps'
import type { JsonLogic } from '../../../src/core/logic/types'
import { getSnapshot, listSnapshots, type SnapshotSummary } from '../../../src/db/snapshots'
import { referenceMembers } from '../engine/helpers'
import { createHarness, type Harness } from '../worker/harness'

const bits = (n: number, set: number[]): Bitset => {
  const b = new Bitset(n)
  set.forEach((i) => b.set(i))
  return b
}

describe('buildSnapshot', () => {
  it('sums sizes and revenue over all rows but keeps only rows with an id (first of a duplicate) in the membership', () => {
    const ids = ['a', null, 'c', 'a', 'e']
    const value = Float64Array.from([10, 20, NaN, 40, 50])
    const r = buildSnapshot({
      idOf: (i) => ids[i], rowCount: 5, value, rfm: Int32Array.from([0, 1, -1, 2, 7]),
      segments: [{ id: 's', name: 'S', members: bits(5, [0, 1, 2, 3]) }, { id: 't', name: 'T', members: bits(5, [4]) }],
    })
    expect(r.segments).toEqual([{ id: 's', name: 'S', size: 4, revenue: 70 }, { id: 't', name: 'T', size: 1, revenue: 50 }])
    expect(r.members.ids).toEqual(['a', 'c', 'e'])
    expect([0, 1, 2].map((k) => hasBit(r.members.groups[0], k))).toEqual([true, true, false])
    expect([0, 1, 2].map((k) => hasBit(r.members.groups[1], k))).toEqual([false, false, true])
    expect([...r.members.value!]).toEqual([10, NaN, 50])
    expect([...r.members.rfm!]).toEqual([0, -1, 7])
    expect(r.members.tenureDays).toBeNull()
  })
})

describe('tenureColumn', () => {
  const DAY_MS = 86_400_000
  it('prefers a tenure_days number field, else days from a signup/first-purchase date to as-of, else none', () => {
    const num = { rowCount: 2, fields: [{ name: 'signup_date', type: 'date' as const }, { name: 'x_tenure_days', type: 'number' as const }],
      columns: { signup_date: { type: 'date' as const, dateFormat: 'date' as const, values: Float64Array.from([0, 0]) }, x_tenure_days: { type: 'number' as const, values: Float64Array.from([5, NaN]) } } }
    expect([...tenureColumn(num, 10 * DAY_MS)!]).toEqual([5, NaN])
    const date = { rowCount: 2, fields: [{ name: 'signup_date', type: 'date' as const }],
      columns: { signup_date: { type: 'date' as const, dateFormat: 'date' as const, values: Float64Array.from([3 * DAY_MS, NaN]) } } }
    expect([...tenureColumn(date, 10 * DAY_MS)!]).toEqual([7, NaN])
    expect(tenureColumn({ rowCount: 0, fields: [], columns: {} }, 0)).toBeUndefined()
  })
})

// Through the dispatcher on the small demo: sizes, revenue and a migration cell against json-logic-js
// over the rows the worker holds before and after the as-of date moves back 60 days.
const FREQUENT: JsonLogic = { '>=': [{ var: 'order_count' }, 3] }
const RECENT: JsonLogic = { '<=': [{ var: 'days_since_last_order' }, 30] }
const DAY = 86_400_000

let h: Harness
let id: string
beforeAll(() => registerCustomOperations())
beforeEach(async () => {
  h = createHarness()
  id = (await h.call<{ datasetId: string }>('ensureDemo', {})).datasetId
})
afterEach(async () => {
  await h.db.delete()
})

async function rowsNow(): Promise<{ rows: Row[]; meta: DatasetMeta }> {
  const meta = await h.call<DatasetMeta>('open', { datasetId: id })
  const { rows } = await h.call<{ rows: Row[] }>('rows', { datasetId: id, offset: 0, limit: meta.rowCount })
  return { rows, meta }
}
const segments = [{ id: 'f', name: 'Frequent', logic: FREQUENT }, { id: 'r', name: 'Recent', logic: RECENT }]
const take = (): Promise<SnapshotSummary> => h.call<SnapshotSummary>('takeSnapshot', { datasetId: id, ruleSetId: 'rs', segments })
const idsOf = (rows: Row[], logic: JsonLogic, asOf: number): Set<string> =>
  new Set(referenceMembers(rows, logic, asOf).map((i) => String(rows[i].customer_id)))

describe('takeSnapshot / compareSnapshots (worker)', () => {
  it('stores sizes and revenue equal to json-logic-js over the rows, and one snapshot per as-of date', async () => {
    const { rows, meta } = await rowsNow()
    const s = await take()
    const sum = (members: number[]): number => members.reduce((t, i) => t + (typeof rows[i].total_amount === 'number' ? rows[i].total_amount as number : 0), 0)
    for (const [k, seg] of segments.entries()) {
      const members = referenceMembers(rows, seg.logic, meta.asOf)
      expect(s.segments[k].size).toBe(members.length)
      expect(s.segments[k].revenue).toBeCloseTo(sum(members), 6)
    }
    expect(s).toMatchObject({ total: rows.length, matched: rows.length, measure: 'total_amount', asOf: meta.asOf })
    const stored = await getSnapshot(s.id, h.db)
    expect(stored.members.rfm).not.toBeNull()
    await take()
    expect(await listSnapshots('rs', id, h.db)).toHaveLength(1)
  })

  it('counts a migration cell like id matching over both versions of the rows', async () => {
    const before = await rowsNow()
    const a = await take()
    await h.call('deriveFields', { datasetId: id, asOf: before.meta.asOf - 60 * DAY })
    const after = await rowsNow()
    const b = await take()
    expect(a.id).not.toBe(b.id)
    expect((await listSnapshots('rs', id, h.db)).map((s) => s.id)).toEqual([b.id, a.id]) // oldest as-of first
    const r = await h.call<SnapshotComparison>('compareSnapshots', { earlierId: b.id, laterId: a.id })
    expect(r.daysBetween).toBe(60)
    const recentThen = idsOf(after.rows, RECENT, after.meta.asOf), recentNow = idsOf(before.rows, RECENT, before.meta.asOf)
    const stayed = [...recentThen].filter((x) => recentNow.has(x)).length
    expect(r.segments.cells[1][1]).toBe(stayed)
    // The whole matrix by a naive loop over ids: labels at each version (2 = in no segment).
    const setsThen = segments.map((seg) => idsOf(after.rows, seg.logic, after.meta.asOf))
    const setsNow = segments.map((seg) => idsOf(before.rows, seg.logic, before.meta.asOf))
    const labels = (sets: Set<string>[], cid: string): number[] => {
      const l = sets.flatMap((set, k) => (set.has(cid) ? [k] : []))
      return l.length > 0 ? l : [2]
    }
    const want = Array.from({ length: 4 }, () => new Array<number>(4).fill(0))
    for (const row of before.rows) {
      const cid = String(row.customer_id)
      for (const x of labels(setsThen, cid)) for (const y of labels(setsNow, cid)) want[x][y]++
    }
    expect(r.segments.cells).toEqual(want)
    expect(r.segments.cells[3].every((v) => v === 0)).toBe(true) // same customers: nobody new
    expect(r.segments.cells.map((row) => row[3]).every((v) => v === 0)).toBe(true) // nobody gone
    expect(r.rfm?.cells.flat().reduce((x, y) => x + y, 0)).toBe(before.rows.length)
  })
})
