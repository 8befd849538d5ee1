import 'fake-indexeddb/auto'
import { describe, expect, it } from 'vitest'
import type { GridResult } from '../../../src/core/analysis/gridTable'
import { gridSelectionRule } from '../../../src/core/analysis/gridRule'
import { rowAt } from '../../../src/core/engine/columns'
import { toJsonLogic } from '../../../src/core/logic/toJsonLogic'
import { createHarness, smallDemo } from '../worker/harness'

// The 'grid' request end to end through the dispatcher on the small demo: counts equal a naive loop
// over the demo rows, a scope restricts them, a bad field is a 'bad_request', progress is reported,
// and the rule of some cells counts (through the worker's own 'count') what those cells hold.
describe("worker 'grid' request", () => {
  it('answers the cross-tab of the demo, restricted to a scope, and refuses an unusable field', async () => {
    const h = createHarness()
    const { datasetId } = await h.call<{ datasetId: string }>('ensureDemo', {})
    const demo = smallDemo().customers.table
    const rows = Array.from({ length: demo.rowCount }, (_, i) => rowAt(demo, i))
    const spec = { rows: { field: 'gender' }, cols: { field: 'member_level' } }
    const g = await h.call<GridResult>('grid', { datasetId, ...spec })
    // Naive: count the rows per (gender, level) pair by their values.
    const label = (key: GridResult['rows'][number], d: number): string | null => {
      const bin = g.dims[d].bins[key[0].bin]
      return bin.kind === 'value' ? bin.value : null
    }
    g.rows.forEach((rk, r) => g.cols.forEach((ck, c) => {
      const want = rows.filter((x) => x.gender === label(rk, 0) && x.member_level === label(ck, 1)).length
      expect(g.counts[r * g.cols.length + c]).toBe(want)
    }))
    expect(g.scopeCount).toBe(rows.length)

    const scope = { '==': [{ var: 'gender' }, '女'] }
    const seq = 777_001
    const scoped = await h.send('grid', { datasetId, ...spec, scope }, seq)
    expect(scoped.type).toBe('result')
    expect((scoped as { result: GridResult }).result.scopeCount).toBe(rows.filter((x) => x.gender === '女').length)
    expect(h.progressOf(seq).map((p) => p.phase)).toContain('grid')

    const rule = toJsonLogic(gridSelectionRule(g, [0, g.cols.length + 1]))
    const { count } = await h.call<{ count: number }>('count', { datasetId, logic: rule })
    expect(count).toBe(g.counts[0] + g.counts[g.cols.length + 1])

    const bad = await h.send('grid', { datasetId, rows: { field: 'tags' }, cols: spec.cols })
    expect(bad).toMatchObject({ type: 'error', error: { code: 'bad_request' } })
    const invalid = await h.send('grid', { datasetId, rows: { field: 'age', bins: 500 }, cols: spec.cols })
    expect(invalid).toMatchObject({ type: 'error', error: { code: 'bad_request' } })
  })
})
