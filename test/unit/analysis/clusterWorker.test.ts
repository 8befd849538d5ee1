import 'fake-indexeddb/auto'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { ClustersResult } from '../../../src/core/analysis/kmeansRun'
import type { DatasetMeta } from '../../../src/core/io/types'
import { createHarness, type Harness } from '../worker/harness'

// The 'clusters' request end to end through the dispatcher: schema, progress, determinism, cancel.

let h: Harness
beforeEach(() => { h = createHarness() })
afterEach(async () => { await h.db.delete() })

async function demo(): Promise<{ id: string; fields: string[] }> {
  const { datasetId } = await h.call<{ datasetId: string }>('ensureDemo', {})
  const meta = await h.call<DatasetMeta>('open', { datasetId })
  return { id: datasetId, fields: meta.fields.filter((f) => f.type === 'number').map((f) => f.name).slice(0, 3) }
}

describe("worker 'clusters'", () => {
  it('answers aggregates with progress, the same twice, and refuses bad payloads', async () => {
    const { id, fields } = await demo()
    expect(fields.length).toBeGreaterThanOrEqual(2)
    const seq = 77_001
    const first = await h.send('clusters', { datasetId: id, fields, k: 3 }, seq)
    expect(first.type).toBe('result')
    const r = (first as { result: ClustersResult }).result
    expect(r.clusters).toHaveLength(3)
    expect(r.clusters.reduce((s, c) => s + c.size, 0)).toBe(r.clustered)
    expect(r.clustered + r.excluded).toBe(r.total)
    expect(h.progressOf(seq).map((p) => p.phase)).toEqual(expect.arrayContaining(['cluster', 'hint', 'rules']))
    const again = await h.call<ClustersResult>('clusters', { datasetId: id, fields, k: 3 })
    expect(again).toEqual(r)
    for (const payload of [{ datasetId: id, fields: fields.slice(0, 1), k: 3 }, { datasetId: id, fields, k: 13 }, { datasetId: id, fields: [fields[0], 'nope'], k: 3 }]) {
      const m = await h.send('clusters', payload)
      expect(m).toMatchObject({ type: 'error', error: { code: 'bad_request' } })
    }
  })

  it('stops when cancelled during the iterations', async () => {
    const { id, fields } = await demo()
    const seq = 77_002
    h.onPost = (m) => { if (m.seq === seq && m.type === 'progress') void h.dispatcher.handle({ type: 'cancel', seq }) }
    const m = await h.send('clusters', { datasetId: id, fields, k: 4 }, seq)
    expect(m).toMatchObject({ type: 'error', error: { code: 'cancelled' } })
  })
})
