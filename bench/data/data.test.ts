import 'fake-indexeddb/auto'
import { spawn } from 'node:child_process'
import { describe, expect, it } from 'vitest'
import type { ColumnarTable } from '../../src/core/engine/columns'
import { openDatabase } from '../../src/db/database'
import type { SegmentFlowDb } from '../../src/db/database'
import { createEngineClient } from '../../src/worker/client'
import type { EngineClient, WorkerLike } from '../../src/worker/client'
import { createDispatcher } from '../../src/worker/dispatcher'
import { appImport, appOpen, checkAppRows } from './appPath'
import { baselineImport, baselineOpen } from './baseline'
import { expectSameRows } from './check'
import { csvCell, expectedRow, generateCustomerCsv } from './csv'
import type { SampleRow } from './csv'
import { appRfm, baselineRfm, eventObjects, EVENTS_AS_OF, expectSameRfm, generateEvents } from './derive'
import type { DeriveData } from './derive'
import { browserPids, descendants } from './memory.mjs'

// The data bench's own pieces in Node (run: npx vitest run --root bench/data). The bench checks its
// answers in Chromium; these tests check that those checks hold on correct data and fail on wrong data.

const DAY = 86_400_000

/** An engine client over the real dispatcher in this thread, on a fake-indexeddb database. */
function nodeClient(db: SegmentFlowDb): EngineClient {
  const listeners: ((e: { data: unknown }) => void)[] = []
  const dispatcher = createDispatcher({
    db, chunkSize: 512,
    post: (m) => queueMicrotask(() => listeners.forEach((l) => l({ data: structuredClone(m) }))),
  })
  const worker = {
    postMessage: (m: unknown) => void dispatcher.handle(m),
    addEventListener: (type: string, l: (e: { data: unknown }) => void) => void (type === 'message' && listeners.push(l)),
  }
  return createEngineClient(worker as unknown as WorkerLike)
}

/** A copy of the samples with one field of one row changed. */
function tampered(samples: Map<number, SampleRow>, field: string): Map<number, SampleRow> {
  const out = new Map(samples)
  const [i, s] = [...samples][1]
  out.set(i, { row: { ...s.row, [field]: 'changed' }, texts: { ...s.texts, [field]: 'changed' } })
  return out
}

describe('the customer CSV', () => {
  it('writes cells as marketers\' exports do', () => {
    expect(csvCell({ name: 'lifetime_value', type: 'number' }, 1234567.5)).toBe('"¥1,234,567.50"')
    expect(csvCell({ name: 'lifetime_value', type: 'number' }, 12.3)).toBe('¥12.30')
    expect(csvCell({ name: 'discount_rate', type: 'number' }, 0.35)).toBe('35%')
    expect(csvCell({ name: 'last_purchase_date', type: 'date' }, '2024-03-01')).toBe('2024/3/1')
    expect(csvCell({ name: 'sms_opt_in', type: 'boolean' }, true)).toBe('是')
    expect(csvCell({ name: 'app_user', type: 'boolean' }, false)).toBe('N')
    expect(csvCell({ name: 'tags', type: 'list' }, ['户外', '茶'])).toBe('户外|茶')
    expect(csvCell({ name: 'city', type: 'category' }, 'a,"b"')).toBe('"a,""b"""')
    expect(csvCell({ name: 'age', type: 'number' }, null)).toBe('')
  })

  it('expects lists as the importer reads them: repeats dropped, empty is missing', () => {
    expect(expectedRow({ tags: ['a', 'b', 'a'], x: 1 })).toEqual({ tags: ['a', 'b'], x: 1 })
    expect(expectedRow({ tags: [] })).toEqual({ tags: null })
  })

  it('has a header and one line per customer', async () => {
    const { file, samples } = generateCustomerCsv(1000)
    const lines = (await file.text()).split('\r\n')
    expect(lines.length).toBe(1002) // the last line ends in \r\n too
    expect(lines[0].split(',').length).toBe(30)
    expect(samples.get(0)?.texts.customer_id).toBe('C000001')
    expect(lines[1].startsWith('C000001,')).toBe(true)
  })
})

describe('the app path (the real dispatcher on fake-indexeddb)', () => {
  it('imports the CSV, opens it in a fresh dispatcher and gives back every sample row', { timeout: 60_000 }, async () => {
    const csv = generateCustomerCsv(3000)
    const db = openDatabase(`bench-data-${Math.random().toString(36).slice(2)}`)
    const r = await appImport(nodeClient(db), csv.file, csv.fields, 'customer_id')
    const fresh = nodeClient(db)
    expect((await appOpen(fresh, r.datasetId)).rowCount).toBe(3000)
    await checkAppRows(fresh, r.datasetId, csv.samples)
    await expect(checkAppRows(fresh, r.datasetId, tampered(csv.samples, 'city'))).rejects.toThrow(/field city/)
    db.close()
  })
})

