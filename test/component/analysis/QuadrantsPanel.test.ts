// @vitest-environment happy-dom
import 'fake-indexeddb/auto'
import { describe, expect, it, vi } from 'vitest'
import { flushPromises, mount } from '@vue/test-utils'
import { createPinia, setActivePinia } from 'pinia'
import { createI18n } from 'vue-i18n'
import type { QuadrantAnalysis } from '../../../src/core/analysis/quadrants'
import type { Group } from '../../../src/core/logic/types'

// The worker answers with fixed quadrants; checked: the table (counts, shares, strategy), the request
// for typed split values, and "create the four segments" with rules at the split (equality on the low side).
const asked: Record<string, unknown>[] = []
const answer = (split: { frequency: number; monetary: number }): QuadrantAnalysis => ({
  total: 10, totalRevenue: 1000, buyers: 8, split,
  quadrants: [{ count: 2, revenue: 600 }, { count: 1, revenue: 100 }, { count: 1, revenue: 200 }, { count: 4, revenue: 100 }],
  noPurchase: { count: 2, revenue: 0 }, heat: { bins: 2, fMin: 1, fMax: 9, mMin: 0, mMax: 500, counts: [4, 1, 1, 2] },
})
vi.mock('../../../src/worker/client', () => ({
  getEngineClient: () => ({
    quadrantAnalysis: (p: Record<string, unknown>) => {
      asked.push(p)
      return Promise.resolve(answer((p.custom as { frequency: number; monetary: number } | undefined) ?? { frequency: 3.5, monetary: 120 }))
    },
  }),
}))

const { default: QuadrantsPanel } = await import('../../../src/components/analysis/QuadrantsPanel.vue')
const { useSegmentsStore } = await import('../../../src/stores/segments')
const { useWorkspaceStore } = await import('../../../src/stores/workspace')
const { analysisMessages } = await import('../../../src/i18n/analysis')
const wait = async () => {
  await new Promise((r) => setTimeout(r, 150))
  await flushPromises()
}

describe('QuadrantsPanel', () => {
  it('shows the quadrants, asks for typed splits and creates the four segments', async () => {
    const pinia = createPinia()
    setActivePinia(pinia)
    const ws = useWorkspaceStore()
    ws.datasets = [{ id: 'ds', name: 'd', kind: 'customers', rowCount: 10, version: 1, idField: 'id', asOf: 0, createdAt: 0, fields: [
      { name: 'id', type: 'text' }, { name: 'order_count', type: 'number' }, { name: 'total_amount', type: 'number' }, { name: 'days_since_last_order', type: 'number' },
    ] }] as never
    ws.datasetId = 'ds'
    const made: [string, Group][] = []
    vi.spyOn(useSegmentsStore(), 'createWithRule').mockImplementation((name: string, rule: Group) => {
      made.push([name, rule])
      return Promise.resolve({ id: String(made.length), name } as never)
    })
    const w = mount(QuadrantsPanel, { global: { plugins: [pinia, createI18n({ legacy: false, locale: 'zh-CN', messages: analysisMessages })], stubs: { ChartPanel: true } } })
    await wait()
    expect(asked.at(-1)).toMatchObject({ datasetId: 'ds', frequency: 'order_count', monetary: 'total_amount', method: 'mean' })
    const rows = w.findAll('table.value-table tbody tr').map((r) => r.findAll('th, td').map((c) => c.text()))
    expect(rows[0]).toEqual(['高频高额', '2', '20%', '60%', 'VIP 关怀、留存与推荐奖励。'])
    expect(rows[4].slice(0, 3)).toEqual(['未购买', '2', '20%'])

    await w.find('input[type="radio"][value="custom"]').setValue(true)
    const [f, m] = w.findAll('input[type="number"]')
    await f.setValue('4')
    await m.setValue('250')
    await wait()
    expect(asked.at(-1)).toMatchObject({ method: 'custom', custom: { frequency: 4, monetary: 250 } })
    expect(w.text()).toContain('分界：F 4，M 250')

    await w.findAll('button').find((b) => b.text() === '一键创建四个分群')!.trigger('click')
    await wait()
    expect(made.map(([n]) => n)).toEqual(['高频高额', '高频低额', '低频高额', '低频低额'])
    const ops = (g: Group) => g.children.map((c) => (c.kind === 'condition' ? `${c.field} ${c.op} ${String(c.value)}` : ''))
    expect(ops(made[0][1])).toEqual(['order_count gt 0', 'order_count gt 4', 'total_amount gt 250'])
    expect(ops(made[3][1])).toEqual(['order_count gt 0', 'order_count le 4', 'total_amount le 250'])
    expect(w.text()).toContain('已创建 4 个分群。')
  })
})
