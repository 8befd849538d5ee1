import 'fake-indexeddb/auto'
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { registerCustomOperations } from '../../../src/core/logic/customOps'
import type { JsonLogic } from '../../../src/core/logic/types'
import type { FromWorker, ProfileResult, VennResult } from '../../../src/worker/protocol'
import { demoReference, membersOfRule, type Reference } from '../engine/answersReference'
import { createHarness, SMALL_DEMO_CUSTOMERS, type Harness } from '../worker/harness'

// The 'venn' and 'profile' requests through the dispatcher on the small demo, against plain loops
// over the same demo's row objects (json-logic-js decides membership).

let ref: Reference
beforeAll(() => {
  registerCustomOperations()
  ref = demoReference(7, SMALL_DEMO_CUSTOMERS)
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

const FREQUENT: JsonLogic = { '>=': [{ var: 'order_count' }, 3] }
const OLDER: JsonLogic = { '>=': [{ var: 'age' }, 40] }
const WOMEN: JsonLogic = { in: [{ var: 'gender' }, ['女']] }

const isError = (m: FromWorker, code: string): void => {
  expect(m).toMatchObject({ type: 'error', error: { code } })
}

describe('venn', () => {
  it('answers each region of three segments like a loop over rows', async () => {
    const logics = [FREQUENT, OLDER, WOMEN]
    const sets = logics.map((l) => new Set(membersOfRule(ref, l)))
    const want = new Array<number>(8).fill(0)
    for (let i = 0; i < ref.rows.length; i++) want[sets.reduce((m, s, k) => m | (s.has(i) ? 1 << k : 0), 0)]++
    const r = await h.call<VennResult>('venn', { datasetId: id, rules: logics.map((logic, k) => ({ id: `s${k}`, logic })) })
    expect(r).toEqual({ ids: ['s0', 's1', 's2'], regions: want })
    expect(want.slice(1).every((n) => n > 0)).toBe(true)
  })
  it('refuses one or four segments', async () => {
    const rule = { id: 'a', logic: FREQUENT }
    isError(await h.send('venn', { datasetId: id, rules: [rule] }), 'bad_request')
    isError(await h.send('venn', { datasetId: id, rules: [rule, rule, rule, rule] }), 'bad_request')
  })
})

describe('profile', () => {
  it('counts each city of the segment and of the base (another segment), missing included, like a loop', async () => {
    const r = await h.call<ProfileResult>('profile', { datasetId: id, logic: FREQUENT, baseLogic: OLDER, fields: ['city'], top: 50 })
    const seg = membersOfRule(ref, FREQUENT), base = membersOfRule(ref, OLDER)
    expect([r.segmentSize, r.baseSize]).toEqual([seg.length, base.length])
    const tally = (members: number[]) => {
      const m = new Map<string, number>()
      for (const i of members) {
        const v = ref.rows[i].city
        const key = v === null ? '\u0000missing' : String(v)
        m.set(key, (m.get(key) ?? 0) + 1)
      }
      return m
    }
    const s = tally(seg), b = tally(base)
    const [city] = r.fields
    for (const bin of city.bins) {
      const key = bin.kind === 'missing' ? '\u0000missing' : bin.value!
      expect([bin.segment, bin.base], key).toEqual([s.get(key) ?? 0, b.get(key) ?? 0])
    }
    expect(city.bins.reduce((n, x) => n + x.segment, 0)).toBe(seg.length)
  })
  it('profiles every field but the id and tag list, ranked by distance, with progress', async () => {
    const seq = 777_001
    const m = await h.send('profile', { datasetId: id, logic: FREQUENT }, seq)
    if (m.type !== 'result') throw new Error(JSON.stringify(m))
    const r = m.result as ProfileResult
    const names = r.fields.map((f) => f.field)
    expect(names).not.toContain('customer_id')
    expect(names).not.toContain('tags')
    expect(names).toContain('order_count')
    for (let k = 1; k < r.fields.length; k++) expect(r.fields[k - 1].tvd).toBeGreaterThanOrEqual(r.fields[k].tvd)
    expect(r.baseSize).toBe(SMALL_DEMO_CUSTOMERS)
    expect(h.progressOf(seq).map((p) => p.phase)).toContain('profile')
  })
  it('stops on cancel', async () => {
    const seq = 777_002
    h.onPost = (msg) => {
      if (msg.seq === seq && msg.type === 'progress') void h.dispatcher.handle({ type: 'cancel', seq })
    }
    isError(await h.send('profile', { datasetId: id, logic: FREQUENT }, seq), 'cancelled')
  })
})