describe('the row-object baseline (papaparse + Dexie on fake-indexeddb)', () => {
  it('stores one record per row and finds every sample among them', { timeout: 60_000 }, async () => {
    const csv = generateCustomerCsv(2000)
    expect((await baselineImport(csv.file)).rowCount).toBe(2000)
    await baselineOpen(csv.samples, 2000)
    await expect(baselineOpen(csv.samples, 2001)).rejects.toThrow(/records read: 2000, expected 2001/)
    await expect(baselineOpen(tampered(csv.samples, 'province'), 2000)).rejects.toThrow(/field province/)
  })
})

describe('recency, frequency, monetary', () => {
  // Three customers; C1 buys twice (once without an amount), C2 once, C3 never; X is nobody.
  const hand: DeriveData = {
    customers: { rowCount: 3, fields: [{ name: 'customer_id', type: 'text' }], columns: { customer_id: { type: 'text', codes: Int32Array.of(0, 1, 2), dict: ['C1', 'C2', 'C3'] } } },
    events: {
      rowCount: 4,
      fields: [{ name: 'customer_id', type: 'text' }, { name: 'order_date', type: 'date', dateFormat: 'date' }, { name: 'amount', type: 'number' }],
      columns: {
        customer_id: { type: 'text', codes: Int32Array.of(0, 0, 1, 2), dict: ['C1', 'C2', 'X'] },
        order_date: { type: 'date', values: Float64Array.of(EVENTS_AS_OF - DAY, EVENTS_AS_OF - 10 * DAY, EVENTS_AS_OF - 3 * DAY, EVENTS_AS_OF), dateFormat: 'date' },
        amount: { type: 'number', values: Float64Array.of(10.5, NaN, 5, 7) },
      },
    } satisfies ColumnarTable,
  }
  const expected = [
    { customer_id: 'C1', recency_days: 1, frequency: 2, monetary: 10.5 },
    { customer_id: 'C2', recency_days: 3, frequency: 1, monetary: 5 },
    { customer_id: 'C3', recency_days: null, frequency: 0, monetary: 0 },
  ]

  it('the baseline gives the hand-computed table', () => {
    expect(baselineRfm(['C1', 'C2', 'C3'], eventObjects(hand.events))).toEqual(expected)
  })

  it('the app gives the hand-computed table', () => {
    const app = appRfm(hand)
    expect([...app.recency]).toEqual([1, 3, NaN])
    expect([...app.frequency]).toEqual([2, 1, 0])
    expect([...app.monetary]).toEqual([10.5, 5, 0])
    expect(expectSameRfm(app, expected)).toBe(2)
  })

  it('both agree on generated events, and the check fails on one wrong value', () => {
    const data = generateEvents(2000, 20_000)
    const ids = Array.from({ length: 2000 }, (_, i) => `C${String(i + 1).padStart(6, '0')}`)
    const base = baselineRfm(ids, eventObjects(data.events))
    const app = appRfm(data)
    const buyers = base.filter((c) => c.frequency > 0).length
    expect(buyers).toBeGreaterThan(100)
    expect(buyers).toBeLessThan(2000) // some customers never buy
    expect(expectSameRfm(app, base)).toBe(buyers)
    app.monetary[1234] += 0.01
    expect(() => expectSameRfm(app, base)).toThrow(/customer C001235/)
  })
})

describe('checks and memory sampling', () => {
  it('expectSameRows compares every field, lists item by item', () => {
    expectSameRows('r', { a: 1, b: ['x'], c: null }, { a: 1, b: ['x'], c: null })
    expect(() => expectSameRows('r', { a: 1, b: ['x', 'y'] }, { a: 1, b: ['x'] })).toThrow(/field b/)
    expect(() => expectSameRows('r', { a: 1 }, { a: 1, b: null })).toThrow(/fields/)
  })

  it('finds a child process, and counts only Chromium ones', async () => {
    const child = spawn('sleep', ['5'])
    try {
      await new Promise((resolve) => child.once('spawn', resolve))
      expect(descendants()).toContain(child.pid)
      expect(browserPids()).not.toContain(child.pid)
    } finally {
      child.kill()
    }
  })
})
