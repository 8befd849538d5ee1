import 'fake-indexeddb/auto'
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { generateDemo } from '../../../src/core/demo/generateDemo'
import { generateHotelDemo, HOTEL_DERIVED_FIELDS } from '../../../src/core/demo/generateHotelDemo'
import type { Row } from '../../../src/core/engine/columns'
import { applyLogic, isTruthy, registerCustomOperations, setEvaluationAsOf } from '../../../src/core/logic/customOps'
import type { JsonLogic } from '../../../src/core/logic/types'
import type { SegmentFlowDb } from '../../../src/db/database'
import { listDatasets } from '../../../src/db/datasets'
import { createDispatcher } from '../../../src/worker/dispatcher'
import type { Dispatcher } from '../../../src/worker/dispatcher'
import type { CountResult, FromWorker } from '../../../src/worker/protocol'
import { dumpDb, freshDb } from '../../db/fixtures'
import { rowsOf, staysByGuest } from './hotelReference'

// The worker's 'loadHotelDemo' request on fake-indexeddb, with a small hotel demo (same generator).
// Expected counts: json-logic-js over guest rows whose stay fields come from plain loops (hotelReference).

const GUESTS = 800
const smallHotel = () => generateHotelDemo(7, GUESTS)

let db: SegmentFlowDb
let dispatcher: Dispatcher
let posted: FromWorker[]
let onPost: (m: FromWorker) => void
let seq = 0

async function send(type: string, payload: unknown, id = ++seq): Promise<FromWorker> {
  await dispatcher.handle({ seq: id, type, payload })
  return posted.find((m) => m.seq === id && m.type !== 'progress')!
}
async function call<T>(type: string, payload: unknown = {}): Promise<T> {
  const m = await send(type, payload)
  if (m.type !== 'result') throw new Error(`${type} failed: ${JSON.stringify(m)}`)
  return m.result as T
}

/** Guest rows with stays_last_90_days and invoice_stays computed by plain loops. */
function referenceRows(): Row[] {
  const demo = smallHotel()
  const guests = rowsOf(demo.guests.table)
  const by = staysByGuest(guests, rowsOf(demo.stays.table), demo.asOf)
  return guests.map((g) => ({ ...g, stays_last_90_days: by.get(g.guest_id as string)!.recent, invoice_stays: by.get(g.guest_id as string)!.invoice }))
}

beforeAll(() => registerCustomOperations())
beforeEach(() => {
  db = freshDb()
  posted = []
  onPost = () => undefined
  dispatcher = createDispatcher({
    db, chunkSize: 256, generateDemo: () => generateDemo(7, 300), generateHotelDemo: smallHotel,
    post: (m) => {
      const copy = structuredClone(m)
      posted.push(copy)
      onPost(copy)
    },
  })
})
afterEach(async () => {
  await db.delete()
})

describe('loadHotelDemo', () => {
  it('stores the guests with their stay fields and the stays linked to them, once', async () => {
    const { datasetId } = await call<{ datasetId: string }>('loadHotelDemo')
    const list = await listDatasets(db)
    expect(list).toHaveLength(2)
    const guests = list.find((d) => d.kind === 'customers')!
    const stays = list.find((d) => d.kind === 'events')!
    expect(guests).toMatchObject({ id: datasetId, idField: 'guest_id', rowCount: GUESTS, source: 'demo-hotel', asOf: Date.UTC(2026, 5, 30) })
    expect(guests.fields.filter((f) => f.derived).map((f) => f.name)).toEqual(HOTEL_DERIVED_FIELDS.map((f) => f.name))
    expect(stays).toMatchObject({ parentId: datasetId, customerIdField: 'guest_id', idField: 'stay_id', rowCount: smallHotel().stays.table.rowCount })
    expect((await call<{ datasetId: string }>('loadHotelDemo')).datasetId).toBe(datasetId)
    expect(await listDatasets(db)).toHaveLength(2)
  })

  it('sits beside the retail demo, and two requests at once store one copy', async () => {
    const retail = await call<{ datasetId: string }>('ensureDemo')
    const [a, b] = await Promise.all([call<{ datasetId: string }>('loadHotelDemo'), call<{ datasetId: string }>('loadHotelDemo')])
    expect(a.datasetId).toBe(b.datasetId)
    expect(a.datasetId).not.toBe(retail.datasetId)
    expect((await listDatasets(db)).map((d) => d.source).sort()).toEqual(['demo', 'demo', 'demo-hotel', 'demo-hotel'])
  })

  it('counts frequent guests who print invoices as json-logic-js does on plain-loop fields', async () => {
    const { datasetId } = await call<{ datasetId: string }>('loadHotelDemo')
    const logic: JsonLogic = {
      and: [
        { and: [{ '!=': [{ var: 'stays_last_90_days' }, null] }, { '>=': [{ var: 'stays_last_90_days' }, 3] }] },
        { and: [{ '!=': [{ var: 'invoice_stays' }, null] }, { '>=': [{ var: 'invoice_stays' }, 1] }] },
      ],
    }
    setEvaluationAsOf(Date.UTC(2026, 5, 30))
    const expected = referenceRows().filter((r) => isTruthy(applyLogic(logic, r))).length
    expect(expected).toBeGreaterThan(0)
    expect(expected).toBeLessThan(GUESTS)
    expect((await call<CountResult>('count', { datasetId, logic })).count).toBe(expected)
  })

  it('a load cancelled while the stays are saved leaves the database as before', async () => {
    await call('ensureDemo')
    const before = await dumpDb(db)
    onPost = (m) => {
      // The guests (GUESTS rows) are saved first; cancel once the stays' save has begun.
      if (m.seq === 99 && m.type === 'progress' && m.progress.phase === 'save' && m.progress.total !== GUESTS && m.progress.done > 0) {
        void dispatcher.handle({ type: 'cancel', seq: 99 })
      }
    }
    const m = await send('loadHotelDemo', {}, 99)
    expect(m).toMatchObject({ type: 'error', error: { code: 'cancelled' } })
    expect(posted.some((p) => p.seq === 99 && p.type === 'progress' && p.progress.total === GUESTS && p.progress.done === GUESTS)).toBe(true)
    expect(await dumpDb(db)).toEqual(before)
  })
})
