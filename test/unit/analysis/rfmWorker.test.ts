import 'fake-indexeddb/auto'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { ParetoAnalysis } from '../../../src/core/analysis/paretoCurve'
import type { QuadrantAnalysis } from '../../../src/core/analysis/quadrants'
import type { RfmAnalysis } from '../../../src/core/analysis/rfmClasses'
import { computePareto } from '../../../src/core/analysis/paretoCurve'
import { createHarness, type Harness } from '../worker/harness'
import { retailCustomers } from './valueFixtures'

// The value views' requests through the dispatcher on the harness's small demo (seed 7, 1,500 customers).

let h: Harness
let id: string
beforeEach(async () => {
  h = createHarness()
  id = (await h.call<{ datasetId: string }>('ensureDemo', {})).datasetId
})
afterEach(async () => {
  await h.db.delete()
})

const fields = { recency: 'days_since_last_order', frequency: 'order_count', monetary: 'total_amount' }

describe('value analysis requests', () => {
  it('answers RFM classes that add up to the table, and refuses a field that is not a number', async () => {
    const a = await h.call<RfmAnalysis>('rfmAnalysis', { datasetId: id, fields })
    expect(a.total).toBe(1500)
    expect(a.classes.reduce((s, c) => s + c.count, 0) + a.noPurchase.count).toBe(1500)
    expect(a.cells.reduce((s, c) => s + c.count, 0)).toBe(a.buyers)
    const bad = await h.send('rfmAnalysis', { datasetId: id, fields: { ...fields, monetary: 'gender' } })
    expect(bad).toMatchObject({ type: 'error', error: { code: 'bad_request' } })
  })

  it('answers the Pareto curve in ≤ 1,000 points, equal to the core on the same demo; the threshold is bounded', async () => {
    const p = await h.call<ParetoAnalysis>('paretoAnalysis', { datasetId: id, field: 'total_amount', threshold: 0.8 })
    const values = (retailCustomers(1500, 7).columns.total_amount as { values: Float64Array }).values
    const core = computePareto(values, 0.8)
    expect(p.topCount).toBe(core.topCount)
    expect(p.points.length).toBeLessThanOrEqual(1000)
    expect(p.points.at(-1)).toEqual([1, 1])
    const bad = await h.send('paretoAnalysis', { datasetId: id, field: 'total_amount', threshold: 0.99 })
    expect(bad).toMatchObject({ type: 'error', error: { code: 'bad_request' } })
  })

  it('answers quadrants at the median and at typed values (which are required for "custom")', async () => {
    const q = await h.call<QuadrantAnalysis>('quadrantAnalysis', { datasetId: id, frequency: 'order_count', monetary: 'total_amount', method: 'median' })
    expect(q.quadrants.reduce((s, c) => s + c.count, 0)).toBe(q.buyers)
    const c = await h.call<QuadrantAnalysis>('quadrantAnalysis', {
      datasetId: id, frequency: 'order_count', monetary: 'total_amount', method: 'custom', custom: { frequency: 1e9, monetary: 1e12 },
    })
    expect(c.quadrants.map((x) => x.count)).toEqual([0, 0, 0, c.buyers])
    const bad = await h.send('quadrantAnalysis', { datasetId: id, frequency: 'order_count', monetary: 'total_amount', method: 'custom' })
    expect(bad).toMatchObject({ type: 'error', error: { code: 'bad_request' } })
  })
})
